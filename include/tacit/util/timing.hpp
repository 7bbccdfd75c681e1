#pragma once
// Where a run spends its time: with TACIT_TIMING=1 in the environment, each phase of a check and each rule
// prints its wall time to stderr (as ESLint's TIMING=1 does). For bench/ and for profiling by hand; off by
// default, and free when off (one getenv per run).

#include <chrono>
#include <string_view>

namespace tacit::util {

/// Whether TACIT_TIMING is set to a non-empty value other than "0".
bool timing_enabled();

/// Prints "tacit: timing: <what> <ms> ms  (at <from>-<to> ms)" to stderr, the phase's start and end counted
/// from the first timed phase's start (a line at a time: safe from several threads).
void report_timing(std::string_view what, std::chrono::steady_clock::duration elapsed);

/// Times a scope; reports on destruction when timing is enabled.
class ScopedTiming {
public:
  explicit ScopedTiming(std::string_view what)
      : m_what(what), m_on(timing_enabled()),
        m_start(m_on ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{}) {}
  ~ScopedTiming() {
    if (m_on)
      report_timing(m_what, std::chrono::steady_clock::now() - m_start);
  }
  ScopedTiming(const ScopedTiming&) = delete;
  ScopedTiming& operator=(const ScopedTiming&) = delete;

private:
  std::string_view m_what;
  bool m_on;
  std::chrono::steady_clock::time_point m_start;
};

} // namespace tacit::util
