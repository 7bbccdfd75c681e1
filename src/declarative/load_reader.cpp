// Rule files: the typed reads every part of the loader shares (strict keys, scalars, lists, integers,
// regexes, globs, filesets), each failing with the rule file's line and column.

#include "loader.hpp"
#include "rule.hpp"

#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tacit::declarative::load {

void Reader::fail(int line, int column, std::string message) const {
  throw LoadError{Error{ErrorCode::config, std::move(message), std::string(path), line, column}};
}

void Reader::keys(const Node& map, std::string_view what,
                  std::initializer_list<std::string_view> known) const {
  if (!map.is_map())
    fail(map, fmt::format("{} must be a mapping", what));
  for (const auto& entry : map.entries) {
    if (std::find(known.begin(), known.end(), entry.key) != known.end())
      continue;
    const auto best = util::closest_match(entry.key, {known.begin(), known.end()});
    fail(entry.line, entry.column,
         fmt::format("unknown key '{}' in {}{}; known keys: {}", entry.key, what,
                     best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best), fmt::join(known, ", ")));
  }
}

std::string Reader::string(const Node& map, std::string_view key, bool required) const {
  const auto* node = map.find(key);
  if (!node || node->is_null()) {
    if (required)
      fail(map, fmt::format("missing key '{}'", key));
    return {};
  }
  if (!node->is_scalar())
    fail(*node, fmt::format("'{}' must be a string", key));
  return node->value;
}

std::vector<std::string> Reader::strings(const Node& node, std::string_view key) const {
  if (node.is_scalar())
    return {node.value};
  if (!node.is_sequence() || node.items.empty())
    fail(node, fmt::format("'{}' must be a string or a non-empty list of strings", key));
  std::vector<std::string> out;
  for (const auto& item : node.items) {
    if (!item.is_scalar() || item.value.empty())
      fail(item, fmt::format("each entry of '{}' must be a non-empty string", key));
    out.push_back(item.value);
  }
  return out;
}

long Reader::integer(const Node& node, std::string_view key, long max) const {
  const auto text = node.scalar();
  long value = -1;
  if (node.is_scalar() && !text.empty() && text.size() <= 12 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    value = std::stol(std::string(text));
  if (value < 0 || value > max)
    fail(node, fmt::format("'{}' must be an integer from 0 to {}", key, max));
  return value;
}

bool Reader::boolean(const Node& node, std::string_view key) const {
  if (node.scalar() == "true")
    return true;
  if (node.scalar() != "false")
    fail(node, fmt::format("'{}' must be true or false", key));
  return false;
}

std::shared_ptr<const RE2> Reader::regex(const Node& node, std::string_view key) const {
  if (!node.is_scalar() || node.value.empty())
    fail(node, fmt::format("'{}' must be a non-empty regular expression (RE2 syntax)", key));
  RE2::Options settings;
  settings.set_log_errors(false);
  settings.set_max_mem(8 << 20);
  auto re = std::make_shared<const RE2>(node.value, settings);
  if (!re->ok())
    fail(node, fmt::format("'{}': invalid regular expression: {} (RE2 syntax: no backreferences or "
                           "lookaround)",
                           key, re->error()));
  return re;
}

std::vector<std::string> Reader::globs(const Node& node, std::string_view key) const {
  auto out = strings(node, key);
  for (const auto& glob : out) {
    util::IgnoreRules probe;
    if (util::trim(glob).empty() || glob.starts_with('#') || glob.starts_with('!') || !probe.add(glob))
      fail(node, fmt::format("'{}': '{}' is not a valid glob pattern", key, glob));
  }
  return out;
}

void Reader::fileset(const Node& node, std::string_view name) const {
  std::vector<std::string_view> names;
  for (const auto& info : builtin_filesets())
    names.push_back(info.name);
  if (options.filesets)
    for (const auto& [user, globs] : *options.filesets)
      names.push_back(user);
  if (std::find(names.begin(), names.end(), name) != names.end())
    return;
  const auto best = util::closest_match(name, names);
  fail(node, fmt::format("unknown fileset '{}'{}; built-in filesets: {} (define others under `filesets:` in "
                         ".tacit.yaml)",
                         name, best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best),
                         fmt::join(names, ", ")));
}

} // namespace tacit::declarative::load
