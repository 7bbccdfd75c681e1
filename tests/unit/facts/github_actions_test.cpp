// Tests for the GitHub Actions extractor (facts/github_actions via extract_ci): run steps split into commands
// at their exact lines, folded runs, matrix jobs, composite actions and reusable workflows followed once,
// every trigger form, plumbing, and malformed files that become notes.

#include "ci_test_support.hpp"

#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit;
using Lines = std::vector<std::string>;

namespace {

// Line numbers in the comments on the right are what the tests check.
constexpr std::string_view k_ci = R"yaml(name: CI
on:
  push:
    branches: [main]
    tags: ['v*']
  pull_request:
  schedule:
    - cron: '0 3 * * 1'
  workflow_dispatch:
jobs:
  build:
    runs-on: ${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, macos-latest]
    steps:
      - uses: actions/checkout@v4
      - name: Configure
        run: |
          # configure the build
          cmake -S . -B build \
            -DCMAKE_BUILD_TYPE=Release
          echo "done" >> "$GITHUB_STEP_SUMMARY"
      - name: Build and test
        run: |
          cmake --build build -j 4

          if [ "$RUNNER_OS" = Linux ]; then
            ctest --test-dir build --output-on-failure
          fi
          for f in dist/*.tar.gz; do
            sha256sum "$f"
          done
          cat > config.json <<EOF
          {"debug": true}
          EOF
          ./scripts/check.sh
      - run: npm ci && npm test
        working-directory: web
)yaml";

} // namespace

TEST_CASE("github: run blocks are split into commands at their own lines and columns") {
  const test::CiRepo repo{{".github/workflows/ci.yml", std::string(k_ci)}};
  const auto facts = repo.extract();
  CHECK(facts.notes.empty());
  CHECK(test::commands(facts) == test::joined(Lines{
                                     "21:11 cmake -S . -B build -DCMAKE_BUILD_TYPE=Release",
                                     "23:11 echo \"done\" >> \"$GITHUB_STEP_SUMMARY\" [plumbing]",
                                     "26:11 cmake --build build -j 4",
                                     "28:14 [ \"$RUNNER_OS\" = Linux ] [plumbing]",
                                     "29:13 ctest --test-dir build --output-on-failure",
                                     "32:13 sha256sum \"$f\"",
                                     "34:11 cat > config.json <<EOF [plumbing]",
                                     "37:11 ./scripts/check.sh",
                                     "38:14 npm ci && npm test",
                                 }));
  REQUIRE(facts.commands.size() == 9);
  CHECK(facts.commands[0].job == "build");
  CHECK(facts.commands[0].step == "Configure");
  CHECK(facts.commands[4].step == "Build and test");
  CHECK(facts.commands[8].step.empty());
  CHECK(facts.commands[8].working_directory == "web");
  CHECK(facts.commands[8].path == ".github/workflows/ci.yml");
  REQUIRE(facts.actions.size() == 1);
  CHECK(facts.actions[0].uses == "actions/checkout@v4");
  CHECK(facts.actions[0].line == 17);
  CHECK(facts.actions[0].plumbing);
}

TEST_CASE("github: triggers in the map form, one per filter") {
  const test::CiRepo repo{{".github/workflows/ci.yml", std::string(k_ci)}};
  CHECK(test::triggers(repo.extract()) == test::joined(Lines{
                                              ".github/workflows/ci.yml:4 push branches: main",
                                              ".github/workflows/ci.yml:5 push tags: v*",
                                              ".github/workflows/ci.yml:6 pull_request",
                                              ".github/workflows/ci.yml:8 schedule cron: 0 3 * * 1",
                                              ".github/workflows/ci.yml:9 workflow_dispatch",
                                          }));
}

TEST_CASE("github: triggers in the string and list forms, release types, workflow_call") {
  const test::CiRepo repo{
      {".github/workflows/a.yml", "on: push\njobs: {}\n"},
      {".github/workflows/b.yaml", "on: [push, pull_request]\n"},
      {".github/workflows/c.yml", "on:\n  release:\n    types: [published, created]\n  workflow_call:\n"},
  };
  CHECK(test::triggers(repo.extract()) == test::joined(Lines{
                                              ".github/workflows/a.yml:1 push",
                                              ".github/workflows/b.yaml:1 push",
                                              ".github/workflows/b.yaml:1 pull_request",
                                              ".github/workflows/c.yml:3 release types: published, created",
                                              ".github/workflows/c.yml:4 workflow_call",
                                          }));
}

TEST_CASE("github: a folded run is one command, workflow and job defaults give the working directory") {
  const test::CiRepo repo{{".github/workflows/lint.yml", R"(on: push
defaults:
  run:
    working-directory: app
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - name: Lint
        run: >
          ruff check
          --output-format=github
          src tests
  docs:
    defaults: {run: {working-directory: docs}}
    steps:
      - run: "mkdocs build --strict"
      - run: python -c 'print(1)'
        shell: python
        name: not shell
      - run: Invoke-Build Test
        shell: pwsh
)"}};
  const auto facts = repo.extract();
  CHECK(test::commands(facts) ==
        test::joined(Lines{"11:11 ruff check --output-format=github src tests", "17:15 mkdocs build --strict",
                           "21:14 Invoke-Build Test"}));
  REQUIRE(facts.commands.size() == 3);
  CHECK(facts.commands[0].working_directory == "app");
  CHECK(facts.commands[1].working_directory == "docs");
  CHECK(facts.commands[1].job == "docs");
}

TEST_CASE("github: a local composite action is followed once, with its own lines") {
  const test::CiRepo repo{
      {".github/workflows/ci.yml", R"(on: push
jobs:
  test:
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/setup
      - run: make test
  other:
    steps:
      - uses: ./.github/actions/setup/
      - uses: ./tools/missing
)"},
      {".github/actions/setup/action.yml", R"(name: Setup
runs:
  using: composite
  steps:
    - uses: actions/setup-python@v5
      with: {python-version: '3.12'}
    - name: Install
      shell: bash
      run: |
        python -m pip install -r requirements.txt
        make generate
)"},
      {"README.md", "# x\n"},
  };
  const auto facts = repo.extract();
  CHECK(test::located(facts) ==
        test::joined(Lines{
            ".github/actions/setup/action.yml:10 test/Install: python -m pip install -r requirements.txt",
            ".github/actions/setup/action.yml:11 test/Install: make generate",
            ".github/workflows/ci.yml:7 test/: make test",
        }));
  CHECK(facts.commands[0].plumbing);
  CHECK_FALSE(facts.commands[1].plumbing);
  CHECK(facts.notes ==
        Lines{".github/workflows/ci.yml:11: local action './tools/missing' has no action.yml in "
              "the repository"});
  std::vector<std::string> uses;
  for (const auto& action : facts.actions)
    uses.push_back(
        fmt::format("{}:{} {}{}", action.path, action.line, action.uses, action.plumbing ? " [p]" : ""));
  CHECK(uses == Lines{".github/workflows/ci.yml:5 actions/checkout@v4 [p]",
                      ".github/workflows/ci.yml:6 ./.github/actions/setup",
                      ".github/actions/setup/action.yml:5 actions/setup-python@v5 [p]",
                      ".github/workflows/ci.yml:10 ./.github/actions/setup/",
                      ".github/workflows/ci.yml:11 ./tools/missing"});
  CHECK(std::count(repo.reads().begin(), repo.reads().end(), ".github/actions/setup/action.yml") == 1);
  CHECK(std::count(repo.reads().begin(), repo.reads().end(), "README.md") == 0);
}

TEST_CASE("github: a local reusable workflow is followed, each file once, cycles guarded") {
  const test::CiRepo repo{
      {".github/workflows/ci.yml", R"(on: push
jobs:
  call:
    uses: ./.github/workflows/reusable.yml
    with: {target: all}
  remote:
    uses: octo/repo/.github/workflows/x.yml@v1
)"},
      {".github/workflows/reusable.yml", R"(on: workflow_call
jobs:
  build:
    steps:
      - run: make release
  again:
    uses: ./.github/workflows/ci.yml
  gone:
    uses: ./.github/workflows/gone.yml
)"},
  };
  const auto facts = repo.extract();
  CHECK(test::located(facts) == test::joined(Lines{".github/workflows/reusable.yml:5 build/: make release"}));
  CHECK(facts.actions.size() == 4);
  CHECK(
      facts.notes ==
      Lines{
          ".github/workflows/reusable.yml:9: reusable workflow './.github/workflows/gone.yml' is not in the "
          "repository"});
  CHECK(repo.reads() == Lines{".github/workflows/ci.yml", ".github/workflows/reusable.yml"});
}

TEST_CASE("github: plumbing lines are marked, substantive ones are not") {
  const test::CiRepo repo{{".github/workflows/ci.yml", R"(on: push
jobs:
  j:
    steps:
      - run: |
          sudo apt-get update && sudo apt-get install -y ninja-build
          python -m pip install -e .
          curl -sSL https://install.example/x.sh | sh
          echo "version=1.2" >> "$GITHUB_OUTPUT"
          set -euo pipefail
          export PATH="$HOME/.local/bin:$PATH"
          node --version
          git config --global user.name bot
          cd build && ctest
          pytest -q
          npm run lint
)"}};
  Lines plumbing;
  Lines substantive;
  for (const auto& c : repo.extract().commands)
    (c.plumbing ? plumbing : substantive).push_back(c.text);
  CHECK(plumbing.size() == 8);
  CHECK(substantive == Lines{"cd build && ctest", "pytest -q", "npm run lint"});
}

TEST_CASE("github: malformed, non-map, huge and duplicate-key files become notes, the rest is extracted") {
  const test::CiRepo repo{
      {".github/workflows/bad.yml", "on: push\njobs:\n  a: [1, 2\n"},
      {".github/workflows/list.yml", "- just\n- a list\n"},
      {".github/workflows/empty.yml", ""},
      {".github/workflows/huge.yml", "on: push\n# " + std::string(10u << 20, 'x') + "\n"},
      {".github/workflows/dup.yml", "on: push\njobs:\n  a:\n    steps:\n      - run: make one\n"
                                    "  a:\n    steps:\n      - run: make two\n"},
      {".github/workflows/good.yml", "on: push\njobs:\n  a:\n    steps:\n      - run: make good\n"},
      {".github/workflows/sub/ignored.yml", "on: push\njobs:\n  a:\n    steps:\n      - run: make sub\n"},
  };
  const auto facts = repo.extract();
  CHECK(test::located(facts) == test::joined(Lines{".github/workflows/dup.yml:8 a/: make two",
                                                   ".github/workflows/good.yml:5 a/: make good"}));
  REQUIRE(facts.notes.size() == 4);
  CHECK(facts.notes[0].starts_with(".github/workflows/bad.yml:"));
  CHECK(util::contains(facts.notes[0], "invalid YAML"));
  CHECK(facts.notes[1] ==
        ".github/workflows/dup.yml:6: duplicate key 'a' (also on line 3); the last one is used");
  CHECK(
      facts.notes[2] ==
      ".github/workflows/huge.yml:1: not parsed: 10485772 bytes is over the 1048576 byte limit for CI files");
  CHECK(facts.notes[3] == ".github/workflows/list.yml:1: not a workflow: the top level is not a mapping");
  CHECK(std::count(repo.reads().begin(), repo.reads().end(), ".github/workflows/sub/ignored.yml") == 0);
  CHECK(std::count(repo.reads().begin(), repo.reads().end(), ".github/workflows/huge.yml") == 0);
}
