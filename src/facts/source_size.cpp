// Size facts: how many source files the repository has, by extension, and its top-level source modules.

#include <tacit/facts/architecture.hpp>
#include <tacit/facts/modules.hpp>
#include <tacit/facts/vendored.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <unordered_map>

namespace tacit::facts {

namespace {

using namespace std::string_view_literals;

constexpr std::array k_source_extensions{
    "c"sv,    "cc"sv,  "cpp"sv, "cxx"sv,   "h"sv,      "hh"sv,     "hpp"sv, "hxx"sv, "go"sv,  "rs"sv,
    "py"sv,   "pyx"sv, "js"sv,  "jsx"sv,   "mjs"sv,    "cjs"sv,    "ts"sv,  "tsx"sv, "mts"sv, "cts"sv,
    "java"sv, "kt"sv,  "kts"sv, "scala"sv, "groovy"sv, "rb"sv,     "php"sv, "cs"sv,  "fs"sv,  "swift"sv,
    "m"sv,    "mm"sv,  "ex"sv,  "exs"sv,   "erl"sv,    "hs"sv,     "ml"sv,  "clj"sv, "lua"sv, "dart"sv,
    "jl"sv,   "zig"sv, "nim"sv, "sol"sv,   "vue"sv,    "svelte"sv, "elm"sv, "pl"sv,  "pm"sv,  "sh"sv,
    "bash"sv, "ps1"sv, "tf"sv,  "r"sv,     "cu"sv,     "f90"sv,    "v"sv,   "sv"sv,  "vhd"sv, "asm"sv};

// Folders whose files are not the project's own code: examples, test data, vendored code (at any depth)...
constexpr std::array k_excluded_dirs{"examples"sv,     "example"sv,      "samples"sv,       "sample"sv,
                                     "testdata"sv,     "test-data"sv,    "test_data"sv,     "fixtures"sv,
                                     "__fixtures__"sv, "vendor"sv,       "third_party"sv,   "third-party"sv,
                                     "thirdparty"sv,   "node_modules"sv, "__snapshots__"sv, "_vendor"sv,
                                     "vendored"sv,     "golden"sv,       "snapshots"sv};
// Folders of tests (at any depth): their files are not the code the size threshold is about.
constexpr std::array k_test_dirs{"test"sv,  "tests"sv, "testing"sv,   "__tests__"sv,  "__mocks__"sv, "spec"sv,
                                 "specs"sv, "e2e"sv,   "unittests"sv, "unit_tests"sv, "tests_"sv};
// File name endings of tests (foo_test.go, foo.test.ts, FooTest.java) and their helpers.
constexpr std::array k_test_suffixes{"_test"sv,     "_tests"sv, "_spec"sv, ".test"sv, ".spec"sv,
                                     "_unittest"sv, "test"sv,   "tests"sv, "spec"sv};
// ...and docs, dependencies and build output (at the top: src/doc/ is code).
constexpr std::array k_excluded_top_dirs{"docs"sv, "doc"sv,   "documentation"sv, "external"sv, "extern"sv,
                                         "deps"sv, "build"sv, "dist"sv,          "out"sv,      "target"sv};

// Top-level folders that are not modules of the product: tests, benchmarks, scripts, build config.
constexpr std::array k_not_modules{"test"sv,       "tests"sv,   "testing"sv, "spec"sv,    "specs"sv,
                                   "__tests__"sv,  "e2e"sv,     "bench"sv,   "benches"sv, "benchmark"sv,
                                   "benchmarks"sv, "scripts"sv, "script"sv,  "hack"sv,    "ci"sv,
                                   "cmake"sv,      "config"sv,  "configs"sv, "site"sv,    "website"sv,
                                   "tools"sv,      "misc"sv,    "contrib"sv, "hacking"sv, "packaging"sv};

// Folders whose children are the modules (src/*, packages/*, crates/*...).
constexpr std::array k_containers{"src"sv, "packages"sv, "crates"sv, "cmd"sv,      "internal"sv,
                                  "pkg"sv, "apps"sv,     "libs"sv,   "services"sv, "modules"sv};

template <typename Array> bool has(const Array& array, std::string_view value) {
  return std::find(array.begin(), array.end(), value) != array.end();
}

// `text` in ASCII lower case, in `buffer` when it fits (these run once or more per file of the repository,
// and an allocation per call was most of their cost), else in `spill`.
std::string_view lower_into(std::string_view text, std::array<char, 64>& buffer, std::string& spill) {
  if (text.size() > buffer.size()) {
    spill = util::to_lower(text);
    return spill;
  }
  for (std::size_t i = 0; i < text.size(); ++i)
    buffer[i] = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
  return {buffer.data(), text.size()};
}

bool is_test_dir(std::string_view lower) {
  return has(k_test_dirs, lower) || lower.ends_with("-tests") || lower.ends_with("_tests") ||
         lower.ends_with("-test") || lower.ends_with("_test") || lower.starts_with("test_") ||
         lower.starts_with("test-");
}

// A test file by its name: test_x.py, x_test.go, x.test.ts, x.spec.js, x_spec.rb, XTest.java, conftest.py.
bool is_test_file(std::string_view name) {
  const auto stem = name.substr(0, name.rfind('.'));
  std::array<char, 64> buffer{};
  std::string spill;
  const auto lower = lower_into(stem, buffer, spill);
  if (stem == "conftest" || lower.starts_with("test_"))
    return true;
  for (auto suffix : k_test_suffixes) {
    // "Test"/"Tests"/"Spec" count only in CamelCase (FooTest.java), not as the end of a word (latest.go).
    if (suffix.front() != '_' && suffix.front() != '.') {
      if (stem.size() > suffix.size()) {
        const auto tail = stem.substr(stem.size() - suffix.size());
        if (tail.front() == static_cast<char>(std::toupper(static_cast<unsigned char>(suffix.front()))) &&
            tail.substr(1) == suffix.substr(1) &&
            std::islower(static_cast<unsigned char>(stem[stem.size() - suffix.size() - 1])))
          return true;
      }
      continue;
    }
    if (lower.ends_with(suffix))
      return true;
  }
  return false;
}

} // namespace

bool is_user_code_path(std::string_view path) {
  if (path.starts_with('.'))
    return true;
  std::array<char, 64> buffer{};
  std::string spill;
  std::size_t start = 0;
  for (auto slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', start)) {
    const auto lower = lower_into(path.substr(start, slash - start), buffer, spill);
    if (lower == "examples" || lower == "example" || lower == "samples" || lower == "sample" ||
        (start == 0 && (lower == "docs" || lower == "doc" || lower == "documentation")))
      return true;
    start = slash + 1;
  }
  return false;
}

std::string module_of(std::string_view path, const std::vector<SourceModule>& modules) {
  std::string_view best;
  for (const auto& module : modules)
    if (path.starts_with(module.path) && path.size() > module.path.size() &&
        path[module.path.size()] == '/' && module.path.size() > best.size())
      best = module.path;
  if (!best.empty())
    return std::string(best);
  const auto slash = path.find('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

bool is_test_path(std::string_view path) {
  std::array<char, 64> buffer{};
  std::string spill;
  std::size_t start = 0;
  for (auto slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', start)) {
    if (is_test_dir(lower_into(path.substr(start, slash - start), buffer, spill)))
      return true;
    start = slash + 1;
  }
  return is_test_file(path.substr(start));
}

SourceSize extract_source_size(const std::vector<const repo::FileEntry*>& files,
                               const std::set<std::string, std::less<>>& generated) {
  SourceSize size;
  // The source files counted, as their first two folders and how many parts their path has (4: four or
  // more): all the module count below needs, without a vector of parts per file (a monorepo has 100k).
  struct Source {
    std::string_view path;
    std::string_view first;
    std::string_view second;
    std::size_t parts = 1;
  };
  std::vector<Source> sources;
  // A container with source files of its own is one module (a crate's src/), unless its subfolders are
  // Python packages (src/_pytest/__init__.py beside a src/py.py shim: a src layout).
  std::set<std::string, std::less<>> flat_containers;
  std::set<std::string> package_containers;
  std::unordered_map<std::string_view, bool> excluded_dirs; // folder path -> left out
  std::unordered_map<std::string_view, int> by_extension;   // lower-case, views of k_source_extensions
  std::array<char, 64> buffer{};
  std::string spill;
  for (const auto* file : files) {
    if ((file->mode & 0170000) == 0120000)
      continue; // a symlink
    const auto name = util::base_name(file->path);
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0)
      continue;
    const auto lower_ext = lower_into(name.substr(dot + 1), buffer, spill);
    const auto known = std::find(k_source_extensions.begin(), k_source_extensions.end(), lower_ext);
    if (known == k_source_extensions.end())
      continue;
    const std::string_view ext = *known;
    // Whether a folder is left out depends on its path alone (vendored code too): decided once per folder.
    const auto [dir, added] = excluded_dirs.try_emplace(util::dir_name(file->path), false);
    if (added) {
      const auto folders = util::split(file->path, '/');
      for (std::size_t i = 0; i + 1 < folders.size() && !dir->second; ++i) {
        const auto lower = util::to_lower(folders[i]);
        dir->second =
            folders[i].starts_with('.') || has(k_excluded_dirs, lower) || is_test_dir(lower) ||
            (i == 0 && (has(k_excluded_top_dirs, lower) || lower == "t")); // t/: git's and Perl's tests
      }
      dir->second = dir->second || in_vendored_dir(file->path);
    }
    if (dir->second || is_test_file(name) || (!generated.empty() && generated.contains(file->path)))
      continue;
    const std::string_view path = file->path;
    Source source{path, path, {}, 1};
    if (const auto first = path.find('/'); first != std::string_view::npos) {
      source.first = path.substr(0, first);
      const auto second = path.find('/', first + 1);
      source.second = path.substr(first + 1, second == std::string_view::npos ? second : second - first - 1);
      source.parts = second == std::string_view::npos                       ? 2
                     : path.find('/', second + 1) == std::string_view::npos ? 3
                                                                            : 4;
    }
    ++size.source_files;
    ++by_extension[ext];
    if (source.parts == 2 && has(k_containers, util::to_lower(source.first)))
      flat_containers.insert(std::string(source.first));
    if (source.parts == 3 && name == "__init__.py")
      package_containers.insert(std::string(source.first));
    sources.push_back(source);
  }
  for (const auto& [ext, count] : by_extension)
    size.by_extension.emplace(std::string(ext), count);
  for (const auto& container : package_containers)
    flat_containers.erase(container);
  std::map<std::string, int, std::less<>> modules;
  // One more file of the module at `path`: looked up by the view, a string made only for a new module.
  const auto count_file = [&modules](std::string_view path) {
    if (const auto it = modules.find(path); it != modules.end())
      ++it->second;
    else
      modules.emplace(path, 1);
  };
  // The verdict on each top folder, once: a monorepo's 100k files have a few dozen.
  std::unordered_map<std::string_view, char> tops; // 0 not a module, 1 a container, 2 a module
  for (const auto& source : sources) {
    if (source.parts < 2)
      continue;
    auto [top_verdict, added] = tops.try_emplace(source.first, 0);
    if (added) {
      const auto top = util::to_lower(source.first);
      top_verdict->second =
          has(k_not_modules, top) || util::contains(top, "-test") || util::contains(top, "_test")
              ? 0 // e2e-tests, integration_tests
          : has(k_containers, top) && !flat_containers.contains(source.first) ? 1
                                                                              : 2;
    }
    if (top_verdict->second == 1) {
      // first and second are views of one path: "a/b" is its beginning.
      if (source.parts >= 3 && !has(k_not_modules, lower_into(source.second, buffer, spill)))
        count_file(std::string_view(source.first.data(), source.first.size() + 1 + source.second.size()));
    } else if (top_verdict->second == 2) {
      count_file(source.first);
    }
  }
  // One module that is only a layout folder (lib/ holding lib/ansible, src/ holding one package): the modules
  // are its subfolders, found one level down at a time.
  for (int depth = 0; depth < 3 && modules.size() == 1; ++depth) {
    const std::string prefix = modules.begin()->first + "/";
    std::map<std::string, int, std::less<>> children;
    for (const auto& source : sources) {
      const auto parts = util::split(source.path, '/');
      std::string path;
      std::size_t i = 0;
      for (; i + 1 < parts.size(); ++i) {
        path += std::string(parts[i]) + "/";
        if (path.size() > prefix.size())
          break;
      }
      if (!path.starts_with(prefix) || path.size() <= prefix.size() || i + 1 >= parts.size())
        continue;
      const auto child = util::to_lower(parts[i]);
      if (!has(k_not_modules, child))
        ++children[path.substr(0, path.size() - 1)];
    }
    int in_children = 0;
    for (const auto& [path, count] : children)
      in_children += count;
    if (children.empty() || in_children * 2 < modules.begin()->second)
      break; // a flat package (src/click), or a package whose own files outnumber its subfolders'
    modules = std::move(children);
  }
  for (auto& [path, count] : modules)
    size.modules.push_back(SourceModule{path, count});
  return size;
}

} // namespace tacit::facts
