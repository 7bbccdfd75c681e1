// Tests for the read-only statement (facts/read_only): a repository that says it is a mirror or accepts no
// pull requests, and the sentences that only narrow what a pull request should be.

#include "ci_test_support.hpp"

#include <tacit/facts/contribution.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace tacit;

namespace {

std::string statement(std::initializer_list<std::pair<std::string, std::string>> files) {
  const test::CiRepo repo(files);
  const auto found = facts::find_read_only_statement(repo.files(), repo.reader());
  return found ? fmt::format("{}:{} {}", found->path, found->line, found->note) : std::string("none");
}

} // namespace

TEST_CASE("a README or pull-request template that refuses pull requests makes the repository read-only") {
  CHECK(statement(
            {{"README.md", "# Lua\n\nMirrored irregularly.\n\nPlease **do not** send pull requests.\n"}}) ==
        "README.md:5 do not send pull requests");
  CHECK(statement({{".github/PULL_REQUEST_TEMPLATE.md", "Note that this repository does not accept pull "
                                                        "requests! Report issues instead.\n"}}) ==
        ".github/PULL_REQUEST_TEMPLATE.md:1 does not accept pull requests");
  CHECK(statement({{"README", "This is a read-only mirror of https://example.org/src.\n"}}) ==
        "README:1 read-only mirror");
}

TEST_CASE("a subtree split that sends pull requests to the main repository is read-only") {
  CHECK(
      statement({{"README.md", "Resources\n---------\n\n * [Report issues](https://example.org/issues) and\n"
                               "   [send Pull Requests](https://example.org/pulls)\n"
                               "   in the [main Symfony repository](https://example.org/symfony)\n"}}) ==
      "README.md:5 pull requests go to the main repository");
  CHECK(statement({{"README.md", "# Support\n\nThis is a read-only split of the framework.\n"}}) ==
        "README.md:3 read-only split");
  CHECK(statement({{"CONTRIBUTING.md", "Send pull requests to the main branch of this repository.\n"}}) ==
        "none");
  CHECK(statement({{"CONTRIBUTING.md",
                    "Please open pull requests to the main repository, not to forks.\n"}}) == "none");
}

TEST_CASE("a sentence that only narrows pull requests, or a doc below the root, does not") {
  CHECK(statement({{"CONTRIBUTING.md", "Do not send pull requests without an issue first.\n"}}) == "none");
  CHECK(statement({{"README.md", "We do not accept pull requests for typo fixes.\n"}}) == "none");
  CHECK(statement({{"docs/vendor/README.md", "This repository is a mirror of upstream.\n"}}) == "none");
  CHECK(statement({{"README.md", "Fetch ncurses from a download mirror.\n"}}) == "none");
}
