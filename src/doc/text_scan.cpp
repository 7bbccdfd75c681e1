// Text scanning of docs that are not parsed structurally: reStructuredText, AsciiDoc, plain text, and
// Markdown files that no rule reads structurally. Finds code blocks and inline code spans only.

#include <tacit/doc/document.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
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
    // After a blank, CommonMark wants a title ("t", 't', (t)) or the closing parenthesis: `[a]([`a`](url))`,
    // a link pasted into another's destination, is no link to '['.
    if (masked[end] == ' ' || masked[end] == '\t') {
      const auto next = masked.find_first_not_of(" \t", end);
      if (next == std::string::npos || std::string_view("\"'()").find(masked[next]) == std::string_view::npos)
        continue;
    }
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

// The programs that start a command in plain-text prose ("type `make' to compile", an indented "make
// install"): build tools, package managers, test runners and the usual repository scripts.
bool is_command_program(std::string_view word) {
  constexpr std::array<std::string_view, 27> k_programs{
      "make",         "gmake",       "cmake",  "ninja",   "meson", "./configure", "autoreconf",
      "./autogen.sh", "./bootstrap", "scons",  "bazel",   "cargo", "go",          "npm",
      "yarn",         "pnpm",        "python", "python3", "pip",   "pytest",      "tox",
      "gradle",       "./gradlew",   "mvn",    "ctest",   "just",  "task"};
  return std::find(k_programs.begin(), k_programs.end(), word) != k_programs.end();
}

// A short command, not a sentence that starts with a program's name ("make sure the tests pass", "go to
// the docs"): at most six words, none of them a common English word, no sentence punctuation at its end.
bool is_plain_command(std::string_view text) {
  text = util::trim(text.substr(0, text.find(" #")));
  if (text.empty() || text.ends_with('.') || text.ends_with(',') || text.ends_with(':') ||
      text.ends_with('?'))
    return false;
  const auto words = util::split_words(text);
  if (words.empty() || words.size() > 6 || !is_command_program(words.front()))
    return false;
  constexpr std::array<std::string_view, 24> k_prose{
      "the", "a",  "an",   "to",  "you", "your", "sure", "it", "is",   "are", "that", "this",
      "of",  "in", "with", "and", "or",  "for",  "on",   "we", "will", "can", "be",   "not"};
  for (std::size_t i = 1; i < words.size(); ++i)
    if (std::find(k_prose.begin(), k_prose.end(), util::to_lower(words[i])) != k_prose.end())
      return false;
  return true;
}

void add_console_block(std::string_view text, int line, int column, Document& doc) {
  CodeBlock block;
  block.info = "console";
  block.line = line;
  block.column = column;
  block.text = std::string(text) + "\n";
  doc.code_blocks.push_back(std::move(block));
}

// Plain text (a README without extension, INSTALL, a .txt doc): lines that look like a shell prompt ("$ make
// test", "> pytest"), indented lines that are a short command ("  make install   # as root"), and commands in
// quotes
// ("use \"make defconfig\"", "type ‘make tests’", "type `make'").
void scan_plain(const std::vector<std::string_view>& lines, Document& doc) {
  constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_quotes{
      {{"\"", "\""}, {"\u2018", "\u2019"}, {"\u201c", "\u201d"}, {"`", "'"}}};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto indent = indent_of(lines[i]);
    const auto text = lines[i].substr(indent);
    const int line = static_cast<int>(i) + 1;
    if (text.starts_with("$ ") || text.starts_with("% ")) {
      add_console_block(text, line, static_cast<int>(indent) + 1, doc);
      continue;
    }
    if (text.starts_with("> ") && is_plain_command(text.substr(2))) {
      add_console_block(util::trim(text.substr(
                            2, text.find(" #") == std::string_view::npos ? text.npos : text.find(" #") - 2)),
                        line, static_cast<int>(indent) + 3, doc);
      continue;
    }
    if (indent >= 2 && is_plain_command(text)) {
      add_console_block(util::trim(text.substr(0, text.find(" #"))), line, static_cast<int>(indent) + 1, doc);
      continue;
    }
    for (const auto& [open, close] : k_quotes) {
      for (auto at = text.find(open); at != std::string_view::npos; at = text.find(open, at + 1)) {
        const auto start = at + open.size();
        const auto end = text.find(close, start);
        if (end == std::string_view::npos)
          break;
        const auto quoted = text.substr(start, end - start);
        if (is_plain_command(quoted))
          add_console_block(quoted, line, static_cast<int>(indent + start) + 1, doc);
        at = end;
      }
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
