#include <tacit/facts/vendored.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace tacit::facts {

namespace {

// Folder names that hold another project's code wherever they are...
constexpr std::array<std::string_view, 5> k_vendored_names{"vendor", "third_party", "third-party",
                                                           "thirdparty", "3rdparty"};
// ...and at the root only (src/external/ may be the project's own adapter code).
constexpr std::array<std::string_view, 3> k_vendored_root_names{"deps", "external", "extern"};

// Folders that hold copies of other projects below the root: a child with its own license and README is one.
constexpr std::array<std::string_view, 6> k_copies_parents{"external", "extern",   "deps",
                                                           "contrib",  "vendored", "bundled"};

// A project's own build file: with a LICENSE and a README next to it, a folder is a project of its own.
constexpr std::array<std::string_view, 16> k_build_files{
    "CMakeLists.txt",   "Makefile",    "Makefile.am",    "configure.ac", "meson.build", "package.json",
    "Cargo.toml",       "go.mod",      "pyproject.toml", "setup.py",     "pom.xml",     "build.gradle",
    "build.gradle.kts", "BUILD.bazel", "SConstruct",     "composer.json"};

// Root files that list a workspace's member folders.
constexpr std::array<std::string_view, 8> k_workspace_files{
    "Cargo.toml", "package.json",    "pnpm-workspace.yaml", "pyproject.toml",
    "go.work",    "settings.gradle", "settings.gradle.kts", "lerna.json"};

// `name` starts with `prefix`, ASCII case-insensitively (no allocation: this runs for every tracked file).
bool starts_with_nocase(std::string_view name, std::string_view prefix) {
  return name.size() >= prefix.size() && util::iequals(name.substr(0, prefix.size()), prefix);
}

bool is_license_name(std::string_view name) {
  return starts_with_nocase(name, "license") || starts_with_nocase(name, "licence") ||
         starts_with_nocase(name, "copying");
}

// The holder of a license's first copyright line ("Copyright (c) 2015 Andrew Gallant" -> "andrew gallant"),
// or "" when there is none: lower case, without years, "(c)" and punctuation.
std::string copyright_holder(std::string_view text) {
  for (auto raw : util::split_lines(text.substr(0, 8192))) {
    auto line = util::trim(raw);
    const auto lower = util::to_lower(line);
    if (!lower.starts_with("copyright"))
      continue;
    std::string_view rest = std::string_view(lower).substr(9);
    rest = util::trim(rest);
    const bool marked = rest.starts_with("(c)") || rest.starts_with("\xC2\xA9") ||
                        (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front())));
    if (!marked)
      continue;
    std::string holder;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (rest.substr(i).starts_with("(c)")) {
        i += 2;
        continue;
      }
      const unsigned char c = rest[i];
      if (std::isalpha(c) || c >= 0x80)
        holder += static_cast<char>(c);
      else if (!holder.empty() && holder.back() != ' ')
        holder += ' ';
    }
    holder = std::string(util::trim(holder));
    if (!holder.empty())
      return holder;
  }
  return {};
}

void add_submodules(std::string_view gitmodules, std::vector<std::string>& roots) {
  for (auto raw : util::split_lines(gitmodules)) {
    const auto line = util::trim(raw);
    if (!line.starts_with("path"))
      continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos || util::trim(line.substr(4, eq - 4)).size() != 0)
      continue;
    auto path = util::normalize_path(util::trim(line.substr(eq + 1)));
    if (!path.empty() && path != ".")
      roots.push_back(std::move(path));
  }
}

void add_linguist_vendored(std::string_view attributes, util::IgnoreRules& rules) {
  for (auto raw : util::split_lines(attributes)) {
    const auto line = util::trim(raw);
    if (line.empty() || line.starts_with('#'))
      continue;
    const auto words = util::split_words(line);
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (words[i] == "linguist-vendored" || words[i] == "linguist-vendored=true")
        rules.add(words[0]);
      else if (words[i] == "-linguist-vendored" || words[i] == "linguist-vendored=false")
        rules.add(fmt::format("!{}", words[0]));
    }
  }
}

// Whether a root workspace file names `dir` or its parent's members (`crates/*`).
bool named_by_workspace(std::string_view dir, const std::vector<std::string_view>& workspace_files) {
  const auto parent = util::dir_name(dir);
  for (auto text : workspace_files) {
    if (text.find(dir) != std::string_view::npos)
      return true;
    if (!parent.empty() && (text.find(fmt::format("{}/*", parent)) != std::string_view::npos))
      return true;
  }
  return false;
}

} // namespace

