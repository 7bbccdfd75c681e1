// parse_markdown: CRLF, the nesting bound and the time budget around MarkdownReader (markdown_reader.hpp).

#include "markdown_reader.hpp"

#include <tacit/doc/languages.hpp>
#include <tacit/doc/markdown.hpp>

#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>

namespace tacit::doc {

using markdown_detail::MarkdownReader;
using markdown_detail::Parsers;

namespace {

// Block + inline parsing runs at 0.3-3 MB/s (link-heavy changelogs are the slowest seen: the inline
// grammar costs ~1 us per word); the allowance is 1.5 times the slowest.
constexpr std::chrono::microseconds k_base_budget = std::chrono::seconds(1);
constexpr std::chrono::microseconds k_budget_per_mb = std::chrono::seconds(5);
// All the files of a run together: about the allowance of one 6 MB file, and 10-100x what the structural
// docs of the largest real repositories measured need (bench/README.md).
constexpr std::chrono::microseconds k_run_budget = std::chrono::seconds(30);

// Sanitizer and unoptimised builds parse 5-20x slower: the same budget there would cut documents that a
// release build reads whole, and tests over adversarial sizes would see different findings.
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
constexpr std::int64_t k_slow_build_factor = 20;
#else
constexpr std::int64_t k_slow_build_factor = 1;
#endif

// Deeper nesting is not parsed: tree-sitter-markdown tracks open blocks in 8-bit counters and a 1 KiB
// state buffer (cmake/Grammars.cmake bounds the buffer; this keeps the parse meaningful and fast).
constexpr std::size_t k_max_nesting = 200;

// The length of a list marker ("-", "+", "*", "1.", "12)") at the start of `rest`, when one is followed
// by a blank or the end of the line; else 0.
std::size_t list_marker_length(std::string_view rest) {
  std::size_t digits = 0;
  while (digits < rest.size() && digits < 9 && rest[digits] >= '0' && rest[digits] <= '9') {
    ++digits;
  }
  std::size_t length =
      digits == 0 ? (rest[0] == '-' || rest[0] == '+' || rest[0] == '*' ? 1 : 0)
                  : (digits < rest.size() && (rest[digits] == '.' || rest[digits] == ')') ? digits + 1 : 0);
  bool ends = length > 0 &&
              (length == rest.size() || rest[length] == ' ' || rest[length] == '\t' || rest[length] == '\n');
  return ends ? length : 0;
}

// An upper bound on the blocks open at once. Lazy lines open none; on other lines each block quote needs
// a '>', each list item a marker where it opens and at least two columns of indentation on later lines.
std::size_t nesting_bound(std::string_view text) {
  std::size_t deepest = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t markers = 0;
    std::size_t blank_columns = 0;
    while (i < text.size()) {
      char c = text[i];
      if (c == ' ' || c == '\t') {
        blank_columns += c == '\t' ? 4 : 1;
        ++i;
      } else if (std::size_t length = c == '>' ? 1 : list_marker_length(text.substr(i)); length > 0) {
        ++markers;
        i += length;
      } else {
        break;
      }
    }
    deepest = std::max(deepest, markers + (blank_columns + 1) / 2);
    std::size_t newline = text.find('\n', i);
    i = newline == std::string_view::npos ? text.size() : newline + 1;
  }
  return deepest + 1; // plus a leaf block (code, HTML)
}

// A larger document is parsed in pieces, one block tree at a time: tree-sitter's tree costs ~800 bytes per
// heading (a million one-line headings took over 1 GB as one tree). A piece ends before an ATX heading at
// the start of a line, where every block but a fenced code block or an HTML block has ended (the heading
// interrupts paragraphs, lists, block quotes and tables); a piece whose last block is one of those two is
// parsed again, doubled, so what the pieces give is what one parse gives.
constexpr std::size_t k_piece_bytes = 256 << 10;

// The start of the first line at or after `from` that is an ATX heading ("#" to "######" then a blank or
// the end of the line) at column 1, or the end of the text.
std::size_t next_heading_line(std::string_view text, std::size_t from) {
  std::size_t at = from;
  if (at > 0 && at < text.size() && text[at - 1] != '\n') {
    const auto newline = text.find('\n', at);
    at = newline == std::string_view::npos ? text.size() : newline + 1;
  }
  while (at < text.size()) {
    std::size_t hashes = 0;
    while (at + hashes < text.size() && text[at + hashes] == '#' && hashes < 7)
      ++hashes;
    const bool ends = at + hashes == text.size() || text[at + hashes] == ' ' || text[at + hashes] == '\t' ||
                      text[at + hashes] == '\n';
    if (hashes >= 1 && hashes <= 6 && ends)
      return at;
    const auto newline = text.find('\n', at);
    at = newline == std::string_view::npos ? text.size() : newline + 1;
  }
  return text.size();
}

// True when the last block of a piece may run on past its end: a fenced code block without its closing
// fence, or an HTML block (a comment or <pre> runs to its end marker, over headings).
bool ends_open(TSNode root) {
  for (TSNode node = root; ts_node_named_child_count(node) > 0;) {
    node = ts_node_named_child(node, ts_node_named_child_count(node) - 1);
    if (markdown_detail::is(node, "html_block"))
      return true;
    if (markdown_detail::is(node, "fenced_code_block")) {
      std::uint32_t fences = 0;
      for (std::uint32_t i = 0; i < ts_node_named_child_count(node); ++i)
        fences += markdown_detail::is(ts_node_named_child(node, i), "fenced_code_block_delimiter") ? 1 : 0;
      if (fences < 2)
        return true;
    }
  }
  return false;
}

// Where `offset` is: 0-based row and byte column, counted on from `from` (a point at `from_offset`).
TSPoint point_at(std::string_view text, std::size_t from_offset, TSPoint from, std::size_t offset) {
  for (auto i = from_offset; i < offset; ++i) {
    if (text[i] == '\n') {
      ++from.row;
      from.column = 0;
    } else {
      ++from.column;
    }
  }
  return from;
}

// Reads `text` into the reader, piece by piece (see k_piece_bytes). False when the budget ran out.
bool read_in_pieces(std::string_view text, TSParser* parser, MarkdownReader& reader, ParseBudget& budget) {
  if (text.size() <= k_piece_bytes) {
    ts_parser_set_included_ranges(parser, nullptr, 0);
    TreePtr tree = parse_until(parser, text, budget);
    if (tree)
      reader.read_blocks(ts_tree_root_node(tree.get()));
    return tree != nullptr;
  }
  std::size_t begin = 0;
  TSPoint begin_point{0, 0};
  while (begin < text.size()) {
    std::size_t end = next_heading_line(text, begin + k_piece_bytes);
    for (;;) {
      const TSPoint end_point = point_at(text, begin, begin_point, end);
      const TSRange range{begin_point, end_point, static_cast<std::uint32_t>(begin),
                          static_cast<std::uint32_t>(end)};
      ts_parser_set_included_ranges(parser, &range, 1);
      TreePtr tree = parse_until(parser, text, budget);
      if (!tree)
        return false;
      const TSNode root = ts_tree_root_node(tree.get());
      if (end < text.size() && ends_open(root)) {
        end = next_heading_line(text, end + (end - begin));
        continue;
      }
      reader.read_blocks(root);
      begin = end;
      begin_point = end_point;
      break;
    }
  }
  return true;
}

} // namespace

