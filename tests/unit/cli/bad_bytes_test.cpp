// Bad bytes end to end: a Latin-1 README, a stray byte or a late NUL must not switch a file off. Each
// file is checked against its UTF-8 twin: the same findings, at the line and byte column of the file.

#include "bad_input.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <string>

using namespace tacit::test;

namespace {

// "L:C" of the first `needle` in `text`, columns in bytes.
std::string where(std::string_view text, std::string_view needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string_view::npos);
  const auto line_start = text.rfind('\n', at);
  const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1;
  const auto column = line_start == std::string_view::npos ? at + 1 : at - line_start;
  return fmt::format("{}:{}", line, column);
}

// The findings of `check -q` on a repository of one AGENTS.md, and the run's notes.
Run check_agents(std::string_view content, const std::string& args = "check -q") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", content);
  write(s.dir / "src/new.c", "int x;\n");
  s.sh("git add -A && git commit -qm x");
  return s.tacit(args);
}

// A real-looking agent file with accents on the lines of its findings, before and after them.
std::string agents(std::string_view e_acute, std::string_view quote_open, std::string_view quote_close) {
  return fmt::format("# Agents \xe2\x80\x94 caf{0}\n\n"
                     "Le caf{0} {1}fran{0}ais{2} : lisez [setup](docs/setup.md) et `src/old.c` ({0}t{0}).\n\n"
                     "## D{0}ploiement\n\n"
                     "R{0}sum{0} : voir [notes](docs/notes.md).\n",
                     e_acute, quote_open, quote_close);
}

} // namespace

TEST_CASE("bad bytes: a Latin-1 context file gives its UTF-8 twin's findings at the file's columns") {
  const auto utf8 = agents("\xc3\xa9", "\xe2\x80\x9c", "\xe2\x80\x9d");
  // The same text as Windows-1252 (the em dash of the heading too).
  auto latin1 = agents("\xe9", "\x93", "\x94");
  latin1.replace(latin1.find("\xe2\x80\x94"), 3, "\x97");
  const auto twin = check_agents(utf8);
  const auto run = check_agents(latin1, "check");
  CHECK(twin.exit_code == 1);
  CHECK(run.exit_code == 1);
  for (const auto* path : {"docs/setup.md", "src/old.c", "docs/notes.md"}) {
    INFO(path);
    const auto message = fmt::format("error CTX002 '{}' does not exist", path);
    CHECK(has(twin.out, fmt::format("AGENTS.md:{}: {}", where(utf8, path), message)));
    CHECK(has(run.out, fmt::format("AGENTS.md:{}: {}", where(latin1, path), message)));
  }
  CHECK(where(latin1, "src/old.c") != where(utf8, "src/old.c")); // the columns really differ
  // Said once, on stderr, whatever -q hides.
  const auto note = "tacit: note: AGENTS.md: not valid UTF-8; read as Windows-1252 (Latin-1)\n";
  CHECK(has(run.err, note));
  CHECK(run.err.find(note) == run.err.rfind(note));
}

TEST_CASE("bad bytes: a UTF-8 file with one stray byte, and a NUL past the first block") {
  const auto utf8 = agents("\xc3\xa9", "\xe2\x80\x9c", "\xe2\x80\x9d");
  SUBCASE("a stray byte before the findings on their line") {
    auto mixed = utf8;
    mixed.replace(mixed.find("Le caf"), 2, "L\xff");
    const auto run = check_agents(mixed, "check");
    CHECK(run.exit_code == 1);
    for (const auto* path : {"docs/setup.md", "src/old.c", "docs/notes.md"})
      CHECK(has(run.out,
                fmt::format("AGENTS.md:{}: error CTX002 '{}' does not exist", where(mixed, path), path)));
    CHECK(has(run.err, "AGENTS.md: not valid UTF-8; 1 invalid byte read as U+FFFD"));
  }
  SUBCASE("a NUL after 8 KiB of text is not binary") {
    const auto late = std::string(9000, 'x') + "\n" + std::string("\0", 1) + "\n" + utf8;
    const auto run = check_agents(late, "check");
    CHECK(run.exit_code == 1);
    CHECK(has(run.out, fmt::format("AGENTS.md:{}: error CTX002 'src/old.c'", where(late, "src/old.c"))));
    CHECK(has(run.err, "AGENTS.md: 1 NUL byte read as U+FFFD"));
  }
  SUBCASE("JSON and SARIF carry the decoded text as valid UTF-8") {
    const std::string latin1 = "# Agents\n\nLisez [le r\xe9sum\xe9](docs/r\xe9sum\xe9.md).\n";
    for (const auto* format : {"json", "sarif"}) {
      const auto run = check_agents(latin1, fmt::format("check -q --format {}", format));
      CHECK(run.exit_code == 1);
      CHECK(tacit::util::is_valid_utf8(run.out));
      CHECK(has(run.out, "docs/r\xc3\xa9sum\xc3\xa9.md"));
    }
  }
}
