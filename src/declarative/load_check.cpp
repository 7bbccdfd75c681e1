// Rule files: `when:` conditions and `check:` (exists, section, content, metric, mentions, any), with their
// regexes and tree-sitter queries compiled and validated.

#include "loader.hpp"
#include "rule.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace tacit::declarative::load {

namespace {

constexpr long k_max_count = 1'000'000'000;

// A tree-sitter query error's position, in the rule file: the query's own line and column, shifted to where
// the scalar is written (a block scalar starts on the line after its key).
std::pair<int, int> query_position(const Reader& reader, const Node& node, std::uint32_t offset) {
  const std::string_view text = node.value;
  const auto before = text.substr(0, std::min<std::size_t>(offset, text.size()));
  const auto line_in_query = static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  const auto line_start = before.rfind('\n');
  const auto column_in_query =
      static_cast<int>(line_start == std::string_view::npos ? before.size() : before.size() - line_start - 1);
  const bool block = node.line >= 1 && static_cast<std::size_t>(node.line) <= reader.lines.size() &&
                     node.column >= 1 &&
                     static_cast<std::size_t>(node.column) <= reader.lines[node.line - 1].size() &&
                     (reader.lines[node.line - 1][node.column - 1] == '|' ||
                      reader.lines[node.line - 1][node.column - 1] == '>');
  if (!block)
    return {node.line, node.column + column_in_query + (line_in_query == 0 ? 1 : 0)};
  const int line = node.line + 1 + line_in_query;
  int indent = 0; // the block's indentation: that of its first line
  if (static_cast<std::size_t>(node.line) < reader.lines.size()) {
    const auto& first_line = reader.lines[node.line];
    while (static_cast<std::size_t>(indent) < first_line.size() && first_line[indent] == ' ')
      ++indent;
  }
  return {line, indent + column_in_query + 1};
}

std::string_view query_error_name(TSQueryError error) {
  switch (error) {
  case TSQueryErrorSyntax:
    return "syntax error";
  case TSQueryErrorNodeType:
    return "unknown node type";
  case TSQueryErrorField:
    return "unknown field";
  case TSQueryErrorCapture:
    return "unknown capture";
  case TSQueryErrorStructure:
    return "impossible pattern structure";
  case TSQueryErrorLanguage:
    return "language mismatch";
  default:
    return "error";
  }
}

// The predicates of one pattern: #eq?, #not-eq?, #match?, #not-match? (RE2); anything else is an error.
std::vector<QueryPredicate> predicates(const Reader& reader, const Node& node, const TSQuery* query,
                                       std::uint32_t pattern) {
  std::uint32_t count = 0;
  const auto* steps = ts_query_predicates_for_pattern(query, pattern, &count);
  std::vector<QueryPredicate> out;
  auto string_of = [&](std::uint32_t id) {
    std::uint32_t length = 0;
    const char* text = ts_query_string_value_for_id(query, id, &length);
    return std::string(text, length);
  };
  for (std::uint32_t i = 0; i < count;) {
    std::uint32_t end = i;
    while (end < count && steps[end].type != TSQueryPredicateStepTypeDone)
      ++end;
    const auto arguments = end - i;
    const auto name = steps[i].type == TSQueryPredicateStepTypeString ? string_of(steps[i].value_id) : "";
    const bool negate = name.starts_with("not-");
    const auto op = negate ? name.substr(4) : name;
    if ((op != "eq?" && op != "match?") || arguments != 3 ||
        steps[i + 1].type != TSQueryPredicateStepTypeCapture)
      reader.fail(node, fmt::format("unsupported query predicate #{}: tacit knows (#eq? @capture \"text\"), "
                                    "(#match? @capture \"regex\") and their #not- forms",
                                    name));
    QueryPredicate predicate;
    predicate.negate = negate;
    predicate.capture = steps[i + 1].value_id;
    if (steps[i + 2].type == TSQueryPredicateStepTypeCapture && op == "eq?") {
      predicate.other = steps[i + 2].value_id;
    } else if (steps[i + 2].type == TSQueryPredicateStepTypeString) {
      predicate.text = string_of(steps[i + 2].value_id);
      if (op == "match?") {
        RE2::Options settings;
        settings.set_log_errors(false);
        predicate.regex = std::make_shared<const RE2>(predicate.text, settings);
        if (!predicate.regex->ok())
          reader.fail(node, fmt::format("#{}: invalid regular expression '{}': {}", name, predicate.text,
                                        predicate.regex->error()));
      }
    } else {
      reader.fail(node, fmt::format("#{} compares a capture with a string", name));
    }
    out.push_back(std::move(predicate));
    i = end + 1;
  }
  return out;
}

void compile_query(const Reader& reader, const Node& node, Source& source) {
  if (!node.is_scalar() || util::trim(node.value).empty())
    reader.fail(node, "'query' must be a non-empty tree-sitter query");
  std::uint32_t offset = 0;
  TSQueryError error = TSQueryErrorNone;
  TSQuery* raw = ts_query_new(doc::ts_language(*source.language), node.value.data(),
                              static_cast<std::uint32_t>(node.value.size()), &offset, &error);
  if (!raw) {
    const auto [line, column] = query_position(reader, node, offset);
    reader.fail(line, column,
                fmt::format("invalid tree-sitter query for {}: {} at offset {}",
                            doc::language_name(*source.language), query_error_name(error), offset));
  }
  source.query = std::shared_ptr<TSQuery>(raw, ts_query_delete);
  std::vector<std::string_view> names;
  bool found = false;
  for (std::uint32_t i = 0; i < ts_query_capture_count(raw); ++i) {
    std::uint32_t length = 0;
    const char* name = ts_query_capture_name_for_id(raw, i, &length);
    names.emplace_back(name, length);
    if (names.back() == source.capture) {
      source.capture_index = i;
      found = true;
    }
  }
  if (!found)
    reader.fail(node, fmt::format("the query has no capture @{} (its captures: {}); name the capture that is "
                                  "the item @{} or set 'capture'",
                                  source.capture,
                                  names.empty() ? "none" : fmt::format("@{}", fmt::join(names, ", @")),
                                  source.capture));
  for (std::uint32_t pattern = 0; pattern < ts_query_pattern_count(raw); ++pattern)
    source.predicates.push_back(predicates(reader, node, raw, pattern));
}

Source parse_source(const Reader& reader, const Node& node) {
  reader.keys(
      node, "'source'",
      {"fact", "regex", "query", "language", "files", "in", "capture", "contains", "budget-ms", "ignore"});
  Source source;
  const int kinds = (node.find("fact") ? 1 : 0) + (node.find("regex") ? 1 : 0) + (node.find("query") ? 1 : 0);
  if (kinds != 1)
    reader.fail(node, "'source' needs exactly one of 'fact', 'regex' or 'query'");
  source.capture = reader.string(node, "capture", false);
  if (source.capture.empty())
    source.capture = "item";
  if (const auto* ignore = node.find("ignore"))
    source.ignore = reader.regex(*ignore, "ignore");
  if (const auto* fact = node.find("fact")) {
    source.kind = Source::Kind::fact;
    source.fact = reader.string(node, "fact", true);
    fact_kind(reader, *fact, source.fact);
    for (std::string_view key : {"files", "in", "language", "contains", "budget-ms"})
      if (const auto* extra = node.find(key))
        reader.fail(*extra, fmt::format("'{}' does not apply to a fact source", key));
    return source;
  }
  if (const auto* files = node.find("files"))
    source.files = reader.globs(*files, "files");
  if (const auto* in = node.find("in")) {
    source.filesets = reader.strings(*in, "in");
    for (const auto& name : source.filesets)
      reader.fileset(*in, name);
  }
  source.contains = reader.string(node, "contains", false);
  if (const auto* regex = node.find("regex")) {
    source.kind = Source::Kind::regex;
    source.regex = reader.regex(*regex, "regex");
    if (!source.regex->NamedCapturingGroups().contains(source.capture))
      reader.fail(*regex, fmt::format("the regex has no named capture (?P<{}>...): it names the item",
                                      source.capture));
    for (std::string_view key : {"language", "budget-ms"})
      if (const auto* extra = node.find(key))
        reader.fail(*extra, fmt::format("'{}' applies to a query source only", key));
    return source;
  }
  source.kind = Source::Kind::query;
  const auto language = reader.string(node, "language", true);
  std::vector<std::string_view> names;
  for (const auto candidate : doc::k_all_languages)
    if (candidate != doc::Language::Markdown && candidate != doc::Language::MarkdownInline) {
      names.push_back(doc::language_name(candidate));
      if (names.back() == language)
        source.language = candidate;
    }
  if (!source.language) {
    const auto best = util::closest_match(language, names);
    reader.fail(*node.find("language"),
                fmt::format("unknown language '{}'{}; bundled languages: {}", language,
                            best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best),
                            fmt::join(names, ", ")));
  }
  if (const auto* budget = node.find("budget-ms"))
    source.budget_ms = std::max(1L, reader.integer(*budget, "budget-ms", 10'000));
  compile_query(reader, *node.find("query"), source);
  return source;
}

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
