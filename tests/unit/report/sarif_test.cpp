// Tests for the sarif format: the document's shape as GitHub code scanning reads it, rule descriptors
// from RuleMeta, locations under %SRCROOT%, fingerprints, and paths that are not valid UTF-8.

#include "report_support.hpp"

#include <tacit/engine/rule_docs.hpp>
#include <tacit/report/report.hpp>
#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>

using namespace report_test;

namespace {

constexpr engine::RuleOption k_options[] = {{"min-commits", "20", "how many commits"}};

const engine::RuleMeta k_meta{"CTX002",
                              "broken-path-reference",
                              "CTX",
                              Severity::error,
                              "a path does not exist",
                              engine::RuleDocs{"Finds paths.", "Agents follow them.", "`x`", "Fix the path."},
                              k_options};
const engine::RuleMeta k_other{"ARCH301",      "no-overview", "ARCH",
                               Severity::info, "no overview", engine::RuleDocs{"a", "b", "c", "d"}};

report::RunInfo sarif_info() {
  auto out = info();
  out.selected_rules = {&k_meta, &k_other};
  return out;
}

} // namespace

TEST_CASE("uri_path_escape: unreserved characters and '/' stay, every other byte is %XX") {
  CHECK(report::uri_path_escape("docs/a-b_c.d~e/F9.md") == "docs/a-b_c.d~e/F9.md");
  CHECK(report::uri_path_escape("my file #1 100%.md") == "my%20file%20%231%20100%25.md");
  CHECK(report::uri_path_escape("caf\xC3\xA9") == "caf%C3%A9");
  CHECK(report::uri_path_escape("bad\xFF\x80") == "bad%FF%80");
  CHECK(report::uri_path_escape("a?b&c=d:e@f") == "a%3Fb%26c%3Dd%3Ae%40f");
  CHECK(report::uri_path_escape("") == "");
}

TEST_CASE("render_sarif: driver, rules and results") {
  auto a = finding("CTX002", Severity::error, "AGENTS.md", 13, 24, "'src/x.ts' does not exist");
  a.hint = "fix the path";
  a.related.push_back(Location{"src", 0, 0, "the folder"});
  a.related.push_back(Location{"Makefile", 3, 0, ""});
  a.related.push_back(Location{"", 0, 0, "27 of 28 commits"});
  auto b = finding("TASK102", Severity::warning, "README.md", 0, 0, "no test command");
  b.rule_name = "test-undocumented";
  auto c = finding("ARCH301", Severity::info, "README.md", 1, 1, "no overview");
  const auto text = report::render_sarif({a, b, c}, sarif_info());
  const auto json = parse_json(text);
  CHECK(json["version"].string == "2.1.0");
  CHECK(json["$schema"].string == "https://json.schemastore.org/sarif-2.1.0.json");
  REQUIRE(json["runs"].array.size() == 1);
  const auto& run = json["runs"].array[0];
  const auto& driver = run["tool"]["driver"];
  CHECK(driver["name"].string == "tacit");
  CHECK_FALSE(driver["version"].string.empty());
  CHECK(driver["semanticVersion"].string == driver["version"].string);
  CHECK(driver["informationUri"].string.starts_with("https://"));
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"].string == "file:///tmp/repo/");

  // Rules: every rule of the run sorted by id, plus TASK102 known only from its finding.
  const auto& rules = driver["rules"].array;
  REQUIRE(rules.size() == 3);
  CHECK(rules[0]["id"].string == "ARCH301");
  CHECK(rules[1]["id"].string == "CTX002");
  CHECK(rules[2]["id"].string == "TASK102");
  const auto& rule = rules[1];
  CHECK(rule["name"].string == "broken-path-reference");
  CHECK(rule["shortDescription"]["text"].string == "a path does not exist");
  CHECK(rule["fullDescription"]["text"].string == "Finds paths.");
  CHECK(rule["help"]["markdown"].string == engine::rule_docs_markdown(k_meta));
  CHECK(rule["help"]["text"].string == engine::rule_docs_text(k_meta));
  CHECK(util::contains(rule["help"]["text"].string, "min-commits"));
  CHECK(rule["defaultConfiguration"]["level"].string == "error");
  CHECK(rule["properties"]["category"].string == "CTX");
  REQUIRE(rule["properties"]["tags"].array.size() == 2);
  CHECK(rule["properties"]["tags"].array[1].string == "CTX");
  CHECK(rules[0]["defaultConfiguration"]["level"].string == "note");
  CHECK(rules[2]["name"].string == "test-undocumented");
  CHECK(rules[2]["defaultConfiguration"]["level"].string == "warning");
  CHECK_FALSE(rules[2].has("help"));

  const auto& results = run["results"].array;
  REQUIRE(results.size() == 3);
  const auto& first = results[0];
  CHECK(first["ruleId"].string == "CTX002");
  CHECK(first["ruleIndex"].number == 1);
  CHECK(first["level"].string == "error");
  CHECK(first["message"]["text"].string ==
        "'src/x.ts' does not exist\nhint: fix the path\nevidence: 27 of 28 commits");
  const auto& location = first["locations"].array.at(0)["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"].string == "AGENTS.md");
  CHECK(location["artifactLocation"]["uriBaseId"].string == "%SRCROOT%");
  CHECK(location["region"]["startLine"].number == 13);
  CHECK(location["region"]["startColumn"].number == 24);
  const auto& related = first["relatedLocations"].array;
  REQUIRE(related.size() == 2); // the evidence without a file went into the message
  CHECK(related[0]["id"].number == 1);
  CHECK(related[0]["physicalLocation"]["artifactLocation"]["uri"].string == "src");
  CHECK_FALSE(related[0]["physicalLocation"].has("region"));
  CHECK(related[0]["message"]["text"].string == "the folder");
  CHECK(related[1]["id"].number == 2);
  CHECK(related[1]["physicalLocation"]["region"]["startLine"].number == 3);
  CHECK_FALSE(related[1]["physicalLocation"]["region"].has("startColumn"));
  CHECK_FALSE(related[1].has("message"));
  CHECK(first["partialFingerprints"].keys() == std::vector<std::string>{"tacitFingerprint/v1"});
  CHECK(first["partialFingerprints"]["tacitFingerprint/v1"].string == "0123456789abcdef");

  // A finding about a whole file still has a start line; no column is invented.
  const auto& second = results[1]["locations"].array.at(0)["physicalLocation"];
  CHECK(results[1]["ruleIndex"].number == 2);
  CHECK(second["region"]["startLine"].number == 1);
  CHECK_FALSE(second["region"].has("startColumn"));
  CHECK_FALSE(results[1].has("relatedLocations"));
  CHECK(results[2]["level"].string == "note");
  CHECK(results[2]["ruleIndex"].number == 0);
}

