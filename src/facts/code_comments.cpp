// Instruction comments in the code: a case-insensitive byte prefilter over the phrases, then tree-sitter
// for the comment nodes of the files that pass it; a run of line comments on consecutive lines is one
// comment.

#include "code_scan.hpp"

#include <tacit/facts/code_comments.hpp>
#include <tacit/facts/env_reads.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/util/text_decode.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <tuple>

namespace tacit::facts {

namespace {

using doc::Language;
using namespace std::string_view_literals;

constexpr std::size_t k_max_file = 1u << 20;
constexpr std::size_t k_max_excerpt = 100;
constexpr auto k_file_budget = std::chrono::milliseconds(500);
constexpr auto k_scan_budget = std::chrono::seconds(20);

struct Phrase {
  std::string_view text; // lower case
  std::string_view kind;
};

// The phrases, lower case. "keep in sync" and "change together" need a reference to another file (checked
// in instruction_in): "keep in sync with the loop below" is the code's own business.
constexpr std::array k_phrases{
    Phrase{"keep in sync"sv, "keep in sync"sv},
    Phrase{"kept in sync"sv, "keep in sync"sv},
    Phrase{"keep this in sync"sv, "keep in sync"sv},
    Phrase{"keep these in sync"sv, "keep in sync"sv},
    Phrase{"keep it in sync"sv, "keep in sync"sv},
    Phrase{"keep them in sync"sv, "keep in sync"sv},
    Phrase{"must stay in sync"sv, "keep in sync"sv},
    Phrase{"must be in sync"sv, "keep in sync"sv},
    Phrase{"do not change without"sv, "change together"sv},
    Phrase{"don't change without"sv, "change together"sv},
    Phrase{"do not modify without"sv, "change together"sv},
    Phrase{"don't modify without"sv, "change together"sv},
    Phrase{"if you change this"sv, "change together"sv},
    Phrase{"if you modify this"sv, "change together"sv},
    Phrase{"when changing this"sv, "change together"sv},
    Phrase{"when you change this"sv, "change together"sv},
    Phrase{"must also be updated"sv, "change together"sv},
    Phrase{"must be called before"sv, "call order"sv},
    Phrase{"must be called after"sv, "call order"sv},
    Phrase{"must be called first"sv, "call order"sv},
    Phrase{"never edit"sv, "never edit"sv},
    Phrase{"do not edit"sv, "never edit"sv},
    Phrase{"don't edit"sv, "never edit"sv},
    Phrase{"never modify"sv, "never edit"sv},
};

// The bytes the prefilter looks for, lower case: every phrase above holds one of them.
constexpr std::array k_prefilter{"in sync"sv,     "change without"sv, "modify without"sv,  "change this"sv,
                                 "modify this"sv, "changing this"sv,  "also be updated"sv, "must be called"sv,
                                 "never edit"sv,  "do not edit"sv,    "don't edit"sv,      "never modify"sv};

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// A file another file's comment can point to: a path (a/b) or a name with an extension that code, build
// or docs files have, or a build file's name. URLs do not count.
bool names_a_file(std::string_view text) {
  static constexpr std::array k_extensions{
      ".c"sv,     ".h"sv,     ".cc"sv,  ".cpp"sv,   ".hpp"sv,  ".cxx"sv,    ".hh"sv,   ".py"sv,   ".pyi"sv,
      ".go"sv,    ".rs"sv,    ".js"sv,  ".mjs"sv,   ".ts"sv,   ".tsx"sv,    ".jsx"sv,  ".java"sv, ".kt"sv,
      ".md"sv,    ".rst"sv,   ".txt"sv, ".json"sv,  ".yaml"sv, ".yml"sv,    ".toml"sv, ".ini"sv,  ".cfg"sv,
      ".sh"sv,    ".proto"sv, ".sql"sv, ".cmake"sv, ".in"sv,   ".xml"sv,    ".html"sv, ".css"sv,  ".rb"sv,
      ".swift"sv, ".m"sv,     ".mk"sv,  ".am"sv,    ".ac"sv,   ".gradle"sv, ".bzl"sv,  ".lock"sv, ".mod"sv};
  static constexpr std::array k_names{"makefile"sv,    "dockerfile"sv,   "cmakelists"sv,
                                      "meson.build"sv, "build.gradle"sv, "justfile"sv};
  const auto lower = util::to_lower(text);
  std::size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && lower[i] == ' ')
      ++i;
    auto end = lower.find_first_of(" \t\n,;:()[]{}<>\"'`", i);
    if (end == std::string::npos)
      end = lower.size();
    auto token = std::string_view(lower).substr(i, end - i);
    i = end + 1;
    while (!token.empty() && (token.back() == '.' || token.back() == '!' || token.back() == '?'))
      token.remove_suffix(1);
    if (token.size() < 3 || token.find("://") != std::string_view::npos || token.starts_with("//") ||
        token.starts_with("www."))
      continue;
    if (std::ranges::any_of(k_names, [&](std::string_view name) { return token.find(name) != token.npos; }))
      return true;
    const auto slash = token.find('/');
    if (slash != std::string_view::npos && slash > 0 && slash + 1 < token.size() &&
        word_char(token[slash - 1]) && word_char(token[slash + 1]) && token.find("//") == token.npos &&
        std::ranges::count(token, '/') <= 8 && !token.starts_with("and/") && !token.ends_with("/or"))
      return true;
    const auto dot = token.rfind('.');
    if (dot != std::string_view::npos && dot > 0 && word_char(token[dot - 1]) &&
        std::ranges::find(k_extensions, token.substr(dot)) != k_extensions.end())
      return true;
  }
  return false;
}

