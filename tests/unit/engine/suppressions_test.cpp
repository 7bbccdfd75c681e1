// Tests for engine/suppressions: the comment syntax table, the parser (every form, every malformed form,
// hostile input) and the pass that applies suppressions to findings.
//
// The inputs below are C++ strings; none starts a C++ comment after a space, so tacit's own self-check
// does not read them as suppressions of this file.

#include <tacit/catalog/catalog.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/engine/suppressions.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace tacit;
using engine::FileSuppressions;

namespace {

const engine::KnownRule k_known = [](std::string_view token) {
  return catalog::builtin().is_known_selector(token);
};
const engine::SuppressionRules k_rules{true, k_known};

FileSuppressions parse(std::string_view path, std::string_view text,
                       const engine::SuppressionRules& rules = k_rules) {
  const auto* syntax = engine::comment_syntax(path);
  REQUIRE(syntax != nullptr);
  return engine::parse_suppressions(path, text, *syntax, rules);
}

// "line:column first-last RULE,RULE | reason" per suppression, then "line:column ! message" per problem.
std::string describe(const FileSuppressions& file) {
  std::string out;
  for (const auto& s : file.suppressions) {
    const auto last = s.last == INT_MAX ? std::string("end") : std::to_string(s.last);
    out += fmt::format("{}:{} {}-{} {} | {}\n", s.line, s.column, s.first, last, fmt::join(s.rules, ","),
                       s.reason);
  }
  for (const auto& p : file.problems)
    out += fmt::format("{}:{} ! {}\n", p.line, p.column, p.message);
  return out;
}

// The one problem of a one-line input.
std::string problem(std::string_view path, std::string_view text) {
  const auto file = parse(path, text);
  CHECK(file.suppressions.empty());
  REQUIRE(file.problems.size() == 1);
  return file.problems[0].message;
}

engine::Finding finding(std::string rule, std::string path, int line) {
  engine::Finding f;
  f.rule_id = std::move(rule);
  f.location = engine::Location{std::move(path), line, 1, {}};
  f.subject = "s";
  return f;
}

std::string summary(const std::vector<engine::Finding>& findings) {
  std::string out;
  for (const auto& f : findings)
    out += fmt::format("{}:{} {} {}\n", f.location.path, f.location.line, f.rule_id, f.message);
  return out;
}

} // namespace

TEST_CASE("comment syntax comes from the file name, then the extension") {
  CHECK(engine::comment_syntax("README.md")->name == "markdown");
  CHECK(engine::comment_syntax("docs/Guide.MD")->name == "markdown");
  CHECK(engine::comment_syntax(".cursor/rules/style.mdc")->name == "markdown");
  CHECK(engine::comment_syntax(".github/workflows/ci.yml")->name == "hash");
  CHECK(engine::comment_syntax("Makefile")->name == "hash");
  CHECK(engine::comment_syntax("sub/CMakeLists.txt")->name == "hash");
  CHECK(engine::comment_syntax("Dockerfile.dev")->name == "hash");
  CHECK(engine::comment_syntax("src/main.cpp")->name == "c");
  CHECK(engine::comment_syntax("db/schema.sql")->name == "sql");
  CHECK(engine::comment_syntax("setup.cfg")->name == "ini");
  CHECK(engine::comment_syntax("paper.tex")->name == "percent");
  CHECK(engine::comment_syntax("src/core.clj")->name == "semicolon");
  CHECK(engine::comment_syntax("README.rst")->name == "rst");
  CHECK(engine::comment_syntax("package.json") == nullptr);
  // Source code is read only where a finding points; docs and configuration everywhere.
  CHECK(engine::comment_syntax("src/main.cpp")->code);
  CHECK(engine::comment_syntax("tools/gen.py")->code);
  CHECK(!engine::comment_syntax("pyproject.toml")->code);
  CHECK(!engine::comment_syntax("build.gradle")->code);
  CHECK(!engine::comment_syntax("docs/index.md")->code);
  CHECK(engine::comment_syntax("notes.txt") == nullptr);
  CHECK(engine::comment_syntax("LICENSE") == nullptr);
  CHECK(engine::comment_syntax(".hidden") == nullptr);
  CHECK(engine::comment_syntax("a.averyveryverylongextension") == nullptr);
}

