#pragma once
// A rule's documentation rendered from its RuleMeta: the one renderer behind `tacit rule ID`,
// docs/rules/ID.md and the help of every rule in SARIF output.

#include <tacit/engine/rule.hpp>

#include <string>

namespace tacit::engine {

/// The rule's docs as Markdown: title, category and severity, the fixed headings, then its options.
std::string rule_docs_markdown(const RuleMeta& meta);

/// The same docs as plain text (no headings markup), for consumers that cannot render Markdown.
std::string rule_docs_text(const RuleMeta& meta);

} // namespace tacit::engine
