// The block side of MarkdownReader: headings and sections, fenced and indented code, link reference
// definitions, front matter; inline content goes to read_inline (markdown_inline.cpp).

#include "markdown_reader.hpp"

#include <tacit/util/strings.hpp>

#include <algorithm>

namespace tacit::doc::markdown_detail {

namespace {

// An ATX heading's text without its optional closing run of '#'.
std::string_view strip_closing_hashes(std::string_view text) {
  text = util::trim(text);
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == '#') {
    --end;
  }
  return end == 0 || text[end - 1] == ' ' || text[end - 1] == '\t' ? util::trim(text.substr(0, end)) : text;
}

} // namespace

// The first named child of `node` with `type`, or a null node.
TSNode child_of_type(TSNode node, const char* type) {
  uint32_t count = ts_node_named_child_count(node);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_named_child(node, i);
    if (is(child, type)) {
      return child;
    }
  }
  return TSNode{};
}

void MarkdownReader::read_blocks(TSNode root) {
  std::vector<bool> in_container{false};
  walk(root, [&](TSNode node, uint32_t depth) {
    in_container.resize(depth + 1, false);
    bool contained = depth > 0 && in_container[depth - 1];
    in_container[depth] = contained || is(node, "block_quote") || is(node, "list_item");
    return visit_block(node, contained);
  });
}

bool MarkdownReader::visit_block(TSNode node, bool contained) {
  const char* type = ts_node_type(node);
  if (std::strcmp(type, "inline") == 0 || std::strcmp(type, "pipe_table_cell") == 0) {
    read_inline(node);
    return false;
  }
  if (std::strcmp(type, "atx_heading") == 0 || std::strcmp(type, "setext_heading") == 0) {
    if (!contained) {
      add_heading(node);
    }
    return true; // its inline content may hold code spans and links
  }
  if (std::strcmp(type, "fenced_code_block") == 0) {
    add_fenced_code(node);
  } else if (std::strcmp(type, "indented_code_block") == 0) {
    add_indented_code(node);
  } else if (std::strcmp(type, "link_reference_definition") == 0) {
    add_definition(node);
  } else if (std::strcmp(type, "minus_metadata") == 0) {
    add_front_matter(node);
  } else if (std::strcmp(type, "html_block") != 0) {
    return true;
  }
  return false;
}

void MarkdownReader::add_heading(TSNode node) {
  Heading heading;
  TSNode content = ts_node_child_by_field_name(node, "heading_content", 15);
  if (is(node, "atx_heading")) {
    TSNode marker = ts_node_child(node, 0);
    std::string_view type = ts_node_type(marker); // atx_h<N>_marker
    heading.level = type.size() > 5 ? type[5] - '0' : 1;
    if (!ts_node_is_null(content)) {
      heading.text = strip_closing_hashes(node_text(content));
    }
  } else {
    heading.level = ts_node_is_null(child_of_type(node, "setext_h1_underline")) ? 2 : 1;
    for (std::string_view line : util::split_lines(node_text(content))) {
      line = util::trim(line);
      heading.text += heading.text.empty() || line.empty() ? "" : " ";
      heading.text += line;
    }
  }
  TSPoint end = ts_node_end_point(node);
  heading.line_first = line_of(ts_node_start_point(node));
  heading.line_last = end.column == 0 ? static_cast<int>(end.row) : line_of(end);
  m_headings.push_back(std::move(heading));
}

void MarkdownReader::build_sections() {
  std::vector<std::size_t> starts; // byte offset of each line
  for (std::size_t i = 0; i < m_text.size();) {
    starts.push_back(i);
    std::size_t newline = m_text.find('\n', i);
    i = newline == std::string_view::npos ? m_text.size() : newline + 1;
  }
  const int total = static_cast<int>(starts.size());
  auto body = [&](int first, int last) {
    if (first > last) {
      return std::string();
    }
    std::size_t end = last < total ? starts[last] : m_text.size();
    return std::string(m_text.substr(starts[first - 1], end - starts[first - 1]));
  };
  int first_heading = m_headings.empty() ? total + 1 : m_headings.front().line_first;
  m_doc.sections.reserve(m_headings.size() + (first_heading > 1 ? 1 : 0));
  if (first_heading > 1) {
    m_doc.sections.push_back(Section{"", 0, 1, first_heading - 1, -1, body(1, first_heading - 1)});
  }
  std::vector<int> path; // indexes into m_doc.sections of the open headings, outermost first
  for (std::size_t i = 0; i < m_headings.size(); ++i) {
    Heading& heading = m_headings[i];
    while (!path.empty() && m_doc.sections[static_cast<std::size_t>(path.back())].level >= heading.level) {
      path.pop_back();
    }
    int end = total;
    for (std::size_t j = i + 1; j < m_headings.size(); ++j) {
      if (m_headings[j].level <= heading.level) {
        end = m_headings[j].line_first - 1;
        break;
      }
    }
    m_doc.sections.push_back(Section{std::move(heading.text), heading.level, heading.line_first, end,
                                     path.empty() ? -1 : path.back(), body(heading.line_last + 1, end)});
    path.push_back(static_cast<int>(m_doc.sections.size() - 1));
  }
}

} // namespace tacit::doc::markdown_detail

