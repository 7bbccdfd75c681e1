// Tests for repo::read_path_history: the files recent commits deleted or renamed (git's rename detection),
// the last change of watched files, and the bounds, on real repositories built with `git`.

#include "repo_test_support.hpp"

#include <tacit/repo/path_history.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace tacit;
using namespace tacit::test;

namespace {

// A body long enough for git's similarity measure to see an edited file as the same file.
std::string body(const std::string& name) {
  std::string out;
  for (int i = 0; i < 40; ++i)
    out += name + " line " + std::to_string(i) + "\n";
  return out;
}

void commit_all(const std::filesystem::path& dir, const std::string& subject) {
  git(dir, "add -A");
  git(dir, "commit -q -m '" + subject + "'");
}

std::string describe(const repo::PathHistory& history) {
  std::string out;
  for (const auto& change : history.changes)
    out += std::to_string(change.commit) + ":" + change.path +
           (change.renamed_to.empty() ? std::string(" deleted") : " -> " + change.renamed_to) + "\n";
  return out;
}

} // namespace

TEST_CASE("path history: deletions, renames with edits, deleted folders, newest commit first") {
  TempDir tmp;
  make_repo(tmp.path(), {{"README.md", "hi\n"},
                         {"src/cli/main.cpp", body("main")},
                         {"src/old.txt", "old\n"},
                         {"legacy/a.py", "a\n"},
                         {"legacy/sub/b.py", "b\n"},
                         {"deep/x/y/z.txt", body("z")}});
  // A rename with an edit (similar content), then an unrelated deletion of a whole folder.
  git(tmp.path(), "mv src/cli/main.cpp src/cli/entry.cpp");
  write_file(tmp / "src/cli/entry.cpp", body("main") + "one more line\n");
  commit_all(tmp.path(), "rename main");
  git(tmp.path(), "rm -q -r legacy src/old.txt");
  commit_all(tmp.path(), "drop legacy");
  git(tmp.path(), "mv deep/x/y/z.txt deep/x/w.txt");
  commit_all(tmp.path(), "move z");
  auto snapshot = open_ok(tmp.path());
  const auto history = repo::read_path_history(*snapshot, {});
  REQUIRE(history.commits.size() == 4);
  CHECK(history.commits[0].subject == "move z");
  CHECK(history.commits[0].id.size() == 40);
  CHECK(describe(history) == "0:deep/x/y/z.txt -> deep/x/w.txt\n"
                             "1:legacy/a.py deleted\n"
                             "1:legacy/sub/b.py deleted\n"
                             "1:src/old.txt deleted\n"
                             "2:src/cli/main.cpp -> src/cli/entry.cpp\n");
  CHECK(history.renamed_to("src/cli/main.cpp") == "src/cli/entry.cpp");
  CHECK(history.renamed_to("legacy/a.py").empty());
  CHECK(history.renamed_to("README.md").empty());
  REQUIRE(history.latest("src/old.txt") != nullptr);
  CHECK(history.latest("src/old.txt")->commit == 1);
  CHECK(history.latest("src/cli") == nullptr); // files only
  CHECK_FALSE(history.truncated);
}

TEST_CASE("path history: renames are followed to the last name, and a later deletion ends them") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.md", body("a")}, {"keep.md", body("keep")}});
  git(tmp.path(), "mv a.md b.md");
  commit_all(tmp.path(), "a to b");
  std::filesystem::create_directories(tmp / "docs");
  git(tmp.path(), "mv b.md docs/c.md");
  commit_all(tmp.path(), "b to c");
  git(tmp.path(), "mv keep.md gone.md");
  commit_all(tmp.path(), "keep to gone");
  git(tmp.path(), "rm -q gone.md");
  commit_all(tmp.path(), "remove gone");
  auto snapshot = open_ok(tmp.path());
  const auto history = repo::read_path_history(*snapshot, {});
  CHECK(history.renamed_to("a.md") == "docs/c.md");
  CHECK(history.renamed_to("b.md") == "docs/c.md");
  CHECK(history.renamed_to("keep.md").empty()); // renamed, then deleted
}

