#pragma once
// Facts about how the repository is built and tested: its test suites, the targets its task runners know
// (Makefiles, package.json scripts, justfiles, CMake presets, tox, nox, Taskfiles, Cargo aliases, poe, hatch
// and pdm scripts) and its build systems.

#include <tacit/facts/provenance.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// A test suite that a known runner can run.
struct TestSuite {
  std::string runner;            ///< ctest, pytest, npm, pnpm, yarn, bun, go, cargo, maven, gradle, swift,
                                 ///< dotnet
  std::string project_dir;       ///< the directory of the project ("" for the root)
  std::string suggested_command; ///< what a doc should tell an agent to run
  std::string script;            ///< the command the project's own test script runs (package.json), if any
  std::vector<Provenance> evidence;
};

/// The name of the one target of runner "maven": the root pom.xml's <defaultGoal>, what a bare `mvn` runs.
inline constexpr std::string_view k_maven_default_goal = "(defaultGoal)";

/// The targets a task runner knows: Makefile targets, package.json scripts, justfile recipes.
struct TargetSet {
  std::string runner; ///< make, npm (package.json scripts, whatever the package manager), just, maven
  std::string path;   ///< the file that defines them
  std::map<std::string, int> targets; ///< name -> line
  std::vector<std::string> patterns;  ///< pattern rules (`%.o`), matched as globs
  bool complete = true; ///< false when targets may come from elsewhere (includes, variables, imports)
  std::map<std::string, std::string> recipes; ///< name -> what it runs (recipe lines, the script's command)
  std::vector<std::string> factors; ///< tox: factors any environment name may combine (`py312-lint`)
};

/// A build system that builds the repository (detected at the root only: subprojects are not the
/// repository's own build).
struct BuildSystem {
  std::string kind;              ///< cmake, cargo, go, npm, maven, gradle, make, meson, bazel, swiftpm,
                                 ///< dotnet, maturin, scikit-build-core, meson-python (a pyproject.toml
                                 ///< that compiles)
  std::string program;           ///< the program a doc would show (cmake, cargo, go, npm, mvn, gradle...)
  std::string suggested_command; ///< what a doc should tell an agent to run
  std::string build_script;      ///< npm: the command the "build" script runs
  Provenance evidence;
};

/// The task-runner target extractor (Makefiles, package.json scripts, justfiles, CMake presets, tox, nox,
/// Taskfiles, Cargo aliases, poe, hatch and pdm scripts).
std::vector<TargetSet> extract_targets(const std::vector<const repo::FileEntry*>& files,
                                       const FileReader& read);

/// True when the root Package.swift builds Swift sources (not a C library's manifest for Swift users).
bool is_swift_package(const std::vector<const repo::FileEntry*>& files);

/// A .NET build (`dotnet build`): a solution (.sln, .slnx) listing C#, F# or Visual Basic projects, or
/// such a project, at the root; else a solution in src/.
struct DotnetBuild {
  Provenance evidence; ///< the solution or project
  std::string target;  ///< what `dotnet build` and `dotnet test` must name (src/X.sln, or one of several
                       ///< files at the root); empty when the bare command finds it
};
std::optional<DotnetBuild> dotnet_build(const std::vector<const repo::FileEntry*>& files,
                                        const FileReader& read);

/// The build-system extractor (root build files).
std::vector<BuildSystem> extract_build_systems(const std::vector<const repo::FileEntry*>& files,
                                               const FileReader& read);

/// The test-suite extractor (CMake/ctest, pytest, npm/pnpm/yarn/bun, go, cargo, Maven, Gradle, SwiftPM,
/// .NET).
std::vector<TestSuite> extract_test_suites(const std::vector<const repo::FileEntry*>& files,
                                           const FileReader& read);

/// True for a tox factor that names a Python (py, py312, py3.12, pypy3, 3.13, 3.14t): tox 4 runs such an
/// environment without configuring it.
bool is_tox_python_factor(std::string_view factor);

} // namespace tacit::facts
