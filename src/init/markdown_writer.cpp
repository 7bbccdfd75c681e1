// A small Markdown writer for init (see markdown_writer.hpp).

#include "markdown_writer.hpp"

namespace tacit::init {

namespace {

// The words of `text`: split at spaces, except inside a code span (`a b` stays one word).
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  bool code = false;
  for (const char c : text) {
    if (c == '`')
      code = !code;
    if (c == ' ' && !code) {
      if (!word.empty())
        out.push_back(std::move(word));
      word.clear();
      continue;
    }
    word += c;
  }
  if (!word.empty())
    out.push_back(std::move(word));
  return out;
}

} // namespace

std::string wrap(std::string_view text, std::string_view first, std::string_view rest, std::size_t width) {
  std::string out(first);
  std::size_t column = first.size();
  bool line_empty = true;
  for (const auto& word : words_of(text)) {
    if (!line_empty && column + 1 + word.size() > width) {
      out += '\n';
      out += rest;
      column = rest.size();
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    line_empty = false;
  }
  return out;
}

void MarkdownWriter::start_block(bool list_item) {
  if (!m_out.empty() && !(list_item && m_in_list))
    m_out += '\n';
  m_in_list = list_item;
}

void MarkdownWriter::heading(int level, std::string_view text) {
  start_block(false);
  m_out += std::string(static_cast<std::size_t>(level), '#');
  m_out += ' ';
  m_out += text;
  m_out += '\n';
}

void MarkdownWriter::paragraph(std::string_view text) {
  start_block(false);
  m_out += wrap(text, "", "");
  m_out += '\n';
}

void MarkdownWriter::item(std::string_view text) {
  start_block(true);
  m_out += wrap(text, "- ", "  ");
  m_out += '\n';
}

void MarkdownWriter::commands(const std::vector<std::string>& lines) {
  start_block(false);
  m_out += "```sh\n";
  for (auto line : lines) {
    for (auto& c : line)
      if (c == '\t')
        c = ' ';
    m_out += line;
    m_out += '\n';
  }
  m_out += "```\n";
}

std::string MarkdownWriter::str() const {
  return m_out;
}

} // namespace tacit::init
