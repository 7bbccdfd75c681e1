// Adoption end to end: the tacit binary on real repositories built with git. --since reports only what a
// commit introduced (also in a file the commit did not touch), the baseline round trip, --staged, and the
// errors (unknown revision, shallow clone, malformed baseline).

#include "../repo/repo_test_support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace {

using tacit::test::git;
using tacit::test::TempDir;
using tacit::test::write_file;

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs `tacit ARGS` in `dir`; stdout and stderr are captured beside the repository.
Run tacit_in(const TempDir& scratch, const std::filesystem::path& dir, const std::string& args) {
  const auto out = scratch / "stdout.txt";
  const auto err = scratch / "stderr.txt";
  const auto command =
      fmt::format("cd '{}' && GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 timeout 60 '{}' {} "
                  ">'{}' 2>'{}'",
                  dir.string(), TACIT_BINARY, args, out.string(), err.string());
  const int status = std::system(command.c_str());
  return Run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_all(out), read_all(err)};
}

bool has(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

// A repository whose first commit already has findings (no context file; CI runs `make lint`, undocumented).
void first_commit(const std::filesystem::path& repo) {
  std::filesystem::create_directories(repo);
  git(repo, "init -q");
  write_file(repo / "README.md", "# demo\n\nBuild with `make build`.\n");
  write_file(repo / "Makefile", "build:\n\techo build\nlint:\n\techo lint\n");
  write_file(
      repo / ".github/workflows/ci.yml",
      "name: ci\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n");
  git(repo, "add -A");
  git(repo, "commit -q -m one");
}

} // namespace

TEST_CASE("--since HEAD~1 reports only what the last commit introduced, also in a file it did not touch") {
  TempDir scratch;
  const auto repo = scratch / "repo";
  first_commit(repo);
  // The second commit touches only the Makefile and CI: renaming `build` breaks README.md's `make build`
  // (README.md is untouched) and CI gains an undocumented step.
  write_file(repo / "Makefile", "compile:\n\techo build\nlint:\n\techo lint\n");
  write_file(repo / ".github/workflows/ci.yml",
             "name: ci\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n"
             "    steps:\n      - run: make lint\n      - run: make compile\n");
  git(repo, "commit -q -a -m two");

  const auto all = tacit_in(scratch, repo, "check");
  CHECK(has(all.out, "CTX001"));
  CHECK(has(all.out, "'make lint'"));

  const auto run = tacit_in(scratch, repo, "check --since HEAD~1");
  INFO(run.out << run.err);
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "README.md:3:13: error CTX003 'make build'"));
  CHECK(has(run.out, "TASK104 CI runs 'make compile'"));
  CHECK_FALSE(has(run.out, "CTX001"));
  CHECK_FALSE(has(run.out, "'make lint'"));
  CHECK(has(run.err, "--since HEAD~1"));

  // The same with the scanned state from --rev, and from the index.
  const auto quiet = tacit_in(scratch, repo, "check --since HEAD~1 -q");
  CHECK(tacit_in(scratch, repo, "check --rev HEAD --since HEAD~1 -q").out == quiet.out);
  CHECK(tacit_in(scratch, repo, "check --since HEAD -q").exit_code == 0);
  CHECK(tacit_in(scratch, repo, "check --rev HEAD~1 --since HEAD -q").exit_code == 0);

  // Bad revisions are usage errors.
  const auto unknown = tacit_in(scratch, repo, "check --since no-such-branch");
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "unknown revision 'no-such-branch'"));
  CHECK_FALSE(has(unknown.err, "fetch-depth"));
  const auto tree = tacit_in(scratch, repo, "check --since HEAD^{tree}");
  CHECK(tree.exit_code == 2);
  CHECK(has(tree.err, "not a commit"));
}

