#pragma once
// Facts: what the repository really does, derived from its machine-readable sources, each with
// provenance. Extractors are independent and cheap; each says which files it reads.

#include <tacit/facts/file_cache.hpp>
#include <tacit/repo/snapshot.hpp>

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// Where a fact comes from.
struct Provenance {
  std::string path;
  int line = 0;
  std::string note; ///< what this location shows ("add_test() registers a ctest test")
};

/// A test suite that a known runner can run.
struct TestSuite {
  std::string runner;            ///< ctest, pytest, npm, pnpm, yarn, bun, go, cargo, maven, gradle
  std::string project_dir;       ///< the directory of the project ("" for the root)
  std::string suggested_command; ///< what a doc should tell an agent to run
  std::string script;            ///< the command the project's own test script runs (package.json), if any
  std::vector<Provenance> evidence;
};

/// The targets a task runner knows: Makefile targets, package.json scripts, justfile recipes.
struct TargetSet {
  std::string runner; ///< make, npm (package.json scripts, whatever the package manager), just
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
  std::string kind;              ///< cmake, cargo, go, npm, maven, gradle, make, meson, bazel, maturin,
                                 ///< scikit-build-core, meson-python (a pyproject.toml that compiles)
  std::string program;           ///< the program a doc would show (cmake, cargo, go, npm, mvn, gradle...)
  std::string suggested_command; ///< what a doc should tell an agent to run
  std::string build_script;      ///< npm: the command the "build" script runs
  Provenance evidence;
};

/// A formatter, linter or type checker the repository configures (one per tool: the shallowest config).
struct ToolConfig {
  std::string tool; ///< ruff, eslint, prettier, clang-format, golangci-lint, clippy, pre-commit...
  std::string kind; ///< lint, format, typecheck
  std::string path; ///< the config file (pyproject.toml for [tool.ruff], package.json for "eslintConfig")
  int line = 0;     ///< 1: the whole file; else the line of the tool's section or key
  std::string suggested_command; ///< what a doc should tell an agent to run
};

/// One hook of the root .pre-commit-config.yaml.
struct PreCommitHook {
  std::string repo;  ///< the hook repository's URL, "local" or "meta"
  std::string id;    ///< the hook id (ruff, mypy, trailing-whitespace...)
  std::string entry; ///< what a local hook runs ("" for a remote hook)
  std::string path;
  int line = 0; ///< the line of its `id:`
};

/// What tacit knows about a formatter, linter or type checker. The table is data in tools.cpp.
struct ToolInfo {
  std::string_view tool;
  std::string_view kind;              ///< lint, format, typecheck
  std::string_view suggested_command; ///< what a doc should tell an agent to run
  /// Command heads that run it ("ruff", "cargo clippy", "gradle spotless*": a trailing `*` matches any word
  /// that starts with the rest).
  std::span<const std::string_view> commands;
  /// Documented commands that run it too without naming it (`gradle check` runs checkstyle).
  std::span<const std::string_view> implied_by;
  std::span<const std::string_view> hooks; ///< pre-commit hook ids that run it
};

/// A toolchain version the repository pins for its developers (root files only: a nested .nvmrc belongs to an
/// example or a subproject).
struct ToolchainPin {
  std::string tool; ///< node, python, rust, go, java, ruby, pnpm... (asdf names mapped: nodejs -> node)
  std::string
      ecosystem;       ///< node, python, rust, go, java, ruby, php; for other tools the manager (asdf, mise)
  std::string version; ///< as written ("20", "lts/iron", "1.98.0", ">=3.10"); may be empty
  std::string manager; ///< what reads the pin: nvm, fnm, pyenv, rustup, goenv, jenv, sdkman, rbenv, asdf,
                       ///< mise, corepack; "" for a range the tool itself checks
  bool weak = false;   ///< a supported range or a pin the build tool honours by itself (engines.node,
                       ///< requires-python, go.mod's go and toolchain lines): evidence, not a setup step
  Provenance evidence;
};

/// A root file that needs a setup step before the project builds: a lockfile to install from, a dev
/// container, an environment manager (Cargo.lock and go.sum are not: cargo and go fetch on build).
struct SetupFile {
  std::string kind;            ///< lockfile, devcontainer, env-manager
  std::string tool;            ///< npm, pnpm, yarn, bun, uv, poetry, pipenv, pdm, bundler, composer,
                               ///< devcontainer, nix
  std::string ecosystem;       ///< node, python, ruby, php; "" for a dev container or an environment manager
  std::string install_command; ///< the command that sets it up ("npm ci", "uv sync")
  Provenance evidence;
};

