#pragma once
// .tacit.yaml: the project's configuration. Strictly validated: an unknown key or a bad value is an error
// with file:line:column (exit code 2), never silently ignored. A file may extend built-in profiles
// (`recommended`, `strict`) and local files; load_config merges the chain (docs/configuration.md).

#include <tacit/engine/finding.hpp>
#include <tacit/util/error.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::repo {
class Snapshot;
}

namespace tacit::engine {

struct RuleMeta;

/// The name tacit looks for at the repository root.
inline constexpr std::string_view k_config_file_name = ".tacit.yaml";

/// Where a part of the configuration was written (1-based line and column; 0 when unknown). `file` is the
/// configuration file, or "profile NAME" for a built-in profile; empty when nothing set it (a default).
struct ConfigOrigin {
  std::string file;
  int line = 0;
  int column = 0;
};

/// A string of the configuration (a rule selector, a glob) with where it was written.
struct ConfigEntry {
  std::string value;
  ConfigOrigin origin;
};

/// One `severity` entry: a rule id or category prefix (upper case, or ALL) and its severity; nullopt is `off`
/// (the findings are not reported).
struct SeveritySetting {
  std::string selector;
  std::optional<Severity> severity;
  ConfigOrigin origin;
};

/// One rule option as written (validated against the rule's documented options by validate_config).
struct OptionSetting {
  std::string value;
  ConfigOrigin origin;
};

/// One `per-path` entry: for findings whose location matches one of `paths` (globs, .gitignore semantics),
/// `select` turns rules back on, `ignore` turns them off, `severity` overrides; entries apply in order.
struct PathOverride {
  std::vector<ConfigEntry> paths;
  std::vector<ConfigEntry> select;
  std::vector<ConfigEntry> ignore;
  std::vector<SeveritySetting> severity;
  ConfigOrigin origin;
};

/// `fail-on`: the lowest severity that makes the exit code 1; nullopt level is `never`.
struct FailOnSetting {
  std::optional<Severity> level;
  ConfigOrigin origin;
};

/// One weight of `audit:` (a whole number from 0 to 100) with where it was written.
struct AuditWeight {
  int value = 0;
  ConfigOrigin origin;
};

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

  /// What was merged, base first: "profile recommended", "profile strict", or a file path.
  std::vector<std::string> extends;
  /// `select`: rule ids or category prefixes (upper case; ALL); nullopt: every rule. A `select` replaces the
  /// selection of what it extends, `ignore` included.
  std::optional<std::vector<ConfigEntry>> select;
  std::vector<ConfigEntry> ignore;       ///< `ignore`: rule ids or category prefixes
  std::vector<SeveritySetting> severity; ///< `severity`: one entry per selector
  std::optional<FailOnSetting> fail_on;  ///< `fail-on`; nullopt: the default (warning)
  std::vector<PathOverride> per_path;    ///< `per-path`, in order
  /// `options`: rule id -> option name -> value.
  std::map<std::string, std::map<std::string, OptionSetting, std::less<>>, std::less<>> options;
  std::map<std::string, ConfigOrigin, std::less<>>
      option_rule_origins; ///< where each rule id of `options` is
  /// Where each `exclude` / `rule-dirs` entry, each fileset and the suppressions setting were written.
  std::vector<ConfigOrigin> exclude_origins;
  std::vector<ConfigOrigin> rule_dir_origins;
  std::map<std::string, ConfigOrigin, std::less<>> fileset_origins;
  ConfigOrigin suppressions_origin;
  /// `audit: {pillars: {NAME: W}, severity: {error: W, warning: W, info: W}}`: the weights of `tacit audit`
  /// (docs/audit.md). Pillar names are checked by the audit (they are rule categories); a key set here
  /// replaces the same key below it.
  std::map<std::string, AuditWeight, std::less<>> audit_pillars;
  std::map<std::string, AuditWeight, std::less<>> audit_severity;
};

/// Reads a configuration file that `extends` names: its text, or an error whose message is the reason
/// ("no such file", "is outside the repository", "is a directory", ...).
using ConfigReader = std::function<Result<std::string>(const std::string& path)>;

/// Parses and validates the text of a configuration file at `path` and merges what it extends: built-in
/// profiles, and local files (paths relative to the including file, read with `read`; none without one).
/// Every error is located (file:line:column); an `extends` cycle is named. `rules` are the built-in rules
/// that the profiles speak of (catalog::builtin(); `strict` raises those whose default is info).
Result<Config> load_config(std::string_view text, std::string_view path, const ConfigReader& read = {},
                           std::span<const RuleMeta* const> rules = {});

/// Parses and validates the text of a .tacit.yaml; `path` is used in error messages. Local `extends` files
/// cannot be read (an error); profiles can.
Result<Config> parse_config(std::string_view text, std::string_view path,
                            std::span<const RuleMeta* const> rules = {});

/// Loads a configuration file from the filesystem (`--config FILE`), its `extends` relative to it. With
/// `beneath` (a directory that holds `path`), every file is read beneath it, a link followed only inside it.
Result<Config> load_config_file(const std::string& path, std::span<const RuleMeta* const> rules,
                                const std::filesystem::path& beneath = {});

/// Loads the repository's .tacit.yaml from the snapshot's source (tracked, or untracked in the worktree),
/// its `extends` from the same source; the default configuration when there is none.
Result<Config> load_repository_config(const repo::Snapshot& snapshot, std::span<const RuleMeta* const> rules);

/// The built-in profile `name` (recommended, strict), or nullopt. `strict` raises each of `rules` whose
/// default severity is info to warning.
std::optional<Config> builtin_profile(std::string_view name, std::span<const RuleMeta* const> rules);

/// The names of the built-in profiles.
std::span<const std::string_view> profile_names();

/// Merges `over` onto `base` (`over` wins; see docs/configuration.md "Merging").
Config merge_configs(Config base, const Config& over);

/// Checks every rule id the configuration names (select, ignore, severity, options, per-path) against the
/// known rules (built-in and declarative), and every option against the rule's documented options: an
/// unknown name, or a value whose type differs from the default's (integer, number, boolean, string), is a
/// located error with a "did you mean". Call once every rule is loaded.
Result<void> validate_config(const Config& config, std::span<const RuleMeta* const> rules);

/// The kind of value an option takes, from the shape of its default: "integer" (20), "number" (0.7),
/// "boolean" (true), or "string".
std::string_view option_type(std::string_view default_value);

/// True when `value` fits an option of `type` (see option_type).
bool option_value_fits(std::string_view type, std::string_view value);

/// The configuration as a .tacit.yaml document (what `tacit config` prints): every key, each setting
/// followed by a comment saying where it was written ("default" when nothing set it). It parses back to
/// the same configuration.
std::string format_config(const Config& config);

} // namespace tacit::engine
