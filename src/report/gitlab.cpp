// The gitlab format: GitLab Code Quality JSON (the Code Climate subset GitLab reads): an array of issues
// with description, check_name, fingerprint (DESIGN.md's one fingerprint, unique per finding), severity
// and location (path, lines.begin). Severities: info -> info, warning -> minor, error -> major.

#include "format_util.hpp"

#include <tacit/report/report.hpp>

namespace tacit::report {

namespace {

std::string_view severity(engine::Severity s) {
  switch (s) {
  case engine::Severity::error:
    return "major";
  case engine::Severity::warning:
    return "minor";
  case engine::Severity::info:
    return "info";
  }
  return "minor";
}

} // namespace

std::string render_gitlab(const std::vector<engine::Finding>& findings, const RunInfo& /*info*/) {
  detail::JsonWriter w;
  w.begin_array();
  for (const auto& finding : findings) {
    w.begin_object();
    w.member("type", "issue");
    w.member("description", finding.message);
    w.member("check_name", finding.rule_id);
    w.member("fingerprint", finding.fingerprint);
    w.member("severity", severity(finding.severity));
    w.array_member("categories");
    w.string("Clarity");
    w.end_array();
    if (!finding.hint.empty()) {
      w.object_member("content");
      w.member("body", finding.hint);
      w.end_object();
    }
    w.object_member("location");
    // GitLab needs a file: the repository root itself is ".".
    w.member("path", finding.location.path.empty() ? "." : finding.location.path);
    w.object_member("lines");
    w.member_number("begin", std::max(finding.location.line, 1));
    w.end_object();
    w.end_object();
    w.end_object();
  }
  w.end_array();
  return w.take();
}

} // namespace tacit::report