TEST_CASE("--since compares with the merge-base, not with the tip of REV") {
  TempDir scratch;
  const auto repo = scratch / "repo";
  first_commit(repo);
  git(repo, "checkout -q -b feature");
  write_file(repo / "Makefile", "compile:\n\techo build\nlint:\n\techo lint\n");
  git(repo, "commit -q -a -m feature");
  git(repo, "checkout -q main");
  // main moves on and fixes the undocumented CI step; the feature branch did not introduce it.
  write_file(repo / "README.md", "# demo\n\nBuild with `make build`, lint with `make lint`.\n");
  git(repo, "commit -q -a -m docs");
  git(repo, "checkout -q feature");
  const auto run = tacit_in(scratch, repo, "check --since main -q");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "CTX003 'make build'"));
  CHECK_FALSE(has(run.out, "make lint"));
}

TEST_CASE("--since in a shallow clone without the merge-base exits 2 with the fetch-depth hint") {
  TempDir scratch;
  const auto repo = scratch / "origin";
  first_commit(repo);
  write_file(repo / "Makefile", "compile:\n\techo build\nlint:\n\techo lint\n");
  git(repo, "commit -q -a -m two");
  git(scratch.path(), "clone -q --depth 1 file://" + repo.string() + " shallow");
  const auto run = tacit_in(scratch, scratch / "shallow", "check --since HEAD~1");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "shallow clone"));
  CHECK(has(run.err, "fetch-depth: 0"));
  CHECK(run.out.empty());
  // The tip itself is there: comparing with it works.
  CHECK(tacit_in(scratch, scratch / "shallow", "check --since HEAD -q").exit_code == 0);

  // Deep enough: the boundary commit is the merge-base (libgit2 alone fails on its missing parent).
  write_file(repo / "README.md", "# demo\n\nBuild with `make compile`.\n");
  git(repo, "commit -q -a -m three");
  git(scratch.path(), "clone -q --depth 2 file://" + repo.string() + " deeper");
  const auto deeper = tacit_in(scratch, scratch / "deeper", "check --since HEAD~1 -q");
  INFO(deeper.err);
  CHECK(deeper.exit_code == 0);
}

TEST_CASE("--since and --staged need a git repository with a commit") {
  TempDir scratch;
  const auto plain = scratch / "plain";
  write_file(plain / "README.md", "# x\n");
  const auto run = tacit_in(scratch, plain, "check --since HEAD");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "git repository"));
  const auto empty = scratch / "empty";
  std::filesystem::create_directories(empty);
  git(empty, "init -q");
  CHECK(tacit_in(scratch, empty, "check --since HEAD").exit_code == 2);
}

TEST_CASE("--staged reports what the staged change introduces relative to HEAD") {
  TempDir scratch;
  const auto repo = scratch / "repo";
  first_commit(repo);
  // Nothing staged: the findings already at HEAD are not reported.
  auto run = tacit_in(scratch, repo, "check --staged");
  CHECK(run.exit_code == 0);
  CHECK(has(run.err, "already at HEAD"));
  // A staged change that breaks `make build`: reported. An unstaged one is not looked at.
  write_file(repo / "Makefile", "compile:\n\techo build\nlint:\n\techo lint\n");
  CHECK(tacit_in(scratch, repo, "check --staged -q").exit_code == 0);
  git(repo, "add Makefile");
  run = tacit_in(scratch, repo, "check --staged -q");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "CTX003 'make build'"));
  CHECK_FALSE(has(run.out, "CTX001"));
  // An explicit --since replaces HEAD as the base.
  CHECK(tacit_in(scratch, repo, "check --staged --since HEAD -q").out == run.out);

  // An unborn HEAD: everything staged is new.
  const auto fresh = scratch / "fresh";
  std::filesystem::create_directories(fresh);
  git(fresh, "init -q");
  write_file(fresh / "README.md", "# x\n");
  git(fresh, "add README.md");
  run = tacit_in(scratch, fresh, "check --staged -q");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "CTX001"));
}

