// Task-runner targets: what `make X`, `npm run X` and `just X` can run. Used to catch docs that tell the
// reader to run a target that does not exist (CTX003).

#include "json_scripts.hpp"
#include "runners.hpp"

#include <tacit/facts/builds.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace tacit::facts {

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/' ||
         c == '%';
}

// Make's conditional directives: `ifeq (...)`, `else`, `endif`...
bool is_conditional(std::string_view line) {
  for (std::string_view word : {"ifeq", "ifneq", "ifdef", "ifndef", "else", "endif"})
    if (line.starts_with(word) && (line.size() == word.size() || line[word.size()] == ' ' ||
                                   line[word.size()] == '\t' || line[word.size()] == '('))
      return true;
  return false;
}

// Makefile rules: `a b: deps`, not `x := y`, `x ?= y`, recipes (tab-indented) or conditionals.
TargetSet parse_makefile(const repo::FileEntry& file, std::string_view content) {
  TargetSet set{"make", file.path, {}, {}, true, {}, {}};
  int line_no = 0;
  std::vector<std::string> current; // the targets whose recipe follows
  for (auto raw : util::split_lines(content)) {
    ++line_no;
    if (raw.starts_with('\t')) {
      // `@cmd` (silent), `-cmd` (errors ignored), `+cmd`: the command is `cmd`.
      auto command = util::trim(raw);
      while (!command.empty() && (command.front() == '@' || command.front() == '-' || command.front() == '+'))
        command = util::trim_left(command.substr(1));
      for (const auto& target : current)
        set.recipes[target].append(command).append("\n");
      continue;
    }
    if (is_conditional(util::trim(raw)))
      continue; // both branches of an ifeq/else/endif inside a recipe are the recipe
    if (!util::trim(raw).empty() && !util::trim(raw).starts_with('#'))
      current.clear();
    auto line = raw.substr(0, raw.find('#'));
    const auto trimmed = util::trim(line);
    if (trimmed.starts_with("include ") || trimmed.starts_with("-include ") ||
        trimmed.starts_with("sinclude ")) {
      set.complete = false; // targets may come from the included file
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || line.starts_with(' '))
      continue;
    if (colon + 1 < line.size() && line[colon + 1] == '=')
      continue; // `x := y`
    const auto before = line.substr(0, colon);
    if (before.find_first_of("=?+!") != std::string_view::npos)
      continue; // a variable assignment that happens to contain ':'
    for (auto name : util::split_words(before)) {
      if (name.find('$') != std::string_view::npos) {
        set.complete = false; // a target named by a variable
        continue;
      }
      if (!std::all_of(name.begin(), name.end(), is_name_char))
        continue;
      if (name.find('%') != std::string_view::npos) {
        // A pattern rule (`clippy-%:`): its recipe is what `make clippy-full` runs.
        set.patterns.emplace_back(name);
        current.emplace_back(name);
        if (const auto deps = util::trim(line.substr(colon + 1)); !deps.empty())
          set.recipes[std::string(name)].append(deps).append("\n");
        continue;
      }
      set.targets.emplace(std::string(name), line_no);
      current.emplace_back(name);
      // Prerequisites are targets it runs too.
      if (const auto deps = util::trim(line.substr(colon + 1)); !deps.empty())
        set.recipes[std::string(name)].append(deps).append("\n");
    }
    // .PHONY: a b c names targets too (they are usually defined below as well).
  }
  return set;
}

// justfile recipes at column 0 (`name args: deps`), and aliases (`alias t := test`).
TargetSet parse_justfile(const repo::FileEntry& file, std::string_view content) {
  TargetSet set{"just", file.path, {}, {}, true, {}, {}};
  int line_no = 0;
  std::string current;
  for (auto line : util::split_lines(content)) {
    ++line_no;
    if ((line.starts_with(' ') || line.starts_with('\t')) && !current.empty()) {
      set.recipes[current].append(util::trim(line)).append("\n");
      continue;
    }
    current.clear();
    if (line.empty() || line.starts_with(' ') || line.starts_with('\t') || line.starts_with('#'))
      continue;
    if (line.starts_with("import ") || line.starts_with("mod ") || line.starts_with("import? ") ||
        line.starts_with("mod? ")) {
      set.complete = false;
      continue;
    }
    if (line.starts_with("alias ")) {
      const auto words = util::split_words(line);
      if (words.size() >= 2) {
        set.targets.emplace(std::string(words[1]), line_no);
        if (words.size() >= 4 && words[2] == ":=") // `alias t := test` runs test
          set.recipes[std::string(words[1])].append(words[3]).append("\n");
      }
      continue;
    }
    auto text = line;
    if (text.starts_with('@'))
      text.remove_prefix(1);
    if (text.starts_with('[')) // attributes: [private], [group('x')]
      continue;
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || (colon + 1 < text.size() && text[colon + 1] == '='))
      continue;
    const auto words = util::split_words(text.substr(0, colon));
    if (words.empty() || words.front().find_first_of("=$") != std::string_view::npos)
      continue;
    if (words.front() == "set" || words.front() == "export")
      continue;
    current = std::string(words.front());
    set.targets.emplace(current, line_no);
    // Dependencies are recipes it runs too: `ci: test build-book forbid`, `test: (watch 'x')`, `a: b && c`.
    std::string deps;
    bool in_call = false; // inside `(name args...)`: the arguments are no recipes
    for (auto word : util::split_words(text.substr(colon + 1))) {
      const bool call = word.starts_with('(');
      const bool argument = in_call && !call;
      in_call = (in_call || call) && !word.ends_with(')');
      if (argument)
        continue;
      while (!word.empty() && (word.front() == '(' || word.back() == ')'))
        word = word.front() == '(' ? word.substr(1) : word.substr(0, word.size() - 1);
      if (!word.empty() && std::all_of(word.begin(), word.end(), is_name_char))
        deps.append(deps.empty() ? "" : " ").append(word);
    }
    if (!deps.empty())
      set.recipes[current].append(deps).append("\n");
  }
  return set;
}

