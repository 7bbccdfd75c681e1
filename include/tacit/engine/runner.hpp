#pragma once
// Runs the selected rules over a Context on N threads; the output is the same whatever N is.

#include <tacit/engine/context.hpp>
#include <tacit/engine/finding.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/engine/rule_status.hpp>

#include <span>
#include <string>
#include <vector>

namespace tacit::engine {

/// Which rules run.
struct Selection {
  std::vector<std::string> select; ///< ids or prefixes; empty = every rule
  std::vector<std::string> ignore; ///< ids or prefixes
};

/// True when the rule with `id` is selected.
bool is_selected(const Selection& selection, std::string_view id);

/// True for the categories of contributor procedures and standards (TASK, QUAL): they do not run on a
/// repository that says it is a mirror or accepts no pull requests (facts::Facts::read_only).
bool is_contributor_category(std::string_view category);

/// Runs the selected ones of `rules` (the run's catalogue: catalog::for_repository), but not those of a
/// contributor category on a read-only repository; returns findings sorted, with fingerprints. An exception
/// escaping a rule becomes an error finding of that rule ("internal error in rule X: ..."), not a crash.
/// With `not_applicable`, it also receives every selected rule that did not apply, and why.
std::vector<Finding> run_rules(const Context& context, std::span<const Rule* const> rules,
                               const Selection& selection, unsigned jobs,
                               NotApplicable* not_applicable = nullptr);

} // namespace tacit::engine
