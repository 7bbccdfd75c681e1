#pragma once
// What each agent loads for one directory of a repository, by the loading model (doc/agents.hpp): the files
// it loads always, in order, with their sizes; what it may load (path-scoped rules, skills, nested files,
// prompt files); where a documented budget cuts the chain. `tacit context` prints it; CTX004 reports the
// cuts.

#include <tacit/doc/agents.hpp>
#include <tacit/doc/document.hpp>
#include <tacit/repo/snapshot.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::doc {

/// What the planner reads of a repository.
struct LoadSource {
  std::span<const repo::FileEntry> files; ///< every file, sorted by path (repo::Snapshot::files)
  /// The parsed document at a path (front matter, imports, text), or nullptr when it was not read.
  std::function<const Document*(std::string_view)> document;
  /// The first bytes of a file that is not a parsed document (a skill's SKILL.md, for its front matter);
  /// unset or empty: unknown. `tacit context` reads them; rules, which do no I/O, leave it unset.
  std::function<std::string(std::string_view)> head = {};
};

/// One file in an agent's context.
struct LoadedFile {
  std::string path;               ///< as the agent opens it (a symlink's own path)
  std::string content_path;       ///< where the bytes come from (the symlink's target), else == path
  std::uint64_t bytes = 0;        ///< what the agent reads of it (a skill: its front matter only)
  std::uint64_t tokens = 0;       ///< estimate_tokens(bytes)
  std::string how;                ///< why it is loaded: "chain: root", "@import from CLAUDE.md", "globs: ..."
  bool chain = false;             ///< part of the always-loaded chain that a chain budget counts
  std::vector<std::string> globs; ///< for a path-scoped rule: the paths it applies to
  std::string description;        ///< for a described rule or a skill
};

/// Where a budget cuts the chain.
struct ChainCut {
  std::string path;                    ///< the file the cut falls in
  std::uint64_t read_bytes = 0;        ///< bytes of it that are read
  std::uint64_t file_bytes = 0;        ///< its size
  int last_line = 0;                   ///< the last line read (whole or in part); 0: unknown
  std::vector<std::string> never_read; ///< later files of the chain
};

/// A file over an agent's per-file limit.
struct FileOverLimit {
  std::string path;
  std::uint64_t chars = 0;
  std::uint64_t limit = 0;
  int line = 0; ///< the line where the limit falls
};

/// What one agent loads for the directory.
struct AgentLoad {
  const AgentSpec* agent = nullptr;
  std::vector<LoadedFile> always; ///< in the order the agent reads them
  std::vector<LoadedFile> may;    ///< loaded on a condition (globs, description, on demand, below)
  std::uint64_t always_bytes = 0; ///< the sum of `always`
  std::uint64_t chain_bytes = 0;  ///< the chain a chain budget counts
  std::optional<ChainCut> cut;    ///< where agent->max_chain_bytes (or `budget`) cuts
  std::vector<FileOverLimit> over_limit;
};

/// Options of a plan.
struct LoadOptions {
  const AgentSpec* only = nullptr; ///< one agent; nullptr: every agent
  /// Budgets that replace the documented ones, by agent key (0: the agent's own).
  std::function<std::uint64_t(const AgentSpec&)> chain_budget;
  std::function<std::uint64_t(const AgentSpec&)> file_limit;
};

/// What each agent loads when it works in `dir` ("" is the root), in agent_specs() order.
std::vector<AgentLoad> plan_context(const LoadSource& source, std::string_view dir,
                                    const LoadOptions& options = {});

/// The directories that hold a file some agent loads per directory (AGENTS.md, CLAUDE.md, GEMINI.md...),
/// sorted, the root first (always included).
std::vector<std::string> context_directories(std::span<const repo::FileEntry> files);

/// The number of UTF-8 characters of `text`.
std::uint64_t count_chars(std::string_view text);

} // namespace tacit::doc
