#include <tacit/engine/rule_set.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>

namespace tacit::engine {

RuleSet::RuleSet(std::vector<const Rule*> rules) : m_rules(std::move(rules)) {
  m_metas.reserve(m_rules.size());
  for (const auto* rule : m_rules)
    m_metas.push_back(&rule->meta());
}

const Rule* RuleSet::find(std::string_view id) const {
  for (const auto* rule : m_rules)
    if (util::iequals(rule->meta().id, id))
      return rule;
  return nullptr;
}

bool RuleSet::matches_any(std::string_view token) const {
  return std::ranges::any_of(m_rules,
                             [&](const Rule* rule) { return selector_matches(token, rule->meta().id); });
}

bool RuleSet::is_known_selector(std::string_view selector) const {
  if (selector.empty())
    return false;
  return util::iequals(selector, "ALL") || matches_any(selector);
}

bool selector_matches(std::string_view selector, std::string_view id) {
  return id.size() >= selector.size() && util::iequals(id.substr(0, selector.size()), selector);
}

} // namespace tacit::engine