TEST_CASE("baseline round trip: write, a new problem, a fixed one, prune") {
  TempDir scratch;
  const auto repo = scratch / "repo";
  first_commit(repo);
  auto run = tacit_in(scratch, repo, "baseline write");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(has(run.err, "wrote .tacit-baseline.json: 2 findings"));
  const auto written = read_all(repo / ".tacit-baseline.json");
  CHECK(has(written, R"({"rule": "CTX001", "path": "README.md", "subject": "", "count": 1})"));
  CHECK(tacit_in(scratch, repo, "baseline write").exit_code == 0);
  CHECK(read_all(repo / ".tacit-baseline.json") == written); // stable

  run = tacit_in(scratch, repo, "check --baseline .tacit-baseline.json");
  CHECK(run.exit_code == 0);
  CHECK(has(run.err, "hides 2 findings"));

  // A new problem is reported; the recorded ones are not.
  write_file(repo / "Makefile", "compile:\n\techo build\nlint:\n\techo lint\n");
  run = tacit_in(scratch, repo, "check --baseline .tacit-baseline.json -q");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "CTX003 'make build'"));
  CHECK_FALSE(has(run.out, "CTX001"));

  // Fix a recorded one (document `make lint`): its entry is stale, reported but never fatal.
  write_file(repo / "Makefile", "build:\n\techo build\nlint:\n\techo lint\n");
  write_file(repo / "README.md", "# demo\n\nBuild with `make build`, lint with `make lint`.\n");
  run = tacit_in(scratch, repo, "check --baseline .tacit-baseline.json");
  CHECK(run.exit_code == 0);
  CHECK(has(run.err, "1 recorded finding no longer occurs"));
  CHECK(has(run.err, "stale: TASK104 .github/workflows/ci.yml 'make lint'"));

  run = tacit_in(scratch, repo, "baseline prune");
  CHECK(run.exit_code == 0);
  CHECK(has(run.err, "removed 1 finding"));
  const auto pruned = read_all(repo / ".tacit-baseline.json");
  CHECK_FALSE(has(pruned, "TASK104"));
  CHECK(has(pruned, "CTX001"));
  run = tacit_in(scratch, repo, "check --baseline .tacit-baseline.json");
  CHECK(run.exit_code == 0);
  CHECK_FALSE(has(run.err, "stale"));

  // A baseline elsewhere, and one given from outside the repository.
  CHECK(tacit_in(scratch, scratch.path(), "baseline write base.json -C repo").exit_code == 0);
  CHECK(tacit_in(scratch, scratch.path(), "check repo --baseline base.json").exit_code == 0);
}

TEST_CASE("baseline errors: missing and malformed files are located usage errors") {
  TempDir scratch;
  const auto repo = scratch / "repo";
  first_commit(repo);
  auto run = tacit_in(scratch, repo, "check --baseline nope.json");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "baseline file 'nope.json' does not exist"));
  CHECK(has(run.err, "tacit baseline write nope.json"));
  CHECK(tacit_in(scratch, repo, "baseline prune nope.json").exit_code == 2);
  write_file(repo / "bad.json",
             "{\"version\": 1,\n \"findings\": [\n  {\"rule\": \"CTX001\", \"path\": 3}]}\n");
  run = tacit_in(scratch, repo, "check --baseline bad.json");
  CHECK(run.exit_code == 2);
  INFO(run.err);
  CHECK(has(run.err, "bad.json:3:30: \"path\" must be a string"));
  write_file(repo / "bad.json", "{\"version\": 1, \"findings\": [}\n");
  run = tacit_in(scratch, repo, "check --baseline bad.json");
  CHECK(run.exit_code == 2);
  CHECK(has(run.err, "bad.json:1:29:"));
  CHECK(tacit_in(scratch, repo, "check --baseline .").exit_code == 2);
}

