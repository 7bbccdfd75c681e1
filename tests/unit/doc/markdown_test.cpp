#include <tacit/doc/document.hpp>
#include <tacit/doc/languages.hpp>
#include <tacit/doc/markdown.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using tacit::doc::Document;

namespace {

Document parse(std::string_view markdown) {
  Document doc;
  tacit::doc::parse_markdown(markdown, doc);
  return doc;
}

std::string repeat(std::string_view text, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += text;
  }
  return out;
}

std::string crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += c == '\n' ? "\r\n" : std::string(1, c);
  }
  return out;
}

// Every structural field, flattened, for comparing two parses.
std::string summary(const Document& doc) {
  std::string out = "fm@" + std::to_string(doc.front_matter_line) + ":" + doc.front_matter + "\n";
  for (const auto& s : doc.sections) {
    out += "S" + std::to_string(s.level) + " " + s.heading + " " + std::to_string(s.line_begin) + "-" +
           std::to_string(s.line_end) + " [" + s.body + "]\n";
  }
  for (const auto& c : doc.code_blocks) {
    out +=
        "C " + c.info + " " + std::to_string(c.line) + ":" + std::to_string(c.column) + " [" + c.text + "]\n";
  }
  for (const auto& c : doc.inline_code) {
    out += "I " + c.text + " " + std::to_string(c.line) + ":" + std::to_string(c.column) + "\n";
  }
  for (const auto& l : doc.links) {
    out += "L " + l.target + " " + l.text + " " + std::to_string(l.line) + ":" + std::to_string(l.column) +
           (l.image ? " image" : "") + "\n";
  }
  return out;
}

constexpr std::string_view k_sample = R"(---
title: Sample
tags: [a, b]
---
Intro with `make test`.

# Build

Run `make`.

## Linux

```bash title="x"
sudo apt-get install cmake
make -j4
```

### Details

text

## Windows

    nmake
    nmake install

# Test

See [the guide](docs/guide.md "Guide") and ![logo](img/logo.png).
)";

} // namespace

TEST_CASE("empty input gives an empty structural document") {
  Document doc = parse("");
  CHECK(doc.structural);
  CHECK_FALSE(doc.parse_timed_out);
  CHECK(doc.sections.empty());
  CHECK(doc.code_blocks.empty());
  CHECK(doc.inline_code.empty());
  CHECK(doc.links.empty());
  CHECK(doc.front_matter.empty());
}

TEST_CASE("sections follow ATX headings with heading paths and inclusive line ranges") {
  Document doc = parse(k_sample);
  REQUIRE(doc.sections.size() == 6);

  const auto& preamble = doc.sections[0];
  CHECK(preamble.level == 0);
  CHECK(preamble.heading.empty());
  CHECK(tacit::doc::heading_path(doc, 0).empty());
  CHECK(preamble.line_begin == 1);
  CHECK(preamble.line_end == 6);

  const auto& build = doc.sections[1];
  CHECK(build.heading == "Build");
  CHECK(build.level == 1);
  CHECK(build.line_begin == 7);
  CHECK(build.line_end == 26); // up to the next level-1 heading
  CHECK(tacit::doc::heading_path(doc, 1) == std::vector<std::string>{"Build"});
  CHECK(build.body.starts_with("\nRun `make`.\n"));

  const auto& linux_section = doc.sections[2];
  CHECK(linux_section.heading == "Linux");
  CHECK(linux_section.level == 2);
  CHECK(linux_section.line_begin == 11);
  CHECK(linux_section.line_end == 21); // includes its level-3 subsection
  CHECK(tacit::doc::heading_path(doc, 2) == std::vector<std::string>{"Build", "Linux"});

  const auto& details = doc.sections[3];
  CHECK(tacit::doc::heading_path(doc, 3) == std::vector<std::string>{"Build", "Linux", "Details"});
  CHECK(details.line_begin == 18);
  CHECK(details.line_end == 21);
  CHECK(details.body == "\ntext\n\n");

  CHECK(tacit::doc::heading_path(doc, 4) == std::vector<std::string>{"Build", "Windows"});
  CHECK(doc.sections[4].line_end == 26);

  const auto& test = doc.sections[5];
  CHECK(test.heading == "Test");
  CHECK(test.line_begin == 27);
  CHECK(test.line_end == 29);
  CHECK(tacit::doc::heading_path(doc, 5) == std::vector<std::string>{"Test"});
}

