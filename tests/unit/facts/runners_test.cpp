// Tests for the task-runner extractors beyond make/npm/just (facts/cmake_presets, tox, nox, taskfile,
// python_runners) and what they add to test suites and build commands (facts/runner_facts).

#include "ci_test_support.hpp"

#include <doctest/doctest.h>

using namespace tacit;
using test::CiRepo;

namespace {

// "runner path[ incomplete]: name:line name:line | patterns" for each set of `runner` (prefix match).
std::string sets(const facts::Facts& facts, std::string_view runner) {
  std::string out;
  for (const auto& set : facts.target_sets) {
    if (!set.runner.starts_with(runner))
      continue;
    out += fmt::format("{} {}{}:", set.runner, set.path, set.complete ? "" : " incomplete");
    for (const auto& [name, line] : set.targets)
      out += fmt::format(" {}:{}", name, line);
    if (!set.patterns.empty())
      out += " |";
    for (const auto& pattern : set.patterns)
      out += " " + pattern;
    out += "\n";
  }
  return out;
}

std::string suites(const facts::Facts& facts) {
  std::string out;
  for (const auto& suite : facts.test_suites)
    out += fmt::format("{}: {}\n", suite.runner, suite.suggested_command);
  return out;
}

} // namespace

TEST_CASE("CMake presets: kinds, hidden presets, includes") {
  const CiRepo repo{{"CMakePresets.json", R"({
  "version": 6,
  "include": ["cmake/more.json"],
  "configurePresets": [
    {"name": "base", "hidden": true, "binaryDir": "${sourceDir}/out/${presetName}"},
    {"name": "dev", "inherits": ["base"]}
  ],
  "buildPresets": [{"name": "dev", "configurePreset": "dev"}],
  "testPresets": [{"name": "unit", "configurePreset": "dev"}]
})"},
                    {"cmake/more.json", R"({"version": 6, "configurePresets": [{"name": "ci"}]})"},
                    {"CMakeLists.txt", "project(x)\n"}};
  const auto facts = repo.facts();
  CHECK(sets(facts, "cmake-") == "cmake-configure-preset CMakePresets.json: dev:6\n"
                                 "cmake-build-preset CMakePresets.json: dev:8\n"
                                 "cmake-test-preset CMakePresets.json: unit:9\n"
                                 "cmake-configure-preset cmake/more.json: ci:1\n");
  REQUIRE(facts.build_systems.size() == 1);
  CHECK(facts.build_systems[0].suggested_command == "cmake --preset dev && cmake --build --preset dev");
  CHECK(suites(facts) == "ctest: ctest --preset unit\n");
}

TEST_CASE("CMake presets: a missing include or bad JSON makes the sets incomplete, binaryDir builds") {
  const CiRepo missing{{"CMakePresets.json", R"({"include": ["nope.json"],
 "configurePresets": [{"name": "dev", "binaryDir": "${sourceDir}/build"}]})"},
                       {"CMakeLists.txt", "project(x)\n"}};
  const auto facts = missing.facts();
  CHECK(sets(facts, "cmake-") == "cmake-configure-preset CMakePresets.json incomplete: dev:2\n");
  CHECK(facts.build_systems[0].suggested_command == "cmake --preset dev && cmake --build build");
  const CiRepo bad{{"CMakePresets.json", "{\"configurePresets\": [ {\"name\": \"dev\" "}};
  CHECK(sets(bad.facts(), "cmake-").empty());
  std::string deep(5000, '[');
  const CiRepo hostile{{"CMakePresets.json", "{\"configurePresets\": " + deep}};
  CHECK(sets(hostile.facts(), "cmake-").empty());
}

TEST_CASE("tox: envlist factors, sections, conditional factors") {
  const CiRepo repo{{"tox.ini",
                     "[tox]\nenvlist = py3{10-12}-django{42,50}, lint\n\n[testenv]\ndeps =\n"
                     "    cov: coverage\ncommands = pytest\n\n[testenv:docs]\ncommands = sphinx\n"},
                    {"tests/test_a.py", ""}};
  const auto facts = repo.facts();
  CHECK(sets(facts, "tox") ==
        "tox tox.ini: docs:9 lint:2 py310-django42:2 py310-django50:2 py311-django42:2 py311-django50:2 "
        "py312-django42:2 py312-django50:2\n");
  const auto& factors = facts.target_sets.back().factors;
  CHECK(fmt::format("{}", fmt::join(factors, ",")) == "cov,django42,django50,docs,lint,py310,py311,py312");
  CHECK(suites(facts) == "tox: tox -e py310-django42\npytest: pytest\n");
}

TEST_CASE("tox: setup.cfg, pyproject legacy_tox_ini and native tables, tox.toml, what is not tox") {
  const CiRepo repo{
      {"a/setup.cfg", "[metadata]\nname = x\n[tox:tox]\nenvlist = lint\n"},
      {"b/pyproject.toml", "[tool.tox]\nlegacy_tox_ini = \"\"\"\n[tox]\nenvlist = unit\n\"\"\"\n"},
      {"c/pyproject.toml", "[tool.tox]\nenv_list = [\"fmt\"]\n[tool.tox.env.type]\n"
                           "commands = [[\"mypy\", \"src\"]]\n"},
      {"d/tox.toml", "env_list = [\"t\"]\n"},
      {"e/tox.ini", "[flake8]\nmax-line-length = 99\n"},
      {"f/tox.ini", "[tox]\nenvlist = {[base]envs}\n"}};
  CHECK(sets(repo.facts(), "tox") == "tox a/setup.cfg: lint:4\n"
                                     "tox b/pyproject.toml: unit:4\n"
                                     "tox c/pyproject.toml: fmt:2 type:3\n"
                                     "tox d/tox.toml: t:1\n"
                                     "tox f/tox.ini incomplete:\n");
}

