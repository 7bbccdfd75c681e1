// Text scanning of docs that are not parsed structurally: reStructuredText, AsciiDoc, plain text, and
// Markdown files that no rule reads structurally. Finds code blocks and inline code spans only.

#include <tacit/doc/document.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <cstddef>
#include <string>

namespace tacit::doc {

namespace {

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t'))
    ++n;
  return n;
}

// Inline spans delimited by runs of `delim` of equal length (Markdown/AsciiDoc backticks, reST ``).
void scan_spans(std::string_view line, int line_no, std::size_t min_run, Document& doc) {
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] != '`') {
      ++i;
      continue;
    }
    std::size_t run = 0;
    while (i + run < line.size() && line[i + run] == '`')
      ++run;
    const auto open_end = i + run;
    if (run < min_run) {
      i = open_end;
      continue;
    }
    const std::string closer(run, '`');
    auto close = line.find(closer, open_end);
    while (close != std::string_view::npos && close + run < line.size() && line[close + run] == '`')
      close = line.find(closer, close + run + 1);
    if (close == std::string_view::npos) {
      i = open_end; // an unmatched run is literal text (CommonMark)
      continue;
    }
    auto content = line.substr(open_end, close - open_end);
    auto trimmed = util::trim(content);
    if (!trimmed.empty()) {
      const auto offset = static_cast<int>(open_end + (content.size() - util::trim_left(content).size()));
      doc.inline_code.push_back(InlineCode{std::string(trimmed), line_no, offset + 1});
    }
    i = close + run;
  }
}

// Markdown links on one line, outside code spans: `[text](target "title")`, `![alt](target)`, and link
// reference definitions `[id]: target`. Good enough for docs that no rule reads structurally.
void scan_links(std::string_view line, int line_no, Document& doc) {
  // Blank out code spans so that their content is never taken for a link.
  std::string masked(line);
  for (std::size_t i = 0; i < masked.size();) {
    if (masked[i] != '`') {
      ++i;
      continue;
    }
    std::size_t run = 0;
    while (i + run < masked.size() && masked[i + run] == '`')
      ++run;
    const auto close = masked.find(std::string(run, '`'), i + run);
    if (close == std::string::npos) {
      i += run;
      continue;
    }
    std::fill(masked.begin() + static_cast<std::ptrdiff_t>(i),
              masked.begin() + static_cast<std::ptrdiff_t>(close + run), ' ');
    i = close + run;
  }
  const auto text = util::trim_left(masked);
  // `[^note]: text` is a footnote, not a link reference definition.
  if (text.starts_with('[') && !text.starts_with("[^") && indent_of(masked) < 4) {
    const auto close = text.find("]:");
    if (close != std::string_view::npos && close > 1) {
      const auto rest = text.substr(close + 2);
      const auto words = util::split_words(rest);
      if (!words.empty()) {
        const auto column =
            static_cast<int>(masked.size() - rest.size() + (rest.size() - util::trim_left(rest).size()));
        doc.links.push_back(Link{std::string(words.front()), std::string(text.substr(1, close - 1)), line_no,
                                 column + 1, false});
        return;
      }
    }
  }
  for (auto pos = masked.find("]("); pos != std::string::npos; pos = masked.find("](", pos + 2)) {
    const auto open = masked.rfind('[', pos);
    if (open == std::string::npos)
      continue;
    auto start = pos + 2;
    std::size_t end;
    if (start < masked.size() && masked[start] == '<') {
      ++start;
      end = masked.find('>', start);
    } else {
      int depth = 0;
      for (end = start; end < masked.size(); ++end) {
        const char c = masked[end];
        if (c == ' ' || c == '\t' || (c == ')' && depth == 0))
          break;
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      }
    }
    if (end == std::string::npos || end >= masked.size())
      continue;
    const bool image = open > 0 && masked[open - 1] == '!';
    doc.links.push_back(Link{std::string(line.substr(start, end - start)),
                             std::string(line.substr(open + 1, pos - open - 1)), line_no,
                             static_cast<int>(start) + 1, image});
  }
}

void scan_markdown(const std::vector<std::string_view>& lines, Document& doc) {
  bool in_comment = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = lines[i];
    const auto indent = indent_of(line);
    const auto text = line.substr(indent);
    // HTML comments are not text.
    if (in_comment || text.starts_with("<!--")) {
      in_comment = line.find("-->") == std::string_view::npos;
      continue;
    }
    if (indent < 4 && (text.starts_with("```") || text.starts_with("~~~"))) {
      const char fence = text[0];
      std::size_t run = 0;
      while (run < text.size() && text[run] == fence)
        ++run;
      CodeBlock block;
      block.info = std::string(util::trim(text.substr(run)));
      block.line = static_cast<int>(i) + 2;
      block.column = static_cast<int>(indent) + 1;
      std::size_t j = i + 1;
      for (; j < lines.size(); ++j) {
        const auto inner = util::trim_left(lines[j]);
        std::size_t close = 0;
        while (close < inner.size() && inner[close] == fence)
          ++close;
        if (close >= run && util::trim(inner.substr(close)).empty())
          break;
        block.text += lines[j].substr(std::min(indent, indent_of(lines[j])));
        block.text += '\n';
      }
      doc.code_blocks.push_back(std::move(block));
      i = j;
      continue;
    }
    scan_spans(line, static_cast<int>(i) + 1, 1, doc);
    scan_links(line, static_cast<int>(i) + 1, doc);
  }
}

