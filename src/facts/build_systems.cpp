// Build systems at the repository root, with the file that shows each.

#include "json_scripts.hpp"
#include "toml_util.hpp"

#include <tacit/facts/builds.hpp>
#include <tacit/facts/setup.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

namespace tacit::facts {

namespace {

// A package script that does nothing: only `echo`, `true`, `:` or `exit 0`, joined by `&&`, `||` or `;`.
bool is_noop_script(std::string_view script) {
  std::string text(script);
  for (auto& c : text)
    if (c == '&' || c == '|' || c == ';')
      c = '\n';
  for (const auto part : util::split_lines(text)) {
    const auto words = util::split_words(part);
    if (words.empty())
      continue;
    if (words[0] == "echo" || words[0] == "true" || words[0] == ":" ||
        (words[0] == "exit" && (words.size() == 1 || words[1] == "0")))
      continue;
    return false;
  }
  return true;
}

struct Detector {
  std::string_view file;
  std::string_view kind;
  std::string_view program;
  std::string_view suggested;
  std::string_view note;
};

// Root files that say how the repository builds, in the order findings list them.
constexpr std::array k_detectors{
    Detector{"CMakeLists.txt", "cmake", "cmake", "cmake -B build && cmake --build build", "a CMake project"},
    Detector{"meson.build", "meson", "meson", "meson setup build && meson compile -C build",
             "a Meson project"},
    Detector{"MODULE.bazel", "bazel", "bazel", "bazel build //...", "a Bazel module"},
    Detector{"WORKSPACE", "bazel", "bazel", "bazel build //...", "a Bazel workspace"},
    Detector{"WORKSPACE.bazel", "bazel", "bazel", "bazel build //...", "a Bazel workspace"},
    Detector{"Cargo.toml", "cargo", "cargo", "cargo build", "a Cargo project"},
    Detector{"go.mod", "go", "go", "go build ./...", "a Go module"},
    Detector{"pom.xml", "maven", "mvn", "mvn package", "a Maven build"},
    Detector{"build.gradle", "gradle", "gradle", "./gradlew build", "a Gradle build"},
    Detector{"build.gradle.kts", "gradle", "gradle", "./gradlew build", "a Gradle build"},
    Detector{"settings.gradle", "gradle", "gradle", "./gradlew build", "a Gradle build"},
    Detector{"settings.gradle.kts", "gradle", "gradle", "./gradlew build", "a Gradle build"},
    Detector{"configure.ac", "autotools", "configure", "autoreconf -fi && ./configure && make",
             "an Autoconf project"},
    Detector{"configure.in", "autotools", "configure", "autoreconf -fi && ./configure && make",
             "an Autoconf project"},
    Detector{"SConstruct", "scons", "scons", "scons", "an SCons build"},
    Detector{"Makefile", "make", "make", "make", "a Makefile"},
    Detector{"GNUmakefile", "make", "make", "make", "a Makefile"},
};

const repo::FileEntry* find_file(const std::vector<const repo::FileEntry*>& files, std::string_view path) {
  const auto it =
      std::lower_bound(files.begin(), files.end(), path,
                       [](const repo::FileEntry* file, std::string_view p) { return file->path < p; });
  return it != files.end() && (*it)->path == path ? *it : nullptr;
}

} // namespace

bool is_swift_package(const std::vector<const repo::FileEntry*>& files) {
  if (!find_file(files, "Package.swift"))
    return false;
  // A C or C++ library ships a Package.swift for Swift users (zstd, nlohmann/json): that is packaging, and
  // its build is CMake's or make's. A Swift package has Swift sources besides its manifests.
  return std::ranges::any_of(files, [](const repo::FileEntry* file) {
    const auto name = util::base_name(file->path);
    return name.ends_with(".swift") && !name.starts_with("Package.swift") &&
           !name.starts_with("Package@swift");
  });
}

namespace {

bool is_dotnet_project(std::string_view name) {
  return name.ends_with(".csproj") || name.ends_with(".fsproj") || name.ends_with(".vbproj");
}

bool is_solution(std::string_view name) {
  return name.ends_with(".sln") || name.ends_with(".slnx");
}

// The project files a solution lists: C#, F# or Visual Basic ones build with `dotnet build`; a solution of
// C++ projects (.vcxproj) builds with Visual Studio's MSBuild only.
bool lists_dotnet_projects(std::string_view solution) {
  const auto lower = util::to_lower(solution);
  return lower.find(".csproj") != std::string::npos || lower.find(".fsproj") != std::string::npos ||
         lower.find(".vbproj") != std::string::npos;
}

} // namespace

std::optional<DotnetBuild> dotnet_build(const std::vector<const repo::FileEntry*>& files,
                                        const FileReader& read) {
  // At the root, where `dotnet build` finds it (a solution before a project); else a solution in src/ when
  // the root has none (Newtonsoft.Json's Src/Newtonsoft.Json.slnx). Deeper solutions belong to samples,
  // benchmarks or bindings.
  const repo::FileEntry* found = nullptr;
  int at_root = 0; // solutions and projects at the root: with more than one, `dotnet build` needs a name
  for (const auto* file : files)
    if (const auto name = util::base_name(file->path);
        name.size() == file->path.size() && (is_solution(name) || is_dotnet_project(name)))
      ++at_root;
  enum Pass { root_solution, root_project, src_solution };
  for (int pass = root_solution; pass <= src_solution && !found; ++pass)
    for (const auto* file : files) {
      const std::string_view path = file->path;
      const auto dir = util::dir_name(path);
      const auto name = util::base_name(path);
      const bool place =
          pass == src_solution ? util::iequals(dir, "src") || util::iequals(dir, "source") : dir.empty();
      const bool kind = pass == root_project ? is_dotnet_project(name) : is_solution(name);
      if (place && kind && (pass == root_project || lists_dotnet_projects(read(*file)))) {
        found = file;
        break;
      }
    }
  if (!found)
    return std::nullopt;
  const auto name = util::base_name(found->path);
  DotnetBuild build{Provenance{found->path, 1, is_solution(name) ? "a .NET solution" : "a .NET project"}, {}};
  if (name.size() != found->path.size() || at_root > 1)
    build.target = found->path;
  return build;
}

std::vector<BuildSystem> extract_build_systems(const std::vector<const repo::FileEntry*>& files,
                                               const FileReader& read) {
  std::vector<BuildSystem> systems;
  // A Swift package builds with SwiftPM first; a CMakeLists.txt beside it is the secondary build that
  // toolchains use, so `swift build` leads the hint.
  if (is_swift_package(files))
    systems.push_back(BuildSystem{
        "swiftpm", "swift", "swift build", {}, Provenance{"Package.swift", 1, "a Swift package"}});
  for (const auto& detector : k_detectors) {
    const auto* file = find_file(files, detector.file);
    if (!file)
      continue;
    if (std::any_of(systems.begin(), systems.end(), [&](const auto& s) { return s.kind == detector.kind; }))
      continue;
    // A manifest that does not parse is a broken build: parsing it once puts that in the run's notes
    // (ParsedFileCache::parse_failures), where the user sees why nothing else was read from it.
    if (detector.file == "Cargo.toml")
      static_cast<void>(read.toml(*file));
    std::string suggested(detector.suggested);
    if (detector.kind == "gradle" && !find_file(files, "gradlew"))
      suggested = "gradle build";
    systems.push_back(BuildSystem{std::string(detector.kind),
                                  std::string(detector.program),
                                  suggested,
                                  {},
                                  Provenance{file->path, 1, std::string(detector.note)}});
  }
  // A .NET solution or project builds with `dotnet build` (after a CMake or make build beside it, which
  // leads).
  if (auto build = dotnet_build(files, read))
    systems.push_back(BuildSystem{"dotnet",
                                  "dotnet",
                                  build->target.empty() ? "dotnet build" : "dotnet build " + build->target,
                                  {},
                                  std::move(build->evidence)});
  // A Python package builds (compiles) when its build backend compiles an extension: maturin (Rust),
  // scikit-build-core (CMake), meson-python. A pure-Python backend (hatchling, setuptools, flit...) has no
  // build step an agent runs: installing it is setup (TASK105).
  if (const auto* file = find_file(files, "pyproject.toml")) {
    if (const auto& doc = read.toml(*file)) {
      struct Backend {
        std::string_view backend;
        std::string_view kind;
        std::string_view program;
        std::string_view suggested;
      };
      static constexpr std::array k_backends{
          Backend{"maturin", "maturin", "maturin", "maturin develop"},
          Backend{"scikit_build_core.build", "scikit-build-core", "pip", "pip install -e ."},
          Backend{"mesonpy", "meson-python", "pip", "pip install --no-build-isolation -e ."},
      };
      const auto* system = doc->find("build-system");
      const auto* backend = system ? system->find("build-backend") : nullptr;
      for (const auto& entry : k_backends)
        if (backend && backend->scalar() == entry.backend)
          systems.push_back(BuildSystem{
              std::string(entry.kind),
              std::string(entry.program),
              std::string(entry.suggested),
              {},
              Provenance{file->path, backend->line,
                         fmt::format("the build backend {} compiles an extension", entry.backend)}});
    }
  }
  // A JavaScript project builds when its root package.json has a "build" script that does something
  // (`echo OK`, `true`, `exit 0` build nothing: a package whose code is built elsewhere).
  if (const auto* file = find_file(files, "package.json")) {
    const auto& package = read.package_json(*file);
    if (const auto it = package.scripts.find("build");
        it != package.scripts.end() && !is_noop_script(it->second.value)) {
      const auto field = package.fields.find("packageManager");
      const auto pm =
          node_package_manager(files, "", field == package.fields.end() ? "" : field->second.value, read);
      systems.push_back(
          BuildSystem{"npm", pm, fmt::format("{} run build", pm), it->second.value,
                      Provenance{file->path, it->second.line,
                                 fmt::format("the \"build\" script runs '{}'", it->second.value)}});
    }
  }
  return systems;
}

} // namespace tacit::facts
