// Tests for the CircleCI extractor (facts/circleci via extract_ci): run steps as strings and maps, reusable
// commands (read once, where they are written), anchors and `<<:` merges, built-in and orb steps, jobs no
// workflow runs, workflow filters and schedules as triggers, and files that become notes.

#include "ci_test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit;
using Lines = std::vector<std::string>;

namespace {

constexpr std::string_view k_config = R"yaml(version: 2.1
orbs:
  node: circleci/node@5
defaults: &defaults
  docker:
    - image: cimg/python:3.12
  working_directory: ~/repo
commands:
  setup:
    parameters:
      extras:
        type: string
        default: dev
    steps:
      - restore_cache:
          key: deps-{{ checksum "uv.lock" }}
      - run: pip install -e .[<< parameters.extras >>]
      - run:
          name: Lint
          command: ruff check .
jobs:
  lint:
    <<: *defaults
    steps:
      - checkout
      - setup
      - run: |
          mypy src \
            --strict
          # a comment
          pyright
  test:
    <<: *defaults
    steps:
      - checkout
      - setup:
          extras: test
      - node/install-packages
      - run:
          name: Unit tests
          working_directory: tests
          command: pytest -x
      - when:
          condition: << pipeline.parameters.slow >>
          steps:
            - run: "tox -e slow"
      - store_test_results:
          path: reports
  release:
    <<: *defaults
    steps:
      - checkout
      - run: make dist
      - deploy:
          command: twine upload dist/*
  unused:
    <<: *defaults
    steps:
      - run: make unused
workflows:
  version: 2
  ci:
    jobs:
      - lint
      - test:
          requires: [lint]
          filters:
            branches:
              only: [main, /feature\/.*/]
      - node/test
  publish:
    jobs:
      - release:
          filters:
            tags:
              only: /^v.*/
            branches:
              ignore: /.*/
  nightly:
    triggers:
      - schedule:
          cron: "0 3 * * *"
          filters:
            branches:
              only: main
    jobs:
      - test
)yaml";

} // namespace

TEST_CASE("circleci: run steps, reusable commands once, orbs, workflow filters and schedules") {
  const test::CiRepo repo{{".circleci/config.yml", std::string(k_config)}, {"README.md", "# x\n"}};
  const auto facts = repo.extract();
  CHECK(facts.notes.empty());
  // The command `setup` is read once, at its own lines, with the first job that uses it; `unused` is in no
  // workflow; built-in steps (checkout, caches, test results) run nothing of the project.
  CHECK(test::located(facts) ==
        test::joined(Lines{
            ".circleci/config.yml:17 lint/: pip install -e .[<< parameters.extras >>]",
            ".circleci/config.yml:20 lint/Lint: ruff check .",
            ".circleci/config.yml:28 lint/: mypy src --strict",
            ".circleci/config.yml:31 lint/: pyright",
            ".circleci/config.yml:42 test/Unit tests: pytest -x",
            ".circleci/config.yml:46 test/: tox -e slow",
            ".circleci/config.yml:53 release/: make dist",
            ".circleci/config.yml:55 release/deploy: twine upload dist/*",
        }));
  CHECK(test::commands(facts) == test::joined(Lines{
                                     "17:14 pip install -e .[<< parameters.extras >>] [plumbing]",
                                     "20:20 ruff check .",
                                     "28:11 mypy src --strict",
                                     "31:11 pyright",
                                     "42:20 pytest -x",
                                     "46:21 tox -e slow",
                                     "53:14 make dist",
                                     "55:20 twine upload dist/*",
                                 }));
  CHECK(facts.commands[4].working_directory == "tests");
  CHECK(facts.commands[0].working_directory.empty()); // a job's working_directory is the checkout's
  CHECK(facts.commands[0].pipeline == ".circleci/config.yml");
  REQUIRE(facts.actions.size() == 1);
  CHECK(facts.actions[0].uses == "orb:node/install-packages");
  CHECK(facts.actions[0].line == 38);
  CHECK(facts.actions[0].plumbing);
  // One trigger per job of a workflow; the orb's job `node/test` has none.
  CHECK(test::triggers(facts) ==
        test::joined(Lines{".circleci/config.yml:64 push",
                           ".circleci/config.yml:69 push branches: main, /feature\\/.*/",
                           ".circleci/config.yml:76 push tags: /^v.*/",
                           ".circleci/config.yml:82 schedule cron: 0 3 * * *"}));
  CHECK(facts.triggers[2].job == "release");
  CHECK(repo.reads() == Lines{".circleci/config.yml"});
}

