// The audit's text and Markdown outputs: a table (repository, score, level, pillars, top gaps), then for each
// repository what explains its score: each pillar's rules (pass, fail with the findings' evidence, n/a with
// the reason), the rules outside the pillars, what is present, and what the next level needs.

#include "audit_formats.hpp"
#include "format_util.hpp"

#include <tacit/report/audit.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tacit::report {

namespace {

constexpr std::size_t k_findings_shown = 3; // per failing rule, in the text and Markdown details

std::string pillar_cell(const audit::PillarScore& pillar) {
  return pillar.score ? std::to_string(*pillar.score) : std::string("-");
}

std::string level_label(int level) {
  return fmt::format("{} {}", level, audit::levels()[static_cast<std::size_t>(level - 1)].name);
}

std::string gap_list(const audit::Score& score) {
  std::vector<std::string> parts;
  for (const auto* rule : audit::gaps(score, 3))
    parts.push_back(fmt::format("{} {} ({})", rule->id, rule->name, rule->findings));
  return util::join(parts, ", ");
}

std::string rule_line(const audit::RuleResult& rule) {
  const auto state = engine::to_string(rule.state);
  if (rule.state == engine::RuleState::not_applicable)
    return fmt::format("{:<4} {} {}: {}", state, rule.id, rule.name, rule.reason);
  if (rule.pillar.empty())
    return fmt::format("{:<4} {} {}{}", state, rule.id, rule.name,
                       rule.findings
                           ? fmt::format(" ({} finding{})", rule.findings, rule.findings == 1 ? "" : "s")
                           : std::string());
  return fmt::format("{:<4} {} {}: {}/{}{}", state, rule.id, rule.name, rule.earned, rule.weight,
                     rule.findings
                         ? fmt::format(" ({} finding{})", rule.findings, rule.findings == 1 ? "" : "s")
                         : std::string());
}

std::vector<std::string> present_lines(const audit::Presence& present) {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("context files: {}", present.context_files.empty()
                                                       ? std::string("none")
                                                       : util::join(present.context_files, ", ")));
  std::vector<std::string> commands;
  for (const auto& command : present.commands)
    commands.push_back(fmt::format("{} `{}` ({}:{})", command.kind, command.text, command.doc, command.line));
  lines.push_back(fmt::format("documented commands: {}",
                              commands.empty() ? std::string("none") : util::join(commands, ", ")));
  lines.push_back(present.decision_logs.empty() && present.decision_records == 0
                      ? std::string("decision log: none")
                      : fmt::format("decision log: {} ({} record{})",
                                    present.decision_logs.empty()
                                        ? std::string("records without a log folder")
                                        : util::join(present.decision_logs, ", "),
                                    present.decision_records, present.decision_records == 1 ? "" : "s"));
  return lines;
}

// The trend, oldest first and the current score last ("2025-03-01: 41, 2025-09-01: 55, now: 71"), with
// the note when it is shorter than asked for; "" without --history.
std::string trend_line(const audit::Repository& row) {
  if (!row.history)
    return {};
  std::vector<std::string> points;
  for (const auto& point : row.trend)
    points.push_back(fmt::format("{}: {}", point.date,
                                 point.error.empty() ? std::to_string(point.score) : std::string("error")));
  points.push_back(fmt::format("now: {}", row.score.score));
  auto line = "trend: " + util::join(points, ", ");
  if (!row.trend_note.empty())
    line += fmt::format(" ({})", row.trend_note);
  return line;
}

// The findings of a rule to show as evidence (the first few, in output order).
std::vector<const engine::Finding*> findings_of(const audit::Repository& repository, const std::string& id) {
  std::vector<const engine::Finding*> out;
  for (const auto& finding : repository.findings)
    if (finding.rule_id == id && out.size() < k_findings_shown)
      out.push_back(&finding);
  return out;
}

