#pragma once
// Reporters turn findings into output. One file per format in src/report/; a reporter never knows a
// specific rule. The exit code never depends on the format.

#include <tacit/engine/finding.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::report {

/// What every reporter may show besides the findings.
struct RunInfo {
  std::string root;      ///< absolute repository root
  std::string source;    ///< "worktree", "index", "revision main (1a2b3c4d)"
  std::size_t files = 0; ///< files in scope
  std::size_t rules = 0; ///< rules that ran
  bool color = false;    ///< ANSI colour (text only)
  bool summary = true;   ///< the closing summary line (text only; --quiet turns it off)
};

/// The output formats.
enum class Format { text, json };

/// Every format's name, for --help and errors.
std::span<const std::string_view> format_names();
std::optional<Format> parse_format(std::string_view name);

/// Renders findings (sorted, fingerprinted) in a format.
std::string render(Format format, const std::vector<engine::Finding>& findings, const RunInfo& info);

/// `path:line:col: ID message`, the hint and the evidence, then a summary line.
std::string render_text(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// The versioned JSON document described in docs/json-format.md.
std::string render_json(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// The JSON schema version render_json writes.
inline constexpr int k_json_schema_version = 1;

/// Escapes a string for JSON (invalid UTF-8 bytes become U+FFFD).
std::string json_escape(std::string_view text);

} // namespace tacit::report
