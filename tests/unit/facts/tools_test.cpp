// Tests for the tool-config extractor (facts/tools) and the pre-commit hook extractor (facts/pre_commit):
// which formatters/linters/type checkers a repository configures, where, and what its hooks run.

#include "ci_test_support.hpp"

#include <tacit/facts/tools.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

using namespace tacit;

namespace {

// The tool and hook extractors over an in-memory repository (the shared CiRepo), as compact strings.
class Repo {
public:
  Repo(std::initializer_list<std::pair<std::string, std::string>> files) : m_repo(files) {}

  // "tool kind path:line `command`" for each tool, a line each.
  std::string tools() const {
    std::vector<std::string> out;
    for (const auto& t : facts::extract_tools(m_repo.files(), m_repo.reader()))
      out.push_back(fmt::format("{} {} {}:{} `{}`", t.tool, t.kind, t.path, t.line, t.suggested_command));
    return test::joined(out);
  }

  // "line repo id [entry]" for each hook.
  std::string hooks() const {
    std::vector<std::string> out;
    for (const auto& h : facts::extract_pre_commit_hooks(m_repo.files(), m_repo.reader()))
      out.push_back(
          fmt::format("{} {} {}{}", h.line, h.repo, h.id, h.entry.empty() ? "" : " [" + h.entry + "]"));
    return test::joined(out);
  }

  const std::vector<std::string>& reads() const { return m_repo.reads(); }

private:
  test::CiRepo m_repo;
};

} // namespace

TEST_CASE("tool configs by file name, without reading them") {
  const Repo repo{{".clang-format", "BasedOnStyle: LLVM\n"},
                  {".eslintrc.json", "{}"},
                  {".golangci.yml", "linters: {}\n"},
                  {".editorconfig", "root = true\n"},
                  {".prettierignore", "dist\n"},
                  {"rustfmt.toml", ""},
                  {"src/main.cpp", ""}};
  CHECK(repo.tools() == "clang-format format .clang-format:1 `clang-format -i $(git ls-files '*.c' '*.cc' "
                        "'*.cpp' '*.h' '*.hpp')`\n"
                        "eslint lint .eslintrc.json:1 `npx eslint .`\n"
                        "golangci-lint lint .golangci.yml:1 `golangci-lint run`\n"
                        "rustfmt format rustfmt.toml:1 `cargo fmt --all --check`\n");
  CHECK(repo.reads().empty());
}

TEST_CASE("pyproject [tool.x] tables, setup.cfg and tox.ini sections, package.json keys") {
  const Repo repo{{"pyproject.toml", "[project]\nname = \"x\"\n\n[tool.ruff]\nline-length = 100\n\n"
                                     "[tool.mypy.overrides]\nstrict = true\n[tool.pytest.ini_options]\n"},
                  {"setup.cfg", "[metadata]\nname = x\n\n[flake8]\nmax-line-length = 100\n"},
                  {"tox.ini", "[tox]\n[isort]\nprofile = black\n"},
                  {"web/package.json", "{\n  \"name\": \"web\",\n  \"prettier\": {\"semi\": false}\n}\n"}};
  CHECK(repo.tools() == "ruff lint pyproject.toml:4 `ruff check . && ruff format --check .`\n"
                        "mypy typecheck pyproject.toml:7 `mypy .`\n"
                        "flake8 lint setup.cfg:4 `flake8 .`\n"
                        "isort format tox.ini:2 `isort --check-only .`\n"
                        "prettier format web/package.json:3 `npx prettier --check .`\n");
}

TEST_CASE("one config per tool: the shallowest, test data, examples and third-party copies left out") {
  const Repo repo{{"packages/a/.eslintrc.js", ""},      {".eslintrc.js", ""},
                  {"packages/b/eslint.config.mjs", ""}, {"crates/x/resources/test/fixtures/ruff.toml", ""},
                  {"examples/demo/.clang-format", ""},  {"third-party/lib/.clang-tidy", ""},
                  {"tests/.markdownlint.json", ""}};
  CHECK(repo.tools() == "eslint lint .eslintrc.js:1 `npx eslint .`\n");
}

TEST_CASE("Maven and Gradle plugins") {
  const Repo repo{{"pom.xml", "<project>\n<build><plugins>\n<plugin>\n"
                              "<artifactId>maven-checkstyle-plugin</artifactId>\n</plugin>\n"},
                  {"app/build.gradle.kts", "plugins {\n  id(\"com.diffplug.spotless\") version \"6\"\n}\n"}};
  CHECK(repo.tools() == "spotless format app/build.gradle.kts:2 `./gradlew spotlessCheck`\n"
                        "checkstyle lint pom.xml:4 `mvn checkstyle:check`\n");
}

TEST_CASE("bad input is skipped") {
  const Repo repo{{"pyproject.toml", "[tool.ruff\nline-length = \n"},
                  {"package.json", "{ \"eslintConfig\": "},
                  {".pre-commit-config.yaml", "repos: [\n"}};
  CHECK(repo.tools() == "pre-commit lint .pre-commit-config.yaml:1 `pre-commit run --all-files`\n");
  CHECK(repo.hooks().empty());
}

TEST_CASE("pre-commit hooks: repository, id, a local hook's entry, the line of the id") {
  const Repo repo{{".pre-commit-config.yaml", "repos:\n"
                                              "  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
                                              "    rev: v0.6.0\n"
                                              "    hooks:\n"
                                              "      - id: ruff\n"
                                              "      - id: ruff-format\n"
                                              "  - repo: local\n"
                                              "    hooks:\n"
                                              "      - id: clippy\n"
                                              "        entry: cargo clippy -- -D warnings\n"
                                              "        language: system\n"},
                  {"sub/.pre-commit-config.yaml", "repos: []\n"}};
  CHECK(repo.hooks() == "5 https://github.com/astral-sh/ruff-pre-commit ruff\n"
                        "6 https://github.com/astral-sh/ruff-pre-commit ruff-format\n"
                        "9 local clippy [cargo clippy -- -D warnings]\n");
  CHECK(repo.reads() == std::vector<std::string>{".pre-commit-config.yaml"});
}

TEST_CASE("the tool table knows what runs each tool") {
  const auto* clippy = facts::find_tool("clippy");
  REQUIRE(clippy != nullptr);
  CHECK(clippy->kind == "lint");
  CHECK(std::find(clippy->commands.begin(), clippy->commands.end(), "cargo clippy") !=
        clippy->commands.end());
  CHECK(facts::find_tool("editorconfig") == nullptr);
  for (const auto& tool : facts::known_tools()) {
    CHECK(!tool.commands.empty());
    CHECK(!tool.suggested_command.empty());
  }
}
