// The inline side of MarkdownReader: code spans, links, images and autolinks in a paragraph, heading or
// table cell, and reference links resolved through their definitions.

#include "markdown_reader.hpp"

#include <tacit/util/strings.hpp>

#include <algorithm>
#include <map>

namespace tacit::doc::markdown_detail {

// Reference labels match case-insensitively with whitespace runs collapsed (ASCII folding only).
std::string normalize_label(std::string_view label) {
  if (label.size() >= 2 && label.front() == '[' && label.back() == ']') {
    label = label.substr(1, label.size() - 2);
  }
  std::string out;
  for (char c : util::trim(label)) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (!(space && !out.empty() && out.back() == ' ')) {
      out += space ? ' ' : (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  return out;
}

// The bytes of [begin, end) that lie inside `ranges`.
std::string MarkdownReader::text_in(const std::vector<TSRange>& ranges, uint32_t begin, uint32_t end) const {
  std::string out;
  for (const TSRange& range : ranges) {
    uint32_t from = std::max(begin, range.start_byte);
    uint32_t to = std::min(end, range.end_byte);
    if (from < to) {
      out.append(m_text.substr(from, to - from));
    }
  }
  return out;
}

void MarkdownReader::read_inline(TSNode node) {
  std::vector<TSRange> ranges = ranges_without_named_children(node);
  bool has_syntax = std::any_of(ranges.begin(), ranges.end(), [&](const TSRange& range) {
    return m_text.substr(range.start_byte, range.end_byte - range.start_byte).find_first_of("`[<") !=
           std::string_view::npos;
  });
  if (!has_syntax || m_budget.expired() ||
      !ts_parser_set_included_ranges(m_parsers.inlines.get(), ranges.data(),
                                     static_cast<uint32_t>(ranges.size()))) {
    return;
  }
  TreePtr tree = parse_until(m_parsers.inlines.get(), m_inline_text, m_budget);
  if (!tree) {
    return;
  }
  walk(ts_tree_root_node(tree.get()), [&](TSNode child, uint32_t) { return visit_inline(child, ranges); });
}

bool MarkdownReader::visit_inline(TSNode node, const std::vector<TSRange>& ranges) {
  const char* type = ts_node_type(node);
  if (std::strcmp(type, "code_span") == 0) {
    add_code_span(node, ranges);
    return false;
  }
  if (std::strcmp(type, "html_tag") == 0) {
    return false; // comments and raw HTML are not text
  }
  if (std::strcmp(type, "uri_autolink") == 0 || std::strcmp(type, "email_autolink") == 0) {
    std::string_view text = node_text(node);
    std::string target(text.substr(1, text.size() - 2));
    TSPoint start = ts_node_start_point(node);
    m_doc.links.push_back(Link{target, target, line_of(start), column_of(start) + 1, false});
    return false;
  }
  bool image = std::strcmp(type, "image") == 0;
  if (image || std::strcmp(type, "inline_link") == 0 || std::strcmp(type, "full_reference_link") == 0 ||
      std::strcmp(type, "collapsed_reference_link") == 0 || std::strcmp(type, "shortcut_link") == 0) {
    add_link(node, image, ranges);
  }
  return true; // link text may hold code spans
}

void MarkdownReader::add_code_span(TSNode node, const std::vector<TSRange>& ranges) {
  uint32_t count = ts_node_named_child_count(node);
  if (count < 2) {
    return;
  }
  TSNode open = ts_node_named_child(node, 0);
  TSNode close = ts_node_named_child(node, count - 1);
  std::string text = text_in(ranges, ts_node_end_byte(open), ts_node_start_byte(close));
  std::replace(text.begin(), text.end(), '\n', ' ');
  if (util::trim(text).empty()) {
    return;
  }
  TSPoint start = ts_node_end_point(open);
  int column = column_of(start);
  if (text.size() >= 2 && text.front() == ' ' && text.back() == ' ') { // CommonMark strips one each
    text = text.substr(1, text.size() - 2);
    ++column;
  }
  m_doc.inline_code.push_back(InlineCode{std::move(text), line_of(start), column});
}

void MarkdownReader::add_link(TSNode node, bool image, const std::vector<TSRange>& ranges) {
  TSNode text_node = child_of_type(node, image ? "image_description" : "link_text");
  std::string text;
  if (!ts_node_is_null(text_node)) {
    text = text_in(ranges, ts_node_start_byte(text_node), ts_node_end_byte(text_node));
  }
  TSNode destination = child_of_type(node, "link_destination");
  if (!ts_node_is_null(destination)) {
    std::string target = text_in(ranges, ts_node_start_byte(destination), ts_node_end_byte(destination));
    TSPoint start = ts_node_start_point(destination);
    int column = column_of(start);
    if (target.size() >= 2 && target.front() == '<' && target.back() == '>') {
      target = target.substr(1, target.size() - 2);
      ++column;
    }
    m_doc.links.push_back(Link{std::move(target), std::move(text), line_of(start), column, image});
    return;
  }
  if (is(node, "inline_link")) {
    return; // [text]() has no target
  }
  TSNode label = child_of_type(node, "link_label");
  std::string key = normalize_label(
      ts_node_is_null(label) ? text : text_in(ranges, ts_node_start_byte(label), ts_node_end_byte(label)));
  m_references.push_back(Reference{std::move(key), std::move(text), image});
}

// Resolves reference links (one Link per definition used) and orders links by position.
void MarkdownReader::finish_links() {
  std::map<std::string, Definition> definitions;
  for (auto& [label, definition] : m_definitions) {
    definitions.try_emplace(label, std::move(definition));
  }
  std::map<std::pair<std::string, bool>, bool> emitted;
  for (const Reference& reference : m_references) {
    auto found = definitions.find(reference.label);
    if (found != definitions.end() && !emitted[{reference.label, reference.image}]) {
      emitted[{reference.label, reference.image}] = true;
      const Definition& definition = found->second;
      m_doc.links.push_back(
          Link{definition.target, reference.text, definition.line, definition.column, reference.image});
    }
  }
  std::stable_sort(m_doc.links.begin(), m_doc.links.end(), [](const Link& a, const Link& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
}

} // namespace tacit::doc::markdown_detail
