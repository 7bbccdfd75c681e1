#pragma once
// The command line: CLI11 wiring, raw options -> validated settings -> run. Exit codes: 0 no finding at or
// above the fail level; 1 findings at or above it; 2 usage, config or repository error.

namespace tacit::cli {

inline constexpr int k_exit_clean = 0;
inline constexpr int k_exit_findings = 1;
inline constexpr int k_exit_error = 2;

/// Runs tacit with the process arguments; returns the exit code.
int run(int argc, char** argv);

} // namespace tacit::cli