TEST_CASE("heading text: closing hashes, inline markup kept, setext, skipped levels") {
  Document doc = parse("# Title with `code` and *em* ##\n"
                       "### Deep ###\n"
                       "Setext\n"
                       "spanning lines\n"
                       "===\n"
                       "Second\n"
                       "------\n"
                       "# C# is ok\n"
                       "#\n");
  REQUIRE(doc.sections.size() == 6);
  CHECK(doc.sections[0].heading == "Title with `code` and *em*");
  CHECK(doc.sections[1].heading == "Deep");
  CHECK(doc.sections[1].level == 3);
  CHECK(tacit::doc::heading_path(doc, 1) == std::vector<std::string>{"Title with `code` and *em*", "Deep"});
  CHECK(doc.sections[2].heading == "Setext spanning lines");
  CHECK(doc.sections[2].level == 1);
  CHECK(doc.sections[2].line_begin == 3);
  CHECK(doc.sections[2].line_end == 7);
  CHECK(doc.sections[2].body == "Second\n------\n");
  CHECK(doc.sections[3].heading == "Second");
  CHECK(doc.sections[3].level == 2);
  CHECK(doc.sections[3].line_begin == 6);
  CHECK(tacit::doc::heading_path(doc, 3) == std::vector<std::string>{"Setext spanning lines", "Second"});
  CHECK(doc.sections[4].heading == "C# is ok");
  CHECK(doc.sections[4].line_end == 8);
  CHECK(doc.sections[5].heading.empty()); // "#" alone is an empty heading
  CHECK(doc.sections[5].level == 1);
}

TEST_CASE("headings inside block quotes and list items do not start sections") {
  Document doc = parse("# Top\n> # Quoted\n- # Listed\n\ntext\n");
  REQUIRE(doc.sections.size() == 1);
  CHECK(doc.sections[0].heading == "Top");
  CHECK(doc.sections[0].line_end == 5);
}

TEST_CASE("fenced code blocks: info string, text, first content line and column") {
  Document doc = parse(k_sample);
  REQUIRE(doc.code_blocks.size() == 2);
  const auto& fenced = doc.code_blocks[0];
  CHECK(fenced.info == "bash title=\"x\"");
  CHECK(fenced.text == "sudo apt-get install cmake\nmake -j4\n");
  CHECK(fenced.line == 14);
  CHECK(fenced.column == 1);

  const auto& indented = doc.code_blocks[1];
  CHECK(indented.info.empty());
  CHECK(indented.text == "nmake\nnmake install\n");
  CHECK(indented.line == 24);
  CHECK(indented.column == 5);
}

TEST_CASE("fenced code blocks in containers lose their container markers and fence indentation") {
  Document doc = parse("  ~~~sh\n"
                       "  make\n"
                       "    indented\n"
                       " less\n"
                       "  ~~~\n"
                       "\n"
                       "- item\n"
                       "  ```py\n"
                       "  print(1)\n"
                       "  ```\n"
                       "\n"
                       "> ```\n"
                       "> quoted\n"
                       ">\n"
                       "> ```\n"
                       "\n"
                       "```\n"
                       "```\n"
                       "\n"
                       "```go\n"
                       "unterminated");
  REQUIRE(doc.code_blocks.size() == 5);
  CHECK(doc.code_blocks[0].info == "sh");
  CHECK(doc.code_blocks[0].text == "make\n  indented\nless\n");
  CHECK(doc.code_blocks[0].line == 2);
  CHECK(doc.code_blocks[0].column == 3);

  CHECK(doc.code_blocks[1].info == "py");
  CHECK(doc.code_blocks[1].text == "print(1)\n");
  CHECK(doc.code_blocks[1].line == 9);
  CHECK(doc.code_blocks[1].column == 3);

  CHECK(doc.code_blocks[2].info.empty());
  CHECK(doc.code_blocks[2].text == "quoted\n\n");
  CHECK(doc.code_blocks[2].line == 13);
  CHECK(doc.code_blocks[2].column == 3);

  CHECK(doc.code_blocks[3].text.empty());
  CHECK(doc.code_blocks[3].line == 18);

  CHECK(doc.code_blocks[4].info == "go");
  CHECK(doc.code_blocks[4].text == "unterminated\n");
  CHECK(doc.code_blocks[4].line == 21);

  // After a blank line the list's continuation is all that is cut; ">" without a space keeps the rest.
  doc = parse("- a\n  ```\n  x\n\n    y\n  ```\n> ```\n>  q\n>\n>r\n> ```\n");
  REQUIRE(doc.code_blocks.size() == 2);
  CHECK(doc.code_blocks[0].text == "x\n\n  y\n");
  CHECK(doc.code_blocks[1].text == " q\n\nr\n");
}

