// `tacit rules` and `tacit rule ID`: the catalog and each rule's docs, from the rules' own metadata.

#include "commands.hpp"

#include <tacit/cli/app.hpp>
#include <tacit/engine/registry.hpp>
#include <tacit/engine/rule_docs.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <cstdio>

namespace tacit::cli {

int run_rules_list() {
  std::size_t name_width = 4;
  for (const auto& rule : engine::builtin_rules())
    name_width = std::max(name_width, rule->meta().name.size());
  fmt::print("{:<8} {:<{}} {:<8} {:<8} {}\n", "ID", "NAME", name_width, "CATEGORY", "SEVERITY", "FIRES WHEN");
  for (const auto& rule : engine::builtin_rules()) {
    const auto& meta = rule->meta();
    fmt::print("{:<8} {:<{}} {:<8} {:<8} {}\n", meta.id, meta.name, name_width, meta.category,
               engine::to_string(meta.severity), meta.summary);
  }
  return k_exit_clean;
}

int run_rule_docs(const std::string& id) {
  const auto* rule = engine::find_rule(id);
  if (!rule) {
    std::vector<std::string_view> ids;
    for (const auto& candidate : engine::builtin_rules())
      ids.push_back(candidate->meta().id);
    const auto best = util::closest_match(id, ids);
    return fail(fmt::format("unknown rule '{}'{}; see `tacit rules`", id,
                            best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
  }
  const auto text = engine::rule_docs_markdown(rule->meta());
  std::fwrite(text.data(), 1, text.size(), stdout);
  return k_exit_clean;
}

} // namespace tacit::cli
