// The items of a `mentions` check: fact kinds, a regex over files, or a tree-sitter query over code, with a
// CPU-time budget per file; files are prefiltered by bytes (`contains`) before they are parsed.

#include "sources.hpp"

#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/util/text_decode.hpp>

#include <fmt/format.h>

#include <map>

namespace tacit::declarative {

namespace {

std::vector<std::string_view> extensions(doc::Language language) {
  using L = doc::Language;
  switch (language) {
  case L::Python:
    return {".py", ".pyi"};
  case L::JavaScript:
    return {".js", ".mjs", ".cjs", ".jsx"};
  case L::TypeScript:
    return {".ts", ".mts", ".cts"};
  case L::Tsx:
    return {".tsx"};
  case L::Go:
    return {".go"};
  case L::Rust:
    return {".rs"};
  case L::C:
    return {".c", ".h"};
  case L::Cpp:
    return {".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".h"};
  case L::Java:
    return {".java"};
  case L::Bash:
    return {".sh", ".bash"};
  case L::Json:
    return {".json"};
  case L::Yaml:
    return {".yml", ".yaml"};
  default:
    return {};
  }
}

// Line and column (1-based) of byte `offset` in `text`.
std::pair<int, int> position(std::string_view text, std::size_t offset) {
  int line = 1;
  std::size_t start = 0;
  for (auto at = text.find('\n'); at != std::string_view::npos && at < offset; at = text.find('\n', at + 1)) {
    ++line;
    start = at + 1;
  }
  return {line, static_cast<int>(offset - start) + 1};
}

// The files a regex or query source reads.
std::vector<const repo::FileEntry*> source_files(const engine::Context& context, const Source& source) {
  const auto candidates = source.filesets.empty() ? context.files() : fileset_union(context, source.filesets);
  util::IgnoreRules globs;
  for (const auto& glob : source.files)
    globs.add(glob);
  const auto wanted = source.language ? extensions(*source.language) : std::vector<std::string_view>{};
  std::vector<const repo::FileEntry*> out;
  for (const auto* file : candidates) {
    if (!source.files.empty() && !globs.ignored(file->path))
      continue;
    if (!wanted.empty() &&
        std::none_of(wanted.begin(), wanted.end(), [&](auto ext) { return file->path.ends_with(ext); }))
      continue;
    out.push_back(file);
  }
  return out;
}

bool on_query_progress(TSQueryCursorState* state) {
  return static_cast<doc::ParseBudget*>(state->payload)->spent();
}

TSParser* parser_for(doc::Language language) {
  thread_local std::map<doc::Language, doc::ParserPtr> parsers;
  auto& parser = parsers[language];
  if (!parser)
    parser = doc::make_parser(language);
  return parser.get();
}

void regex_items(const std::string& path, std::string_view text, const Source& source, SourceItems& out) {
  const int group = source.regex->NamedCapturingGroups().at(source.capture);
  std::vector<re2::StringPiece> groups(static_cast<std::size_t>(group) + 1);
  std::size_t pos = 0;
  while (pos <= text.size() &&
         source.regex->Match(text, pos, text.size(), RE2::UNANCHORED, groups.data(), group + 1)) {
    const auto whole = groups[0];
    const auto item = groups[static_cast<std::size_t>(group)];
    if (item.data() != nullptr && !item.empty()) {
      const auto [line, column] = position(text, static_cast<std::size_t>(item.data() - text.data()));
      out.items.push_back({std::string(item), engine::Location{path, line, column, {}}});
    }
    const auto end = static_cast<std::size_t>(whole.data() - text.data()) + whole.size();
    pos = end > pos ? end : pos + 1;
  }
}

std::string_view captured(const TSQueryMatch& match, std::uint32_t capture, std::string_view text) {
  for (std::uint16_t i = 0; i < match.capture_count; ++i)
    if (match.captures[i].index == capture) {
      const auto begin = ts_node_start_byte(match.captures[i].node);
      const auto end = ts_node_end_byte(match.captures[i].node);
      return end > begin && end <= text.size() ? text.substr(begin, end - begin) : std::string_view();
    }
  return {};
}

bool predicates_hold(const TSQueryMatch& match, const Source& source, std::string_view text) {
  if (match.pattern_index >= source.predicates.size())
    return true;
  for (const auto& predicate : source.predicates[match.pattern_index]) {
    const auto value = captured(match, predicate.capture, text);
    bool result = false;
    if (predicate.regex)
      result = RE2::PartialMatch(value, *predicate.regex);
    else if (predicate.other)
      result = value == captured(match, *predicate.other, text);
    else
      result = value == predicate.text;
    if (result == predicate.negate)
      return false;
  }
  return true;
}

void query_items(const std::string& path, std::string_view text, const Source& source, SourceItems& out) {
  doc::ParseBudget budget(std::chrono::milliseconds(source.budget_ms));
  auto* parser = parser_for(*source.language);
  if (!parser)
    return;
  auto tree = doc::parse_until(parser, text, budget);
  if (!tree) {
    out.over_budget.push_back(path);
    return;
  }
  doc::QueryCursorPtr cursor(ts_query_cursor_new());
  TSQueryCursorOptions options{&budget, on_query_progress};
  ts_query_cursor_exec_with_options(cursor.get(), source.query.get(), ts_tree_root_node(tree.get()),
                                    &options);
  TSQueryMatch match;
  while (ts_query_cursor_next_match(cursor.get(), &match)) {
    if (!predicates_hold(match, source, text))
      continue;
    for (std::uint16_t i = 0; i < match.capture_count; ++i) {
      if (match.captures[i].index != source.capture_index)
        continue;
      const auto node = match.captures[i].node;
      const auto begin = ts_node_start_byte(node);
      const auto end = ts_node_end_byte(node);
      if (end <= begin || end > text.size())
        continue;
      const auto point = ts_node_start_point(node);
      out.items.push_back(
          {std::string(text.substr(begin, end - begin)),
           engine::Location{path, static_cast<int>(point.row) + 1, static_cast<int>(point.column) + 1, {}}});
    }
  }
  if (budget.expired())
    out.over_budget.push_back(path);
}

} // namespace

std::string read_text(const engine::Context& context, const repo::FileEntry& file) {
  auto content = context.snapshot().read(file);
  if (!content || util::looks_binary(content->bytes))
    return {};
  if (const auto* doc = context.document(file.path); doc && !doc->column_shifts.empty())
    return std::move(util::decode_text(content->bytes, content->truncated).text);
  return std::move(content->bytes);
}

SourceItems source_items(const engine::Context& context, const Source& source) {
  SourceItems out;
  if (source.kind == Source::Kind::fact) {
    out.items = fact_value(context, source.fact).items;
  } else {
    for (const auto* file : source_files(context, source)) {
      const auto content = read_text(context, *file);
      if (content.empty())
        continue;
      const std::string_view text = content;
      if (!source.contains.empty() && text.find(source.contains) == std::string_view::npos)
        continue;
      if (source.kind == Source::Kind::regex)
        regex_items(file->path, text, source, out);
      else
        query_items(file->path, text, source, out);
    }
  }
  if (source.ignore)
    std::erase_if(out.items, [&](const auto& item) { return RE2::PartialMatch(item.text, *source.ignore); });
  return out;
}

} // namespace tacit::declarative
