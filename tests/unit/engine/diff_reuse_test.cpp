// The base of a diff-aware run analysed with the scanned state's context lent to it
// (engine::AnalyzeOptions::reuse): the files whose bytes did not change are parsed once, and everything the
// rules see of the base is what they saw when the base was analysed on its own. The repository's base and
// worktree differ in a context file, a doc, a CI workflow, a build file, and untracked files.

#include "../../../src/facts/yaml_util.hpp"
#include "../repo/repo_test_support.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/engine/suppressions.hpp>
#include <tacit/facts/file_cache.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace tacit;
using namespace tacit::test;

namespace {

std::unique_ptr<engine::Context> analyze_ok(std::unique_ptr<repo::Snapshot> snapshot,
                                            const engine::Context* reuse, bool lends = false) {
  engine::AnalyzeOptions options{2};
  options.reuse = reuse;
  options.lends = lends;
  std::vector<std::string> notes;
  auto context = engine::analyze(std::move(snapshot), options, notes);
  INFO((context ? std::string() : to_string(context.error())));
  REQUIRE(context.has_value());
  return std::move(*context);
}

// Every rule (the opt-in ones too) and the suppression pass, each finding as a reporter shows it.
std::vector<std::string> findings_of(const engine::Context& context) {
  const auto& rules = catalog::builtin();
  const engine::Selection all{{"ALL"}, {}};
  auto found =
      engine::suppress_findings(context, engine::run_rules(context, rules.rules(), all, 2), all, rules, 2);
  std::vector<std::string> out;
  for (const auto& f : found) {
    std::string line = f.location.path + ":" + std::to_string(f.location.line) + ":" +
                       std::to_string(f.location.column) + " " + f.rule_id + " " + f.message + " | " +
                       f.subject + " | " + f.hint + " | " + f.fingerprint;
    for (const auto& r : f.related)
      line += " | " + r.path + ":" + std::to_string(r.line) + " " + r.note;
    out.push_back(std::move(line));
  }
  return out;
}

// What rules read of a document, on one line.
std::string outline(const doc::Document& doc) {
  std::string out = doc.path + " " + std::to_string(static_cast<int>(doc.kind)) + " " +
                    std::to_string(doc.sections.size()) + " " + std::to_string(doc.code_blocks.size()) + " " +
                    std::to_string(doc.inline_code.size()) + " " + std::to_string(doc.links.size()) + " " +
                    std::to_string(doc.imports.size()) + " " + doc.symlink_target + " " +
                    (doc.imported ? "imported " : "") + (doc.user_facing ? "user " : "") + doc.text;
  for (const auto& block : doc.code_blocks)
    out += "\n```" + block.info + " " + std::to_string(block.line) + "\n" + block.text;
  return out;
}

std::vector<std::string> outlines(const engine::Context& context) {
  std::vector<std::string> out;
  for (const auto& doc : context.documents())
    out.push_back(outline(doc));
  return out;
}

// The knowledge index: every command and path mention, in order, with where it is.
std::vector<std::string> mentions(const engine::Context& context) {
  std::vector<std::string> out;
  for (const auto& command : context.knowledge().commands()) {
    std::string line = command.doc + ":" + std::to_string(command.line) + ":" +
                       std::to_string(command.column) + (command.in_code_block ? " block" : " span");
    for (const auto& word : command.words)
      line += " " + word;
    line += " |";
    for (const auto& word : command.peeled)
      line += " " + word;
    out.push_back(std::move(line));
  }
  for (const auto& path : context.knowledge().paths())
    out.push_back(path.doc + ":" + std::to_string(path.line) + ":" + std::to_string(path.column) + " path " +
                  std::to_string(static_cast<int>(path.kind)) + " " + path.text);
  return out;
}

} // namespace

