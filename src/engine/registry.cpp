#include <tacit/declarative/rules.hpp>
#include <tacit/engine/registry.hpp>
#include <tacit/rules/builtin.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>

namespace tacit::engine {

namespace {

std::vector<std::unique_ptr<Rule>> make_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  // One line per rule, alphabetised by factory name.
  rules.push_back(rules::make_broken_import());
  rules.push_back(rules::make_broken_path_reference());
  rules.push_back(rules::make_build_undocumented());
  rules.push_back(rules::make_ci_step_undocumented());
  rules.push_back(rules::make_coding_standards_missing());
  rules.push_back(rules::make_commit_convention_implicit());
  rules.push_back(rules::make_context_file_misnamed());
  rules.push_back(rules::make_decision_link_broken());
  rules.push_back(rules::make_decision_record_incomplete());
  rules.push_back(rules::make_definition_of_done_missing());
  rules.push_back(rules::make_generated_code_undocumented());
  rules.push_back(rules::make_invalid_suppression());
  rules.push_back(rules::make_lint_format_undocumented());
  rules.push_back(rules::make_machine_specific_path());
  rules.push_back(rules::make_placeholder_content());
  rules.push_back(rules::make_release_undocumented());
  rules.push_back(rules::make_secret_in_context());
  rules.push_back(rules::make_setup_undocumented());
  rules.push_back(rules::make_test_undocumented());
  rules.push_back(rules::make_unknown_command_target());
  rules.push_back(rules::make_unused_suppression());
  // The shipped YAML rules (rules/*.yaml, embedded at build time).
  auto taken = [&rules](std::string_view id) {
    return std::any_of(rules.begin(), rules.end(), [&](const auto& rule) { return rule->meta().id == id; });
  };
  for (auto& rule : declarative::shipped_rules(taken))
    rules.push_back(std::move(rule));
  std::sort(rules.begin(), rules.end(),
            [](const auto& a, const auto& b) { return a->meta().id < b->meta().id; });
  return rules;
}

} // namespace

std::span<const std::unique_ptr<Rule>> builtin_rules() {
  static const auto rules = make_rules();
  return rules;
}

const Rule* find_rule(std::string_view id) {
  for (const auto& rule : builtin_rules())
    if (util::iequals(rule->meta().id, id))
      return rule.get();
  return nullptr;
}

bool selector_matches(std::string_view selector, std::string_view id) {
  return id.size() >= selector.size() && util::iequals(id.substr(0, selector.size()), selector);
}

bool is_known_selector(std::string_view selector) {
  if (selector.empty())
    return false;
  if (util::iequals(selector, "ALL"))
    return true;
  for (const auto& rule : builtin_rules())
    if (selector_matches(selector, rule->meta().id))
      return true;
  return false;
}

} // namespace tacit::engine
