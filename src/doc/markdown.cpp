// parse_markdown: CRLF, the nesting bound and the time budget around MarkdownReader (markdown_reader.hpp).

#include "markdown_reader.hpp"

#include <tacit/doc/languages.hpp>
#include <tacit/doc/markdown.hpp>

#include <tree_sitter/api.h>

#include <algorithm>
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

} // namespace

std::chrono::microseconds markdown_time_budget(std::size_t content_size) {
  return (k_base_budget + k_budget_per_mb * static_cast<std::int64_t>(content_size) / (1 << 20)) *
         k_slow_build_factor;
}

void parse_markdown(std::string_view content, Document& doc) {
  parse_markdown(content, doc, markdown_time_budget(content.size()));
}

void parse_markdown(std::string_view content, Document& doc, std::chrono::microseconds time_budget,
                    std::int64_t memory_budget) {
  doc.sections.clear();
  doc.code_blocks.clear();
  doc.inline_code.clear();
  doc.links.clear();
  doc.front_matter.clear();
  doc.front_matter_line = 0;
  doc.structural = false;
  doc.parse_timed_out = false;
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
  ParseBudget budget(time_budget, memory_budget);
  ts_parser_set_included_ranges(parsers.block.get(), nullptr, 0);
  TreePtr tree = parse_until(parsers.block.get(), content, budget);
  if (!tree) {
    doc.parse_timed_out = true;
    doc.parse_out_of_memory = budget.out_of_memory();
    scan_text(content, doc);
    return;
  }
  doc.structural = true;
  MarkdownReader reader(content, doc, parsers, budget);
  reader.read_blocks(ts_tree_root_node(tree.get()));
  reader.finish_links();
  reader.build_sections();
  doc.parse_timed_out = budget.expired();
  doc.parse_out_of_memory = budget.out_of_memory();
}

} // namespace tacit::doc
