// Tests for repo::read_change_sets: the files each recent commit changed (added, modified, deleted, under
// added and deleted folders), newest first, and the bound that makes a large commit a sweep.

#include "repo_test_support.hpp"

#include <tacit/repo/change_sets.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace tacit;
using namespace tacit::test;

namespace {

std::string joined_paths(const std::vector<std::string>& paths) {
  std::string out;
  for (const auto& path : paths)
    out += (out.empty() ? "" : " ") + path;
  return out;
}

} // namespace

TEST_CASE("change sets: the files each commit added, modified or deleted, newest first") {
  TempDir tmp;
  make_repo(tmp.path(),
            {{"README.md", "hi\n"}, {"api/a.proto", "a\n"}, {"old/x.go", "x\n"}, {"old/y/z.go", "z\n"}});
  write_file(tmp / "api/a.proto", "a2\n");
  write_file(tmp / "server/h.go", "h\n");
  git(tmp.path(), "add -A");
  git(tmp.path(), "commit -q -m 'one'");
  git(tmp.path(), "rm -q -r old");
  write_file(tmp / "new/deep/f.go", "f\n");
  git(tmp.path(), "add -A");
  git(tmp.path(), "commit -q -m 'two'");
  auto snapshot = open_ok(tmp.path());
  const auto sets = repo::read_change_sets(*snapshot, {});
  REQUIRE(sets.size() == 3);
  CHECK(sets[0].commit.subject == "two");
  CHECK(joined_paths(sets[0].paths) == "new/deep/f.go old/x.go old/y/z.go");
  CHECK(joined_paths(sets[1].paths) == "api/a.proto server/h.go");
  CHECK(sets[2].paths.empty()); // the root commit adds the tree: no coupling in it
  CHECK_FALSE(sets[0].sweep);
}

TEST_CASE("change sets: a commit that changes more files than the bound is a sweep, its files not listed") {
  TempDir tmp;
  make_repo(tmp.path(), {{"README.md", "hi\n"}});
  for (int i = 0; i < 5; ++i)
    write_file(tmp / ("src/f" + std::to_string(i) + ".c"), "x\n");
  git(tmp.path(), "add -A");
  git(tmp.path(), "commit -q -m 'five files'");
  auto snapshot = open_ok(tmp.path());
  repo::ChangeSetOptions options;
  options.max_files = 4;
  auto sets = repo::read_change_sets(*snapshot, options);
  REQUIRE(sets.size() == 2);
  CHECK(sets[0].sweep);
  CHECK(sets[0].paths.empty());
  options.max_files = 5;
  sets = repo::read_change_sets(*snapshot, options);
  CHECK_FALSE(sets[0].sweep);
  CHECK(sets[0].paths.size() == 5);
  options.max_commits = 1;
  CHECK(repo::read_change_sets(*snapshot, options).size() == 1);
}
