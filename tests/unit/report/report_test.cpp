// Tests for the reporters (report/): the text format (locations, hints, evidence, summary, colour) and
// the JSON format, checked with a small strict JSON parser of our own, and json_escape.

#include "report_support.hpp"

#include <tacit/report/report.hpp>
#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace report_test;

TEST_CASE("the JSON reader the output checks use is strict") {
  const auto parses = [](std::string_view text) { return util::json::parse(text, "t").has_value(); };
  CHECK(parses(R"({"a": [1, -2.5e3, true, false, null, "x\u00e9\ud83d\ude00"]})"));
  CHECK(parses("[]"));
  CHECK_FALSE(parses("{\"a\": 1,}"));
  CHECK_FALSE(parses("[1, 2"));
  CHECK_FALSE(parses("\"raw\ncontrol\""));
  CHECK_FALSE(parses("\"\\x41\""));
  CHECK_FALSE(parses("01"));
  CHECK_FALSE(parses("{} {}"));
  CHECK_FALSE(parses("\"\\ud800\""));
  CHECK(parse_json(R"({"k": "a\"b\\c\n\u0001"})")["k"].string == "a\"b\\c\n\x01");
}

TEST_CASE("render_text: no findings") {
  CHECK(report::render_text({}, info(9, 3)) == "No findings (9 files checked, 3 rules).\n");
  CHECK(report::render_text({}, info(1, 1)) == "No findings (1 file checked, 1 rule).\n");
  CHECK(report::render_text({}, info(0, 0)) == "No findings (0 files checked, 0 rules).\n");
}

TEST_CASE("render_text: locations, hints, evidence and the summary") {
  auto a = finding("CTX002", Severity::error, "AGENTS.md", 13, 24, "'src/x.ts' does not exist");
  a.hint = "fix the path";
  auto b =
      finding("TASK102", Severity::warning, "README.md", 1, 0, "tests exist but no doc says how to run them");
  b.related.push_back(Location{"CMakeLists.txt", 7, 1, "CMake registers tests for ctest"});
  b.related.push_back(Location{"tests/a_test.py", 0, 0, {}});
  b.related.push_back(Location{"", 0, 0, "commits 1a2b..3c4d: 27 of 28 follow it"});
  auto c = finding("CTX001", Severity::warning, "", 0, 0, "no agent context file");
  auto d = finding("ARCH301", Severity::info, "src/main.c", 0, 5, "info finding");
  const auto text = report::render_text({a, b, c, d}, info(9, 3));
  CHECK(text == "AGENTS.md:13:24: error CTX002 'src/x.ts' does not exist\n"
                "  hint: fix the path\n"
                "README.md:1: warning TASK102 tests exist but no doc says how to run them\n"
                "  evidence: CMakeLists.txt:7:1: CMake registers tests for ctest\n"
                "  evidence: tests/a_test.py\n"
                "  evidence: commits 1a2b..3c4d: 27 of 28 follow it\n"
                ".: warning CTX001 no agent context file\n"
                "src/main.c: info ARCH301 info finding\n"
                "Found 4 findings (1 error, 2 warnings, 1 info) in 3 of 9 files checked.\n");
  CHECK_FALSE(contains(text, "\x1b"));
}

TEST_CASE("render_text: singular and plural in the summary") {
  const auto error = finding("CTX002", Severity::error, "a.md", 1, 1, "m");
  const auto warning = finding("CTX001", Severity::warning, "a.md", 1, 1, "m");
  const auto info_finding = finding("ARCH301", Severity::info, "a.md", 1, 1, "m");
  CHECK(contains(report::render_text({error}, info(1, 1)),
                 "Found 1 finding (1 error) in 1 of 1 file checked.\n"));
  CHECK(contains(report::render_text({error, error}, info(2, 1)),
                 "Found 2 findings (2 errors) in 1 of 2 files checked.\n"));
  CHECK(contains(report::render_text({warning}, info(5, 1)),
                 "Found 1 finding (1 warning) in 1 of 5 files checked.\n"));
  CHECK(contains(report::render_text({warning, warning, warning}, info(5, 1)),
                 "Found 3 findings (3 warnings) in 1 of 5 files checked.\n"));
  CHECK(contains(report::render_text({info_finding, info_finding}, info(1, 1)),
                 "Found 2 findings (2 info) in 1 of 1 file checked.\n"));
  CHECK(contains(report::render_text({error, info_finding}, info(0, 1)),
                 "Found 2 findings (1 error, 1 info) in 1 file (0 checked).\n"));
}