bool is_vendored_dir(std::string_view dir) {
  const auto name = util::base_name(dir);
  const auto is_name = [name](std::string_view vendored) { return util::iequals(name, vendored); };
  if (std::ranges::any_of(k_vendored_names, is_name))
    return true;
  return dir.find('/') == std::string_view::npos && std::ranges::any_of(k_vendored_root_names, is_name);
}

bool in_vendored_dir(std::string_view path) {
  // is_vendored_dir of every folder of the path, from the folders' names: this runs for every file in
  // scope, several times.
  const auto is = [](std::string_view name) {
    return [name](std::string_view vendored) { return util::iequals(name, vendored); };
  };
  std::size_t start = 0;
  for (auto slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', start)) {
    const auto name = path.substr(start, slash - start);
    if (name.size() >= 4 && (std::ranges::any_of(k_vendored_names, is(name)) ||
                             (start == 0 && std::ranges::any_of(k_vendored_root_names, is(name)))))
      return true;
    start = slash + 1;
  }
  return false;
}

ForeignCode ForeignCode::detect(const std::vector<repo::FileEntry>& files, const Reader& read) {
  ForeignCode out;
  const auto find = [&](std::string_view path) -> const repo::FileEntry* {
    const auto it = std::ranges::lower_bound(
        files, path, {}, [](const repo::FileEntry& f) -> std::string_view { return f.path; });
    return it != files.end() && it->path == path ? &*it : nullptr;
  };
  if (const auto* file = find(".gitmodules"))
    add_submodules(read(*file), out.m_roots);
  if (const auto* file = find(".gitattributes"))
    add_linguist_vendored(read(*file), out.m_attributes);

  // Folders (below the root, not vendored by name) with a license, a README and a build file of their own.
  struct Folder {
    const repo::FileEntry* license = nullptr;
    bool readme = false;
    bool build = false;
  };
  std::map<std::string_view, Folder> folders;
  const repo::FileEntry* root_license = nullptr;
  for (const auto& file : files) {
    const auto dir = util::dir_name(file.path);
    const auto name = util::base_name(file.path);
    const bool license = is_license_name(name);
    if (dir.empty()) {
      if (license && !root_license)
        root_license = &file;
      continue;
    }
    const bool readme = starts_with_nocase(name, "readme");
    const bool build = std::ranges::find(k_build_files, name) != k_build_files.end();
    if (!license && !readme && !build)
      continue;
    auto& folder = folders[dir];
    if (license && !folder.license)
      folder.license = &file;
    folder.readme = folder.readme || readme;
    folder.build = folder.build || build;
  }
  const std::string root_holder = root_license ? copyright_holder(read(*root_license)) : std::string();
  if (!root_holder.empty()) {
    std::vector<std::string_view> workspace_files;
    for (auto name : k_workspace_files)
      if (const auto* file = find(name))
        workspace_files.push_back(read(*file));
    for (const auto& [dir, folder] : folders) {
      // In a folder named for other projects' code below the root (`mypyc/external/googletest/`), a license
      // and a README are enough: a copy often leaves its build files out.
      const auto parent = util::base_name(util::dir_name(dir));
      const bool copies = std::ranges::any_of(
          k_copies_parents, [&](std::string_view name) { return util::iequals(parent, name); });
      if (!folder.license || !folder.readme || !(folder.build || copies) ||
          in_vendored_dir(folder.license->path))
        continue;
      const auto holder = copyright_holder(read(*folder.license));
      if (!holder.empty() && holder != root_holder && !named_by_workspace(dir, workspace_files))
        out.m_roots.emplace_back(dir);
    }
  }
  std::ranges::sort(out.m_roots);
  out.m_roots.erase(std::unique(out.m_roots.begin(), out.m_roots.end()), out.m_roots.end());
  return out;
}

bool ForeignCode::contains(std::string_view path) const {
  while (path.ends_with('/'))
    path.remove_suffix(1);
  if (in_vendored_dir(path) || is_vendored_dir(path))
    return true;
  for (const auto& root : m_roots)
    if (path == root || (path.starts_with(root) && path.size() > root.size() && path[root.size()] == '/'))
      return true;
  return !m_attributes.empty() && m_attributes.ignored(path);
}

bool ForeignCode::contains_file(std::string_view path, bool folder_contained) const {
  if (folder_contained || is_vendored_dir(path) || std::ranges::binary_search(m_roots, path))
    return true;
  return !m_attributes.empty() && m_attributes.matches(path);
}

} // namespace tacit::facts
