// Taskfile (go-task) tasks: what `task X` can run. Tasks and their aliases, and local includes as `ns:task`
// (nested namespaces, namespace aliases, `flatten`), bounded; a remote, templated or missing include makes
// the Taskfile's sets incomplete. Internal tasks are not targets; wildcard tasks (`start:*`) are patterns.

#include "runners.hpp"
#include "yaml_util.hpp"

#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <set>

namespace tacit::facts {

namespace {

// What a task runs: its commands (`cmds:` strings, `cmd:` and `task:` of their maps; the short forms, a
// string or a list of strings) and the tasks of its `deps:`, one per line, for the procedure rules.
std::string recipe_of(const yaml::Node& task) {
  std::string out;
  const auto add_items = [&out](const yaml::Node& list) {
    if (list.is_scalar())
      out.append(list.scalar()).append("\n");
    for (const auto& item : list.items) {
      if (item.is_scalar())
        out.append(item.scalar()).append("\n");
      else if (item.is_map())
        for (std::string_view key : {"cmd", "task"})
          if (const auto* value = item.find(key); value && value->is_scalar())
            out.append(value->scalar()).append("\n");
    }
  };
  if (!task.is_map()) {
    add_items(task);
    return out;
  }
  for (std::string_view key : {"deps", "cmds"})
    if (const auto* list = task.find(key))
      add_items(*list);
  return out;
}

constexpr std::array<std::string_view, 8> k_taskfile_names{
    "Taskfile.yml",      "taskfile.yml",      "Taskfile.yaml",      "taskfile.yaml",
    "Taskfile.dist.yml", "taskfile.dist.yml", "Taskfile.dist.yaml", "taskfile.dist.yaml"};

constexpr int k_max_depth = 8;
constexpr std::size_t k_max_files = 64;

bool is_taskfile_name(std::string_view name) {
  return std::find(k_taskfile_names.begin(), k_taskfile_names.end(), name) != k_taskfile_names.end();
}

struct Loader {
  const FileList& files;
  const FileReader& read;
  std::vector<TargetSet> sets;
  bool complete = true;
  std::size_t loaded = 0;

  // The Taskfile an include names: a file, or a directory holding one.
  const repo::FileEntry* resolve(std::string_view from_dir, std::string_view target) const {
    const auto path =
        util::normalize_path(from_dir.empty() ? std::string(target) : fmt_path(from_dir, target));
    if (path.empty())
      return nullptr;
    if (const auto* file = find_entry(files, path))
      return file;
    for (auto name : k_taskfile_names)
      if (const auto* file = find_entry(files, fmt_path(path, name)))
        return file;
    return nullptr;
  }

  static std::string fmt_path(std::string_view dir, std::string_view name) {
    return std::string(dir) + "/" + std::string(name);
  }

  // Loads `file` with every task name prefixed by one of `prefixes` ("" for the root, "ns:" included).
  void load(const repo::FileEntry& file, const std::vector<std::string>& prefixes, int depth) {
    if (depth > k_max_depth || ++loaded > k_max_files) {
      complete = false;
      return;
    }
    const auto& document = read.yaml(file);
    if (!document || !document->root().is_map()) {
      complete = false;
      return;
    }
    const auto& root = document->root();
    TargetSet set{"task", file.path, {}, {}, true, {}, {}};
    const auto add = [&](std::string_view name, int line) {
      for (const auto& prefix : prefixes) {
        const auto full = prefix + std::string(name);
        if (name.find('*') != std::string_view::npos)
          set.patterns.push_back(full);
        else
          set.targets.emplace(full, line);
      }
    };
    if (const auto* tasks = root.find("tasks"); tasks && tasks->is_map()) {
      for (const auto& entry : tasks->entries) {
        if (entry.key.find("{{") != std::string::npos) {
          complete = false;
          continue;
        }
        if (const auto* internal = entry.value.find("internal"); internal && internal->scalar() == "true")
          continue;
        add(entry.key, entry.line);
        if (auto recipe = recipe_of(entry.value); !recipe.empty())
          for (const auto& prefix : prefixes)
            set.recipes[prefix + entry.key] = recipe;
        if (entry.key == "default" && depth > 0)
          for (const auto& prefix : prefixes)
            if (!prefix.empty())
              set.targets.emplace(prefix.substr(0, prefix.size() - 1), entry.line);
        if (const auto* aliases = entry.value.find("aliases"))
          for (const auto& alias : aliases->items)
            add(alias.scalar(), alias.line);
      }
    }
    sets.push_back(std::move(set));
    const auto* includes = root.find("includes");
    if (!includes || !includes->is_map())
      return;
    for (const auto& entry : includes->entries) {
      const auto& value = entry.value;
      std::string_view target = value.scalar();
      bool optional = false;
      bool flatten = false;
      std::vector<std::string> names{entry.key};
      if (value.is_map()) {
        if (const auto* internal = value.find("internal"); internal && internal->scalar() == "true")
          continue;
        const auto* taskfile = value.find("taskfile");
        target = taskfile ? taskfile->scalar() : std::string_view();
        optional = value.find("optional") && value.find("optional")->scalar() == "true";
        flatten = value.find("flatten") && value.find("flatten")->scalar() == "true";
        if (const auto* aliases = value.find("aliases"))
          for (const auto& alias : aliases->items)
            names.emplace_back(alias.scalar());
      }
      if (target.empty() || target.find("{{") != std::string_view::npos ||
          target.find("://") != std::string_view::npos || target.starts_with('/') ||
          target.starts_with('~')) {
        complete = false;
        continue;
      }
      const auto* included = resolve(util::dir_name(file.path), target);
      if (!included) {
        complete = complete && optional;
        continue;
      }
      std::vector<std::string> next;
      for (const auto& prefix : prefixes) {
        if (flatten)
          next.push_back(prefix);
        else
          for (const auto& name : names)
            next.push_back(prefix + name + ":");
      }
      load(*included, next, depth + 1);
    }
  }
};

} // namespace

void extract_taskfiles(const FileList& files, const FileReader& read, std::vector<TargetSet>& out) {
  for (const auto* file : files) {
    if (!is_taskfile_name(util::base_name(file->path)))
      continue;
    Loader loader{files, read, {}, true, 0};
    loader.load(*file, {""}, 0);
    if (loader.sets.empty())
      continue; // not a Taskfile we can read: no runner known
    for (auto& set : loader.sets) {
      set.complete = loader.complete;
      out.push_back(std::move(set));
    }
  }
}

} // namespace tacit::facts
