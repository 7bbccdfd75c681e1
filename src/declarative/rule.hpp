#pragma once
// Inside the declarative module: parsing into a RuleSpec, the rule object, and what evaluation needs
// (filesets, fact kinds, templates).

#include "spec.hpp"

#include <tacit/declarative/rules.hpp>
#include <tacit/engine/context.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::declarative {

/// Parses and validates a rule file.
Result<RuleSpec> parse_rule_spec(std::string_view text, std::string_view path, const LoadOptions& options);

/// The rule object of a parsed spec.
std::unique_ptr<DeclarativeRule> make_rule(RuleSpec spec);

/// One item of a fact kind: its text and where it is written.
struct FactItem {
  std::string text;
  engine::Location location;
  std::string detail; ///< what the item is, for evidence notes ("24 source files", "assigns reviewers")
  long size = 0;      ///< its size, for `order: largest` (a module's source files)
};

/// The count and items of a fact kind over a context (source-files has a count and no items).
struct FactValue {
  long count = 0;
  std::vector<FactItem> items;
};

/// Evaluates fact kind `name` (a known one).
FactValue fact_value(const engine::Context& context, std::string_view name);

/// True for a known fact kind.
bool is_fact_kind(std::string_view name);

/// The in-scope files of fileset `name` (a user fileset of that name replaces a built-in one), sorted.
std::vector<const repo::FileEntry*> fileset_files(const engine::Context& context, std::string_view name);

/// The files of several filesets, each once, sorted by path.
std::vector<const repo::FileEntry*> fileset_union(const engine::Context& context,
                                                  const std::vector<std::string>& names);

/// Renders a template; `lookup` gives a placeholder's value (nullopt: not set, renders empty).
std::string render(const Template& text,
                   const std::function<std::optional<std::string>(std::string_view)>& lookup);

/// True when the condition holds.
/// `options` gives the rule's option values for bounds written as `{{options.NAME}}` (null: the bounds' own
/// numbers only).
bool holds(const Condition& condition, const engine::Context& context,
           const engine::Emitter* options = nullptr);

} // namespace tacit::declarative
