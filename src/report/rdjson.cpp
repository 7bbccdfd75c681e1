// The rdjson format: reviewdog's Diagnostic Format as one DiagnosticResult (`reviewdog -f=rdjson`).
// Positions are 1-based lines and UTF-8 byte columns, as tacit's; a finding about a whole file has no
// range. The format has no related locations: the hint and the evidence go into the message. A fix becomes
// `suggestions` when all its edits are in the finding's own file (a suggestion names no file): each edit a
// range replaced by its text (an insertion: start == end).

#include "format_util.hpp"

#include <tacit/report/report.hpp>
#include <tacit/version.hpp>

#include <fmt/format.h>

namespace tacit::report {

namespace {

std::string_view rdjson_severity(engine::Severity s) {
  switch (s) {
  case engine::Severity::error:
    return "ERROR";
  case engine::Severity::warning:
    return "WARNING";
  case engine::Severity::info:
    return "INFO";
  }
  return "WARNING";
}

void position(detail::JsonWriter& w, std::string_view name, const engine::TextPosition& at) {
  w.object_member(name);
  w.member_number("line", at.line);
  w.member_number("column", at.column);
  w.end_object();
}

// The fix as suggestions, when reviewdog can apply it: every edit in the file the finding is about.
void suggestions(detail::JsonWriter& w, const engine::Finding& finding) {
  if (!finding.fix || finding.fix->edits.empty() || finding.location.path.empty())
    return;
  for (const auto& edit : finding.fix->edits)
    if (edit.path != finding.location.path)
      return;
  w.array_member("suggestions");
  for (const auto& edit : finding.fix->edits) {
    w.begin_object();
    w.object_member("range");
    position(w, "start", edit.begin);
    position(w, "end", edit.end);
    w.end_object();
    w.member("text", edit.header + edit.text);
    w.end_object();
  }
  w.end_array();
}

} // namespace

std::string render_rdjson(const std::vector<engine::Finding>& findings, const RunInfo& /*info*/) {
  detail::JsonWriter w;
  w.begin_object();
  w.object_member("source");
  w.member("name", "tacit");
  w.member("url", k_homepage);
  w.end_object();
  w.array_member("diagnostics");
  for (const auto& finding : findings) {
    const auto message = detail::message_with_evidence(finding);
    w.begin_object();
    w.member("message", message);
    w.object_member("location");
    w.member("path", finding.location.path.empty() ? "." : finding.location.path);
    if (finding.location.line > 0) {
      w.object_member("range");
      w.object_member("start");
      w.member_number("line", finding.location.line);
      if (finding.location.column > 0)
        w.member_number("column", finding.location.column);
      w.end_object();
      w.end_object();
    }
    w.end_object();
    w.member("severity", rdjson_severity(finding.severity));
    w.object_member("code");
    w.member("value", finding.rule_id);
    w.end_object();
    suggestions(w, finding);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

} // namespace tacit::report
