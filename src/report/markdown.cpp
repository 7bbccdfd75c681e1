// The markdown format: a summary for pull request comments and GitHub's step summary. Counts by severity
// in a table, then every finding in a collapsible table. Text from the repository is escaped (no markup,
// no @mentions); the list stops before GitHub's comment limit (65,536 characters) and says how many
// findings it left out.

#include "format_util.hpp"

#include <tacit/report/report.hpp>

#include <fmt/format.h>

namespace tacit::report {

namespace {

// Room for the findings table, below GitHub's 65,536-character limit for a comment.
constexpr std::size_t k_budget = 60'000;

} // namespace

std::string render_markdown(const std::vector<engine::Finding>& findings, const RunInfo& info) {
  std::string out = "### tacit\n\n";
  if (findings.empty()) {
    fmt::format_to(std::back_inserter(out), "No findings ({} checked, {}).\n",
                   detail::plural(info.files, "file"), detail::plural(info.rules, "rule"));
    return out;
  }
  const auto counts = detail::count_by_severity(findings);
  fmt::format_to(std::back_inserter(out),
                 "Found **{}** in {} ({}).\n\n| severity | findings |\n|---|---:|\n| error | {} |\n"
                 "| warning | {} |\n| info | {} |\n\n",
                 detail::plural(findings.size(), "finding"), detail::plural(info.files, "file"),
                 detail::plural(info.rules, "rule"), counts[2], counts[1], counts[0]);
  fmt::format_to(
      std::back_inserter(out),
      "<details>\n<summary>{}</summary>\n\n| location | rule | severity | message |\n|---|---|---|---|\n",
      detail::plural(findings.size(), "finding"));
  const auto start = out.size();
  std::size_t listed = 0;
  for (const auto& finding : findings) {
    auto row = fmt::format(
        "| {} | {} {} | {} | {} |\n", detail::markdown_escape(detail::location_label(finding.location)),
        detail::markdown_escape(finding.rule_id), detail::markdown_escape(finding.rule_name),
        engine::to_string(finding.severity), detail::markdown_escape(detail::message_with_evidence(finding)));
    if (out.size() - start + row.size() > k_budget)
      break;
    out += row;
    ++listed;
  }
  if (listed < findings.size())
    fmt::format_to(std::back_inserter(out), "\n{} not listed here: see the full report (`--format json`).\n",
                   detail::plural(findings.size() - listed, "more finding"));
  out += "\n</details>\n";
  return out;
}

} // namespace tacit::report
