// Adversarial documents that used to take time or memory super-linear in their size (issue 17): each runs
// the binary at a size the old code needed tens of seconds or more for, with a bound far below that.

#include "bad_input.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

using namespace tacit::test;

namespace {

// CPU seconds a run may take: generous for a sanitizer build, far below the quadratic behaviour.
// Far below what the quadratic code took (16-166 s in a release build), far above what the linear code takes.
// Sanitizer and unoptimised builds run the binary 10-20x slower: their bound only guards against a hang (the
// release build of the same suite keeps the tight one).
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
constexpr double k_bound = 240.0;
#else
constexpr double k_bound = 15.0;
#endif

// Sanitizer and unoptimised builds run each case at a quarter of the size: they are there for memory errors
// on the same code paths, which a smaller input reaches as well; the release build of the suite keeps the
// full size, the one the quadratic code took tens of seconds for (and CI keeps its 20 minutes).
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
constexpr int k_size_divisor = 4;
#else
constexpr int k_size_divisor = 1;
#endif

// What `tacit check ARGS` gave in the repository, once its files are committed, and the CPU seconds it took
// (user + system of the processes the run waited for: the machine's load does not change it, where wall time
// on a busy CI machine would).
struct Timed {
  Run run;
  double seconds = 0;
};

double children_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

Timed check_in(const Scratch& s, const std::string& args) {
  s.sh("git add -A && git commit -qm x");
  const double start = children_cpu_seconds();
  Timed timed{s.tacit("check " + args), 0};
  timed.seconds = children_cpu_seconds() - start;
  return timed;
}

// What a run of the binary cost: its exit code, its CPU time (user + system) and its peak resident memory,
// taken from wait4 for that one process (the machine's load changes neither).
struct Measured {
  int exit_code = -1;
  double cpu_seconds = 0;
  long max_rss_kb = 0;
  std::string err;
};

// Runs `tacit check ARGS` (words separated by blanks) in the repository, once its files are committed.
Measured measure_check_in(const Scratch& s, const std::string& args) {
  s.sh("git add -A && git commit -qm x");
  std::vector<std::string> words{TACIT_BINARY, "check"};
  std::istringstream in(args);
  for (std::string word; in >> word;)
    words.push_back(word);
  const auto err_path = s.dir / ".." / (s.dir.filename().string() + ".measured.err");
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (auto& word : words)
      argv.push_back(word.data());
    argv.push_back(nullptr);
    const int null = ::open("/dev/null", O_WRONLY);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (::chdir(s.dir.c_str()) != 0 || null < 0 || err < 0)
      ::_exit(127);
    ::dup2(null, 1);
    ::dup2(err, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  Measured measured;
  int status = 0;
  rusage usage{};
  REQUIRE(::wait4(pid, &status, 0, &usage) == pid);
  measured.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  measured.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  measured.max_rss_kb = usage.ru_maxrss;
  measured.err = slurp(err_path);
  fs::remove(err_path);
  return measured;
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
  constexpr int spans = 20000 / k_size_divisor;
  for (int i = 0; i < spans; ++i)
    line += fmt::format("`src/x{}.cpp` ", i);
  write(s.dir / "AGENTS.md", "# Agents\n\n" + line + "\n");
  const auto timed = check_in(s, "--format json -q --select CTX002,CTX008,CTX009,CTX010");
  CHECK(timed.run.exit_code == 1);
  CHECK(count(timed.run.out, "\"rule\": \"CTX002\"") == spans);
  CHECK(timed.seconds < k_bound);
}

TEST_CASE("linear input: 30k path mentions in one document") {
  Scratch s;
  seed(s);
  std::string text = "# Agents\n\n";
  constexpr int mentions = 30000 / k_size_divisor;
  for (int i = 0; i < mentions; ++i)
    text += fmt::format("See `src/x{}.cpp`\n", i);
  text += "This generates `src/out.cpp`\n";
  write(s.dir / "AGENTS.md", text);
  const auto timed = check_in(s, "--format json -q --select CTX002");
  CHECK(timed.run.exit_code == 1);
  CHECK(count(timed.run.out, "\"rule\": \"CTX002\"") == mentions);
  CHECK(!has(timed.run.out, "src/out.cpp")); // an output the doc names is still not reported
  CHECK(timed.seconds < k_bound);
}

TEST_CASE("linear input: 18k nested suppression regions, each covering every finding after it") {
  Scratch s;
  seed(s);
  std::string text = "# Agents\n\n";
  for (int i = 0; i < 18000 / k_size_divisor;
       ++i) // a region with no tacit-enable runs to the end of the file
    text += fmt::format("<!-- tacit-disable CTX002 -- x -->\n[x](src/x{}.cpp)\n", i);
  text += "<!-- tacit-disable CTX003 -- nothing to cover -->\n";
  write(s.dir / "AGENTS.md", text);
  const auto timed = check_in(s, "--format json -q --select CTX002,CTX003,META001,META002");
  CHECK(timed.run.exit_code == 1);
  CHECK(count(timed.run.out, "\"rule\": \"CTX002\"") == 0);
  CHECK(count(timed.run.out, "\"rule\": \"META001\"") == 1);
  CHECK(count(timed.run.out, "\"rule\": \"META002\"") == 0);
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

// ~0.9 KB per heading: the whole document's tree-sitter tree at once (~800 bytes a heading) and a vector of
// heading strings per section. 400k one-line headings took ~470 MB; the tree is now built 256 KiB at a time
// and a section is an 80-byte record.
TEST_CASE("linear input: 400k one-line headings in a context file, within a memory bound") {
  Scratch s;
  seed(s);
  std::string text;
  for (int i = 0; i < 400000 / k_size_divisor; ++i)
    text += "# h\n";
  write(s.dir / "AGENTS.md", text);
  const auto measured = measure_check_in(s, "--select CTX002 -q");
  CHECK(measured.exit_code == 0);
#if defined(__SANITIZE_ADDRESS__)
  CHECK(measured.max_rss_kb < 1'000'000); // shadow memory and the allocator's quarantine: a guard only
#else
  CHECK(measured.max_rss_kb < 200'000);
#endif
}

// The Markdown parse budget was per file (1 s + 5 s per MB), so a run over several adversarial files took the
// sum of their budgets: three 8 MB files of backtick runs, 120 s of CPU time. It is one budget per run now
// (30 s of CPU time, shared by the threads), and the run says which files it cut short. Sanitizer and debug
// builds multiply every parse budget by 20 (src/doc/markdown.cpp): this runs in the release build only.
#if !defined(__SANITIZE_ADDRESS__) && defined(NDEBUG)
TEST_CASE("linear input: three files of backtick runs share one parse budget per run") {
  Scratch s;
  seed(s);
  std::string runs = "# Doc\n\n";
  for (std::size_t run = 1; runs.size() < (8u << 20) - 4096; ++run)
    runs += std::string(run, '`') + " x ";
  runs += "\n";
  for (const char* name : {"AGENTS.md", "CLAUDE.md", "README.md"})
    write(s.dir / name, runs);
  const auto measured = measure_check_in(s, "--select CTX002");
  CHECK(measured.exit_code == 0);
  CHECK(measured.cpu_seconds < 45); // 30 s of parsing, the text scans that replace it, the rest of the run
  // Each file is cut short by the run's shared time or by its own memory budget (a tree of 8 MB of backtick
  // runs passes 256 MiB), whichever comes first; markdown_test checks the shared budget on its own.
  CHECK(count(measured.err, "used up their shared time budget") +
            count(measured.err, "hit its memory budget") >=
        1);
  for (const char* name : {"AGENTS.md", "CLAUDE.md", "README.md"})
    CHECK(has(measured.err, std::string(name) + ": "));
}
#endif

namespace {

// The peak resident memory of the largest child this test process has waited for, in MiB.
long peak_child_mib() {
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss / 1024;
}

} // namespace

TEST_CASE("linear input: 200k fenced code blocks in one context file") {
  Scratch s;
  seed(s);
  std::string text = "# Agents\n\n";
  constexpr int blocks = 200'000 / k_size_divisor;
  for (int i = 0; i < blocks; ++i)
    text += fmt::format("```sh\nmake t{}\n```\n", i);
  text += "\nSee [the guide](src/missing.cpp).\n";
  write(s.dir / "AGENTS.md", text);
  const auto timed = check_in(s, "--select CTX002");
  CHECK(timed.run.exit_code == 1);
  CHECK(has(timed.run.out, fmt::format("AGENTS.md:{}:", 3 * blocks + 4)));
  CHECK(has(timed.run.out, "CTX002 'src/missing.cpp' does not exist"));
  CHECK(timed.seconds < k_bound);
  CHECK(peak_child_mib() < 1024); // 580 MB before the parse had a memory budget; 1.4 GB with 8 MiB of it
}

TEST_CASE("linear input: 100k exclude globs over 2,000 files") {
  Scratch s;
  seed(s);
  for (int i = 0; i < 2'000; ++i)
    write(s.dir / fmt::format("d{}/f{}/AGENTS.md", i % 50, i), "# Agents\n\nSee [x](missing.md).\n");
  // Each kind of pattern the index keys differently: a literal directory, a file name, an extension, and a
  // file name under wildcard directories; then those that match, one of them re-included in part.
  std::string config = "version: 1\nexclude:\n";
  for (int i = 0; i < 25'000 / k_size_divisor; ++i)
    config += fmt::format("  - gen{0}/**/*.cpp\n  - name{0}.md\n  - '*.gen{0}'\n  - 'd*/f*/x{0}.md'\n", i);
  config += "  - d7/\n  - d8/**\n  - '!d8/f8/**'\n  - '**/f9/AGENTS.md'\n";
  write(s.dir / ".tacit.yaml", config);
  const auto timed = check_in(s, "--format json -q --select CTX002");
  CHECK(timed.run.exit_code == 1);
  // d7/ and d8/** leave out 40 files each, f9 one; d8/f8 stays out: its directory is excluded (as in git).
  CHECK(count(timed.run.out, "\"rule\": \"CTX002\"") == 2'000 - 40 - 40 - 1);
  CHECK(!has(timed.run.out, "\"d7/"));
  CHECK(!has(timed.run.out, "\"d8/"));
  CHECK(!has(timed.run.out, "\"d9/f9/"));
  CHECK(has(timed.run.out, "\"d9/f59/AGENTS.md\""));
  CHECK(timed.seconds < k_bound);
}
