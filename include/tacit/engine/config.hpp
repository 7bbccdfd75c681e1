#pragma once
// .tacit.yaml: the project's configuration. Strictly validated: an unknown key or a bad value is an error
// with file:line:column (exit code 2), never silently ignored. This first version knows `version` and
// `exclude`; it is built to grow (select, ignore, severity, per-path, rule options...).

#include <tacit/util/error.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::engine {

/// The name tacit looks for at the repository root.
inline constexpr std::string_view k_config_file_name = ".tacit.yaml";

/// The effective configuration.
struct Config {
  std::string source; ///< the file it came from; empty for defaults
  int version = 1;
  std::vector<std::string> exclude; ///< globs with .gitignore semantics, relative to the repository root
  /// `rule-dirs`: repository-relative folders of YAML rule files (declarative rules).
  std::vector<std::string> rule_dirs;
  /// `filesets`: named lists of globs (.gitignore semantics) that declarative rules refer to by name; a user
  /// fileset replaces a built-in one of the same name.
  std::map<std::string, std::vector<std::string>, std::less<>> filesets;
  /// `suppressions: {require-reason: BOOL}`: an inline suppression without `-- reason` is invalid (META002).
  bool suppression_reason_required = true;
};

/// Parses and validates the text of a .tacit.yaml; `path` is used in error messages.
Result<Config> parse_config(std::string_view text, std::string_view path);

} // namespace tacit::engine
