// Size facts: how many source files the repository has, by extension, and its top-level source modules.

#include <tacit/facts/architecture.hpp>
#include <tacit/facts/vendored.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

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

// Folders whose files are not the project's own code: examples, test data (at any depth), vendored code
// (facts::in_vendored_dir)...
constexpr std::array k_excluded_dirs{"examples"sv,     "example"sv,      "samples"sv,      "sample"sv,
                                     "testdata"sv,     "test-data"sv,    "test_data"sv,    "fixtures"sv,
                                     "__fixtures__"sv, "node_modules"sv, "__snapshots__"sv};
// ...and docs and build output (at the top: src/doc/ is code).
constexpr std::array k_excluded_top_dirs{"docs"sv, "doc"sv, "documentation"sv, "build"sv,
                                         "dist"sv, "out"sv, "target"sv};

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

} // namespace

SourceSize extract_source_size(const std::vector<const repo::FileEntry*>& files) {
  SourceSize size;
  std::vector<std::vector<std::string_view>> sources;
  std::set<std::string>
      flat_containers; // a container with source files of its own is one module (a crate's src/)
  for (const auto* file : files) {
    if ((file->mode & 0170000) == 0120000)
      continue; // a symlink
    const auto name = util::base_name(file->path);
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0)
      continue;
    const auto ext = util::to_lower(name.substr(dot + 1));
    if (!has(k_source_extensions, ext))
      continue;
    auto parts = util::split(file->path, '/');
    bool excluded = in_vendored_dir(file->path);
    for (std::size_t i = 0; i + 1 < parts.size(); ++i)
      excluded = excluded || parts[i].starts_with('.') || has(k_excluded_dirs, util::to_lower(parts[i])) ||
                 (i == 0 && has(k_excluded_top_dirs, util::to_lower(parts[i])));
    if (excluded)
      continue;
    ++size.source_files;
    ++size.by_extension[ext];
    if (parts.size() == 2 && has(k_containers, util::to_lower(parts[0])))
      flat_containers.insert(std::string(parts[0]));
    sources.push_back(std::move(parts));
  }
  std::map<std::string, int> modules;
  for (const auto& parts : sources) {
    if (parts.size() < 2)
      continue;
    const auto top = util::to_lower(parts[0]);
    if (has(k_not_modules, top) || util::contains(top, "-test") || util::contains(top, "_test"))
      continue; // e2e-tests, integration_tests
    if (has(k_containers, top) && parts.size() >= 3 && !flat_containers.contains(std::string(parts[0]))) {
      if (!has(k_not_modules, util::to_lower(parts[1])))
        ++modules[fmt::format("{}/{}", parts[0], parts[1])];
    } else {
      ++modules[std::string(parts[0])];
    }
  }
  for (auto& [path, count] : modules)
    size.modules.push_back(SourceModule{path, count});
  return size;
}

} // namespace tacit::facts