TEST_CASE("circleci: anchored steps and filters, merge keys, jobs that never run, no workflows") {
  const test::CiRepo anchored{{".circleci/config.yaml", R"(version: 2.1
x-lint: &lint_step
  run:
    name: golangci
    command: golangci-lint run ./...
x-never: &never
  filters:
    branches:
      ignore:
        - /.*/
jobs:
  a:
    steps:
      - *lint_step
      - run: go vet ./...
  b:
    steps:
      - *lint_step
workflows:
  main:
    jobs:
      - a
      - b: *never
)"}};
  const auto facts = anchored.extract();
  CHECK(test::located(facts) ==
        test::joined(Lines{".circleci/config.yaml:5 a/golangci: golangci-lint run ./...",
                           ".circleci/config.yaml:15 a/: go vet ./..."}));
  CHECK(test::triggers(facts) ==
        test::joined(Lines{".circleci/config.yaml:22 push", ".circleci/config.yaml:10 push none"}));

  // CircleCI 2.0 without workflows: every job runs, and nothing says when.
  const test::CiRepo plain{{".circleci/config.yml", R"(version: 2
jobs:
  build:
    docker: [{image: golang}]
    steps:
      - checkout
      - run: {command: make check, shell: /bin/bash -eo pipefail}
      - run: {command: print(1), shell: python3}
      - add_ssh_keys
      - unknown_step
)"}};
  const auto plain_facts = plain.extract();
  CHECK(test::commands(plain_facts) == "7:24 make check\n");
  CHECK(plain_facts.triggers.empty());
}

TEST_CASE("circleci: a scheduled pipeline's workflow, broken files and odd shapes") {
  const test::CiRepo scheduled{{".circleci/config.yml", R"(version: 2.1
jobs:
  audit:
    steps:
      - run: cargo audit
workflows:
  weekly:
    when:
      and:
        - equal: [scheduled_pipeline, << pipeline.trigger_source >>]
    jobs: [audit]
)"}};
  CHECK(test::triggers(scheduled.extract()) ==
        ".circleci/config.yml:9 schedule pipeline.trigger_source: scheduled_pipeline\n");

  const test::CiRepo broken{{".circleci/config.yml", "jobs:\n  a:\n    steps: [\n"},
                            {".circleci/config.yaml", "- not a map\n"}};
  const auto facts = broken.extract();
  CHECK(facts.commands.empty());
  REQUIRE(facts.notes.size() == 2);
  CHECK(facts.notes[0].starts_with(".circleci/config.yml:"));
  CHECK(facts.notes[0].find("invalid YAML") != std::string::npos);
  CHECK(facts.notes[1] ==
        ".circleci/config.yaml:1: not a CircleCI configuration: the top level is not a mapping");

  // Steps that are not lists, commands without steps, a command using itself: no crash, no hang.
  const test::CiRepo odd{{".circleci/config.yml", R"(commands:
  loop:
    steps: [loop, {run: make loop}]
  empty: {}
jobs:
  a: {steps: "<< parameters.steps >>"}
  b: {steps: [loop, empty, {run: null}, {run: {name: no command}}, {when: {}}]}
  c: []
)"}};
  CHECK(test::located(odd.extract()) == ".circleci/config.yml:3 b/: make loop\n");
}
