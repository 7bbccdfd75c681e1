// The default, human format: one line per finding, then its hint and evidence, then a summary.

#include "format_util.hpp"

#include <tacit/report/report.hpp>
#include <tacit/util/escape.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace tacit::report {

namespace {

struct Style {
  bool on;
  std::string_view code(std::string_view ansi) const { return on ? ansi : std::string_view{}; }
  std::string_view bold() const { return code("\x1b[1m"); }
  std::string_view dim() const { return code("\x1b[2m"); }
  std::string_view reset() const { return code("\x1b[0m"); }
  std::string_view severity(engine::Severity s) const {
    switch (s) {
    case engine::Severity::error:
      return code("\x1b[1;31m");
    case engine::Severity::warning:
      return code("\x1b[1;33m");
    case engine::Severity::info:
      return code("\x1b[1;36m");
    }
    return {};
  }
};

std::string visible(std::string_view text) {
  return util::escape_controls(text, /*keep_tab=*/true);
}

// --statistics: count, id, the highest severity among the rule's findings, and the rule's name.
std::string statistics(const std::vector<engine::Finding>& findings, const RunInfo& info,
                       const Style& style) {
  struct Row {
    std::string_view id;
    std::size_t count = 0;
    engine::Severity severity = engine::Severity::info;
  };
  std::vector<Row> rows;
  for (const auto& finding : findings) {
    auto it =
        std::find_if(rows.begin(), rows.end(), [&](const Row& row) { return row.id == finding.rule_id; });
    if (it == rows.end())
      it = rows.insert(rows.end(), Row{finding.rule_id, 0, finding.severity});
    ++it->count;
    it->severity = std::max(it->severity, finding.severity);
  }
  std::sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return a.count != b.count ? a.count > b.count : a.id < b.id; });
  std::size_t count_width = 1;
  std::size_t id_width = 2;
  for (const auto& row : rows) {
    count_width = std::max(count_width, fmt::formatted_size("{}", row.count));
    id_width = std::max(id_width, row.id.size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string_view name;
    for (const auto* meta : info.selected_rules)
      if (meta->id == row.id)
        name = meta->name;
    fmt::format_to(std::back_inserter(out), "{:>{}}  {:<{}}  {}{:<7}{}  {}\n", row.count, count_width, row.id,
                   id_width, style.severity(row.severity), engine::to_string(row.severity), style.reset(),
                   name);
  }
  return out;
}

} // namespace

std::string render_text(const std::vector<engine::Finding>& findings, const RunInfo& info) {
  const Style style{info.color};
  std::string out;
  std::size_t counts[3] = {0, 0, 0};
  if (info.statistics)
    out = statistics(findings, info, style);
  for (const auto& finding : findings) {
    ++counts[static_cast<int>(finding.severity)];
    if (info.statistics)
      continue;
    // Paths, excerpts and notes come from the repository: their control characters are made visible, so
    // that none starts a new line (a forged `::error` workflow command) or an escape sequence.
    // The severity is a word (colour only adds to it): `path:line:col: warning ID message`.
    fmt::format_to(std::back_inserter(out), "{}{}:{} {}{} {}{} {}\n", style.bold(),
                   visible(detail::location_label(finding.location)), style.reset(),
                   style.severity(finding.severity), engine::to_string(finding.severity), finding.rule_id,
                   style.reset(), visible(finding.message));
    if (!finding.hint.empty())
      fmt::format_to(std::back_inserter(out), "  {}hint:{} {}\n", style.dim(), style.reset(),
                     visible(finding.hint));
    for (const auto& related : finding.related) {
      if (related.path.empty()) // evidence that is no file: a commit range, a count
        fmt::format_to(std::back_inserter(out), "  {}evidence:{} {}\n", style.dim(), style.reset(),
                       visible(related.note));
      else
        fmt::format_to(std::back_inserter(out), "  {}evidence:{} {}{}{}\n", style.dim(), style.reset(),
                       visible(detail::location_label(related)), related.note.empty() ? "" : ": ",
                       visible(related.note));
    }
  }
  if (!info.summary)
    return out;
  if (findings.empty()) {
    fmt::format_to(std::back_inserter(out), "No findings ({} checked, {}).\n",
                   detail::plural(info.files, "file"), detail::plural(info.rules, "rule"));
  } else {
    std::vector<std::string> parts;
    const std::array<std::pair<engine::Severity, std::string_view>, 3> order{
        {{engine::Severity::error, "error"},
         {engine::Severity::warning, "warning"},
         {engine::Severity::info, "info"}}};
    for (const auto& [severity, name] : order)
      if (const auto n = counts[static_cast<int>(severity)])
        parts.push_back(fmt::format("{} {}{}", n, name, n == 1 || name == "info" ? "" : "s"));
    // "in 3 of 12 files checked": the files the findings are in, of those checked (a finding about the whole
    // repository has no file).
    std::set<std::string_view> with_findings;
    for (const auto& finding : findings)
      if (!finding.location.path.empty())
        with_findings.insert(finding.location.path);
    const auto where =
        with_findings.size() <= info.files
            ? fmt::format("{} of {} checked", with_findings.size(), detail::plural(info.files, "file"))
            : fmt::format("{} ({} checked)", detail::plural(with_findings.size(), "file"), info.files);
    fmt::format_to(std::back_inserter(out), "{}Found {}{} ({}) in {}.\n", style.bold(),
                   detail::plural(findings.size(), "finding"), style.reset(), fmt::join(parts, ", "), where);
  }
  return out;
}

} // namespace tacit::report
