// Tests for the rdjson format: reviewdog's DiagnosticResult with ranges, severities and rule codes.

#include "report_support.hpp"

#include <tacit/report/report.hpp>

#include <doctest/doctest.h>

using namespace report_test;

TEST_CASE("render_rdjson: a DiagnosticResult") {
  auto a = finding("CTX002", Severity::error, "AGENTS.md", 13, 24, nasty());
  a.hint = "fix";
  a.related.push_back(Location{"Makefile", 3, 0, "target"});
  auto b = finding("TASK102", Severity::warning, "README.md", 0, 0, "whole file");
  auto c = finding("ARCH301", Severity::info, "", 0, 0, "root");
  auto d = finding("QUAL201", Severity::info, "x.md", 4, 0, "no column");
  const auto json = parse_json(report::render_rdjson({a, b, c, d}, info()));
  CHECK(json["source"]["name"].string == "tacit");
  CHECK(json["source"]["url"].string.starts_with("https://"));
  const auto& diagnostics = json["diagnostics"].array;
  REQUIRE(diagnostics.size() == 4);
  CHECK(diagnostics[0]["message"].string == nasty() + "\nhint: fix\nevidence: Makefile:3: target");
  CHECK(diagnostics[0]["location"]["path"].string == "AGENTS.md");
  CHECK(diagnostics[0]["location"]["range"]["start"]["line"].number == 13);
  CHECK(diagnostics[0]["location"]["range"]["start"]["column"].number == 24);
  CHECK(diagnostics[0]["severity"].string == "ERROR");
  CHECK(diagnostics[0]["code"]["value"].string == "CTX002");
  CHECK_FALSE(diagnostics[1]["location"].has("range"));
  CHECK(diagnostics[1]["severity"].string == "WARNING");
  CHECK(diagnostics[2]["location"]["path"].string == ".");
  CHECK(diagnostics[2]["severity"].string == "INFO");
  CHECK_FALSE(diagnostics[3]["location"]["range"]["start"].has("column"));
}

TEST_CASE("render_rdjson: no findings") {
  const auto json = parse_json(report::render_rdjson({}, info()));
  CHECK(json["diagnostics"].type == Json::Type::array);
  CHECK(json["diagnostics"].array.empty());
}

TEST_CASE(
    "render_rdjson: a fix in the finding's own file becomes suggestions, one in another file does not") {
  auto own = finding("CTX010", Severity::warning, "AGENTS.md", 3, 5, "machine path");
  own.fix = tacit::engine::Fix{"make it relative",
                               {{"AGENTS.md", {3, 5}, {3, 20}, "/home/ann/p/src", "src", ""},
                                {"AGENTS.md", {9, 1}, {9, 1}, "", "- `make test`\n", "## Testing\n\n"}}};
  auto other = finding("TASK102", Severity::warning, "Makefile", 4, 1, "tests");
  other.fix = tacit::engine::Fix{"insert", {{"AGENTS.md", {2, 1}, {2, 1}, "", "`make test`\n", ""}}};
  const auto json = parse_json(report::render_rdjson({own, other}, info()));
  const auto& diagnostics = json["diagnostics"].array;
  REQUIRE(diagnostics.size() == 2);
  const auto& suggestions = diagnostics[0]["suggestions"].array;
  REQUIRE(suggestions.size() == 2);
  CHECK(suggestions[0]["range"]["start"]["line"].number == 3);
  CHECK(suggestions[0]["range"]["start"]["column"].number == 5);
  CHECK(suggestions[0]["range"]["end"]["line"].number == 3);
  CHECK(suggestions[0]["range"]["end"]["column"].number == 20);
  CHECK(suggestions[0]["text"].string == "src");
  CHECK(suggestions[1]["range"]["start"]["line"].number == 9);
  CHECK(suggestions[1]["range"]["end"]["column"].number == 1);
  CHECK(suggestions[1]["text"].string == "## Testing\n\n- `make test`\n");
  CHECK_FALSE(diagnostics[1].has("suggestions")); // reviewdog's suggestions name no file
}
