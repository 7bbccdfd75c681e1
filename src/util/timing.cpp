#include <tacit/util/timing.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace tacit::util {

bool timing_enabled() {
  static const bool enabled = [] {
    const char* value = std::getenv("TACIT_TIMING");
    return value && *value && std::string_view(value) != "0";
  }();
  return enabled;
}

void report_timing(std::string_view what, std::chrono::steady_clock::duration elapsed) {
  static std::mutex mutex;
  const auto ms = std::chrono::duration<double, std::milli>(elapsed).count();
  const auto line = fmt::format("tacit: timing: {:<40} {:9.2f} ms\n", what, ms);
  std::lock_guard lock(mutex);
  std::fputs(line.c_str(), stderr);
}

} // namespace tacit::util
