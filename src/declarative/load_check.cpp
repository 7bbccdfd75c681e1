// Rule files: `when:` conditions and `check:` (exists, section, content, metric, mentions, any), with their
// regexes compiled and validated; a mentions check's `source:` is load_source.cpp's.

#include "loader.hpp"
#include "rule.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tacit::declarative::load {

namespace {

constexpr long k_max_count = 1'000'000'000;

std::vector<std::string> filesets(const Reader& reader, const Node& check, bool required) {
  const auto* in = check.find("in");
  if (!in) {
    if (required)
      reader.fail(check, "missing key 'in' (the fileset to look in: docs, readme, context...)");
    return {};
  }
  auto names = reader.strings(*in, "in");
  for (const auto& name : names)
    reader.fileset(*in, name);
  return names;
}

bool scope_each(const Reader& reader, const Node& check) {
  const auto scope = reader.string(check, "scope", false);
  if (scope.empty() || scope == "any")
    return false;
  if (scope != "each")
    reader.fail(*check.find("scope"), fmt::format("'scope' must be any or each, not '{}'", scope));
  return true;
}

} // namespace

void fact_kind(const Reader& reader, const Node& node, std::string_view name) {
  if (is_fact_kind(name))
    return;
  std::vector<std::string_view> names;
  for (const auto& info : fact_kinds())
    names.push_back(info.name);
  const auto best = util::closest_match(name, names);
  reader.fail(node, fmt::format("unknown fact kind '{}'{}; known: {}", name,
                                best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best),
                                fmt::join(names, ", ")));
}

// `"{{options.NAME}}"`: a bound taken from the rule's option NAME, which must be declared under `options`
// with an integer default. Empty when the value is not such a reference.
std::string option_reference(const Reader& reader, const Node& value, std::string_view bound) {
  auto text = util::trim(value.value);
  if (!value.is_scalar() || !text.starts_with("{{"))
    return {};
  if (!text.ends_with("}}") || !text.substr(2).starts_with("options."))
    reader.fail(value, fmt::format("'{}' must be an integer or \"{{{{options.NAME}}}}\"", bound));
  const auto name = std::string(util::trim(text.substr(10, text.size() - 12)));
  for (const auto& [option, default_value, description] : reader.declared_options) {
    if (option != name)
      continue;
    if (default_value.empty() || default_value.find_first_not_of("0123456789") != std::string::npos)
      reader.fail(value, fmt::format("option '{}' is used as a count, so its default must be a non-negative "
                                     "integer (it is '{}')",
                                     name, default_value));
    return name;
  }
  std::vector<std::string_view> names;
  for (const auto& option : reader.declared_options)
    names.push_back(option[0]);
  const auto best = util::closest_match(name, names);
  reader.fail(value, fmt::format("'{}' refers to option '{}', which the rule does not declare under "
                                 "'options'{}",
                                 bound, name,
                                 best.empty() ? std::string{} : fmt::format(" (did you mean '{}'?)", best)));
}

Condition condition(const Reader& reader, const Node& node) {
  Condition out;
  if (node.is_sequence()) {
    out.kind = Condition::Kind::all;
    for (const auto& item : node.items)
      out.children.push_back(condition(reader, item));
    return out;
  }
  reader.keys(node, "a condition", {"files", "fileset", "fact", "any", "all", "not", "min", "max"});
  const int kinds =
      static_cast<int>(std::count_if(node.entries.begin(), node.entries.end(),
                                     [](const auto& e) { return e.key != "min" && e.key != "max"; }));
  if (kinds != 1)
    reader.fail(node, "a condition has exactly one of files, fileset, fact, any, all, not");
  const auto& entry = *std::find_if(node.entries.begin(), node.entries.end(),
                                    [](const auto& e) { return e.key != "min" && e.key != "max"; });
  const bool counted = entry.key == "fileset" || entry.key == "fact";
  for (std::string_view bound : {"min", "max"})
    if (const auto* value = node.find(bound)) {
      if (!counted)
        reader.fail(*value, fmt::format("'{}' applies to a fileset or fact condition", bound));
      if (auto option = option_reference(reader, *value, bound); !option.empty())
        (bound == "min" ? out.min_option : out.max_option) = std::move(option);
      else
        (bound == "min" ? out.min : out.max) = reader.integer(*value, bound, k_max_count);
    }
  if (node.find("max") && !node.find("min"))
    out.min = 0; // `max: 0` alone: at most none
  if (out.min_option.empty() && out.max_option.empty() && out.max >= 0 && out.min > out.max)
    reader.fail(node, "'min' is larger than 'max'");
  if (entry.key == "files") {
    out.kind = Condition::Kind::files;
    out.values = reader.globs(entry.value, "files");
  } else if (entry.key == "fileset") {
    out.kind = Condition::Kind::fileset;
    out.values = {reader.string(node, "fileset", true)};
    reader.fileset(entry.value, out.values.front());
  } else if (entry.key == "fact") {
    out.kind = Condition::Kind::fact;
    out.values = {reader.string(node, "fact", true)};
    fact_kind(reader, entry.value, out.values.front());
  } else if (entry.key == "not") {
    out.kind = Condition::Kind::negate;
    out.children.push_back(condition(reader, entry.value));
  } else {
    out.kind = entry.key == "any" ? Condition::Kind::any : Condition::Kind::all;
    if (!entry.value.is_sequence() || entry.value.items.empty())
      reader.fail(entry.value, fmt::format("'{}' must be a non-empty list of conditions", entry.key));
    for (const auto& item : entry.value.items)
      out.children.push_back(condition(reader, item));
  }
  return out;
}

