#pragma once
// `tacit context [PATH] [--agent NAME] [--all-dirs] [--format text|json]`: what each agent loads for a
// directory, by the loading model (doc/agents.hpp).

#include <CLI/CLI.hpp>

#include <string>

namespace tacit::cli {

/// The parsed arguments of `tacit context`.
struct ContextArgs {
  CLI::App* command = nullptr;
  std::string path = "."; ///< a directory (or file) inside the repository
  std::string agent;      ///< empty: every agent
  std::string format = "text";
  bool all_dirs = false;
};

/// Adds `context` to the app.
void add_context_command(CLI::App& app, ContextArgs& args);

/// Runs the parsed context command; returns the exit code.
int run_context(const ContextArgs& args);

} // namespace tacit::cli
