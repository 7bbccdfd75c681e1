// Tests for shell script splitting (facts/ci_script) and the plumbing tables (facts/ci): which lines of a CI
// script are commands, where they start, and which commands and actions never need documenting.

#include "../../../src/facts/ci_internal.hpp"

#include <tacit/doc/knowledge.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit;
using facts::ci::shell_lines;

namespace {

// Script lines as a literal block gives them: line i+1 at column 1.
std::string split(std::initializer_list<std::string> script) {
  std::vector<facts::yaml::ScalarLine> lines;
  int line = 0;
  for (const auto& text : script) {
    ++line;
    if (!text.empty())
      lines.push_back({text, line, 1});
  }
  std::string out;
  for (const auto& command : shell_lines(lines))
    out += std::to_string(command.line) + ":" + std::to_string(command.column) + " " + command.text + "\n";
  return out;
}

bool plumbing(std::string_view line) {
  const auto commands = doc::split_commands(line);
  REQUIRE_FALSE(commands.empty());
  for (const auto& words : commands)
    if (!facts::is_plumbing_command(words))
      return false;
  return true;
}

} // namespace

TEST_CASE("ci script: comments, continuations and quotes that span lines") {
  CHECK(split({"# build", "make \\", "  -j4 all  # comment", "  echo 'a", "b' done", "make \\"}) ==
        "2:1 make -j4 all  # comment\n4:3 echo 'a\nb' done\n6:1 make\n");
  // A backslash in single quotes or in a comment is no continuation.
  CHECK(split({"echo '\\'", "grep x # \\", "make"}) == "1:1 echo '\\'\n2:1 grep x # \\\n3:1 make\n");
}

TEST_CASE("ci script: heredoc bodies are not commands") {
  CHECK(split({"cat <<EOF > x.cfg", "make inside", "EOF", "make after"}) ==
        "1:1 cat <<EOF > x.cfg\n4:1 make after\n");
  CHECK(split({"python - <<-'PY'", "\timport sys", "\tPY", "make after"}) ==
        "1:1 python - <<-'PY'\n4:1 make after\n");
  CHECK(split({"x=$((1 << 2))", "make after"}) == "1:1 x=$((1 << 2))\n2:1 make after\n");
  CHECK(split({"grep x <<< \"$y\"", "make after"}) == "1:1 grep x <<< \"$y\"\n2:1 make after\n");
}

TEST_CASE("ci script: if/for/while/case syntax is left out, the commands inside are kept") {
  CHECK(split({"if make check; then", "  make a", "elif [ -f x ]; then", "  make b", "else", "  make c",
               "fi"}) == "1:4 make check\n2:3 make a\n3:6 [ -f x ]\n4:3 make b\n6:3 make c\n");
  CHECK(split({"for f in *.py; do black \"$f\"; done"}) == "1:19 black \"$f\"\n");
  CHECK(split({"while read -r line; do", "  echo \"$line\"", "done < list.txt"}) ==
        "1:7 read -r line\n2:3 echo \"$line\"\n");
  CHECK(split({"case \"$OS\" in", "  linux) make linux ;;", "  *.tgz|mac*)", "    make mac", "    ;;", "esac",
               "make after"}) == "2:10 make linux\n4:5 make mac\n7:1 make after\n");
  CHECK(split({"build() {", "  make all", "}", "{ make one; make two; }"}) ==
        "2:3 make all\n4:3 make one\n4:13 make two\n");
  // A line without shell syntax stays whole, `;` and all.
  CHECK(split({"make a; make b", "(cd sub; make)"}) == "1:1 make a; make b\n2:1 (cd sub; make)\n");
}