TEST_CASE("indented code blocks in list items, trailing blank lines dropped") {
  Document doc = parse("- item\n\n      code line\n        deeper\n\n\nafter\n");
  REQUIRE(doc.code_blocks.size() == 1);
  CHECK(doc.code_blocks[0].text == "code line\n  deeper\n");
  CHECK(doc.code_blocks[0].line == 3);
  CHECK(doc.code_blocks[0].column == 7);

  doc = parse("    top\n      more\n\n    last\n");
  REQUIRE(doc.code_blocks.size() == 1);
  CHECK(doc.code_blocks[0].text == "top\n  more\n\nlast\n");
}

TEST_CASE("inline code spans: content without backticks, content column") {
  Document doc = parse("Run `make test` or ``a `quoted` b`` or `` `tick` ``.\n"
                       "| col | `cell` |\n"
                       "|-----|--------|\n"
                       "| [`linked`](x) | y |\n"
                       "> quoted `multi\n"
                       "> line` span\n");
  REQUIRE(doc.inline_code.size() == 6);
  CHECK(doc.inline_code[0].text == "make test");
  CHECK(doc.inline_code[0].line == 1);
  CHECK(doc.inline_code[0].column == 6);
  CHECK(doc.inline_code[1].text == "a `quoted` b");
  CHECK(doc.inline_code[1].column == 22);
  CHECK(doc.inline_code[2].text == "`tick`"); // one space stripped each side
  CHECK(doc.inline_code[2].column == 43);
  CHECK(doc.inline_code[3].text == "cell");
  CHECK(doc.inline_code[3].line == 2);
  CHECK(doc.inline_code[4].text == "linked");
  CHECK(doc.inline_code[4].line == 4);
  CHECK(doc.inline_code[5].text == "multi line"); // the "> " of the second line is not content
  CHECK(doc.inline_code[5].line == 5);
  CHECK(doc.inline_code[5].column == 11);
}

TEST_CASE("code in HTML comments, HTML blocks and code blocks is not inline code") {
  Document doc = parse("text <!-- `hidden` [x](y) --> `shown`\n"
                       "\n"
                       "<!--\n"
                       "`also hidden`\n"
                       "-->\n"
                       "\n"
                       "<div>`raw html`</div>\n"
                       "\n"
                       "```\n"
                       "`in code`\n"
                       "```\n");
  REQUIRE(doc.inline_code.size() == 1);
  CHECK(doc.inline_code[0].text == "shown");
  CHECK(doc.links.empty());
}

TEST_CASE("inline links, images and autolinks") {
  Document doc = parse(k_sample);
  REQUIRE(doc.links.size() == 2);
  CHECK(doc.links[0].target == "docs/guide.md");
  CHECK(doc.links[0].text == "the guide");
  CHECK(doc.links[0].line == 29);
  CHECK(doc.links[0].column == 17);
  CHECK_FALSE(doc.links[0].image);
  CHECK(doc.links[1].target == "img/logo.png");
  CHECK(doc.links[1].text == "logo");
  CHECK(doc.links[1].image);

  doc = parse("<https://example.com/a> <me@example.com> [sp](<a b.md>) [none]() [x]\n");
  REQUIRE(doc.links.size() == 3);
  CHECK(doc.links[0].target == "https://example.com/a");
  CHECK(doc.links[0].column == 2);
  CHECK(doc.links[1].target == "me@example.com");
  CHECK(doc.links[2].target == "a b.md");
  CHECK(doc.links[2].text == "sp");
  CHECK(doc.links[2].column == 48);
}

