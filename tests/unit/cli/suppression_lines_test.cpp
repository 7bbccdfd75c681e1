// Suppressions far down large documents (issue 20): an unclosed one is reported at its own line, and a
// closed one covers the finding below it, whatever came before them (CRLF, lone CR, front matter, fenced
// blocks, HTML comments over several lines, invalid UTF-8, megabyte lines) and past the first MiB.

#include "bad_input.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

using namespace tacit::test;

namespace {

// The line `needle` is on, counting line ends as editors and tacit's documents do: LF, CRLF, lone CR.
int line_of(std::string_view text, std::string_view needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string_view::npos);
  int line = 1;
  for (std::size_t i = 0; i < at; ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')))
      ++line;
  return line;
}

// One context file of the test: what comes before the suppressions, and its line end.
struct Variant {
  std::string dir;
  std::string before;
  std::string end;
};

// `before`, then an unclosed suppression, a suppression that covers a broken link, and a broken link that
// nothing covers.
std::string content(const Variant& v) {
  const auto& e = v.end;
  return "# Agents" + e + e + v.before + e + "<!-- tacit-disable-next-line CTX002 -- never closed" + e +
         "Text." + e + e + "<!-- tacit-disable-next-line CTX002 -- a planned page -->" + e +
         "[covered](covered.md)" + e + e + "[reported](reported.md)" + e;
}

std::string prose(std::size_t bytes, std::string_view end) {
  std::string out;
  while (out.size() < bytes)
    out +=
        fmt::format("Some prose for line {} of the handbook, long enough to look real.{}", out.size(), end);
  return out;
}

} // namespace

TEST_CASE("suppression lines: far down large context files, in every line-end and content variant") {
  std::string fenced;
  for (int i = 0; i < 500; ++i)
    fenced += fmt::format("```sh\nmake t{}\n```\n\n", i);
  const std::vector<Variant> variants{
      {"lf", prose(70 << 10, "\n"), "\n"},
      {"crlf", prose(100 << 10, "\r\n"), "\r\n"},
      {"cr", prose(100 << 10, "\r"), "\r"},
      {"mixed", prose(30 << 10, "\r\r\n") + prose(30 << 10, "\n") + prose(30 << 10, "\r"), "\n"},
      {"front-matter",
       "---\ntitle: x\n---\n\n" + fenced + "<!--\na comment\nover lines\n-->\n\nCaf\xe9 \xff\xfe.\n" +
           std::string(300 << 10, 'w') + "\n",
       "\n"},
      {"past-one-mib", prose(1300 << 10, "\r\n"), "\r\n"},
  };
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n");
  for (const auto& v : variants)
    write(s.dir / v.dir / "AGENTS.md", content(v));
  s.sh("git add -A && git commit -qm x");
  const auto run = s.tacit("check -q --select CTX002,META002");
  CHECK(run.exit_code == 1);
  for (const auto& v : variants) {
    INFO(v.dir);
    const auto text = content(v);
    CHECK(has(run.out,
              fmt::format("{}/AGENTS.md:{}:1: error META002 invalid suppression: the comment does not end "
                          "on this line",
                          v.dir, line_of(text, "<!-- tacit-disable-next-line CTX002 -- never"))));
    const auto at = fmt::format("{}/AGENTS.md:{}:", v.dir, line_of(text, "[reported]"));
    CHECK(has(run.out, at));
    CHECK(has(run.out.substr(run.out.find(at)), "CTX002 'reported.md' does not exist"));
    CHECK(!has(run.out, fmt::format("{}/covered.md", v.dir)));
    CHECK(!has(run.out, "'covered.md'"));
  }
}
