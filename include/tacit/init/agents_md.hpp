#pragma once
// `tacit init`: an AGENTS.md written from facts alone. Every command in it is one the repository defines
// (a build system's, a test suite's, a configured tool's, a root task-runner target, a CI step) or one the
// procedure rules ask for in their hints (TASK101-105, TASK107-109, QUAL203: "add `CMD` to AGENTS.md under a
// "Testing" section"), which they derive from the same facts. Nothing is invented: a section without facts is
// left out. The output is deterministic (facts and findings are sorted) and passes markdownlint's default
// rules, with commands in fenced blocks (a long command is not wrapped) and prose wrapped at 80 columns.

#include <tacit/engine/context.hpp>
#include <tacit/engine/finding.hpp>

#include <span>
#include <string>
#include <string_view>

namespace tacit::init {

/// The rules whose findings an AGENTS.md written by init prevents when it has the facts to: init runs them
/// on the repository and writes what their hints ask for.
std::span<const std::string_view> prevented_rules();

/// The AGENTS.md of the repository in `context`, from its facts and `findings` (the findings of
/// prevented_rules() on it, sorted).
std::string render_agents_md(const engine::Context& context, std::span<const engine::Finding> findings);

/// The CLAUDE.md that `init --claude` writes next to it: Claude Code reads CLAUDE.md, and the import makes it
/// read AGENTS.md (one source, no divergence).
std::string_view claude_md();

} // namespace tacit::init