TEST_CASE("Markdown suppressions: next line, region, file") {
  const auto file =
      parse("README.md", "<!-- tacit-disable-next-line CTX002 -- generated at release -->\n"
                         "See [guide](docs/guide.md).\n"
                         "<!-- tacit-disable CTX002, ctx003 TASK -- a legacy section -->\n"
                         "text\n"
                         "<!-- tacit-enable CTX002 -->\n"
                         "  <!--tacit-disable-file CTX011--imports resolved by our wrapper-->\n");
  CHECK(describe(file) == "1:1 2-2 CTX002 | generated at release\n"
                          "3:1 3-5 CTX002 | a legacy section\n"
                          "3:1 3-end CTX003 | a legacy section\n"
                          "3:1 3-end TASK | a legacy section\n"
                          "6:3 0-end CTX011 | imports resolved by our wrapper\n");
}

TEST_CASE("tacit-enable without ids ends every open region") {
  const auto file = parse("a.md", "<!-- tacit-disable CTX002 CTX003 -- r -->\nx\n<!-- tacit-enable -->\n");
  CHECK(describe(file) == "1:1 1-3 CTX002 | r\n1:1 1-3 CTX003 | r\n");
}

TEST_CASE("line comments: at the end of a line it covers that line, alone it covers the next") {
  const auto file =
      parse(".github/workflows/ci.yml", "jobs:\n"
                                        "  - run: make bench  # tacit: ignore[TASK104] -- slow\n"
                                        "  # tacit:ignore[ TASK103 , TASK104 ] -- manual\n"
                                        "  - run: make lint\n"
                                        "# tacit: ignore-file[TASK] -- generated workflow\n");
  CHECK(describe(file) == "2:22 2-2 TASK104 | slow\n"
                          "3:3 4-4 TASK103,TASK104 | manual\n"
                          "5:1 0-end TASK | generated workflow\n");
}

TEST_CASE("each language's own comment syntax") {
  CHECK(describe(parse("src/a.go", "x := 1 /"
                                   "/ tacit: ignore[CTX010] -- ok\n")) == "1:8 1-1 CTX010 | ok\n");
  CHECK(describe(parse("src/a.c", "/* tacit: ignore[CTX010] -- ok */\nint x;\n")) == "1:1 2-2 CTX010 | ok\n");
  CHECK(describe(parse("src/a.c", "/* tacit: ignore[CTX010] -- ok */ int x;\n")) == "1:1 1-1 CTX010 | ok\n");
  CHECK(describe(parse("db/a.sql", "-- tacit: ignore[CTX002] -- ok\n")) == "1:1 2-2 CTX002 | ok\n");
  CHECK(describe(parse("a.clj", "; tacit: ignore[CTX002] -- ok\n")) == "1:1 2-2 CTX002 | ok\n");
  CHECK(describe(parse("a.tex", "% tacit: ignore[CTX002] -- ok\n")) == "1:1 2-2 CTX002 | ok\n");
  CHECK(describe(parse("README.rst", ".. tacit: ignore-file[CTX002] -- ok\n")) == "1:1 0-end CTX002 | ok\n");
  CHECK(describe(parse("page.html", "<p>x</p> <!-- tacit: ignore[CTX002] -- ok -->\n")) ==
        "1:10 1-1 CTX002 | ok\n");
  // The Markdown directives and the line form both work in an HTML comment.
  CHECK(describe(parse("a.md", "| a | b | <!-- tacit: ignore[CTX002] -- ok -->\n")) ==
        "1:11 1-1 CTX002 | ok\n");
}

TEST_CASE("suppression lines: a lone CR ends a line, as in the documents (issue 20)") {
  // The same five lines with LF, CRLF, lone CR, and CR CR LF (a CRLF file converted twice: two line ends,
  // as util::split_lines and the Markdown reader count them). The unclosed comment is on line 5.
  const std::vector<std::string> lines{"# T", "", "<!-- tacit-disable-next-line CTX002 -- r -->", "x",
                                       "<!-- tacit-disable-next-line CTX002 -- never closed"};
  for (const std::string end : {"\n", "\r\n", "\r"}) {
    std::string text;
    for (const auto& line : lines)
      text += line + end;
    CAPTURE(end);
    CHECK(describe(parse("a.md", text)) ==
          "3:1 4-4 CTX002 | r\n5:1 ! the comment does not end on this line: close it with '-->'\n");
  }
  CHECK(describe(parse("a.md", "# T\r\r\nx\r\r\n<!-- tacit-disable-next-line CTX002 -- open\r\r\n")) ==
        "5:1 ! the comment does not end on this line: close it with '-->'\n");
  // A fence closed on a CR-ended line ends the code block there.
  CHECK(describe(parse("a.md", "```\rcode\r```\r<!-- tacit-disable-next-line CTX002 -- r -->\rx\r")) ==
        "4:1 5-5 CTX002 | r\n");
}