TEST_CASE("reference links resolve through their definitions, once per definition") {
  Document doc =
      parse("See [the docs][Docs], [docs][] and [DOCS] again, ![alt][logo], [missing][nope], [x].\n"
            "\n"
            "[docs]: ./docs/README.md \"Title\"\n"
            "[logo]:\n"
            "  <img/logo.png>\n"
            "[docs]: ignored-second-definition.md\n");
  REQUIRE(doc.links.size() == 2);
  CHECK(doc.links[0].target == "./docs/README.md");
  CHECK(doc.links[0].text == "the docs");
  CHECK(doc.links[0].line == 3); // located at the definition's destination
  CHECK(doc.links[0].column == 9);
  CHECK_FALSE(doc.links[0].image);
  CHECK(doc.links[1].target == "img/logo.png");
  CHECK(doc.links[1].text == "alt");
  CHECK(doc.links[1].line == 5);
  CHECK(doc.links[1].column == 4);
  CHECK(doc.links[1].image);
}

TEST_CASE("YAML front matter") {
  Document doc = parse("---\nname: x\nlist:\n  - a\n---\n# Title\n");
  CHECK(doc.front_matter == "name: x\nlist:\n  - a\n");
  CHECK(doc.front_matter_line == 2);
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[1].heading == "Title");

  doc = parse("# Title\n\n---\nname: x\n---\n");
  CHECK(doc.front_matter.empty());
  CHECK(doc.front_matter_line == 0);

  doc = parse("---\n---\ntext\n");
  CHECK(doc.front_matter.empty());
}

TEST_CASE("CRLF input gives the same document as LF input") {
  std::string lf = std::string(k_sample) + "\n[ref]\n\n[ref]: <target.md>\n> `a\n> b`\n";
  Document with_lf = parse(lf);
  Document with_crlf = parse(crlf(lf));
  CHECK(summary(with_crlf) == summary(with_lf));
  CHECK(with_crlf.front_matter == "title: Sample\ntags: [a, b]\n");
  CHECK(with_crlf.code_blocks.at(0).text == "sudo apt-get install cmake\nmake -j4\n");
}

TEST_CASE("binary garbage and NUL bytes neither crash nor hang") {
  std::mt19937 rng(1234);
  for (int round = 0; round < 20; ++round) {
    std::string bytes(4096, '\0');
    for (char& c : bytes) {
      c = static_cast<char>(rng() & 0xff);
    }
    Document doc;
    tacit::doc::parse_markdown(bytes, doc, 2s);
    CHECK(doc.sections.size() <= 4096);
  }
  Document doc = parse(repeat(std::string_view("# a\n\0\0 `x` [l](y)\n", 18), 100));
  CHECK(doc.sections.size() == 100);
  CHECK(doc.inline_code.size() == 100);
}

TEST_CASE("pathological nesting is refused quickly, without a crash") {
  for (const std::string& input :
       {repeat("> ", 5000) + "x `code`\n", repeat("- ", 5000) + "x\n", repeat(">", 300), [] {
          std::string s;
          for (int i = 0; i < 5000; ++i) {
            s += std::string(static_cast<std::size_t>(2 * i), ' ') + "- item\n";
          }
          return s;
        }()}) {
    auto start = std::chrono::steady_clock::now();
    Document doc = parse(input);
    CHECK(std::chrono::steady_clock::now() - start <
          60s); // a hang guard, not a speed test: sanitizers and a busy machine are slow
    CHECK(doc.parse_timed_out);
    CHECK_FALSE(doc.structural);
  }
  // The fallback text scan still finds inline code.
  CHECK(parse(repeat("> ", 5000) + "x `code`\n").inline_code.size() == 1);
}

TEST_CASE("moderate nesting is parsed structurally") {
  std::string quotes = repeat("> ", 60) + "deep `code`\n";
  Document doc = parse(quotes);
  CHECK(doc.structural);
  CHECK_FALSE(doc.parse_timed_out);
  REQUIRE(doc.inline_code.size() == 1);
  CHECK(doc.inline_code[0].column == 127);

  std::string list;
  for (int i = 0; i < 60; ++i) {
    list += std::string(static_cast<std::size_t>(2 * i), ' ') + "- item `" + std::to_string(i) + "`\n";
  }
  doc = parse(list);
  CHECK(doc.structural);
  CHECK(doc.inline_code.size() == 60);
}

