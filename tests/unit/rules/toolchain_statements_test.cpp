// Tests for rules/toolchain_statements: which runtime versions a doc line states exactly (CTX006).

#include "../../../src/rules/toolchain_statements.hpp"

#include <doctest/doctest.h>

using tacit::rules::comparable_pin;
using tacit::rules::stated_versions;

namespace {

std::string first(std::string_view line) {
  const auto found = stated_versions(line);
  return found.empty() ? "-" : found.front().tool + " " + found.front().version;
}

} // namespace

TEST_CASE("stated_versions: one exact version per tool") {
  CHECK(first("Use Node 18 for development.") == "node 18");
  CHECK(first("Install Node.js v20.11.1 with nvm") == "node 20");
  CHECK(first("Create the venv with Python 3.10.") == "python 3.10");
  CHECK(first("Build with Go 1.22.3 or the CI image") == "go 1.22");
}

TEST_CASE("stated_versions: ranges, minimums, lists and look-alikes state none") {
  for (const auto* line :
       {"Node 18 or later", "Node.js >= 18", "Node 18+", "Python 3.10+ is supported", "requires Python 3.11",
        "at least Go 1.21", "We test on Node 18 and Node 22", "Node 18.x", "FROM node:18-alpine",
        "run python3.10 -m venv", "go 1.21 in go.mod", "Node 20 LTS", "Python 3"}) {
    INFO(line);
    CHECK(stated_versions(line).empty());
  }
}

TEST_CASE("comparable_pin: exact pins only") {
  CHECK(comparable_pin("node", "20.11.1") == "20");
  CHECK(comparable_pin("node", "v18") == "18");
  CHECK(comparable_pin("python", "3.12.4") == "3.12");
  CHECK_FALSE(comparable_pin("node", "lts/iron").has_value());
  CHECK_FALSE(comparable_pin("python", ">=3.10").has_value());
  CHECK_FALSE(comparable_pin("python", "3").has_value());
}
