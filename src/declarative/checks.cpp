// The check types of declarative rules at run time: exists, section, content, metric, mentions and any,
// each turned into the violations the rule reports (rule.cpp renders them into findings).

#include "checks.hpp"

#include "sources.hpp"

#include <tacit/doc/headings.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace tacit::declarative {

namespace {

constexpr std::size_t k_max_matches_per_file = 100;

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    words += !space && !in_word ? 1 : 0;
    in_word = !space;
  }
  return words;
}

// The headings of a document with their bodies (a text document: headings only, with empty bodies).
std::vector<std::pair<std::string, const doc::Section*>> heading_sections(const doc::Document& doc) {
  std::vector<std::pair<std::string, const doc::Section*>> out;
  if (doc.structural) {
    for (const auto& section : doc.sections)
      if (section.level > 0)
        out.emplace_back(section.heading, &section);
    return out;
  }
  for (auto& heading : doc::headings(doc))
    out.emplace_back(std::move(heading), nullptr);
  return out;
}

bool has_section(const engine::Context& context, const repo::FileEntry& file, const Check& check) {
  const auto* doc = context.document(file.path);
  if (!doc)
    return false;
  for (const auto& [heading, section] : heading_sections(*doc))
    if (RE2::PartialMatch(heading, *check.heading) &&
        (check.min_words == 0 ||
         (section && count_words(section->body) >= static_cast<std::size_t>(check.min_words))))
      return true;
  return false;
}

// The pieces of a file a content check reads, each with the line it starts on.
std::vector<std::pair<std::string, int>> content_pieces(const engine::Context& context,
                                                        const repo::FileEntry& file, const Check& check) {
  std::vector<std::pair<std::string, int>> out;
  if (!check.heading) {
    out.emplace_back(read_text(context, file), 1); // moved in: a braced list would copy the whole file
    return out;
  }
  if (const auto* doc = context.document(file.path))
    for (const auto& section : doc->sections)
      if (section.level > 0 && RE2::PartialMatch(section.heading, *check.heading)) {
        const auto body_lines = static_cast<int>(util::split_lines(section.body).size());
        out.emplace_back(section.body, std::max(section.line_begin + 1, section.line_end - body_lines + 1));
      }
  return out;
}

bool contains_match(const engine::Context& context, const repo::FileEntry& file, const Check& check) {
  for (const auto& [text, line] : content_pieces(context, file, check))
    if (RE2::PartialMatch(text, *check.must_contain))
      return true;
  return false;
}

bool glob_exists(const engine::Context& context, const std::string& glob) {
  util::IgnoreRules rules;
  rules.add(glob);
  return std::any_of(context.files().begin(), context.files().end(),
                     [&](const auto* file) { return rules.ignored(file->path); });
}

// A requirement (exists, section, content must-contain with scope any) holds.
bool satisfied(const engine::Context& context, const Check& check) {
  switch (check.type) {
  case Check::Type::exists:
    if (!check.in.empty())
      return !fileset_union(context, check.in).empty();
    if (!check.any_globs.empty())
      return std::any_of(check.any_globs.begin(), check.any_globs.end(),
                         [&](const auto& glob) { return glob_exists(context, glob); });
    return std::all_of(check.all_globs.begin(), check.all_globs.end(),
                       [&](const auto& glob) { return glob_exists(context, glob); });
  case Check::Type::section: {
    const auto files = fileset_union(context, check.in);
    return std::any_of(files.begin(), files.end(),
                       [&](const auto* f) { return has_section(context, *f, check); });
  }
  case Check::Type::content: {
    const auto files = fileset_union(context, check.in);
    return std::any_of(files.begin(), files.end(),
                       [&](const auto* f) { return contains_match(context, *f, check); });
  }
  case Check::Type::any:
    return std::any_of(check.alternatives.begin(), check.alternatives.end(),
                       [&](const auto& alternative) { return satisfied(context, alternative); });
  default:
    return false;
  }
}

void forbidden(const engine::Context& context, const Check& check, std::vector<Violation>& out) {
  for (const auto* file : fileset_union(context, check.in)) {
    std::size_t found = 0;
    for (const auto& [text, first_line] : content_pieces(context, *file, check)) {
      const std::string_view view = text;
      re2::StringPiece match;
      std::size_t pos = 0;
      // Lines are counted incrementally: matches come in order, so the text is walked once.
      std::size_t counted = 0;
      int line = first_line;
      std::size_t line_start = 0;
      while (found < k_max_matches_per_file && pos <= view.size() &&
             check.must_not_contain->Match(view, pos, view.size(), RE2::UNANCHORED, &match, 1)) {
        const auto offset = static_cast<std::size_t>(match.data() - view.data());
        for (auto nl = view.find('\n', counted); nl != std::string_view::npos && nl < offset;
             nl = view.find('\n', nl + 1)) {
          ++line;
          line_start = nl + 1;
        }
        counted = std::max(counted, offset);
        const auto column = static_cast<int>(offset - line_start + 1);
        const auto shown = std::string(match.substr(0, std::min<std::size_t>(match.size(), 80)));
        out.push_back({engine::Location{file->path, line, column, {}},
                       shown,
                       {{"path", file->path}, {"line", std::to_string(line)}, {"match", shown}},
                       {}});
        ++found;
        pos = offset + match.size() > pos ? offset + match.size() : pos + 1;
      }
    }
  }
}

