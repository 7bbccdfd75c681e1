#include <tacit/util/timing.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace tacit::util {

namespace {

// When the run's first timed phase began: each line says when its phase ran, so that the phases of several
// threads can be laid out on one time line.
std::chrono::steady_clock::time_point origin() {
  static const auto start = std::chrono::steady_clock::now();
  return start;
}

} // namespace

bool timing_enabled() {
  static const bool enabled = [] {
    const char* value = std::getenv("TACIT_TIMING");
    const bool on = value && *value && std::string_view(value) != "0";
    if (on)
      (void)origin();
    return on;
  }();
  return enabled;
}

void report_timing(std::string_view what, std::chrono::steady_clock::duration elapsed) {
  static std::mutex mutex;
  using Ms = std::chrono::duration<double, std::milli>;
  const auto ms = Ms(elapsed).count();
  const auto end = Ms(std::chrono::steady_clock::now() - origin()).count();
  const auto line =
      fmt::format("tacit: timing: {:<40} {:9.2f} ms  (at {:.1f}-{:.1f} ms)\n", what, ms, end - ms, end);
  std::lock_guard lock(mutex);
  std::fputs(line.c_str(), stderr);
}

} // namespace tacit::util
