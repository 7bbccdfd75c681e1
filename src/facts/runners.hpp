#pragma once
// Task-runner and preset targets beyond make, package.json scripts and just: CMake presets, tox
// environments, nox sessions, Taskfile tasks, Cargo aliases and pyproject runners (poe, hatch, pdm). Each
// extractor appends TargetSets; extract_targets calls them all.

#include <tacit/facts/facts.hpp>

#include <string_view>
#include <vector>

namespace tacit::facts {

using FileList = std::vector<const repo::FileEntry*>;

/// The entry at `path` in a list sorted by path (as a Snapshot gives), or nullptr.
const repo::FileEntry* find_entry(const FileList& files, std::string_view path);

/// CMakePresets.json / CMakeUserPresets.json and the files they include: one set per preset kind and file
/// (runners cmake-configure-preset, cmake-build-preset, cmake-test-preset, cmake-package-preset,
/// cmake-workflow-preset). Hidden presets are not targets; recipes hold the configure preset a build or
/// test preset uses, and a configure preset's binaryDir.
void extract_cmake_presets(const FileList& files, const FileReader& read, std::vector<TargetSet>& out);

/// tox environments (tox.ini, setup.cfg [tox:tox], pyproject.toml [tool.tox], tox.toml): runner "tox".
void extract_tox(const FileList& files, const FileReader& read, std::vector<TargetSet>& out);

/// noxfile.py sessions: runner "nox"; parametrized sessions as `name-*` / `name(*` patterns; recipes are the
/// string literals of their `session.run(...)` calls.
void extract_nox(const FileList& files, const FileReader& read, std::vector<TargetSet>& out);

/// Taskfile.yml tasks, aliases and local includes (`ns:task`): runner "task"; recipes are the tasks' commands
/// and deps.
void extract_taskfiles(const FileList& files, const FileReader& read, std::vector<TargetSet>& out);

/// .cargo/config.toml [alias] entries: runner "cargo-alias".
void extract_cargo_aliases(const FileList& files, const FileReader& read, std::vector<TargetSet>& out);

/// pyproject.toml task runners: [tool.poe.tasks] (runner "poe"), [tool.hatch.envs.*.scripts] (runner
/// "hatch", targets `env:script`, and `script` for the default env), [tool.pdm.scripts] (runner "pdm").
void extract_pyproject_runners(const FileList& files, const FileReader& read, std::vector<TargetSet>& out);

/// The repository's scripts (shell scripts and Python scripts at the root or in scripts/, bin/, tools/,
/// hack/, ci/...; executables without extension): runner "script", targets their paths, recipes the commands
/// they run (wrappers peeled, `${PREFIX}tool` read as `tool`; a Python script's: python_script_commands).
TargetSet extract_scripts(const FileList& files, const FileReader& read);

/// The commands a Python script runs, one a line: its argument lists (`["ruff", "check", "."]`,
/// `[sys.executable,
/// "-m", "mypy"]` as `python -m mypy`) and the command strings it hands to a runner (`os.system("pylint
/// src")`, `subprocess.run("ruff check .", shell=True)`); not the lists that install, query or remove a
/// package (is_plumbing_command), nor docstrings, messages or other strings (`shutil.which("pylint")`).
std::string python_script_commands(std::string_view content);

/// What the runners add to the other facts, from the root's target sets: tox environments, nox sessions,
/// a Taskfile `test` task and CMake test presets as test suites (with their command); a CMake build's
/// suggested command through its configure and build presets.
void add_runner_facts(Facts& facts);

} // namespace tacit::facts
