#pragma once
// A light outline of a doc for the decision record and architecture doc extractors: headings (Markdown ATX
// and setext, reST underlines, AsciiDoc `==`), the lines outside code blocks and HTML comments, and the YAML
// front matter. Cheaper than the tree-sitter parse and the same for every doc format. Internal to
// src/facts/.

#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts::outline {

/// A heading and where its section's body runs.
struct Heading {
  std::string text; ///< without markers, emphasis, trailing `#`s, HTML comments and a trailing ':'
  int level = 0;    ///< 1-6 (setext and reST: 1 for the first underline character seen, 2 for the next...)
  int line = 0;     ///< 1-based line of the heading text
  bool optional = false; ///< an `optional` HTML comment on the heading or on the lines just above it
  int body_begin = 0;    ///< first line of the body (1-based)
  int body_end = 0;      ///< last line of the section (up to the next heading of the same or higher level)
};

/// A doc's outline.
struct Outline {
  std::vector<std::string_view> lines; ///< every line of the content (views into it)
  std::vector<bool> prose; ///< per line: outside code blocks, comments and front matter, not a heading
  std::vector<Heading> headings;
  std::string front_matter; ///< raw YAML between the --- fences; empty when none
  int front_matter_line = 0;
};

/// Builds the outline of `content` (its views point into it). Never throws; linear in the content.
Outline build(std::string_view content);

/// `text` in lower case, without list markers, emphasis, numbering ("1. ", "ADR 7:"), HTML comments and
/// trailing punctuation.
std::string normalize(std::string_view text);

/// The body lines of a section that are prose and not blank.
std::vector<int> body_lines(const Outline& outline, const Heading& heading);

} // namespace tacit::facts::outline
