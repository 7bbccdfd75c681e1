#pragma once
// `tacit baseline write [FILE]` and `tacit baseline prune [FILE]`: the CLI11 wiring of the baseline command.
// Both analyse the repository as `tacit check` does (same rules, same configuration) and write FILE
// atomically; the default FILE is .tacit-baseline.json at the repository root.

#include <CLI/CLI.hpp>

#include <string>

namespace tacit::cli {

/// The parsed arguments of `tacit baseline`.
struct BaselineArgs {
  CLI::App* command = nullptr;
  CLI::App* write = nullptr;
  CLI::App* prune = nullptr;
  std::string file;       ///< empty: the default at the repository root
  std::string path = "."; ///< any path inside the repository
  unsigned jobs = 0;
};

/// Adds `baseline` (with `write` and `prune`) to the app.
void add_baseline_command(CLI::App& app, BaselineArgs& args);

/// Runs the parsed baseline command; returns the exit code.
int run_baseline(const BaselineArgs& args);

} // namespace tacit::cli
