#pragma once
// The loading model: which files each coding agent loads as context, from where, in which order, when
// (always, for a directory, for paths matching a glob, on demand) and within which budget. It is data
// (src/doc/agents.cpp), one entry per agent, each citing the agent's own documentation; the table of
// context files that classifies documents (doc/context_files) is derived from it, and `tacit context`,
// CTX004 and CTX005 read it.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::doc {

/// Where a file pattern of an agent is looked for.
enum class Place {
  root,           ///< the repository root only (`pattern` is a glob over repository paths)
  each_directory, ///< every directory from the root down to the working directory, in that order
  below,          ///< directories under the working directory, loaded when the agent works there
};

/// When a file that an agent finds is put into its context.
enum class Activation {
  always,       ///< at the start of every session
  front_matter, ///< as its front matter says (`Selector` tells which keys); none: `always`
  on_demand,    ///< when the agent or the person asks for it (a prompt file, a command)
  skill,        ///< a skill: its front matter `description` always, its body on demand
  opt_in,       ///< only when the agent is configured to read it (Aider's `read:`)
  personal,     ///< a private file (CLAUDE.local.md): loaded, but never the team's context
};

/// How a rule file's front matter selects when it applies.
enum class Selector {
  none,
  cursor,       ///< `alwaysApply: true`; else `globs`; else `description` (agent decides); else manual
  copilot,      ///< `applyTo` globs
  windsurf,     ///< `trigger: always_on | glob (globs) | model_decision (description) | manual`
  kiro,         ///< `inclusion: always (default) | fileMatch (fileMatchPattern) | manual`
  paths,        ///< `paths` globs (Claude Code, Cline); none: always
  augment,      ///< `type: always_apply | agent_requested (description) | manual` (default manual)
  continue_dev, ///< `alwaysApply: true`; else `globs`; none of them: always
};

/// One kind of file an agent loads.
struct LoadSpec {
  std::string_view pattern; ///< a file name for `each_directory`/`below`, else a glob over repository paths
  Place place;
  Activation activation;
  Selector selector = Selector::none;
  /// Specs of one agent with the same non-zero group are alternatives: in each directory only the first
  /// present one is loaded (Codex: AGENTS.override.md, else AGENTS.md; Zed: the first name of its list).
  int group = 0;
};

/// One agent: what it loads, and its documented limits.
struct AgentSpec {
  std::string_view key;  ///< for --agent: codex, claude, gemini, copilot, cursor...
  std::string_view name; ///< "Codex", "Claude Code"
  std::string_view docs; ///< the agent's own documentation of the above
  std::span<const LoadSpec> files;
  std::uint64_t max_chain_bytes = 0;      ///< combined bytes of the always-loaded chain (0: none documented)
  std::uint64_t max_file_chars = 0;       ///< characters per rule file (0: none documented)
  std::string_view max_file_applies = {}; ///< the glob of the files that per-file limit applies to
  int import_hops = 0;                    ///< `@path` imports followed this many hops deep (0: no imports)
  std::string_view budget_note = {};      ///< what the documentation says about the budget
};

/// Every agent of the model, in a stable order.
std::span<const AgentSpec> agent_specs();

/// The agent whose key or name is `name` (case-insensitive), or nullptr.
const AgentSpec* find_agent(std::string_view name);

/// A rule file's activation as its front matter states it.
struct RuleActivation {
  enum class Mode { always, glob, described, manual } mode = Mode::always;
  std::vector<std::string> globs; ///< for `glob`
  std::string description;        ///< for `described` (and skills)
};

/// Reads `front_matter` (the YAML between the --- fences, without them) as `selector` does.
RuleActivation read_activation(Selector selector, std::string_view front_matter);

/// The value of a top-level key of simple YAML front matter: a scalar (quotes removed) or the items of a
/// block or flow list joined with ','. nullopt when the key is absent.
std::optional<std::string> front_matter_value(std::string_view front_matter, std::string_view key);

/// The estimated tokens of `bytes` bytes of text: one token per 4 bytes, rounded up (the usual rule of
/// thumb for English prose and code with the BPE tokenizers of OpenAI and Anthropic models).
inline std::uint64_t estimate_tokens(std::uint64_t bytes) {
  return (bytes + 3) / 4;
}

} // namespace tacit::doc