TEST_CASE("render_sarif: no findings still describes the rules of the run") {
  const auto json = parse_json(report::render_sarif({}, sarif_info()));
  const auto& run = json["runs"].array.at(0);
  CHECK(run["results"].type == Json::Type::array);
  CHECK(run["results"].array.empty());
  CHECK(run["tool"]["driver"]["rules"].array.size() == 2);
}

TEST_CASE("render_sarif: the repository root, odd paths and a relative root") {
  auto root = finding("CTX001", Severity::warning, "", 0, 0, "no context file");
  auto odd = finding("CTX002", Severity::error, "docs/caf\xE9 #1.md", 2, 1, nasty());
  odd.related.push_back(Location{"a\"b\\c\xFF.md", 1, 1, "note \xC3"});
  auto run_info = info();
  run_info.root = "relative/root";
  const auto text = report::render_sarif({root, odd}, run_info);
  CHECK(util::is_valid_utf8(text));
  const auto json = parse_json(text);
  const auto& run = json["runs"].array.at(0);
  CHECK_FALSE(run.has("originalUriBaseIds")); // only an absolute root makes a file URI
  const auto& results = run["results"].array;
  const auto uri = [](const Json& location) {
    return location["physicalLocation"]["artifactLocation"]["uri"].string;
  };
  CHECK(uri(results.at(0)["locations"].array.at(0)) == "./");
  CHECK(results.at(0)["locations"].array.at(0)["physicalLocation"]["region"]["startLine"].number == 1);
  CHECK(uri(results.at(1)["locations"].array.at(0)) == "docs/caf%E9%20%231.md");
  CHECK(uri(results.at(1)["relatedLocations"].array.at(0)) == "a%22b%5Cc%FF.md");
  CHECK(results.at(1)["message"]["text"].string == nasty());
  CHECK(results.at(1)["relatedLocations"].array.at(0)["message"]["text"].string == "note \xEF\xBF\xBD");
}

TEST_CASE("render_sarif: a root with spaces becomes a percent-encoded file URI with a final slash") {
  auto run_info = info();
  run_info.root = "/home/me/my repo";
  const auto json = parse_json(report::render_sarif({}, run_info));
  CHECK(json["runs"].array.at(0)["originalUriBaseIds"]["%SRCROOT%"]["uri"].string ==
        "file:///home/me/my%20repo/");
}
