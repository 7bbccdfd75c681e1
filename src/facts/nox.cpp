// nox sessions: what `nox -s X` can run. A line scan of noxfile.py: decorators at column 0
// (`@nox.session`, `@nox.session(name=..., python=[...])`, nox-poetry's `@session`), the function they
// decorate, and what makes the list incomplete (sessions registered in a loop, by a call, or by an imported
// local module). Every session also matches `name-*` and `name(*`: parametrized and multi-Python sessions.

#include "runners.hpp"

#include <tacit/util/strings.hpp>

#include <algorithm>

namespace tacit::facts {

namespace {

bool is_session_decorator(std::string_view line) {
  for (auto prefix : {"@nox.session", "@nox_poetry.session", "@session"})
    if (line.starts_with(prefix)) {
      const auto rest = line.substr(std::string_view(prefix).size());
      return rest.empty() || rest.front() == '(' || rest.front() == ' ' || rest.front() == '#';
    }
  return false;
}

// The string value of `name=` in a decorator's text, or "".
std::string name_argument(std::string_view text) {
  for (std::size_t at = text.find("name"); at != std::string_view::npos; at = text.find("name", at + 1)) {
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_'))
      continue;
    auto rest = util::trim_left(text.substr(at + 4));
    if (!rest.starts_with('='))
      continue;
    rest = util::trim_left(rest.substr(1));
    if (rest.empty() || (rest.front() != '"' && rest.front() != '\''))
      return {};
    const auto end = rest.find(rest.front(), 1);
    return end == std::string_view::npos ? std::string() : std::string(rest.substr(1, end - 1));
  }
  return {};
}

// The root module of an import line, or "".
std::string_view imported_module(std::string_view line) {
  std::string_view rest;
  if (line.starts_with("from "))
    rest = line.substr(5);
  else if (line.starts_with("import "))
    rest = line.substr(7);
  else
    return {};
  rest = util::trim_left(rest);
  if (rest.starts_with('.'))
    return "."; // a relative import is local
  const auto end = rest.find_first_of(". ,");
  return rest.substr(0, end);
}

// What a session body from line `begin` runs: the string literals of each `session.run(...)` /
// `session.run_always(...)` call (`session.run("mypy", "src")` -> `mypy src`), one call per line; installs
// are left out. The body ends at the next line at column 0.
std::string session_recipe(const std::vector<std::string_view>& lines, std::size_t begin) {
  std::string out;
  for (std::size_t k = begin; k < lines.size() && k < begin + 300; ++k) {
    const auto line = lines[k];
    if (!line.empty() && line.front() != ' ' && line.front() != '\t' && line.front() != '#')
      break;
    if (!util::contains(line, ".run(") && !util::contains(line, ".run_always("))
      continue;
    std::string call;
    int depth = 0;
    for (; k < lines.size(); ++k) {
      for (char c : lines[k])
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      call.append(lines[k]).append(" ");
      if (depth <= 0)
        break;
    }
    std::vector<std::string> words;
    char quote = 0;
    std::string word;
    for (const char c : call.substr(call.find(".run"))) {
      if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
        word.clear();
      } else if (quote != 0 && c == quote) {
        quote = 0;
        words.push_back(word);
      } else if (quote != 0) {
        word += c;
      }
    }
    if (!words.empty())
      out.append(util::join(words, " ")).append("\n");
  }
  return out;
}

TargetSet parse_noxfile(const FileList& files, const repo::FileEntry& file, std::string_view content) {
  TargetSet set{"nox", file.path, {}, {}, true, {}, {}};
  const auto lines = util::split_lines(content);
  const auto dir = std::string(util::dir_name(file.path));
  const auto local = [&](std::string_view module) {
    if (module == ".")
      return true;
    if (module == "nox" || module == "nox_poetry")
      return false; // nox's own repository has a local `nox` package
    const auto base = dir.empty() ? std::string(module) : dir + "/" + std::string(module);
    return find_entry(files, base + ".py") || find_entry(files, base + "/__init__.py");
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = lines[i];
    const auto trimmed = util::trim(line);
    if (const auto module = imported_module(line); !module.empty() && local(module)) {
      set.complete = false; // an imported module can register sessions too
      continue;
    }
    if (!is_session_decorator(trimmed)) {
      if (util::contains(trimmed, "nox.session(") && !trimmed.starts_with('#'))
        set.complete = false; // `nox.session(func)`: a session registered by a call
      continue;
    }
    if (line.front() != '@') {
      set.complete = false; // a decorator inside a loop, a function or a class
      continue;
    }
    const int decorator_line = static_cast<int>(i) + 1;
    std::string text;
    int depth = 0;
    std::size_t j = i;
    for (; j < lines.size(); ++j) {
      for (char c : lines[j])
        depth += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
      text.append(lines[j]).append("\n");
      if (depth <= 0)
        break;
    }
    // The function below the decorators.
    std::string function;
    for (++j; j < lines.size() && j < i + 200; ++j) {
      auto next = util::trim(lines[j]);
      if (next.starts_with("async "))
        next = util::trim_left(next.substr(6));
      if (next.starts_with("def ")) {
        const auto name = util::trim(next.substr(4));
        function = std::string(name.substr(0, name.find('(')));
        break;
      }
    }
    auto name = name_argument(text);
    if (name.empty())
      name = function;
    if (name.empty()) {
      set.complete = false;
      continue;
    }
    set.targets.emplace(name, decorator_line);
    if (auto recipe = session_recipe(lines, j + 1); !recipe.empty())
      set.recipes[name] = std::move(recipe);
    set.patterns.push_back(name + "-*");
    set.patterns.push_back(name + "(*");
    i = j;
  }
  return set;
}

} // namespace

void extract_nox(const FileList& files, const FileReader& read, std::vector<TargetSet>& out) {
  for (const auto* file : files)
    if (util::base_name(file->path) == "noxfile.py")
      out.push_back(parse_noxfile(files, *file, read(*file)));
}

} // namespace tacit::facts
