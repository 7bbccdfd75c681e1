// Cargo aliases and pyproject.toml task runners: what `cargo X` (an alias from .cargo/config.toml),
// `poe X`, `hatch run [env:]X` and `pdm run X` can run.

#include "runners.hpp"
#include "toml_util.hpp"

#include <tacit/util/strings.hpp>

namespace tacit::facts {

namespace {

std::string words_of(const yaml::Node& value) {
  if (value.is_scalar())
    return value.value;
  std::vector<std::string> words;
  for (const auto& item : value.items)
    words.emplace_back(item.scalar());
  return util::join(words, " ");
}

// [tool.poe.tasks]: every key is a task (a string, a list or a table with cmd/script/sequence...).
void poe_tasks(const repo::FileEntry& file, const yaml::Node& tool, std::vector<TargetSet>& out) {
  const auto* poe = tool.find("poe");
  if (!poe || !poe->is_map())
    return;
  TargetSet set{"poe", file.path, {}, {}, true, {}, {}};
  // Tasks from other files (`include = "tasks.toml"`) are not read.
  set.complete = poe->find("include") == nullptr && poe->find("include_script") == nullptr;
  if (const auto* tasks = poe->find("tasks"); tasks && tasks->is_map())
    for (const auto& entry : tasks->entries) {
      set.targets.emplace(entry.key, entry.line);
      const auto* cmd = entry.value.is_map() ? entry.value.find("cmd") : &entry.value;
      if (cmd)
        set.recipes[entry.key] = words_of(*cmd);
    }
  out.push_back(std::move(set));
}

// [tool.hatch.envs.NAME.scripts]: `hatch run NAME:script`, and `hatch run script` for the default env.
void hatch_scripts(const repo::FileEntry& file, const yaml::Node& tool, std::vector<TargetSet>& out) {
  const auto* hatch = tool.find("hatch");
  const auto* envs = hatch ? hatch->find("envs") : nullptr;
  if (!envs || !envs->is_map())
    return;
  // Environments inherit the default environment's scripts (`template`), and hatch.toml may add more: the
  // list is evidence, not the whole set.
  TargetSet set{"hatch", file.path, {}, {}, false, {}, {}};
  for (const auto& env : envs->entries) {
    const auto* scripts = env.value.find("scripts");
    if (!scripts || !scripts->is_map())
      continue;
    for (const auto& script : scripts->entries) {
      const auto name = env.key == "default" ? script.key : env.key + ":" + script.key;
      set.targets.emplace(name, script.line);
      set.recipes[name] = words_of(script.value);
    }
  }
  if (!set.targets.empty())
    out.push_back(std::move(set));
}

// [tool.pdm.scripts]: `pdm run NAME` (a string, or a table with cmd, shell or composite; `_` holds shared
// settings, `call` runs a Python function).
void pdm_scripts(const repo::FileEntry& file, const yaml::Node& tool, std::vector<TargetSet>& out) {
  const auto* pdm = tool.find("pdm");
  const auto* scripts = pdm ? pdm->find("scripts") : nullptr;
  if (!scripts || !scripts->is_map())
    return;
  TargetSet set{"pdm", file.path, {}, {}, true, {}, {}};
  for (const auto& entry : scripts->entries) {
    if (entry.key == "_")
      continue;
    set.targets.emplace(entry.key, entry.line);
    if (!entry.value.is_map()) {
      set.recipes[entry.key] = words_of(entry.value);
      continue;
    }
    std::string recipe;
    for (std::string_view key : {"cmd", "shell"})
      if (const auto* value = entry.value.find(key))
        recipe += words_of(*value) + "\n";
    if (const auto* composite = entry.value.find("composite"))
      for (const auto& item : composite->items)
        recipe += std::string(item.scalar()) + "\n";
    set.recipes[entry.key] = recipe;
  }
  out.push_back(std::move(set));
}

} // namespace

void extract_cargo_aliases(const FileList& files, const FileReader& read, std::vector<TargetSet>& out) {
  for (const auto* file : files) {
    if (!file->path.ends_with(".cargo/config.toml") && !file->path.ends_with(".cargo/config"))
      continue;
    const auto name = util::base_name(util::dir_name(file->path));
    if (name != ".cargo")
      continue;
    const auto& root = read.toml(*file);
    if (!root)
      continue;
    const auto* aliases = root->find("alias");
    if (!aliases || !aliases->is_map())
      continue;
    TargetSet set{"cargo-alias", file->path, {}, {}, true, {}, {}};
    for (const auto& entry : aliases->entries) {
      set.targets.emplace(entry.key, entry.line);
      set.recipes[entry.key] = words_of(entry.value);
    }
    out.push_back(std::move(set));
  }
}

void extract_pyproject_runners(const FileList& files, const FileReader& read, std::vector<TargetSet>& out) {
  for (const auto* file : files) {
    if (util::base_name(file->path) != "pyproject.toml")
      continue;
    const auto text = read(*file);
    if (!util::contains(text, "tool.poe") && !util::contains(text, "tool.hatch") &&
        !util::contains(text, "tool.pdm"))
      continue;
    const auto& root = read.toml(*file);
    if (!root)
      continue;
    if (const auto* tool = root->find("tool"); tool && tool->is_map()) {
      poe_tasks(*file, *tool, out);
      hatch_scripts(*file, *tool, out);
      pdm_scripts(*file, *tool, out);
    }
  }
}

} // namespace tacit::facts
