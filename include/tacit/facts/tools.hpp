#pragma once
// Facts about formatters, linters and type checkers: the configs the repository has, the hooks of its
// .pre-commit-config.yaml, and the table of what tacit knows about each tool (which commands run it).

#include <tacit/facts/provenance.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

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

} // namespace tacit::facts
