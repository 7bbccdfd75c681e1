// TASK101 build-undocumented: a build system is detected and no doc gives a build command for it.

#include "fix_support.hpp"
#include "procedure_support.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "TASK101",
    .name = "build-undocumented",
    .category = "TASK",
    .severity = engine::Severity::warning,
    .summary = "a build system is detected and no doc gives a build command for it",
    .docs =
        {
            .what_it_does =
                "Detects how the repository builds from its root build files (CMakeLists.txt, meson.build, "
                "Bazel, Autoconf's configure.ac, SCons, Cargo.toml, go.mod, pom.xml, Gradle, a Makefile, a "
                "\"build\" script in package.json, a Swift package's Package.swift (with Swift sources: a C "
                "library's manifest for Swift users is packaging), a .NET solution or project at the root "
                "(or a solution in src/) that lists C#, F# or Visual Basic projects (documented by `dotnet "
                "build`, `dotnet test`, `dotnet pack`, `dotnet run --project`, `msbuild`, or a build "
                "script), a "
                "pyproject.toml whose backend compiles an extension: maturin, scikit-build-core, "
                "meson-python) "
                "and checks "
                "that some doc (README, CONTRIBUTING, docs/, an agent context file; any format) shows a "
                "command "
                "of "
                "one of those build tools. Any invocation of the tool counts (`cmake -S . -B out`, `cargo "
                "test`, "
                "`mvn verify`, `make`, `./configure`, `autoreconf -fi`), as does a task runner's or a "
                "script's "
                "build target (`just build`, "
                "`./build.sh`). Subprojects below the root are not the repository's own build. With a "
                "CMakePresets.json the suggested command uses its first configure preset and a build preset "
                "for it (`cmake --preset default && cmake --build --preset default`).",
            .why_it_matters = "Building is the first thing an agent must do to check its work. Without the "
                              "command it guesses "
                              "the generator, the build directory and the flags, and a wrong guess reads as "
                              "a broken build.",
            .example =
                "A CMake project whose README shows only how to use the library:\n\n"
                "```\nREADME.md:1:1: TASK101 the repository builds with cmake (CMakeLists.txt) but no doc "
                "says how to build it\n  hint: add `cmake -B build && cmake --build build` to AGENTS.md "
                "under a \"Build\" section\n```",
            .how_to_fix =
                "Write the exact build commands, configure step and build directory included, in a code "
                "block of the context file an agent reads first (or README/CONTRIBUTING).",
        },
    .fixable = true,
};

// A program whose name says it builds: ./build.sh, scripts/build, tools/build.py (not the docs' builder,
// CsvHelper's build-docs.cmd, nor an identifier such as `ClassMapBuilder`).
bool is_build_script(const std::vector<std::string>& words) {
  if (words.empty())
    return false;
  const auto name = util::to_lower(util::base_name(words.front()));
  return name.find("build") != std::string::npos && name.find("doc") == std::string::npos &&
         procedure::names_program(words.front());
}

// The CI commands that build with one of `systems`: cited as evidence. Narrower than what documents a
// build (`make lint` in CI is not a build).
std::vector<doc::CommandPattern> ci_patterns(const std::vector<facts::BuildSystem>& systems) {
  std::vector<doc::CommandPattern> patterns;
  for (const auto& system : systems) {
    const std::string_view kind = system.kind;
    if (kind == "cmake" || kind == "meson" || kind == "bazel")
      patterns.push_back({system.program, {}});
    else if (kind == "cargo" || kind == "go" || kind == "swiftpm")
      patterns.push_back({system.program, {"build"}});
    else if (kind == "maven")
      patterns.push_back({"mvn", {"package", "install", "verify", "compile"}});
    else if (kind == "gradle")
      patterns.push_back({"gradle", {"build", "assemble"}});
    else if (kind == "make")
      patterns.push_back({"make", {"all", "build"}});
    else if (kind == "maturin")
      patterns.push_back({"maturin", {}});
    else if (kind == "dotnet") {
      patterns.push_back({"dotnet", {"build", "pack", "publish", "msbuild"}});
      patterns.push_back({"msbuild", {}});
    } else if (kind == "npm")
      for (std::string_view manager : {"npm", "pnpm", "yarn", "bun"})
        patterns.push_back({manager, {"build"}, true});
  }
  return patterns;
}

// `dotnet run --project osu.Desktop` builds the project it runs (osu's README); a bare `dotnet run` runs
// whatever project is in the reader's folder (CsvHelper's docs site generator).
bool runs_dotnet_project(const std::vector<std::string>& words) {
  if (words.size() < 3 || words[0] != "dotnet" || words[1] != "run")
    return false;
  return std::ranges::any_of(words.begin() + 2, words.end(), [](const std::string& word) {
    return word == "--project" || word == "-p" || word.starts_with("--project=");
  });
}

