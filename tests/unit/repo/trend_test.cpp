// trend_commits: the earlier commits of `tacit audit --history N`, evenly spaced over the year before HEAD's
// commit along the first parents, with a note when the history is too short or a shallow clone cuts it.

#include "repo_test_support.hpp"

#include <tacit/repo/trend.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <string>

using namespace tacit;
using namespace tacit::test;

namespace {

// A commit dated `date` (ISO 8601, committer and author) adding a scratch file.
void commit_on(const std::filesystem::path& dir, const std::string& date, const std::string& subject) {
  // A file of its own per subject, so that branches merge without conflicts.
  auto name = subject;
  std::replace(name.begin(), name.end(), ' ', '-');
  write_file(dir / "steps" / name, subject + "\n");
  git(dir, "add steps");
  const std::string command =
      "env GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE=" + date +
      " GIT_COMMITTER_DATE=" + date +
      " git -c user.name=tacit -c user.email=tacit@example.com -c commit.gpgsign=false "
      "commit -q -m '" +
      subject + "'";
  REQUIRE(run_in(dir, command) == 0);
}

std::string rev(const std::filesystem::path& dir, const std::string& name) {
  const auto out = dir / ".rev";
  REQUIRE(run_in(dir, "git rev-parse " + name + " > .rev") == 0);
  std::ifstream in(out);
  std::string id;
  std::getline(in, id);
  return id;
}

// A new repository at `dir` with one commit per (date, subject), in order.
void dated_repo(const std::filesystem::path& dir,
                std::initializer_list<std::pair<std::string, std::string>> commits) {
  std::filesystem::create_directories(dir);
  git(dir, "init -q");
  for (const auto& [date, subject] : commits)
    commit_on(dir, date, subject);
}

// One commit on the first of each month of 2025, then HEAD on 2026-01-01.
void monthly(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  git(dir, "init -q");
  for (int month = 1; month <= 12; ++month)
    commit_on(dir, fmt::format("2025-{:02}-01T12:00:00Z", month), fmt::format("month {}", month));
  commit_on(dir, "2026-01-01T12:00:00Z", "head");
}

} // namespace

TEST_CASE("trend: N commits evenly spaced over the year before HEAD, oldest first") {
  TempDir tmp;
  monthly(tmp / "r");
  auto found = repo::trend_commits(tmp / "r", 4);
  REQUIRE(found.has_value());
  CHECK(found->note.empty());
  // HEAD is 2026-01-01 12:00; the targets are 2025-10-02, 2025-07-02, 2025-04-01 and 2025-01-01 (12:00 each,
  // give or take the days of a 365-day year): the newest commits at or before them.
  REQUIRE(found->commits.size() == 4);
  CHECK(repo::utc_date(found->commits[0].time) == "2025-01-01");
  CHECK(repo::utc_date(found->commits[1].time) == "2025-04-01");
  CHECK(repo::utc_date(found->commits[2].time) == "2025-07-01");
  CHECK(repo::utc_date(found->commits[3].time) == "2025-10-01");
  CHECK(found->commits[3].id == rev(tmp / "r", "HEAD~3"));
  CHECK(found->commits[0].id == rev(tmp / "r", "HEAD~12"));
}

TEST_CASE("trend: a commit that answers two points counts once, and a young history says so") {
  TempDir tmp;
  auto dir = tmp / "young";
  dated_repo(dir, {{"2025-11-01T00:00:00Z", "first"}, {"2026-01-01T00:00:00Z", "head"}});
  auto found = repo::trend_commits(dir, 12);
  REQUIRE(found.has_value());
  REQUIRE(found->commits.size() == 1);
  CHECK(found->commits[0].id == rev(dir, "HEAD~1"));
  CHECK(found->note == "1 of the 12 earlier commits asked for: the history starts at 2025-11-01, less than a "
                       "year before HEAD (2026-01-01)");
}

TEST_CASE("trend: a single commit has no earlier point, and merges follow the first parent") {
  TempDir tmp;
  auto one = tmp / "one";
  dated_repo(one, {{"2026-01-01T00:00:00Z", "only"}});
  auto found = repo::trend_commits(one, 3);
  REQUIRE(found.has_value());
  CHECK(found->commits.empty());
  CHECK(found->note.starts_with("0 of the 3 earlier commits asked for: the history starts at 2026-01-01"));

  auto merged = tmp / "merged";
  dated_repo(merged, {{"2025-01-15T00:00:00Z", "base"}});
  git(merged, "checkout -q -b side");
  commit_on(merged, "2025-06-15T00:00:00Z", "side work");
  git(merged, "checkout -q main");
  commit_on(merged, "2025-05-15T00:00:00Z", "main work");
  REQUIRE(run_in(merged, "env GIT_CONFIG_GLOBAL=/dev/null GIT_COMMITTER_DATE=2025-09-01T00:00:00Z "
                         "GIT_AUTHOR_DATE=2025-09-01T00:00:00Z git -c user.name=t -c user.email=t@e "
                         "merge -q --no-ff -m merge side") == 0);
  commit_on(merged, "2026-01-15T00:00:00Z", "head");
  found = repo::trend_commits(merged, 2);
  REQUIRE(found.has_value());
  // Targets 2025-07-16 and 2025-01-15: the main line's 2025-05-15 commit (not the side branch's 2025-06-15
  // one), then the base.
  REQUIRE(found->commits.size() == 2);
  CHECK(found->commits[1].id == rev(merged, "HEAD~1^1"));
  CHECK(found->commits[0].id == rev(merged, "HEAD~3"));
}

TEST_CASE("trend: a shallow clone ends at its boundary, and the note says how to fetch the history") {
  TempDir tmp;
  monthly(tmp / "origin");
  git(tmp.path(), "clone -q --depth 3 file://" + (tmp / "origin").string() + " shallow");
  auto found = repo::trend_commits(tmp / "shallow", 12);
  REQUIRE(found.has_value());
  CHECK(found->commits.size() == 2); // 2025-12-01 and 2025-11-01: the clone holds 3 commits with HEAD
  CHECK(found->note.find("the history ends at 2025-11-01") != std::string::npos);
  CHECK(found->note.find("shallow clone") != std::string::npos);
}

TEST_CASE("trend: errors for a directory outside git and an unborn branch") {
  TempDir tmp;
  write_file(tmp / "plain" / "README.md", "hi\n");
  auto plain = repo::trend_commits(tmp / "plain", 2);
  // The temp dir is not inside a repository.
  REQUIRE_FALSE(plain.has_value());
  CHECK(plain.error().message.find("is not inside one") != std::string::npos);
  std::filesystem::create_directories(tmp / "unborn");
  git(tmp / "unborn", "init -q");
  auto unborn = repo::trend_commits(tmp / "unborn", 2);
  REQUIRE_FALSE(unborn.has_value());
  CHECK(unborn.error().message == "--history: the current branch has no commits yet");
}
