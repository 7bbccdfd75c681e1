// Tests for the json-lines format: one finding per line, the same object as the json format's findings.

#include "report_support.hpp"

#include <tacit/report/report.hpp>
#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>

using namespace report_test;

TEST_CASE("render_json_lines: one line per finding, each the json format's finding object") {
  auto a = finding("CTX002", Severity::error, "AGENTS.md", 13, 24, nasty());
  a.related.push_back(Location{"Makefile", 3, 0, "target"});
  auto b = finding("TASK102", Severity::warning, "bad\xFF", 0, 0, "second");
  const std::vector<Finding> findings{a, b};
  const auto text = report::render_json_lines(findings, info());
  const auto lines = util::split_lines(text);
  REQUIRE(lines.size() == 2);
  CHECK(text.ends_with("\n"));
  const auto document = parse_json(report::render_json(findings, info()));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = parse_json(lines[i]);
    const auto& expected = document["findings"].array.at(i);
    CHECK(line.keys() == expected.keys());
    CHECK(line["message"].string == expected["message"].string);
    CHECK(line["location"]["path"].string == expected["location"]["path"].string);
    CHECK(line["related"].array.size() == expected["related"].array.size());
  }
  CHECK(util::contains(text, "\"path\": \"bad\\ufffd\""));
}

TEST_CASE("render_json_lines: no findings, no lines") {
  CHECK(report::render_json_lines({}, info()).empty());
}