TEST_CASE("--since keeps the base commit's findings in .git/tacit/diff-base and reads them on the next run") {
  TempDir scratch;
  const auto repo = scratch / "repo";
  first_commit(repo);
  write_file(repo / "Makefile", "compile:\n\techo build\nlint:\n\techo lint\n");
  git(repo, "commit -q -a -m two");
  const auto cache_dir = repo / ".git" / "tacit" / "diff-base";

  const auto first = tacit_in(scratch, repo, "check --since HEAD~1 -q");
  CHECK(first.exit_code == 1);
  CHECK(has(first.out, "CTX003 'make build'"));
  std::filesystem::path file;
  for (const auto& entry : std::filesystem::directory_iterator(cache_dir))
    file = entry.path();
  REQUIRE_FALSE(file.empty());
  CHECK(file.filename().string().size() == 40 + 1 + 16); // <base tree>-<key>

  // The second run gives the same answer from the cache.
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q").out == first.out);

  // Proof that it reads the cache: a cache that says the base already had the new finding hides it, and
  // --no-cache analyses the base again.
  auto text = read_all(file);
  const auto end = text.rfind("end\t");
  const int count = std::stoi(text.substr(end + 4));
  text = text.substr(0, end) + "finding\tCTX003\tREADME.md\t3\t13\tmake build\n" +
         fmt::format("end\t{}\n", count + 1);
  write_file(file, text);
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q").exit_code == 0);
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q --no-cache").out == first.out);

  // Other settings are another key: the rule selection, and the configuration.
  CHECK(has(tacit_in(scratch, repo, "check --since HEAD~1 -q --select CTX").out, "CTX003 'make build'"));
  write_file(repo / ".tacit.yaml", "version: 1\nexclude: [docs/]\n");
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q").out == first.out);

  // A damaged cache file is a miss, never a wrong answer.
  write_file(file, "tacit-diff-base 1 garbage\n");
  std::filesystem::remove(repo / ".tacit.yaml");
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q").out == first.out);
}

TEST_CASE("--staged records the staged state, which the next run reads as its base once it is committed") {
  TempDir scratch;
  const auto repo = scratch / "repo";
  first_commit(repo);
  const auto cache_dir = repo / ".git" / "tacit" / "diff-base";
  // The staged change breaks README.md's `make build`: the run reports it, and records the staged state.
  write_file(repo / "Makefile", "compile:\n\techo build\nlint:\n\techo lint\n");
  git(repo, "add -A");
  const auto staged = tacit_in(scratch, repo, "check --staged -q");
  CHECK(staged.exit_code == 1);
  CHECK(has(staged.out, "CTX003 'make build'"));
  git(repo, "commit -q -m two");
  git(repo, "rev-parse 'HEAD^{tree}' > ../tree.txt");
  const auto tree = read_all(scratch / "tree.txt").substr(0, 40);
  std::filesystem::path file;
  for (const auto& entry : std::filesystem::directory_iterator(cache_dir))
    if (entry.path().filename().string().starts_with(tree))
      file = entry.path();
  REQUIRE_FALSE(file.empty()); // the state just committed, recorded before it was a commit
  CHECK(has(read_all(file), "finding\tCTX003\tREADME.md\t3\t13\tmake build\n"));

  // The next staged change is harmless: nothing new. Proof that the base comes from the record: a record
  // without the CTX003 finding makes it new, and --no-cache analyses the commit itself.
  write_file(repo / "notes.txt", "notes\n");
  git(repo, "add notes.txt");
  CHECK(tacit_in(scratch, repo, "check --staged -q").exit_code == 0);
  auto text = read_all(file);
  const auto line = text.find("finding\tCTX003\tREADME.md\t3\t13\tmake build\n");
  REQUIRE(line != std::string::npos);
  text.erase(line, text.find('\n', line) + 1 - line);
  const auto end = text.rfind("end\t");
  text = text.substr(0, end) + fmt::format("end\t{}\n", std::stoi(text.substr(end + 4)) - 1);
  write_file(file, text);
  CHECK(has(tacit_in(scratch, repo, "check --staged -q").out, "CTX003 'make build'"));
  CHECK(tacit_in(scratch, repo, "check --staged -q --no-cache").exit_code == 0);
}

