#pragma once
// Shared by the configuration sources: one file parsed on its own (config.cpp), before its `extends` are
// resolved and merged (config_load.cpp).

#include <tacit/engine/config.hpp>

#include <string_view>
#include <vector>

namespace tacit::engine::detail {

/// One configuration file: its own settings, and what it extends (as written, in order).
struct ParsedConfig {
  Config config;
  std::vector<ConfigEntry> extends;
};

/// Parses and validates one file's text; `path` is used in errors and origins.
Result<ParsedConfig> parse_config_file(std::string_view text, std::string_view path);

} // namespace tacit::engine::detail
