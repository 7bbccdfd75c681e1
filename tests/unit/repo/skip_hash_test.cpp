// An index written with git's index.skipHash (git >= 2.40, and feature.manyFiles) ends with a checksum of
// zeros, which libgit2 1.5 refuses ("calculated checksum does not match expected"). --staged reads it as
// git does: the snapshot lists it, and the staged tree that keys the diff-aware cache is computed from it,
// for the repository's index and for the one GIT_INDEX_FILE names (git's pre-commit hook of `commit -a`).
// Debian 12's git (2.39) cannot write such an index: the tests zero the checksum of one it wrote.

#include "repo_test_support.hpp"

#include <tacit/repo/merge_base.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

using namespace tacit;
using namespace tacit::test;
using repo::ContentSource;

namespace {

// What git >= 2.40 writes with index.skipHash: the same index, its trailing SHA-1 all zeros.
void zero_index_checksum(const std::filesystem::path& index) {
  auto bytes = read_text(index);
  REQUIRE(bytes.size() > 20);
  bytes.replace(bytes.size() - 20, 20, std::string(20, '\0'));
  write_file(index, bytes);
}

// The tree `git write-tree` makes of the index (GIT_INDEX_FILE's when `env` names one).
std::string written_tree(const std::filesystem::path& repo, const std::string& env = {}) {
  REQUIRE(run_in(repo, env + " git write-tree > .git/written-tree") == 0);
  auto tree = read_text(repo / ".git/written-tree");
  while (!tree.empty() && (tree.back() == '\n' || tree.back() == '\r'))
    tree.pop_back();
  REQUIRE(tree.size() == 40);
  return tree;
}

std::optional<repo::StateIdentity> identity_of_staged(const std::filesystem::path& repo) {
  repo::SnapshotOptions options;
  options.path = repo;
  options.source = ContentSource::index;
  return repo::staged_identity(options);
}

} // namespace

TEST_CASE("index.skipHash: --staged lists an index whose checksum is zeros, and computes its tree") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.txt", "a\n"}, {"d/b.txt", "b\n"}});
  write_file(tmp / "a.txt", "staged\n");
  write_file(tmp / "c.txt", "new\n");
  git(tmp.path(), "add a.txt c.txt");
  const auto tree = written_tree(tmp.path());
  zero_index_checksum(tmp / ".git/index");

  auto staged = open_ok(tmp.path(), ContentSource::index);
  CHECK(listing(*staged) == "a.txt c.txt d/b.txt");
  CHECK(read_ok(*staged, "a.txt") == "staged\n");
  const auto identity = identity_of_staged(tmp.path());
  REQUIRE(identity.has_value());
  CHECK(identity->tree == tree);
  CHECK(identity->parent.size() == 40);
}

TEST_CASE("index.skipHash: the index GIT_INDEX_FILE names is read for --staged and for its tree") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.txt", "a\n"}, {"d/b.txt", "b\n"}});
  write_file(tmp / "d/b.txt", "only in the other index\n");
  REQUIRE(run_in(tmp.path(),
                 "cp .git/index .git/other-index && GIT_INDEX_FILE=.git/other-index git add d/b.txt") == 0);
  const auto own_tree = written_tree(tmp.path());
  const auto other_tree = written_tree(tmp.path(), "GIT_INDEX_FILE=.git/other-index");
  REQUIRE(own_tree != other_tree);
  zero_index_checksum(tmp / ".git/other-index");

  ::setenv("GIT_INDEX_FILE", (tmp / ".git/other-index").c_str(), 1);
  auto staged = repo::Snapshot::open({tmp.path(), ContentSource::index, {}, 1u << 20, {}, {}});
  const auto identity = identity_of_staged(tmp.path());
  ::unsetenv("GIT_INDEX_FILE");
  REQUIRE(staged.has_value());
  CHECK(read_ok(**staged, "d/b.txt") == "only in the other index\n");
  REQUIRE(identity.has_value());
  CHECK(identity->tree == other_tree); // the index that was scanned, not the repository's
  const auto own = identity_of_staged(tmp.path());
  REQUIRE(own.has_value());
  CHECK(own->tree == own_tree);
}

TEST_CASE("index.skipHash: a conflicted index has no staged tree") {
  TempDir tmp;
  make_merge_conflict(tmp.path());
  zero_index_checksum(tmp / ".git/index");
  CHECK_FALSE(identity_of_staged(tmp.path()).has_value());
}
