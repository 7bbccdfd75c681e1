#pragma once
// Adoption filters: the baseline (findings recorded once and not reported again) and the diff-aware filter
// of --since / --staged (only findings whose fingerprint is absent at the base commit).
//
// A baseline is keyed by (rule, path, subject) with a count, never by line, so it survives lines moving:
// when checking, the first `count` findings of a key (in output order) are absorbed, and an entry that
// absorbs fewer than its count is stale (the problem was fixed) and can be pruned.

#include <tacit/engine/finding.hpp>
#include <tacit/util/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::engine {

/// The default baseline file, at the repository root.
inline constexpr std::string_view k_baseline_file_name = ".tacit-baseline.json";

/// The version of the baseline file format this build reads and writes.
inline constexpr int k_baseline_version = 1;

/// One key of the baseline and how many findings of it are recorded.
struct BaselineEntry {
  std::string rule;
  std::string path;
  std::string subject;
  std::size_t count = 0;
  int line = 0; ///< where the entry is in the file (0 for an entry built from findings)
};

/// A baseline: entries sorted by (path, rule, subject), one per key.
struct Baseline {
  std::vector<BaselineEntry> entries;
  /// Findings recorded in all (the sum of the counts).
  std::size_t total() const;
};

/// Parses a baseline file; `path` is used in errors (ErrorCode::config, located at file:line:column).
Result<Baseline> parse_baseline(std::string_view text, std::string_view path);

/// The baseline file's text: stable, sorted, one entry per line so that diffs review well.
std::string render_baseline(const Baseline& baseline);

/// The baseline that records `findings`.
Baseline make_baseline(const std::vector<Finding>& findings);

/// What applying a baseline gives.
struct BaselineResult {
  std::vector<Finding> findings;    ///< what the baseline does not absorb, in the input order
  std::size_t absorbed = 0;         ///< findings the baseline absorbed
  std::vector<BaselineEntry> stale; ///< entries that absorbed fewer than their count; count = the unused part
};

/// Removes the findings the baseline records: per key, the first `count` findings in the input order.
BaselineResult apply_baseline(const Baseline& baseline, std::vector<Finding> findings);

/// The baseline without what no longer matches `findings` (counts lowered, entries removed); never adds.
/// `removed` receives what was pruned (count = the part removed).
Baseline prune_baseline(const Baseline& baseline, const std::vector<Finding>& findings,
                        std::vector<BaselineEntry>& removed);

/// The findings whose identity (rule, path, subject, n: the fingerprint's parts) is absent from `base` (the
/// findings at the merge-base): what a change introduced. Order is kept. A repository-level finding sits at
/// its state's repository anchor (Context::repository_anchor()), which moves when a change adds a context
/// file or a README: the two anchors count as one place, so such a finding is not new only because it moved.
std::vector<Finding> keep_new_findings(std::vector<Finding> findings, const std::vector<Finding>& base,
                                       const Location& anchor = {}, const Location& base_anchor = {});

} // namespace tacit::engine
