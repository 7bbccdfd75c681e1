#pragma once
// A fuzz target is one LLVMFuzzerTestOneInput-style function: it takes any bytes, runs one reader on them
// and returns 0. Crashes, sanitizer reports and hangs are the findings; a target never checks results.
//
// Every target registers itself by name (TACIT_FUZZ_TARGET) into one binary, tacit-fuzz (driver.cpp), which
// replays seed files and runs a built-in mutation loop; the same binary built with AFL++'s compilers is what
// fuzz/run.sh hands to afl-fuzz (one input per execution).

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tacit::fuzz {

/// A target: takes an input, returns 0 (the libFuzzer convention).
using TargetFunction = int (*)(const std::uint8_t* data, std::size_t size);

/// Every registered target by name.
std::map<std::string, TargetFunction, std::less<>>& targets();

/// Registers a target at static-initialisation time (see TACIT_FUZZ_TARGET).
struct Registration {
  Registration(const char* name, TargetFunction function) { targets().emplace(name, function); }
};

/// The input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Splits an input into named files, so that one input can hold a file and the files it names: a line
/// `==> NAME` starts the file NAME; the text before the first such line is `first_name`.
inline std::vector<std::pair<std::string, std::string>> split_files(std::string_view text,
                                                                    std::string_view first_name) {
  std::vector<std::pair<std::string, std::string>> files{{std::string(first_name), {}}};
  std::size_t at = 0;
  while (at <= text.size()) {
    const auto end = std::min(text.find('\n', at), text.size());
    const auto line = text.substr(at, end - at);
    if (line.starts_with("==> ") && line.size() > 4)
      files.emplace_back(std::string(line.substr(4)), std::string());
    else
      files.back().second.append(line).append(end < text.size() ? "\n" : "");
    at = end + 1;
  }
  return files;
}

} // namespace tacit::fuzz

/// Defines and registers the target `name`: `TACIT_FUZZ_TARGET(json) { ...data, size...; return 0; }`.
#define TACIT_FUZZ_TARGET(name)                                                                              \
  static int tacit_fuzz_##name(const std::uint8_t* data, std::size_t size);                                  \
  static const ::tacit::fuzz::Registration tacit_fuzz_registration_##name(#name, tacit_fuzz_##name);         \
  static int tacit_fuzz_##name(const std::uint8_t* data, std::size_t size)