TEST_CASE("CRLF line ends are not part of the reason") {
  const auto file = parse("a.md", "<!-- tacit-disable-next-line CTX002 -- r -->\r\nx\r\n# tacit: no\r\n");
  CHECK(describe(file) == "1:1 2-2 CTX002 | r\n");
  CHECK(describe(parse("a.py", "x = 1  # tacit: ignore[CTX002] -- r\r\n")) == "1:8 1-1 CTX002 | r\n");
}

TEST_CASE("what is not a suppression") {
  // Code blocks and inline code in Markdown are examples.
  CHECK(describe(parse("a.md", "```markdown\n<!-- tacit-disable CTX002 -->\n```\n"
                               "~~~~\n<!-- tacit-bogus -->\n~~~\n~~~~\n"
                               "Write `<!-- tacit-disable-next-line ID -->` above the line.\n")) == "");
  // Comments that mention tacit, other comment syntaxes, comments not opened after a space.
  CHECK(describe(parse("a.md", "<!-- tacit is our linter -->\n# tacit: ignore[CTX002]\n")) == "");
  CHECK(describe(parse("a.yml", "# tacit: runs in CI\nx: \"# tacit: ignore[CTX002]\"\n##tacit: ignore[\n")) ==
        "");
  CHECK(describe(parse("a.py", "s = '<!-- tacit-disable X -->'  # mentions tacit: ignore\n")) == "");
  CHECK(describe(parse("a.c", "#include <tacit.h> // see tacit-disable\n")) == "");
  CHECK(describe(parse("a.md", "")) == "");
}

TEST_CASE("malformed suppressions are problems and do not apply") {
  CHECK(problem("a.md", "<!-- tacit-disable-next-line CTX002 -->") ==
        "it gives no reason: write why after ' -- '");
  CHECK(problem("a.md", "<!-- tacit-disable-next-line CTX002 -- -->") ==
        "it gives no reason: write why after ' -- '");
  CHECK(problem("a.yml", "# tacit: ignore[CTX002]") == "it gives no reason: write why after ' -- '");
  CHECK(problem("a.md", "<!-- tacit-disable-line CTX002 -- r -->")
            .starts_with("unknown directive 'tacit-disable-line'"));
  CHECK(problem("a.md", "<!-- tacit-disableCTX002 -- r -->") == "unknown directive 'tacit-disableC'");
  CHECK(problem("a.yml", "# tacit: ignored[CTX002] -- r").starts_with("unknown directive 'tacit: ignored'"));
  CHECK(problem("a.yml", "# tacit: ignore CTX002 -- r") ==
        "expected '[' after 'tacit: ignore': name the rules in brackets");
  CHECK(problem("a.yml", "# tacit: ignore[CTX002 -- r") == "the rule list is not closed with ']'");
  CHECK(problem("a.yml", "# tacit: ignore[] -- r") ==
        "it names no rule: list the rule ids (or categories) it suppresses");
  CHECK(problem("a.md", "<!-- tacit-disable -- r -->") ==
        "it names no rule: list the rule ids (or categories) it suppresses");
  CHECK(problem("a.yml", "# tacit: ignore[CTX-2] -- r") == "unexpected '-' where a rule id was expected");
  CHECK(problem("a.yml", "# tacit: ignore[C2] -- r") == "'C2' is not a rule id (CTX002) or a category (CTX)");
  CHECK(problem("a.yml", "# tacit: ignore[CTX0002] -- r") ==
        "'CTX0002' is not a rule id (CTX002) or a category (CTX)");
  CHECK(problem("a.yml", "# tacit: ignore[ABCDEFGHIJKLMNOPQRSTUVWXYZ] -- r")
            .starts_with("'ABCDEFGHIJKLMNOPQ'"));
  CHECK(problem("a.yml", "# tacit: ignore[all] -- r") ==
        "a suppression names the rules it silences; ALL is not accepted");
  CHECK(problem("a.yml", "# tacit: ignore[META001] -- r") ==
        "META001 cannot be suppressed inline; turn it off in the configuration instead");
  CHECK(problem("a.yml", "# tacit: ignore[XYZ123] -- r") == "unknown rule 'XYZ123'");
  CHECK(problem("a.yml", "# tacit: ignore[CTX999] -- r") == "unknown rule 'CTX999'");
  CHECK(problem("a.md", "<!-- tacit-disable CTX002 -- r") ==
        "the comment does not end on this line: close it with '-->'");
  CHECK(problem("a.c", "/* tacit: ignore[CTX002] -- r") ==
        "the comment does not end on this line: close it with '*/'");
  CHECK(problem("a.yml", "# tacit: ignore[CTX002] because it is fine") ==
        "unexpected text 'because it is fine': write the reason after ' -- '");
  CHECK(problem("a.md", "<!-- tacit-disable CTX002 because -->") ==
        "'because' is not a rule id (CTX002) or a category (CTX)");
  CHECK(problem("a.md", "<!-- tacit-enable CTX002 -->") ==
        "tacit-enable CTX002: no tacit-disable of it is open above");
  CHECK(problem("a.md", "<!-- tacit-enable -->") == "tacit-enable with no tacit-disable open above it");
  const auto file = parse("a.md", "<!-- tacit-disable-next-line CTX002 -->");
  CHECK(file.problems[0].hint.starts_with("write `<!-- tacit-disable-next-line ID -- why it is fine -->`"));
  CHECK(parse("a.yml", "# tacit: ignore[X] -- r").problems[0].hint.starts_with("write `# tacit: ignore[ID]"));
}

