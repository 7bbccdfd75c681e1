// Tests for the helpers TASK103 and TASK104 share (rules/procedure_support): command heads, which tool a
// command runs, and which target a command runs.

#include "../../../src/rules/procedure_support.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

using namespace tacit::rules::procedure;
using Words = std::vector<std::string>;

TEST_CASE("head_of keeps the subcommand of tools that have one") {
  CHECK(head_of(Words{"ruff", "check", "."}) == Head{"ruff"});
  CHECK(head_of(Words{"cargo", "clippy", "--all-targets"}) == Head{"cargo", "clippy"});
  CHECK(head_of(Words{"pnpm", "run", "lint"}) == Head{"npm", "run", "lint"});
  CHECK(head_of(Words{"go", "-C", "x", "vet"}) == Head{"go", "vet"}); // -C takes a directory
  CHECK(head_of(Words{"make", "-C", "docs", "html"}) == Head{"make", "html"});
  CHECK(head_of(Words{"make", "-C", "build"}) == Head{"make"}); // the default goal, in build/
  CHECK(head_of(Words{"make", "-j", "4", "check"}) == Head{"make", "check"});
  CHECK(head_of(Words{"make", "-j", "check"}) == Head{"make", "check"});
  CHECK(head_of(Words{"gradle", "-p", "sub", "test"}) == Head{"gradle", "test"});
  CHECK(head_of(Words{}).empty());
  CHECK(head_of(Words{"tox", "-e", "ci-py$(echo 3.12)"}) == Head{"tox"}); // computed at run time
}

TEST_CASE("runs_command matches programs, subcommands and prefixes") {
  constexpr std::array<std::string_view, 2> clippy{"cargo clippy", "clippy-driver"};
  CHECK(runs_command(Words{"cargo", "clippy", "--", "-D", "warnings"}, clippy));
  CHECK(runs_command(Words{"cargo", "+nightly", "clippy"}, clippy));
  CHECK_FALSE(runs_command(Words{"cargo", "test", "clippy"}, clippy));
  constexpr std::array<std::string_view, 1> spotless{"gradle spotless*"};
  CHECK(runs_command(Words{"gradle", "--no-daemon", "build", ":app:spotlessCheck"}, spotless));
  constexpr std::array<std::string_view, 1> eslint{"eslint"};
  CHECK(runs_command(Words{"node_modules/.bin/eslint", "."}, eslint));
  CHECK_FALSE(runs_command(Words{"scripts/eslint", "."}, eslint)); // a script of the repository
  CHECK_FALSE(runs_command(Words{}, eslint));
}

TEST_CASE("recipe_runs finds a tool inside a recipe") {
  constexpr std::array<std::string_view, 1> golangci{"golangci-lint"};
  CHECK(recipe_runs("lint-go\ncd x && $(GOBIN)/golangci-lint run\n", golangci));
  CHECK_FALSE(recipe_runs("golangci-lint-langserver\n", golangci));
  constexpr std::array<std::string_view, 1> ktlint{"gradle ktlint*"};
  CHECK(recipe_runs("gradle ktlintCheck\n", ktlint));
  // What a help target prints runs nothing.
  constexpr std::array<std::string_view, 1> codespell{"codespell"};
  CHECK_FALSE(recipe_runs("echo 'spell_check - run codespell on the project'\n", codespell));
  CHECK_FALSE(recipe_runs("@printf 'fix - codespell -w'\n", codespell));
  CHECK(recipe_runs("echo checking && codespell\n", codespell));
  CHECK(recipe_runs("echo help\nuv run codespell --toml pyproject.toml\n", codespell));
}

TEST_CASE("target_of names the task-runner target a command runs") {
  CHECK(target_of(Head{"make", "lint"}) == std::pair<std::string, std::string>{"make", "lint"});
  CHECK(target_of(Head{"npm", "run", "format"}) == std::pair<std::string, std::string>{"npm", "format"});
  CHECK(target_of(Head{"npm", "lint"}) == std::pair<std::string, std::string>{"npm", "lint"}); // pnpm lint
  CHECK(target_of(Head{"npm", "install"}).first.empty());
  CHECK(target_of(Head{"cargo", "clippy"}).first.empty());
}

TEST_CASE("selecting_arguments: what a command selects, one word per feature or tag, display flags none") {
  using Args = std::vector<std::string>;
  CHECK(selecting_arguments(Words{"cargo", "test", "--features", "a,b", "-p", "core", "-v"}) ==
        Args{"--features a", "--features b", "-p core"});
  CHECK(selecting_arguments(Words{"cargo", "test", "-F", "a b", "--test=api", "--all-features"}) ==
        Args{"--all-features", "--features a", "--features b", "--test api"});
  CHECK(selecting_arguments(Words{"cargo", "clippy", "--", "-p", "x"}).empty()); // after `--`: the tool's
  CHECK(selecting_arguments(Words{"go", "test", "-race", "-tags=integration,e2e", "./..."}) ==
        Args{"-tags e2e", "-tags integration"});
  CHECK(selecting_arguments(Words{"pytest", "-m", "not slow", "-x", "--color=yes"}) == Args{"-m not slow"});
  CHECK(selecting_arguments(Words{"pnpm", "--filter", "web", "test"}) == Args{"--filter web"});
  CHECK(selecting_arguments(Words{"cmake", "--build", "b", "--target", "check"}) == Args{"--target check"});
  CHECK(selecting_arguments(Words{"gradle", "build", "apiCheck", "--stacktrace", "-x", "test"}) ==
        Args{"apiCheck"});
  CHECK(selecting_arguments(Words{"mvn", "-B", "verify", "${{", "matrix.args", "}}", "javadoc:jar"}) ==
        Args{"javadoc:jar"});
  CHECK(selecting_arguments(Words{"cargo", "test", "--features", "$FEATURES"}).empty()); // computed
  CHECK(selecting_arguments(Words{"go", "vet", "-tags", "x"}).empty()); // only go test's tags
}