namespace tacit::doc {

std::vector<std::string> heading_path(const Document& doc, std::size_t index) {
  std::vector<std::string> path;
  for (auto i = static_cast<int>(index); i >= 0 && doc.sections[static_cast<std::size_t>(i)].level > 0;
       i = doc.sections[static_cast<std::size_t>(i)].parent)
    path.insert(path.begin(), doc.sections[static_cast<std::size_t>(i)].heading);
  return path;
}

} // namespace tacit::doc

namespace tacit::doc::markdown_detail {

// The content of a code block: the bytes inside `ranges` (container markers cut out), with blanks
// removed from each line up to `column` (0-based). Which blanks the block continuations already took
// varies (after a blank line, say), so each line is trimmed by where it starts.
std::string MarkdownReader::code_text(const std::vector<TSRange>& ranges, uint32_t column) const {
  std::string text;
  bool line_start = true;
  for (const TSRange& range : ranges) {
    uint32_t at = range.start_point.column;
    for (uint32_t byte = range.start_byte; byte < range.end_byte; ++byte) {
      char c = m_text[byte];
      if (line_start && at < column && (c == ' ' || c == '\t')) {
        at = c == '\t' ? (at / 4 + 1) * 4 : at + 1;
        continue;
      }
      line_start = c == '\n';
      at = line_start ? 0 : at + 1;
      text += c;
    }
  }
  if (!text.empty() && text.back() != '\n') {
    text += '\n';
  }
  return text;
}

void MarkdownReader::add_fenced_code(TSNode node) {
  CodeBlock block;
  TSNode fence = child_of_type(node, "fenced_code_block_delimiter");
  std::string_view fence_text = node_text(fence);
  std::size_t spaces = fence_text.find_first_not_of(' ');
  // Content lines lose up to as many blanks as the fence is indented.
  uint32_t column = ts_node_start_point(fence).column +
                    static_cast<uint32_t>(spaces == std::string_view::npos ? 0 : spaces);
  TSNode info = child_of_type(node, "info_string");
  if (!ts_node_is_null(info)) {
    block.info = util::trim(node_text(info));
  }
  TSNode content = child_of_type(node, "code_fence_content");
  block.line = line_of(ts_node_end_point(fence)) + 1;
  if (!ts_node_is_null(content)) {
    block.text = code_text(ranges_without_named_children(content), column);
    block.line = line_of(ts_node_start_point(content));
  }
  block.column = static_cast<int>(column) + 1;
  m_doc.code_blocks.push_back(std::move(block));
}

void MarkdownReader::add_indented_code(TSNode node) {
  CodeBlock block;
  uint32_t column = ts_node_start_point(node).column + 4;
  block.text = code_text(ranges_without_named_children(node), column);
  while (block.text.ends_with("\n\n")) {
    block.text.pop_back(); // blank lines after the block belong to no one
  }
  block.line = line_of(ts_node_start_point(node));
  block.column = static_cast<int>(column) + 1;
  m_doc.code_blocks.push_back(std::move(block));
}

void MarkdownReader::add_definition(TSNode node) {
  TSNode label = child_of_type(node, "link_label");
  TSNode destination = child_of_type(node, "link_destination");
  if (ts_node_is_null(label) || ts_node_is_null(destination)) {
    return;
  }
  std::string_view target = node_text(destination);
  TSPoint start = ts_node_start_point(destination);
  int column = column_of(start);
  if (target.size() >= 2 && target.front() == '<' && target.back() == '>') {
    target = target.substr(1, target.size() - 2);
    ++column;
  }
  m_definitions.emplace_back(normalize_label(node_text(label)),
                             Definition{std::string(target), line_of(start), column});
}

void MarkdownReader::add_front_matter(TSNode node) {
  std::string_view text = node_text(node);
  std::size_t first = text.find('\n');
  std::size_t last = text.substr(0, text.find_last_not_of('\n') + 1).rfind('\n');
  if (first != std::string_view::npos && last != std::string_view::npos && last > first) {
    m_doc.front_matter = text.substr(first + 1, last - first);
  }
  m_doc.front_matter_line = line_of(ts_node_start_point(node)) + 1;
}

} // namespace tacit::doc::markdown_detail