TEST_CASE("a reason is optional when the configuration says so") {
  const engine::SuppressionRules lax{false, k_known};
  CHECK(describe(parse("a.md", "<!-- tacit-disable-next-line CTX002 -->\n", lax)) == "1:1 2-2 CTX002 | \n");
  CHECK(describe(parse("a.yml", "x # tacit: ignore[CTX002]\n", lax)) == "1:3 1-1 CTX002 | \n");
}

TEST_CASE("hostile input is parsed in linear time") {
  const auto start = std::chrono::steady_clock::now();
  std::string line;
  for (int i = 0; i < 100000; ++i)
    line += "<!-- tacit-disable ";
  std::string spaces = "# tacit: ignore[" + std::string(1 << 20, ' ');
  std::string many;
  for (int i = 0; i < 100000; ++i)
    many += "<!-- tacit-disable-next-line CTX002 -- r --> ";
  std::string tacits;
  for (int i = 0; i < 200000; ++i)
    tacits += "# tacit ";
  CHECK(parse("a.md", line).problems.size() == 1);
  CHECK(parse("a.yml", spaces).problems.size() == 1);
  CHECK(parse("a.md", many).suppressions.size() == 100000);
  CHECK(describe(parse("a.yml", tacits)) == "");
  CHECK(parse("a.md", std::string(1 << 20, '\n')).problems.empty());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("apply_suppressions drops covered findings and reports unused and invalid ones") {
  std::vector<FileSuppressions> files(2);
  files[0].path = "README.md";
  files[0].suppressions = {{1, 1, 2, 2, {"CTX002"}, "r"},           // used
                           {3, 1, 4, 4, {"CTX002", "CTX003"}, "r"}, // CTX003 unused
                           {5, 1, 0, INT_MAX, {"CTX"}, "r"},        // covers the line-0 finding
                           {6, 1, 7, 7, {"TASK104"}, "r"}};         // TASK not selected: not unused
  files[0].problems = {{9, 3, "unknown rule 'CTX999'", "hint"}};
  files[1].path = "AGENTS.md";
  files[1].suppressions = {{1, 1, 1, 1, {"CTX001"}, "r"}};
  const std::vector<engine::Finding> findings{
      finding("CTX002", "README.md", 2), finding("CTX002", "README.md", 4),
      finding("CTX001", "README.md", 0), finding("CTX002", "docs/a.md", 2),
      finding("CTX001", "AGENTS.md", 1), finding("CTX001", "AGENTS.md", 2)};
  const engine::Selection selection{{"CTX", "META"}, {}};
  const auto out = engine::apply_suppressions(findings, files, selection, catalog::builtin());
  CHECK(summary(out) == "AGENTS.md:2 CTX001 \n"
                        "README.md:3 META001 suppression of CTX003 matches no finding\n"
                        "README.md:9 META002 invalid suppression: unknown rule 'CTX999'\n"
                        "docs/a.md:2 CTX002 \n");
  CHECK(!out[0].fingerprint.empty());
  CHECK(out[1].hint == "remove CTX003 from the comment: what it silenced is gone");
  CHECK(out[2].hint == "hint");
  CHECK(out[2].severity == engine::Severity::error);

  // With the META rules off, suppressions still apply and nothing else is reported.
  const auto quiet =
      engine::apply_suppressions(findings, files, engine::Selection{{"CTX"}, {}}, catalog::builtin());
  CHECK(summary(quiet) == "AGENTS.md:2 CTX001 \ndocs/a.md:2 CTX002 \n");
  // A rule that did not run: its suppression is not unused; a category counts when a rule inside it ran.
  const auto narrow =
      engine::apply_suppressions({}, files, engine::Selection{{"CTX002", "META001"}, {}}, catalog::builtin());
  CHECK(summary(narrow) == "README.md:1 META001 suppression of CTX002 matches no finding\n"
                           "README.md:3 META001 suppression of CTX002 matches no finding\n"
                           "README.md:5 META001 suppression of CTX matches no finding\n");
  const auto ignored =
      engine::apply_suppressions({}, files, engine::Selection{{}, {"CTX", "TASK"}}, catalog::builtin());
  CHECK(summary(ignored) == "README.md:9 META002 invalid suppression: unknown rule 'CTX999'\n");
}

TEST_CASE("META findings are never suppressed") {
  std::vector<FileSuppressions> files(1);
  files[0].path = "a.md";
  files[0].suppressions = {{1, 1, 0, INT_MAX, {"CTX"}, "r"}};
  const auto out = engine::apply_suppressions({finding("META002", "a.md", 3), finding("CTX002", "a.md", 3)},
                                              files, engine::Selection{}, catalog::builtin());
  CHECK(summary(out) == "a.md:3 META002 \n");
}

TEST_CASE("random comment fragments never break the parser's invariants") {
  // Fragments that the parser reacts to, glued at random (fixed seed): the parse must end, and every
  // suppression must cover a sane range of lines of the input.
  const std::vector<std::string_view> fragments{"<!--",
                                                "-->",
                                                "tacit",
                                                "-disable",
                                                "-disable-next-line",
                                                "-enable",
                                                "-disable-file",
                                                ":",
                                                "ignore",
                                                "-file",
                                                "[",
                                                "]",
                                                ",",
                                                "--",
                                                " ",
                                                "\n",
                                                "\r\n",
                                                "CTX002",
                                                "ctx",
                                                "`",
                                                "```",
                                                "~~~",
                                                "#",
                                                "/",
                                                "*",
                                                "ALL",
                                                "META001"};
  const std::vector<std::string_view> paths{"a.md", "a.yml", "a.c", "a.sql", "a.html", "a.ml"};
  unsigned state = 12345;
  auto next = [&state] { return state = state * 1103515245u + 12345u; };
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const auto length = next() % 60;
    for (unsigned i = 0; i < length; ++i)
      text += fragments[(next() >> 8) % fragments.size()];
    const auto path = paths[(next() >> 8) % paths.size()];
    CAPTURE(path);
    CAPTURE(text);
    const auto file = parse(path, text);
    const int lines = 2 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    for (const auto& s : file.suppressions) {
      CHECK(s.line >= 1);
      CHECK(s.line < lines);
      CHECK(s.first <= s.last);
      CHECK(!s.rules.empty());
      CHECK(!s.reason.empty());
    }
    for (const auto& p : file.problems)
      CHECK((p.line >= 1 && p.line < lines && p.column >= 1 && !p.message.empty()));
  }
}

TEST_CASE("tacit's own sources, tests and docs hold no suppression") {
  // They mention tacit everywhere (namespaces, examples of suppressions in strings and docs); none of it may
  // read as a suppression, or the self-check would report it once a finding points into the file.
  namespace fs = std::filesystem;
  const fs::path root(TACIT_SOURCE_DIR);
  std::size_t read = 0;
  for (const auto* dir : {"src", "include", "tests/unit", "docs"})
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      const auto path = fs::relative(entry.path(), root).generic_string();
      const auto* syntax = engine::comment_syntax(path);
      if (!entry.is_regular_file() || !syntax)
        continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      CAPTURE(path);
      CHECK(describe(engine::parse_suppressions(path, text, *syntax, k_rules)) == "");
      ++read;
    }
  CHECK(read > 100);
}
