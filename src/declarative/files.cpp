// Where rule files come from: the shipped ones embedded at build time, and the rule-dirs of a repository,
// read through its snapshot.

#include "rule.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <set>
#include <stdexcept>

namespace tacit::declarative {

/// Generated from rules/*.yaml by cmake/EmbedRules.cmake: (path, content) pairs, sorted by path.
std::vector<std::pair<std::string_view, std::string_view>> embedded_rule_files();

std::vector<std::unique_ptr<engine::Rule>> shipped_rules(const std::function<bool(std::string_view)>& taken) {
  std::vector<std::unique_ptr<engine::Rule>> out;
  std::set<std::string, std::less<>> ids;
  LoadOptions options;
  options.id_taken = [&](std::string_view id) { return (taken && taken(id)) || ids.contains(id); };
  for (const auto& [path, text] : embedded_rule_files()) {
    auto rule = load_rule_file(text, path, options);
    if (!rule)
      throw std::logic_error(fmt::format("shipped rule {} does not load: {}", path, to_string(rule.error())));
    ids.insert(std::string((*rule)->meta().id));
    out.push_back(std::move(*rule));
  }
  return out;
}

Result<std::vector<std::unique_ptr<DeclarativeRule>>>
load_rule_dirs(const repo::Snapshot& snapshot, const engine::Config& config,
               const std::function<bool(std::string_view)>& taken) {
  std::vector<std::unique_ptr<DeclarativeRule>> out;
  std::map<std::string, std::string, std::less<>> ids; // id -> rule file
  LoadOptions options;
  options.filesets = &config.filesets;
  options.id_taken = [&](std::string_view id) { return (taken && taken(id)) || ids.contains(id); };
  const auto config_path = config.source.empty() ? std::string(engine::k_config_file_name) : config.source;
  for (std::size_t d = 0; d < config.rule_dirs.size(); ++d) {
    const auto& dir = config.rule_dirs[d];
    // Where the folder is named (the file of an `extends` chain that set it, and its line).
    const auto error_at = [&](std::string message) -> Result<std::vector<std::unique_ptr<DeclarativeRule>>> {
      if (d < config.rule_dir_origins.size() && !config.rule_dir_origins[d].file.empty()) {
        const auto& origin = config.rule_dir_origins[d];
        return std::unexpected(
            Error{ErrorCode::config, std::move(message), origin.file, origin.line, origin.column});
      }
      return make_error(ErrorCode::config, std::move(message), config_path);
    };
    bool escaped = false;
    const auto folder = util::normalize_path(dir, &escaped);
    if (escaped || dir.starts_with('/'))
      return error_at(fmt::format("rule-dirs: '{}' is not a folder inside the repository", dir));
    bool any = false;
    for (const auto& file : snapshot.files()) {
      const bool inside = folder.empty() || folder == "." || file.path.starts_with(folder + "/");
      if (!inside || !(file.path.ends_with(".yaml") || file.path.ends_with(".yml")))
        continue;
      any = true;
      auto content = snapshot.read(file);
      if (!content)
        return std::unexpected(content.error());
      auto rule = load_rule_file(content->bytes, file.path, options);
      if (!rule)
        return std::unexpected(rule.error());
      ids.emplace((*rule)->meta().id, file.path);
      out.push_back(std::move(*rule));
    }
    if (!any)
      return error_at(fmt::format("rule-dirs: '{}' holds no tracked rule file (*.yaml, *.yml)", dir));
  }
  return out;
}

} // namespace tacit::declarative
