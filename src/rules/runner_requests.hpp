#pragma once
// What a documented command asks a task runner to run, for CTX003: the runner (as TargetSet names it) and
// the targets, for CMake presets, tox, nox, Taskfiles and Cargo aliases. Placeholders (`<x>`, `$VAR`,
// `{x}`) are never targets.

#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules {

/// One target a command asks for.
struct RunnerRequest {
  std::string runner; ///< cmake-configure-preset, tox, nox, task, cargo-alias...
  std::string target;
};

/// The targets `words` (a normalised command) asks for; empty when it is none of these runners' commands.
std::vector<RunnerRequest> runner_requests(const std::vector<std::string>& words);

/// What is missing when a runner has no such target, for a message: "no tracked Makefile has a target".
std::string_view missing_target_phrase(std::string_view runner);

/// True for cargo's own subcommands and well-known cargo plugins (`cargo nextest`, `cargo deny`).
bool is_cargo_command(std::string_view name);

} // namespace tacit::rules
