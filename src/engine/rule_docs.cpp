#include <tacit/engine/rule_docs.hpp>

#include <fmt/format.h>

namespace tacit::engine {

namespace {

// Said of a rule outside the default profile; the rule's own docs give the reason.
std::string opt_in_note(const RuleMeta& meta) {
  if (meta.in_default_profile)
    return {};
  return fmt::format(" Not in the default profile: it runs when a selection names it (`--select {0}`, "
                     "`--extend-select {0}`, `select: [{0}]` in .tacit.yaml) or under the `strict` profile.",
                     meta.id);
}

} // namespace

std::string rule_docs_markdown(const RuleMeta& meta) {
  std::string out =
      fmt::format("# {} {}\n\nCategory: {}. Default severity: {}.{}\n\n## What it does\n\n{}\n\n"
                  "## Why is this bad?\n\n{}\n\n## Example\n\n{}\n\n## How to fix\n\n{}\n",
                  meta.id, meta.name, meta.category, to_string(meta.severity), opt_in_note(meta),
                  meta.docs.what_it_does, meta.docs.why_it_matters, meta.docs.example, meta.docs.how_to_fix);
  if (!meta.options.empty()) {
    out += "\n## Options\n\n| option | default | what it sets |\n|---|---|---|\n";
    for (const auto& option : meta.options)
      out += fmt::format("| `{}` | `{}` | {} |\n", option.name, option.default_value, option.description);
  }
  return out;
}

std::string rule_docs_text(const RuleMeta& meta) {
  std::string out = fmt::format("{} {}: {}\n\n{}{}\n\nWhy is this bad? {}\n\nHow to fix: {}\n", meta.id,
                                meta.name, meta.summary, meta.docs.what_it_does, opt_in_note(meta),
                                meta.docs.why_it_matters, meta.docs.how_to_fix);
  for (const auto& option : meta.options)
    out += fmt::format("\nOption {} (default {}): {}", option.name, option.default_value, option.description);
  if (!meta.options.empty())
    out += '\n';
  return out;
}

} // namespace tacit::engine
