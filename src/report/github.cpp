// The github format: GitHub Actions workflow commands, one annotation per finding
// (`::warning file=F,line=L,col=C,title=ID name::message`). GitHub shows at most 10 errors, 10 warnings
// (and 10 notices) of one step and 50 annotations of one job; past the cap of a kind the findings are
// listed as plain log lines and one notice says how many were not annotated. The step summary
// ($GITHUB_STEP_SUMMARY) is written by the CLI from render_markdown.

#include "format_util.hpp"

#include <tacit/report/report.hpp>

#include <fmt/format.h>

namespace tacit::report {

std::string github_escape_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : detail::valid_utf8(text)) {
    switch (c) {
    case '%':
      out += "%25";
      break;
    case '\r':
      out += "%0D";
      break;
    case '\n':
      out += "%0A";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (const char c : github_escape_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

namespace {

std::string_view command(engine::Severity severity) {
  switch (severity) {
  case engine::Severity::error:
    return "error";
  case engine::Severity::warning:
    return "warning";
  case engine::Severity::info:
    return "notice";
  }
  return "warning";
}

std::string annotation(const engine::Finding& finding) {
  std::vector<std::string> properties;
  const auto& at = finding.location;
  if (!at.path.empty()) {
    properties.push_back("file=" + github_escape_property(at.path));
    if (at.line > 0) {
      properties.push_back(fmt::format("line={}", at.line));
      if (at.column > 0)
        properties.push_back(fmt::format("col={}", at.column));
    }
  }
  properties.push_back("title=" +
                       github_escape_property(fmt::format("{} {}", finding.rule_id, finding.rule_name)));
  const auto message = detail::message_with_evidence(finding);
  return fmt::format("::{} {}::{}\n", command(finding.severity), fmt::join(properties, ","),
                     github_escape_data(message));
}

// A log line that is never read as a workflow command: indented, one line.
std::string plain_line(const engine::Finding& finding) {
  std::string line = fmt::format("  {}: {} {} {}", detail::location_label(finding.location),
                                 engine::to_string(finding.severity), finding.rule_id, finding.message);
  for (auto& c : line)
    if (c == '\n' || c == '\r')
      c = ' ';
  return detail::valid_utf8(line) + "\n";
}

} // namespace

std::string render_github(const std::vector<engine::Finding>& findings, const RunInfo& /*info*/) {
  std::string out;
  std::string overflow;
  std::size_t shown[3] = {0, 0, 0};
  std::size_t hidden = 0;
  // One notice slot stays free for the overflow notice.
  const std::size_t notice_cap = k_github_annotations_per_kind - 1;
  for (const auto& finding : findings) {
    const auto kind = static_cast<std::size_t>(finding.severity);
    const auto cap = finding.severity == engine::Severity::info ? notice_cap : k_github_annotations_per_kind;
    if (shown[kind] < cap) {
      ++shown[kind];
      out += annotation(finding);
    } else {
      ++hidden;
      overflow += plain_line(finding);
    }
  }
  if (hidden > 0) {
    out += fmt::format("tacit: {} more finding{} (GitHub shows {} annotations of each kind per step):\n",
                       hidden, hidden == 1 ? "" : "s", k_github_annotations_per_kind);
    out += overflow;
    out +=
        fmt::format("::notice title=tacit::{} of {} findings are not shown as annotations (GitHub shows {} "
                    "of each kind per step); the step log and summary list them all\n",
                    hidden, findings.size(), k_github_annotations_per_kind);
  }
  return out;
}

} // namespace tacit::report
