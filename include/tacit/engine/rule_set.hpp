#pragma once
// The rules of a run as the engine sees them: a list that it is handed and never builds. The
// engine knows no specific rule; catalog/ composes the list (built-in C++ rules, shipped YAML rules, the
// repository's own rule-dirs) above it.

#include <tacit/engine/rule.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace tacit::engine {

/// A list of rules in the order the catalogue gives (the built-in ones by id, then the repository's own by
/// file path); reports list rules in this order. It views the rules; they must outlive it.
class RuleSet {
public:
  RuleSet() = default;
  /// Keeps the order of `rules`.
  explicit RuleSet(std::vector<const Rule*> rules);

  /// The rules, in order.
  std::span<const Rule* const> rules() const { return m_rules; }
  /// Their metadata, in the same order.
  std::span<const RuleMeta* const> metas() const { return m_metas; }
  /// The rule with this id (case-insensitive), or nullptr.
  const Rule* find(std::string_view id) const;
  /// True when `selector` is ALL, a rule id or a category prefix of at least one rule ("CTX", "TASK1").
  bool is_known_selector(std::string_view selector) const;
  /// True when `token` names a rule of the set: an id or a prefix of one (ALL is not a rule).
  bool matches_any(std::string_view token) const;

private:
  std::vector<const Rule*> m_rules;
  std::vector<const RuleMeta*> m_metas;
};

/// True when rule `id` is matched by selector (exact id, or id starts with the selector; ASCII
/// case-insensitive).
bool selector_matches(std::string_view selector, std::string_view id);

} // namespace tacit::engine
