// Tests for repo::read_changed_files: the files of a diff-aware run's base that differ from the scanned
// commit's, read ahead for the base's analysis.

#include "repo_test_support.hpp"

#include <tacit/repo/merge_base.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

using namespace tacit;
using namespace tacit::test;

namespace {

constexpr std::array<std::string_view, 2> k_wanted{".github/workflows/", ".gitlab-ci.yml"};
constexpr std::array<std::string_view, 2> k_yaml{".yml", ".yaml"};

std::vector<std::string> paths_of(const std::vector<repo::ChangedFile>& files) {
  std::vector<std::string> paths;
  for (const auto& file : files)
    paths.push_back(file.path);
  std::ranges::sort(paths);
  return paths;
}

std::string head_of(const std::filesystem::path& dir, const std::string& revision) {
  repo::SnapshotOptions options;
  options.path = dir;
  auto base = repo::find_merge_base(options, revision);
  REQUIRE(base.has_value());
  return base->id;
}

} // namespace

TEST_CASE("Changed files: the base's wanted files whose blob differs from HEAD's, with the base's bytes") {
  TempDir tmp;
  const auto dir = tmp / "repo";
  make_repo(dir, {{".github/workflows/ci.yml", "on: push\n"},
                  {".github/workflows/same.yml", "on: pull_request\n"},
                  {".github/workflows/gone.yaml", "on: schedule\n"},
                  {".github/workflows/notes.txt", "not YAML\n"},
                  {".github/workflows/nested/deep.yml", "on: push\n"},
                  {".gitlab-ci.yml", "test:\n  script: make\n"},
                  {"README.md", "# x\n"}});
  write_file(dir / ".github/workflows/ci.yml", "on: [push, pull_request]\n");
  write_file(dir / ".github/workflows/nested/deep.yml", "on: [push]\n");
  write_file(dir / ".gitlab-ci.yml", "test:\n  script: make test\n");
  write_file(dir / ".github/workflows/new.yml", "on: push\n");
  std::filesystem::remove(dir / ".github/workflows/gone.yaml");
  git(dir, "add -A");
  git(dir, "commit -q -m second");
  const auto base = head_of(dir, "HEAD~1");
  repo::SnapshotOptions scanned;
  scanned.path = dir;

  const auto files =
      repo::read_changed_files(scanned, base, k_wanted, k_yaml, 1u << 20, [] { return false; });
  // Changed or gone since: read at the base. Unchanged, added since, not YAML, in a subfolder: left out.
  CHECK(paths_of(files) == std::vector<std::string>{".github/workflows/ci.yml", ".github/workflows/gone.yaml",
                                                    ".gitlab-ci.yml"});
  for (const auto& file : files)
    if (file.path == ".github/workflows/ci.yml")
      CHECK(file.bytes == "on: push\n");

  SUBCASE("files over the limit are left out") {
    CHECK(paths_of(repo::read_changed_files(scanned, base, k_wanted, k_yaml, 12, [] { return false; })) ==
          std::vector<std::string>{".github/workflows/ci.yml"}); // 9 bytes; the others 13 and 21
  }
  SUBCASE("asked to stop, it reads no more") {
    CHECK(repo::read_changed_files(scanned, base, k_wanted, k_yaml, 1u << 20, [] { return true; }).empty());
  }
  SUBCASE("a base that is the scanned commit, or not a commit, has nothing to read ahead") {
    CHECK(repo::read_changed_files(scanned, head_of(dir, "HEAD"), k_wanted, k_yaml, 1u << 20, [] {
            return false;
          }).empty());
    CHECK(repo::read_changed_files(scanned, "not-an-id", k_wanted, k_yaml, 1u << 20, [] {
            return false;
          }).empty());
  }
}