TEST_CASE("path history: when watched files last changed") {
  TempDir tmp;
  make_repo(tmp.path(), {{"AGENTS.md", "v1\n"}, {"docs/CLAUDE.md", "c\n"}, {"x.txt", "x\n"}});
  write_file(tmp / "AGENTS.md", "v2\n");
  commit_all(tmp.path(), "edit agents");
  git(tmp.path(), "rm -q x.txt");
  commit_all(tmp.path(), "drop x");
  write_file(tmp / "pkg/AGENTS.md", "new\n");
  commit_all(tmp.path(), "add pkg agents");
  auto snapshot = open_ok(tmp.path());
  repo::PathHistoryOptions options;
  options.watched = {"pkg/AGENTS.md", "AGENTS.md", "docs/CLAUDE.md", "missing.md"};
  const auto history = repo::read_path_history(*snapshot, options);
  REQUIRE(history.commits.size() == 4);
  CHECK(history.last_change_of("pkg/AGENTS.md") == 0);   // added in a new folder
  CHECK(history.last_change_of("AGENTS.md") == 2);       // edited
  CHECK_FALSE(history.last_change_of("docs/CLAUDE.md")); // only in the root commit, which has no parent
  CHECK_FALSE(history.last_change_of("missing.md"));
  CHECK_FALSE(history.last_change_of("x.txt")); // not watched
}

TEST_CASE("path history: when watched files were created, renames into place excluded") {
  TempDir tmp;
  make_repo(tmp.path(), {{"Makefile", "all:\n"}, {"old.yml", body("ci")}});
  write_file(tmp / ".github/workflows/ci.yml", "on: push\n");
  commit_all(tmp.path(), "add ci");
  write_file(tmp / "Makefile", "all:\nlint:\n");
  commit_all(tmp.path(), "edit makefile");
  git(tmp.path(), "mv old.yml new.yml");
  write_file(tmp / "justfile", "lint:\n");
  commit_all(tmp.path(), "rename old, add justfile");
  auto snapshot = open_ok(tmp.path());
  repo::PathHistoryOptions options;
  options.watched = {".github/workflows/ci.yml", "Makefile", "new.yml", "justfile"};
  const auto history = repo::read_path_history(*snapshot, options);
  REQUIRE(history.commits.size() == 4);
  CHECK(history.created_in(".github/workflows/ci.yml") == 2); // in a new folder
  CHECK(history.created_in("justfile") == 0);                 // beside a rename
  CHECK_FALSE(history.created_in("new.yml"));                 // renamed into place
  CHECK(history.last_change_of("new.yml") == 0);
  CHECK_FALSE(history.created_in("Makefile")); // edited only
  CHECK(history.last_change_of("Makefile") == 1);
}

TEST_CASE("path history: a file's content at an older commit") {
  TempDir tmp;
  make_repo(tmp.path(), {{"Makefile", "lint:\n\ttrue\n"}});
  write_file(tmp / "Makefile", "test:\n\ttrue\n");
  commit_all(tmp.path(), "lint is gone");
  auto snapshot = open_ok(tmp.path());
  const auto history = repo::read_path_history(*snapshot, {});
  REQUIRE(history.commits.size() == 2);
  CHECK(repo::read_file_at_commit(*snapshot, history.commits[1].id, "Makefile", 1000) == "lint:\n\ttrue\n");
  CHECK(repo::read_file_at_commit(*snapshot, history.commits[0].id, "Makefile", 4) == "test");
  CHECK_FALSE(repo::read_file_at_commit(*snapshot, history.commits[0].id, "missing", 1000));
  CHECK_FALSE(repo::read_file_at_commit(*snapshot, "not-a-commit", "Makefile", 1000));
}

