// CMake presets: what `cmake --preset X`, `cmake --build --preset X`, `ctest --preset X`, `cpack --preset X`
// and `cmake --workflow --preset X` can run. Local `include`s are followed (bounded); a missing or
// unresolvable include makes the sets of that presets file incomplete.

#include "json_scripts.hpp"
#include "runners.hpp"

#include <tacit/util/strings.hpp>

#include <array>
#include <deque>
#include <map>
#include <set>
#include <utility>

namespace tacit::facts {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_kinds{{
    {"configurePresets", "cmake-configure-preset"},
    {"buildPresets", "cmake-build-preset"},
    {"testPresets", "cmake-test-preset"},
    {"packagePresets", "cmake-package-preset"},
    {"workflowPresets", "cmake-workflow-preset"},
}};

// More files than this in one include graph: give up on completeness.
constexpr std::size_t k_max_files = 32;

struct Preset {
  std::string binary_dir;
  std::vector<std::string> inherits;
};

std::vector<std::string> strings_of(const yaml::Node* node) {
  std::vector<std::string> out;
  if (!node)
    return out;
  if (node->is_scalar())
    out.emplace_back(node->value);
  for (const auto& item : node->items)
    if (item.is_scalar())
      out.emplace_back(item.value);
  return out;
}

// binaryDir through `inherits` (first parent that sets it wins), bounded.
std::string binary_dir(const std::map<std::string, Preset>& presets, const std::string& name, int depth = 0) {
  const auto it = presets.find(name);
  if (it == presets.end() || depth > 16)
    return {};
  if (!it->second.binary_dir.empty())
    return it->second.binary_dir;
  for (const auto& parent : it->second.inherits)
    if (auto dir = binary_dir(presets, parent, depth + 1); !dir.empty())
      return dir;
  return {};
}

// One presets file and the files it includes, as sets per kind and file.
void read_group(const FileList& files, const FileReader& read, const repo::FileEntry& start,
                std::vector<TargetSet>& out) {
  std::vector<TargetSet> sets;
  std::map<std::string, Preset> configure; // every configure preset, hidden ones included
  bool complete = true;
  std::set<std::string> seen{start.path};
  std::deque<const repo::FileEntry*> queue{&start};
  while (!queue.empty()) {
    const auto* file = queue.front();
    queue.pop_front();
    const auto& root = read.json(*file);
    if (!root || !root->is_map()) {
      complete = false;
      continue;
    }
    for (const auto& include : strings_of(root->find("include"))) {
      const auto dir = util::dir_name(file->path);
      const auto path = util::normalize_path(dir.empty() ? include : std::string(dir) + "/" + include);
      if (include.find('$') != std::string::npos || include.starts_with('/') || path.empty()) {
        complete = false;
        continue;
      }
      if (!seen.insert(path).second)
        continue;
      const auto* entry = find_entry(files, path);
      if (!entry || seen.size() > k_max_files) {
        complete = false;
        continue;
      }
      queue.push_back(entry);
    }
    for (const auto& [key, runner] : k_kinds) {
      const auto* list = root->find(key);
      if (!list || !list->is_sequence())
        continue;
      TargetSet set{std::string(runner), file->path, {}, {}, true, {}, {}};
      for (const auto& preset : list->items) {
        const auto* name = preset.find("name");
        if (!name || !name->is_scalar())
          continue;
        const auto* hidden = preset.find("hidden");
        if (key == "configurePresets") {
          auto& info = configure[name->value];
          if (const auto* dir = preset.find("binaryDir"); dir && dir->is_scalar())
            info.binary_dir = dir->value;
          info.inherits = strings_of(preset.find("inherits"));
        }
        if (hidden && hidden->scalar() == "true")
          continue;
        set.targets.emplace(name->value, name->line);
        if (const auto* uses = preset.find("configurePreset"); uses && uses->is_scalar())
          set.recipes[name->value] = uses->value;
      }
      sets.push_back(std::move(set));
    }
  }
  for (auto& set : sets) {
    set.complete = complete;
    if (set.runner == "cmake-configure-preset")
      for (const auto& [name, line] : set.targets)
        set.recipes[name] = binary_dir(configure, name);
    out.push_back(std::move(set));
  }
}

} // namespace

const repo::FileEntry* find_entry(const FileList& files, std::string_view path) {
  const auto it =
      std::lower_bound(files.begin(), files.end(), path,
                       [](const repo::FileEntry* file, std::string_view p) { return file->path < p; });
  return it != files.end() && (*it)->path == path ? *it : nullptr;
}

void extract_cmake_presets(const FileList& files, const FileReader& read, std::vector<TargetSet>& out) {
  for (const auto* file : files) {
    const auto name = util::base_name(file->path);
    if (name == "CMakePresets.json" || name == "CMakeUserPresets.json")
      read_group(files, read, *file, out);
  }
}

} // namespace tacit::facts
