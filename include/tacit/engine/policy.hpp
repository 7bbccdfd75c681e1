#pragma once
// The policy of a run: which rules run and, per finding, whether it is reported and at which severity, from
// the configuration (select, ignore, severity, per-path) and the command line (--select, --extend-select,
// --ignore), which takes precedence. See docs/configuration.md "How a finding is decided".

#include <tacit/engine/config.hpp>
#include <tacit/engine/finding.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/util/glob.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::engine {

struct RuleMeta;

/// The rule selection of the command line; empty lists were not given.
struct CommandLineSelection {
  std::vector<std::string> select; ///< replaces the configuration's select and ignore
  std::vector<std::string> extend_select;
  std::vector<std::string> ignore; ///< always wins
};

class Policy {
public:
  /// `rules`: the rules of the run; those outside the default profile (RuleMeta::in_default_profile) run only
  /// when a selection names them.
  Policy(const Config& config, CommandLineSelection command_line,
         std::span<const RuleMeta* const> rules = {});

  /// True when rule `id` may report somewhere, so it has to run.
  bool runs(std::string_view id) const;

  /// The severity a finding of rule `id` at `path` is reported with (default: the rule's), or nullopt
  /// when it is not reported (ignored there, or severity `off`).
  std::optional<Severity> decide(std::string_view id, std::string_view path, Severity severity) const;

  /// The Selection for run_rules: the rules of `rules` that run.
  Selection selection(std::span<const RuleMeta* const> rules) const;

  /// Drops the findings that are not reported and applies the severity overrides; order and fingerprints
  /// of the kept findings are unchanged.
  void apply(std::vector<Finding>& findings) const;

private:
  struct PathRule {
    util::IgnoreRules paths;
    const PathOverride* entry;
  };
  bool top_selected(std::string_view id) const;

  const Config& m_config;
  CommandLineSelection m_command_line;
  std::vector<PathRule> m_per_path;
  std::vector<std::string> m_opt_in; ///< ids of the rules outside the default profile
};

} // namespace tacit::engine