// A reason after a HACK or XXX marker.
bool gives_reason(std::string_view lower) {
  for (auto word : {"because"sv, "until"sv, "otherwise"sv, "work around"sv, "works around"sv, "workaround"sv,
                    "so that"sv, "since "sv})
    if (lower.find(word) != std::string_view::npos)
      return true;
  return false;
}

// The comment's text without its markers: "// a\n// b" -> "a b"; `starts` gets, per line kept, the offset
// of the line in the result and its line number in the file (from `first_line`).
std::string comment_text(std::string_view raw, int first_line,
                         std::vector<std::pair<std::size_t, int>>& starts) {
  std::string out;
  int line = first_line;
  for (auto piece : util::split(raw, '\n')) {
    auto text = util::trim(piece);
    for (bool again = true; again;) {
      again = false;
      for (auto marker : {"///"sv, "//!"sv, "//"sv, "/**"sv, "/*!"sv, "/*"sv, "*/"sv, "#!"sv, "#"sv, "*"sv}) {
        if (text.starts_with(marker)) {
          text = util::trim(text.substr(marker.size()));
          again = true;
          break;
        }
      }
    }
    if (text.ends_with("*/"))
      text = util::trim(text.substr(0, text.size() - 2));
    if (!text.empty()) {
      if (!out.empty())
        out += ' ';
      starts.emplace_back(out.size(), line);
      out += text;
    }
    ++line;
  }
  return out;
}

// The sentence of `text` around `at`, from the start of its line (`line_start`) at the earliest, at most
// k_max_excerpt characters.
std::string excerpt_at(std::string_view text, std::size_t at, std::size_t line_start) {
  std::size_t begin = at;
  while (begin > line_start && !(text[begin - 1] == '.' && (begin >= text.size() || text[begin] == ' ')))
    --begin;
  auto sentence = util::trim(text.substr(begin));
  const auto stop = sentence.find(". ");
  if (stop != std::string_view::npos)
    sentence = sentence.substr(0, stop + 1);
  std::string out(sentence.substr(0, k_max_excerpt));
  if (sentence.size() > k_max_excerpt)
    out += "...";
  return out;
}

bool is_comment_node(std::string_view type) {
  return type == "comment" || type == "line_comment" || type == "block_comment";
}

} // namespace

InstructionMatch instruction_in(std::string_view comment) {
  const auto lower = util::to_lower(comment);
  // HACK / XXX: the marker at the start, in capitals, and a reason.
  for (auto marker : {"HACK"sv, "XXX"sv})
    if (comment.starts_with(marker) &&
        (comment.size() == marker.size() || !word_char(comment[marker.size()])) && gives_reason(lower))
      return {"hack", 0};
  std::size_t best = std::string::npos;
  std::string_view kind;
  for (const auto& phrase : k_phrases) {
    const auto at = lower.find(phrase.text);
    if (at == std::string::npos || at >= best || (at > 0 && word_char(lower[at - 1])))
      continue;
    if (phrase.kind == "never edit" &&
        (lower.find("generated") != std::string::npos || lower.find("automatically") != std::string::npos ||
         (lower.find("by hand") == std::string::npos && lower.find("manually") == std::string::npos &&
          lower.find("directly") == std::string::npos)))
      continue; // a generated file's marker ("DO NOT EDIT."), or what the code does ("never edit the state")
    if (at > 0 && (lower[at - 1] == '"' || lower[at - 1] == '\'' || lower[at - 1] == '`'))
      continue; // a quoted phrase: the comment speaks of the words ("keep in sync" is what this reads)
    const auto before = std::string_view(lower).substr(at >= 40 ? at - 40 : 0, at >= 40 ? 40 : at);
    const auto near = before.substr(before.size() >= 20 ? before.size() - 20 : 0);
    if (near.find("no longer") != std::string_view::npos || near.find("not ") != std::string_view::npos ||
        near.find("n't ") != std::string_view::npos)
      continue; // "no longer kept in sync with upstream"
    if (phrase.text == "kept in sync" &&
        std::ranges::none_of(
            std::array{"must"sv, "should"sv, "has to"sv, "have to"sv, "needs to"sv, "need to"sv, "ensure"sv,
                       "make sure"sv, "to be"sv},
            [&](std::string_view modal) { return before.find(modal) != std::string_view::npos; }))
      continue; // "a state that is kept in sync with the property": what the code does
    if ((phrase.kind == "keep in sync" || phrase.kind == "change together") && !names_a_file(comment))
      continue;
    best = at;
    kind = phrase.kind;
  }
  return kind.empty() ? InstructionMatch{} : InstructionMatch{kind, best};
}

