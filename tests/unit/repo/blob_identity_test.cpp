// Tests for what a read knows of the blob it gave (Content::blob, HeadReader::blob, Snapshot::stored_blob):
// a file of a commit or of the index always names its blob; a worktree file only when it is still as git
// checked it out, holds no CR and no attribute may rewrite it, and only when the snapshot is asked to
// identify its reads (SnapshotOptions::identify).

#include "repo_test_support.hpp"

#include <tacit/repo/overlay.hpp>
#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>

#include <optional>

using namespace tacit;
using namespace tacit::test;
using repo::ContentSource;

namespace {

std::unique_ptr<repo::Snapshot> open_identifying(const std::filesystem::path& path) {
  repo::SnapshotOptions options;
  options.path = path;
  options.identify = true;
  auto snapshot = repo::Snapshot::open(options);
  REQUIRE(snapshot.has_value());
  return std::move(*snapshot);
}

// The blob a whole read of `path` gave.
std::optional<repo::ObjectId> read_blob_of(const repo::Snapshot& snapshot, std::string_view path) {
  const auto* file = snapshot.find(path);
  REQUIRE(file != nullptr);
  auto content = snapshot.read(*file);
  REQUIRE(content.has_value());
  return content->blob;
}

// The blob a head read of `path` gave.
std::optional<repo::ObjectId> head_blob_of(const repo::Snapshot& snapshot, std::string_view path,
                                           std::uint64_t max_bytes = 4) {
  const auto* file = snapshot.find(path);
  REQUIRE(file != nullptr);
  auto reader = snapshot.head_reader(max_bytes);
  REQUIRE(reader->read(*file).has_value());
  return reader->blob();
}

std::optional<repo::ObjectId> stored(const repo::Snapshot& snapshot, std::string_view path) {
  const auto* file = snapshot.find(path);
  REQUIRE(file != nullptr);
  return snapshot.stored_blob(*file);
}

} // namespace

TEST_CASE("Blob identity: a worktree file still as checked out names the blob the index and a commit name") {
  TempDir tmp;
  make_repo(tmp / "repo", {{".gitattributes", "*.txt text=auto\n"},
                           {"same.md", "as committed\n"},
                           {"crlf.txt", "one\r\ntwo\r\n"},
                           {"edited.md", "first\n"},
                           {"long.go", "package x // a head is not the whole file\n"}});
  // Old modification times, then a fresh index: no entry is racy.
  REQUIRE(run_in(tmp / "repo", "touch -d '2020-01-01 00:00:00' same.md crlf.txt edited.md long.go && "
                               "rm .git/index && git reset -q") == 0);
  write_file(tmp / "repo" / "edited.md", "other\n"); // same size, a new time: not as checked out
  write_file(tmp / "repo" / "untracked.md", "new\n");
  write_file(tmp / "repo" / "added.md", "added\n");
  // Racy: as new as the index or newer. A time in the future keeps it so when a second passes between the
  // write and the add (a loaded machine).
  REQUIRE(run_in(tmp / "repo", "touch -d '2099-01-01 00:00:00' added.md") == 0);
  git(tmp / "repo", "add added.md");
  const auto worktree = open_identifying(tmp / "repo");
  const auto index = open_ok(tmp / "repo", ContentSource::index);
  const auto head = open_ok(tmp / "repo", ContentSource::revision, "HEAD");

  // Index and commit: every file names its blob, read or not; the same file, the same blob.
  REQUIRE(stored(*head, "same.md").has_value());
  CHECK(stored(*index, "same.md") == stored(*head, "same.md"));
  CHECK(read_blob_of(*head, "same.md") == stored(*head, "same.md"));
  CHECK(head_blob_of(*index, "long.go") == stored(*head, "long.go"));
  CHECK(read_blob_of(*index, "crlf.txt") == stored(*head, "crlf.txt")); // the blob's bytes, LF
  REQUIRE(stored(*index, "added.md").has_value());
  CHECK(stored(*index, "edited.md") == stored(*head, "edited.md"));

  // The worktree: known only by reading, and only for a file as it was checked out.
  CHECK_FALSE(stored(*worktree, "same.md").has_value());
  CHECK(read_blob_of(*worktree, "same.md") == stored(*head, "same.md"));
  CHECK(head_blob_of(*worktree, "same.md") == stored(*head, "same.md"));
  CHECK(head_blob_of(*worktree, "long.go") == stored(*head, "long.go")); // a head: the blob's beginning
  CHECK_FALSE(read_blob_of(*worktree, "crlf.txt").has_value());          // CRLF here, LF in the blob
  CHECK_FALSE(head_blob_of(*worktree, "crlf.txt", 64).has_value());
  CHECK_FALSE(read_blob_of(*worktree, "edited.md").has_value());
  CHECK_FALSE(head_blob_of(*worktree, "edited.md").has_value());
  CHECK_FALSE(read_blob_of(*worktree, "untracked.md").has_value());
  CHECK_FALSE(read_blob_of(*worktree, "added.md").has_value()); // racy: it may have changed unseen
  CHECK(read_ok(*worktree, "edited.md") == "other\n");

  // Not asked to identify (a plain check): no worktree read says a blob.
  const auto plain = open_ok(tmp / "repo");
  CHECK_FALSE(read_blob_of(*plain, "same.md").has_value());
  CHECK_FALSE(head_blob_of(*plain, "same.md").has_value());

  // A file written over a snapshot in memory is no blob; the others keep theirs.
  const auto overlay = repo::with_files(*head, {{"same.md", "fixed\n"}});
  CHECK_FALSE(read_blob_of(*overlay, "same.md").has_value());
  CHECK_FALSE(stored(*overlay, "same.md").has_value());
  CHECK_FALSE(head_blob_of(*overlay, "same.md").has_value());
  CHECK(stored(*overlay, "long.go") == stored(*head, "long.go"));
  CHECK(head_blob_of(*overlay, "long.go") == stored(*head, "long.go"));
}

TEST_CASE("Blob identity: no worktree file is identified where a checkout may rewrite its bytes") {
  TempDir tmp;
  make_repo(tmp / "repo", {{".gitattributes", "*.md filter=lfs\n"}, {"same.md", "as committed\n"}});
  REQUIRE(run_in(tmp / "repo", "touch -d '2020-01-01 00:00:00' same.md && rm .git/index && git reset -q") ==
          0);
  const auto worktree = open_identifying(tmp / "repo");
  CHECK_FALSE(read_blob_of(*worktree, "same.md").has_value());
  CHECK_FALSE(head_blob_of(*worktree, "same.md").has_value());
  CHECK(read_ok(*worktree, "same.md") == "as committed\n");
}