TEST_CASE("nox: sessions, names, parametrized patterns, what makes the list incomplete") {
  const CiRepo repo{{"noxfile.py",
                     "import nox\n\n@nox.session(\n    name=\"lint-all\",\n    python=[\"3.12\"],\n)\n"
                     "def lint(session):\n    pass\n\n@nox.session\n@nox.parametrize(\"x\", [1])\n"
                     "def tests(session, x):\n    pass\n"},
                    {"sub/noxfile.py", "import nox\nfrom helpers import *\n"},
                    {"sub/helpers.py", ""},
                    {"loop/noxfile.py", "import nox\nfor v in VERSIONS:\n    @nox.session(name=v)\n"
                                        "    def s(session):\n        pass\n"}};
  const auto facts = repo.facts();
  CHECK(sets(facts, "nox") == "nox loop/noxfile.py incomplete:\n"
                              "nox noxfile.py: lint-all:3 tests:10 | lint-all-* lint-all(* tests-* tests(*\n"
                              "nox sub/noxfile.py incomplete:\n");
  CHECK(suites(facts) == "nox: nox -s tests\n");
}

TEST_CASE("Taskfile: tasks, aliases, internal tasks, includes") {
  const CiRepo repo{{"Taskfile.yml",
                     "version: '3'\nincludes:\n  docs: ./docs\n  lib:\n    taskfile: lib/Tasks.yml\n"
                     "    aliases: [l]\n  flat:\n    taskfile: flat.yml\n    flatten: true\n"
                     "  opt:\n    taskfile: nope.yml\n    optional: true\ntasks:\n  build:\n"
                     "    aliases: [b]\n  secret:\n    internal: true\n  test: go test\n"
                     "  run:*: echo\n"},
                    {"docs/Taskfile.yml", "version: '3'\ntasks:\n  default: mkdocs build\n"},
                    {"lib/Tasks.yml", "version: '3'\ntasks:\n  gen: go generate\n"},
                    {"flat.yml", "version: '3'\ntasks:\n  fmt: gofmt\n"}};
  const auto facts = repo.facts();
  CHECK(sets(facts, "task") == "task Taskfile.yml: b:15 build:14 test:18 | run:*\n"
                               "task docs/Taskfile.yml: docs:3 docs:default:3\n"
                               "task lib/Tasks.yml: l:gen:3 lib:gen:3\n"
                               "task flat.yml: fmt:3\n"
                               "task docs/Taskfile.yml: default:3\n");
  CHECK(suites(facts) == "task: task test\n");
  const CiRepo remote{{"Taskfile.yml", "version: '3'\nincludes:\n  r: https://x.example/Taskfile.yml\n"
                                       "  m: ./missing\ntasks:\n  a: echo\n"}};
  CHECK(sets(remote.facts(), "task") == "task Taskfile.yml incomplete: a:6\n");
  const CiRepo garbage{{"Taskfile.yml", "tasks: [\n"}};
  CHECK(sets(garbage.facts(), "task").empty());
}

TEST_CASE("Cargo aliases, poe tasks and hatch scripts") {
  const CiRepo repo{
      {".cargo/config.toml", "[alias]\nxtask = \"run -p xtask --\"\nci = [\"test\", \"--all\"]\n"},
      {"sub/.cargo/config", "[alias]\nb2 = \"build\"\n"},
      {"other/config.toml", "[alias]\nno = \"x\"\n"},
      {"pyproject.toml", "[tool.poe.tasks]\nlint = \"ruff check\"\n[tool.poe.tasks.fmt]\n"
                         "cmd = \"ruff format\"\n[tool.hatch.envs.default.scripts]\ncov = \"pytest\"\n"
                         "[tool.hatch.envs.docs.scripts]\nbuild = \"mkdocs build\"\n"}};
  const auto facts = repo.facts();
  CHECK(sets(facts, "cargo") == "cargo-alias .cargo/config.toml: ci:3 xtask:2\n"
                                "cargo-alias sub/.cargo/config: b2:2\n");
  CHECK(sets(facts, "poe") == "poe pyproject.toml: fmt:3 lint:2\n");
  CHECK(sets(facts, "hatch") == "hatch pyproject.toml incomplete: cov:6 docs:build:8\n");
  for (const auto& set : facts.target_sets)
    if (set.runner == "poe")
      CHECK(set.recipes.at("fmt") == "ruff format");
}

TEST_CASE("tox Python factors") {
  for (auto factor : {"py", "py312", "py3.12", "pypy3", "pypy3.10", "3.13", "3.14t", "py313t", "cpython3"})
    CHECK_MESSAGE(facts::is_tox_python_factor(factor), factor);
  for (auto factor : {"lint", "t", "", "python", "3x", "docs3"})
    CHECK_MESSAGE(!facts::is_tox_python_factor(factor), factor);
}