// What builds a Python package that compiles an extension: an editable install or a build frontend.
const std::vector<doc::CommandPattern>& python_build_patterns() {
  static const std::vector<doc::CommandPattern> patterns{{"pip", {"install"}},
                                                         {"uv", {"sync", "build", "pip"}},
                                                         {"maturin", {}},
                                                         {"build", {}},
                                                         {"poetry", {"install", "build"}},
                                                         {"hatch", {"build"}},
                                                         {"pdm", {"install", "build"}}};
  return patterns;
}

class BuildUndocumented final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& systems = context.facts().build_systems;
    if (systems.empty())
      return out.not_applicable("no build system detected");
    // Any documented build tool, task runner build target or build script documents the build: a
    // repository with several build files (a Makefile wrapping CMake) needs only one documented way.
    // For a package.json build script: the script's own command (`vite build`, `tsc`); the package
    // manager alone (`pnpm dev`) says nothing about building.
    std::vector<std::pair<std::string, std::string>> programs; // program, subcommand ("" = any)
    for (const auto& system : systems) {
      if (system.program == "pip") { // a Python package that compiles builds when it installs
        programs.emplace_back("pip", "install");
        continue;
      }
      if (system.kind == "dotnet") // `dotnet add package` or `dotnet new` builds nothing; see below
        continue;
      if (system.kind != "npm") {
        programs.emplace_back(system.program, "");
        continue;
      }
      if (auto commands = doc::split_commands(system.build_script); !commands.empty()) {
        auto words = doc::peel_wrappers(commands.front());
        std::string sub;
        for (std::size_t i = 1; i < words.size() && sub.empty(); ++i)
          if (!words[i].starts_with('-'))
            sub = words[i];
        programs.emplace_back(words.front(), sub);
      }
    }
    std::vector<doc::CommandPattern> patterns{{"just", {"build"}, true},
                                              {"task", {"build"}, true},
                                              {"ninja", {}},
                                              {"bazelisk", {}},
                                              {"make", {}},
                                              {"configure", {}},
                                              {"autoreconf", {}},
                                              {"autogen.sh", {}},
                                              {"scons", {}},
                                              {"gradle", {}},
                                              {"nix", {"build"}},
                                              {"earthly", {}},
                                              {"pnpm", {"build"}, true},
                                              {"yarn", {"build"}, true},
                                              {"bun", {"build"}, true},
                                              {"npm", {"build"}, true},
                                              {"turbo", {"build"}, true},
                                              {"nx", {"build"}, true}};
    if (std::any_of(systems.begin(), systems.end(),
                    [](const auto& s) { return s.evidence.path == "pyproject.toml"; }))
      for (const auto& pattern : python_build_patterns())
        patterns.push_back(pattern);
    // `dotnet test` builds first; MSBuild, Cake and Nuke drive a .NET build (a build script of theirs,
    // build.ps1 or build.sh, counts below, as does `dotnet run --project X`).
    const bool dotnet = std::ranges::any_of(systems, [](const auto& s) { return s.kind == "dotnet"; });
    if (dotnet)
      for (const auto& pattern : std::initializer_list<doc::CommandPattern>{
               {"dotnet", {"build", "test", "pack", "publish", "msbuild", "cake", "nuke"}},
               {"msbuild", {}},
               {"nuke", {}},
               {"dotnet-cake", {}}})
        patterns.push_back(pattern);
    for (const auto& [program, sub] : programs)
      patterns.push_back(sub.empty() ? doc::CommandPattern{program, {}}
                                     : doc::CommandPattern{program, {std::string_view(sub)}});
    const auto& knowledge = context.knowledge();
    if (knowledge.find(patterns))
      return;
    for (const auto& mention : knowledge.commands())
      if (is_build_script(mention.words) || is_build_script(mention.peeled) ||
          (dotnet && (runs_dotnet_project(mention.words) || runs_dotnet_project(mention.peeled))))
        return;

    const auto& first = systems.front();
    std::vector<std::string> kinds;
    for (const auto& system : systems)
      kinds.push_back(system.kind);
    auto& finding = out.emit(fmt::format("the repository builds with {} ({}) but no doc says how to build it",
                                         util::join(kinds, " and "), first.evidence.path),
                             context.repository_anchor(), util::join(kinds, "+"));
    finding.hint = fmt::format("add `{}` to {} under a \"Build\" section", first.suggested_command,
                               context.primary_context_file());
    finding.fix = fixes::procedure_fix(context, "Build", first.suggested_command);
    for (const auto& system : systems)
      finding.related.push_back(
          engine::Location{system.evidence.path, system.evidence.line, 0, system.evidence.note});
    for (auto& location : procedure::ci_evidence(context, ci_patterns(systems)))
      finding.related.push_back(std::move(location));
  }
};

} // namespace

TACIT_RULE(BuildUndocumented)

} // namespace tacit::rules
