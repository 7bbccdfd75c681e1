// `tacit rules` and `tacit rule ID`: the catalog and each rule's docs, from the rules' own metadata.

#include "commands.hpp"

#include <tacit/cli/app.hpp>
#include <tacit/declarative/rules.hpp>
#include <tacit/engine/config.hpp>
#include <tacit/engine/registry.hpp>
#include <tacit/engine/rule_docs.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace tacit::cli {

namespace {

// The rules of the run in the current directory: the built-in ones, then the repository's own (its
// .tacit.yaml rule-dirs). A repository whose configuration or rule files do not load still gets the
// built-in rules, with a note on stderr.
struct RuleCatalog {
  std::vector<std::unique_ptr<declarative::DeclarativeRule>> own;
  std::vector<const engine::Rule*> all;
};

RuleCatalog catalog() {
  RuleCatalog out;
  for (const auto& rule : engine::builtin_rules())
    out.all.push_back(rule.get());
  // Only inside a git repository: a plain directory would be walked whole just to list the rules.
  std::error_code error;
  auto dir = std::filesystem::current_path(error);
  while (!error && !dir.empty() && !std::filesystem::exists(dir / ".git", error)) {
    if (dir == dir.parent_path())
      return out;
    dir = dir.parent_path();
  }
  if (error || dir.empty())
    return out;
  repo::SnapshotOptions options;
  options.path = ".";
  auto snapshot = repo::Snapshot::open(options);
  if (!snapshot)
    return out; // not in a repository: the built-in rules only
  auto config = engine::load_repository_config(**snapshot);
  if (!config) {
    fmt::print(stderr, "tacit: note: the repository's own rules are not listed: {}\n",
               to_string(config.error()));
    return out;
  }
  if (config->rule_dirs.empty())
    return out;
  auto own = declarative::load_rule_dirs(**snapshot, *config);
  if (!own) {
    fmt::print(stderr, "tacit: note: the repository's own rules are not listed: {}\n",
               to_string(own.error()));
    return out;
  }
  out.own = std::move(*own);
  for (const auto& rule : out.own)
    out.all.push_back(rule.get());
  std::sort(out.all.begin(), out.all.end(),
            [](const auto* a, const auto* b) { return a->meta().id < b->meta().id; });
  return out;
}

} // namespace

int run_rules_list() {
  const auto rules = catalog();
  std::size_t name_width = 4;
  for (const auto* rule : rules.all)
    name_width = std::max(name_width, rule->meta().name.size());
  fmt::print("{:<8} {:<{}} {:<8} {:<8} {}\n", "ID", "NAME", name_width, "CATEGORY", "SEVERITY", "FIRES WHEN");
  for (const auto* rule : rules.all) {
    const auto& meta = rule->meta();
    fmt::print("{:<8} {:<{}} {:<8} {:<8} {}\n", meta.id, meta.name, name_width, meta.category,
               engine::to_string(meta.severity), meta.summary);
  }
  return k_exit_clean;
}

int run_rule_docs(const std::string& id) {
  const auto rules = catalog();
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