TEST_CASE("path history: bounded by commits, by age and by the number of changes") {
  TempDir tmp;
  make_repo(tmp.path(), {{"a.txt", "a\n"}, {"b.txt", "b\n"}, {"c.txt", "c\n"}, {"d.txt", "d\n"}});
  git(tmp.path(), "rm -q a.txt");
  git(tmp.path(), "-c 'user.name=old' commit -q -m 'drop a' --date='2020-01-01T00:00:00Z'");
  git(tmp.path(), "rm -q b.txt c.txt");
  commit_all(tmp.path(), "drop b c");
  git(tmp.path(), "rm -q d.txt");
  commit_all(tmp.path(), "drop d");
  auto snapshot = open_ok(tmp.path());
  repo::PathHistoryOptions options;
  options.max_commits = 1;
  CHECK(describe(repo::read_path_history(*snapshot, options)) == "0:d.txt deleted\n");
  // "drop a" is dated six years before the newest commit: older than the two years read.
  const auto recent = repo::read_path_history(*snapshot, {});
  CHECK(describe(recent) == "0:d.txt deleted\n1:b.txt deleted\n1:c.txt deleted\n");
  options = {};
  options.max_age_seconds = std::int64_t{20} * 365 * 24 * 3600;
  CHECK(repo::read_path_history(*snapshot, options).changes.size() == 4);
  options.max_changes = 2;
  const auto capped = repo::read_path_history(*snapshot, options);
  CHECK(capped.changes.size() <= 3);
  CHECK(capped.truncated);
}

TEST_CASE("path history: exact renames only when a commit has too many candidates") {
  TempDir tmp;
  make_repo(tmp.path(), {{"same.txt", body("same")}, {"edited.txt", body("edited")}});
  git(tmp.path(), "mv same.txt moved.txt");
  git(tmp.path(), "mv edited.txt changed.txt");
  write_file(tmp / "changed.txt", body("edited") + "more\n");
  commit_all(tmp.path(), "move both");
  auto snapshot = open_ok(tmp.path());
  repo::PathHistoryOptions options;
  options.max_rename_candidates = 2;
  CHECK(describe(repo::read_path_history(*snapshot, options)) ==
        "0:edited.txt deleted\n0:same.txt -> moved.txt\n");
  CHECK(describe(repo::read_path_history(*snapshot, {})) ==
        "0:edited.txt -> changed.txt\n0:same.txt -> moved.txt\n");
}

TEST_CASE("path history: a large blob is renamed only as itself, beside similar renames of small files") {
  // A bundle of over 512 kB that each release replaces under a new name: its similarity is not computed (it
  // took seconds per commit), an exact rename of it is still one.
  TempDir tmp;
  std::string big;
  for (int i = 0; i < 30000; ++i)
    big += "var x" + std::to_string(i) + " = " + std::to_string(i * 7) + ";\n";
  REQUIRE(big.size() > 512 * 1024);
  make_repo(tmp.path(),
            {{"dist/main-a.js", big}, {"dist/copy-a.js", big + "//\n"}, {"edited.txt", body("edited")}});
  git(tmp.path(), "mv dist/main-a.js dist/main-b.js");
  git(tmp.path(), "mv dist/copy-a.js dist/copy-b.js");
  write_file(tmp / "dist/copy-b.js", big + "// changed\n");
  git(tmp.path(), "mv edited.txt changed.txt");
  write_file(tmp / "changed.txt", body("edited") + "more\n");
  commit_all(tmp.path(), "release");
  auto snapshot = open_ok(tmp.path());
  CHECK(describe(repo::read_path_history(*snapshot, {})) ==
        "0:dist/copy-a.js deleted\n0:dist/main-a.js -> dist/main-b.js\n0:edited.txt -> changed.txt\n");
}

TEST_CASE("path history: none for a plain directory or a repository without commits") {
  TempDir plain;
  write_file(plain / "a.txt", "a\n");
  CHECK(repo::read_path_history(*open_ok(plain.path()), {}).commits.empty());
  TempDir empty;
  git(empty.path(), "init -q");
  write_file(empty / "a.txt", "a\n");
  git(empty.path(), "add a.txt");
  CHECK(repo::read_path_history(*open_ok(empty.path(), repo::ContentSource::index), {}).commits.empty());
}
