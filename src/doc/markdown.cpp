#include <tacit/doc/languages.hpp>
#include <tacit/doc/markdown.hpp>
#include <tacit/util/strings.hpp>

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tacit::doc {

namespace {

// Block + inline parsing runs at 0.3-3 MB/s (link-heavy changelogs are the slowest seen: the inline
// grammar costs ~1 us per word); the allowance is 1.5 times the slowest.
constexpr std::chrono::microseconds k_base_budget = std::chrono::seconds(1);
constexpr std::chrono::microseconds k_budget_per_mb = std::chrono::seconds(5);

// Deeper nesting is not parsed: tree-sitter-markdown tracks open blocks in 8-bit counters and a 1 KiB
// state buffer (cmake/Grammars.cmake bounds the buffer; this keeps the parse meaningful and fast).
constexpr std::size_t k_max_nesting = 200;

// One block and one inline parser per thread: creating them costs more than parsing a small file.
struct Parsers {
  ParserPtr block = make_parser(Language::Markdown);
  ParserPtr inlines = make_parser(Language::MarkdownInline);
};

bool is(TSNode node, const char* type) {
  return std::strcmp(ts_node_type(node), type) == 0;
}

int line_of(TSPoint point) {
  return static_cast<int>(point.row) + 1;
}

int column_of(TSPoint point) {
  return static_cast<int>(point.column) + 1;
}

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

// An ATX heading's text without its optional closing run of '#'.
std::string_view strip_closing_hashes(std::string_view text) {
  text = util::trim(text);
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == '#') {
    --end;
  }
  return end == 0 || text[end - 1] == ' ' || text[end - 1] == '\t' ? util::trim(text.substr(0, end)) : text;
}

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

struct Heading {
  int level = 0;
  std::string text;
  int line_first = 0;
  int line_last = 0;
};

struct Definition {
  std::string target;
  int line = 0;
  int column = 0;
};

struct Reference {
  std::string label;
  std::string text;
  bool image = false;
};

// One pass over the block tree, with an inline parse per paragraph, heading and table cell.
class MarkdownReader {
public:
  MarkdownReader(std::string_view text, Document& doc, Parsers& parsers, ParseBudget& budget)
      : m_text(text), m_doc(doc), m_parsers(parsers), m_budget(budget) {}

  void read_blocks(TSNode root) {
    std::vector<bool> in_container{false};
    walk(root, [&](TSNode node, uint32_t depth) {
      in_container.resize(depth + 1, false);
      bool contained = depth > 0 && in_container[depth - 1];
      in_container[depth] = contained || is(node, "block_quote") || is(node, "list_item");
      return visit_block(node, contained);
    });
  }

  // Resolves reference links (one Link per definition used) and orders links by position.
  void finish_links() {
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

  void build_sections() {
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
    if (first_heading > 1) {
      m_doc.sections.push_back(Section{{}, "", 0, 1, first_heading - 1, body(1, first_heading - 1)});
    }
    std::vector<const Heading*> path;
    for (std::size_t i = 0; i < m_headings.size(); ++i) {
      const Heading& heading = m_headings[i];
      while (!path.empty() && path.back()->level >= heading.level) {
        path.pop_back();
      }
      path.push_back(&heading);
      int end = total;
      for (std::size_t j = i + 1; j < m_headings.size(); ++j) {
        if (m_headings[j].level <= heading.level) {
          end = m_headings[j].line_first - 1;
          break;
        }
      }
      Section section{
          {}, heading.text, heading.level, heading.line_first, end, body(heading.line_last + 1, end)};
      for (const Heading* ancestor : path) {
        section.heading_path.push_back(ancestor->text);
      }
      m_doc.sections.push_back(std::move(section));
    }
  }

private:
  std::string_view node_text(TSNode node) const {
    return m_text.substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
  }

  // The bytes of [begin, end) that lie inside `ranges`.
  std::string text_in(const std::vector<TSRange>& ranges, uint32_t begin, uint32_t end) const {
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

  bool visit_block(TSNode node, bool contained) {
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

  void add_heading(TSNode node) {
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

  // The content of a code block: the bytes inside `ranges` (container markers cut out), with blanks
  // removed from each line up to `column` (0-based). Which blanks the block continuations already took
  // varies (after a blank line, say), so each line is trimmed by where it starts.
  std::string code_text(const std::vector<TSRange>& ranges, uint32_t column) const {
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

  void add_fenced_code(TSNode node) {
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

  void add_indented_code(TSNode node) {
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

  void add_definition(TSNode node) {
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

  void add_front_matter(TSNode node) {
    std::string_view text = node_text(node);
    std::size_t first = text.find('\n');
    std::size_t last = text.substr(0, text.find_last_not_of('\n') + 1).rfind('\n');
    if (first != std::string_view::npos && last != std::string_view::npos && last > first) {
      m_doc.front_matter = text.substr(first + 1, last - first);
    }
    m_doc.front_matter_line = line_of(ts_node_start_point(node)) + 1;
  }

  void read_inline(TSNode node) {
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
    TreePtr tree = parse_until(m_parsers.inlines.get(), m_text, m_budget);
    if (!tree) {
      return;
    }
    walk(ts_tree_root_node(tree.get()), [&](TSNode child, uint32_t) { return visit_inline(child, ranges); });
  }

  bool visit_inline(TSNode node, const std::vector<TSRange>& ranges) {
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

  void add_code_span(TSNode node, const std::vector<TSRange>& ranges) {
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

  void add_link(TSNode node, bool image, const std::vector<TSRange>& ranges) {
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

  std::string_view m_text;
  Document& m_doc;
  Parsers& m_parsers;
  ParseBudget& m_budget;
  std::vector<Heading> m_headings;
  std::vector<std::pair<std::string, Definition>> m_definitions;
  std::vector<Reference> m_references;
};

} // namespace

std::chrono::microseconds markdown_time_budget(std::size_t content_size) {
  return k_base_budget + k_budget_per_mb * static_cast<std::int64_t>(content_size) / (1 << 20);
}

void parse_markdown(std::string_view content, Document& doc) {
  parse_markdown(content, doc, markdown_time_budget(content.size()));
}

void parse_markdown(std::string_view content, Document& doc, std::chrono::microseconds time_budget) {
  doc.sections.clear();
  doc.code_blocks.clear();
  doc.inline_code.clear();
  doc.links.clear();
  doc.front_matter.clear();
  doc.front_matter_line = 0;
  doc.structural = false;
  doc.parse_timed_out = false;

  std::string normalized; // CRLF read as LF, so lines and columns match LF input
  if (content.find('\r') != std::string_view::npos) {
    normalized.reserve(content.size());
    for (std::size_t i = 0; i < content.size(); ++i) {
      if (!(content[i] == '\r' && i + 1 < content.size() && content[i + 1] == '\n')) {
        normalized += content[i];
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
  ParseBudget budget(time_budget);
  ts_parser_set_included_ranges(parsers.block.get(), nullptr, 0);
  TreePtr tree = parse_until(parsers.block.get(), content, budget);
  if (!tree) {
    doc.parse_timed_out = true;
    scan_text(content, doc);
    return;
  }
  doc.structural = true;
  MarkdownReader reader(content, doc, parsers, budget);
  reader.read_blocks(ts_tree_root_node(tree.get()));
  reader.finish_links();
  reader.build_sections();
  doc.parse_timed_out = budget.expired();
}

} // namespace tacit::doc