bool may_hold_instruction(std::string_view text) {
  if (text.find("HACK") != std::string_view::npos || text.find("XXX") != std::string_view::npos)
    return true;
  thread_local std::string lower;
  lower.resize(text.size());
  std::ranges::transform(text, lower.begin(),
                         [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return std::ranges::any_of(k_prefilter,
                             [](std::string_view needle) { return lower.find(needle) != std::string::npos; });
}

std::vector<InstructionComment> instruction_comments_in(std::string_view path, std::string_view text,
                                                        doc::Language language, doc::RunBudget* run) {
  std::vector<InstructionComment> out;
  thread_local std::map<Language, doc::ParserPtr> parsers;
  auto& parser = parsers[language];
  if (!parser)
    parser = doc::make_parser(language);
  if (!parser)
    return out;
  doc::ParseBudget budget(k_file_budget, run);
  const auto tree = doc::parse_until(parser.get(), text, budget);
  if (!tree)
    return out;
  // The comment nodes; a run of them on consecutive lines with only blanks between is one comment.
  struct Span {
    std::uint32_t begin, end;
    std::uint32_t first_row, last_row;
    std::uint32_t column;
  };
  std::vector<Span> spans;
  doc::walk(ts_tree_root_node(tree.get()), [&](TSNode node, std::uint32_t) {
    if (!is_comment_node(ts_node_type(node)))
      return true;
    const auto start = ts_node_start_point(node);
    auto end = ts_node_end_point(node);
    if (end.column == 0 && end.row > start.row)
      --end.row; // a line comment that holds its newline (Rust) ends on the next line
    const Span span{ts_node_start_byte(node), ts_node_end_byte(node), start.row, end.row, start.column};
    if (!spans.empty() && spans.back().last_row + 1 == span.first_row &&
        util::trim(text.substr(spans.back().end, span.begin - spans.back().end)).empty()) {
      spans.back().end = span.end;
      spans.back().last_row = span.last_row;
    } else {
      spans.push_back(span);
    }
    return false;
  });
  for (const auto& span : spans) {
    if (span.end > text.size() || span.end <= span.begin)
      continue;
    std::vector<std::pair<std::size_t, int>> starts;
    const auto clean = comment_text(text.substr(span.begin, span.end - span.begin),
                                    static_cast<int>(span.first_row) + 1, starts);
    const auto match = instruction_in(clean);
    if (match.kind.empty() || starts.empty())
      continue;
    int line = starts.front().second;
    std::size_t line_start = 0;
    for (const auto& [offset, row] : starts)
      if (offset <= match.offset) {
        line = row;
        line_start = offset;
      }
    out.push_back(InstructionComment{
        std::string(path), line,
        line == static_cast<int>(span.first_row) + 1 ? static_cast<int>(span.column) + 1 : 1,
        std::string(match.kind), excerpt_at(clean, match.offset, line_start)});
  }
  return out;
}

CommentScan scan_instruction_comments(const std::vector<const repo::FileEntry*>& files,
                                      const HeadReaders& readers, unsigned jobs) {
  const auto candidates =
      code_files(files, k_max_file, [](const repo::FileEntry&, Language) { return true; });
  CommentScan scan;
  scan.files_scanned = candidates.size();
  struct RunResult {
    std::vector<InstructionComment> comments;
    std::size_t parsed = 0;
  };
  doc::RunBudget run_budget(k_scan_budget);
  auto results =
      scan_code_files<RunResult>(candidates, readers, jobs, k_max_file,
                                 [&](const CodeFile& candidate, std::string_view text, RunResult& result) {
                                   if (!may_hold_instruction(text) || util::looks_binary(text))
                                     return;
                                   ++result.parsed;
                                   std::ranges::move(instruction_comments_in(candidate.file->path, text,
                                                                             candidate.language, &run_budget),
                                                     std::back_inserter(result.comments));
                                 });
  for (auto& result : results) {
    std::ranges::move(result.comments, std::back_inserter(scan.comments));
    scan.files_parsed += result.parsed;
  }
  std::ranges::sort(scan.comments, [](const auto& a, const auto& b) {
    return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
  });
  return scan;
}

} // namespace tacit::facts
