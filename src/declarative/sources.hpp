#pragma once
// The items a `mentions` check joins against the docs.

#include "rule.hpp"

#include <string>
#include <vector>

namespace tacit::declarative {

/// Items in source order, and the files whose query ran out of its time budget.
struct SourceItems {
  std::vector<FactItem> items;
  std::vector<std::string> over_budget;
};

/// Collects the items of `source` over the context.
SourceItems source_items(const engine::Context& context, const Source& source);

} // namespace tacit::declarative
