// The index file reader (src/repo/index_file.cpp): on index files written by real `git` commands it gives
// exactly libgit2's entries in libgit2's order (versions 2, 3 and 4, skip-worktree and intent-to-add entries,
// conflicts and their resolve-undo records, submodules); what it cannot read as libgit2 does (a split index,
// damaged bytes, a path libgit2 refuses) it leaves to libgit2, and a snapshot then fails as it did before.

#include "../../../src/repo/index_file.hpp"
#include "repo_test_support.hpp"

#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <git2.h>

using namespace tacit;
using namespace tacit::test;
using repo::ContentSource;

namespace {

std::string entry_line(std::string_view path, const git_oid& id, std::uint32_t mode, std::uint32_t size,
                       std::int64_t seconds, std::uint32_t nanoseconds, std::uint16_t flags,
                       std::uint16_t extended) {
  return fmt::format("{} {} {:o} {} {}.{} {:x} {:x}\n", path, git_oid_tostr_s(&id), mode, size, seconds,
                     nanoseconds, flags, extended);
}

// The entries libgit2 reads from the index file at `path`, or its error.
std::string libgit2_entries(const std::filesystem::path& path) {
  git_libgit2_init(); // once more than it is shut down: tacit's own setup stays
  git_index* raw = nullptr;
  if (git_index_open(&raw, path.c_str()) < 0) {
    git_index_free(raw);
    const git_error* error = git_error_last();
    return "error: " + std::string(error != nullptr ? error->message : "?");
  }
  std::string out;
  for (std::size_t i = 0; i < git_index_entrycount(raw); ++i) {
    const git_index_entry* entry = git_index_get_byindex(raw, i);
    out += entry_line(entry->path, entry->id, entry->mode, entry->file_size, entry->mtime.seconds,
                      entry->mtime.nanoseconds, entry->flags, entry->flags_extended);
  }
  git_index_free(raw);
  return out;
}

std::vector<repo::IndexFileEntry> entries_of(const repo::IndexFile& file) {
  std::vector<repo::IndexFileEntry> entries;
  for (std::size_t i = 0; i < file.size(); ++i)
    entries.push_back(file.entry(i));
  return entries;
}

std::string reader_entries(const repo::IndexFile& file) {
  std::string out;
  for (const auto& entry : entries_of(file)) {
    out += entry_line(entry.path, entry.id, entry.mode, entry.file_size, entry.mtime_seconds,
                      entry.mtime_nanoseconds, entry.flags, entry.flags_extended);
  }
  return out;
}

std::uint32_t index_version(const std::string& bytes) {
  REQUIRE(bytes.size() >= 8);
  return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[7]));
}

// The reader reads the repository's index, with libgit2's entries; returns the file's version.
std::uint32_t check_same_as_libgit2(const std::filesystem::path& repo) {
  const auto path = repo / ".git/index";
  const auto file = repo::read_index_file(path);
  REQUIRE(file != nullptr);
  const std::string expected = libgit2_entries(path);
  REQUIRE(expected.find("error:") != 0);
  CHECK(reader_entries(*file) == expected);
  CHECK(file->time() > 0);
  return index_version(read_text(path));
}

} // namespace

TEST_CASE("Index file: versions 2 and 3 read as libgit2 reads them") {
  TempDir tmp;
  make_repo(tmp.path(), {{"README.md", "# r\n"},
                         {"src/a/b/deep.c", "int x;\n"},
                         {"src/main.c", "int main;\n"},
                         {"a-much-longer-name-that-takes-more-than-eight-bytes.txt", "long\n"}});
  REQUIRE(run_in(tmp.path(), "chmod +x src/main.c && ln -s README.md link") == 0);
  git(tmp.path(), "add -A");
  git(tmp.path(), "commit -q -m more");
  CHECK(check_same_as_libgit2(tmp.path()) == 2);

  git(tmp.path(), "update-index --skip-worktree src/main.c");
  write_file(tmp / "new.txt", "new\n");
  git(tmp.path(), "add -N new.txt");
  CHECK(check_same_as_libgit2(tmp.path()) == 3);
  const auto file = repo::read_index_file(tmp / ".git/index");
  REQUIRE(file != nullptr);
  int extended = 0;
  for (const auto& entry : entries_of(*file))
    extended += entry.flags_extended != 0 ? 1 : 0;
  CHECK(extended == 2);
  CHECK_FALSE(file->trees().empty());
}

TEST_CASE("Index file: version 4 (prefix-compressed paths) reads as libgit2 reads it") {
  TempDir tmp;
  make_repo(tmp.path(), {{"docs/guide/one.md", "1\n"},
                         {"docs/guide/two.md", "2\n"},
                         {"docs/z.md", "z\n"},
                         {"src/a.c", "a\n"},
                         {"src/ab.c", "ab\n"},
                         {"top.txt", "t\n"}});
  git(tmp.path(), "update-index --index-version 4");
  CHECK(check_same_as_libgit2(tmp.path()) == 4);
  git(tmp.path(), "update-index --skip-worktree docs/z.md");
  CHECK(check_same_as_libgit2(tmp.path()) == 4);
  auto snapshot = open_ok(tmp.path());
  CHECK(listing(*snapshot) == "docs/guide/one.md docs/guide/two.md docs/z.md src/a.c src/ab.c top.txt");
}