TEST_CASE("diff base with the scanned state lent: unchanged files are parsed once, findings are the same") {
  TempDir tmp;
  const auto& repo = tmp.path();
  git(repo, "init -q");
  write_file(repo / "AGENTS.md", "# Agents\n\nRun `make build` then `make test`.\n\n@docs/extra.md\n");
  write_file(repo / "docs/extra.md", "# Extra\n\nRelease with `make release`.\n");
  write_file(repo / "README.md", "# demo\n\nBuild with `make build`; see [the guide](docs/guide.md).\n");
  write_file(repo / "docs/guide.md", "# Guide\n\n```sh\nmake lint\nnpm test\n```\n\nRead `src/main.c`.\n");
  write_file(repo / "Makefile", "build:\n\techo build\ntest:\n\techo test\nlint:\n\techo lint\n");
  write_file(repo / "package.json", R"({"name": "demo", "scripts": {"test": "jest", "fmt": "prettier ."}})");
  write_file(
      repo / ".github/workflows/ci.yml",
      "name: ci\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n");
  write_file(repo / ".github/workflows/release.yml",
             "name: release\non: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n"
             "      - run: npm run fmt\n");
  write_file(repo / "src/main.c", "int main(void) { return 0; }\n");
  write_file(repo / "src/kinds.go", "// Code generated by stringer; DO NOT EDIT.\npackage src\n");
  write_file(repo / "src/mock.go", "// Code generated by mockery. DO NOT EDIT.\npackage src\n");
  REQUIRE(run_in(repo, "ln -s AGENTS.md CLAUDE.md") == 0);
  git(repo, "add -A");
  git(repo, "commit -q -m base");
  // The worktree: a context file, a doc, a CI workflow and the Makefile change; two untracked files.
  write_file(repo / "AGENTS.md", "# Agents\n\nRun `make compile` then `make test`.\n\n@docs/extra.md\n");
  write_file(repo / "docs/guide.md", "# Guide\n\n```sh\nmake lint\nnpm run fmt\n```\n\nRead `src/gone.c`.\n");
  write_file(repo / "Makefile", "compile:\n\techo build\ntest:\n\techo test\nlint:\n\techo lint\n");
  write_file(
      repo / ".github/workflows/ci.yml",
      "name: ci\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n"
      "      - run: make compile\n");
  write_file(repo / "NOTES.md", "# Notes\n\nRun `make deploy`.\n");
  write_file(repo / "scripts/setup.sh", "#!/bin/sh\nmake compile\n");
  write_file(repo / "src/mock.go", "// Code generated by MockGen. DO NOT EDIT.\npackage src\n"); // changed

  const auto head = analyze_ok(open_ok(repo), nullptr, true);
  const auto alone = analyze_ok(open_ok(repo, repo::ContentSource::revision, "HEAD"), nullptr);
  const auto lent = analyze_ok(open_ok(repo, repo::ContentSource::revision, "HEAD"), head.get());

  // The rules see the same base either way: every finding, every document.
  const auto expected = findings_of(*alone);
  CHECK_FALSE(expected.empty());
  CHECK(findings_of(*lent) == expected);
  CHECK(outlines(*lent) == outlines(*alone));
  // The unchanged documents' mentions are copied from the scanned state's index (README.md's, before and
  // after a changed doc's), the changed ones indexed again: the same index as the base's own.
  CHECK(mentions(*lent) == mentions(*alone));
  CHECK(mentions(*lent) != mentions(*head));
  // The generated-code scan: the unchanged head's marker taken, the changed one's found again.
  const auto markers = [](const engine::Context& context) {
    std::string out;
    for (const auto& file : context.facts().generated_files)
      out += file.path + ":" + std::to_string(file.line) + " " + file.generator + "\n";
    return out;
  };
  CHECK(markers(*alone) == "src/kinds.go:1 stringer\nsrc/mock.go:1 mockery\n");
  CHECK(markers(*lent) == markers(*alone));
  CHECK(markers(*head) == "src/kinds.go:1 stringer\nsrc/mock.go:1 mockgen\n");
  CHECK(findings_of(*lent) != findings_of(*head)); // the base is not the worktree
  REQUIRE(lent->document("NOTES.md") == nullptr);  // untracked at the base: not there
  REQUIRE(lent->document("AGENTS.md") != nullptr);
  CHECK(lent->document("AGENTS.md")->text.find("make build") != std::string::npos);
  REQUIRE(lent->document("docs/guide.md") != nullptr);
  REQUIRE(lent->document("docs/guide.md")->code_blocks.size() == 1);
  CHECK(lent->document("docs/guide.md")->code_blocks[0].text == "make lint\nnpm test\n");

  // What was taken: the unchanged files' parses are the scanned state's own; the changed ones are not.
  const auto& cache = lent->file_cache();
  const auto* readme = lent->snapshot().find("README.md");
  const auto* release = lent->snapshot().find(".github/workflows/release.yml");
  const auto* ci = lent->snapshot().find(".github/workflows/ci.yml");
  const auto* guide = lent->snapshot().find("docs/guide.md");
  const auto* makefile = lent->snapshot().find("Makefile");
  REQUIRE((readme && release && ci && guide && makefile));
  CHECK(cache.same_as_donor(*readme));
  CHECK(cache.same_as_donor(*release));
  CHECK(&cache.yaml(*release) == &head->file_cache().yaml(*release));
  CHECK_FALSE(cache.same_as_donor(*ci));
  CHECK(&cache.yaml(*ci) != &head->file_cache().yaml(*ci));
  CHECK_FALSE(cache.same_as_donor(*guide));
  CHECK_FALSE(cache.same_as_donor(*makefile));
  CHECK_FALSE(alone->file_cache().same_as_donor(*readme)); // no donor
}

