// Repository scripts: what `./scripts/lint`, `bash scripts/check.sh` or `python tools/lint.py` run. A doc
// that shows the script documents the commands it runs, as a documented `make lint` documents its recipe.

#include "ci_internal.hpp"
#include "runners.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/facts/ci.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>

namespace tacit::facts {

namespace {

constexpr std::size_t k_max_scripts = 400;
constexpr std::uint64_t k_max_size = 64 * 1024;

// Directories that hold a repository's scripts (at any depth up to the third level).
bool in_script_dir(std::string_view path) {
  constexpr std::array<std::string_view, 14> k_dirs{"scripts", "script", "bin",  "tools",   "tool",
                                                    "hack",    "ci",     ".ci",  "dev",     "utils",
                                                    "util",    "tasks",  "misc", "devtools"};
  const auto parts = util::split(util::dir_name(path), '/');
  if (parts.size() > 3)
    return false;
  return std::any_of(parts.begin(), parts.end(), [&](auto part) {
    return std::find(k_dirs.begin(), k_dirs.end(), part) != k_dirs.end();
  });
}

// Test data and copies of other projects hold scripts that are not the repository's procedures.
bool in_foreign_dir(std::string_view path) {
  constexpr std::array<std::string_view, 11> k_dirs{"test",     "tests",        "testdata",    "fixtures",
                                                    "examples", "node_modules", "third_party", "vendor",
                                                    "external", "3rdparty",     "deps"};
  for (auto part : util::split(util::dir_name(path), '/'))
    if (std::find(k_dirs.begin(), k_dirs.end(), part) != k_dirs.end())
      return true;
  return false;
}

enum class Language { none, shell, python };

Language language_of(const repo::FileEntry& file) {
  const auto name = util::base_name(file.path);
  const bool root = file.path == name;
  if (!root && !in_script_dir(file.path))
    return Language::none;
  if (name.ends_with(".sh") || name.ends_with(".bash"))
    return Language::shell;
  if (name.ends_with(".py"))
    // The packaging and test entry points of a Python project are not scripts that run tools.
    return name == "setup.py" || name == "conftest.py" || name == "noxfile.py" || name == "manage.py"
               ? Language::none
               : Language::python;
  if (!root && name.find('.') == std::string_view::npos && file.mode == 0100755)
    return Language::shell; // an executable without extension: `scripts/lint`
  return Language::none;
}

// A command of a script as the tool table reads it: `${PREFIX}ruff` and `$BIN/ruff` run ruff; `uv run mypy`
// runs mypy; `./scripts/x` runs the script scripts/x.
std::string command_text(std::vector<std::string> words) {
  auto& program = words.front();
  if (program.starts_with('$')) {
    if (program.starts_with("${")) {
      if (const auto close = program.find('}'); close != std::string::npos)
        program.erase(0, close + 1);
    }
    while (program.starts_with('/'))
      program.erase(0, 1);
    if (program.empty())
      return {};
  }
  auto peeled = doc::peel_wrappers(doc::normalize_command(std::move(words)));
  return util::join(peeled, " ");
}

std::string shell_recipe(std::string_view content) {
  std::vector<yaml::ScalarLine> lines;
  int line_no = 0;
  for (auto line : util::split_lines(content))
    lines.push_back(yaml::ScalarLine{std::string(line), ++line_no, 1});
  if (!lines.empty() && lines.front().text.starts_with("#!"))
    lines.erase(lines.begin());
  std::string recipe;
  for (const auto& line : ci::shell_lines(lines))
    for (auto& words : doc::split_commands(line.text)) {
      if (is_plumbing_command(words))
        continue; // `apt-get install clang-format` installs the tool, it does not run it
      if (auto text = command_text(std::move(words)); !text.empty())
        recipe.append(text).append("\n");
    }
  return recipe;
}

} // namespace

TargetSet extract_scripts(const FileList& files, const FileReader& read) {
  TargetSet set{"script", "", {}, {}, true, {}, {}};
  for (const auto* file : files) {
    if (set.targets.size() >= k_max_scripts)
      break;
    if (file->size > k_max_size)
      continue;
    const auto language = language_of(*file);
    if (language == Language::none || in_foreign_dir(file->path))
      continue;
    const auto content = read(*file);
    if (content.empty())
      continue;
    set.targets.emplace(file->path, 1);
    set.recipes[file->path] =
        language == Language::python ? python_script_commands(content) : shell_recipe(content);
  }
  return set;
}

} // namespace tacit::facts
