// Tests for the contribution procedure and release mechanism extractors (facts/contribution, facts/releases),
// over in-memory repositories.

#include "ci_test_support.hpp"

#include <tacit/facts/ci.hpp>
#include <tacit/facts/contribution.hpp>

#include <doctest/doctest.h>

using namespace tacit;
using test::CiRepo;
using test::joined;

namespace {

// "path kind [text]" for each contribution file.
std::string contribution(const CiRepo& repo) {
  std::vector<std::string> out;
  for (const auto& f : facts::extract_contribution_files(repo.files(), repo.reader()))
    out.push_back(fmt::format("{} {}{}", f.path, f.kind, f.text.empty() ? "" : " [text]"));
  return joined(out);
}

// "path:line kind `command`: note" for each release mechanism (files, targets, then CI).
std::string releases(const CiRepo& repo) {
  std::vector<std::string> out;
  auto mechanisms = repo.facts().release_mechanisms;
  for (auto& m : facts::release_workflows(repo.extract()))
    mechanisms.push_back(std::move(m));
  for (const auto& m : mechanisms)
    out.push_back(fmt::format("{}:{} {} `{}`: {}", m.evidence.path, m.evidence.line, m.kind, m.command,
                              m.evidence.note));
  return joined(out);
}

} // namespace

TEST_CASE("contribution files: guides, templates, CODEOWNERS and commit checkers by path") {
  const CiRepo repo{{"CONTRIBUTING.md", "# Contributing\n"},
                    {".github/PULL_REQUEST_TEMPLATE.md", "## What\n"},
                    {".github/PULL_REQUEST_TEMPLATE/feature.md", "## Feature\n"},
                    {".gitlab/merge_request_templates/Default.md", "## MR\n"},
                    {"docs/pull_request_template.md", "## PR\n"},
                    {".github/CODEOWNERS", "* @org/team\n"},
                    {"CODEOWNERS", "* @me\n"},
                    {"src/CODEOWNERS", "* @nobody\n"},
                    {"commitlint.config.js", "module.exports = {};\n"},
                    {"docs/contributing/setup.md", "# Setup\n"},
                    {"docs/commit-messages.rst", "Commits\n=======\n"},
                    {"docs/guide/index.md", "# Guide\n"},
                    {"packages/a/CONTRIBUTING.md", "# A\n"},
                    {"src/contributing.py", "x = 1\n"},
                    {"pages/common/git-commit.md", "# git commit\n"}};
  CHECK(contribution(repo) ==
        joined({".github/CODEOWNERS codeowners", ".github/PULL_REQUEST_TEMPLATE.md pr-template [text]",
                ".github/PULL_REQUEST_TEMPLATE/feature.md pr-template [text]",
                ".gitlab/merge_request_templates/Default.md pr-template [text]", "CODEOWNERS codeowners",
                "CONTRIBUTING.md contributing", "commitlint.config.js commit-lint",
                "docs/commit-messages.rst guide [text]", "docs/contributing/setup.md contributing [text]",
                "docs/pull_request_template.md pr-template [text]"}));
}

TEST_CASE("contribution files: a package.json commitlint key, only templates and guides are read") {
  const CiRepo repo{{"package.json", "{\"name\": \"x\", \"commitlint\": {\"extends\": []}}"},
                    {"CONTRIBUTING.md", "# Contributing\n"},
                    {"src/index.js", "x\n"}};
  CHECK(contribution(repo) == joined({"CONTRIBUTING.md contributing", "package.json commit-lint"}));
  CHECK(joined(repo.reads()) == joined({"package.json"}));
}

TEST_CASE("release mechanisms: tool configs, scripts and release targets at the root") {
  const CiRepo repo{
      {".goreleaser.yaml", "builds: []\n"},
      {".releaserc.json", "{}"},
      {"release-please-config.json", "{}"},
      {".changeset/config.json", "{}"},
      {"release.toml", "sign-tag = true\n"},
      {"scripts/release.sh", "#!/bin/sh\n"},
      {"scripts/release-notes.py", "print()\n"},
      {"docs/release.md", "# Release\n"},
      {"Makefile", "build:\n\tcc x.c\n\nrelease: build\n\t./scripts/release.sh\n"},
      {"sub/Makefile", "release:\n\ttrue\n"},
      {"package.json", "{\n  \"name\": \"x\",\n  \"release\": {\"branches\": [\"main\"]}\n}\n"}};
  CHECK(
      releases(repo) ==
      joined(
          {".goreleaser.yaml:1 goreleaser `goreleaser release`: goreleaser configuration",
           ".releaserc.json:1 semantic-release `npx semantic-release`: semantic-release configuration",
           "release-please-config.json:1 release-please `release-please`: release-please configuration",
           ".changeset/config.json:1 changesets `npx changeset`: changesets configuration",
           "release.toml:1 cargo-release `cargo release`: cargo-release configuration",
           "package.json:3 semantic-release `npx semantic-release`: \"release\" configures semantic-release",
           "Makefile:4 target `make release`: `make release` target",
           "scripts/release.sh:1 script `./scripts/release.sh`: a release script"}));
}

TEST_CASE("release mechanisms: workflows on tags and releases, a check workflow that also runs on tags is "
          "not one") {
  const CiRepo repo{
      {".github/workflows/ci.yml", "on:\n  push:\n    tags: ['*']\n  pull_request:\njobs:\n  test:\n    "
                                   "runs-on: x\n    steps:\n      - run: make test\n"},
      {".github/workflows/docker.yml",
       "on:\n  push:\n    tags: ['v*']\n  pull_request:\njobs:\n  image:\n    "
       "runs-on: x\n    steps:\n      - name: Publish image\n        run: "
       "make push\n"},
      {".github/workflows/publish.yml",
       "on:\n  release:\n    types: [published]\njobs:\n  pypi:\n    runs-on: x\n    steps:\n      - run: "
       "make dist\n"},
      {".github/workflows/release.yml",
       "on:\n  workflow_dispatch:\njobs:\n  build:\n    runs-on: x\n    steps:\n      - run: make dist\n"},
      {".github/workflows/release-drafter.yml",
       "on:\n  workflow_dispatch:\n  push:\n    branches: [main]\njobs:\n  draft:\n    runs-on: x\n    "
       "steps:\n      - run: make notes\n"},
      {".github/workflows/lint.yml", "on:\n  push:\n    tags-ignore: ['v*']\njobs:\n  lint:\n    runs-on: x\n"
                                     "    steps:\n      - run: make lint\n"},
      {".gitlab-ci.yml", "publish:\n  script: make publish\n  only:\n    - tags\n"}};
  CHECK(releases(repo) ==
        joined({".github/workflows/docker.yml:3 workflow ``: runs when a tag matching v* is pushed",
                ".github/workflows/publish.yml:3 workflow ``: runs when a release is published",
                ".github/workflows/release.yml:2 workflow ``: a release workflow run by hand",
                ".gitlab-ci.yml:4 ci-job ``: job publish runs when a tag is pushed"}));
}
