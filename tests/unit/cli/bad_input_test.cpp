// Bad input end to end: the tacit binary on broken, odd and hostile repositories. Each case must give a
// clear message and the right exit code, never a crash or a hang.

#include "bad_input.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>

using namespace tacit::test;

TEST_CASE("bad input: a path that does not exist") {
  Scratch s;
  const auto run = s.tacit("check does/not/exist");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "does/not/exist"));
  CHECK(has(run.err, "does not exist"));
}

TEST_CASE("bad input: a file instead of a directory checks the repository around it") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n\nSee `docs/missing.md`.\n");
  write(s.dir / "docs/present.md", "# x\n");
  s.sh("git add -A && git commit -qm x");
  const auto run = s.tacit("check AGENTS.md");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "AGENTS.md:3:6: error CTX002"));
}

TEST_CASE("bad input: a file outside any repository") {
  Scratch s;
  write(s.dir / "notes.txt", "hello\n");
  const auto run = s.tacit("check notes.txt");
  CHECK(run.exit_code != 1);
  CHECK(run.exit_code >= 0);
  CHECK(!run.err.empty());
}

TEST_CASE("bad input: an empty repository (no commits)") {
  Scratch s;
  s.git_repo();
  auto run = s.tacit("check"); // nothing to check is an error, never "No findings"
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "has no files"));
  run = s.tacit("check --rev HEAD");
  CHECK(run.exit_code == 2);
  CHECK(!run.err.empty());
  write(s.dir / "README.md", "# new\n");
  s.sh("git add README.md");
  run = s.tacit("check --staged");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "CTX001"));
}

TEST_CASE("bad input: a bare repository") {
  Scratch s;
  s.sh("git -c init.defaultBranch=main init -q --bare repo.git");
  const auto run = s.tacit("check repo.git");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "bare"));
}

TEST_CASE("bad input: a repository using extensions.worktreeConfig") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n\nA scratch repository.\n");
  s.sh("git add -A && git commit -qm x && git config core.repositoryformatversion 1 && git config "
       "extensions.worktreeConfig true");
  const auto run = s.tacit("check");
  CHECK(run.exit_code == 0);
  CHECK(has(run.out, "No findings"));
}

TEST_CASE("bad input: binary and UTF-16 Markdown are skipped with a note") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", std::string("# Agents\n\x00\x01\x02 [x](missing.md)\n", 30));
  write(s.dir / "CONTRIBUTING.md", std::string("\xff\xfe#\0 \0", 6));
  s.sh("git add -A && git commit -qm x");
  const auto run = s.tacit("check");
  CHECK(run.exit_code == 0);
  CHECK(has(run.err, "AGENTS.md: looks binary"));
  CHECK(has(run.err, "CONTRIBUTING.md: UTF-16"));
}

TEST_CASE("bad input: CRLF Markdown gives the same findings as LF") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\r\n\r\nRead [setup](docs/setup.md) and `src/old.c`.\r\n");
  write(s.dir / "src/new.c", "int x;\n");
  s.sh("git -c core.autocrlf=false add -A && git commit -qm x");
  const auto run = s.tacit("check");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "AGENTS.md:3:14: error CTX002 'docs/setup.md' does not exist"));
  CHECK(has(run.out, "AGENTS.md:3:34: error CTX002 'src/old.c' does not exist"));
}

TEST_CASE("bad input: a 200 MB Markdown file is read only up to the cap") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n\nRun `make test`.\n");
  s.sh("yes 'Some text in a very large doc with `inline/code.md` spans.' | head -c 200000000 > docs.md");
  s.sh("git add -A && git commit -qm x");
  const auto run = s.tacit("check");
  CHECK(run.exit_code == 0);
  CHECK(has(run.err, "docs.md: larger than the read limit"));
}

TEST_CASE("bad input: an unknown revision and conflicting sources") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n");
  s.sh("git add -A && git commit -qm x");
  auto run = s.tacit("check --rev does-not-exist");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "does-not-exist"));
  run = s.tacit("check --staged --rev HEAD");
  CHECK(run.exit_code == 2);
}

TEST_CASE("bad input: a .tacit.yaml that is not valid") {
  Scratch s;
  s.git_repo();
  write(s.dir / ".tacit.yaml", "version: 1\nexclude: [unclosed\n");
  s.sh("git add -A && git commit -qm x");
  auto run = s.tacit("check");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, ".tacit.yaml:"));
  write(s.dir / ".tacit.yaml", "version: 2\n");
  run = s.tacit("check");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, ".tacit.yaml:1:10: 'version' must be 1"));
}

TEST_CASE("--staged and --rev read the index and the commit, not the worktree") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n\nSee [a](a.md).\n");
  write(s.dir / "a.md", "# a\n");
  s.sh("git add -A && git commit -qm one");
  write(s.dir / "AGENTS.md", "# Agents\n\nSee [b](b.md).\n");
  s.sh("git add AGENTS.md");
  write(s.dir / "AGENTS.md", "# Agents\n\nSee [c](c.md).\n");
  auto run = s.tacit("check --fail-on never -q");
  CHECK(has(run.out, "'c.md' does not exist"));
  run = s.tacit("check --staged --fail-on never -q");
  CHECK(has(run.out, "'b.md' does not exist"));
  run = s.tacit("check --rev HEAD --fail-on never -q");
  CHECK(run.out.empty());
  CHECK(run.exit_code == 0);
}

