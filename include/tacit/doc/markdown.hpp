#pragma once
// Markdown into a Document, with tree-sitter's block grammar and then, for each paragraph, heading and
// table cell, its inline grammar. document.hpp declares the everyday entry point,
// parse_markdown(content, doc); this header adds the form with an explicit CPU time budget.
//
// What is extracted (see document.hpp for the fields):
// - sections: from ATX and setext headings that are not inside a block quote or list item;
// - code blocks: fenced and indented, anywhere (container markers and fence indentation removed);
// - inline code: code spans anywhere except inside HTML (comments included);
// - links: inline links, images, autolinks, and reference links resolved through their definitions
//   (one Link per used definition, located at the definition's destination);
// - front matter: a leading `---` YAML block.
// CRLF line endings are read as LF. Parsers are reused per thread.

#include <tacit/doc/document.hpp>
#include <tacit/doc/languages.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tacit::doc {

/// The CPU time parse_markdown allows for `content_size` bytes: a base plus a per-megabyte allowance
/// above the slowest real documents seen, so only pathological input hits it.
std::chrono::microseconds markdown_time_budget(std::size_t content_size);

/// parse_markdown with an explicit CPU time budget (on the calling thread) and a memory budget (bytes of
/// tree-sitter memory; a syntax tree takes 50-150 times its text) for the block and inline parses
/// together; see ParseBudget in languages.hpp. When the budget runs out, doc.parse_timed_out is set (and
/// doc.parse_out_of_memory when it was the memory): if the block parse did not finish, code blocks and
/// inline code come from scan_text instead (doc.structural stays false); if an inline parse did not, the
/// structure is kept and the remaining inline code and links are missing.
/// With `run`, the parses also draw on the run's shared budget; when that runs out first,
/// doc.parse_run_budget_spent is set as well.
void parse_markdown(std::string_view content, Document& doc, std::chrono::microseconds time_budget,
                    RunBudget* run = nullptr, std::int64_t memory_budget = k_parse_memory);

/// The CPU time all the Markdown parses of one run may use together (on every thread): a run over several
/// pathological files ends in about this time, not in the sum of their own budgets.
std::chrono::microseconds markdown_run_budget();

/// The text the block grammar reads for `text`: the same bytes except that, inside each line, blanks and
/// punctuation no block depends on become letters, so that the grammar makes one token of a run of prose
/// instead of one per word, blank and punctuation character (block parses 2-3x faster). Parsing it gives the
/// block tree that parsing `text` gives, node for node and byte for byte (tests/unit/doc/markdown_test.cpp
/// holds the cases; the CommonMark and GFM spec examples and ten thousand real documents were compared).
std::string markdown_block_text(std::string_view text);

/// The text the inline grammar reads for `text`, the same idea for inline syntax: blanks, commas and full
/// stops between words become letters, outside parentheses and angle brackets and never next to a delimiter,
/// so that the inline tree's named nodes are those of `text`, byte for byte.
std::string markdown_inline_text(std::string_view text);

} // namespace tacit::doc