TEST_CASE("ci plumbing: bookkeeping, installs and downloads are plumbing, build and test are not") {
  for (auto line :
       {"echo hi", "cd build", "mkdir -p out", "export X=1", "set -euxo pipefail", ". venv/bin/activate",
        "sudo apt-get update", "sudo -E apt-get install -y ninja-build", "brew install llvm",
        "pip install -r requirements.txt", "python3 -m pip install --upgrade pip", "pip install -e .",
        "npm ci", "npm install", "npm --prefix web ci", "yarn", "yarn install --frozen-lockfile",
        "pnpm install", "git config --global user.email x", "git fetch --tags", "chmod +x gradlew",
        "curl -sSfL https://x/install.sh | sh", "wget -q https://x/tool.tgz", "tee out.log", "test -f x",
        "[ -d build ]", "true", "exit 0", "sleep 5", "docker login -u x", "node --version", "go version",
        "go mod download", "python -m venv .venv", "uv sync --frozen",
        "echo \"dir=$(pwd)\" >> $GITHUB_OUTPUT", "cat x >> $GITHUB_STEP_SUMMARY",
        // Build caches: set-up, statistics, server.
        "ccache -o cache_dir=/tmp/ccache", "ccache --set-config=max_size=1G", "ccache -z", "ccache -s",
        "ccache --show-stats -v", "ccache", "sccache --show-stats", "sccache --start-server", "sccache -z",
        "cachix use example", "cachix push example ./result",
        // Nx Cloud's distributed run: its agents and session.
        "nx-cloud start-ci-run --distribute-on=\".nx/workflows/dynamic-changesets.yaml\"",
        "npx nx-cloud stop-all-agents", "pnpm dlx nx-cloud@latest complete-ci-run",
        // A package installed, queried or removed; a name looked up.
        "pip uninstall -y pylint", "uv pip uninstall pylint --system", "uv pip show pylint",
        "uv tool install ruff", "command -v pylint"}) {
    const std::string text = line;
    CAPTURE(text);
    CHECK(plumbing(text));
  }
  for (auto line : {"make", "ctest --test-dir build", "npm test", "npm run build", "yarn test", "pytest -q",
                    "cargo test", "go test ./...", "cmake --build build", "docker build -t x .",
                    "git diff --exit-code", "bash scripts/release.sh", "python -m pytest",
                    "cd build && ctest", "./gradlew check", "pip wheel .", "go mod tidy",
                    // A build cache that wraps a command runs that command.
                    "ccache gcc -c x.c", "cachix watch-exec example -- make check",
                    "nx-cloud record -- node tools/check.js"}) {
    const std::string text = line;
    CAPTURE(text);
    CHECK_FALSE(plumbing(text));
  }
}

TEST_CASE("ci plumbing: actions") {
  for (auto uses :
       {"actions/checkout@v4", "actions/setup-node@v4", "actions/cache@v4", "actions/cache/restore@v4",
        "actions/upload-artifact@v4", "actions/download-artifact@v4", "Swatinem/rust-cache@v2",
        "dtolnay/rust-toolchain@stable", "pnpm/action-setup@v4", "astral-sh/setup-uv@v5",
        "docker/setup-buildx-action@v3", "docker/login-action@v3", "hendrikmuhs/ccache-action@v1"}) {
    const std::string text = uses;
    CAPTURE(text);
    CHECK(facts::is_plumbing_action(text));
  }
  for (auto uses : {"./.github/actions/setup", "docker://alpine:3", "github/codeql-action/analyze@v3",
                    "softprops/action-gh-release@v2", "golangci/golangci-lint-action@v6"}) {
    const std::string text = uses;
    CAPTURE(text);
    CHECK_FALSE(facts::is_plumbing_action(text));
  }
}

TEST_CASE("ci script: the elements of an array assignment over several lines are words, not commands") {
  CHECK(split({"USERS=(", "  \"TyDunn\"", "  \"jpoly1219\"", ")", "make after"}) ==
        "1:1 USERS=(\n  \"TyDunn\"\n  \"jpoly1219\"\n)\n5:1 make after\n");
  CHECK(split({"local -a dirs+=(src", "  tests)  # the folders", "make after"}) ==
        "1:1 local -a dirs+=(src\n  tests)  # the folders\n3:1 make after\n");
  // A subshell and a command substitution over several lines still hold commands.
  CHECK(split({"(", "  make inside", ")", "x=$(", "  git describe", ")"}) ==
        "1:1 (\n2:3 make inside\n3:1 )\n4:1 x=$(\n5:3 git describe\n6:1 )\n");
}
