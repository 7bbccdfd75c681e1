// Adversarial documents that used to take time or memory super-linear in their size (issue 17): each runs
// the binary at a size the old code needed tens of seconds or more for, with a bound far below that.

#include "bad_input.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <string>

using namespace tacit::test;

namespace {

// Seconds a run may take: generous for a loaded or sanitizer build, far below the quadratic behaviour.
// Far below what the quadratic code took (16-166 s in a release build), far above what the linear code takes.
// Sanitizer and unoptimised builds run the binary 10-20x slower: their bound only guards against a hang (the
// release build of the same suite keeps the tight one).
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
constexpr double k_bound = 240.0;
#else
constexpr double k_bound = 15.0;
#endif

// What `tacit check ARGS` gave in the repository, once its files are committed, and the seconds it took.
struct Timed {
  Run run;
  double seconds = 0;
};

Timed check_in(const Scratch& s, const std::string& args) {
  s.sh("git add -A && git commit -qm x");
  const auto start = std::chrono::steady_clock::now();
  Timed timed{s.tacit("check " + args), 0};
  timed.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return timed;
}

std::size_t count(const std::string& text, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

// A repository with one source file, so that paths under src/ are this repository's.
void seed(const Scratch& s) {
  s.git_repo();
  write(s.dir / "src/main.cpp", "int main() {}\n");
}

} // namespace

TEST_CASE("linear input: 20k code spans on one line of a context file") {
  Scratch s;
  seed(s);
  std::string line;
  for (int i = 0; i < 20000; ++i)
    line += fmt::format("`src/x{}.cpp` ", i);
  write(s.dir / "AGENTS.md", "# Agents\n\n" + line + "\n");
  const auto timed = check_in(s, "--format json -q --select CTX002,CTX008,CTX009,CTX010");
  CHECK(timed.run.exit_code == 1);
  CHECK(count(timed.run.out, "\"CTX002\"") == 20000);
  CHECK(timed.seconds < k_bound);
}

TEST_CASE("linear input: 30k path mentions in one document") {
  Scratch s;
  seed(s);
  std::string text = "# Agents\n\n";
  for (int i = 0; i < 30000; ++i)
    text += fmt::format("See `src/x{}.cpp`\n", i);
  text += "This generates `src/out.cpp`\n";
  write(s.dir / "AGENTS.md", text);
  const auto timed = check_in(s, "--format json -q --select CTX002");
  CHECK(timed.run.exit_code == 1);
  CHECK(count(timed.run.out, "\"CTX002\"") == 30000);
  CHECK(!has(timed.run.out, "src/out.cpp")); // an output the doc names is still not reported
  CHECK(timed.seconds < k_bound);
}

TEST_CASE("linear input: 18k nested suppression regions, each covering every finding after it") {
  Scratch s;
  seed(s);
  std::string text = "# Agents\n\n";
  for (int i = 0; i < 18000; ++i) // a region with no tacit-enable runs to the end of the file
    text += fmt::format("<!-- tacit-disable CTX002 -- x -->\n[x](src/x{}.cpp)\n", i);
  text += "<!-- tacit-disable CTX003 -- nothing to cover -->\n";
  write(s.dir / "AGENTS.md", text);
  const auto timed = check_in(s, "--format json -q --select CTX002,CTX003,META001,META002");
  CHECK(timed.run.exit_code == 1);
  CHECK(count(timed.run.out, "\"CTX002\"") == 0);
  CHECK(count(timed.run.out, "\"META001\"") == 1);
  CHECK(count(timed.run.out, "\"META002\"") == 0);
  CHECK(timed.seconds < k_bound);
}

TEST_CASE("linear input: a rule regex that captures a megabyte-long item") {
  Scratch s;
  seed(s);
  write(s.dir / ".tacit.yaml", "version: 1\nrule-dirs: [rules]\nfilesets:\n  handbook: [AGENTS.md]\n");
  write(s.dir / "rules/long.yaml", R"yaml(id: ORG900
name: long-item
severity: warning
summary: an item captured from data.txt is mentioned in the handbook
check:
  type: mentions
  source:
    files: ["*.txt"]
    regex: "(?P<item>a+b)"
  in: handbook
message: "'{{item}}' is not mentioned"
docs:
  what-it-does: x
  why-it-matters: x
  example: x
  how-to-fix: x
)yaml");
  write(s.dir / "data.txt", std::string(1 << 20, 'a') + "b\n");
  write(s.dir / "short.txt", "aab aaab\n");
  write(s.dir / "AGENTS.md", "# Agents\n\n" + std::string(2 << 20, 'a') + "\naab\n");
  const auto timed = check_in(s, "--select ORG900");
  CHECK(timed.run.exit_code == 1);
  CHECK(has(timed.run.out, "short.txt:1:5: warning ORG900 'aaab' is not mentioned"));
  CHECK(count(timed.run.out, "ORG900") == 1); // the megabyte item is left out, aab is mentioned
  CHECK(timed.seconds < k_bound);
}
