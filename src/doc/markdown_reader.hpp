#pragma once
// The reader behind parse_markdown (markdown.cpp): one pass over tree-sitter's Markdown block tree
// (markdown_blocks.cpp: headings, sections, code blocks, link definitions, front matter), with an inline
// parse per paragraph, heading and table cell (markdown_inline.cpp: code spans and links). Internal to
// src/doc/.

#include <tacit/doc/document.hpp>
#include <tacit/doc/languages.hpp>

#include <tree_sitter/api.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tacit::doc::markdown_detail {

/// One block and one inline parser per thread: creating them costs more than parsing a small file.
struct Parsers {
  ParserPtr block = make_parser(Language::Markdown);
  ParserPtr inlines = make_parser(Language::MarkdownInline);
};

/// True for a node of `type`.
inline bool is(TSNode node, const char* type) {
  return std::strcmp(ts_node_type(node), type) == 0;
}

/// The 1-based line of a tree-sitter point.
inline int line_of(TSPoint point) {
  return static_cast<int>(point.row) + 1;
}

/// The 1-based column (in bytes) of a tree-sitter point.
inline int column_of(TSPoint point) {
  return static_cast<int>(point.column) + 1;
}

/// The first named child of `node` with `type`, or a null node.
TSNode child_of_type(TSNode node, const char* type);

/// Reference labels match case-insensitively with whitespace runs collapsed (ASCII folding only).
std::string normalize_label(std::string_view label);

/// A heading as read, before sections are built from the headings.
struct Heading {
  int level = 0;
  std::string text;
  int line_first = 0;
  int line_last = 0;
};

/// A link reference definition's destination.
struct Definition {
  std::string target;
  int line = 0;
  int column = 0;
};

/// A reference link waiting for its definition.
struct Reference {
  std::string label;
  std::string text;
  bool image = false;
};

/// One pass over the block tree, with an inline parse per paragraph, heading and table cell.
class MarkdownReader {
public:
  /// Reads `text` into `doc` with the thread's `parsers`, within `budget`. The inline grammar parses
  /// `inline_text` (markdown_inline_text of `text`: same length, same inline tree); every node's text is read
  /// from `text`.
  MarkdownReader(std::string_view text, std::string_view inline_text, Document& doc, Parsers& parsers,
                 ParseBudget& budget)
      : m_text(text), m_inline_text(inline_text), m_doc(doc), m_parsers(parsers), m_budget(budget) {}

  /// Walks the block tree: headings, code blocks, definitions, front matter, and inline content.
  void read_blocks(TSNode root);

  /// Resolves reference links (one Link per definition used) and orders links by position.
  void finish_links();

  /// Turns the headings read into the document's sections.
  void build_sections();

private:
  std::string_view node_text(TSNode node) const {
    return m_text.substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
  }

  std::string text_in(const std::vector<TSRange>& ranges, uint32_t begin, uint32_t end) const;
  bool visit_block(TSNode node, bool contained);
  void add_heading(TSNode node);
  std::string code_text(const std::vector<TSRange>& ranges, uint32_t column) const;
  void add_fenced_code(TSNode node);
  void add_indented_code(TSNode node);
  void add_definition(TSNode node);
  void add_front_matter(TSNode node);
  void read_inline(TSNode node);
  bool visit_inline(TSNode node, const std::vector<TSRange>& ranges);
  void add_code_span(TSNode node, const std::vector<TSRange>& ranges);
  void add_link(TSNode node, bool image, const std::vector<TSRange>& ranges);

  std::string_view m_text;
  std::string_view m_inline_text;
  Document& m_doc;
  Parsers& m_parsers;
  ParseBudget& m_budget;
  std::vector<Heading> m_headings;
  std::vector<std::pair<std::string, Definition>> m_definitions;
  std::vector<Reference> m_references;
};

} // namespace tacit::doc::markdown_detail
