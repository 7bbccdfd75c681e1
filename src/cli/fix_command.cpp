// `tacit check --fix` and `--diff`: the run's findings handed to the one applier (src/fix/), the outcome
// said on stderr.

#include "commands.hpp"

#include <tacit/cli/app.hpp>
#include <tacit/fix/apply.hpp>
#include <tacit/util/escape.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>

namespace tacit::cli {

namespace {

// A fix that was not applied, on stderr: which finding, and why (a conflict or a file that changed).
void note_skipped(const fix::Plan& plan, const std::vector<engine::Finding>& findings, bool quiet) {
  if (quiet)
    return;
  for (const auto& result : plan.results) {
    if (result.outcome == fix::Outcome::applied || result.outcome == fix::Outcome::already_applied)
      continue;
    const auto& finding = findings[result.finding];
    fmt::print(stderr, "tacit: note: the fix of {} at {}:{} is not applied ({}): {}\n", finding.rule_id,
               util::escape_controls(finding.location.path), finding.location.line,
               fix::to_string(result.outcome), util::escape_controls(result.reason));
  }
}

} // namespace

std::optional<int> apply_fixes(const CheckSettings& settings, const std::string& root,
                               std::vector<engine::Finding>& findings) {
  const auto plan = fix::plan_fixes(findings, fix::disk_reader(root));
  note_skipped(plan, findings, settings.quiet);
  if (settings.diff) {
    const auto diff = fix::unified_diff(plan);
    errno = 0;
    const bool written = std::fwrite(diff.data(), 1, diff.size(), stdout) == diff.size();
    if (std::fflush(stdout) != 0 || !written)
      return fail(fmt::format("cannot write the diff to stdout: {}", std::strerror(errno ? errno : EIO)));
    return diff.empty() ? k_exit_clean : k_exit_findings;
  }
  if (auto written = fix::write_plan(plan, root); !written)
    return fail(to_string(written.error()));
  std::set<std::size_t> fixed;
  for (const auto& result : plan.results)
    if (result.outcome == fix::Outcome::applied) // "already applied" and still reported: not fixed
      fixed.insert(result.finding);
  if (!settings.quiet && !fixed.empty())
    fmt::print(stderr, "tacit: fixed {} finding{} in {} file{}\n", fixed.size(), fixed.size() == 1 ? "" : "s",
               plan.files.size(), plan.files.size() == 1 ? "" : "s");
  std::vector<engine::Finding> remaining;
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (!fixed.contains(i))
      remaining.push_back(std::move(findings[i]));
  findings = std::move(remaining);
  return std::nullopt;
}

} // namespace tacit::cli
