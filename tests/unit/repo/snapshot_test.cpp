// Tests for Snapshot::open on git repositories: discovery, what is listed, the three content sources and
// the errors a user can meet. Each test builds a real repository with `git` in a temporary directory.

#include "repo_test_support.hpp"

#include <tacit/repo/snapshot.hpp>

#include <doctest/doctest.h>
#include <git2.h>

#include <algorithm>

using namespace tacit;
using namespace tacit::test;
using repo::ContentSource;

TEST_CASE("Snapshot: discovers the repository from a subdirectory and from a file") {
  TempDir tmp;
  make_repo(tmp.path(), {{"README.md", "hello\n"}, {"src/deep/main.c", "int main;\n"}});
  for (const auto& start : {tmp.path(), tmp / "src/deep", tmp / "src/deep/main.c", tmp / "src/./deep/.."}) {
    auto snapshot = open_ok(start);
    CHECK(snapshot->is_git());
    CHECK(snapshot->root() == tmp.path());
    CHECK(snapshot->source() == ContentSource::worktree);
    CHECK(snapshot->describe_source() == "worktree");
    CHECK(listing(*snapshot) == "README.md src/deep/main.c");
    CHECK(snapshot->notes().empty());
  }
}

TEST_CASE("Snapshot: lists tracked and untracked files that are not ignored, sorted byte-wise, with modes "
          "and sizes") {
  TempDir tmp;
  make_repo(tmp.path(), {{"b.txt", "bb"},
                         {"a/x", "1"},
                         {"a.b", "22"},
                         {"B", "3"},
                         {"run.sh", "#!/bin/sh\n"},
                         {".gitignore", "*.log\nbuild/\n"}});
  REQUIRE(run_in(tmp.path(), "chmod +x run.sh && ln -s b.txt link") == 0);
  git(tmp.path(), "add run.sh link");
  git(tmp.path(), "commit -q -m more");
  write_file(tmp / "junk.txt", "untracked");
  write_file(tmp / "debug.log", "ignored");
  write_file(tmp / "build/out.o", "ignored");

  auto snapshot = open_ok(tmp.path());
  CHECK(listing(*snapshot) == ".gitignore B a.b a/x b.txt junk.txt link run.sh");
  CHECK(snapshot->find("run.sh")->mode == 0100755);
  CHECK(snapshot->find("b.txt")->mode == 0100644);
  CHECK(snapshot->find("b.txt")->size == 2);
  CHECK(snapshot->find("link")->mode == 0120000);
  CHECK(snapshot->find("junk.txt")->size == 9);
  CHECK(read_ok(*snapshot, "junk.txt") == "untracked");
  CHECK(snapshot->find("a") == nullptr);
  CHECK(snapshot->is_directory("a"));
  CHECK(snapshot->is_directory("a/"));
  CHECK(snapshot->is_directory(""));
  CHECK_FALSE(snapshot->is_directory("a.b"));
  CHECK_FALSE(snapshot->is_directory("build"));

  CHECK(snapshot->is_ignored("debug.log"));
  CHECK(snapshot->is_ignored("build/out.o"));
  CHECK(snapshot->is_ignored("build/"));
  CHECK(snapshot->is_ignored("never/created.log"));
  CHECK_FALSE(snapshot->is_ignored("junk.txt"));
  CHECK(snapshot->exists_untracked("build"));
  CHECK(snapshot->exists_untracked("./build/out.o"));
  CHECK_FALSE(snapshot->exists_untracked("nope.txt"));
  CHECK_FALSE(snapshot->exists_untracked("../" + tmp.path().filename().string() + "/junk.txt"));
  CHECK_FALSE(snapshot->exists_untracked("/etc/passwd"));

  auto staged = open_ok(tmp.path(), ContentSource::index);
  CHECK_FALSE(staged->exists_untracked("junk.txt"));
  CHECK(staged->find("junk.txt") == nullptr);
  CHECK(listing(*staged) == ".gitignore B a.b a/x b.txt link run.sh");
  auto committed = open_ok(tmp.path(), ContentSource::revision, "HEAD");
  CHECK(committed->find("junk.txt") == nullptr);
}

