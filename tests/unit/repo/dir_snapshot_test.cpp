// Tests for snapshots of plain directories (no git repository above them): the walk, nested .gitignore
// files, symlinks (loops, links out), special files, and the errors for git-only options.

#include "repo_test_support.hpp"

#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>

using namespace tacit;
using namespace tacit::test;
using repo::ContentSource;

TEST_CASE("Plain directory: walked with nested .gitignore files, .git skipped, with a note") {
  TempDir tmp;
  write_file(tmp / ".gitignore", "*.log\n/build/\nnode_modules\n");
  write_file(tmp / "README.md", "# readme\n");
  write_file(tmp / "app.log", "x");
  write_file(tmp / "build/out.txt", "x");
  write_file(tmp / "node_modules/pkg/index.js", "x");
  write_file(tmp / "src/main.c", "int main;\n");
  write_file(tmp / "src/.gitignore", "generated/\n!keep.log\n*.tmp\n");
  write_file(tmp / "src/keep.log", "kept\n");
  write_file(tmp / "src/x.tmp", "x");
  write_file(tmp / "src/generated/g.c", "x");
  write_file(tmp / "src/lib/build/inner.c", "not the root build\n");
  write_file(tmp / "x.tmp", "only ignored under src\n");
  write_file(tmp / "vendored/.git/config", "[core]\n"); // a nested repository's git dir
  write_file(tmp / "vendored/file.txt", "v\n");
  REQUIRE(run_in(tmp.path(), "chmod +x src/main.c") == 0);

  auto snapshot = open_ok(tmp.path());
  CHECK_FALSE(snapshot->is_git());
  CHECK(snapshot->root() == tmp.path());
  CHECK(snapshot->describe_source() == "worktree");
  CHECK(listing(*snapshot) == ".gitignore README.md src/.gitignore src/keep.log src/lib/build/inner.c "
                              "src/main.c vendored/file.txt x.tmp");
  CHECK(snapshot->find("src/main.c")->mode == 0100755);
  CHECK(snapshot->find("README.md")->mode == 0100644);
  CHECK(snapshot->find("README.md")->size == 9);
  REQUIRE(snapshot->notes().size() == 1);
  CHECK(snapshot->notes()[0] ==
        tmp.path().string() +
            " is not a git repository: linting the directory as it is; history-based checks "
            "are off");
  CHECK(read_ok(*snapshot, "src/keep.log") == "kept\n");

  CHECK(snapshot->is_ignored("app.log"));
  CHECK(snapshot->is_ignored("build"));
  CHECK(snapshot->is_ignored("build/out.txt"));
  CHECK(snapshot->is_ignored("src/generated/g.c"));
  CHECK(snapshot->is_ignored("src/y.tmp"));
  CHECK(snapshot->is_ignored("vendored/.git/config"));
  CHECK_FALSE(snapshot->is_ignored("src/keep.log"));
  CHECK_FALSE(snapshot->is_ignored("README.md"));
  CHECK(snapshot->exists_untracked("app.log"));
  CHECK(snapshot->exists_untracked("build/"));
  CHECK_FALSE(snapshot->exists_untracked("nothing.md"));
}

TEST_CASE("Plain directory: symlinks are listed as links and never walked into") {
  TempDir tmp;
  write_file(tmp / "outside/secret.txt", "secret\n");
  write_file(tmp / "dir/real.md", "real\n");
  REQUIRE(run_in(tmp / "dir",
                 "ln -s . loop && ln -s ../outside out && ln -s /etc etc && ln -s real.md alias.md "
                 "&& ln -s missing dangling && mkdir sub && ln -s ../sub sub/up") == 0);
  auto snapshot = open_ok(tmp / "dir");
  CHECK(listing(*snapshot) == "alias.md dangling etc loop out real.md sub/up");
  for (const char* link : {"alias.md", "dangling", "etc", "loop", "out", "sub/up"}) {
    CHECK(snapshot->find(link)->mode == 0120000);
  }
  CHECK(read_ok(*snapshot, "alias.md") == "real.md");
  CHECK(read_ok(*snapshot, "etc") == "/etc");
  CHECK(read_ok(*snapshot, "out") == "../outside");
  CHECK(snapshot->find("loop")->size == 1);
  CHECK(snapshot->exists_untracked("dangling"));
  CHECK_FALSE(snapshot->exists_untracked("out/secret.txt"));
  CHECK_FALSE(snapshot->exists_untracked("etc/passwd"));
  CHECK(snapshot->exists_untracked("loop/real.md")); // a link that stays inside is fine to look through
}

TEST_CASE("Plain directory: special files are not listed, a huge file is cut at the cap") {
  TempDir tmp;
  write_file(tmp / "a.md", "a\n");
  REQUIRE(run_in(tmp.path(), "mkfifo fifo && truncate -s 200M huge.bin") == 0);
  constexpr std::uint64_t cap = 4u << 20;
  auto snapshot = open_ok(tmp.path(), ContentSource::worktree, {}, cap);
  CHECK(listing(*snapshot) == "a.md huge.bin");
  CHECK(snapshot->find("huge.bin")->size == 200u << 20);
  const auto start = std::chrono::steady_clock::now();
  auto content = snapshot->read(*snapshot->find("huge.bin"));
  REQUIRE(content.has_value());
  CHECK(content->truncated);
  CHECK(content->bytes.size() == cap);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20)); // a guard, not a speed test
}

TEST_CASE("Plain directory: an unreadable directory is skipped with a note") {
  if (::geteuid() == 0) {
    MESSAGE("skipped: root reads every directory");
    return;
  }
  TempDir tmp;
  write_file(tmp / "a.md", "a\n");
  write_file(tmp / "locked/b.md", "b\n");
  REQUIRE(run_in(tmp.path(), "chmod 000 locked") == 0);
  auto snapshot = open_ok(tmp.path());
  CHECK(listing(*snapshot) == "a.md");
  REQUIRE(snapshot->notes().size() == 2);
  CHECK(snapshot->notes()[1].find("cannot read directory 'locked'") != std::string::npos);
}

TEST_CASE("Plain directory: --staged and --rev are errors, a file outside a repository too") {
  TempDir tmp;
  write_file(tmp / "a.md", "a\n");
  Error staged = open_error(tmp.path(), ContentSource::index);
  CHECK(staged.code == ErrorCode::usage);
  CHECK(staged.message.find("--staged needs a git repository") != std::string::npos);
  Error rev = open_error(tmp.path(), ContentSource::revision, "HEAD");
  CHECK(rev.code == ErrorCode::usage);
  CHECK(rev.message.find("--rev needs a git repository") != std::string::npos);
  Error file = open_error(tmp / "a.md");
  CHECK(file.code == ErrorCode::usage);
  CHECK(file.message.find("a.md") != std::string::npos);
}

TEST_CASE("Plain directory: a subdirectory is walked on its own") {
  TempDir tmp;
  write_file(tmp / ".gitignore", "*.md\n"); // not read: above the walked directory
  write_file(tmp / "sub/a.md", "a\n");
  auto snapshot = open_ok(tmp / "sub");
  CHECK(snapshot->root() == tmp / "sub");
  CHECK(listing(*snapshot) == "a.md");
}