TEST_CASE("render_text: colour only when asked") {
  auto f = finding("CTX002", Severity::error, "a.md", 1, 2, "m");
  f.hint = "h";
  f.related.push_back(Location{"b.md", 3, 4, "n"});
  auto plain_info = info();
  CHECK_FALSE(contains(report::render_text({f}, plain_info), "\x1b"));
  CHECK_FALSE(contains(report::render_text({}, plain_info), "\x1b"));
  auto color_info = info();
  color_info.color = true;
  const auto colored = report::render_text({f}, color_info);
  CHECK(contains(colored, "\x1b[1;31merror CTX002\x1b[0m")); // the word is there, the colour adds to it
  CHECK(contains(colored, "\x1b[2mhint:\x1b[0m h"));
  CHECK(contains(colored, "\x1b[2mevidence:\x1b[0m b.md:3:4: n"));
  auto w = finding("CTX001", Severity::warning, "a.md", 1, 1, "m");
  auto i = finding("ARCH301", Severity::info, "a.md", 1, 1, "m");
  CHECK(contains(report::render_text({w}, color_info), "\x1b[1;33mwarning CTX001"));
  CHECK(contains(report::render_text({i}, color_info), "\x1b[1;36minfo ARCH301"));
  // Every escape sequence that is opened is reset.
  const auto count = [](std::string_view text, std::string_view needle) {
    std::size_t n = 0;
    for (auto pos = text.find(needle); pos != std::string_view::npos; pos = text.find(needle, pos + 1))
      ++n;
    return n;
  };
  CHECK(count(colored, "\x1b[") == 2 * count(colored, "\x1b[0m"));
}

TEST_CASE("render_json: the document's shape") {
  auto a = finding("CTX002", Severity::error, "AGENTS.md", 13, 24, "'src/x.ts' does not exist");
  a.subject = "src/x.ts";
  a.hint = "fix the path";
  auto b = finding("TASK102", Severity::warning, "", 0, 0, "tests exist");
  b.related.push_back(Location{"CMakeLists.txt", 7, 1, "CMake registers tests"});
  b.related.push_back(Location{"tests/x.py", 1, 0, ""});
  auto c = finding("ARCH301", Severity::info, "README.md", 1, 1, "no overview");
  const auto json = parse_json(report::render_json({a, b, c}, info(9, 3)));

  REQUIRE(json.type == Json::Type::object);
  CHECK(json.keys() ==
        std::vector<std::string>{"schema_version", "tool", "root", "source", "findings", "rules", "summary"});
  CHECK(json["schema_version"].number == report::k_json_schema_version);
  CHECK(json["tool"]["name"].string == "tacit");
  CHECK(json["tool"]["version"].type == Json::Type::string);
  CHECK_FALSE(json["tool"]["version"].string.empty());
  CHECK(json["tool"]["commit"].type == Json::Type::string);
  CHECK(json["root"].string == "/tmp/repo");
  CHECK(json["source"].string == "worktree");

  const auto& findings = json["findings"];
  REQUIRE(findings.type == Json::Type::array);
  REQUIRE(findings.array.size() == 3);
  const auto& first = findings.array[0];
  CHECK(first.keys() == std::vector<std::string>{"rule", "name", "severity", "message", "location", "related",
                                                 "subject", "hint", "fingerprint"});
  CHECK(first["rule"].string == "CTX002");
  CHECK(first["name"].string == "rule-name");
  CHECK(first["severity"].string == "error");
  CHECK(first["message"].string == "'src/x.ts' does not exist");
  CHECK(first["location"].keys() == std::vector<std::string>{"path", "line", "column"});
  CHECK(first["location"]["path"].string == "AGENTS.md");
  CHECK(first["location"]["line"].number == 13);
  CHECK(first["location"]["column"].number == 24);
  CHECK(first["related"].type == Json::Type::array);
  CHECK(first["related"].array.empty());
  CHECK(first["subject"].string == "src/x.ts");
  CHECK(first["hint"].string == "fix the path");
  CHECK(first["fingerprint"].string == "0123456789abcdef");

  const auto& second = findings.array[1];
  CHECK(second["severity"].string == "warning");
  CHECK(second["location"]["path"].string == "");
  CHECK(second["location"]["line"].number == 0);
  REQUIRE(second["related"].array.size() == 2);
  CHECK(second["related"].array[0].keys() == std::vector<std::string>{"path", "line", "column", "note"});
  CHECK(second["related"].array[0]["path"].string == "CMakeLists.txt");
  CHECK(second["related"].array[0]["line"].number == 7);
  CHECK(second["related"].array[0]["note"].string == "CMake registers tests");
  CHECK(second["related"].array[1]["note"].string == "");
  CHECK(findings.array[2]["severity"].string == "info");

  const auto& summary = json["summary"];
  CHECK(summary.keys() == std::vector<std::string>{"files", "rules", "findings", "error", "warning", "info"});
  CHECK(summary["files"].number == 9);
  CHECK(summary["rules"].number == 3);
  CHECK(summary["findings"].number == 3);
  CHECK(summary["error"].number == 1);
  CHECK(summary["warning"].number == 1);
  CHECK(summary["info"].number == 1);
}