/// A link from a decision record to another record: a relative link, or a relation by number
/// ("Supersedes ADR-0003").
struct DecisionLink {
  std::string relation; ///< supersedes, superseded-by, amends, amended-by, replaces, replaced-by, link
  std::string target;   ///< as written: a relative path (`0007-x.md`) or a number reference (`ADR-0003`)
  std::string resolved; ///< the repository path a path target names; "" for a number reference
  int number = -1;      ///< the record number a number reference names, else -1
  int line = 0;
  int column = 0; ///< column of the target's first character
};

/// A decision record (ADR) in Nygard (## Status / ## Context / ## Decision / ## Consequences) or MADR
/// layout ("Context and Problem Statement", "Decision Outcome", front matter `status:`).
struct DecisionRecord {
  std::string path;
  std::string log;    ///< the folder of its log (docs/adr); for ADR-*.md outside such a folder, its folder
  std::string title;  ///< the first heading
  int number = -1;    ///< from the file name (0007-x.md, adr-007-x.md, ADR-7.md); -1 when none
  std::string layout; ///< nygard, madr
  std::string
      status; ///< the status as written ("Accepted", "superseded by [ADR-9](0009-x.md)"); "" when none
  int status_line = 0;
  bool has_status = false;
  bool has_context = false;
  bool has_decision = false;
  bool has_consequences = false;
  std::vector<DecisionLink> links;
};

/// A folder of decision records, its index and its record template.
struct DecisionLog {
  std::string dir;   ///< docs/adr, doc/decisions... ("" for the root)
  std::string index; ///< README.md / index.md of the folder, or ""
  /// A record template (template.md, 0000-template.md, adr-template.md), or "". The parts below are
  /// those it asks for (a part it leaves out or marks optional is not required of the records).
  std::string template_path;
  bool template_status = true;
  bool template_context = true;
  bool template_decision = true;
  bool template_consequences = true;
};

/// A document that maps the code's structure: ARCHITECTURE.md, docs/architecture*, a section about the
/// architecture, structure, layout or design of the code in a README, CONTRIBUTING or context file, or a
/// context-file section that lists the top-level directories.
struct ArchitectureDoc {
  std::string path;
  int line = 1;        ///< the section's heading line; 1 for a whole file
  std::string heading; ///< the section's heading; "" for a whole file
  std::string kind;    ///< file, section, directory-list
};

/// A top-level source module: a top-level directory that holds source files, or a child of src/,
/// packages/, crates/, cmd/, internal/, pkg/, apps/, libs/, services/.
struct SourceModule {
  std::string path;
  int source_files = 0;
};

/// How big the code is: source files by extension outside vendored, example, doc and fixture folders.
struct SourceSize {
  int source_files = 0;
  std::map<std::string, int> by_extension; ///< "cpp" -> 120
  std::vector<SourceModule> modules;       ///< sorted by path
};

/// A file of the contribution procedure, or a doc that may state it.
struct ContributionFile {
  std::string kind; ///< contributing (CONTRIBUTING* at the root, in .github/ or docs/, or a doc in a
                    ///< contributing folder), pr-template (pull or merge request templates), codeowners,
                    ///< commit-lint (a commitlint or commitizen config), guide (another doc in a docs
                    ///< folder whose name is about commits, contributing, reviews or pull requests)
  std::string path;
  std::string text; ///< pr-template and guide: the content (capped), for rules that read what they say
};

/// A way the repository makes releases.
struct ReleaseMechanism {
  std::string kind;    ///< workflow, ci-job (GitLab, CircleCI), goreleaser, semantic-release, release-please,
                       ///< changesets, cargo-release, release-it, script, target
  std::string command; ///< what a doc would show to run it ("goreleaser release", "make release"); "" for
                       ///< what CI runs by itself
  Provenance evidence;
};

/// A file that says it is generated: a generated-code marker in its header comment (`Code generated ... DO
/// NOT EDIT.`, `@generated`, "This file is auto-generated by ..."), or a path the root .gitattributes marks
/// linguist-generated.
struct GeneratedFile {
  std::string path;
  int line = 0;          ///< the marker's line; 0 when only .gitattributes says so
  std::string marker;    ///< the marker as written (comment text, capped); empty for linguist-generated only
  std::string generator; ///< protoc-gen-go, mockgen, stringer, scripts/gen.py... ("" when none is named)
  int attributes_line = 0; ///< the .gitattributes line that marks it linguist-generated (0: not marked)
};