Check check(const Reader& reader, const Node& node) {
  if (!node.is_map())
    reader.fail(node, "'check' must be a mapping with a 'type'");
  const auto type = reader.string(node, "type", true);
  Check out;
  if (type == "exists") {
    reader.keys(node, "an exists check", {"type", "any", "all", "in"});
    out.type = Check::Type::exists;
    const int forms = (node.find("any") ? 1 : 0) + (node.find("all") ? 1 : 0) + (node.find("in") ? 1 : 0);
    if (forms != 1)
      reader.fail(node,
                  "an exists check needs exactly one of 'any' (globs), 'all' (globs) or 'in' (a fileset)");
    if (const auto* any = node.find("any"))
      out.any_globs = reader.globs(*any, "any");
    if (const auto* all = node.find("all"))
      out.all_globs = reader.globs(*all, "all");
    out.in = filesets(reader, node, false);
  } else if (type == "section") {
    reader.keys(node, "a section check", {"type", "in", "scope", "heading", "min-words"});
    out.type = Check::Type::section;
    out.in = filesets(reader, node, true);
    out.each = scope_each(reader, node);
    if (!node.find("heading"))
      reader.fail(node, "missing key 'heading' (a regex the heading must match)");
    out.heading = reader.regex(*node.find("heading"), "heading");
    if (const auto* words = node.find("min-words"))
      out.min_words = reader.integer(*words, "min-words", k_max_count);
  } else if (type == "content") {
    reader.keys(node, "a content check",
                {"type", "in", "scope", "section", "must-contain", "must-not-contain"});
    out.type = Check::Type::content;
    out.in = filesets(reader, node, true);
    out.each = scope_each(reader, node);
    if (const auto* section = node.find("section"))
      out.heading = reader.regex(*section, "section");
    const auto* must = node.find("must-contain");
    const auto* must_not = node.find("must-not-contain");
    if ((must != nullptr) == (must_not != nullptr))
      reader.fail(node, "a content check needs exactly one of 'must-contain' or 'must-not-contain'");
    if (must)
      out.must_contain = reader.regex(*must, "must-contain");
    else
      out.must_not_contain = reader.regex(*must_not, "must-not-contain");
  } else if (type == "metric") {
    reader.keys(node, "a metric check", {"type", "in", "max-bytes", "max-lines", "max-words"});
    out.type = Check::Type::metric;
    out.in = filesets(reader, node, true);
    for (auto [key, field] : {std::pair{"max-bytes", &out.max_bytes}, std::pair{"max-lines", &out.max_lines},
                              std::pair{"max-words", &out.max_words}})
      if (const auto* value = node.find(key))
        *field = reader.integer(*value, key, k_max_count);
    if (out.max_bytes < 0 && out.max_lines < 0 && out.max_words < 0)
      reader.fail(node, "a metric check needs at least one of max-bytes, max-lines, max-words");
  } else if (type == "mentions") {
    reader.keys(node, "a mentions check", {"type", "source", "in", "match", "case-sensitive"});
    out.type = Check::Type::mentions;
    if (!node.find("source"))
      reader.fail(node, "missing key 'source' (where the items come from: fact, regex or query)");
    out.source = parse_source(reader, *node.find("source"));
    out.in = filesets(reader, node, true);
    const auto match = reader.string(node, "match", false);
    if (match == "substring")
      out.match = Check::Match::substring;
    else if (!match.empty() && match != "word")
      reader.fail(*node.find("match"), fmt::format("'match' must be word or substring, not '{}'", match));
    if (const auto* sensitive = node.find("case-sensitive"))
      out.case_sensitive = reader.boolean(*sensitive, "case-sensitive");
  } else if (type == "any") {
    reader.keys(node, "an any check", {"type", "checks"});
    out.type = Check::Type::any;
    const auto* checks = node.find("checks");
    if (!checks || !checks->is_sequence() || checks->items.empty())
      reader.fail(checks ? *checks : node, "'checks' must be a non-empty list of checks");
    for (const auto& item : checks->items) {
      auto alternative = check(reader, item);
      const bool requirement =
          alternative.type == Check::Type::exists || alternative.type == Check::Type::section ||
          (alternative.type == Check::Type::content && alternative.must_contain && !alternative.each);
      if (!requirement)
        reader.fail(item,
                    "an any check combines requirements only: exists, section, content with must-contain "
                    "(scope any)");
      out.alternatives.push_back(std::move(alternative));
    }
  } else {
    const std::vector<std::string_view> types{"exists", "section", "content", "metric", "mentions", "any"};
    const auto best = util::closest_match(type, types);
    reader.fail(*node.find("type"),
                fmt::format("unknown check type '{}'{}; one of: {}", type,
                            best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best),
                            fmt::join(types, ", ")));
  }
  return out;
}

std::set<std::string, std::less<>> placeholders(const Check& check) {
  switch (check.type) {
  case Check::Type::exists:
    return check.all_globs.empty() ? std::set<std::string, std::less<>>{}
                                   : std::set<std::string, std::less<>>{"glob"};
  case Check::Type::section:
    return check.each ? std::set<std::string, std::less<>>{"path"} : std::set<std::string, std::less<>>{};
  case Check::Type::content:
    if (check.must_not_contain)
      return {"path", "line", "match"};
    return check.each ? std::set<std::string, std::less<>>{"path"} : std::set<std::string, std::less<>>{};
  case Check::Type::metric:
    return {"path", "bytes", "lines", "words", "limit", "measure"};
  case Check::Type::mentions:
    return {"item", "path", "line"};
  default:
    return {};
  }
}

} // namespace tacit::declarative::load