// True when `path`'s folder holds a file named `name`.
bool has_sibling(const std::vector<const repo::FileEntry*>& files, std::string_view path,
                 std::string_view name) {
  const auto dir = util::dir_name(path);
  const auto sibling = dir.empty() ? std::string(name) : fmt::format("{}/{}", dir, name);
  return std::any_of(files.begin(), files.end(),
                     [&](const repo::FileEntry* file) { return file->path == sibling; });
}

} // namespace

// The root pom.xml's <defaultGoal> (outside a <profile>): what a bare `mvn` runs, one goal or phase a line
// as Maven runs them in turn (Apache Commons' READMEs: "run `mvn` without arguments ... to run all tests and
// checks").
void extract_maven_default_goal(const std::vector<const repo::FileEntry*>& files, const FileReader& read,
                                std::vector<TargetSet>& sets) {
  const auto pom = std::ranges::find_if(files, [](const auto* file) { return file->path == "pom.xml"; });
  if (pom == files.end())
    return;
  const std::string_view text = read(**pom);
  constexpr std::string_view open = "<defaultGoal>";
  for (auto at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
    const auto profile = text.rfind("<profile>", at);
    const auto profile_end = text.rfind("</profile>", at);
    if (profile != std::string::npos && (profile_end == std::string::npos || profile_end < profile))
      continue; // a profile's goal runs only with -P
    const auto begin = at + open.size();
    const auto end = text.find("</defaultGoal>", begin);
    if (end == std::string::npos)
      return;
    std::string recipe;
    for (const auto goal : util::split_words(text.substr(begin, end - begin)))
      recipe += fmt::format("{}mvn {}", recipe.empty() ? "" : "\n", goal);
    if (recipe.empty())
      return;
    TargetSet set{"maven", (*pom)->path, {}, {}, true, {}, {}};
    const auto line =
        static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
    set.targets.emplace(std::string(k_maven_default_goal), line);
    set.recipes[std::string(k_maven_default_goal)] = std::move(recipe);
    sets.push_back(std::move(set));
    return;
  }
}

std::vector<TargetSet> extract_targets(const std::vector<const repo::FileEntry*>& files,
                                       const FileReader& read) {
  std::vector<TargetSet> sets;
  for (const auto* file : files) {
    const auto name = util::base_name(file->path);
    if (name == "Makefile" || name == "makefile" || name == "GNUmakefile" || name.ends_with(".mk")) {
      sets.push_back(parse_makefile(*file, read(*file)));
    } else if (name == "Makefile.am" ||
               (name == "Makefile.in" && !has_sibling(files, file->path, "Makefile.am"))) {
      // Automake: its rules are make rules, and the Makefile it generates adds the standard targets (all,
      // check, install, dist...): the set is never complete. A Makefile.in written by hand (autoconf
      // without automake) is read the same way; one that automake generates is not.
      auto set = parse_makefile(*file, read(*file));
      set.complete = false;
      sets.push_back(std::move(set));
    } else if (name == "justfile" || name == "Justfile" || name == ".justfile") {
      sets.push_back(parse_justfile(*file, read(*file)));
    } else if (name == "package.json") {
      const auto& package = read.package_json(*file);
      TargetSet set{"npm", file->path, {}, {}, package.valid, {}, {}};
      for (const auto& [script, value] : package.scripts) {
        set.targets.emplace(script, value.line);
        set.recipes[script] = value.value;
      }
      sets.push_back(std::move(set));
    }
  }
  extract_cmake_presets(files, read, sets);
  extract_tox(files, read, sets);
  extract_nox(files, read, sets);
  extract_taskfiles(files, read, sets);
  extract_cargo_aliases(files, read, sets);
  extract_pyproject_runners(files, read, sets);
  extract_maven_default_goal(files, read, sets);
  return sets;
}

} // namespace tacit::facts