TEST_CASE("output formats: the exit code never depends on them, several outputs in one run") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n\nSee [a](missing.md).\n");
  s.sh("git add -A && git commit -qm x");
  const auto plain = s.tacit("check -q");
  CHECK(plain.exit_code == 1);
  for (const auto* format :
       {"json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson", "markdown"}) {
    const auto run = s.tacit(fmt::format("check --format {}", format));
    CHECK_MESSAGE(run.exit_code == plain.exit_code, format);
    CHECK_MESSAGE(has(run.out, "missing.md"), format);
  }
  const auto several = s.tacit("check -q --format text --format sarif:../out.sarif --format junit:../out.xml "
                               "--format gitlab:../gl.json");
  CHECK(several.exit_code == 1);
  CHECK(several.out == plain.out);
  CHECK(has(slurp(s.dir / ".." / "out.sarif"), "\"ruleId\": \"CTX002\""));
  CHECK(has(slurp(s.dir / ".." / "out.xml"), "<testsuites"));
  CHECK(has(slurp(s.dir / ".." / "gl.json"), "\"check_name\": \"CTX002\""));
  for (const auto* name : {"out.sarif", "out.xml", "gl.json"})
    fs::remove(s.dir / ".." / name);
}

TEST_CASE("output formats: --format github appends to $GITHUB_STEP_SUMMARY, a failure to write only warns") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n\nSee [a](missing.md).\n");
  s.sh("git add -A && git commit -qm x");
  const auto summary = s.dir / ".." / fmt::format("{}.summary.md", s.dir.filename().string());
  write(summary, "earlier step\n");
  ::unsetenv("GITHUB_STEP_SUMMARY");
  auto run = s.tacit("check --format github");
  CHECK(run.exit_code == 1);
  CHECK(slurp(summary) == "earlier step\n"); // not set: not written

  ::setenv("GITHUB_STEP_SUMMARY", summary.c_str(), 1);
  run = s.tacit("check --format text"); // only the github format writes the summary
  CHECK(slurp(summary) == "earlier step\n");
  run = s.tacit("check --format github");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "::error file=AGENTS.md,line=3"));
  const auto written = slurp(summary);
  CHECK(written.starts_with("earlier step\n### tacit\n")); // appended, never truncated
  CHECK(has(written, "| AGENTS.md:3:"));

  ::setenv("GITHUB_STEP_SUMMARY", (s.dir / "no/such/dir/summary.md").c_str(), 1);
  run = s.tacit("check --format github");
  ::unsetenv("GITHUB_STEP_SUMMARY");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "::error file=AGENTS.md,line=3"));
  CHECK(has(run.err, "tacit: warning: cannot append the step summary to"));
  fs::remove(summary);
}

TEST_CASE("bad input: --jobs that is not a number, and two outputs into one file") {
  Scratch s;
  s.git_repo();
  write(s.dir / "AGENTS.md", "# Agents\n\nSee [a](missing.md).\n");
  s.sh("git add -A && git commit -qm x");
  auto run = s.tacit("check --jobs abc");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "--jobs: 'abc' is not a number"));
  CHECK(!has(run.err, "not in range"));
  run = s.tacit("check --jobs 0");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "--jobs: 0 is out of range"));
  run = s.tacit("check --format json:../same.out --format sarif:../same.out");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "two outputs write to '../same.out'"));
  run = s.tacit("check --format json:../same.out --format sarif:../x/../same.out");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "two outputs write to one file"));
  CHECK(!fs::exists(s.dir / ".." / "same.out")); // refused before anything is written
  run = s.tacit("check -q --format json:../one.out --format sarif:../two.out");
  CHECK(run.exit_code == 1);
  fs::remove(s.dir / ".." / "one.out");
  fs::remove(s.dir / ".." / "two.out");
}

TEST_CASE("bad input: manifests that do not parse are named in a note with their reason") {
  Scratch s;
  s.git_repo();
  write(s.dir / "README.md", "# x\n");
  write(s.dir / "package.json", "{\"name\": \"x\", \"scripts\": {\"test\": \"jest\"\n");
  write(s.dir / "Cargo.toml", "[package]\nname = \"x\n");
  write(s.dir / "src/main.rs", "fn main() {}\n");
  write(s.dir / "pyproject.toml", "[tool.ruff]\nline-length =\n");
  write(s.dir / "CMakePresets.json", "{\"version\": 3, \"configurePresets\": [\n");
  write(s.dir / "CMakeLists.txt", "cmake_minimum_required(VERSION 3.20)\n");
  s.sh("git add -A && git commit -qm x");
  const auto run = s.tacit("check");
  CHECK(run.exit_code != 2);
  CHECK(has(run.err, "note: package.json: invalid JSON"));
  CHECK(has(run.err, "note: Cargo.toml:2: not read: invalid TOML"));
  CHECK(has(run.err, "note: pyproject.toml:2: not read: invalid TOML"));
  CHECK(has(run.err, "note: CMakePresets.json: not read: invalid JSON"));
}
