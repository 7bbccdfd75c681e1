// Tests for Snapshot::history: the bounded walk of recent non-merge commits, on real repositories built with
// `git` in temporary directories.

#include "repo_test_support.hpp"

#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>

using namespace tacit;
using namespace tacit::test;
using repo::ContentSource;

namespace {

// Commits `count` changes of `file` with subjects "<prefix> N".
void commit_many(const std::filesystem::path& dir, int count, const std::string& prefix,
                 const std::string& file = "log.txt") {
  for (int i = 1; i <= count; ++i) {
    write_file(dir / file, prefix + " " + std::to_string(i) + "\n");
    git(dir, "add -A");
    git(dir, "commit -q -m '" + prefix + " " + std::to_string(i) + "'");
  }
}

std::string subjects(const std::vector<repo::Commit>& commits) {
  std::string out;
  for (const auto& commit : commits)
    out += (out.empty() ? "" : "|") + commit.subject;
  return out;
}

repo::HistoryOptions limit(std::size_t n, bool first_parent = false) {
  repo::HistoryOptions options;
  options.max_commits = n;
  options.first_parent = first_parent;
  return options;
}

} // namespace

TEST_CASE("history: newest first, first lines only, bounded, with ids and authors") {
  TempDir tmp;
  make_repo(tmp.path(), {{"README.md", "hi\n"}});
  commit_many(tmp.path(), 5, "step");
  write_file(tmp / "log.txt", "body\n");
  git(tmp.path(), "add -A");
  git(tmp.path(), "commit -q -m 'feat: subject line' -m 'a body paragraph'");
  auto snapshot = open_ok(tmp.path());
  const auto all = snapshot->history(limit(200));
  CHECK(subjects(all) == "feat: subject line|step 5|step 4|step 3|step 2|step 1|initial");
  REQUIRE(all.size() == 7);
  CHECK(all.front().id.size() == 40);
  CHECK(all.front().author == "tacit");
  CHECK(all.front().email == "tacit@example.com");
  CHECK(all.front().time > 0);
  CHECK(subjects(snapshot->history(limit(2))) == "feat: subject line|step 5");
  CHECK(snapshot->history(limit(0)).empty());
}

TEST_CASE("history: merges are skipped, first-parent follows the main line only") {
  TempDir tmp;
  make_repo(tmp.path(), {{"README.md", "hi\n"}});
  git(tmp.path(), "checkout -q -b topic");
  commit_many(tmp.path(), 2, "topic", "topic.txt");
  git(tmp.path(), "checkout -q main");
  commit_many(tmp.path(), 1, "main", "main.txt");
  git(tmp.path(), "merge -q --no-ff --no-edit topic");
  auto snapshot = open_ok(tmp.path());
  const auto all = snapshot->history(limit(200));
  CHECK(all.size() == 4); // initial, main 1, topic 1, topic 2: no merge commit
  for (const auto& commit : all)
    CHECK_FALSE(commit.subject.starts_with("Merge"));
  CHECK(subjects(snapshot->history(limit(200, true))) == "main 1|initial");
}

TEST_CASE("history: the index uses HEAD, --rev its commit, a tree or an unborn branch has none") {
  TempDir tmp;
  make_repo(tmp.path(), {{"README.md", "hi\n"}});
  commit_many(tmp.path(), 3, "step");
  CHECK(subjects(open_ok(tmp.path(), ContentSource::index)->history(limit(200))) ==
        "step 3|step 2|step 1|initial");
  CHECK(subjects(open_ok(tmp.path(), ContentSource::revision, "HEAD~2")->history(limit(200))) ==
        "step 1|initial");
  CHECK(open_ok(tmp.path(), ContentSource::revision, "HEAD^{tree}")->history(limit(200)).empty());

  TempDir empty;
  git(empty.path(), "init -q");
  write_file(empty / "a.txt", "a\n");
  git(empty.path(), "add -A");
  CHECK(open_ok(empty.path())->history(limit(200)).empty());
  CHECK(open_ok(empty.path(), ContentSource::index)->history(limit(200)).empty());
}

TEST_CASE("history: a plain directory has none") {
  TempDir tmp;
  write_file(tmp / "README.md", "hi\n");
  auto snapshot = open_ok(tmp.path());
  REQUIRE_FALSE(snapshot->is_git());
  CHECK(snapshot->history(limit(200)).empty());
}

TEST_CASE("history: a shallow clone ends at its boundary") {
  TempDir tmp;
  make_repo(tmp / "origin", {{"README.md", "hi\n"}});
  commit_many(tmp / "origin", 10, "step");
  git(tmp.path(), "clone -q --depth 3 file://" + (tmp / "origin").string() + " shallow");
  auto snapshot = open_ok(tmp / "shallow");
  const auto commits = snapshot->history(limit(200));
  CHECK(commits.size() <= 3);
  REQUIRE_FALSE(commits.empty());
  CHECK(commits.front().subject == "step 10");
}
