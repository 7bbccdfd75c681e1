// tox environments: what `tox -e X` can run. tox 4 accepts an environment that is not configured when each
// of its dash-separated factors is a Python factor (py312, pypy3) or a factor of some configured
// environment, so the set also keeps every factor it saw (names and conditional settings `py38: x`).

#include "ini.hpp"
#include "runners.hpp"
#include "toml_util.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace tacit::facts {

namespace {

constexpr std::size_t k_max_envs = 1000;

// Expands `py{38,39}-django{32,40}` and `py3{10-13}`; nullopt for nesting, substitutions or too many.
std::optional<std::vector<std::string>> expand(std::string_view text) {
  std::vector<std::string> out{""};
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '}')
      return std::nullopt;
    if (text[i] != '{') {
      for (auto& s : out)
        s += text[i];
      ++i;
      continue;
    }
    const auto close = text.find('}', i);
    if (close == std::string_view::npos)
      return std::nullopt;
    const auto inner = text.substr(i + 1, close - i - 1);
    if (inner.find_first_of("{[$") != std::string_view::npos)
      return std::nullopt;
    std::vector<std::string> choices;
    for (auto part : util::split(inner, ',')) {
      part = util::trim(part);
      const auto dash = part.find('-');
      if (dash != std::string_view::npos && dash > 0 && std::isdigit(static_cast<unsigned char>(part[0]))) {
        int from = 0;
        int to = 0;
        try {
          from = std::stoi(std::string(part.substr(0, dash)));
          to = std::stoi(std::string(part.substr(dash + 1)));
        } catch (...) {
          return std::nullopt;
        }
        if (to < from || to - from > 100)
          return std::nullopt;
        for (int n = from; n <= to; ++n)
          choices.push_back(std::to_string(n));
      } else {
        choices.emplace_back(part);
      }
    }
    std::vector<std::string> next;
    for (const auto& prefix : out)
      for (const auto& choice : choices)
        next.push_back(prefix + choice);
    if (next.size() > k_max_envs)
      return std::nullopt;
    out = std::move(next);
    i = close + 1;
  }
  return out;
}

struct ToxBuilder {
  TargetSet set;
  std::set<std::string> factors;

  void add_env(std::string_view spec, int line, std::string_view commands) {
    spec = util::trim(spec);
    if (spec.empty())
      return;
    const auto names = expand(spec);
    if (!names) {
      set.complete = false;
      return;
    }
    for (const auto& name : *names) {
      set.targets.emplace(name, line);
      if (!commands.empty() && !set.recipes.contains(name))
        set.recipes[name] = std::string(commands);
      for (auto factor : util::split(name, '-'))
        factors.emplace(factor);
    }
  }

  // Factor conditions in a multi-line value: `    py38,!lint: pytest`.
  void add_conditions(std::string_view value) {
    for (auto line : util::split_lines(value)) {
      const auto colon = line.find(": ");
      if (colon == std::string_view::npos)
        continue;
      const auto head = util::trim(line.substr(0, colon));
      if (head.empty() || head.find_first_of(" =\"'") != std::string_view::npos)
        continue;
      std::string token;
      for (char c : head) {
        if (c == ',' || c == '-' || c == '{' || c == '}' || c == '!') {
          if (!token.empty())
            factors.insert(token);
          token.clear();
        } else {
          token += c;
        }
      }
      if (!token.empty())
        factors.insert(token);
    }
  }

  void add_env_list(std::string_view value, int line) {
    if (value.find("{[") != std::string_view::npos) {
      set.complete = false;
      return;
    }
    // Commas inside braces separate factors, not environments.
    int depth = 0;
    std::string current;
    for (char c : value) {
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth == 0 && (c == ',' || c == '\n')) {
        add_env(current, line, {});
        current.clear();
      } else {
        current += c;
      }
    }
    add_env(current, line, {});
  }

  TargetSet finish() {
    set.factors.assign(factors.begin(), factors.end());
    return std::move(set);
  }
};