// reST: "::" at the end of a paragraph or a code directive introduces an indented literal block.
void scan_rst(const std::vector<std::string_view>& lines, Document& doc) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = lines[i];
    const auto trimmed = util::trim(line);
    std::string info;
    bool opens = false;
    for (std::string_view directive : {".. code-block::", ".. code::", ".. sourcecode::", ".. prompt::"}) {
      if (trimmed.starts_with(directive)) {
        info = std::string(util::trim(trimmed.substr(directive.size())));
        opens = true;
      }
    }
    if (!opens && trimmed.ends_with("::") && !trimmed.starts_with(".."))
      opens = true;
    if (!trimmed.starts_with(".."))
      scan_spans(line, static_cast<int>(i) + 1, 2, doc);
    if (!opens)
      continue;
    const auto base = indent_of(line);
    std::size_t j = i + 1;
    // Directive options (":linenos:") and blank lines come first.
    while (j < lines.size() && (util::trim(lines[j]).empty() ||
                                (indent_of(lines[j]) > base && util::trim(lines[j]).starts_with(':'))))
      ++j;
    if (j >= lines.size() || indent_of(lines[j]) <= base)
      continue;
    const auto block_indent = indent_of(lines[j]);
    CodeBlock block;
    block.info = info;
    block.line = static_cast<int>(j) + 1;
    block.column = static_cast<int>(block_indent) + 1;
    std::size_t last = j;
    for (; j < lines.size(); ++j) {
      if (!util::trim(lines[j]).empty() && indent_of(lines[j]) < block_indent)
        break;
      block.text += lines[j].size() > block_indent ? lines[j].substr(block_indent) : std::string_view{};
      block.text += '\n';
      if (!util::trim(lines[j]).empty())
        last = j;
    }
    doc.code_blocks.push_back(std::move(block));
    i = last;
  }
}

// AsciiDoc: ---- and .... delimited blocks; `code` spans.
void scan_asciidoc(const std::vector<std::string_view>& lines, Document& doc) {
  std::string pending_info;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto trimmed = util::trim(lines[i]);
    if (trimmed.starts_with("[source") || trimmed.starts_with("[,")) {
      const auto comma = trimmed.find(',');
      pending_info = comma == std::string_view::npos
                         ? ""
                         : std::string(util::trim(trimmed.substr(
                               comma + 1, trimmed.find_first_of(",]", comma + 1) - comma - 1)));
      continue;
    }
    if (trimmed.size() >= 4 && (trimmed.find_first_not_of('-') == std::string_view::npos ||
                                trimmed.find_first_not_of('.') == std::string_view::npos)) {
      CodeBlock block;
      block.info = pending_info;
      block.line = static_cast<int>(i) + 2;
      std::size_t j = i + 1;
      for (; j < lines.size() && util::trim(lines[j]) != trimmed; ++j) {
        block.text += lines[j];
        block.text += '\n';
      }
      doc.code_blocks.push_back(std::move(block));
      pending_info.clear();
      i = j;
      continue;
    }
    pending_info.clear();
    scan_spans(lines[i], static_cast<int>(i) + 1, 1, doc);
  }
}

// Plain text: lines that look like a shell prompt ("$ make test") are commands.
void scan_plain(const std::vector<std::string_view>& lines, Document& doc) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto indent = indent_of(lines[i]);
    const auto text = lines[i].substr(indent);
    if (text.starts_with("$ ") || text.starts_with("% ")) {
      CodeBlock block;
      block.info = "console";
      block.line = static_cast<int>(i) + 1;
      block.column = static_cast<int>(indent) + 1;
      block.text = std::string(text) + "\n";
      doc.code_blocks.push_back(std::move(block));
    }
  }
}

} // namespace

void scan_text(std::string_view content, Document& doc) {
  const auto lines = util::split_lines(content);
  switch (doc.format) {
  case DocFormat::markdown:
    scan_markdown(lines, doc);
    break;
  case DocFormat::restructured_text:
    scan_rst(lines, doc);
    break;
  case DocFormat::asciidoc:
    scan_asciidoc(lines, doc);
    break;
  case DocFormat::plain_text:
    scan_plain(lines, doc);
    break;
  }
}

} // namespace tacit::doc
