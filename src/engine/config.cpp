// .tacit.yaml parsing and strict validation of one file: its sections (the typed reads are in
// config_reads.cpp). yaml-cpp exceptions stay inside this adapter; the `extends` chain is resolved in
// config_load.cpp.

#include "config_parser.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cctype>
#include <charconv>
#include <set>

namespace tacit::engine::detail {

namespace {

constexpr std::array<std::string_view, 13> k_known_keys{
    "version", "extends",   "select",  "ignore",   "severity",     "options", "per-path",
    "exclude", "rule-dirs", "fail-on", "filesets", "suppressions", "audit"};
constexpr std::array<std::string_view, 2> k_audit_keys{"pillars", "severity"};
constexpr std::array<std::string_view, 3> k_severity_names{"error", "warning", "info"};
constexpr std::array<std::string_view, 4> k_per_path_keys{"paths", "select", "ignore", "severity"};
constexpr std::array<std::string_view, 1> k_suppression_keys{"require-reason"};

} // namespace

PathOverride Parser::per_path_entry(const YAML::Node& node) const {
  PathOverride entry;
  entry.origin = origin(node);
  bool has_paths = false;
  for_each_key(node, "a 'per-path' entry", k_per_path_keys,
               [&](const YAML::Node&, const std::string& key, const YAML::Node& value) {
                 if (key == "paths") {
                   entry.paths = globs(value, "paths");
                   has_paths = true;
                 } else if (key == "select") {
                   entry.select = selectors(value, key);
                 } else if (key == "ignore") {
                   entry.ignore = selectors(value, key);
                 } else {
                   entry.severity = severities(value, key);
                 }
               });
  if (!has_paths || entry.paths.empty())
    fail(node, "a 'per-path' entry needs 'paths': a list of glob patterns");
  if (entry.select.empty() && entry.ignore.empty() && entry.severity.empty())
    fail(node, "a 'per-path' entry does nothing: give it 'select', 'ignore' or 'severity'");
  return entry;
}

void Parser::options(const YAML::Node& node, Config& config) const {
  if (node.IsNull())
    return;
  for_each_key(
      node, "'options'", {}, [&](const YAML::Node& rule_node, const std::string&, const YAML::Node& values) {
        const auto rule = selector(rule_node, "options");
        if (config.options.contains(rule))
          fail(rule_node, fmt::format("'{}' appears twice under 'options'", rule));
        auto& settings = config.options[rule];
        config.option_rule_origins[rule] = origin(rule_node);
        for_each_key(values, fmt::format("'options' of {}", rule), {},
                     [&](const YAML::Node& name_node, const std::string& name, const YAML::Node& value) {
                       if (!value.IsScalar() || value.Scalar().empty())
                         fail(
                             value.IsNull() ? name_node : value,
                             fmt::format("option '{}' of {} needs a value (a number, true/false or a string)",
                                         name, rule));
                       settings[name] = OptionSetting{value.Scalar(), origin(value)};
                     });
      });
}

void Parser::filesets(const YAML::Node& node, Config& config) const {
  if (node.IsNull())
    return;
  for_each_key(node, "'filesets'", {},
               [&](const YAML::Node& name_node, const std::string& name, const YAML::Node& value) {
                 const bool ok = std::all_of(name.begin(), name.end(), [](char c) {
                   return std::islower(static_cast<unsigned char>(c)) ||
                          std::isdigit(static_cast<unsigned char>(c)) || c == '-';
                 });
                 if (!ok)
                   fail(name_node, fmt::format("fileset name '{}' must be kebab-case (a-z, 0-9, '-')", name));
                 std::vector<std::string> patterns;
                 for (auto& entry : globs(value, fmt::format("filesets.{}", name)))
                   patterns.push_back(std::move(entry.value));
                 config.filesets[name] = std::move(patterns);
                 config.fileset_origins[name] = origin(name_node);
               });
}

void Parser::rule_dirs(const YAML::Node& node, Config& config) const {
  for (auto& entry :
       strings(node, "rule-dirs", "folder paths relative to the repository root", "folder path")) {
    bool escaped = false;
    auto path = util::normalize_path(entry.value, &escaped);
    if (entry.value.starts_with('/') || escaped)
      throw Failure{tacit::Error{ErrorCode::config,
                                 fmt::format("rule folder '{}' is outside the repository; write a path "
                                             "relative to the repository root",
                                             entry.value),
                                 m_path, entry.origin.line, entry.origin.column}};
    config.rule_dirs.push_back(path.empty() ? std::string(".") : path);
    config.rule_dir_origins.push_back(entry.origin);
  }
}

void Parser::audit(const YAML::Node& node, Config& config) const {
  const auto weight = [&](const YAML::Node& value, const std::string& name) {
    const auto text = value.IsScalar() ? value.Scalar() : std::string{};
    int number = -1;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || number < 0 ||
        number > 100)
      fail(value, fmt::format("the weight of '{}' must be a whole number from 0 to 100", name));
    return AuditWeight{number, origin(value)};
  };
  for_each_key(
      node, "'audit'", k_audit_keys, [&](const YAML::Node&, const std::string& key, const YAML::Node& value) {
        if (key == "pillars") {
          for_each_key(
              value, "'audit.pillars'", {},
              [&](const YAML::Node& name_node, const std::string& name, const YAML::Node& w) {
                if (name.empty() ||
                    !std::all_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
                  fail(name_node,
                       fmt::format("'{}' is not a pillar: a rule category in capitals (TASK, QUAL, ARCH, "
                                   "CTX, IMPL)",
                                   name));
                config.audit_pillars[name] = weight(w, name);
              });
        } else {
          for_each_key(value, "'audit.severity'", k_severity_names,
                       [&](const YAML::Node&, const std::string& name, const YAML::Node& w) {
                         config.audit_severity[name] = weight(w, name);
                       });
        }
      });
}

ParsedConfig Parser::parse(const YAML::Node& root) const {
  ParsedConfig parsed;
  auto& config = parsed.config;
  config.source = m_path;
  if (!root || root.IsNull())
    return parsed; // an empty file is the default configuration
  if (!root.IsMap())
    fail(root, "the configuration must be a mapping of keys");
  bool has_version = false;
  for_each_key(root, "the configuration", k_known_keys,
               [&](const YAML::Node&, const std::string& key, const YAML::Node& value) {
                 if (key == "version") {
                   if (!value.IsScalar() || value.Scalar() != "1")
                     fail(value, "'version' must be 1 (the only version tacit knows)");
                   has_version = true;
                 } else if (key == "extends") {
                   parsed.extends =
                       value.IsScalar()
                           ? std::vector<ConfigEntry>{{value.Scalar(), origin(value)}}
                           : strings(value, key, "profiles or configuration files", "profile or file");
                   if (parsed.extends.size() == 1 && parsed.extends.front().value.empty())
                     fail(value, "'extends' must name a profile (recommended, strict) or a file");
                 } else if (key == "select") {
                   config.select = selectors(value, key);
                 } else if (key == "ignore") {
                   config.ignore = selectors(value, key);
                 } else if (key == "severity") {
                   config.severity = severities(value, key);
                 } else if (key == "options") {
                   options(value, config);
                 } else if (key == "per-path") {
                   if (!value.IsNull() && !value.IsSequence())
                     fail(value, "'per-path' must be a list of entries {paths, select, ignore, severity}");
                   for (const auto& item : value)
                     config.per_path.push_back(per_path_entry(item));
                 } else if (key == "exclude") {
                   if (!value.IsNull() && !value.IsSequence())
                     fail(value, "'exclude' must be a list of glob patterns");
                   for (auto& entry : globs(value, key)) {
                     config.exclude.push_back(std::move(entry.value));
                     config.exclude_origins.push_back(entry.origin);
                   }
                 } else if (key == "rule-dirs") {
                   rule_dirs(value, config);
                 } else if (key == "fail-on") {
                   const auto text = value.IsScalar() ? util::to_lower(value.Scalar()) : std::string{};
                   FailOnSetting setting{parse_severity(text), origin(value)};
                   if (!setting.level && text != "never")
                     fail(value, "'fail-on' must be error, warning, info or never");
                   config.fail_on = setting;
                 } else if (key == "filesets") {
                   filesets(value, config);
                 } else if (key == "audit") {
                   audit(value, config);
                 } else if (key == "suppressions") {
                   for_each_key(value, "'suppressions'", k_suppression_keys,
                                [&](const YAML::Node&, const std::string&, const YAML::Node& flag) {
                                  const auto text =
                                      flag.IsScalar() ? util::to_lower(flag.Scalar()) : std::string{};
                                  if (text != "true" && text != "false")
                                    fail(flag, "'require-reason' must be true or false");
                                  config.suppression_reason_required = text == "true";
                                  config.suppressions_origin = origin(flag);
                                });
                 }
               });
  if (!has_version)
    fail(root, "missing 'version: 1'");
  return parsed;
}

Result<ParsedConfig> parse_config_file(std::string_view text, std::string_view path) {
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
    return Parser(path).parse(root);
  } catch (const Failure& failure) {
    return std::unexpected(failure.error);
  } catch (const YAML::DeepRecursion& e) { // yaml-cpp says "bad file"
    return make_error(
        ErrorCode::config, "invalid YAML: nested deeper than the YAML parser allows (500 levels)",
        std::string(path), e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1);
  } catch (const YAML::Exception& e) {
    return make_error(ErrorCode::config, fmt::format("invalid YAML: {}", e.msg), std::string(path),
                      e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1);
  } catch (const std::exception& e) {
    return make_error(ErrorCode::config, fmt::format("cannot read the configuration: {}", e.what()),
                      std::string(path));
  }
}

} // namespace tacit::engine::detail