TEST_CASE("a spent time budget falls back to the text scan and flags the document") {
  Document doc;
  tacit::doc::parse_markdown(std::string(k_sample) + repeat("para [a](b) `c`\n\n", 2000), doc, 0us);
  CHECK(doc.parse_timed_out);
  CHECK_FALSE(doc.structural);
  CHECK(doc.sections.empty());
  CHECK_FALSE(doc.code_blocks.empty()); // from the text scan

  // The thread's parsers are reset: the next parse is complete.
  Document next = parse(k_sample);
  CHECK_FALSE(next.parse_timed_out);
  CHECK(next.structural);
  CHECK(next.links.size() == 2);
}

TEST_CASE("a spent memory budget falls back to the text scan and says it was the memory") {
  // 2,000 fenced blocks need a few MB of syntax tree; 1 MiB is not enough, 256 MiB is.
  std::string text = "# Title\n\n";
  for (int i = 0; i < 2000; ++i)
    text += "```sh\nmake t" + std::to_string(i) + "\n```\n";
  text += "\nSee `late`.\n";
  Document cut;
  tacit::doc::parse_markdown(text, cut, 60s, nullptr, std::int64_t{1} << 20);
  CHECK(cut.parse_timed_out);
  CHECK(cut.parse_out_of_memory);
  CHECK_FALSE(cut.structural);
  CHECK(cut.code_blocks.size() == 2000); // from the text scan
  REQUIRE(cut.inline_code.size() == 1);
  CHECK(cut.inline_code[0].line == 6004);

  Document whole;
  tacit::doc::parse_markdown(text, whole, 60s);
  CHECK_FALSE(whole.parse_timed_out);
  CHECK_FALSE(whole.parse_out_of_memory);
  CHECK(whole.structural);
  CHECK(whole.code_blocks.size() == 2000);
  CHECK(tacit::doc::tree_sitter_bytes_on_thread() < (std::int64_t{16} << 20)); // the trees are freed
}

TEST_CASE("a budget spent during the inline parses keeps the block structure") {
  // Emphasis soup costs the inline grammar ~5 times what the block grammar spends on it, so a budget of
  // a third of the whole parse lets the block parse finish and stops the inline one.
  std::string text = "# Title\n\n```sh\nmake\n```\n\n" + repeat("*a", 25000) + " `late`\n";
  Document full;
  auto start = tacit::doc::thread_cpu_time();
  tacit::doc::parse_markdown(text, full, 60s);
  auto whole = std::chrono::duration_cast<std::chrono::microseconds>(tacit::doc::thread_cpu_time() - start);
  REQUIRE_FALSE(full.parse_timed_out);
  CHECK(full.inline_code.size() == 1);

  Document partial;
  tacit::doc::parse_markdown(text, partial, whole / 3);
  CHECK(partial.parse_timed_out);
  CHECK(partial.structural);
  REQUIRE(partial.sections.size() == 1);
  CHECK(partial.sections[0].heading == "Title");
  CHECK(partial.code_blocks.size() == 1);
  CHECK(partial.inline_code.empty());
}

// Backtick runs of growing length on one line: each opening run makes the block grammar's scanner look for
// a closing fence over the rest of the line.
std::string backtick_runs(std::size_t bytes) {
  std::string text = "# Doc\n\n";
  for (std::size_t run = 1; text.size() < bytes; ++run)
    text += std::string(run, '`') + " x ";
  return text + "\n";
}

// Issue 17: tree-sitter asks the budget once per 100 parse operations, and on such a line one operation can
// scan the rest of the line; the budget read the clock on every 64th question only, so a 1 MB file given
// 6 s took over 70.
TEST_CASE("an adversarial line cannot overrun the file's budget") {
  Document doc;
  const auto start = tacit::doc::thread_cpu_time();
  tacit::doc::parse_markdown(backtick_runs(1 << 20), doc, 500ms);
  CHECK(doc.parse_timed_out);
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
  CHECK(tacit::doc::thread_cpu_time() - start < 20s); // 4.5-6 s under ASan on a busy VM: a hang guard there
#else
  CHECK(tacit::doc::thread_cpu_time() - start < 5s);
#endif
}

