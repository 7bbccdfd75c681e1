// Where the findings go, end to end: output files that are links, FIFOs or directories, stdout that is full
// or closed, and repository text that carries control characters into a terminal or a CI log.

#include "bad_input.hpp"

#include <sys/stat.h>
#include <sys/wait.h>

using namespace tacit::test;

namespace {

// A repository with one finding (CTX002 in AGENTS.md).
void one_finding(const Scratch& s) {
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n\nSee [a](missing.md).\n");
  s.sh("git add -A && git commit -qm x");
}

} // namespace

TEST_CASE("output files: a symlink is written through, not replaced") {
  Scratch s;
  one_finding(s);
  const auto target = s.dir / ".." / fmt::format("{}.target.sarif", s.dir.filename().string());
  const auto link = s.dir / ".." / fmt::format("{}.link.sarif", s.dir.filename().string());
  write(target, "old\n");
  fs::create_symlink(target, link);
  const auto run = s.tacit(fmt::format("check -q --format sarif:'{}'", link.string()));
  CHECK(run.exit_code == 1);
  CHECK(fs::is_symlink(link));
  CHECK(has(slurp(target), "\"ruleId\": \"CTX002\""));
  fs::remove(link);
  fs::remove(target);
}

TEST_CASE("output files: a FIFO is written in place, a directory is an error") {
  Scratch s;
  one_finding(s);
  s.sh("mkfifo out.pipe");
  // A reader for the FIFO, bounded in time so that a regression cannot hang the test.
  const auto got = s.dir / ".." / fmt::format("{}.got", s.dir.filename().string());
  s.sh(fmt::format("(timeout 20 cat out.pipe > '{}' &)", got.string()));
  auto run = s.tacit("check -q -o out.pipe");
  CHECK(run.exit_code == 1);
  struct stat status {};
  REQUIRE(::lstat((s.dir / "out.pipe").c_str(), &status) == 0);
  CHECK(S_ISFIFO(status.st_mode));
  s.sh(fmt::format("for i in $(seq 50); do grep -q CTX002 '{}' && break; sleep 0.1; done", got.string()));
  CHECK(has(slurp(got), "CTX002"));
  fs::remove(got);

  fs::create_directories(s.dir / "outdir");
  run = s.tacit("check -q --format json:outdir");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "cannot write outdir: it is a directory"));
}

// Runs tacit in `s` with `args` and its own stdout redirection (`>/dev/full`, `>&-`); stderr is captured.
Run run_with_stdout(const Scratch& s, const std::string& args, const std::string& stdout_redirection) {
  const auto err = s.dir / ".." / fmt::format("{}.stderr", s.dir.filename().string());
  const auto command = fmt::format("cd '{}' && timeout 60 '{}' {} {} 2>'{}'", s.dir.string(), TACIT_BINARY,
                                   args, stdout_redirection, err.string());
  const int status = std::system(command.c_str());
  Run run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = slurp(err);
  fs::remove(err);
  return run;
}

TEST_CASE("stdout: a full disk or a closed stdout fails the run with a message") {
  Scratch s;
  one_finding(s);
  auto run = run_with_stdout(s, "check -q --format json", ">/dev/full");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "cannot write the findings to stdout: No space left on device"));
  run = run_with_stdout(s, "check -q", ">&-");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "cannot write the findings to stdout"));
  run = run_with_stdout(s, "rules", ">/dev/full");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "cannot write to stdout"));
  // Nothing to say is nothing to lose: a clean run into /dev/full still passes.
  run = run_with_stdout(s, "check -q --select CTX002 --ignore CTX002", ">/dev/full");
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
}

TEST_CASE("text output: control characters from the repository are made visible") {
  Scratch s;
  s.git_repo();
  // A folder whose name carries a newline and a GitHub workflow command, and a link with an escape sequence.
  const auto evil = s.dir / "d\n::error file=x,line=1::forged";
  write(evil / "README.md", "# D\n\nSee [a](missing.md).\n");
  write(s.dir / "AGENTS.md", "# Agents\n\nSee [b](docs/\x1b[2Jred.md).\n");
  s.sh("git add -A && git commit -qm x");
  const auto run = s.tacit("check --format text --select CTX002");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "d\\n::error file=x,line=1::forged/README.md:3:"));
  CHECK(has(run.out, "docs/\\x1b[2Jred.md"));
  CHECK_FALSE(has(run.out, "\x1b"));
  for (const auto& line : tacit::util::split(run.out, '\n'))
    CHECK_FALSE(std::string_view(line).starts_with("::"));
}

TEST_CASE("--select, --ignore and --format take one value each: a path after them is the path") {
  Scratch s;
  one_finding(s);
  const auto path = s.dir.string();
  auto run = s.tacit(fmt::format("check -q --select CTX002 '{}'", path));
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "CTX002"));
  run = s.tacit(fmt::format("check -q --ignore CTX001 --format text '{}'", path));
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "CTX002"));
  run = s.tacit(fmt::format("check -q --select CTX001 --select CTX002 '{}'", path));
  CHECK(has(run.out, "CTX002")); // repeated: both count
}

TEST_CASE("TACIT_TIMING=1 prints each phase and rule wall time to stderr, and nothing when unset") {
  Scratch scratch;
  scratch.git_repo();
  write(scratch.dir / "AGENTS.md", "# Agents\n\nSee [the guide](docs/missing.md).\n");
  scratch.sh("git add -A && git commit -qm init");
  const auto timed = scratch.tacit("check . --select CTX002", "env TACIT_TIMING=1 ");
  CHECK(timed.exit_code == 1);
  CHECK(has(timed.err, "tacit: timing: open the repository"));
  CHECK(has(timed.err, "tacit: timing: context: facts thread"));
  CHECK(has(timed.err, "tacit: timing: CTX002"));
  CHECK(has(timed.out, "CTX002"));
  const auto plain = scratch.tacit("check . --select CTX002", "env -u TACIT_TIMING ");
  CHECK(plain.out == timed.out);
  CHECK_FALSE(has(plain.err, "timing"));
}