TEST_CASE("Index file: conflicts, resolve-undo records and submodules read as libgit2 reads them") {
  TempDir tmp;
  make_merge_conflict(tmp / "merge", "d/other.txt");
  check_same_as_libgit2(tmp / "merge");
  const auto file = repo::read_index_file(tmp / "merge/.git/index");
  REQUIRE(file != nullptr);
  int conflicted = 0;
  for (const auto& entry : entries_of(*file))
    conflicted += entry.stage() != 0 ? 1 : 0;
  CHECK(conflicted == 3);
  git(tmp / "merge", "add c.txt"); // resolved: git keeps the stages in a resolve-undo ("REUC") extension
  CHECK(read_text(tmp / "merge/.git/index").find("REUC") != std::string::npos);
  check_same_as_libgit2(tmp / "merge");

  make_repo(tmp / "lib", {{"lib.c", "int lib;\n"}});
  make_repo(tmp / "app", {{"app.c", "int app;\n"}});
  git(tmp / "app", "submodule add -q ../lib vendor/lib");
  check_same_as_libgit2(tmp / "app");
  const auto app = repo::read_index_file(tmp / "app/.git/index");
  REQUIRE(app != nullptr);
  CHECK(std::ranges::count_if(entries_of(*app), [](const auto& entry) { return entry.mode == 0160000; }) ==
        1);
}

TEST_CASE("Index file: a split index, damaged bytes and paths libgit2 refuses are left to libgit2") {
  TempDir tmp;
  make_repo(tmp / "split", {{"a.txt", "a\n"}, {"b/c.txt", "c\n"}});
  git(tmp / "split", "update-index --split-index");
  CHECK(read_text(tmp / "split/.git/index").find("link") != std::string::npos);
  CHECK(repo::read_index_file(tmp / "split/.git/index") == nullptr);
  // libgit2 1.5 refuses the "link" extension: the error is the run's, as before.
  const std::string refused = libgit2_entries(tmp / "split/.git/index");
  CHECK(refused.find("error: ") == 0);
  CHECK(open_error(tmp / "split").message.find(refused.substr(7)) != std::string::npos);

  make_repo(tmp / "repo", {{"a.txt", "a\n"}, {"x/.gix", "g\n"}, {"y/z.txt", "z\n"}});
  const auto path = tmp / "repo/.git/index";
  const std::string good = read_text(path);
  REQUIRE(repo::parse_index_file(good) != nullptr);
  const auto damaged = [&](std::string bytes) {
    INFO("damaged index: " << bytes.size() << " bytes");
    CHECK(repo::parse_index_file(bytes) == nullptr);
    write_file(path, bytes);
    const std::string libgit2 = libgit2_entries(path);
    REQUIRE(libgit2.find("error: ") == 0);
    CHECK(open_error(tmp / "repo").message.find(libgit2.substr(7)) != std::string::npos);
  };
  damaged(good.substr(0, good.size() - 30));   // cut short
  damaged(good.substr(0, 11));                 // not even a header
  damaged("not an index file at all, really"); // garbage
  std::string header = good;
  header[7] = 9; // an unknown version
  damaged(header);
  std::string dot_git = good;
  dot_git.replace(dot_git.find("x/.gix"), 6, "x/.git"); // a path into a .git folder
  damaged(dot_git);
  std::string dot_dot = good;
  dot_dot.replace(dot_dot.find("x/.gix"), 6, "x/../g");
  damaged(dot_dot);
  std::string required = good;
  required.replace(required.find("TREE"), 4, "tREE"); // a required extension libgit2 does not know
  damaged(required);
  std::string tree = good;
  tree[tree.find("TREE") + 8] = 'x'; // the cache tree's root has a name
  damaged(tree);

  write_file(path, good);
  CHECK(listing(*open_ok(tmp / "repo")) == "a.txt x/.gix y/z.txt");
}

TEST_CASE("Index file: a case-insensitive repository's index is read by libgit2, in its order") {
  TempDir tmp;
  make_repo(tmp.path(), {{"B.txt", "b\n"}, {"a.txt", "a\n"}, {"C/d.txt", "d\n"}});
  git(tmp.path(), "config core.ignorecase true");
  auto snapshot = open_ok(tmp.path());
  CHECK(listing(*snapshot) == "B.txt C/d.txt a.txt");
  auto staged = open_ok(tmp.path(), ContentSource::index);
  CHECK(listing(*staged) == "B.txt C/d.txt a.txt");
}
