// Tests for the gitlab format: GitLab Code Quality's fields, the severity mapping and unique fingerprints.

#include "report_support.hpp"

#include <tacit/report/report.hpp>

#include <doctest/doctest.h>

#include <set>

using namespace report_test;

TEST_CASE("render_gitlab: fields GitLab Code Quality reads") {
  auto a = finding("CTX002", Severity::error, "AGENTS.md", 13, 24, nasty());
  a.hint = "fix \"it\"";
  a.fingerprint = "aaaa";
  auto b = finding("TASK102", Severity::warning, "", 0, 0, "root finding");
  b.fingerprint = "bbbb";
  auto c = finding("ARCH301", Severity::info, "bad\xFF.md", 0, 0, "info");
  c.fingerprint = "cccc";
  const auto json = parse_json(report::render_gitlab({a, b, c}, info()));
  REQUIRE(json.type == Json::Type::array);
  REQUIRE(json.array.size() == 3);
  const auto& first = json.array[0];
  CHECK(first["description"].string == nasty());
  CHECK(first["check_name"].string == "CTX002");
  CHECK(first["fingerprint"].string == "aaaa");
  CHECK(first["severity"].string == "major");
  CHECK(first["type"].string == "issue");
  CHECK(first["content"]["body"].string == "fix \"it\"");
  CHECK(first["location"]["path"].string == "AGENTS.md");
  CHECK(first["location"]["lines"]["begin"].number == 13);
  CHECK(json.array[1]["severity"].string == "minor");
  CHECK(json.array[1]["location"]["path"].string == ".");
  CHECK(json.array[1]["location"]["lines"]["begin"].number == 1);
  CHECK_FALSE(json.array[1].has("content"));
  CHECK(json.array[2]["severity"].string == "info");
  CHECK(json.array[2]["location"]["path"].string == "bad\xEF\xBF\xBD.md");
}

TEST_CASE("render_gitlab: no findings is an empty array") {
  CHECK(report::render_gitlab({}, info()) == "[]\n");
}

TEST_CASE("render_gitlab: fingerprints from assign_fingerprints are unique per finding") {
  std::vector<Finding> findings;
  for (int i = 0; i < 3; ++i)
    findings.push_back(finding("CTX002", Severity::error, "a.md", i + 1, 1, "same subject"));
  findings.push_back(finding("CTX002", Severity::error, "b.md", 1, 1, "same subject"));
  engine::assign_fingerprints(findings);
  const auto json = parse_json(report::render_gitlab(findings, info()));
  std::set<std::string> seen;
  for (const auto& issue : json.array)
    seen.insert(issue["fingerprint"].string);
  CHECK(seen.size() == findings.size());
}