TEST_CASE(
    "Snapshot: the worktree's untracked files follow git's ignore rules, and ignored folders are not read") {
  TempDir tmp;
  make_repo(tmp.path(), {{".gitignore", "/build/\nnode_modules/\n*.o\n!keep.o\n"},
                         {"src/main.c", "int main;\n"},
                         {"docs/.gitignore", "draft-*.md\n"}});
  write_file(tmp / "AGENTS.md", "# agents\n");                   // a new file at the root
  write_file(tmp / "src/new.c", "int n;\n");                     // beside tracked files
  write_file(tmp / "docs/guide/setup.md", "# setup\n");          // in a folder git does not know yet
  write_file(tmp / "docs/draft-1.md", "x");                      // a nested .gitignore
  write_file(tmp / "src/main.o", "o");                           // a pattern
  write_file(tmp / "src/keep.o", "o");                           // negated
  write_file(tmp / "build/out/gen.md", "x");                     // an ignored folder
  write_file(tmp / "web/node_modules/pkg/README.md", "x");       // ignored at any depth
  write_file(tmp / "vendor/lib/untracked.c", "x");               // pruned by the caller
  write_file(tmp / "other/.git/HEAD", "ref: refs/heads/main\n"); // another repository inside
  write_file(tmp / "other/file.md", "x");
  write_file(tmp / ".git/info/exclude", "local.md\n");
  write_file(tmp / "local.md", "x");
  repo::SnapshotOptions options;
  options.path = tmp.path();
  options.skip_untracked_in = [](std::string_view dir) { return dir == "vendor"; };
  auto opened = repo::Snapshot::open(options);
  REQUIRE(opened);
  const auto& snapshot = **opened;
  CHECK(listing(snapshot) ==
        ".gitignore AGENTS.md docs/.gitignore docs/guide/setup.md src/keep.o src/main.c src/new.c");
  CHECK(snapshot.notes().empty());
  CHECK(read_ok(snapshot, "docs/guide/setup.md") == "# setup\n");
  CHECK(snapshot.is_directory("docs/guide"));
}

TEST_CASE("Snapshot: tracked files missing from the worktree are absent, with a note, none at all is empty") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.md", "a\n"}, {"docs/b.md", "b\n"}, {"docs/c.md", "c\n"}});
  std::filesystem::remove(tmp / "docs/b.md");
  auto partial = open_ok(tmp.path());
  CHECK(listing(*partial) == "a.md docs/c.md");
  REQUIRE(partial->notes().size() == 1);
  CHECK(partial->notes()[0].find("1 tracked file(s) are missing from the worktree") != std::string::npos);
  CHECK(partial->notes()[0].find("docs/b.md") != std::string::npos);
  CHECK(partial->why_empty().empty());
  auto staged = open_ok(tmp.path(), ContentSource::index);
  CHECK(listing(*staged) == "a.md docs/b.md docs/c.md");

  std::filesystem::remove_all(tmp / "docs");
  std::filesystem::remove(tmp / "a.md");
  auto broken = open_ok(tmp.path());
  CHECK(broken->files().empty());
  CHECK(broken->why_empty().find("none of the 3 tracked files") != std::string::npos);
}

TEST_CASE("Snapshot: a sparse checkout reads the files outside it from the index, with a note") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.md", "a\n"}, {"far/b.md", "b\n"}});
  git(tmp.path(), "update-index --skip-worktree far/b.md");
  std::filesystem::remove_all(tmp / "far");
  auto snapshot = open_ok(tmp.path());
  CHECK(listing(*snapshot) == "a.md far/b.md");
  CHECK(read_ok(*snapshot, "far/b.md") == "b\n");
  REQUIRE(snapshot->notes().size() == 1);
  CHECK(snapshot->notes()[0].find("sparse checkout: 1 tracked file(s)") != std::string::npos);
}

TEST_CASE("Snapshot: a submodule is skipped") {
  TempDir tmp;
  make_repo(tmp / "lib", {{"lib.c", "int lib;\n"}});
  make_repo(tmp / "app", {{"app.c", "int app;\n"}});
  git(tmp / "app", "submodule add -q ../lib vendor/lib");
  git(tmp / "app", "commit -q -m submodule");
  for (auto source : {ContentSource::worktree, ContentSource::index}) {
    auto snapshot = open_ok(tmp / "app", source);
    CHECK(listing(*snapshot) == ".gitmodules app.c");
  }
  auto at_head = open_ok(tmp / "app", ContentSource::revision, "HEAD");
  CHECK(listing(*at_head) == ".gitmodules app.c");
  // Discovery from inside the submodule finds the submodule itself.
  auto inner = open_ok(tmp / "app/vendor/lib");
  CHECK(inner->root() == tmp / "app/vendor/lib");
  CHECK(listing(*inner) == "lib.c");
}

