// Tests for reading content through a Snapshot: byte-exact text, binary files, the size cap on huge files,
// files gone from the worktree, symlinks that point elsewhere, missing objects, conflicts and threads.

#include "repo_test_support.hpp"

#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace tacit;
using namespace tacit::test;
using repo::ContentSource;

namespace {

std::string read_error(const repo::Snapshot& snapshot, std::string_view path) {
  const repo::FileEntry* file = snapshot.find(path);
  REQUIRE(file != nullptr);
  auto content = snapshot.read(*file);
  REQUIRE_FALSE(content.has_value());
  CHECK(content.error().path == path);
  return content.error().message;
}

} // namespace

TEST_CASE("Snapshot read: CRLF and binary content come back byte-exact") {
  TempDir tmp;
  const std::string crlf = "line one\r\nline two\r\n";
  const std::string binary("\x00\x01\xff\xfe\r\n\x00 zero", 12);
  make_repo(tmp.path(), {{"win.txt", crlf}, {"blob.bin", binary}, {"bad-utf8.md", "caf\xe9\n"}});
  for (auto source : {ContentSource::worktree, ContentSource::index}) {
    auto snapshot = open_ok(tmp.path(), source);
    CHECK(read_ok(*snapshot, "win.txt") == crlf);
    CHECK(read_ok(*snapshot, "blob.bin") == binary);
    CHECK(read_ok(*snapshot, "bad-utf8.md") == "caf\xe9\n");
  }
}

TEST_CASE("Snapshot read: a 200 MB file is cut at the cap, quickly") {
  TempDir tmp;
  make_repo(tmp.path(), {{"big.bin", "small at first\n"}});
  REQUIRE(run_in(tmp.path(), "truncate -s 200M big.bin") == 0); // sparse: no 200 MB written
  constexpr std::uint64_t cap = 1u << 20;
  auto snapshot = open_ok(tmp.path(), ContentSource::worktree, {}, cap);
  const auto start = std::chrono::steady_clock::now();
  auto content = snapshot->read(*snapshot->find("big.bin"));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(content.has_value());
  CHECK(content->truncated);
  CHECK(content->bytes.size() == cap);
  CHECK(elapsed < std::chrono::seconds(20)); // guards against blow-ups, not a speed test

  auto exact = open_ok(tmp.path(), ContentSource::index, {}, 15);
  auto small = exact->read(*exact->find("big.bin"));
  REQUIRE(small.has_value());
  CHECK_FALSE(small->truncated);
  CHECK(small->bytes == "small at first\n");
}

TEST_CASE("Snapshot read: a big blob in the object store is cut at the cap, loose or packed") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.txt", "a\n"}});
  REQUIRE(run_in(tmp.path(), "head -c 20000000 /dev/zero | tr '\\0' 'x' > big.txt") == 0);
  git(tmp.path(), "add big.txt");
  constexpr std::uint64_t cap = 1u << 20;
  {
    auto loose = open_ok(tmp.path(), ContentSource::index, {}, cap);
    auto content = loose->read(*loose->find("big.txt"));
    REQUIRE(content.has_value());
    CHECK(content->truncated);
    CHECK(content->bytes == std::string(cap, 'x'));
    CHECK(loose->find("big.txt")->size == 20000000);
  }
  git(tmp.path(), "commit -q -m big");
  git(tmp.path(), "gc -q");
  auto packed = open_ok(tmp.path(), ContentSource::revision, "HEAD", cap);
  CHECK(packed->find("big.txt")->size == 20000000);
  auto content = packed->read(*packed->find("big.txt"));
  REQUIRE(content.has_value());
  CHECK(content->truncated);
  CHECK(content->bytes == std::string(cap, 'x'));
}

TEST_CASE("Snapshot read: a tracked file deleted from the worktree is absent from it, with a note") {
  TempDir tmp;
  make_repo(tmp.path(), {{"gone.md", "x"}, {"dir/also.md", "y"}});
  std::filesystem::remove(tmp / "gone.md");
  std::filesystem::remove_all(tmp / "dir");
  write_file(tmp / "dir", "now a file"); // the parent became a file
  auto snapshot = open_ok(tmp.path());
  CHECK(snapshot->find("gone.md") == nullptr);
  CHECK(snapshot->find("dir/also.md") == nullptr);
  REQUIRE(snapshot->find("dir") != nullptr);
  CHECK(snapshot->find("dir")->size == 10); // untracked now
  REQUIRE(snapshot->notes().size() == 1);
  CHECK(snapshot->notes()[0].find("2 tracked file(s) are missing from the worktree") != std::string::npos);
  auto index = open_ok(tmp.path(), ContentSource::index);
  CHECK(read_ok(*index, "gone.md") == "x");
}

