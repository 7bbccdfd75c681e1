#pragma once
// The parser of one .tacit.yaml file, shared by its two halves: the typed reads (config_reads.cpp: strings,
// rule selectors, severities, globs) and the file's sections (config.cpp). yaml-cpp stays inside these
// files. Internal to src/engine/.

#include "config_internal.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::engine::detail {

/// A failure inside the parser: thrown as a value, caught in parse_config_file.
struct Failure {
  tacit::Error error;
};

/// Reads one file's YAML into a ParsedConfig, failing (a thrown Failure) at the first invalid node.
class Parser {
public:
  /// A parser for the file at `path` (named in errors and origins).
  explicit Parser(std::string_view path) : m_path(path) {}

  /// Where `node` is written (1-based; 0 when yaml-cpp gives no mark).
  ConfigOrigin origin(const YAML::Node& node) const {
    const auto mark = node.Mark();
    if (mark.is_null())
      return {m_path, 0, 0};
    return {m_path, mark.line + 1, mark.column + 1};
  }

  /// Fails at `node` with `message`.
  [[noreturn]] void fail(const YAML::Node& node, std::string message) const {
    const auto where = origin(node);
    throw Failure{tacit::Error{ErrorCode::config, std::move(message), m_path, where.line, where.column}};
  }

  /// Calls `each(key, value)` for every entry of a mapping, rejecting non-string and duplicate keys and,
  /// when `known` is not empty, unknown keys (with a did-you-mean).
  template <typename F>
  void for_each_key(const YAML::Node& map, std::string_view what, std::span<const std::string_view> known,
                    F&& each) const {
    if (!map.IsMap())
      fail(map, fmt::format("{} must be a mapping of keys", what));
    std::set<std::string> seen;
    for (const auto& entry : map) {
      const auto& key_node = entry.first;
      if (!key_node.IsScalar())
        fail(key_node, "keys must be plain strings");
      const auto key = key_node.Scalar();
      if (!seen.insert(key).second)
        fail(key_node, fmt::format("duplicate key '{}'", key));
      if (!known.empty() && std::find(known.begin(), known.end(), key) == known.end()) {
        std::vector<std::string_view> names(known.begin(), known.end());
        const auto best = util::closest_match(key, names);
        std::vector<std::string> listed(known.begin(), known.end());
        fail(key_node, fmt::format("unknown key '{}'{}{}; known keys: {}", key,
                                   best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best),
                                   what == "the configuration" ? "" : fmt::format(" in {}", what),
                                   util::join(listed, ", ")));
      }
      each(key_node, key, entry.second);
    }
  }

  /// A non-empty string.
  std::string scalar(const YAML::Node& node, std::string_view what) const;
  /// A list of strings; null is an empty list.
  std::vector<ConfigEntry> strings(const YAML::Node& node, std::string_view key, std::string_view what,
                                   std::string_view one) const;
  /// A rule id or category prefix, upper-cased.
  std::string selector(const YAML::Node& node, std::string_view key) const;
  /// A list of rule ids or category prefixes.
  std::vector<ConfigEntry> selectors(const YAML::Node& node, std::string_view key) const;
  /// A mapping of rule ids or category prefixes to severities (or off).
  std::vector<SeveritySetting> severities(const YAML::Node& node, std::string_view key) const;
  /// A list of valid, non-blank globs with .gitignore semantics.
  std::vector<ConfigEntry> globs(const YAML::Node& node, std::string_view key) const;

  /// The whole file.
  ParsedConfig parse(const YAML::Node& root) const;

private:
  PathOverride per_path_entry(const YAML::Node& node) const;
  void options(const YAML::Node& node, Config& config) const;
  void filesets(const YAML::Node& node, Config& config) const;
  void rule_dirs(const YAML::Node& node, Config& config) const;
  void audit(const YAML::Node& node, Config& config) const;

  std::string m_path;
};

} // namespace tacit::engine::detail
