#pragma once
// Shared by the configuration sources: one file parsed on its own (config.cpp), before its `extends` are
// resolved and merged (config_load.cpp).

#include <tacit/engine/config.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tacit::engine::detail {

/// One configuration file: its own settings, and what it extends (as written, in order).
struct ParsedConfig {
  Config config;
  std::vector<ConfigEntry> extends;
};

/// A configuration error at `origin`.
inline tacit::Error located(const ConfigOrigin& origin, std::string message) {
  return tacit::Error{ErrorCode::config, std::move(message), origin.file, origin.line, origin.column};
}

/// Parses and validates one file's text; `path` is used in errors and origins.
Result<ParsedConfig> parse_config_file(std::string_view text, std::string_view path);

} // namespace tacit::engine::detail