// The base is analysed with the scanned state's parses of the files that did not change (a first run
// against a new base, --no-cache): what --since and --staged report is, to the byte, what they reported when
// the base was analysed on its own (outputs recorded with the binary before that change, 2506092). The base
// and the scanned state differ in a context file, a doc, a CI workflow and the Makefile; the worktree has
// untracked files, staged and unstaged changes.
TEST_CASE("--since and --staged on a first run report what the base analysed on its own gave") {
  TempDir scratch;
  const auto repo = scratch / "repo";
  first_commit(repo);
  write_file(repo / "AGENTS.md", "# Agents\n\nBuild with `make build`.\n");
  write_file(repo / "docs/guide.md", "# Guide\n\nLint with `make lint`. See `docs/old.md`.\n");
  git(repo, "add -A");
  git(repo, "commit -q --amend -m one");
  write_file(repo / "AGENTS.md", "# Agents\n\nBuild with `make build`. Test with `make test`.\n");
  write_file(repo / "Makefile", "compile:\n\techo build\nlint:\n\techo lint\n");
  write_file(
      repo / ".github/workflows/ci.yml",
      "name: ci\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n"
      "      - run: make compile\n");
  git(repo, "commit -q -a -m two");

  const std::string ci_step =
      ".github/workflows/ci.yml:8:14: warning TASK104 CI runs 'make compile' but no doc "
      "tells an agent to run it\n"
      "  hint: add `make compile` to AGENTS.md under a \"Checks\" section\n";
  const auto missing = [](std::string_view at, std::string_view target, std::string_view targets,
                          std::string_view count) {
    return fmt::format("{}: error CTX003 'make {}': no tracked Makefile has a target '{}'\n"
                       "  hint: use a target that exists ({}), or add '{}'\n"
                       "  evidence: Makefile:1: defines {}\n",
                       at, target, target, targets, target, count);
  };
  const auto since_commit = ci_step + missing("AGENTS.md:3:13", "build", "compile, lint", "2 targets") +
                            missing("AGENTS.md:3:37", "test", "compile, lint", "2 targets") +
                            missing("README.md:3:13", "build", "compile, lint", "2 targets");
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q --no-cache").out == since_commit);
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q").out == since_commit); // recorded
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q").out == since_commit); // read back

  // Staged: the context file and the doc; not staged: the Makefile; untracked: a doc and a script.
  write_file(repo / "docs/guide.md", "# Guide\n\nLint with `make lint` and `make check`.\n");
  write_file(repo / "AGENTS.md",
             "# Agents\n\nBuild with `make build`. Test with `make test`. Check with `make check`.\n");
  git(repo, "add docs/guide.md AGENTS.md");
  write_file(repo / "Makefile", "lint:\n\techo lint\n");
  write_file(repo / "NOTES.md", "# Notes\n\nRun `make deploy` and read `docs/missing.md`.\n");
  write_file(repo / "tools/setup.sh", "#!/bin/sh\nmake compile\n");

  const auto staged = missing("AGENTS.md:3:61", "check", "compile, lint", "2 targets");
  const auto first_staged = tacit_in(scratch, repo, "check --staged -q --no-cache");
  CHECK(first_staged.exit_code == 1);
  CHECK(first_staged.out == staged);
  CHECK(tacit_in(scratch, repo, "check --staged -q").out == staged);

  const auto since_worktree = ci_step + missing("AGENTS.md:3:13", "build", "lint", "1 target") +
                              missing("AGENTS.md:3:37", "test", "lint", "1 target") +
                              missing("AGENTS.md:3:61", "check", "lint", "1 target") +
                              missing("README.md:3:13", "build", "lint", "1 target");
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q --no-cache").out == since_worktree);
  CHECK(
      has(tacit_in(scratch, repo, "check --since HEAD~1 --no-cache").err, "(1 finding there is not shown)"));
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q").out == since_worktree);
}

