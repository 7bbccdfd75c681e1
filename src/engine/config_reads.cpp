// .tacit.yaml: the typed reads of one file's parser (strings, rule selectors, severities, globs), each
// failing at the node with its line and column.

#include "config_parser.hpp"

#include <tacit/util/glob.hpp>

#include <cctype>

namespace tacit::engine::detail {

std::string Parser::scalar(const YAML::Node& node, std::string_view what) const {
  if (!node.IsScalar() || node.Scalar().empty())
    fail(node, fmt::format("{} must be a non-empty string", what));
  return node.Scalar();
}

// A list of strings; null is an empty list.
std::vector<ConfigEntry> Parser::strings(const YAML::Node& node, std::string_view key, std::string_view what,
                                         std::string_view one) const {
  std::vector<ConfigEntry> out;
  if (node.IsNull())
    return out;
  if (!node.IsSequence())
    fail(node, fmt::format("'{}' must be a list of {}", key, what));
  for (const auto& item : node) {
    if (!item.IsScalar() || item.Scalar().empty())
      fail(item, fmt::format("each '{}' entry must be a non-empty {} string", key, one));
    out.push_back({item.Scalar(), origin(item)});
  }
  return out;
}

// A rule id or category prefix: letters then digits ("CTX", "TASK1", "CTX002"), or ALL; upper-cased.
std::string Parser::selector(const YAML::Node& node, std::string_view key) const {
  auto text = scalar(node, fmt::format("a '{}' rule id", key));
  std::size_t i = 0;
  while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
    ++i;
  std::size_t digits = i;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])))
    ++digits;
  if (i == 0 || digits != text.size())
    fail(node, fmt::format("'{}' is not a rule id or category prefix (like CTX002, TASK or ALL)", text));
  for (auto& c : text)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::vector<ConfigEntry> Parser::selectors(const YAML::Node& node, std::string_view key) const {
  auto out = strings(node, key, "rule ids or category prefixes", "rule id");
  std::size_t index = 0;
  for (const auto& item : node)
    out[index++].value = selector(item, key);
  return out;
}

std::vector<SeveritySetting> Parser::severities(const YAML::Node& node, std::string_view key) const {
  std::vector<SeveritySetting> out;
  if (node.IsNull())
    return out;
  for_each_key(node, fmt::format("'{}'", key), {},
               [&](const YAML::Node& key_node, const std::string&, const YAML::Node& value) {
                 SeveritySetting setting{selector(key_node, key), std::nullopt, origin(key_node)};
                 const auto text = value.IsScalar() ? util::to_lower(value.Scalar()) : std::string{};
                 if (text != "off") {
                   setting.severity = parse_severity(text);
                   if (!setting.severity)
                     fail(value,
                          fmt::format("'{}' is not a severity: error, warning, info or off",
                                      value.IsScalar() ? value.Scalar() : std::string("a collection")));
                 }
                 for (const auto& earlier : out)
                   if (earlier.selector == setting.selector)
                     fail(key_node, fmt::format("'{}' appears twice under '{}'", setting.selector, key));
                 out.push_back(std::move(setting));
               });
  return out;
}

// A list of globs with .gitignore semantics; each one must be a valid, non-blank pattern.
std::vector<ConfigEntry> Parser::globs(const YAML::Node& node, std::string_view key) const {
  auto out = strings(node, key, "glob patterns", "glob pattern");
  std::size_t index = 0;
  for (const auto& item : node) {
    const auto& text = out[index++].value;
    const auto pattern = util::trim(text);
    if (pattern.empty() || pattern.starts_with('#'))
      fail(item, fmt::format("'{}' matches nothing (blank, or a comment in .gitignore syntax; write \\# "
                             "for a leading #)",
                             text));
    util::IgnoreRules probe;
    if (!probe.add(text))
      fail(item, fmt::format("'{}' is not a valid glob pattern", text));
  }
  return out;
}

} // namespace tacit::engine::detail
