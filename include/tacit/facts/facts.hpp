#pragma once
// Facts: what the repository really does, derived from its machine-readable sources, each with
// provenance. Extractors are independent and cheap; each says which files it reads. This header gathers
// every family (Facts, extract_facts); an extractor or a rule that reads one family includes its header:
// builds, tools, setup, decisions, architecture, contribution, generated, ci (provenance: what they share).

#include <tacit/facts/architecture.hpp>
#include <tacit/facts/builds.hpp>
#include <tacit/facts/contribution.hpp>
#include <tacit/facts/decisions.hpp>
#include <tacit/facts/generated.hpp>
#include <tacit/facts/provenance.hpp>
#include <tacit/facts/setup.hpp>
#include <tacit/facts/style.hpp>
#include <tacit/facts/tools.hpp>

#include <optional>
#include <vector>

namespace tacit::facts {

/// Everything the extractors found.
struct Facts {
  std::vector<TestSuite> test_suites;
  std::vector<TargetSet> target_sets;
  TargetSet scripts; ///< the repository's scripts (runner "script"): what `./scripts/lint` runs
  std::vector<BuildSystem> build_systems;
  bool generated_makefiles = false; ///< CMake, autotools, meson or qmake may generate Makefiles
  std::vector<ToolConfig> tools;
  std::vector<PreCommitHook> pre_commit_hooks;
  std::vector<ToolchainPin> toolchain_pins;
  std::vector<StyleSetting> style_settings; ///< line length and indentation of root configs (style.hpp)
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
  /// The repository says it is a mirror or accepts no pull requests (see find_read_only_statement).
  std::optional<Provenance> read_only;
};

/// Runs every extractor over the in-scope files.
Facts extract_facts(const std::vector<const repo::FileEntry*>& files, const FileReader& read);

} // namespace tacit::facts
