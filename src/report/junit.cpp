// The junit format: JUnit XML for CI test dashboards (GitLab `artifacts:reports:junit`, Jenkins, Azure).
// One testsuite per rule of the run, sorted by id, so a rule that found nothing shows as one passing test
// (a testsuite per file could not list the clean files); one failing testcase per finding, in the order
// of every output. The failure's type is the severity; its text holds the hint and the evidence.

#include "format_util.hpp"

#include <tacit/report/report.hpp>

#include <fmt/format.h>

namespace tacit::report {

std::string xml_escape(std::string_view text) {
  const auto valid = detail::valid_utf8(text);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    case '\n': // as references, so attribute values keep them too
      out += "&#10;";
      break;
    case '\r':
      out += "&#13;";
      break;
    case '\t':
      out += "&#9;";
      break;
    default:
      if (c < 0x20) {
        out += "\xEF\xBF\xBD"; // not allowed in XML 1.0, not even as a reference
      } else if (c == 0xEF && i + 2 < valid.size() && static_cast<unsigned char>(valid[i + 1]) == 0xBF &&
                 (static_cast<unsigned char>(valid[i + 2]) & 0xFE) == 0xBE) {
        out += "\xEF\xBF\xBD"; // U+FFFE and U+FFFF are not XML characters either
        i += 2;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  return out;
}

std::string render_junit(const std::vector<engine::Finding>& findings, const RunInfo& info) {
  const auto rules = detail::run_rules(findings, info);
  std::string body;
  std::size_t tests = 0;
  std::size_t skipped_total = 0;
  for (const auto& rule : rules) {
    std::string cases;
    std::size_t failures = 0;
    for (const auto& finding : findings) {
      if (finding.rule_id != rule.id)
        continue;
      ++failures;
      const auto& at = finding.location;
      std::string attributes;
      if (!at.path.empty()) {
        attributes += fmt::format(" file=\"{}\"", xml_escape(at.path));
        if (at.line > 0)
          attributes += fmt::format(" line=\"{}\"", at.line);
      }
      fmt::format_to(std::back_inserter(cases),
                     "    <testcase name=\"{}: {}\" classname=\"tacit.{}\"{}>\n"
                     "      <failure message=\"{}\" type=\"{}\">{}</failure>\n"
                     "    </testcase>\n",
                     xml_escape(detail::location_label(at)), xml_escape(finding.message), xml_escape(rule.id),
                     attributes, xml_escape(finding.message), engine::to_string(finding.severity),
                     xml_escape(detail::message_with_evidence(finding)));
    }
    tests += failures == 0 ? 1 : failures;
    // A rule that found nothing is one passing testcase, or one skipped testcase when it did not apply.
    const bool skipped = failures == 0 && rule.not_applicable;
    skipped_total += skipped ? 1 : 0;
    if (skipped)
      cases = fmt::format("    <testcase name=\"{} {}\" classname=\"tacit.{}\">\n"
                          "      <skipped message=\"{}\"/>\n"
                          "    </testcase>\n",
                          xml_escape(rule.id), xml_escape(rule.name), xml_escape(rule.id),
                          xml_escape(fmt::format("n/a: {}", *rule.not_applicable)));
    else if (failures == 0)
      cases = fmt::format("    <testcase name=\"{} {}\" classname=\"tacit.{}\"/>\n", xml_escape(rule.id),
                          xml_escape(rule.name), xml_escape(rule.id));
    fmt::format_to(std::back_inserter(body),
                   "  <testsuite name=\"{} {}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}"
                   "  </testsuite>\n",
                   xml_escape(rule.id), xml_escape(rule.name), failures == 0 ? 1 : failures, failures,
                   skipped ? 1 : 0, cases);
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"tacit\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}"
      "</testsuites>\n",
      tests, findings.size(), skipped_total, body);
}

} // namespace tacit::report
