// pre-commit hooks: what the root .pre-commit-config.yaml runs (repository, hook id, a local hook's entry).

#include "yaml_util.hpp"

#include <tacit/facts/tools.hpp>

#include <algorithm>

namespace tacit::facts {

std::vector<PreCommitHook> extract_pre_commit_hooks(const std::vector<const repo::FileEntry*>& files,
                                                    const FileReader& read) {
  std::vector<PreCommitHook> hooks;
  constexpr std::string_view k_path = ".pre-commit-config.yaml";
  const auto it =
      std::find_if(files.begin(), files.end(), [&](const auto* file) { return file->path == k_path; });
  if (it == files.end())
    return hooks;
  const auto& doc = read.yaml(**it);
  if (!doc)
    return hooks;
  const auto* repos = doc->root().find("repos");
  if (!repos || !repos->is_sequence())
    return hooks;
  for (const auto& repo : repos->items) {
    const auto* url = repo.find("repo");
    const auto* list = repo.find("hooks");
    if (!url || !list || !list->is_sequence())
      continue;
    for (const auto& hook : list->items) {
      const auto* id = hook.find("id");
      if (!id || id->scalar().empty())
        continue;
      const auto* entry = hook.find("entry");
      hooks.push_back(PreCommitHook{std::string(url->scalar()), std::string(id->scalar()),
                                    entry ? std::string(entry->scalar()) : std::string(), std::string(k_path),
                                    id->line});
    }
  }
  return hooks;
}

} // namespace tacit::facts