// Issue 17: the budget was per file (1 s + 5 s per MB), so a run over several such files took the sum.
TEST_CASE("parses on several threads share the run's budget") {
  tacit::doc::RunBudget run(400ms);
  std::vector<Document> docs(3);
  std::vector<std::chrono::nanoseconds> used(docs.size());
  const auto text = backtick_runs(1 << 20);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < docs.size(); ++i)
    threads.emplace_back([&, i] {
      const auto start = tacit::doc::thread_cpu_time();
      tacit::doc::parse_markdown(text, docs[i], 60s, &run);
      used[i] = tacit::doc::thread_cpu_time() - start;
    });
  for (auto& thread : threads)
    thread.join();
  CHECK(run.spent());
  std::chrono::nanoseconds total{0};
  for (std::size_t i = 0; i < docs.size(); ++i) {
    CHECK(docs[i].parse_timed_out);
    CHECK(docs[i].parse_run_budget_spent); // the run's budget, not the file's own 60 s
    total += used[i];
  }
  // 400 ms of parsing, plus the text scans that replace it and a busy machine (sanitizer and debug builds run
  // those scans about 20 times slower).
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
  CHECK(total < 60s);
#else
  CHECK(total < 5s);
#endif

  // A parse within a budget that is not spent is not cut.
  tacit::doc::RunBudget fresh(60s);
  Document small;
  tacit::doc::parse_markdown(k_sample, small, 60s, &fresh);
  CHECK_FALSE(small.parse_timed_out);
  CHECK_FALSE(fresh.spent());
}

// Issue 17: one tree for a whole large document cost ~800 bytes per heading; it is parsed in pieces of
// 256 KiB that end before a heading, and a piece whose last block could run on (an HTML comment, an
// unclosed fence) is parsed again, longer. The pieces must give what one parse gives.
TEST_CASE("a large document parsed in pieces gives what one parse gives") {
  const std::string filler = "Prose with `code` and a [link][ref].\n\n";
  std::string text = "# Start\n\n";
  int fillers = 0;
  auto fill_to = [&](std::size_t size) {
    for (; text.size() < size; ++fillers)
      text += filler;
  };
  fill_to((256 << 10) - 200);
  text += "<!--\n" + repeat("a comment line\n", 30) + "# not a heading: in a comment\n-->\n\n";
  fill_to((512 << 10) - 200);
  text += "```sh\n" + repeat("make\n", 60) + "# a shell comment, in a fence\n```\n\n";
  fill_to((768 << 10) - 200);
  text += "- a list item\n  continued\n> a quote\n" + repeat("| a | b |\n", 1) + "\n";
  fill_to(1 << 20);
  int end_line = 1;
  for (char c : text)
    end_line += c == '\n' ? 1 : 0;
  text += "# End\n\n[ref]: docs/ref.md\n";

  Document doc;
  tacit::doc::parse_markdown(text, doc, 600s);
  REQUIRE_FALSE(doc.parse_timed_out);
  REQUIRE(doc.structural);
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].heading == "Start");
  CHECK(doc.sections[1].heading == "End");
  CHECK(doc.sections[1].line_begin == end_line);
  CHECK(doc.sections[0].line_end == end_line - 1);
  CHECK(doc.inline_code.size() == static_cast<std::size_t>(fillers));
  CHECK(doc.inline_code.back().line == end_line - 2);
  REQUIRE(doc.code_blocks.size() == 1);
  CHECK(doc.code_blocks[0].text.ends_with("# a shell comment, in a fence\n"));
  REQUIRE_FALSE(doc.links.empty()); // the definition in the last piece resolves links of the first
  CHECK(doc.links[0].target == "docs/ref.md");
}