std::chrono::microseconds markdown_time_budget(std::size_t content_size) {
  return (k_base_budget + k_budget_per_mb * static_cast<std::int64_t>(content_size) / (1 << 20)) *
         k_slow_build_factor;
}

std::chrono::microseconds markdown_run_budget() {
  return k_run_budget * k_slow_build_factor;
}

// The block grammar makes a token of every word, blank and punctuation character of a paragraph line, which
// makes it run at 2-3 MB/s; only the start of a line decides its block (container markers, list and fence
// markers, heading and table syntax), plus a few characters further on: table pipes and their escapes, the
// '#' of a closing heading sequence, the ':' of a link reference definition, and HTML end conditions ("-->",
// "?>", "]]>", "</pre>"). The text the block grammar sees is therefore the document with, on every line after
// its first letter and before its last non-blank, blanks and the other punctuation turned into letters:
// same length, same lines, same blocks, several times fewer tokens. Left as they are: lines that open with
// '<' or a fence, lines holding "]:" and the two after them (HTML blocks, fences and their info strings, link
// reference definitions), backticks and tildes (the grammar reads a run of them as a closing fence even at
// the end of a line), task list markers, and blanks next to a table pipe (a cell's range starts after
// them). Every node's text
// is still read from the original (MarkdownReader keeps it), and so are the inline parses.
std::string markdown_block_text(std::string_view text) {
  static constexpr auto k_merged = [] {
    std::array<bool, 256> merged{};
    for (unsigned char c : std::string_view(" \t,.;()'\"*_=+@$%&^{}"))
      merged[c] = true;
    return merged;
  }();
  const auto letter = [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
  const auto marker = [](char c) {
    return c == ' ' || c == '\t' || c == '>' || c == '-' || c == '+' || c == '*' || c == '.' || c == ')' ||
           (c >= '0' && c <= '9');
  };
  std::string out(text);
  int definition_lines = 0;
  for (std::size_t begin = 0; begin < out.size();) {
    auto end = out.find('\n', begin);
    end = end == std::string::npos ? out.size() : end;
    auto opening = begin;
    while (opening < end && marker(out[opening]))
      ++opening;
    std::string_view line(out.data() + opening, end - opening);
    if (line.starts_with("[ ]") || line.starts_with("[x]") || line.starts_with("[X]")) { // a task list item
      opening += 3;
      line.remove_prefix(3);
    }
    // A link reference definition's destination and title may follow on the next two lines.
    definition_lines = line.find("]:") != std::string_view::npos ? 3 : definition_lines;
    const bool kept =
        definition_lines > 0 || line.starts_with('<') || line.starts_with("```") || line.starts_with("~~~");
    definition_lines -= definition_lines > 0 ? 1 : 0;
    auto first = opening;
    while (first < end && !letter(static_cast<unsigned char>(out[first])))
      ++first;
    auto last = end;
    while (last > first && (out[last - 1] == ' ' || out[last - 1] == '\t'))
      --last;
    for (auto i = first + 1; !kept && i < last;) {
      if (out[i] == ' ' || out[i] == '\t') {
        auto run = i;
        while (run < last && (out[run] == ' ' || out[run] == '\t'))
          ++run;
        if (out[i - 1] != '|' && out[run] != '|')
          std::fill(out.begin() + static_cast<std::ptrdiff_t>(i),
                    out.begin() + static_cast<std::ptrdiff_t>(run), 'a');
        i = run;
      } else {
        out[i] = k_merged[static_cast<unsigned char>(out[i])] ? 'a' : out[i];
        ++i;
      }
    }
    begin = end + 1;
  }
  return out;
}

// The inline grammar too makes a token of every word and blank. What decides its tree: delimiter runs and the
// characters next to them (emphasis flanking), brackets, backticks, escapes, entities, line ends (a hard
// break), and everything inside parentheses (a link destination may not hold a blank) and angle brackets
// (HTML tags, autolinks). The text it sees therefore has each run of blanks, commas and full stops that lies
// between two letters or digits turned into letters, outside parentheses and angle brackets (counted until
// the paragraph ends, at a blank line): no delimiter's neighbour changes, and runs of prose become single
// words.
std::string markdown_inline_text(std::string_view text) {
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  const auto mergeable = [](char c) { return c == ' ' || c == '\t' || c == ',' || c == '.'; };
  std::string out(text);
  int parentheses = 0;
  int angles = 0;
  bool blank_line = true;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      if (blank_line)
        parentheses = angles = 0;
      blank_line = true;
      ++i;
      continue;
    }
    if (mergeable(c)) {
      auto run = i;
      while (run < text.size() && mergeable(text[run])) {
        blank_line = blank_line && (text[run] == ' ' || text[run] == '\t');
        ++run;
      }
      if (parentheses == 0 && angles == 0 && i > 0 && alnum(text[i - 1]) && run < text.size() &&
          alnum(text[run]))
        std::fill(out.begin() + static_cast<std::ptrdiff_t>(i),
                  out.begin() + static_cast<std::ptrdiff_t>(run), 'a');
      i = run;
      continue;
    }
    blank_line = false;
    parentheses += c == '(' ? 1 : c == ')' && parentheses > 0 ? -1 : 0;
    angles += c == '<' ? 1 : c == '>' && angles > 0 ? -1 : 0;
    ++i;
  }
  return out;
}

