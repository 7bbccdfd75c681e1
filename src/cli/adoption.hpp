#pragma once
// Adoption in `tacit check`: the diff-aware base analysis (--since, --staged), the baseline filter
// (--baseline) and `tacit baseline write|prune`. run_check calls three hooks: DiffBase::start after the
// snapshot opened, DiffBase::config_sink in the scanned state's analysis (the base analysis starts as soon as
// the configuration is known and runs alongside), and adopt() after the rules ran.

#include "commands.hpp"
#include "diff_cache.hpp"

#include <tacit/engine/context.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/repo/merge_base.hpp>

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tacit::cli {

/// The rules whose findings a diff-aware run needs of its base: those of the scanned state's findings (a
/// base finding of another rule hides nothing, keep_new_findings compares rule ids); nullopt: every rule.
using RuleIds = std::optional<std::set<std::string, std::less<>>>;

/// What a run does with a context once it is built: the rules, inline suppressions and the policy. The base
/// of a diff-aware run goes through the same steps as the scanned state, for the rules `only` names (with
/// the suppressions that cover their findings, and no META finding) or all of them.
using Evaluate = std::function<std::vector<engine::Finding>(const engine::Context&, const RuleIds& only)>;

/// The rules a base must be evaluated for to filter `found` (the scanned state's findings): their ids, or
/// every rule when one is a META finding (which depends on all the others).
RuleIds needed_rules(const std::vector<engine::Finding>& found);

/// The merge base of a diff-aware run being looked for (repo::find_merge_base: --since REV, or HEAD for
/// --staged), on a thread of its own while the scanned state opens. With --since the thread goes on to read
/// and parse the base's CI files that differ from the scanned commit's (facts::PrefetchedYaml): the scanned
/// state's opening keeps one core busy and the other idle, and those parses were the longest part of the
/// base's analysis.
struct BaseLookup {
  std::future<Result<repo::BaseCommit>> commit;
  std::future<std::shared_ptr<facts::PrefetchedYaml>> prefetched; ///< not valid without --since
  std::jthread worker;                                            ///< asked to stop and joined when it goes
};

/// Starts looking for the merge base of a diff-aware run of `settings` over `scanned` (DiffBase::start takes
/// the result); nullopt when the run is not diff-aware.
std::optional<BaseLookup> look_up_base(const CheckSettings& settings, const repo::SnapshotOptions& scanned);

/// The analysis of the base commit of a diff-aware run, done on its own thread.
class DiffBase {
public:
  /// Resolves the base of a diff-aware run from `lookup` (look_up_base). nullptr when the run is not
  /// diff-aware (or --staged on an unborn HEAD: everything is new). Errors are exit code 2.
  /// `scanned_state` is the scanned state's snapshot, just opened: its reading of the index is the base's.
  static Result<std::unique_ptr<DiffBase>> start(const CheckSettings& settings,
                                                 const repo::SnapshotOptions& scanned,
                                                 const repo::Snapshot& scanned_state, unsigned jobs,
                                                 std::optional<BaseLookup> lookup);

  DiffBase(const DiffBase&) = delete;
  DiffBase& operator=(const DiffBase&) = delete;
  ~DiffBase();

  /// For AnalyzeOptions::on_config of the scanned state: with that configuration, takes the base's findings
  /// from the cache (diff_cache.hpp) or starts the base analysis on its own thread.
  std::function<void(const engine::Config&)> config_sink();

  /// The scanned state's context, once built (nullptr when its analysis failed): the base analysis takes the
  /// parses and documents of the files that did not change from it (engine::AnalyzeOptions::reuse), so it
  /// waits for it. `scanned` must outlive the base analysis: call wait() before it goes.
  void scanned_ready(const engine::Context* scanned);

  /// Waits for the base analysis to end (its thread reads the scanned state's context), then for the merge
  /// base's thread (asked to stop reading ahead if it still does).
  void wait();

  /// Waits for the base analysis and evaluates it as the scanned state was, for the rules `needed` names:
  /// the findings at the base (then recorded in the cache), or the cached ones when the record covers those
  /// rules (else the base is analysed now).
  Result<std::vector<engine::Finding>> findings(const Evaluate& evaluate, const RuleIds& needed);

  /// With --staged and the cache: records the staged state's findings (before any filter), the base of the
  /// next run once that state is committed.
  void record_scanned(const std::vector<engine::Finding>& found, const engine::Location& anchor);

  /// True when the base's findings came from the cache.
  bool cached() const { return m_cached.has_value(); }

  const repo::BaseCommit& commit() const { return m_commit; }

  /// Where the base anchors its repository-level findings (valid after findings()).
  engine::Location anchor() const;

private:
  DiffBase(repo::SnapshotOptions options, repo::BaseCommit commit, unsigned jobs, std::string selectors,
           bool use_cache);
  DiffCache cache() const;
  /// Starts the base analysis on its own thread with the scanned state's configuration.
  void launch(const engine::Config& config);
  std::string key_of(const repo::StateIdentity& state) const;
  repo::SnapshotOptions m_options;
  repo::BaseCommit m_commit;
  unsigned m_jobs;
  std::string m_selectors; ///< the command line's rule selection, part of the cache key
  bool m_use_cache;
  std::string m_settings; ///< this run's settings, as the cache keys them; empty: not cached
  std::string m_key;      ///< the base's cache key; empty: not cached
  std::future<std::optional<repo::StateIdentity>> m_staged; ///< --staged with the cache: the index's identity
  std::optional<BaseFindings> m_cached;                     ///< the base's findings read from the cache
  std::optional<engine::Config> m_config; ///< the configuration the base is analysed with (config_sink)
  std::promise<const engine::Context*> m_scanned; ///< set by scanned_ready (or nullptr on the way out)
  std::shared_future<const engine::Context*> m_scanned_future;
  bool m_scanned_set = false;
  std::thread m_thread;
  Result<std::unique_ptr<engine::Context>> m_context;
  std::optional<BaseLookup> m_lookup; ///< its thread may still read ahead for the base analysis
};

/// After the rules ran: applies the baseline and the diff filter to `findings` (what they hid goes to stderr
/// as notes), or writes / prunes the baseline for `tacit baseline`. Returns an exit code when the run ends
/// here (an error, or the baseline command done); nullopt to go on reporting `findings`.
std::optional<int> adopt(const CheckSettings& settings, DiffBase* base, const engine::Context& context,
                         const Evaluate& evaluate, std::vector<engine::Finding>& findings);

} // namespace tacit::cli
