// `tacit config`: the effective configuration after `extends`, and where --config / --isolated come in.

#include "commands.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/cli/app.hpp>
#include <tacit/engine/policy.hpp>
#include <tacit/repo/snapshot.hpp>

#include <fmt/format.h>

#include <cstdio>

namespace tacit::cli {

Result<std::optional<engine::Config>> given_config(const std::string& file, bool isolated) {
  if (isolated)
    return std::optional<engine::Config>(engine::Config{});
  if (file.empty())
    return std::optional<engine::Config>{};
  auto config = engine::load_config_file(file, catalog::builtin().metas());
  if (!config)
    return std::unexpected(config.error());
  return std::optional<engine::Config>(std::move(*config));
}

int run_config(const ConfigSettings& settings) {
  auto given = given_config(settings.config_file, settings.isolated);
  if (!given)
    return fail(to_string(given.error()));
  repo::SnapshotOptions options;
  options.path = settings.path;
  auto snapshot = repo::Snapshot::open(options);
  // With --config or --isolated, no repository is needed (then no rule-dirs are loaded).
  if (!snapshot && !*given)
    return fail(to_string(snapshot.error()));
  engine::Config config;
  if (*given) {
    config = std::move(**given);
  } else {
    auto loaded = engine::load_repository_config(**snapshot, catalog::builtin().metas());
    if (!loaded)
      return fail(to_string(loaded.error()));
    config = std::move(*loaded);
  }
  // Rule ids and options are checked against every rule, the repository's own included.
  auto rules = catalog::builtin_only();
  if (snapshot) {
    auto loaded = catalog::for_repository(**snapshot, config);
    if (!loaded)
      return fail(to_string(loaded.error()));
    rules = std::move(*loaded);
  }
  if (auto valid = engine::validate_config(config, rules.rules().metas()); !valid)
    return fail(to_string(valid.error()));
  const auto text = engine::format_config(config);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return k_exit_clean;
}

} // namespace tacit::cli