// The base is evaluated for the rules of the scanned state's findings only, and its record in the cache says
// which: a later run that needs another rule analyses the base again instead of taking the record as
// complete (which would report the base's CTX003 as new), and the record then covers both.
TEST_CASE("--since evaluates the base for the scanned state's rules, and a record of other rules is a miss") {
  TempDir scratch;
  const auto repo = scratch / "repo";
  std::filesystem::create_directories(repo);
  git(repo, "init -q");
  write_file(repo / "AGENTS.md", "# Agents\n\nBuild with `make build`.\n");
  write_file(repo / "Makefile", "lint:\n\techo lint\n");
  write_file(
      repo / ".github/workflows/ci.yml",
      "name: ci\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n");
  git(repo, "add -A");
  git(repo, "commit -q -m one");
  write_file(
      repo / ".github/workflows/ci.yml",
      "name: ci\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n"
      "      - run: make compile\n");
  git(repo, "commit -q -a -m two");
  const auto cache_dir = repo / ".git" / "tacit" / "diff-base";
  const auto record = [&] {
    for (const auto& entry : std::filesystem::directory_iterator(cache_dir))
      return read_all(entry.path());
    return std::string{};
  };

  // The base has CTX003 for AGENTS.md's `make build`; the worktree no longer says it.
  write_file(repo / "AGENTS.md", "# Agents\n\nRead the Makefile.\n");
  const auto first = tacit_in(scratch, repo, "check --since HEAD~1 -q");
  CHECK(has(first.out, "TASK104 CI runs 'make compile'"));
  CHECK_FALSE(has(first.out, "CTX003"));
  const auto partial = record();
  CHECK(has(partial, "\nrules\t"));
  CHECK(has(partial, "\tTASK104"));
  CHECK_FALSE(has(partial, "CTX003")); // neither evaluated nor recorded

  // Back as it was: CTX003 is in the base, so it is not new; the record did not cover it.
  write_file(repo / "AGENTS.md", "# Agents\n\nBuild with `make build`.\n");
  const auto second = tacit_in(scratch, repo, "check --since HEAD~1 -q");
  CHECK_FALSE(has(second.out, "CTX003"));
  CHECK(second.out == tacit_in(scratch, repo, "check --since HEAD~1 -q --no-cache").out);
  const auto grown = record();
  CHECK(has(grown, "\tCTX003"));
  CHECK(has(grown, "finding\tCTX003\tAGENTS.md\t3\t"));
  CHECK(has(grown, "\tTASK104"));
  CHECK(tacit_in(scratch, repo, "check --since HEAD~1 -q").out == second.out); // read back
}

// A META finding depends on every other finding: the base is then evaluated for every rule. The suppression
// of CTX003 below covers nothing in both states (no `make` target is mentioned), so its META001 is not new.
TEST_CASE("--since evaluates every rule at the base when the scanned state has a META finding") {
  TempDir scratch;
  const auto repo = scratch / "repo";
  first_commit(repo);
  write_file(repo / "docs/notes.md",
             "# Notes\n\nNothing to build here. <!-- tacit: ignore[CTX003] -- kept for the old target -->\n");
  git(repo, "add -A");
  git(repo, "commit -q -m notes");
  const auto all = tacit_in(scratch, repo, "check -q");
  REQUIRE(has(all.out, "META001"));
  write_file(repo / "README.md", "# demo\n\nBuild with `make build` or `make nothing`.\n");
  const auto run = tacit_in(scratch, repo, "check --since HEAD --no-cache -q");
  CHECK(has(run.out, "'make nothing'"));
  CHECK_FALSE(has(run.out, "META001"));
}
