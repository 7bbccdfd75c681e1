#pragma once
// `tacit init [PATH] [--dry-run] [--claude]`: writes an AGENTS.md built from the repository's facts (see
// include/tacit/init/agents_md.hpp) where no agent context file exists yet. Exit codes: 0 written (or printed
// with --dry-run), 1 not written because a context file exists (`tacit check --fix` edits one), 2 usage or
// repository error.

#include <CLI/CLI.hpp>

#include <string>

namespace tacit::cli {

/// The parsed arguments of `tacit init`.
struct InitArgs {
  CLI::App* command = nullptr;
  std::string path = "."; ///< any path inside the repository
  bool dry_run = false;   ///< print the file instead of writing it
  bool claude = false;    ///< also write CLAUDE.md, which imports AGENTS.md
};

/// Adds `init` to the app.
void add_init_command(CLI::App& app, InitArgs& args);

/// Runs the parsed init command; returns the exit code.
int run_init(const InitArgs& args);

} // namespace tacit::cli
