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

// A section under a fixed heading; none when the rule has nothing to say there (a repository's own rule
// without `docs:`), so that no page shows an empty heading.
std::string section(std::string_view heading, std::string_view text) {
  return text.empty() ? std::string{} : fmt::format("\n## {}\n\n{}\n", heading, text);
}

} // namespace

std::string rule_docs_markdown(const RuleMeta& meta) {
  std::string out = fmt::format("# {} {}\n\nCategory: {}. Default severity: {}.{}\n", meta.id, meta.name,
                                meta.category, to_string(meta.severity), opt_in_note(meta));
  const auto& docs = meta.docs;
  if (docs.what_it_does.empty() && docs.why_it_matters.empty() && docs.example.empty() &&
      docs.how_to_fix.empty())
    out += fmt::format("\n{}\n", meta.summary);
  out += section("What it does", docs.what_it_does);
  out += section("Why is this bad?", docs.why_it_matters);
  out += section("Example", docs.example);
  out += section("How to fix", docs.how_to_fix);
  if (meta.fixable)
    out += "\n`tacit check --fix` applies the fix its findings carry where it can (`tacit check --diff` "
           "shows it "
           "first; see docs/fixes.md).\n";
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
  if (meta.fixable)
    out += "\n`tacit check --fix` applies the fix its findings carry where it can.\n";
  for (const auto& option : meta.options)
    out += fmt::format("\nOption {} (default {}): {}", option.name, option.default_value, option.description);
  if (!meta.options.empty())
    out += '\n';
  return out;
}

} // namespace tacit::engine
