#include "stale_context_support.hpp"

#include <tacit/facts/file_roles.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace tacit::rules {

namespace {

// Extensions of files a doc names by their bare name: scripts, sources, configurations, docs.
constexpr std::array<std::string_view, 55> k_stale_name_extensions{
    "sh",   "bash", "zsh", "fish", "ps1",  "psm1", "bat",   "cmd", "py",   "rb",     "pl",
    "php",  "js",   "mjs", "cjs",  "ts",   "mts",  "cts",   "jsx", "tsx",  "go",     "rs",
    "java", "kt",   "kts", "c",    "cc",   "cpp",  "h",     "hpp", "cs",   "lua",    "jl",
    "ex",   "exs",  "yml", "yaml", "json", "toml", "ini",   "cfg", "conf", "mk",     "cmake",
    "md",   "mdx",  "rst", "txt",  "xml",  "sql",  "proto", "tf",  "nix",  "gradle", "lock"};

// Programs that run the script named after them.
constexpr std::array<std::string_view, 14> k_script_interpreters{
    "bash", "sh",   "zsh",  "source",     ".",   "python", "ruby",
    "perl", "node", "pwsh", "powershell", "php", "tsx",    "bun"};

bool is_stale_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.' || c == '+';
}

bool is_stale_path_char(char c) {
  return is_stale_name_char(c) || c == '/' || c == '@' || c == ':' || c == '$' || c == '~' || c == '*';
}

// Folders of test data and examples: a file deleted there is not what a doc's bare name means (`custom.json`
// in a README is the reader's file, not tests/fixtures/custom.json).
constexpr std::array<std::string_view, 16> k_sample_dirs{
    "test", "tests", "testdata", "test-data", "fixtures", "fixture", "__tests__",     "__fixtures__",
    "spec", "specs", "examples", "example",   "samples",  "sample",  "__snapshots__", "e2e"};

bool under_sample_dir(std::string_view path) {
  for (std::size_t start = 0, slash = path.find('/'); slash != std::string_view::npos;
       start = slash + 1, slash = path.find('/', start))
    if (std::ranges::find(k_sample_dirs, path.substr(start, slash - start)) != k_sample_dirs.end())
      return true;
  return false;
}

std::string_view stale_base_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace

bool is_bare_file_name(std::string_view word) {
  if (word.empty() || word.size() > 100 || !std::ranges::all_of(word, is_stale_name_char))
    return false;
  const auto dot = word.rfind('.');
  if (dot == std::string_view::npos || dot == 0)
    return false;
  const auto stem = word.substr(0, dot);
  const auto extension = word.substr(dot + 1);
  if (std::ranges::find(k_stale_name_extensions, extension) == k_stale_name_extensions.end())
    return false;
  return std::ranges::any_of(stem, [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }) &&
         !stem.ends_with('.');
}

std::vector<NamedPath> bare_file_names(const doc::Document& doc,
                                       const std::vector<doc::CommandMention>& commands) {
  std::vector<NamedPath> out;
  std::set<std::pair<std::string, int>> seen;
  const auto add = [&](std::string_view name, int line, int column) {
    if (seen.emplace(std::string(name), line).second)
      out.push_back(NamedPath{std::string(name), line, column});
  };
  for (const auto& code : doc.inline_code)
    if (const auto text = util::trim(code.text); is_bare_file_name(text))
      add(text, code.line, code.column);
  for (const auto& command : commands) {
    if (command.doc != doc.path || command.words.empty())
      continue;
    const auto& words = command.words;
    if (is_bare_file_name(words[0]))
      add(words[0], command.line, command.column);
    else if (words.size() > 1 &&
             std::ranges::find(k_script_interpreters, words[0]) != k_script_interpreters.end() &&
             is_bare_file_name(words[1]))
      add(words[1], command.line, command.column);
  }
  return out;
}

std::vector<NamedPath> script_paths(const doc::Document& doc,
                                    const std::vector<doc::CommandMention>& commands) {
  std::vector<NamedPath> out;
  for (const auto& command : commands) {
    if (command.doc != doc.path || !command.in_code_block || command.words.empty())
      continue;
    const auto& words = command.words;
    const bool interpreter =
        words.size() > 1 && std::ranges::find(k_script_interpreters, words[0]) != k_script_interpreters.end();
    const auto& word = interpreter ? words[1] : words[0];
    if (word.find('/') == std::string::npos || word.starts_with('/') || word.starts_with('-') ||
        word.find_first_of("~$*{}<>:@") != std::string::npos ||
        !std::ranges::all_of(word, is_stale_path_char))
      continue;
    auto path = std::string_view(word);
    while (path.starts_with("./"))
      path.remove_prefix(2);
    if (is_bare_file_name(util::base_name(path)))
      out.push_back(NamedPath{std::string(path), command.line, command.column});
  }
  return out;
}

std::vector<NamedPath> setup_file_paths(std::string_view text) {
  std::vector<NamedPath> out;
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (!is_stale_path_char(text[i])) {
      ++i;
      continue;
    }
    const auto begin = i;
    while (i < text.size() && is_stale_path_char(text[i]))
      ++i;
    auto token = text.substr(begin, i - begin);
    while (!token.empty() && (token.back() == '.' || token.back() == ':' || token.back() == '/'))
      token.remove_suffix(1);
    auto column = static_cast<int>(begin - line_start) + 1;
    while (token.starts_with("./")) {
      token.remove_prefix(2);
      column += 2;
    }
    if (token.find('/') == std::string_view::npos || token.find("//") != std::string_view::npos ||
        token.find_first_of(":$~*@") != std::string_view::npos || token.starts_with('/') ||
        token.starts_with('-'))
      continue;
    out.push_back(NamedPath{std::string(token), line, column});
  }
  return out;
}

