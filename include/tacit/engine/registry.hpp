#pragma once
// The registry of built-in rules, in id order.

#include <tacit/engine/rule.hpp>

#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace tacit::engine {

/// Every built-in rule, sorted by id.
std::span<const std::unique_ptr<Rule>> builtin_rules();

/// The rule with this id (case-insensitive), or nullptr.
const Rule* find_rule(std::string_view id);

/// True when `selector` is a rule id or a category prefix of at least one rule ("CTX", "TASK1", "CTX002").
bool is_known_selector(std::string_view selector);

/// True when rule `id` is matched by selector (exact id, or id starts with the selector).
bool selector_matches(std::string_view selector, std::string_view id);

} // namespace tacit::engine
