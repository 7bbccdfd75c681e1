// Tests for the rule docs renderer behind `tacit rule ID`, docs/rules/ and SARIF help.

#include <tacit/engine/rule_docs.hpp>

#include <doctest/doctest.h>

using namespace tacit::engine;

namespace {
constexpr RuleOption k_options[] = {{"min-commits", "20", "How many commits it needs."}};
const RuleMeta k_meta{"CTX009",        "some-rule",
                      "CTX",           Severity::warning,
                      "when it fires", RuleDocs{"It finds.", "It matters.", "```\nx\n```", "Write it."},
                      k_options};
} // namespace

TEST_CASE("rule_docs_markdown: fixed headings, then the options table") {
  CHECK(rule_docs_markdown(k_meta) == "# CTX009 some-rule\n\nCategory: CTX. Default severity: warning.\n\n"
                                      "## What it does\n\nIt finds.\n\n## Why is this bad?\n\nIt matters.\n\n"
                                      "## Example\n\n```\nx\n```\n\n## How to fix\n\nWrite it.\n\n"
                                      "## Options\n\n| option | default | what it sets |\n|---|---|---|\n"
                                      "| `min-commits` | `20` | How many commits it needs. |\n");
}

TEST_CASE("rule_docs_text: plain paragraphs, no headings") {
  const auto text = rule_docs_text(k_meta);
  CHECK(text == "CTX009 some-rule: when it fires\n\nIt finds.\n\nWhy is this bad? It matters.\n\nHow to fix: "
                "Write it.\n\nOption min-commits (default 20): How many commits it needs.\n");
  const RuleMeta plain{"A1", "a", "A", Severity::info, "s", RuleDocs{"w", "y", "e", "h"}};
  CHECK(rule_docs_text(plain) == "A1 a: s\n\nw\n\nWhy is this bad? y\n\nHow to fix: h\n");
}
