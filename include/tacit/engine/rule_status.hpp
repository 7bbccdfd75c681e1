#pragma once
// A rule's status on a repository in a run: fail (findings), pass, or n/a (its precondition does not hold)
// with the reason the rule gave (Emitter::not_applicable). The json and junit formats and `tacit audit` read
// them.

#include <tacit/engine/finding.hpp>
#include <tacit/engine/rule.hpp>

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::engine {

/// The rules of a run that did not apply to the repository, by id, with the reason (Emitter::not_applicable,
/// or a contributor category on a read-only repository).
using NotApplicable = std::map<std::string, std::string, std::less<>>;

/// What a run says about one rule on one repository.
enum class RuleState { fail, pass, not_applicable };

/// `fail`, `pass` or `n/a`.
std::string_view to_string(RuleState state);

/// One rule's status in a run: `fail` (it has findings), `pass` (it applied and found nothing) or `n/a`
/// (its precondition does not hold; `reason` says which).
struct RuleStatus {
  const RuleMeta* rule = nullptr;
  RuleState state = RuleState::pass;
  std::string reason;       ///< n/a only
  std::size_t findings = 0; ///< the rule's findings among those reported
};

/// The status of each rule of `rules` (the run's selected rules, in their order) from the findings that are
/// reported (after suppressions, policy and baseline) and the rules that did not apply.
std::vector<RuleStatus> rule_statuses(std::span<const RuleMeta* const> rules,
                                      const NotApplicable& not_applicable,
                                      const std::vector<Finding>& findings);

} // namespace tacit::engine
