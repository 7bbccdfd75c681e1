// Tests for the github format: workflow-command escaping, properties, severities, and the cap of
// annotations GitHub shows per step with its overflow notice.

#include "report_support.hpp"

#include <tacit/report/report.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace report_test;

namespace {

std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string_view::npos; pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

} // namespace

TEST_CASE("github_escape_data and github_escape_property") {
  CHECK(report::github_escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b");
  CHECK(report::github_escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b");
  CHECK(report::github_escape_data("%0A is not a newline") == "%250A is not a newline");
  CHECK(report::github_escape_data("::error::x") == "::error::x"); // harmless inside the data
  CHECK(report::github_escape_property("bad\xFF") == "bad\xEF\xBF\xBD");
  CHECK(report::github_escape_data("") == "");
}

TEST_CASE("render_github: one annotation per finding, with file, line, col and title") {
  auto a = finding("CTX002", Severity::error, "docs/a,b:c.md", 13, 24, "'x' does not exist");
  a.rule_name = "broken-path-reference";
  a.hint = "fix it, 100%";
  a.related.push_back(Location{"Makefile", 3, 0, "target"});
  auto b = finding("TASK102", Severity::warning, "README.md", 0, 0, "line\nbreak");
  auto c = finding("ARCH301", Severity::info, "", 0, 0, "root");
  auto d = finding("QUAL201", Severity::info, "x.md", 4, 0, "no column");
  const auto out = report::render_github({a, b, c, d}, info());
  CHECK(out ==
        "::error file=docs/a%2Cb%3Ac.md,line=13,col=24,title=CTX002 broken-path-reference::'x' does not "
        "exist%0Ahint: fix it, 100%25%0Aevidence: Makefile:3: target\n"
        "::warning file=README.md,title=TASK102 rule-name::line%0Abreak\n"
        "::notice title=ARCH301 rule-name::root\n"
        "::notice file=x.md,line=4,title=QUAL201 rule-name::no column\n");
}

TEST_CASE("render_github: no findings, no output") {
  CHECK(report::render_github({}, info()).empty());
}

TEST_CASE("render_github: capped at 10 errors, 10 warnings and 9 notices, then one overflow notice") {
  std::vector<Finding> findings;
  for (int i = 0; i < 12; ++i)
    findings.push_back(finding("CTX002", Severity::error, "e.md", i + 1, 1, "error"));
  for (int i = 0; i < 10; ++i)
    findings.push_back(finding("TASK102", Severity::warning, "w.md", i + 1, 1, "warning"));
  for (int i = 0; i < 11; ++i)
    findings.push_back(finding("ARCH301", Severity::info, "i.md", i + 1, 1, "info\nmore"));
  const auto out = report::render_github(findings, info());
  CHECK(count(out, "::error ") == 10);
  CHECK(count(out, "::warning ") == 10);
  CHECK(count(out, "::notice ") == 10); // 9 findings and the overflow notice
  CHECK(count(out, "\n::") + 1 == 30);  // what one step shows, and below 50 for the job
  CHECK(contains(out, "::notice title=tacit::4 of 33 findings are not shown as annotations"));
  CHECK(contains(out, "\n  e.md:11:1: error CTX002 error\n"));
  CHECK(contains(out, "\n  e.md:12:1: error CTX002 error\n"));
  CHECK(contains(out, "\n  i.md:11:1: info ARCH301 info more\n")); // a plain line is never split
  CHECK_FALSE(contains(out, "::error file=e.md,line=11"));
}
