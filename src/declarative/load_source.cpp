// Rule files: a mentions check's `source:` (a fact kind, an RE2 regex, or a tree-sitter query with its
// predicates), compiled and validated, errors located in the rule file.

#include "loader.hpp"
#include "rule.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace tacit::declarative::load {

namespace {

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

// Where the query names a field (`name: (node)`) that `language` lacks, or npos. ts_query_new leaks the
// capture list of the pattern after an unknown field (tree-sitter 0.25.1, query.c: the TSQueryErrorField
// return after ts_query__parse_pattern), so such a query is refused before it is compiled. Tokens are read
// as tree-sitter reads them: strings and `;` comments skipped, `@capture`, `#predicate` and `!field` not
// field prefixes; an identifier followed by ':' is a field name in any query tree-sitter accepts.
std::size_t unknown_field(std::string_view query, const TSLanguage* language) {
  const auto starts = [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-' || c >= 0x80; };
  const auto continues = [&](unsigned char c) { return starts(c) || c == '.' || c == '?' || c == '!'; };
  const auto skip_space = [&](std::size_t i) {
    while (i < query.size() && (std::isspace(static_cast<unsigned char>(query[i])) || query[i] == ';'))
      i = query[i] == ';' ? std::min(query.find('\n', i), query.size()) : i + 1;
    return i;
  };
  for (std::size_t i = 0; i < query.size();) {
    const auto c = static_cast<unsigned char>(query[i]);
    if (c == '"') {
      for (++i; i < query.size() && query[i] != '"'; i += query[i] == '\\' ? 2 : 1) {
      }
      ++i;
    } else if (c == ';') {
      i = skip_space(i);
    } else if (!starts(c)) {
      ++i;
    } else {
      const auto start = i;
      while (i < query.size() && continues(static_cast<unsigned char>(query[i])))
        ++i;
      const char before = start == 0 ? ' ' : query[start - 1];
      const auto next = skip_space(i);
      if (next < query.size() && query[next] == ':' && before != '@' && before != '#' && before != '!' &&
          ts_language_field_id_for_name(language, query.data() + start,
                                        static_cast<std::uint32_t>(i - start)) == 0)
        return start;
    }
  }
  return std::string_view::npos;
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
  TSQuery* raw = nullptr;
  if (const auto field = unknown_field(node.value, doc::ts_language(*source.language));
      field != std::string_view::npos) {
    offset = static_cast<std::uint32_t>(field);
    error = TSQueryErrorField;
  } else {
    raw = ts_query_new(doc::ts_language(*source.language), node.value.data(),
                       static_cast<std::uint32_t>(node.value.size()), &offset, &error);
  }
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

} // namespace

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

} // namespace tacit::declarative::load