void parse_markdown(std::string_view content, Document& doc) {
  parse_markdown(content, doc, markdown_time_budget(content.size()));
}

void parse_markdown(std::string_view content, Document& doc, std::chrono::microseconds time_budget,
                    RunBudget* run, std::int64_t memory_budget) {
  doc.sections.clear();
  doc.code_blocks.clear();
  doc.inline_code.clear();
  doc.links.clear();
  doc.front_matter.clear();
  doc.front_matter_line = 0;
  doc.structural = false;
  doc.parse_timed_out = false;
  doc.parse_run_budget_spent = false;
  doc.parse_out_of_memory = false;

  // CRLF read as LF, and a lone CR as LF too, so lines and columns match LF input.
  std::string normalized;
  if (content.find('\r') != std::string_view::npos) {
    normalized.reserve(content.size());
    for (std::size_t i = 0; i < content.size(); ++i) {
      const bool crlf = content[i] == '\r' && i + 1 < content.size() && content[i + 1] == '\n';
      if (!crlf) {
        normalized += content[i] == '\r' ? '\n' : content[i];
      }
    }
    content = normalized;
  }
  if (content.size() >= std::numeric_limits<uint32_t>::max()) {
    doc.skip_reason = "too large for the Markdown parser";
    return;
  }

  thread_local Parsers parsers;
  if (!parsers.block || !parsers.inlines || nesting_bound(content) > k_max_nesting) {
    doc.parse_timed_out = parsers.block && parsers.inlines; // structure given up, as on a timeout
    scan_text(content, doc);
    return;
  }
  ParseBudget budget(time_budget, run, memory_budget);
  const std::string for_inlines = markdown_inline_text(content);
  MarkdownReader reader(content, for_inlines, doc, parsers, budget);
  const std::string for_blocks = markdown_block_text(content);
  const bool parsed = read_in_pieces(for_blocks, parsers.block.get(), reader, budget);
  ts_parser_set_included_ranges(parsers.block.get(), nullptr, 0);
  if (!parsed) { // what the pieces before gave is dropped: the document is read as text
    doc.code_blocks.clear();
    doc.inline_code.clear();
    doc.links.clear();
    doc.front_matter.clear();
    doc.front_matter_line = 0;
    doc.parse_timed_out = true;
    doc.parse_run_budget_spent = budget.run_spent();
    doc.parse_out_of_memory = budget.out_of_memory();
    scan_text(content, doc);
    return;
  }
  doc.structural = true;
  reader.finish_links();
  reader.build_sections();
  doc.parse_timed_out = budget.expired();
  doc.parse_run_budget_spent = budget.run_spent();
  doc.parse_out_of_memory = budget.out_of_memory();
}

} // namespace tacit::doc
