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

/// The text of a file as rules read it: "" when it looks binary; a document that is not valid UTF-8 decoded
/// as the context decoded it, so that columns mean the same as in its Document (the runner maps them back).
std::string read_text(const engine::Context& context, const repo::FileEntry& file);

/// Collects the items of `source` over the context.
SourceItems source_items(const engine::Context& context, const Source& source);

} // namespace tacit::declarative
