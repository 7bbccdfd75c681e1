// The index's cache-tree extension (src/repo/cache_tree.cpp) and the commit listing that takes the folders
// whose tree the index records from the index: a commit opened with the worktree's reading of the index lists
// exactly `git ls-tree -r` (paths, modes, sizes) with the commit's bytes, whatever changed since (committed,
// staged, intent-to-add, unstaged), in every index version; damaged index bytes are refused, never over-read.

#include "../../../src/repo/cache_tree.hpp"
#include "repo_test_support.hpp"

#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

using namespace tacit;
using namespace tacit::test;
using repo::ContentSource;

namespace {

// "path mode size" per file of `revision`, as git lists it (submodules left out, as a snapshot does).
std::string git_listing(const std::filesystem::path& repo, const std::string& revision) {
  git(repo, "ls-tree -r -l --full-tree " + revision + " > ../ls-tree.txt");
  std::istringstream in(read_text(repo.parent_path() / "ls-tree.txt"));
  std::string out;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line.substr(0, line.find('\t')));
    std::string mode, type, id, size;
    fields >> mode >> type >> id >> size;
    if (type == "blob")
      out += line.substr(line.find('\t') + 1) + " " + mode + " " + size + "\n";
  }
  return out;
}

std::string snapshot_listing(const repo::Snapshot& snapshot) {
  std::string out;
  for (const auto& file : snapshot.files())
    out += fmt::format("{} {:06o} {}\n", file.path, file.mode, file.size);
  return out;
}

// The revision opened as the base of a diff-aware run opens it: with the worktree snapshot's index reading.
std::unique_ptr<repo::Snapshot> open_revision(const std::filesystem::path& repo, const std::string& revision,
                                              std::shared_ptr<const repo::IndexReading> index) {
  repo::SnapshotOptions options;
  options.path = repo;
  options.source = ContentSource::revision;
  options.revision = revision;
  options.index = std::move(index);
  auto snapshot = repo::Snapshot::open(options);
  REQUIRE(snapshot.has_value());
  return std::move(*snapshot);
}

// Every file of `revision` as the snapshot lists and reads it, against git.
void check_revision(const std::filesystem::path& repo, const std::string& revision,
                    std::shared_ptr<const repo::IndexReading> index) {
  INFO("revision " << revision);
  const auto snapshot = open_revision(repo, revision, std::move(index));
  CHECK(snapshot_listing(*snapshot) == git_listing(repo, revision));
  for (const auto& file : snapshot->files()) {
    git(repo, "cat-file blob '" + revision + ":" + file.path + "' > ../blob.bin");
    CHECK(read_ok(*snapshot, file.path) == read_text(repo.parent_path() / "blob.bin"));
  }
}

// A repository with nested folders, two commits (one folder changed, one file added, one removed), then a
// staged change, an intent-to-add file and an unstaged edit.
void make_history(const std::filesystem::path& repo) {
  make_repo(repo, {{"README.md", "# readme\n"},
                   {"a/one.txt", "one\n"},
                   {"a/x/deep.txt", "deep\n"},
                   {"a/x/y/deeper.txt", "deeper\n"},
                   {"b/two.txt", "two\n"},
                   {"b/three.txt", "three\n"},
                   {"c/old.txt", "old\n"},
                   {"c/keep.txt", "keep\n"},
                   {"run.sh", "#!/bin/sh\n"}});
  git(repo, "update-index --chmod=+x run.sh");
  git(repo, "commit -q -m modes");
  write_file(repo / "a/x/deep.txt", "deep, changed in the second commit\n");
  write_file(repo / "b/new.txt", "new\n");
  std::filesystem::remove(repo / "c/old.txt");
  git(repo, "add -A");
  git(repo, "commit -q -m two");
}

} // namespace

