// `tacit rules` and `tacit rule ID`: the catalog and each rule's docs, from the rules' own metadata.

#include "commands.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/cli/app.hpp>
#include <tacit/engine/config.hpp>
#include <tacit/engine/rule_docs.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/report/report.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace tacit::cli {

namespace {

// The rules of the run in the current directory: the built-in ones and the repository's own (its
// .tacit.yaml rule-dirs), sorted by id. A repository whose configuration or rule files do not load still
// gets the built-in rules, with a note on stderr.
struct RuleCatalog {
  catalog::Catalog run = catalog::builtin_only();
  std::vector<const engine::Rule*> all;
};

RuleCatalog rule_catalog() {
  RuleCatalog out;
  const auto sorted = [&out] {
    const auto rules = out.run.rules().rules();
    out.all.assign(rules.begin(), rules.end());
    std::sort(out.all.begin(), out.all.end(),
              [](const auto* a, const auto* b) { return a->meta().id < b->meta().id; });
    return std::move(out);
  };
  // Only inside a git repository: a plain directory would be walked whole just to list the rules.
  std::error_code error;
  auto dir = std::filesystem::current_path(error);
  while (!error && !dir.empty() && !std::filesystem::exists(dir / ".git", error)) {
    if (dir == dir.parent_path())
      return sorted();
    dir = dir.parent_path();
  }
  if (error || dir.empty())
    return sorted();
  repo::SnapshotOptions options;
  options.path = ".";
  auto snapshot = repo::Snapshot::open(options);
  if (!snapshot)
    return sorted(); // not in a repository: the built-in rules only
  auto config = engine::load_repository_config(**snapshot, catalog::builtin().metas());
  if (!config) {
    fmt::print(stderr, "tacit: note: the repository's own rules are not listed: {}\n",
               to_string(config.error()));
    return sorted();
  }
  auto run = catalog::for_repository(**snapshot, *config);
  if (!run) {
    fmt::print(stderr, "tacit: note: the repository's own rules are not listed: {}\n",
               to_string(run.error()));
    return sorted();
  }
  out.run = std::move(*run);
  return sorted();
}

} // namespace

int run_rules_list(bool json) {
  const auto rules = rule_catalog();
  if (json) {
    std::vector<const engine::RuleMeta*> metas;
    for (const auto* rule : rules.all)
      metas.push_back(&rule->meta());
    const auto text = report::render_rules_json(metas);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return k_exit_clean;
  }
  std::size_t name_width = 4;
  for (const auto* rule : rules.all)
    name_width = std::max(name_width, rule->meta().name.size());
  // DEFAULT: whether the rule is in the default profile (off: it runs only when selected, or under strict).
  // FIX: whether some of its findings carry a fix that `tacit check --fix` applies.
  fmt::print("{:<8} {:<{}} {:<8} {:<8} {:<7} {:<3} {}\n", "ID", "NAME", name_width, "CATEGORY", "SEVERITY",
             "DEFAULT", "FIX", "FIRES WHEN");
  for (const auto* rule : rules.all) {
    const auto& meta = rule->meta();
    fmt::print("{:<8} {:<{}} {:<8} {:<8} {:<7} {:<3} {}\n", meta.id, meta.name, name_width, meta.category,
               engine::to_string(meta.severity), meta.in_default_profile ? "on" : "off",
               meta.fixable ? "yes" : "-", meta.summary);
  }
  return k_exit_clean;
}

int run_rule_docs(const std::string& id) {
  const auto rules = rule_catalog();
  const auto found = std::find_if(rules.all.begin(), rules.all.end(),
                                  [&](const auto* rule) { return util::iequals(rule->meta().id, id); });
  if (found == rules.all.end()) {
    std::vector<std::string_view> ids;
    for (const auto* candidate : rules.all)
      ids.push_back(candidate->meta().id);
    const auto best = util::closest_match(id, ids);
    return fail(fmt::format("unknown rule '{}'{}; see `tacit rules`", id,
                            best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
  }
  const auto text = engine::rule_docs_markdown((*found)->meta());
  std::fwrite(text.data(), 1, text.size(), stdout);
  return k_exit_clean;
}

} // namespace tacit::cli