TEST_CASE("render_json: no findings") {
  const auto text = report::render_json({}, info(0, 0));
  CHECK(text.ends_with("}\n"));
  const auto json = parse_json(text);
  CHECK(json["findings"].type == Json::Type::array);
  CHECK(json["findings"].array.empty());
  CHECK(json["summary"]["findings"].number == 0);
  CHECK(json["summary"]["error"].number == 0);
}

TEST_CASE("render_json: escaping of quotes, backslashes, control characters and invalid UTF-8") {
  auto f = finding("CTX002", Severity::error, "docs/we\"ird\\name\xFF.md", 1, 1, nasty());
  f.subject = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80";
  f.hint = "bad \xC3 then \xE2\x82";
  f.related.push_back(Location{"\x80start", 1, 1, "note \"x\""});
  auto run = info();
  run.root = "/home/u/r\xE9po";
  run.source = "revision \"main\" (1a2b3c4d)";
  const auto text = report::render_json({f}, run);
  CHECK(util::is_valid_utf8(text));
  for (char c : text)
    CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n'));
  const auto json = parse_json(text);
  const auto& parsed = json["findings"].array.at(0);
  CHECK(parsed["location"]["path"].string == "docs/we\"ird\\name\xEF\xBF\xBD.md");
  CHECK(parsed["message"].string == nasty());
  CHECK(parsed["subject"].string == "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(parsed["hint"].string == "bad \xEF\xBF\xBD then \xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(parsed["related"].array.at(0)["path"].string == "\xEF\xBF\xBDstart");
  CHECK(parsed["related"].array.at(0)["note"].string == "note \"x\"");
  CHECK(json["root"].string == "/home/u/r\xEF\xBF\xBDpo");
  CHECK(json["source"].string == "revision \"main\" (1a2b3c4d)");
}

TEST_CASE("json_escape: ASCII escapes") {
  CHECK(report::json_escape("") == "");
  CHECK(report::json_escape("plain text / slash") == "plain text / slash");
  CHECK(report::json_escape("\"") == "\\\"");
  CHECK(report::json_escape("\\") == "\\\\");
  CHECK(report::json_escape("a\nb\rc\td") == "a\\nb\\rc\\td");
  CHECK(report::json_escape(std::string_view("\0", 1)) == "\\u0000");
  CHECK(report::json_escape("\x01\x1f") == "\\u0001\\u001f");
  CHECK(report::json_escape("\b\f") == "\\u0008\\u000c");
  CHECK(report::json_escape("\x7f") == "\x7f");
  CHECK(report::json_escape(" ") == " ");
}

TEST_CASE("json_escape: valid UTF-8 passes through, broken sequences become U+FFFD") {
  CHECK(report::json_escape("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(report::json_escape("\xE2\x82\xAC") == "\xE2\x82\xAC");
  CHECK(report::json_escape("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");
  CHECK(report::json_escape("\xEF\xBB\xBF") == "\xEF\xBB\xBF");
  CHECK(report::json_escape("\xFF") == "\\ufffd");
  CHECK(report::json_escape("\x80") == "\\ufffd");
  CHECK(report::json_escape("a\xFE"
                            "b") == "a\\ufffdb");
  CHECK(report::json_escape("\xC3") == "\\ufffd");
  CHECK(report::json_escape("\xC3"
                            "A") == "\\ufffdA");
  CHECK(report::json_escape("\xE2\x82") == "\\ufffd\\ufffd");
  CHECK(report::json_escape("\xF0\x9F\x98"
                            "x") == "\\ufffd\\ufffd\\ufffd"
                                    "x");
  CHECK(report::json_escape("\xF8\x88\x80\x80\x80") == "\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd");
}

TEST_CASE("json_escape: overlong forms, surrogates and code points past U+10FFFF are invalid UTF-8") {
  // Regression: json_escape checks only the shape of a sequence (lead byte and continuation bytes), so
  // overlong encodings, UTF-16 surrogates and values above U+10FFFF pass through and the JSON is not valid
  // UTF-8.
  for (std::string_view bad : {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xED\xBF\xBF",
                               "\xF0\x80\x80\xAF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80"}) {
    const auto escaped = report::json_escape(bad);
    INFO(escaped);
    CHECK(util::is_valid_utf8(escaped));
    CHECK(contains(escaped, "\\ufffd"));
  }
}

TEST_CASE("render, parse_format and format_names") {
  CHECK(report::parse_format("text") == report::Format::text);
  CHECK(report::parse_format("json") == report::Format::json);
  CHECK(report::parse_format("JSON") == std::nullopt);
  CHECK(report::parse_format("sarif") == report::Format::sarif);
  CHECK(report::parse_format("json-lines") == report::Format::json_lines);
  CHECK(report::parse_format("json_lines") == std::nullopt);
  CHECK(report::parse_format("") == std::nullopt);
  for (auto name : report::format_names())
    CHECK(report::parse_format(name).has_value());
  CHECK(report::format_names().size() == 9);

  const std::vector<Finding> findings{finding("CTX002", Severity::error, "a.md", 1, 1, "m")};
  CHECK(report::render(report::Format::text, findings, info()) == report::render_text(findings, info()));
  CHECK(report::render(report::Format::json, findings, info()) == report::render_json(findings, info()));
}

TEST_CASE("render_json: every rule of the run with its status, and the reason of an n/a one") {
  static const engine::RuleMeta failing{"CTX002", "broken-path-reference", "CTX", Severity::error, "s", {}};
  static const engine::RuleMeta passing{
      "QUAL203", "definition-of-done-missing", "QUAL", Severity::warning, "s", {}};
  static const engine::RuleMeta skipped{"TASK101", "build-undocumented", "TASK", Severity::warning, "s", {}};
  const auto a = finding("CTX002", Severity::error, "AGENTS.md", 13, 24, "'src/x.ts' does not exist");
  auto run_info = info(9, 3);
  run_info.selected_rules = {&failing, &passing, &skipped};
  run_info.statuses =
      engine::rule_statuses(run_info.selected_rules, {{"TASK101", "no build system detected"}}, {a, a});
  const auto json = parse_json(report::render_json({a, a}, run_info));
  const auto& rules = json["rules"];
  REQUIRE(rules.type == Json::Type::array);
  REQUIRE(rules.array.size() == 3);
  CHECK(rules.array[0].keys() == std::vector<std::string>{"id", "name", "category", "status", "findings"});
  CHECK(rules.array[0]["id"].string == "CTX002");
  CHECK(rules.array[0]["category"].string == "CTX");
  CHECK(rules.array[0]["status"].string == "fail");
  CHECK(rules.array[0]["findings"].number == 2);
  CHECK(rules.array[1]["status"].string == "pass");
  CHECK(rules.array[1]["findings"].number == 0);
  CHECK(rules.array[2]["status"].string == "n/a");
  CHECK(rules.array[2]["reason"].string == "no build system detected");
  CHECK_FALSE(rules.array[1].has("reason"));
  // No rule (a run that describes none) is an empty list, still valid JSON.
  CHECK(parse_json(report::render_json({}, info()))["rules"].array.empty());
  CHECK(report::k_json_schema_version == 2);
}