TEST_CASE("cache tree: read from an index git wrote, one entry per folder with the tree's id") {
  TempDir tmp;
  const auto repo = tmp / "repo";
  make_history(repo);
  const auto trees = repo::read_cache_tree(read_text(repo / ".git/index"));
  REQUIRE(trees);
  std::string paths;
  for (const auto& tree : *trees)
    paths += "[" + tree.path + "]";
  CHECK(paths == "[][a/][a/x/][a/x/y/][b/][c/]");
  CHECK(trees->front().entries == 9);
  for (const auto& tree : *trees) {
    git(repo, "rev-parse 'HEAD:" + tree.path + "' > ../id.txt");
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_fmt(hex, &tree.id);
    CHECK(std::string(hex) == read_text(tmp / "id.txt").substr(0, 40));
  }
  // A staged change invalidates its folders up to the root: they are no longer listed.
  write_file(repo / "a/x/deep.txt", "staged\n");
  git(repo, "add a/x/deep.txt");
  const auto staged = repo::read_cache_tree(read_text(repo / ".git/index"));
  REQUIRE(staged);
  paths.clear();
  for (const auto& tree : *staged)
    paths += "[" + tree.path + "]";
  CHECK(paths == "[a/x/y/][b/][c/]");
}

TEST_CASE("cache tree: cut or damaged index bytes are refused or read within bounds") {
  TempDir tmp;
  const auto repo = tmp / "repo";
  make_history(repo);
  const auto bytes = read_text(repo / ".git/index");
  REQUIRE(repo::read_cache_tree(bytes));
  for (std::size_t size = 0; size < bytes.size(); ++size)
    CHECK_FALSE(repo::read_cache_tree(std::string_view(bytes).substr(0, size)));
  // Every byte changed in turn: an answer or a refusal, never a read past the end (ASan watches).
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    auto damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    (void)repo::read_cache_tree(damaged);
  }
  CHECK_FALSE(repo::read_cache_tree("DIRC"));
  CHECK_FALSE(repo::read_cache_tree(std::string(64, '\0')));
}

TEST_CASE(
    "cache tree: a commit listed with the index's folders is the commit's tree, in index versions 2 to 4") {
  TempDir tmp;
  const auto repo = tmp / "repo";
  make_history(repo);
  for (const std::string version : {"2", "3", "4"}) {
    INFO("index version " << version);
    git(repo, "update-index --index-version " + version);
    git(repo, "write-tree > /dev/null");
    const auto reading = open_ok(repo)->index_reading();
    REQUIRE(reading != nullptr);
    check_revision(repo, "HEAD", reading);   // every folder from the index
    check_revision(repo, "HEAD~1", reading); // a/x/ and b/ and c/ differ: read from the tree
  }
  // Staged (b/), intent-to-add (d/, an extended flag: index version 3) and unstaged (a/) changes.
  write_file(repo / "b/two.txt", "two, staged\n");
  git(repo, "add b/two.txt");
  write_file(repo / "d/later.txt", "later\n");
  git(repo, "add -N d/later.txt");
  write_file(repo / "a/one.txt", "one, not staged\n");
  const auto reading = open_ok(repo)->index_reading();
  REQUIRE(reading != nullptr);
  check_revision(repo, "HEAD", reading);
  check_revision(repo, "HEAD~1", reading);
  check_revision(repo, "HEAD~2", reading);
}

// The cache tree is read from the index file when the reading is made, after libgit2 read the entries: a file
// rewritten in between (a commit) describes other entries, and its checksum tells. Taken as it is, it would
// list b/two.txt as the index had it before the commit (staged, then changed again and committed).
TEST_CASE("cache tree: an index file rewritten after its entries were read is not used") {
  TempDir tmp;
  const auto repo = tmp / "repo";
  make_history(repo);
  write_file(repo / "b/two.txt", "two, staged first\n");
  git(repo, "add b/two.txt");
  const auto worktree = open_ok(repo); // libgit2 reads the index now
  write_file(repo / "b/two.txt", "two, as committed\n");
  git(repo, "commit -q -a -m three");
  const auto reading = worktree->index_reading(); // made now, from the entries read before the commit
  REQUIRE(reading != nullptr);
  check_revision(repo, "HEAD", reading);
}