std::string render_text(std::span<const audit::Repository> repositories) {
  std::size_t width = std::string_view("repository").size();
  for (const auto& row : repositories)
    width = std::max(width, row.name.size());
  std::string out = fmt::format("{:<{}}  score  level           ", "repository", width);
  for (const auto pillar : audit::k_pillars)
    out += fmt::format("{:>5}", pillar);
  out += "  top gaps\n";
  for (const auto& row : repositories) {
    if (!row.error.empty()) {
      out += fmt::format("{:<{}}      -  error: {}\n", row.name, width, row.error);
      continue;
    }
    auto line =
        fmt::format("{:<{}}  {:>5}  {:<15} ", row.name, width, row.score.score, level_label(row.score.level));
    for (const auto& pillar : row.score.pillars)
      line += fmt::format("{:>5}", pillar_cell(pillar));
    line += "  " + gap_list(row.score);
    out += std::string(util::trim_right(line)) + "\n";
  }
  for (const auto& row : repositories) {
    if (!row.error.empty())
      continue;
    out += fmt::format("\n{}: score {}, level {}\n", row.name, row.score.score, level_label(row.score.level));
    for (const auto& pillar : row.score.pillars) {
      out +=
          fmt::format("  {} {}: {} passed, {} failed, {} n/a\n", pillar.name,
                      pillar.score ? fmt::format("{} ({}/{})", *pillar.score, pillar.earned, pillar.possible)
                                   : std::string("not scored"),
                      pillar.passed, pillar.failed, pillar.not_applicable);
      for (const auto& rule : row.score.rules) {
        if (rule.pillar != pillar.name)
          continue;
        out += fmt::format("    {}\n", rule_line(rule));
        for (const auto* finding : findings_of(row, rule.id))
          out +=
              fmt::format("         {}: {}\n", detail::location_label(finding->location), finding->message);
      }
    }
    bool other = false;
    for (const auto& rule : row.score.rules)
      if (rule.pillar.empty()) {
        if (!std::exchange(other, true))
          out += "  not scored:\n";
        out += fmt::format("    {}\n", rule_line(rule));
      }
    for (const auto& line : present_lines(row.present))
      out += fmt::format("  {}\n", line);
    if (!row.score.next_gate.empty())
      out += fmt::format("  next: {}\n", row.score.next_gate);
    if (const auto trend = trend_line(row); !trend.empty())
      out += fmt::format("  {}\n", trend);
    for (const auto& point : row.trend)
      if (!point.error.empty())
        out += fmt::format("  {} ({}): {}\n", point.date, point.commit.substr(0, 12), point.error);
  }
  return out;
}

std::string render_markdown(std::span<const audit::Repository> repositories) {
  const auto cell = [](std::string_view text) { return detail::markdown_escape(text); };
  std::string out = "## tacit audit\n\n| repository | score | level |";
  for (const auto pillar : audit::k_pillars)
    out += fmt::format(" {} |", pillar);
  out += " top gaps |\n|---|--:|---|";
  for (std::size_t i = 0; i < audit::k_pillars.size(); ++i)
    out += "--:|";
  out += "---|\n";
  for (const auto& row : repositories) {
    if (!row.error.empty()) {
      out += fmt::format("| {} | - | error |", cell(row.name));
      for (std::size_t i = 0; i < audit::k_pillars.size(); ++i)
        out += " - |";
      out += fmt::format(" {} |\n", cell(row.error));
      continue;
    }
    out +=
        fmt::format("| {} | {} | {} |", cell(row.name), row.score.score, cell(level_label(row.score.level)));
    for (const auto& pillar : row.score.pillars)
      out += fmt::format(" {} |", pillar_cell(pillar));
    out += fmt::format(" {} |\n", cell(gap_list(row.score)));
  }
  for (const auto& row : repositories) {
    if (!row.error.empty())
      continue;
    out += fmt::format("\n<details><summary>{}: score {}, level {}</summary>\n\n", cell(row.name),
                       row.score.score, cell(level_label(row.score.level)));
    out += "| status | rule | pillar | points | findings or reason |\n|---|---|---|--:|---|\n";
    for (const auto& rule : row.score.rules) {
      std::string why;
      if (rule.state == engine::RuleState::not_applicable) {
        why = cell(rule.reason);
      } else {
        std::vector<std::string> parts;
        for (const auto* finding : findings_of(row, rule.id))
          parts.push_back(
              cell(fmt::format("{}: {}", detail::location_label(finding->location), finding->message)));
        if (rule.findings > parts.size())
          parts.push_back(fmt::format("and {} more", rule.findings - parts.size()));
        why = util::join(parts, "<br>");
      }
      out += fmt::format("| {} | {} {} | {} | {} | {} |\n", engine::to_string(rule.state), rule.id,
                         cell(rule.name), rule.pillar.empty() ? "-" : rule.pillar,
                         rule.pillar.empty() || rule.state == engine::RuleState::not_applicable
                             ? std::string("-")
                             : fmt::format("{}/{}", rule.earned, rule.weight),
                         why);
    }
    out += "\n";
    for (const auto& line : present_lines(row.present))
      out += fmt::format("- {}\n", cell(line));
    if (!row.score.next_gate.empty())
      out += fmt::format("- next: {}\n", cell(row.score.next_gate));
    if (const auto trend = trend_line(row); !trend.empty())
      out += fmt::format("- {}\n", cell(trend));
    out += "\n</details>\n";
  }
  return out;
}

} // namespace

std::string render_audit_text(std::span<const audit::Repository> repositories) {
  return render_text(repositories);
}

std::string render_audit_markdown(std::span<const audit::Repository> repositories) {
  return render_markdown(repositories);
}

} // namespace tacit::report
