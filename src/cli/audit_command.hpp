#pragma once
// `tacit audit [PATH...]`: the CLI11 wiring of the tech lead's audit (docs/audit.md). Each repository is
// analysed as `tacit check` analyses it (same rules, same configuration), then scored; repositories run in
// parallel and one that cannot be audited is an error row, never the end of the run.

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace tacit::cli {

/// The parsed arguments of `tacit audit`.
struct AuditArgs {
  CLI::App* command = nullptr;
  std::vector<std::string> paths;
  std::string repos_file;            ///< --repos-file: one path a line
  std::vector<std::string> discover; ///< --discover DIR: every git repository below DIR
  std::vector<std::string> formats;  ///< FMT or FMT:FILE
  std::string output_file;           ///< -o
  unsigned jobs = 0;
  int min_level = 0;         ///< --min-level: exit 1 when a repository is below it
  int min_score = 0;         ///< --min-score: exit 1 when a repository scores below it
  std::size_t history = 0;   ///< --history N: score N earlier commits too (a trend)
  CLI::App* merge = nullptr; ///< `tacit audit merge FILE...`
  std::vector<std::string> merge_files;
};

/// Adds `audit` to the app.
void add_audit_command(CLI::App& app, AuditArgs& args);

/// Runs the parsed audit command; returns the exit code.
int run_audit(const AuditArgs& args);

} // namespace tacit::cli