// The scanned worktree identifies its reads (SnapshotOptions::identify): a file the base has at the same blob
// as the checked-out one is the scanned state's content, neither read nor compared, and what the rules see of
// the base is still what they see when it is analysed on its own.
TEST_CASE("diff base: files of the same blob are taken from the scanned state without being read") {
  TempDir tmp;
  const auto& repo = tmp.path();
  git(repo, "init -q");
  write_file(repo / "README.md", "# demo\n\nBuild with `make build`; see [the guide](docs/guide.md).\n");
  write_file(repo / "docs/guide.md", "# Guide\n\nRun `make lint`.\n");
  write_file(repo / "Makefile", "build:\n\techo build\nlint:\n\techo lint\n");
  write_file(repo / ".github/workflows/ci.yml",
             "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n");
  write_file(
      repo / ".github/workflows/crlf.yml",
      "on: push\r\njobs:\r\n  t:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: make\r\n");
  write_file(repo / "src/kinds.go", "// Code generated by stringer; DO NOT EDIT.\npackage src\n");
  write_file(repo / "src/mock.go", "// Code generated by mockery. DO NOT EDIT.\npackage src\n");
  git(repo, "add -A");
  git(repo, "commit -q -m base");
  // Old times and a fresh index: no entry is racy. Then the worktree changes a doc and a generated file.
  REQUIRE(run_in(repo, "find . -path ./.git -prune -o -type f -exec touch -d '2020-01-01 00:00:00' {} + && "
                       "rm .git/index && git reset -q") == 0);
  write_file(repo / "docs/guide.md", "# Guide\n\nRun `make lint` and `make vet`.\n");
  write_file(repo / "src/mock.go", "// Code generated by MockGen. DO NOT EDIT.\npackage src\n");

  repo::SnapshotOptions options;
  options.path = repo;
  options.identify = true;
  auto scanned = repo::Snapshot::open(options);
  REQUIRE(scanned.has_value());
  const auto head = analyze_ok(std::move(*scanned), nullptr, true);
  const auto alone = analyze_ok(open_ok(repo, repo::ContentSource::revision, "HEAD"), nullptr);
  const auto lent = analyze_ok(open_ok(repo, repo::ContentSource::revision, "HEAD"), head.get());
  CHECK(findings_of(*lent) == findings_of(*alone));
  CHECK(outlines(*lent) == outlines(*alone));
  CHECK(mentions(*lent) == mentions(*alone));
  const auto markers = [](const engine::Context& context) {
    std::string out;
    for (const auto& file : context.facts().generated_files)
      out += file.path + ":" + std::to_string(file.line) + " " + file.generator + "\n";
    return out;
  };
  CHECK(markers(*lent) == "src/kinds.go:1 stringer\nsrc/mock.go:1 mockery\n");
  CHECK(markers(*lent) == markers(*alone));

  const auto& cache = lent->file_cache();
  const auto taken = [&](std::string_view path) {
    const auto* file = lent->snapshot().find(path);
    REQUIRE(file != nullptr);
    const auto* theirs = head->file_cache().cached(*file);
    return theirs != nullptr && cache.cached(*file) == theirs;
  };
  // The same blob: the scanned state's content itself (not a copy read again).
  CHECK(taken("README.md"));
  CHECK(taken(".github/workflows/ci.yml"));
  // Changed in the worktree: read and parsed at the base.
  CHECK_FALSE(taken("docs/guide.md"));
  // A CR in the worktree's bytes: no blob is claimed for them, the base reads and compares.
  CHECK_FALSE(taken(".github/workflows/crlf.yml"));
  CHECK(cache.same_as_donor(*lent->snapshot().find(".github/workflows/crlf.yml")));
}
