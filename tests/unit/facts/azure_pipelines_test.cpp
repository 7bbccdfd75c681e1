// Tests for the Azure Pipelines extractor (facts/azure_pipelines via extract_ci): script steps at the root,
// under jobs and under stages, tasks, local templates (relative, from the root, remote ones skipped), ${{ }}
// blocks, triggers with their defaults, pipelines in the directories, and files that become notes.

#include "ci_test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit;
using Lines = std::vector<std::string>;

namespace {

constexpr std::string_view k_pipeline = R"yaml(trigger:
  branches:
    include: [main]
  tags:
    include:
      - v*
schedules:
  - cron: "0 4 * * 1"
    branches: {include: [main]}
resources:
  repositories:
    - repository: tools
      type: github
      name: org/tools
stages:
  - stage: Check
    jobs:
      - job: lint
        displayName: Lint
        steps:
          - checkout: self
          - task: UsePythonVersion@0
            inputs: {versionSpec: '3.12'}
          - script: pip install -r requirements.txt
          - bash: |
              ruff check .
              mypy src
            displayName: Static checks
            workingDirectory: python
          - ${{ if eq(parameters.full, true) }}:
            - pwsh: ./tools/full.ps1
          - template: steps/test.yml
            parameters: {suite: unit}
          - template: steps/remote.yml@tools
  - template: /ci/stages/package.yml
)yaml";

constexpr std::string_view k_steps = R"yaml(parameters:
  - name: suite
    type: string
steps:
  - script: pytest -m ${{ parameters.suite }}
    displayName: Tests
  - task: Bash@3
    inputs:
      targetType: inline
      script: tox -e docs
  - task: PublishTestResults@2
  - task: CMake@1
)yaml";