/// Everything the extractors found.
struct Facts {
  std::vector<TestSuite> test_suites;
  std::vector<TargetSet> target_sets;
  std::vector<BuildSystem> build_systems;
  bool generated_makefiles = false; ///< CMake, autotools, meson or qmake may generate Makefiles
  std::vector<ToolConfig> tools;
  std::vector<PreCommitHook> pre_commit_hooks;
  std::vector<ToolchainPin> toolchain_pins;
  std::vector<SetupFile> setup_files;
  std::vector<DecisionRecord> decision_records; ///< sorted by path
  std::vector<DecisionLog> decision_logs;       ///< sorted by dir
  /// Other decision logs: DECISIONS.md, docs/design/, rfcs/, a "Decisions" section (path, line, note).
  std::vector<Provenance> decision_docs;
  std::vector<ArchitectureDoc> architecture_docs;
  SourceSize source_size;
  std::vector<ContributionFile> contribution_files;
  std::vector<ReleaseMechanism> release_mechanisms; ///< from files and task-runner targets (CI: see ci.hpp)
  std::vector<GeneratedFile> generated_files;       ///< sorted by path; filled by extract_generated
};

/// What the extractors read files through: the run's cache, which reads each file once (capped; empty when
/// unreadable) and parses it once per format.
using FileReader = ParsedFileCache;

/// Runs every extractor over the in-scope files.
Facts extract_facts(const std::vector<const repo::FileEntry*>& files, const FileReader& read);

/// The task-runner target extractor (Makefiles, package.json scripts, justfiles, CMake presets, tox, nox,
/// Taskfiles, Cargo aliases, poe and hatch scripts).
std::vector<TargetSet> extract_targets(const std::vector<const repo::FileEntry*>& files,
                                       const FileReader& read);

/// The build-system extractor (root build files).
std::vector<BuildSystem> extract_build_systems(const std::vector<const repo::FileEntry*>& files,
                                               const FileReader& read);

/// The test-suite extractor (CMake/ctest, pytest, npm/pnpm/yarn/bun, go, cargo, Maven, Gradle).
std::vector<TestSuite> extract_test_suites(const std::vector<const repo::FileEntry*>& files,
                                           const FileReader& read);

/// The formatter/linter/type-checker config extractor (config files, pyproject/setup.cfg/tox.ini sections,
/// package.json keys, Maven/Gradle plugins); test data, examples and third-party copies are left out.
std::vector<ToolConfig> extract_tools(const std::vector<const repo::FileEntry*>& files,
                                      const FileReader& read);

/// The hooks of the root .pre-commit-config.yaml (unparseable: none).
std::vector<PreCommitHook> extract_pre_commit_hooks(const std::vector<const repo::FileEntry*>& files,
                                                    const FileReader& read);

/// Every tool tacit knows, in table order.
std::span<const ToolInfo> known_tools();

/// The tool named `tool`, or nullptr.
const ToolInfo* find_tool(std::string_view tool);

/// The tool a CI action runs (`golangci/golangci-lint-action@v6` runs golangci-lint), or nullptr.
const ToolInfo* tool_of_action(std::string_view uses);

/// The toolchain pin extractor (root .nvmrc, .python-version, rust-toolchain.toml, .tool-versions, mise.toml,
/// package.json engines and packageManager, pyproject requires-python, go.mod...).
std::vector<ToolchainPin> extract_toolchain_pins(const std::vector<const repo::FileEntry*>& files,
                                                 const FileReader& read);

/// The setup file extractor (root lockfiles that need an install step, dev containers, Nix shells).
std::vector<SetupFile> extract_setup_files(const std::vector<const repo::FileEntry*>& files,
                                           const FileReader& read);

/// The package manager of the JavaScript project in `dir` ("" for the root): the lockfile nearest at or above
/// it (pnpm, yarn, bun, npm), else `package_manager` (its package.json's packageManager field), else the
/// nearest packageManager field above it, else npm. A workspace package gets its root's manager.
std::string node_package_manager(const std::vector<const repo::FileEntry*>& files, std::string_view dir,
                                 std::string_view package_manager, const FileReader& read);