TEST_CASE("Snapshot read: symlinks are read as their target and never followed out of the repository") {
  TempDir tmp;
  write_file(tmp / "outside/secret.txt", "secret\n");
  make_repo(tmp / "repo", {{"docs/guide.md", "guide\n"}, {"notes.md", "notes\n"}, {"sub/file.md", "sub\n"}});
  REQUIRE(run_in(tmp / "repo", "ln -s docs/guide.md AGENTS.md && ln -s ../outside/secret.txt escape.md") ==
          0);
  git(tmp / "repo", "add AGENTS.md escape.md");
  git(tmp / "repo", "commit -q -m links");
  // After the commit, the worktree changes under git's feet: a tracked file becomes a link out, and a
  // tracked directory becomes a link to a directory outside.
  REQUIRE(run_in(tmp / "repo", "rm notes.md && ln -s ../outside/secret.txt notes.md") == 0);
  REQUIRE(run_in(tmp / "repo",
                 "rm -r sub && ln -s ../outside sub && cp ../outside/secret.txt ../outside/file.md") == 0);

  auto snapshot = open_ok(tmp / "repo");
  CHECK(snapshot->find("AGENTS.md")->mode == 0120000);
  CHECK(read_ok(*snapshot, "AGENTS.md") == "docs/guide.md");
  CHECK(read_ok(*snapshot, "escape.md") == "../outside/secret.txt");
  CHECK(read_ok(*snapshot, "notes.md") == "../outside/secret.txt");
  CHECK(snapshot->find("sub/file.md") == nullptr); // beyond a link: missing from the worktree, never read
  CHECK(snapshot->find("sub")->mode == 0120000);   // the link itself is an untracked file
  CHECK_FALSE(snapshot->exists_untracked("sub/secret.txt"));

  for (auto source : {ContentSource::index, ContentSource::revision}) {
    auto stored = open_ok(tmp / "repo", source, source == ContentSource::revision ? "HEAD" : "");
    CHECK(read_ok(*stored, "AGENTS.md") == "docs/guide.md");
    CHECK(read_ok(*stored, "sub/file.md") == "sub\n");
  }
}

TEST_CASE("Snapshot read: a FIFO or a directory in place of a tracked file is an error, not a hang") {
  TempDir tmp;
  make_repo(tmp.path(), {{"pipe.md", "x"}, {"dir.md", "y"}});
  REQUIRE(run_in(tmp.path(), "rm pipe.md dir.md && mkfifo pipe.md && mkdir dir.md") == 0);
  auto snapshot = open_ok(tmp.path());
  CHECK(read_error(*snapshot, "pipe.md").find("not a regular file") != std::string::npos);
  CHECK(read_error(*snapshot, "dir.md").find("directory") != std::string::npos);
}

TEST_CASE("Snapshot read: a missing object (as in a partial clone) is a read error") {
  TempDir tmp;
  make_repo(tmp.path(), {{"kept.md", "kept\n"}, {"lost.md", "lost content\n"}});
  git(tmp.path(), "config core.repositoryformatversion 1");
  git(tmp.path(), "config extensions.partialClone origin");
  REQUIRE(run_in(tmp.path(),
                 "oid=$(git rev-parse HEAD:lost.md) && rm -f .git/objects/${oid%${oid#??}}/${oid#??}") == 0);
  // Not as git checked it out (another mtime): index and commit reads cannot take the worktree file instead
  // of the blob, whichever second the commit fell in (the test was flaky on a loaded machine).
  REQUIRE(run_in(tmp.path(), "touch -d '2001-01-01 00:00:00' lost.md") == 0);
  for (auto source : {ContentSource::index, ContentSource::revision}) {
    auto snapshot = open_ok(tmp.path(), source, source == ContentSource::revision ? "HEAD" : "");
    CHECK(read_ok(*snapshot, "kept.md") == "kept\n");
    CHECK(read_error(*snapshot, "lost.md").find("missing from the object store") != std::string::npos);
  }
  auto head = open_ok(tmp.path(), ContentSource::revision, "HEAD");
  CHECK(head->find("lost.md")->size == 13); // from the index entry that names the same blob, not the object
  auto worktree = open_ok(tmp.path());
  CHECK(read_ok(*worktree, "lost.md") == "lost content\n");
}

TEST_CASE("Snapshot: a merge conflict is listed once from the worktree and skipped from the index") {
  TempDir tmp;
  make_merge_conflict(tmp.path());

  auto worktree = open_ok(tmp.path());
  CHECK(listing(*worktree) == "c.txt other.txt");
  CHECK(read_ok(*worktree, "c.txt").find("<<<<<<<") != std::string::npos);
  REQUIRE(worktree->notes().size() == 1);
  CHECK(worktree->notes()[0].find("1 path(s) have unresolved merge conflicts") != std::string::npos);

  auto index = open_ok(tmp.path(), ContentSource::index);
  CHECK(listing(*index) == "other.txt");
  REQUIRE(index->notes().size() == 1);
}

TEST_CASE("Snapshot read: sparse checkout entries are read from the index") {
  TempDir tmp;
  make_repo(tmp.path(), {{"in/a.md", "a\n"}, {"out/b.md", "b\n"}});
  git(tmp.path(), "sparse-checkout set --no-cone /in/");
  REQUIRE_FALSE(std::filesystem::exists(tmp / "out/b.md"));
  auto snapshot = open_ok(tmp.path());
  CHECK(listing(*snapshot) == "in/a.md out/b.md");
  CHECK(read_ok(*snapshot, "out/b.md") == "b\n");
}

TEST_CASE("Snapshot read: concurrent reads from several threads") {
  TempDir tmp;
  std::filesystem::create_directories(tmp.path());
  git(tmp.path(), "init -q");
  for (int i = 0; i < 200; ++i) {
    write_file(tmp / ("f" + std::to_string(i) + ".txt"),
               std::string(static_cast<std::size_t>(i) * 13, 'a' + i % 26));
  }
  git(tmp.path(), "add -A");
  git(tmp.path(), "commit -q -m many");
  for (auto source : {ContentSource::worktree, ContentSource::index, ContentSource::revision}) {
    auto snapshot = open_ok(tmp.path(), source, source == ContentSource::revision ? "HEAD" : "");
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (const auto& file : snapshot->files()) {
          auto content = snapshot->read(file);
          if (!content || content->bytes.size() != file.size) {
            ++failures;
          }
        }
      });
    }
    for (auto& thread : threads) {
      thread.join();
    }
    CHECK(failures.load() == 0);
  }
}