std::optional<TargetSet> from_ini(const std::string& path, const std::vector<ini::Section>& sections,
                                  std::string_view core) {
  ToxBuilder builder{TargetSet{"tox", path, {}, {}, true, {}, {}}, {}};
  bool is_tox = false;
  std::string base_commands;
  for (const auto& section : sections)
    if (section.name == "testenv")
      if (const auto* commands = section.find("commands"))
        base_commands = commands->value;
  for (const auto& section : sections) {
    if (section.name == core) {
      is_tox = true;
      for (auto key : {"envlist", "env_list"})
        if (const auto* list = section.find(key))
          builder.add_env_list(list->value, list->line);
      for (const auto& key : section.keys)
        if ((key.name == "requires" || key.name == "minversion") && util::contains(key.value, "<4"))
          builder.set.complete = false; // tox 3 runs any environment name
    } else if (section.name == "testenv" || section.name.starts_with("testenv:")) {
      is_tox = true;
      if (section.name != "testenv") {
        const auto* commands = section.find("commands");
        builder.add_env(section.name.substr(8), section.line, commands ? commands->value : base_commands);
      }
      for (const auto& key : section.keys)
        builder.add_conditions(key.value);
    }
  }
  // Environments from envlist run the base commands.
  for (auto& [name, line] : builder.set.targets)
    if (!builder.set.recipes.contains(name))
      builder.set.recipes[name] = base_commands;
  if (!is_tox)
    return std::nullopt;
  return builder.finish();
}

// tox.toml, or pyproject.toml's [tool.tox] (`legacy_tox_ini` or the native tables).
std::optional<TargetSet> from_toml(const std::string& path, const yaml::Node& tox) {
  if (const auto* legacy = tox.find("legacy_tox_ini"); legacy && legacy->is_scalar())
    return from_ini(path, ini::parse(legacy->value, legacy->line + 1), "tox");
  ToxBuilder builder{TargetSet{"tox", path, {}, {}, true, {}, {}}, {}};
  for (auto key : {"env_list", "envlist"})
    if (const auto* list = tox.find(key)) {
      for (const auto& item : list->items)
        builder.add_env(item.scalar(), item.line, {});
      if (!list->is_sequence())
        builder.set.complete = false;
    }
  if (const auto* envs = tox.find("env"); envs && envs->is_map())
    for (const auto& entry : envs->entries) {
      std::string commands;
      if (const auto* list = entry.value.find("commands"))
        for (const auto& command : list->items)
          for (const auto& word : command.items)
            commands.append(word.scalar()).append(" ");
      builder.add_env(entry.key, entry.line, commands);
    }
  if (tox.entries.empty())
    return std::nullopt;
  return builder.finish();
}

} // namespace

bool is_tox_python_factor(std::string_view factor) {
  for (std::string_view prefix : {"pypy", "py", "cpython", "graalpy", "jython", ""}) {
    if (!factor.starts_with(prefix))
      continue;
    auto rest = factor.substr(prefix.size());
    if (rest.ends_with('t') && rest.size() > 1)
      rest.remove_suffix(1); // free-threaded: py313t, 3.14t
    if (prefix.empty() && (rest.empty() || !std::isdigit(static_cast<unsigned char>(rest.front()))))
      return false;
    return std::all_of(rest.begin(), rest.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
  }
  return false;
}

void extract_tox(const FileList& files, const FileReader& read, std::vector<TargetSet>& out) {
  for (const auto* file : files) {
    const auto name = util::base_name(file->path);
    std::optional<TargetSet> set;
    if (name == "tox.ini") {
      set = from_ini(file->path, ini::parse(read(*file)), "tox");
    } else if (name == "setup.cfg") {
      const auto text = read(*file);
      if (util::contains(text, "[tox:tox]") || util::contains(text, "[testenv"))
        set = from_ini(file->path, ini::parse(text), "tox:tox");
    } else if (name == "pyproject.toml" || name == "tox.toml") {
      const auto text = read(*file);
      if (name == "pyproject.toml" && !util::contains(text, "tool.tox"))
        continue;
      const auto& root = read.toml(*file);
      if (!root)
        continue;
      const auto* tox = name == "tox.toml" ? &*root : root->find("tool");
      if (tox && name == "pyproject.toml")
        tox = tox->find("tox");
      if (tox && tox->is_map())
        set = from_toml(file->path, *tox);
    }
    if (set)
      out.push_back(std::move(*set));
  }
}

} // namespace tacit::facts
