// The default, human format: one line per finding, then its hint and evidence, then a summary.

#include "format_util.hpp"

#include <tacit/report/report.hpp>
#include <tacit/util/escape.hpp>

#include <fmt/format.h>

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

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

} // namespace

std::string render_text(const std::vector<engine::Finding>& findings, const RunInfo& info) {
  const Style style{info.color};
  std::string out;
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& finding : findings) {
    ++counts[static_cast<int>(finding.severity)];
    // Paths, excerpts and notes come from the repository: their control characters are made visible, so
    // that none starts a new line (a forged `::error` workflow command) or an escape sequence.
    fmt::format_to(std::back_inserter(out), "{}{}:{} {}{}{} {}\n", style.bold(),
                   visible(detail::location_label(finding.location)), style.reset(),
                   style.severity(finding.severity), finding.rule_id, style.reset(),
                   visible(finding.message));
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
    fmt::format_to(std::back_inserter(out), "No findings ({} checked, {}).\n", plural(info.files, "file"),
                   plural(info.rules, "rule"));
  } else {
    std::vector<std::string> parts;
    const std::array<std::pair<engine::Severity, std::string_view>, 3> order{
        {{engine::Severity::error, "error"},
         {engine::Severity::warning, "warning"},
         {engine::Severity::info, "info"}}};
    for (const auto& [severity, name] : order)
      if (const auto n = counts[static_cast<int>(severity)])
        parts.push_back(fmt::format("{} {}{}", n, name, n == 1 || name == "info" ? "" : "s"));
    fmt::format_to(std::back_inserter(out), "{}Found {}{} ({}) in {}.\n", style.bold(),
                   plural(findings.size(), "finding"), style.reset(), fmt::join(parts, ", "),
                   plural(info.files, "file"));
  }
  return out;
}

} // namespace tacit::report
