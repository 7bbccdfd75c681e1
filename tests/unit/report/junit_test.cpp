// Tests for the junit format: one testsuite per rule of the run, one failing testcase per finding, a
// passing testcase for a clean rule, and XML escaping.

#include "report_support.hpp"

#include <tacit/report/report.hpp>
#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>

using namespace report_test;

TEST_CASE("xml_escape: markup, quotes, line breaks, characters XML cannot hold, invalid UTF-8") {
  CHECK(report::xml_escape("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  CHECK(report::xml_escape("l1\nl2\r\tx") == "l1&#10;l2&#13;&#9;x");
  CHECK(report::xml_escape(std::string_view("nul\0bell\x07", 9)) == "nul\xEF\xBF\xBD"
                                                                    "bell\xEF\xBF\xBD");
  CHECK(report::xml_escape("bad\xFF") == "bad\xEF\xBF\xBD");
  CHECK(report::xml_escape("\xEF\xBF\xBE\xEF\xBF\xBF") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(report::xml_escape("caf\xC3\xA9 \xE2\x82\xAC") == "caf\xC3\xA9 \xE2\x82\xAC");
  CHECK(report::xml_escape("]]>") == "]]&gt;");
}

TEST_CASE("render_junit: testsuites per rule, failures per finding") {
  static const engine::RuleMeta clean{"QUAL201", "clean-rule", "QUAL", Severity::warning, "s", {}};
  auto a = finding("CTX002", Severity::error, "docs/<a>.md", 13, 24, "'x' & \"y\"");
  a.hint = "fix";
  auto b = finding("CTX002", Severity::warning, "", 0, 0, "root");
  auto run_info = info();
  run_info.selected_rules = {&clean};
  const auto xml = report::render_junit({a, b}, run_info);
  CHECK(util::is_valid_utf8(xml));
  CHECK(xml ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"tacit\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"0\">\n"
        "  <testsuite name=\"CTX002 rule-name\" tests=\"2\" failures=\"2\" errors=\"0\" skipped=\"0\">\n"
        "    <testcase name=\"docs/&lt;a&gt;.md:13:24: &apos;x&apos; &amp; &quot;y&quot;\" "
        "classname=\"tacit.CTX002\" file=\"docs/&lt;a&gt;.md\" line=\"13\">\n"
        "      <failure message=\"&apos;x&apos; &amp; &quot;y&quot;\" type=\"error\">&apos;x&apos; &amp; "
        "&quot;y&quot;&#10;hint: fix</failure>\n"
        "    </testcase>\n"
        "    <testcase name=\".: root\" classname=\"tacit.CTX002\">\n"
        "      <failure message=\"root\" type=\"warning\">root</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "  <testsuite name=\"QUAL201 clean-rule\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n"
        "    <testcase name=\"QUAL201 clean-rule\" classname=\"tacit.QUAL201\"/>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

TEST_CASE("render_junit: no rules and no findings is still a document") {
  CHECK(report::render_junit({}, info()) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                            "<testsuites name=\"tacit\" tests=\"0\" failures=\"0\" "
                                            "errors=\"0\" skipped=\"0\">\n</testsuites>\n");
}

TEST_CASE("render_junit: a rule that did not apply is one skipped testcase with the reason") {
  static const engine::RuleMeta clean{"QUAL201", "clean-rule", "QUAL", Severity::warning, "s", {}};
  static const engine::RuleMeta skipped{"TASK108", "release-undocumented", "TASK", Severity::info, "s", {}};
  static const engine::RuleMeta failing{"CTX002", "rule-name", "CTX", Severity::error, "s", {}};
  const auto a = finding("CTX002", Severity::error, "AGENTS.md", 3, 1, "broken");
  auto run_info = info();
  run_info.selected_rules = {&failing, &clean, &skipped};
  // A reason on a rule that has findings does not hide them: the rule fails.
  run_info.statuses = engine::rule_statuses(
      run_info.selected_rules, {{"TASK108", "no release <mechanism>"}, {"CTX002", "ignored"}}, {a});
  const auto xml = report::render_junit({a}, run_info);
  CHECK(util::contains(xml,
                       "<testsuites name=\"tacit\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\">"));
  CHECK(util::contains(xml,
                       "  <testsuite name=\"TASK108 release-undocumented\" tests=\"1\" failures=\"0\" "
                       "errors=\"0\" skipped=\"1\">\n"
                       "    <testcase name=\"TASK108 release-undocumented\" classname=\"tacit.TASK108\">\n"
                       "      <skipped message=\"n/a: no release &lt;mechanism&gt;\"/>\n"
                       "    </testcase>\n"));
  CHECK(util::contains(
      xml, "<testsuite name=\"QUAL201 clean-rule\" tests=\"1\" failures=\"0\" errors=\"0\" "
           "skipped=\"0\">\n    <testcase name=\"QUAL201 clean-rule\" classname=\"tacit.QUAL201\"/>"));
  CHECK(util::contains(
      xml, "<testsuite name=\"CTX002 rule-name\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">"));
}