const repo::PathChange* deleted_by_name(const repo::PathHistory& history, std::string_view name,
                                        std::size_t before, std::vector<std::size_t>& index) {
  if (index.size() != history.changes.size()) {
    index.resize(history.changes.size());
    for (std::size_t i = 0; i < index.size(); ++i)
      index[i] = i;
    std::ranges::stable_sort(index, {},
                             [&](std::size_t i) { return stale_base_name(history.changes[i].path); });
  }
  auto it = std::ranges::lower_bound(index, name, {},
                                     [&](std::size_t i) { return stale_base_name(history.changes[i].path); });
  const repo::PathChange* newest = nullptr;
  for (; it != index.end() && stale_base_name(history.changes[*it].path) == name; ++it)
    if (const auto& change = history.changes[*it]; change.commit < before && !under_sample_dir(change.path) &&
                                                   (newest == nullptr || change.commit < newest->commit))
      newest = &change;
  return newest;
}

std::string root_make_target(const std::vector<std::string>& words) {
  if (words.size() < 2 || (words[0] != "make" && words[0] != "gmake"))
    return {};
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto& word = words[i];
    if (word.starts_with("-f") || word.starts_with("--file") || word.starts_with("--makefile") ||
        word.starts_with("-C") || word.starts_with("--directory"))
      return {};
    if ((word == "-j" || word == "-l") && i + 1 < words.size() &&
        std::isdigit(static_cast<unsigned char>(words[i + 1].front())) != 0) {
      ++i;
      continue;
    }
    if (word == "-I" || word == "-o" || word == "-W") {
      ++i;
      continue;
    }
    if (word.starts_with('-') || word.find('=') != std::string::npos)
      continue;
    if (word.find_first_of("<>${}[]*%") != std::string::npos)
      return {};
    return word;
  }
  return {};
}

namespace {

// A package name as a selector writes it, without a filter's `...` and `^...`; "" for a path, glob or set.
std::string package_selector_name(std::string_view value, bool cargo) {
  if (cargo) {
    if (const auto at = value.find('@'); at != std::string_view::npos)
      value = value.substr(0, at); // `-p serde@1.0`
  } else {
    if (value.starts_with("..."))
      value.remove_prefix(3);
    if (value.starts_with('^'))
      value.remove_prefix(1);
    if (value.ends_with("..."))
      value.remove_suffix(3);
  }
  if (value.empty() || value.starts_with('.') || value.starts_with('!') ||
      value.find_first_of("*?{}[]$<>`'\"=,: ") != std::string_view::npos)
    return {};
  // `@scope/name` is a name; any other slash makes a path (`packages/web`), CTX002's.
  const auto slash = value.find('/');
  if (slash != std::string_view::npos &&
      (!value.starts_with('@') || value.find('/', slash + 1) != std::string_view::npos || slash == 1))
    return {};
  return std::string(value);
}

} // namespace

SelectedPackage selected_package(const std::vector<std::string>& words) {
  if (words.size() < 2)
    return {};
  const auto& program = words[0];
  const bool cargo = program == "cargo";
  const bool node =
      program == "npm" || program == "pnpm" || program == "yarn" || program == "bun" || program == "turbo";
  if (!cargo && !node)
    return {};
  const std::string_view manifest = cargo ? "Cargo.toml" : "package.json";
  if (program == "yarn" && words[1] == "workspace")
    return words.size() > 3 ? SelectedPackage{package_selector_name(words[2], false), manifest}
                            : SelectedPackage{};
  // The options that take a package name, as `--opt NAME` or `--opt=NAME`.
  std::vector<std::string_view> options;
  if (cargo)
    options = {"-p", "--package"};
  else if (program == "npm")
    options = {"-w", "--workspace"};
  else if (program == "pnpm")
    options = {"-F", "--filter"};
  else
    options = {"--filter"};
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string_view word = words[i];
    if (word == "--")
      break;
    for (const auto option : options) {
      if (word == option && i + 1 < words.size())
        return {package_selector_name(words[i + 1], cargo), manifest};
      if (word.starts_with(option) && word.size() > option.size() && word[option.size()] == '=')
        return {package_selector_name(word.substr(option.size() + 1), cargo), manifest};
    }
  }
  return {};
}

bool makefile_defines(std::string_view text, std::string_view name) {
  for (auto line : util::split_lines(text)) {
    if (line.empty() || line.front() == '\t' || line.front() == '#')
      continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || (colon + 1 < line.size() && line[colon + 1] == '='))
      continue;
    const auto head = line.substr(0, colon);
    if (head.find('=') != std::string_view::npos)
      continue;
    for (const auto word : util::split_words(head))
      if (word == name)
        return true;
  }
  return false;
}

std::vector<BuildChange> build_changes_since(const repo::PathHistory& history, std::size_t before,
                                             const std::vector<std::string>& existing) {
  std::vector<BuildChange> out;
  for (const auto& path : existing)
    if (const auto created = history.created_in(path); created && *created < before)
      out.push_back(BuildChange{path, true, *created});
  std::set<std::string_view> removed;
  for (const auto& change : history.changes) {
    if (change.commit >= before || !facts::is_root_build_file(change.path) ||
        std::ranges::binary_search(existing, change.path) || removed.contains(change.path))
      continue;
    // Renamed or deleted, it is gone from the root; what it became there (Makefile to justfile, as git's
    // rename detection may see it) came with it.
    removed.insert(change.path);
    out.push_back(BuildChange{change.path, false, change.commit});
    if (!change.renamed_to.empty() && std::ranges::binary_search(existing, change.renamed_to))
      out.push_back(BuildChange{change.renamed_to, true, change.commit});
  }
  std::ranges::stable_sort(out, {}, &BuildChange::commit);
  return out;
}

} // namespace tacit::rules