constexpr std::string_view k_stage = R"yaml(stages:
  - stage: Package
    jobs:
      - job:
        displayName: Wheels
        steps:
          - powershell: python -m build
      - deployment: Publish
        environment: pypi
        strategy:
          runOnce:
            deploy:
              steps:
                - script: twine upload dist/*
)yaml";

} // namespace

TEST_CASE("azure: steps under stages and jobs, tasks, templates, ${{ }} blocks, triggers") {
  const test::CiRepo repo{{"azure-pipelines.yml", std::string(k_pipeline)},
                          {".azure-pipelines/steps/test.yml", std::string(k_steps)},
                          {"steps/other.yml", std::string(k_steps)},
                          {"steps/test.yml", std::string(k_steps)},
                          {"ci/stages/package.yml", std::string(k_stage)},
                          {"README.md", "# x\n"}};
  const auto facts = repo.extract();
  CHECK(facts.notes.empty());
  // A template's commands are where the template writes them, with the job that uses it; `@tools` is in
  // another repository.
  CHECK(test::located(facts) == test::joined(Lines{
                                    "azure-pipelines.yml:24 lint/: pip install -r requirements.txt",
                                    "azure-pipelines.yml:26 lint/Static checks: ruff check .",
                                    "azure-pipelines.yml:27 lint/Static checks: mypy src",
                                    "azure-pipelines.yml:31 lint/: ./tools/full.ps1",
                                    "steps/test.yml:5 lint/Tests: pytest -m ${{ parameters.suite }}",
                                    "steps/test.yml:10 lint/: tox -e docs",
                                    "ci/stages/package.yml:7 Wheels/: python -m build",
                                    "ci/stages/package.yml:14 Publish/: twine upload dist/*",
                                }));
  CHECK(test::commands(facts) == test::joined(Lines{
                                     "24:21 pip install -r requirements.txt [plumbing]",
                                     "26:15 ruff check .",
                                     "27:15 mypy src",
                                     "31:21 ./tools/full.ps1",
                                     "5:13 pytest -m ${{ parameters.suite }}",
                                     "10:15 tox -e docs",
                                     "7:25 python -m build",
                                     "14:27 twine upload dist/*",
                                 }));
  CHECK(facts.commands[1].working_directory == "python");
  for (const auto& command : facts.commands)
    CHECK(command.pipeline == "azure-pipelines.yml");
  std::vector<std::string> actions;
  for (const auto& action : facts.actions)
    actions.push_back(fmt::format("{}:{} {}{}", action.path, action.line, action.uses,
                                  action.plumbing ? " [plumbing]" : ""));
  CHECK(test::joined(actions) ==
        test::joined(Lines{
            "azure-pipelines.yml:22 task:UsePythonVersion@0 [plumbing]", "steps/test.yml:7 task:Bash@3",
            "steps/test.yml:11 task:PublishTestResults@2 [plumbing]", "steps/test.yml:12 task:CMake@1"}));
  // `pr:` is not written: Azure's default (every branch) at line 1. A deployment job is release procedure.
  CHECK(test::triggers(facts) ==
        test::joined(Lines{"azure-pipelines.yml:3 push branches: main", "azure-pipelines.yml:6 push tags: v*",
                           "azure-pipelines.yml:1 pull_request",
                           "azure-pipelines.yml:8 schedule cron: 0 4 * * 1",
                           "ci/stages/package.yml:8 release deployment Publish"}));
  // Files in subdirectories of .azure-pipelines/ and others are templates: read only when used.
  CHECK(repo.reads() == Lines{"azure-pipelines.yml", "steps/test.yml", "ci/stages/package.yml"});
}

TEST_CASE("azure: pipelines in the directories, trigger none, pr lists, templates from templates") {
  const test::CiRepo repo{
      {".azure-pipelines/build.yml", "jobs:\n  - template: jobs/build.yml\n"},
      {".azure-pipelines/jobs/build.yml", "jobs:\n- job: build\n  steps:\n  - script: make all\n"},
      {".azure-pipelines/release.yml", "trigger: none\npr: none\njobs:\n  - template: jobs/build.yml\n"},
      {".azure-pipelines/ci.yml",
       "trigger: [main]\npr:\n  - main\nsteps:\n  - template: ../shared/lint.yml\n"},
      {"shared/lint.yml", "steps:\n  - script: make lint\n"},
  };
  const auto facts = repo.extract();
  CHECK(facts.notes.empty());
  // ci.yml and release.yml have pipeline-only keys and are read first: release.yml uses the jobs template.
  CHECK(test::located(facts) == test::joined(Lines{"shared/lint.yml:2 Job/: make lint",
                                                   ".azure-pipelines/jobs/build.yml:4 build/: make all"}));
  CHECK(facts.commands[1].pipeline == ".azure-pipelines/release.yml");
  CHECK(test::triggers(facts) == test::joined(Lines{".azure-pipelines/ci.yml:1 push branches: main",
                                                    ".azure-pipelines/ci.yml:3 pull_request branches: main",
                                                    ".azure-pipelines/release.yml:1 push none",
                                                    ".azure-pipelines/release.yml:2 pull_request none",
                                                    ".azure-pipelines/build.yml:1 push",
                                                    ".azure-pipelines/build.yml:1 pull_request"}));
}

TEST_CASE("azure: missing, broken, escaping and cyclic templates become notes, odd shapes are skipped") {
  const test::CiRepo repo{
      {"azure-pipelines.yml", R"(steps:
  - template: missing.yml
  - template: ../../outside.yml
  - template: broken.yml
  - template: list.yml
  - template: self.yml
  - template: ${{ parameters.which }}.yml
  - script: make ok
  - bash:
  - 42
)"},
      {"broken.yml", "steps: [\n"},
      {"list.yml", "- script: make list\n"},
      {"self.yml", "steps:\n  - template: self.yml\n  - script: make self\n"},
      {".azure-pipelines.yml", "- a\n"},
  };
  const auto facts = repo.extract();
  CHECK(test::located(facts) ==
        test::joined(Lines{"self.yml:3 Job/: make self", "azure-pipelines.yml:8 Job/: make ok"}));
  REQUIRE(facts.notes.size() == 5);
  CHECK(facts.notes[0] ==
        ".azure-pipelines.yml:1: not an Azure Pipelines file: the top level is not a mapping");
  CHECK(facts.notes[1] == "azure-pipelines.yml:2: template 'missing.yml' is not in the repository");
  CHECK(facts.notes[2] == "azure-pipelines.yml:3: template '../../outside.yml' is not in the repository");
  CHECK(facts.notes[3].starts_with("broken.yml:"));
  CHECK(facts.notes[4] == "list.yml:1: not an Azure Pipelines template: the top level is not a mapping");
}
