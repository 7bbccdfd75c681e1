#pragma once
// The subcommands, after CLI11 has parsed and validated the arguments.

#include <tacit/engine/config.hpp>
#include <tacit/engine/finding.hpp>
#include <tacit/report/report.hpp>

#include <optional>
#include <string>
#include <vector>

namespace tacit::cli {

/// One output: a format and where it goes (empty file: stdout).
struct Output {
  report::Format format = report::Format::text;
  std::string file;
};

/// Validated settings of `tacit check`.
struct CheckSettings {
  std::string path = ".";
  std::vector<Output> outputs;
  std::optional<engine::Severity> fail_on = engine::Severity::warning; ///< nullopt: never fail
  std::vector<std::string> select;
  std::vector<std::string> extend_select;
  std::vector<std::string> ignore;
  unsigned jobs = 0;
  bool staged = false;
  std::string revision;
  bool color = false;
  bool quiet = false;
  bool statistics = false;    ///< --statistics: the text output counts findings per rule
  bool fail_on_given = false; ///< --fail-on was given (it wins over the configuration's fail-on)
  std::string config_file;    ///< --config FILE (relative to the current directory); empty: .tacit.yaml
  bool isolated = false;      ///< --isolated: no configuration file at all
  std::string since;    ///< --since REV: only findings new since the merge-base of REV and the scanned state
  std::string baseline; ///< --baseline FILE: findings recorded there are not reported
  bool no_cache =
      false; ///< --no-cache: analyse a diff-aware run's base commit even when its findings are cached
  /// `tacit baseline write|prune`: write the baseline file `baseline` (empty: the default at the repository
  /// root) from this run's findings instead of reporting them.
  enum class BaselineAction { none, write, prune } baseline_action = BaselineAction::none;
  bool fix = false;  ///< --fix: apply the findings' fixes to the worktree, then report what remains
  bool diff = false; ///< --diff: print the fixes as a unified diff instead of the findings; write nothing
};

/// Settings of `tacit config`.
struct ConfigSettings {
  std::string path = ".";
  std::string config_file;
  bool isolated = false;
};

int run_check(const CheckSettings& settings);
int run_config(const ConfigSettings& settings);
/// `tacit rules`: a table, or with `json` the document described in docs/json-format.md.
int run_rules_list(bool json);
int run_rule_docs(const std::string& id);
/// `tacit test [PATHS]`: exit 0 when every case passes, 1 on a failure, 2 on an error.
int run_test(const std::vector<std::string>& paths);

/// --fix / --diff on the run's findings (worktree mode only; the caller checked). --diff prints the diff and
/// returns the exit code (0: nothing to change, 1: a diff, 2: an error); --fix writes the files, drops the
/// findings it fixed from `findings` and returns nullopt (the run goes on to report the rest), or an error.
std::optional<int> apply_fixes(const CheckSettings& settings, const std::string& root,
                               std::vector<engine::Finding>& findings);

/// With --format github: appends the Markdown summary to $GITHUB_STEP_SUMMARY when it is set; a failure
/// is a warning on stderr, never an exit code.
void append_step_summary(const std::vector<engine::Finding>& findings, const report::RunInfo& info);

/// The configuration --config FILE or --isolated gives; nullopt: the repository's .tacit.yaml applies.
Result<std::optional<engine::Config>> given_config(const std::string& file, bool isolated);

/// Prints "tacit: error: <message>" on stderr and returns k_exit_error.
int fail(const std::string& message);

/// Writes `content` to `path` atomically (a temporary file next to it, then a rename); false with `error` set
/// otherwise.
bool write_file(const std::string& path, const std::string& content, std::string& error);

} // namespace tacit::cli