/// True for a tox factor that names a Python (py, py312, py3.12, pypy3, 3.13, 3.14t): tox 4 runs such an
/// environment without configuring it.
bool is_tox_python_factor(std::string_view factor);

/// The decision record extractor: records in docs/adr, doc/adr, docs/decisions, docs/architecture/decisions,
/// adr/ (any folder named adr, adrs, decisions, decision-records, architecture-decisions) and ADR-*.md files;
/// their logs, indexes and templates (neither is a record), and other decision docs.
void extract_decision_records(const std::vector<const repo::FileEntry*>& files, const FileReader& read,
                              Facts& facts);

/// The record number in a decision record's file name (0007-x.md, adr-007-x.md, ADR-7.md), or -1 (a date
/// such as 20200924-x.md is not a number).
int record_number(std::string_view name);

/// The source size extractor (source files by extension, top-level source modules).
SourceSize extract_source_size(const std::vector<const repo::FileEntry*>& files);

/// The architecture doc extractor. Needs the source size (a context-file section that lists the top-level
/// directories counts).
std::vector<ArchitectureDoc> extract_architecture_docs(const std::vector<const repo::FileEntry*>& files,
                                                       const FileReader& read, const SourceSize& size);

/// The contribution procedure extractor: CONTRIBUTING guides (root, .github/, docs/), pull and merge request
/// templates, CODEOWNERS, commitlint configs, and docs whose names are about commits or contributing (their
/// text is kept, capped). Reads only templates and those docs.
std::vector<ContributionFile> extract_contribution_files(const std::vector<const repo::FileEntry*>& files,
                                                         const FileReader& read);

/// The release mechanism extractor (files only): goreleaser, semantic-release (.releaserc*,
/// release.config.*, package.json "release"), release-please, changesets, cargo-release (release.toml),
/// release-it, release scripts (scripts/release*, release.sh), and `release` targets of `targets` (make,
/// npm scripts, just...). Reads only the root package.json.
std::vector<ReleaseMechanism> extract_release_mechanisms(const std::vector<const repo::FileEntry*>& files,
                                                         const FileReader& read,
                                                         const std::vector<TargetSet>& targets);

/// Reads the first bytes of files, for one thread; the view stays valid until the next call (empty when a
/// file is unreadable).
using HeadReader = std::function<std::string_view(const repo::FileEntry&)>;

/// Makes a HeadReader that reads at most `max_bytes` of each file.
using HeadReaders = std::function<HeadReader(std::size_t max_bytes)>;

/// A generated-code marker found in a file's header.
struct GeneratedMarker {
  int line = 0;
  std::string marker;
  std::string generator;
};

/// The generated-code marker in the header of `head` (the first bytes of a file): only the leading comment
/// block counts (after a shebang or an XML/PHP prolog), so a marker in a string literal of a generator's
/// source is not one. Returns a marker with line 0 when there is none.
GeneratedMarker find_generated_marker(std::string_view head);

/// True for a path whose head may carry a generated-code marker: source and config files by extension;
/// never docs, lockfiles, binaries or templates (a template's marker is for its output).
bool may_carry_generated_marker(std::string_view path);

/// The generated-code extractor: reads the heads of the files that may carry a marker (a byte prefilter
/// before any line is looked at), in runs of neighbouring files on up to `jobs` threads. `files` are the
/// in-scope files; `linguist_generated` are the files out of scope only because the root .gitattributes (read
/// with `read`) marks them linguist-generated: those are generated whatever their head says. Lockfiles are
/// never reported.
std::vector<GeneratedFile> extract_generated(const std::vector<const repo::FileEntry*>& files,
                                             const std::vector<const repo::FileEntry*>& linguist_generated,
                                             const FileReader& read, const HeadReaders& heads, unsigned jobs);

/// Generated files of one generator (files that only .gitattributes calls generated form a group of their
/// own).
struct GeneratedGroup {
  std::string generator;                ///< as GeneratedFile::generator ("" when none is named)
  std::vector<std::size_t> files;       ///< indices into the generated files, in path order
  std::vector<std::string> directories; ///< the distinct directories of those files, sorted
  bool linguist = false;                ///< no marker: .gitattributes marks them linguist-generated
};

/// Groups generated files by generator (case-insensitive), the groups in order of their first file; files
/// without a marker (linguist-generated only) form one group.
std::vector<GeneratedGroup> group_generated(const std::vector<GeneratedFile>& files);

} // namespace tacit::facts
