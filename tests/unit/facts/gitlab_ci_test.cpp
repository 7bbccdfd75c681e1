// Tests for the GitLab CI extractor (facts/gitlab_ci via extract_ci): anchors and `<<:` merges, extends
// chains, local includes, default before_script, !reference, hidden jobs, triggers, and files that become
// notes. Lines and paths are where the script is written (for a template: in the template).

#include "ci_test_support.hpp"

#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit;
using Lines = std::vector<std::string>;

namespace {

constexpr std::string_view k_main = R"yaml(include:
  - local: ci/templates.yml
  - 'ci/deploy.yml'
  - project: other/group
    file: /x.yml
  - remote: https://example.com/ci.yml

default:
  before_script:
    - echo "default setup"
    - pip install -r requirements.txt

.test_base: &test_base
  stage: test
  script:
    - pytest -q

unit:
  <<: *test_base

lint:
  extends: .lint_template
  before_script: []

.setup_steps: &setup_steps
  - apt-get update -qq
  - make deps

integration:
  <<: *test_base
  script:
    - *setup_steps
    - make integration
    - |
      docker compose up -d
      pytest tests/integration \
        --maxfail=1

.unused:
  script: make unused
)yaml";

constexpr std::string_view k_templates = R"yaml(.lint_template:
  stage: lint
  script:
    - ruff check .
    - - mypy src
      - black --check .
.build:
  script: make build
)yaml";

constexpr std::string_view k_deploy = R"yaml(.deploy_base:
  extends: .build
  after_script:
    - echo cleanup
deploy:
  extends: [.deploy_base, .release_rules]
  script:
    - !reference [.build, script]
    - ./deploy.sh
.release_rules:
  rules:
    - if: $CI_COMMIT_TAG
  inherit:
    default: false
package:
  extends: .deploy_base
  release:
    tag_name: $CI_COMMIT_TAG
)yaml";

} // namespace

TEST_CASE("gitlab: scripts from anchors, merges, extends chains, includes, defaults and !reference") {
  const test::CiRepo repo{{".gitlab-ci.yml", std::string(k_main)},
                          {"ci/templates.yml", std::string(k_templates)},
                          {"ci/deploy.yml", std::string(k_deploy)}};
  const auto facts = repo.extract();
  CHECK(facts.notes.empty());
  CHECK(test::located(facts) ==
        test::joined(Lines{
            // Included files come first; `deploy` does not inherit the default.
            "ci/templates.yml:8 deploy/script: make build",
            "ci/deploy.yml:9 deploy/script: ./deploy.sh",
            "ci/deploy.yml:4 deploy/after_script: echo cleanup",
            // `package` runs the chain package -> .deploy_base -> .build.
            ".gitlab-ci.yml:10 package/before_script: echo \"default setup\"",
            ".gitlab-ci.yml:11 package/before_script: pip install -r requirements.txt",
            // A merged script is where the anchor writes it.
            ".gitlab-ci.yml:16 unit/script: pytest -q",
            // Nested lists are flattened; `before_script: []` overrides the default.
            "ci/templates.yml:4 lint/script: ruff check .",
            "ci/templates.yml:5 lint/script: mypy src",
            "ci/templates.yml:6 lint/script: black --check .",
            ".gitlab-ci.yml:26 integration/script: apt-get update -qq",
            ".gitlab-ci.yml:27 integration/script: make deps",
            ".gitlab-ci.yml:33 integration/script: make integration",
            ".gitlab-ci.yml:35 integration/script: docker compose up -d",
            ".gitlab-ci.yml:36 integration/script: pytest tests/integration --maxfail=1",
        }));
  CHECK(test::commands(facts) == test::joined(Lines{
                                     "8:11 make build",
                                     "9:7 ./deploy.sh",
                                     "4:7 echo cleanup [plumbing]",
                                     "10:7 echo \"default setup\" [plumbing]",
                                     "11:7 pip install -r requirements.txt [plumbing]",
                                     "16:7 pytest -q",
                                     "4:7 ruff check .",
                                     "5:9 mypy src",
                                     "6:9 black --check .",
                                     "26:5 apt-get update -qq [plumbing]",
                                     "27:5 make deps",
                                     "33:7 make integration",
                                     "35:7 docker compose up -d",
                                     "36:7 pytest tests/integration --maxfail=1",
                                 }));
  CHECK(test::triggers(facts) == test::joined(Lines{"ci/deploy.yml:12 push tags (job deploy)",
                                                    "ci/deploy.yml:17 release job package"}));
  CHECK(repo.reads() == Lines{".gitlab-ci.yml", "ci/templates.yml", "ci/deploy.yml"});
}