void metric(const engine::Context& context, const Check& check, std::vector<Violation>& out) {
  for (const auto* file : fileset_union(context, check.in)) {
    const auto text = read_text(context, *file);
    const auto bytes = std::max<std::uint64_t>(file->size, text.size());
    const auto lines = static_cast<long>(std::count(text.begin(), text.end(), '\n')) +
                       (!text.empty() && text.back() != '\n' ? 1 : 0);
    const auto words = static_cast<long>(count_words(text));
    std::map<std::string, std::string, std::less<>> values{{"path", file->path},
                                                           {"bytes", std::to_string(bytes)},
                                                           {"lines", std::to_string(lines)},
                                                           {"words", std::to_string(words)}};
    auto report = [&](std::string_view measure, long value, long limit, int line) {
      if (limit < 0 || value <= limit)
        return;
      auto set = values;
      set["limit"] = std::to_string(limit);
      set["measure"] = std::string(measure);
      out.push_back({engine::Location{file->path, line, 1, {}},
                     fmt::format("{} {}", file->path, measure),
                     std::move(set),
                     {}});
    };
    report("bytes", static_cast<long>(bytes), check.max_bytes, 1);
    report("lines", lines, check.max_lines, static_cast<int>(std::min<long>(check.max_lines + 1, lines)));
    report("words", words, check.max_words, 1);
  }
}

bool mentioned(std::string_view haystack, std::string_view item, bool word) {
  for (auto at = haystack.find(item); at != std::string_view::npos; at = haystack.find(item, at + 1)) {
    if (!word)
      return true;
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    const bool left = at == 0 || !is_word(haystack[at - 1]) || !is_word(item.front());
    const auto end = at + item.size();
    const bool right = end >= haystack.size() || !is_word(haystack[end]) || !is_word(item.back());
    if (left && right)
      return true;
  }
  return false;
}

void mentions(const engine::Context& context, const Check& check, std::vector<Violation>& out) {
  auto source = source_items(context, check.source);
  for (const auto& path : source.over_budget)
    out.push_back(
        {engine::Location{path, 1, 1, {}}, fmt::format("budget {}", path), {{"path", path}}, {}, true});
  if (source.items.empty())
    return;
  std::string haystack;
  for (const auto* file : fileset_union(context, check.in)) {
    haystack += read_text(context, *file);
    haystack += '\n';
  }
  if (!check.case_sensitive)
    haystack = util::to_lower(haystack);
  std::map<std::string, std::size_t> reported; // item -> index in out
  for (const auto& item : source.items) {
    const auto key = check.case_sensitive ? item.text : util::to_lower(item.text);
    if (key.empty())
      continue;
    if (const auto seen = reported.find(key); seen != reported.end()) {
      if (seen->second != SIZE_MAX && out[seen->second].related.size() < 3)
        out[seen->second].related.push_back(
            engine::Location{item.location.path, item.location.line, item.location.column, "also here"});
      continue;
    }
    if (mentioned(haystack, key, check.match == Check::Match::word)) {
      reported.emplace(key, SIZE_MAX);
      continue;
    }
    reported.emplace(key, out.size());
    out.push_back(
        {item.location,
         item.text,
         {{"item", item.text}, {"path", item.location.path}, {"line", std::to_string(item.location.line)}},
         {}});
  }
}

} // namespace

std::vector<Violation> violations(const engine::Context& context, const Check& check) {
  std::vector<Violation> out;
  const auto anchor = context.repository_anchor();
  switch (check.type) {
  case Check::Type::none:
    out.push_back({anchor, {}, {}, {}});
    break;
  case Check::Type::exists:
    if (!check.all_globs.empty()) {
      for (const auto& glob : check.all_globs)
        if (!glob_exists(context, glob))
          out.push_back({anchor, glob, {{"glob", glob}}, {}});
    } else if (!satisfied(context, check)) {
      out.push_back({anchor, {}, {}, {}});
    }
    break;
  case Check::Type::section:
  case Check::Type::content:
    if (check.must_not_contain) {
      forbidden(context, check, out);
    } else if (check.each) {
      for (const auto* file : fileset_union(context, check.in))
        if (check.type == Check::Type::section ? !has_section(context, *file, check)
                                               : !contains_match(context, *file, check))
          out.push_back({engine::Location{file->path, 1, 1, {}}, file->path, {{"path", file->path}}, {}});
    } else if (!satisfied(context, check)) {
      out.push_back({anchor, {}, {}, {}});
    }
    break;
  case Check::Type::any:
    if (!satisfied(context, check))
      out.push_back({anchor, {}, {}, {}});
    break;
  case Check::Type::metric:
    metric(context, check, out);
    break;
  case Check::Type::mentions:
    mentions(context, check, out);
    break;
  }
  return out;
}

} // namespace tacit::declarative
