// Tests for TASK107's commit conventions (rules/commit_convention) and for the history-based rules TASK106
// and TASK107 on real git repositories built in temporary directories.

#include "../../../src/rules/commit_convention.hpp"
#include "../repo/repo_test_support.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/runner.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace tacit;
using namespace tacit::test;
namespace commits = tacit::rules::commits;

namespace {

std::vector<repo::Commit> history_of(std::initializer_list<std::string_view> subjects,
                                     std::string_view author = "dev") {
  std::vector<repo::Commit> out;
  int n = 0;
  for (auto subject : subjects)
    out.push_back(repo::Commit{fmt::format("{:040}", ++n), std::string(subject), std::string(author),
                               fmt::format("{}@example.com", author), 0});
  return out;
}

std::vector<repo::Commit> repeat(std::initializer_list<std::string_view> subjects, int times) {
  std::vector<repo::Commit> out;
  for (int i = 0; i < times; ++i)
    for (auto& commit : history_of(subjects))
      out.push_back(commit);
  return out;
}

// Commits each subject as its own change, with the given author.
void commit_subjects(const std::filesystem::path& dir, const std::vector<std::string>& subjects,
                     const std::string& author = "tacit") {
  static int counter = 0;
  for (const auto& subject : subjects) {
    write_file(dir / "log.txt", std::to_string(++counter) + "\n");
    git(dir, "add -A");
    git(dir, fmt::format("-c user.name='{0}' -c user.email='{0}@example.com' commit -q -m '{1}'", author,
                         subject));
  }
}

std::vector<std::string> conventional_subjects(int count) {
  static const std::vector<std::string> base{"feat(cli): add a flag", "fix(parser): keep lines",
                                             "docs: usage", "chore: bump", "test(cli): cover the flag"};
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i)
    out.push_back(base[static_cast<std::size_t>(i) % base.size()] + " " + std::to_string(i));
  return out;
}

// The `path:line ID` of each finding of `ids` on the repository at `dir`.
std::string run(const std::filesystem::path& dir, std::vector<std::string> ids) {
  repo::SnapshotOptions options;
  options.path = dir;
  auto snapshot = repo::Snapshot::open(options);
  REQUIRE(snapshot.has_value());
  std::vector<std::string> notes;
  auto context = engine::analyze(std::move(*snapshot), {2}, notes);
  REQUIRE(context.has_value());
  std::string out;
  for (const auto& finding :
       engine::run_rules(**context, catalog::builtin().rules(), {std::move(ids), {}}, 2))
    out += fmt::format("{}{}:{} {}", out.empty() ? "" : "\n", finding.location.path, finding.location.line,
                       finding.rule_id);
  return out;
}

} // namespace

TEST_CASE("commit conventions: Conventional Commits subjects") {
  for (auto subject : {"feat: add x", "fix(parser): y", "feat(api,cli)!: z", "chore!: drop node 16",
                       "ci: run on macOS", "revert: undo x"})
    CHECK_MESSAGE(commits::is_conventional(subject), subject);
  for (auto subject : {"Fix: x", "feature: x", "feat:x", "feat():  x", "feat(x: y", "feat: ", "Add feat: x",
                       "feat(scope) : x"})
    CHECK_FALSE_MESSAGE(commits::is_conventional(subject), subject);
}

TEST_CASE("commit conventions: components are lowercase words or paths, not sentences or tags") {
  CHECK(commits::component_of("net/http: fix a race") == "net/http");
  CHECK(commits::component_of("cli, api: rename") == "cli, api");
  CHECK(commits::component_of("cmd/{go,vet}: x") == "cmd/{go,vet}");
  CHECK(commits::component_of("docs: typo") == "docs");
  for (auto subject : {"Fix: thing", "WIP: x", "wip: x", "fix the parser: it crashed", "See https://x",
                       "Update README", "x:y", "api:", "Dockerfile: bump"})
    CHECK_MESSAGE(commits::component_of(subject).empty(), subject);
}

