// .tacit.yaml parsing and strict validation. yaml-cpp exceptions stay inside this adapter.

#include <tacit/engine/config.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <optional>
#include <set>

namespace tacit::engine {

namespace {

constexpr std::array<std::string_view, 4> k_known_keys{"version", "exclude", "rule-dirs", "filesets"};

tacit::Error config_error(std::string_view path, const YAML::Mark& mark, std::string message) {
  return tacit::Error{ErrorCode::config, std::move(message), std::string(path),
                      mark.is_null() ? 0 : mark.line + 1, mark.is_null() ? 0 : mark.column + 1};
}

std::string did_you_mean(std::string_view key) {
  const auto best = util::closest_match(key, {k_known_keys.begin(), k_known_keys.end()});
  return best.empty() ? std::string{} : fmt::format(" (did you mean '{}'?)", best);
}

// `rule-dirs: [folder...]` and `filesets: {name: [glob...]}`.
std::optional<tacit::Error> parse_rule_keys(const std::string& key, const YAML::Node& value,
                                            std::string_view path, Config& config) {
  auto strings = [&](const YAML::Node& node, std::string_view what,
                     std::vector<std::string>& out) -> std::optional<tacit::Error> {
    if (!node.IsSequence())
      return config_error(path, node.Mark(), fmt::format("'{}' must be a list of strings", what));
    for (const auto& item : node) {
      if (!item.IsScalar() || item.Scalar().empty())
        return config_error(path, item.Mark(),
                            fmt::format("each entry of '{}' must be a non-empty string", what));
      out.push_back(item.Scalar());
    }
    return std::nullopt;
  };
  if (key == "rule-dirs")
    return strings(value, "rule-dirs", config.rule_dirs);
  if (!value.IsMap())
    return config_error(path, value.Mark(), "'filesets' must map fileset names to lists of glob patterns");
  for (const auto& entry : value) {
    if (!entry.first.IsScalar())
      return config_error(path, entry.first.Mark(), "fileset names must be plain strings");
    auto& globs = config.filesets[entry.first.Scalar()];
    if (auto error = strings(entry.second, "filesets", globs))
      return error;
  }
  return std::nullopt;
}

Result<Config> parse_node(const YAML::Node& root, std::string_view path) {
  Config config;
  config.source = std::string(path);
  if (!root || root.IsNull())
    return config; // an empty file is the default configuration
  if (!root.IsMap())
    return std::unexpected(config_error(path, root.Mark(), "the configuration must be a mapping of keys"));

  std::set<std::string> seen;
  for (const auto& entry : root) {
    const auto& key_node = entry.first;
    if (!key_node.IsScalar())
      return std::unexpected(config_error(path, key_node.Mark(), "keys must be plain strings"));
    const auto key = key_node.Scalar();
    if (!seen.insert(key).second)
      return std::unexpected(config_error(path, key_node.Mark(), fmt::format("duplicate key '{}'", key)));
    const auto& value = entry.second;
    if (key == "version") {
      if (!value.IsScalar() || value.Scalar() != "1")
        return std::unexpected(
            config_error(path, value.Mark(), "'version' must be 1 (the only version tacit knows)"));
      config.version = 1;
    } else if (key == "exclude") {
      if (value.IsNull())
        continue;
      if (!value.IsSequence())
        return std::unexpected(config_error(path, value.Mark(), "'exclude' must be a list of glob patterns"));
      for (const auto& item : value) {
        if (!item.IsScalar() || item.Scalar().empty())
          return std::unexpected(config_error(
              path, item.Mark(), "each 'exclude' entry must be a non-empty glob pattern string"));
        const auto pattern = util::trim(item.Scalar());
        if (pattern.empty() || pattern.starts_with('#'))
          return std::unexpected(config_error(
              path, item.Mark(),
              fmt::format("'{}' matches nothing (blank, or a comment in .gitignore syntax; write \\# for a "
                          "leading #)",
                          item.Scalar())));
        util::IgnoreRules probe;
        if (!probe.add(item.Scalar()))
          return std::unexpected(config_error(
              path, item.Mark(), fmt::format("'{}' is not a valid glob pattern", item.Scalar())));
        config.exclude.push_back(item.Scalar());
      }
    } else if (key == "rule-dirs" || key == "filesets") {
      // Minimal parsing for declarative rules (the full configuration work parses these keys properly).
      if (auto error = parse_rule_keys(key, value, path, config))
        return std::unexpected(*error);
    } else {
      return std::unexpected(
          config_error(path, key_node.Mark(),
                       fmt::format("unknown key '{}'{}; known keys: version, exclude, rule-dirs, filesets",
                                   key, did_you_mean(key))));
    }
  }
  if (!seen.contains("version"))
    return std::unexpected(config_error(path, root.Mark(), "missing 'version: 1'"));
  return config;
}

} // namespace

Result<Config> parse_config(std::string_view text, std::string_view path) {
  try {
    // One document only. Split at `---` ourselves: yaml-cpp 0.7's LoadAll never returns on some inputs
    // (a document that starts with ','), and a hostile .tacit.yaml must not hang tacit.
    const auto lines = util::split_lines(text);
    bool content = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto line = util::trim_right(lines[i]);
      if (line == "---" || line.starts_with("--- ")) {
        if (content)
          return make_error(ErrorCode::config,
                            "more than one YAML document (`---`); the configuration is one document",
                            std::string(path), static_cast<int>(i) + 1, 1);
        continue;
      }
      const auto trimmed = util::trim(line);
      content = content || (!trimmed.empty() && !trimmed.starts_with('#') && !trimmed.starts_with('%'));
    }
    const auto root = YAML::Load(std::string(text));
    if (content && (!root || root.IsNull()) && util::trim(text).front() != '~' && util::trim(text) != "null")
      return make_error(ErrorCode::config, "not a YAML mapping (the file could not be read as YAML)",
                        std::string(path), 1, 1);
    return parse_node(root, path);
  } catch (const YAML::Exception& e) {
    return std::unexpected(config_error(path, e.mark, fmt::format("invalid YAML: {}", e.msg)));
  } catch (const std::exception& e) {
    return make_error(ErrorCode::config, fmt::format("cannot read the configuration: {}", e.what()),
                      std::string(path));
  }
}

} // namespace tacit::engine
