// Files on disk, end to end: the default check sees untracked files that are not ignored (as ruff and
// eslint do), --staged and --rev do not, and a repository with no file at all is an error, not a pass.

#include "bad_input.hpp"

using namespace tacit::test;

TEST_CASE("worktree: a new AGENTS.md clears CTX001 before `git add`, --staged still lacks it") {
  Scratch s;
  s.git_repo();
  write(s.dir / "README.md", "# demo\n\nA small project.\n");
  s.sh("git add -A && git commit -qm one");
  const auto before = s.tacit("check -q --select CTX001");
  CHECK(before.exit_code == 1);
  CHECK(has(before.out, "CTX001"));

  write(s.dir / "AGENTS.md", "# Agents\n\nRead README.md first.\n"); // untracked: no git add
  const auto after = s.tacit("check --select CTX001");
  CHECK(after.exit_code == 0);
  CHECK_FALSE(has(after.out, "CTX001"));
  CHECK(has(after.out, "No findings (2 files checked"));

  const auto staged = s.tacit("check -q --staged --select CTX001");
  CHECK(staged.exit_code == 0); // nothing new relative to HEAD, but the index has no AGENTS.md:
  const auto at_head = s.tacit("check -q --rev HEAD --select CTX001");
  CHECK(at_head.exit_code == 1);
  CHECK(has(at_head.out, "CTX001"));
}

TEST_CASE("worktree: an ignored file stays invisible, a broken link in an untracked doc is found") {
  Scratch s;
  s.git_repo();
  write(s.dir / ".gitignore", "notes/\n");
  write(s.dir / "README.md", "# demo\n");
  s.sh("git add -A && git commit -qm one");
  write(s.dir / "notes/AGENTS.md", "# Agents\n\nSee [setup](missing-setup.md).\n"); // ignored
  write(s.dir / "docs/AGENTS.md", "# Agents\n\nSee [guide](missing-guide.md).\n");  // untracked
  const auto run = s.tacit("check -q --select CTX002");
  CHECK(run.exit_code == 1);
  CHECK(has(run.out, "docs/AGENTS.md:3:"));
  CHECK_FALSE(has(run.out, "missing-setup.md"));
  const auto staged = s.tacit("check -q --staged --select CTX002");
  CHECK(staged.exit_code == 0);
  CHECK_FALSE(has(staged.out, "missing-guide.md"));
}

TEST_CASE("worktree: no file at all is an error (exit 2) that says what is wrong, never 'No findings'") {
  Scratch s;
  s.git_repo();
  const auto empty = s.tacit("check");
  CHECK(empty.exit_code == 2);
  CHECK(has(empty.err, "has no files"));
  CHECK_FALSE(has(empty.out, "No findings"));

  write(s.dir / "README.md", "# demo\n");
  s.sh("git add -A && git commit -qm one && rm README.md");
  const auto broken = s.tacit("check");
  CHECK(broken.exit_code == 2);
  CHECK(has(broken.err, "none of the 1 tracked files"));
  CHECK_FALSE(has(broken.out, "No findings"));

  const auto staged = Scratch{};
  staged.git_repo();
  write(staged.dir / "a.md", "# a\n"); // untracked: the worktree has it, the index does not
  CHECK(staged.tacit("check -q").exit_code != 2);
  const auto nothing_staged = staged.tacit("check --staged");
  CHECK(nothing_staged.exit_code == 2);
  CHECK(has(nothing_staged.err, "nothing is staged"));
}