TEST_CASE("commit conventions: detection needs enough commits, the share and repeated components") {
  const auto conventional = repeat({"feat: a", "fix(x): b", "docs: c", "chore: d", "Add e"}, 5); // 80%
  auto found = commits::detect(conventional, 20, 0.7);
  REQUIRE(found);
  CHECK(found->style == commits::Style::conventional);
  CHECK(found->considered == 25);
  CHECK(found->following == 20);
  CHECK(found->examples.size() == 3);
  CHECK_FALSE(commits::detect(conventional, 30, 0.7)); // too few commits in reach
  CHECK_FALSE(commits::detect(conventional, 20, 0.9)); // below the share

  const auto components = repeat({"parser: a", "cli: b", "docs: c", "parser: d", "Add e"}, 5);
  found = commits::detect(components, 20, 0.7);
  REQUIRE(found);
  CHECK(found->style == commits::Style::component);
  CHECK(found->components.front() == "parser");

  // One repeated prefix is a tag, not a component convention.
  CHECK_FALSE(commits::detect(repeat({"release: a", "release: b", "release: c", "Add d"}, 6), 20, 0.7));
  // Bots and git's own subjects are not what people write.
  auto bots = history_of({"Bump lodash from 1 to 2"}, "dependabot[bot]");
  auto mixed = repeat({"feat: a", "fix: b"}, 10);
  for (int i = 0; i < 30; ++i)
    mixed.push_back(bots.front());
  mixed.push_back(history_of({"Merge branch 'x'"}).front());
  found = commits::detect(mixed, 20, 0.7);
  REQUIRE(found);
  CHECK(found->considered == 20);
}

TEST_CASE("commit conventions: what states a convention") {
  const auto conventional = *commits::detect(repeat({"feat: a", "fix(x): b"}, 10), 20, 0.7);
  CHECK(commits::states("We use [Conventional Commits](https://conventionalcommits.org).", conventional));
  CHECK(commits::states("Commit messages look like `fix(parser): handle tabs`.", conventional));
  CHECK_FALSE(commits::states("Write a good commit message.", conventional));
  CHECK_FALSE(commits::states("feat: is used in the changelog", conventional));

  const auto component = *commits::detect(repeat({"parser: a", "cli: b", "docs: c"}, 8), 20, 0.7);
  CHECK(commits::states("Prefix the commit subject with the package name.", component));
  CHECK(commits::states("A commit message reads `cli: add a flag`.", component));
  CHECK_FALSE(commits::states("Squash your commits before merging.", component));
}

TEST_CASE("TASK107 on real repositories: fires, and stays silent when stated, mixed or too short") {
  TempDir tmp;
  make_repo(tmp / "fires", {{"README.md", "# x\n"}, {"main.c", "int main;\n"}});
  commit_subjects(tmp / "fires", conventional_subjects(24));
  CHECK(run(tmp / "fires", {"TASK107"}) == "README.md:1 TASK107");

  make_repo(tmp / "stated", {{"README.md", "# x\n"},
                             {"CONTRIBUTING.md", "# Contributing\n\nWe follow Conventional Commits.\n"}});
  commit_subjects(tmp / "stated", conventional_subjects(24));
  CHECK(run(tmp / "stated", {"TASK107"}).empty());

  make_repo(tmp / "short", {{"README.md", "# x\n"}});
  commit_subjects(tmp / "short", conventional_subjects(15));
  CHECK(run(tmp / "short", {"TASK107"}).empty());

  make_repo(tmp / "mixed", {{"README.md", "# x\n"}});
  auto subjects = conventional_subjects(12);
  for (int i = 0; i < 12; ++i)
    subjects.push_back("Improve thing " + std::to_string(i));
  commit_subjects(tmp / "mixed", subjects);
  CHECK(run(tmp / "mixed", {"TASK107"}).empty());
}

TEST_CASE("TASK106 on real repositories: several authors make it apply, a CONTRIBUTING silences it") {
  TempDir tmp;
  const std::initializer_list<std::pair<std::string_view, std::string_view>> code{
      {"README.md", "# x\n\nA tool.\n"}, {"Makefile", "all:\n\tcc main.c\n"}, {"main.c", "int main;\n"}};
  make_repo(tmp / "team", code);
  for (const auto* author : {"ann", "bob", "cyd"})
    commit_subjects(tmp / "team", {std::string("change by ") + author}, author);
  CHECK(run(tmp / "team", {"TASK106"}) == "README.md:1 TASK106");

  make_repo(tmp / "solo", code);
  commit_subjects(tmp / "solo", {"one", "two", "three"});
  CHECK(run(tmp / "solo", {"TASK106"}).empty());

  make_repo(tmp / "bots", code);
  commit_subjects(tmp / "bots", {"bump a"}, "dependabot[bot]");
  commit_subjects(tmp / "bots", {"bump b"}, "renovate-bot");
  CHECK(run(tmp / "bots", {"TASK106"}).empty());

  make_repo(tmp / "documented", code);
  write_file(tmp / "documented/CONTRIBUTING.md", "# Contributing\n\nOpen a pull request.\n");
  for (const auto* author : {"ann", "bob", "cyd"})
    commit_subjects(tmp / "documented", {std::string("change by ") + author}, author);
  CHECK(run(tmp / "documented", {"TASK106"}).empty());
}
