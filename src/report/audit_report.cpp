// The audit's json-lines output (one object per repository, docs/audit.md "JSON Lines") and the dispatch
// of the audit formats.

#include "audit_formats.hpp"
#include "format_util.hpp"

#include <tacit/report/audit.hpp>
#include <tacit/report/report.hpp>

#include <fmt/format.h>

#include <array>

namespace tacit::report {

namespace {

constexpr std::array<std::string_view, 4> k_audit_formats{"text", "json-lines", "markdown", "html"};

std::string json_str(std::string_view text) {
  return fmt::format("\"{}\"", json_escape(text));
}

std::string string_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i ? ", " : "") + json_str(items[i]);
  return out + "]";
}

} // namespace

std::span<const std::string_view> audit_format_names() {
  return k_audit_formats;
}

std::optional<AuditFormat> parse_audit_format(std::string_view name) {
  for (std::size_t i = 0; i < k_audit_formats.size(); ++i)
    if (k_audit_formats[i] == name)
      return static_cast<AuditFormat>(i);
  return std::nullopt;
}

std::string audit_json(const audit::Repository& row) {
  if (!row.error.empty())
    return fmt::format("{{\"schema_version\": {}, \"repository\": {}, \"error\": {}}}",
                       k_audit_schema_version, json_str(row.name), json_str(row.error));
  const auto& s = row.score;
  std::string pillars;
  for (const auto& p : s.pillars)
    pillars += fmt::format(
        "{}{}: {{\"score\": {}, \"earned\": {}, \"possible\": {}, \"passed\": {}, \"failed\": {}, "
        "\"n/a\": {}}}",
        pillars.empty() ? "" : ", ", json_str(p.name), p.score ? std::to_string(*p.score) : "null", p.earned,
        p.possible, p.passed, p.failed, p.not_applicable);
  std::string rules;
  for (const auto& r : s.rules)
    rules += fmt::format(
        "{}{{\"id\": {}, \"name\": {}, \"pillar\": {}, \"status\": {}, \"severity\": {}, \"weight\": "
        "{}, \"earned\": {}, \"findings\": {}{}}}",
        rules.empty() ? "" : ", ", json_str(r.id), json_str(r.name),
        r.pillar.empty() ? "null" : json_str(r.pillar), json_str(engine::to_string(r.state)),
        json_str(engine::to_string(r.severity)), r.weight, r.earned, r.findings,
        r.state == engine::RuleState::not_applicable ? fmt::format(", \"reason\": {}", json_str(r.reason))
                                                     : std::string());
  std::string commands;
  for (const auto& c : row.present.commands)
    commands += fmt::format("{}{{\"kind\": {}, \"command\": {}, \"path\": {}, \"line\": {}}}",
                            commands.empty() ? "" : ", ", json_str(c.kind), json_str(c.text), json_str(c.doc),
                            c.line);
  const auto counts = detail::count_by_severity(row.findings);
  // Every finding as `tacit check --format json` gives it (without fixes): what `tacit audit merge` needs to
  // render the same reports elsewhere.
  std::string details;
  for (const auto& finding : row.findings) {
    auto copy = finding;
    copy.fix.reset();
    details += (details.empty() ? "" : ", ") + detail::finding_json(copy);
  }
  std::string trend;
  if (row.history) {
    std::string points;
    for (const auto& point : row.trend)
      points += fmt::format("{}{{\"commit\": {}, \"date\": {}, {}}}", points.empty() ? "" : ", ",
                            json_str(point.commit), json_str(point.date),
                            point.error.empty()
                                ? fmt::format("\"score\": {}, \"level\": {}", point.score, point.level)
                                : fmt::format("\"error\": {}", json_str(point.error)));
    trend =
        fmt::format(", \"history\": [{}]{}", points,
                    row.trend_note.empty() ? std::string()
                                           : fmt::format(", \"history_note\": {}", json_str(row.trend_note)));
  }
  return fmt::format(
      "{{\"schema_version\": {}, \"repository\": {}, \"root\": {}, \"error\": null, \"score\": {}, "
      "\"level\": {}, "
      "\"level_name\": {}, \"next_gate\": {}, \"pillars\": {{{}}}, \"rules\": [{}], \"findings\": "
      "{{\"error\": {}, "
      "\"warning\": {}, \"info\": {}}}, \"present\": {{\"root_context_files\": {}, \"context_files\": {}, "
      "\"commands\": [{}], \"decision_logs\": {}, \"decision_records\": {}}}, \"finding_list\": [{}]{}}}",
      k_audit_schema_version, json_str(row.name), json_str(row.root), s.score, s.level,
      json_str(audit::levels()[static_cast<std::size_t>(s.level - 1)].name),
      s.next_gate.empty() ? "null" : json_str(s.next_gate), pillars, rules, counts[2], counts[1], counts[0],
      string_list(row.present.root_context_files), string_list(row.present.context_files), commands,
      string_list(row.present.decision_logs), row.present.decision_records, details, trend);
}

std::string render_audit_json_lines(std::span<const audit::Repository> repositories) {
  std::string out;
  for (const auto& row : repositories)
    out += audit_json(row) + "\n";
  return out;
}

std::string render_audit(AuditFormat format, std::span<const audit::Repository> repositories) {
  switch (format) {
  case AuditFormat::text:
    return render_audit_text(repositories);
  case AuditFormat::json_lines:
    return render_audit_json_lines(repositories);
  case AuditFormat::markdown:
    return render_audit_markdown(repositories);
  case AuditFormat::html:
    return render_audit_html(repositories);
  }
  return {};
}

} // namespace tacit::report
