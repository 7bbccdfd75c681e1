#pragma once
// The findings of a diff-aware run's base (--since, --staged), kept between runs in the repository's git
// directory (`.git/tacit/diff-base/`), where git keeps what it can recompute. A state's findings depend on
// its files and its history (a tree and the commit before it: repo::StateIdentity), on tacit itself (the
// binary) and on the settings the run evaluates them with (the configuration, --select / --extend-select /
// --ignore): the cache key is a hash of all three, and any doubt (a missing, stale, foreign or malformed
// file) is a miss that re-analyses the base. A `--staged` run also records the staged state's findings, which
// the next run finds as its base once that state is committed. A run whose configuration names rule-dirs is
// never cached (those rules live in the worktree).
//
// The cache is an optimisation only: failures to read or write it are silent, and `--no-cache` turns it off.

#include <tacit/engine/finding.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::cli {

/// What a diff-aware run needs of its base: the findings' identities and the base's repository anchor.
struct BaseFindings {
  engine::Location anchor;
  std::vector<engine::Finding> findings; ///< rule_id, location (path, line, column) and subject only
  /// The rules whose findings these are, sorted, when the base was evaluated for some rules only (those
  /// of the scanned state's findings); nullopt: every rule of the run's selection.
  std::optional<std::vector<std::string>> rules;
};

/// A 64-bit hash of `material` as 16 hexadecimal digits (FNV-1a: stable across builds and machines).
std::string cache_key(std::string_view material);

/// The cache file's text for `base` under `key`.
std::string render_base_findings(const BaseFindings& base, std::string_view key);

/// Parses a cache file's text; nullopt when it is not a cache file of this format and `key`.
std::optional<BaseFindings> parse_base_findings(std::string_view text, std::string_view key);

/// The cache directory of one repository (`<git common dir>/tacit/diff-base`).
class DiffCache {
public:
  /// At most this many states are kept; older files are removed when a new one is written.
  static constexpr std::size_t k_max_entries = 16;

  explicit DiffCache(std::filesystem::path directory) : m_directory(std::move(directory)) {}

  /// The findings of `state` (a tree id) under `key`, when the cache has them.
  std::optional<BaseFindings> load(std::string_view state, std::string_view key) const;

  /// True when the cache has a file for `state` under `key`.
  bool has(std::string_view state, std::string_view key) const;

  /// True when the cache has a file for `state` under any key (a run likely to find its base there).
  bool knows(std::string_view state) const;

  /// Records the findings of `state` under `key` (atomically: a temporary file renamed); false when it
  /// could not (a read-only git directory), which a caller ignores.
  bool store(std::string_view state, std::string_view key, const BaseFindings& base) const;

  const std::filesystem::path& directory() const { return m_directory; }

private:
  std::filesystem::path file(std::string_view state, std::string_view key) const;
  std::filesystem::path m_directory;
};

} // namespace tacit::cli
