// Tests for the co-change counting (facts::find_co_changes) and what it leaves out: bookkeeping files and
// release commits.

#include <tacit/facts/co_change.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit;

namespace {

std::string top_folder(std::string_view path) {
  const auto slash = path.find('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

} // namespace

TEST_CASE("co-change: pairs in different modules, counted against the commits that change either") {
  std::vector<std::vector<std::string>> commits;
  for (int i = 0; i < 6; ++i)
    commits.push_back({"api/a.proto", "api/b.proto", "server/h.go"});
  commits.push_back({"server/h.go"}); // 6 of 7 touching either a.proto or h.go
  for (int i = 0; i < 3; ++i)
    commits.push_back({"api/b.proto"}); // b.proto: 6 of 10
  const auto pairs = facts::find_co_changes(commits, top_folder, {});
  REQUIRE(pairs.size() == 2); // a.proto/b.proto share a module: never a pair
  CHECK(pairs[0].a == "api/a.proto");
  CHECK(pairs[0].b == "server/h.go");
  CHECK(pairs[0].module_a == "api");
  CHECK(pairs[0].module_b == "server");
  CHECK(pairs[0].together == 6);
  CHECK(pairs[0].either == 7);
  CHECK(pairs[1].a == "api/b.proto");
  CHECK(pairs[1].either == 10);

  facts::CoChangeOptions stricter;
  stricter.min_share = 0.61; // 6 of 10 is below
  CHECK(facts::find_co_changes(commits, top_folder, stricter).size() == 1);
  stricter.min_together = 7;
  CHECK(facts::find_co_changes(commits, top_folder, stricter).empty());
}

TEST_CASE("co-change: a pair is ordered by module, the root module first") {
  std::vector<std::vector<std::string>> commits(5, std::vector<std::string>{"Makefile", "src/x.c"});
  const auto pairs = facts::find_co_changes(commits, top_folder, {});
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].module_a.empty());
  CHECK(pairs[0].a == "Makefile");
  CHECK(pairs[0].b == "src/x.c");
}

TEST_CASE("co-change: lockfiles, changelogs and version files are bookkeeping, code named like them is not") {
  for (const char* path : {"package-lock.json", "web/yarn.lock", "go.sum", "Cargo.lock", "CHANGELOG.md",
                           "docs/CHANGES.rst", "HISTORY", "NEWS.txt", "changelog.d/123.fixed.md",
                           ".changeset/brave-cats.md", "newsfragments/42.feature", "VERSION",
                           "pkg/version/version.go", "src/app/_version.py", "version.txt", "CITATION.cff"})
    CHECK_MESSAGE(facts::is_bookkeeping_file(path), path);
  for (const char* path : {"src/history.go", "app/news.py", "server/changes.ts", "api/billing.proto",
                           "src/versioning.rs", "package.json"})
    CHECK_MESSAGE(!facts::is_bookkeeping_file(path), path);
}

TEST_CASE("co-change: release and version-bump subjects") {
  for (const char* subject :
       {"Release v1.2.0", "release 3.1", "v2.0.1", "chore(release): 1.4.0", "Bump version to 2.1", "1.2.3",
        "Version Packages", "Prepare release 4.0", "chore: Release", "chore(deps): release 1.2",
        "chore(release): publish v1.0.1", "publish 2.3.0"})
    CHECK_MESSAGE(facts::is_release_subject(subject), subject);
  for (const char* subject : {"billing: add refunds", "Fix the release workflow's cache",
                              "vendor: update deps", "Bump lodash from 4.17.20 to 4.17.21",
                              "docs: releasing, step by step", "publish the docs site", "update to go1.26.7"})
    CHECK_MESSAGE(!facts::is_release_subject(subject), subject);
}
