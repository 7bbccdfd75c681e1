// Tests for what a documented command asks CMake presets, tox, nox, Taskfiles and cargo to run (CTX003).

#include "../../../src/rules/runner_requests.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

using namespace tacit::rules;

namespace {

std::string requests(std::vector<std::string> words) {
  std::string out;
  for (const auto& request : runner_requests(words))
    out += fmt::format("{}={} ", request.runner, request.target);
  return out;
}

} // namespace

TEST_CASE("CMake preset commands") {
  CHECK(requests({"cmake", "--preset", "dev"}) == "cmake-configure-preset=dev ");
  CHECK(requests({"cmake", "--build", "--preset=rel"}) == "cmake-build-preset=rel ");
  CHECK(requests({"cmake", "--workflow", "--preset", "ci"}) == "cmake-workflow-preset=ci ");
  CHECK(requests({"ctest", "--preset", "unit", "-j4"}) == "cmake-test-preset=unit ");
  CHECK(requests({"cpack", "--preset", "pkg"}) == "cmake-package-preset=pkg ");
  CHECK(requests({"cmake", "--preset", "<name>"}).empty());
  CHECK(requests({"cmake", "--list-presets"}).empty());
  CHECK(requests({"cmake", "-B", "build"}).empty());
}

TEST_CASE("tox, nox and task commands") {
  CHECK(requests({"tox", "-e", "py312,lint"}) == "tox=py312 tox=lint ");
  CHECK(requests({"tox", "-elint"}) == "tox=lint ");
  CHECK(requests({"tox", "--env=docs", "--", "-e", "x"}) == "tox=docs ");
  CHECK(requests({"tox", "-c", "other.ini", "-e", "x"}).empty());
  CHECK(requests({"tox", "-e", "ALL"}).empty());
  CHECK(requests({"tox", "-e", "$ENV"}).empty());
  CHECK(requests({"nox", "-s", "lint", "tests-3.12", "-R"}) == "nox=lint nox=tests-3.12 ");
  CHECK(requests({"nox", "--session=docs"}) == "nox=docs ");
  CHECK(requests({"nox", "-t", "style"}).empty());
  CHECK(requests({"task", "lint", "VAR=1", "test", "--", "extra"}) == "task=lint task=test ");
  CHECK(requests({"task", "--list"}).empty());
  CHECK(requests({"task", "-d", "sub", "x"}).empty());
  CHECK(requests({"task", "-o", "prefixed", "x"}) == "task=x ");
}

TEST_CASE("cargo commands that could be aliases") {
  CHECK(requests({"cargo", "+nightly", "xtsk"}) == "cargo-alias=xtsk ");
  CHECK(requests({"cargo", "test", "--all"}).empty());
  CHECK(requests({"cargo", "nextest", "run"}).empty());
  CHECK(requests({"cargo", "-Z", "unstable-options", "build"}).empty());
}