// Issue 17: a million one-line headings took over 1 GB; the sections are small records and the tree is
// built a piece at a time (tests/unit/cli/linear_input_test.cpp bounds the whole run's memory).
TEST_CASE("many headings: sections are small records") {
  CHECK(sizeof(tacit::doc::Section) <= 96);
  Document doc = parse(repeat("# h\n", 100000));
  REQUIRE(doc.sections.size() == 100000);
  CHECK(doc.sections.back().line_begin == 100000);
  CHECK(doc.sections.back().parent == -1);
  Document nested = parse("# a\n## b\n### c\n## d\n");
  CHECK(nested.sections[2].parent == 1);
  CHECK(nested.sections[3].parent == 0);
  CHECK(tacit::doc::heading_path(nested, 2) == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("the default budget scales with size") {
  CHECK(tacit::doc::markdown_time_budget(0) >= 500ms);
  CHECK(tacit::doc::markdown_time_budget(10 << 20) > tacit::doc::markdown_time_budget(1 << 20));
}

TEST_CASE("parsing is thread-safe with per-thread parsers") {
  const std::string expected = summary(parse(k_sample));
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&results, t] {
      for (int i = 0; i < 50; ++i) {
        results[t] = summary(parse(k_sample));
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (const auto& result : results) {
    CHECK(result == expected);
  }
}

namespace {

// Every named node of the `language` tree of `text` with its byte range, in document order (the anonymous
// ones are the punctuation tokens the merged text does away with; the reader reads named nodes only).
std::string named_tree(std::string_view text, tacit::doc::Language language) {
  auto parser = tacit::doc::make_parser(language);
  tacit::doc::ParseBudget budget(10s);
  auto tree = tacit::doc::parse_until(parser.get(), text, budget);
  REQUIRE(tree);
  std::string out;
  tacit::doc::walk(ts_tree_root_node(tree.get()), [&](TSNode node, uint32_t depth) {
    if (!ts_node_is_named(node))
      return true;
    out += std::string(depth, ' ') + ts_node_type(node) + " " + std::to_string(ts_node_start_byte(node)) +
           "-" + std::to_string(ts_node_end_byte(node)) + "\n";
    return true;
  });
  return out;
}

std::string block_tree(std::string_view text) {
  return named_tree(text, tacit::doc::Language::Markdown);
}

std::string inline_tree(std::string_view text) {
  return named_tree(text, tacit::doc::Language::MarkdownInline);
}

// Cases where a character past a line's start decides a block, each once met in a real document, then
// cases where a blank or a punctuation character decides inline syntax.
constexpr std::string_view k_block_cases[] = {
    "Prose, with (punctuation); and \"quotes\" = 'all' of it.\nA second line: with a colon.\n",
    "# Title ##\n\n## Closed #\n\n### Not closed#\n",
    "Setext heading\n==============\n\nAnother one\n---\n",
    "| Name | Value |\n|------|:-----:|\n| a \\| b | `c | d` |\n| e f | g h |\n",
    "```text\nConfiguration omitted required fields for this rule.```\n\n### Valid\n\n```text\nok.```\n",
    "~~~ python title=\"x\"\nprint(1)\n~~~\n\n```bash some words\nmake test\n```\n",
    "[foo]: /url \"title with spaces\"\n\n[bar]:\n  /other\n  'title here'\n\n[^note3]:\n    I am a block\n  "
    "  of text\n",
    "Sample footnotes [^3] [^note3]\n\n[^3]: A line\n  A new line\n\n[^note3]:\n    I am a new block of "
    "text\n"
    "    With a new line as well\n",
    "<div class=\"x\">\ntext in html, with words\n</div>\n\n<!-- a comment\nthat runs on, and on -->\nafter "
    "it\n",
    "<pre>\nsome text\nmore </pre> and words\n\nparagraph\n<?php echo 1, 2; ?> words\n<![CDATA[ x, y ]]> "
    "tail\n",
    "- item one, with words\n- item two\n\n  continued paragraph (indented)\n\n      indented code, here\n"
    "1. first\n2) second\n10. tenth item\n",
    "> quoted text, lazy\ncontinuation line.\n> - nested list, item\n>   ```sh\n>   make it so\n>   ```\n",
    "* * *\n- - -\n_ _ _\nText _under_ *stars* and __more__ words.\n\nfoo\n***\nbar\n",
    "---\ntitle: front matter, with words\ntags: [a, b]\n---\n\nBody text here.\n",
    "    indented code, words here\n    more code\n\nText\n\tTabbed code\n",
    "Text with trailing blanks   \nhard break before, and \\\nbackslash break.\n",
    "Émile écrit, en français. 日本語の文章、句読点。\n- élément, un\n",
    "Line ending a paragraph\n# Heading interrupts\n> quote interrupts, too\n```\nfence interrupts\n```\n",
    "A <span class=\"x\">tag</span> mid-line, and <!-- comment --> there.\n<span>\nhtml block 7, "
    "words\n\nx\n",
    "Link [text, here](http://a.b/c \"t t\") and ![img, alt](x.png) <http://auto.link/x>.\n",
    "- [x] done, with words\n- [ ] open item (later)\n* [X] also done\n",
    "hard break  \nafter two blanks, and a tab\t\nand a backslash\\\nend.\n",
    "*emphasis*, _under_. **strong** text. foo*bar* foo_bar_ a * b * c _ d _ e. *a, b*. _a. b_\n",
    "[link text](dest) [not a link](dest with spaces) [t](<d e> \"title, here\") [ref label] [a][b c]\n",
    "<a href=\"x y\" title=z>tag</a> <b c, d> a < b, c > d <http://x.y/z> <me@x.org> &amp; &#35; x.\n",
    "`code, with spaces` `` a ` b `` ` lead and trail ` and `unclosed, text\n",
    "~~strike, through~~ ~one~ $latex, span$ text\\. \\* escaped. 1. 2, 3\n",
    "a (paren, inside [link](x)) and (unclosed, paren\nnext line, still (inside)\n\nnew paragraph, here\n",
};

} // namespace

TEST_CASE("the texts for the block and inline grammars give the same trees, node for node") {
  for (std::string_view text : k_block_cases) {
    CAPTURE(text);
    const std::string merged = tacit::doc::markdown_block_text(text);
    REQUIRE(merged.size() == text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
      REQUIRE((text[i] == '\n') == (merged[i] == '\n'));
    CHECK(block_tree(merged) == block_tree(text));
    CHECK(inline_tree(tacit::doc::markdown_inline_text(text)) == inline_tree(text));
  }
  // It does merge: prose becomes one run of letters (one token) after the line's first letter.
  CHECK(tacit::doc::markdown_block_text("- Run it, then (twice) stop.  \n") ==
        "- Runaitaathenaatwiceaastopa  \n");
}

TEST_CASE("the texts for the block and inline grammars give the same trees on random mixes of syntax") {
  std::mt19937 random(20261206);
  std::vector<std::string_view> lines;
  for (std::string_view text : k_block_cases)
    for (std::size_t begin = 0; begin < text.size();) {
      const auto end = text.find('\n', begin);
      lines.push_back(text.substr(begin, end - begin));
      begin = end + 1;
    }
  lines.push_back("");
  lines.push_back("");
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const auto count = 2 + random() % 12;
    for (std::size_t i = 0; i < count; ++i) {
      const auto& line = lines[random() % lines.size()];
      text += std::string(random() % 4 == 0 ? random() % 6 : 0, ' ');
      text.append(line).push_back('\n');
    }
    CAPTURE(text);
    CHECK(block_tree(tacit::doc::markdown_block_text(text)) == block_tree(text));
    CHECK(inline_tree(tacit::doc::markdown_inline_text(text)) == inline_tree(text));
  }
}

TEST_CASE("the texts for the block and inline grammars give the same trees on every Markdown file here") {
  int files = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(TACIT_SOURCE_DIR);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    const auto& entry = *it;
    const auto path = std::filesystem::relative(entry.path(), TACIT_SOURCE_DIR).string();
    if (entry.is_directory() && (path.starts_with("build") || path == ".git"))
      it.disable_recursion_pending();
    if (!entry.is_regular_file() || entry.path().extension() != ".md")
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CAPTURE(path);
    CHECK(block_tree(tacit::doc::markdown_block_text(text)) == block_tree(text));
    CHECK(inline_tree(tacit::doc::markdown_inline_text(text)) == inline_tree(text));
    ++files;
  }
  CHECK(files > 300);
}