TEST_CASE("gitlab: `<<:` with a list of anchors, the job's own keys first, then earlier anchors") {
  const test::CiRepo repo{{".gitlab-ci.yml", R"(.a: &a
  script: [make a]
  before_script: [make before-a]
.b: &b
  script: [make b]
  before_script: [make before-b]
  after_script: [make after-b]
job:
  <<: [*a, *b]
  after_script: [make own-after]
)"}};
  CHECK(test::located(repo.extract()) ==
        test::joined(Lines{".gitlab-ci.yml:3 job/before_script: make before-a",
                           ".gitlab-ci.yml:2 job/script: make a",
                           ".gitlab-ci.yml:10 job/after_script: make own-after"}));
}

TEST_CASE("gitlab: hidden jobs are templates, top-level before_script, inherit lists, string scripts") {
  const test::CiRepo repo{{".gitlab-ci.yml", R"(stages: [build, test]
variables: {X: "1"}
before_script:
  - source ci/env.sh
.template:
  script: make template
build:
  stage: build
  script: "make all"
test:
  inherit:
    default: [after_script]
  script:
    - make check
workflow:
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule"
nightly:
  script: make nightly
  only: [schedules, tags]
)"}};
  const auto facts = repo.extract();
  CHECK(test::located(facts) == test::joined(Lines{".gitlab-ci.yml:4 build/before_script: source ci/env.sh",
                                                   ".gitlab-ci.yml:9 build/script: make all",
                                                   ".gitlab-ci.yml:14 test/script: make check",
                                                   ".gitlab-ci.yml:19 nightly/script: make nightly"}));
  CHECK(test::triggers(facts) == test::joined(Lines{".gitlab-ci.yml:20 schedule job nightly",
                                                    ".gitlab-ci.yml:20 push tags (job nightly)"}));
}

TEST_CASE("gitlab: extends cycles, unknown parents, missing includes and broken files become notes") {
  const test::CiRepo repo{
      {".gitlab-ci.yml", R"(include:
  - local: /ci/missing.yml
  - local: ci/broken.yml
  - local: ci/*.yaml
a:
  extends: b
  script: make a
b:
  extends: a
c:
  extends: .nowhere
  script:
    - !reference [.nothing, script]
    - make c
)"},
      {"ci/broken.yml", "x: [1, 2\n"},
      {"ci/extra.yaml", "extra:\n  script: make extra\n"},
  };
  const auto facts = repo.extract();
  CHECK(test::located(facts) ==
        test::joined(Lines{"ci/extra.yaml:2 extra/script: make extra", ".gitlab-ci.yml:7 a/script: make a",
                           ".gitlab-ci.yml:14 c/script: make c"}));
  CHECK(test::joined(facts.notes) ==
        test::joined(Lines{".gitlab-ci.yml:2: include '/ci/missing.yml' is not in the repository",
                           "ci/broken.yml:2: not parsed: invalid YAML: end of sequence flow not found",
                           ".gitlab-ci.yml:9: extends 'a' makes a cycle or goes deeper than 11 levels",
                           ".gitlab-ci.yml:11: extends '.nowhere', which is not defined",
                           ".gitlab-ci.yml:13: !reference [.nothing, script] names nothing"}));
}

TEST_CASE("gitlab: a malformed or non-map .gitlab-ci.yml is a note, GitHub workflows are still read") {
  const test::CiRepo broken{
      {".gitlab-ci.yml", "job:\n  script: [make\n"},
      {".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    steps:\n      - run: make gh\n"}};
  const auto facts = broken.extract();
  CHECK(test::located(facts) == ".github/workflows/ci.yml:5 a/: make gh\n");
  REQUIRE(facts.notes.size() == 1);
  CHECK(facts.notes[0].starts_with(".gitlab-ci.yml:"));
  const test::CiRepo list{{".gitlab-ci.yml", "- a\n"}};
  CHECK(list.extract().notes ==
        Lines{".gitlab-ci.yml:1: not a GitLab CI configuration: the top level is not a mapping"});
}