TEST_CASE("Snapshot: worktree, index and revision content differ as they should") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.txt", "v1\n"}, {"b.txt", "b1\n"}});
  write_file(tmp / "a.txt", "v2\n");
  git(tmp.path(), "commit -q -am second");
  write_file(tmp / "a.txt", "v3 staged\n");
  git(tmp.path(), "add a.txt");
  write_file(tmp / "a.txt", "v4 worktree\n");
  write_file(tmp / "new.txt", "staged new\n");
  git(tmp.path(), "add new.txt");

  auto worktree = open_ok(tmp.path());
  CHECK(read_ok(*worktree, "a.txt") == "v4 worktree\n");
  CHECK(read_ok(*worktree, "new.txt") == "staged new\n");

  auto index = open_ok(tmp.path(), ContentSource::index);
  CHECK(index->describe_source() == "index");
  CHECK(read_ok(*index, "a.txt") == "v3 staged\n");
  CHECK(read_ok(*index, "b.txt") == "b1\n");
  CHECK(listing(*index) == "a.txt b.txt new.txt");

  auto head = open_ok(tmp.path(), ContentSource::revision, "HEAD");
  CHECK(head->describe_source().starts_with("revision HEAD ("));
  CHECK(read_ok(*head, "a.txt") == "v2\n");
  CHECK(head->find("a.txt")->size == 3);
  CHECK(listing(*head) == "a.txt b.txt");
  CHECK_FALSE(head->exists_untracked("new.txt"));

  auto previous = open_ok(tmp.path(), ContentSource::revision, "HEAD~1");
  CHECK(read_ok(*previous, "a.txt") == "v1\n");

  auto by_tree = open_ok(tmp.path(), ContentSource::revision, "HEAD^{tree}");
  CHECK(read_ok(*by_tree, "a.txt") == "v2\n");

  // A FileEntry that is a copy (not an element of files()) reads too.
  repo::FileEntry copy = *index->find("a.txt");
  auto content = index->read(copy);
  REQUIRE(content.has_value());
  CHECK(content->bytes == "v3 staged\n");
  CHECK_FALSE(index->read(repo::FileEntry{"not/there", 0100644, 0}).has_value());
}

TEST_CASE("Snapshot: revision errors") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.txt", "a"}});
  Error unknown = open_error(tmp.path(), ContentSource::revision, "no-such-branch");
  CHECK(unknown.code == ErrorCode::usage);
  CHECK(unknown.message.find("unknown revision 'no-such-branch'") != std::string::npos);
  Error empty = open_error(tmp.path(), ContentSource::revision, "");
  CHECK(empty.code == ErrorCode::usage);
  git(tmp.path(), "tag -a -m note v1 HEAD:a.txt"); // a tag of a blob names no tree
  Error blob = open_error(tmp.path(), ContentSource::revision, "v1");
  CHECK(blob.message.find("not a commit or a tree") != std::string::npos);
}

TEST_CASE("Snapshot: a path that does not exist is an error") {
  TempDir tmp;
  Error error = open_error(tmp / "missing/deeper");
  CHECK(error.code == ErrorCode::usage);
  CHECK(error.message.find("does not exist") != std::string::npos);
  CHECK(error.message.find("missing/deeper") != std::string::npos);
}

TEST_CASE("Snapshot: a bare repository is an error that says what to do") {
  TempDir tmp;
  git(tmp.path(), "init -q --bare bare.git");
  Error error = open_error(tmp / "bare.git");
  CHECK(error.code == ErrorCode::repository);
  CHECK(error.message.find("bare repository") != std::string::npos);
  CHECK(error.message.find("bare.git") != std::string::npos);
}

TEST_CASE("Snapshot: an empty repository works for the worktree and the index, not for --rev") {
  TempDir tmp;
  git(tmp.path(), "init -q");
  auto empty = open_ok(tmp.path());
  CHECK(empty->files().empty());
  CHECK(empty->why_empty().find("has no files") != std::string::npos);
  CHECK_FALSE(empty->is_directory(""));
  write_file(tmp / "staged.md", "# staged\n");
  write_file(tmp / "untracked.md", "# not\n");
  git(tmp.path(), "add staged.md");
  auto worktree = open_ok(tmp.path());
  CHECK(listing(*worktree) == "staged.md untracked.md");
  auto index = open_ok(tmp.path(), ContentSource::index);
  CHECK(listing(*index) == "staged.md");
  CHECK(read_ok(*index, "staged.md") == "# staged\n");
  Error error = open_error(tmp.path(), ContentSource::revision, "HEAD");
  CHECK(error.message.find("no commits yet") != std::string::npos);
}

TEST_CASE("Snapshot: repositories with the worktreeConfig and partialClone extensions open") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.txt", "a\n"}});
  git(tmp.path(), "config core.repositoryformatversion 1");
  git(tmp.path(), "config extensions.worktreeConfig true");
  git(tmp.path(), "config extensions.partialClone origin");
  auto snapshot = open_ok(tmp.path());
  CHECK(read_ok(*snapshot, "a.txt") == "a\n");
  auto head = open_ok(tmp.path(), ContentSource::revision, "HEAD");
  CHECK(read_ok(*head, "a.txt") == "a\n");
}

TEST_CASE("Snapshot: the library keeps its built-in extensions") {
  TempDir tmp;
  git(tmp.path(), "init -q");
  auto snapshot = open_ok(tmp.path()); // initialises libgit2
  git_strarray extensions{};
  REQUIRE(git_libgit2_opts(GIT_OPT_GET_EXTENSIONS, &extensions) == 0);
  std::vector<std::string> names(extensions.strings, extensions.strings + extensions.count);
  git_strarray_dispose(&extensions);
  for (const char* name : {"noop", "worktreeconfig", "partialclone"}) {
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  }
}

TEST_CASE("Snapshot: a repository owned by another user opens") {
  if (::geteuid() != 0) {
    MESSAGE("skipped: changing a directory's owner needs root");
    return;
  }
  TempDir tmp;
  make_repo(tmp / "repo", {{"a.txt", "a\n"}});
  (void)open_ok(tmp / "repo"); // initialises libgit2 and its options (ctest runs each case in a new process)
  REQUIRE(run_in(tmp.path(), "chown -R 12345:12345 repo") == 0);
  // The check is meaningful: with owner validation on, libgit2 refuses this repository.
  int validation = 0;
  git_libgit2_opts(GIT_OPT_GET_OWNER_VALIDATION, &validation);
  CHECK(validation == 0);
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 1);
  git_repository* raw = nullptr;
  CHECK(git_repository_open_ext(&raw, (tmp / "repo").c_str(), 0, nullptr) < 0);
  git_repository_free(raw);
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);

  auto snapshot = open_ok(tmp / "repo");
  CHECK(read_ok(*snapshot, "a.txt") == "a\n");
}

TEST_CASE("Snapshot: a linked worktree (.git is a file) opens") {
  TempDir tmp;
  make_repo(tmp / "main", {{"a.txt", "a\n"}});
  git(tmp / "main", "worktree add -q ../linked");
  write_file(tmp / "linked/a.txt", "changed in linked\n");
  auto snapshot = open_ok(tmp / "linked");
  CHECK(snapshot->root() == tmp / "linked");
  CHECK(read_ok(*snapshot, "a.txt") == "changed in linked\n");
}

TEST_CASE("Snapshot: GIT_INDEX_FILE (set by git for a pre-commit hook) names the index to list") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.txt", "committed\n"}});
  write_file(tmp / "a.txt", "in the other index\n");
  write_file(tmp / "b.txt", "only in the other index\n");
  REQUIRE(run_in(tmp.path(),
                 "cp .git/index .git/other-index && GIT_INDEX_FILE=.git/other-index git add a.txt b.txt") ==
          0);
  const std::string other = (tmp / ".git/other-index").string();
  ::setenv("GIT_INDEX_FILE", other.c_str(), 1);
  auto staged = repo::Snapshot::open({tmp.path(), ContentSource::index, {}, 1u << 20, {}, {}});
  auto missing = [&] {
    ::setenv("GIT_INDEX_FILE", (tmp / ".git/no-such-index").c_str(), 1);
    return repo::Snapshot::open({tmp.path(), ContentSource::index, {}, 1u << 20, {}, {}});
  }();
  ::unsetenv("GIT_INDEX_FILE");
  REQUIRE(staged.has_value());
  CHECK(listing(**staged) == "a.txt b.txt");
  CHECK(read_ok(**staged, "a.txt") == "in the other index\n");
  REQUIRE(missing.has_value());
  CHECK((*missing)->files().empty());
  CHECK((*missing)->notes().size() == 1);
  auto usual = open_ok(tmp.path(), ContentSource::index);
  CHECK(listing(*usual) == "a.txt");
  CHECK(read_ok(*usual, "a.txt") == "committed\n");
}
