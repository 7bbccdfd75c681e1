// Scalar lines: where each line of a scalar's text is written, for block scalars line by line.

#include "yaml_util.hpp"

#include <tacit/util/strings.hpp>

namespace tacit::facts::yaml {

namespace {

std::size_t leading_spaces(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ')
    ++n;
  return n;
}

bool is_blank(std::string_view line) {
  return util::trim(line).empty();
}

// Moves (row, col) past an anchor and a tag to the first character of the value itself.
void skip_properties(const std::vector<std::string_view>& lines, std::size_t& row, std::size_t& col) {
  for (int rows = 0; row < lines.size() && rows < 4;) {
    const auto line = lines[row];
    while (col < line.size() && (line[col] == ' ' || line[col] == '\t'))
      ++col;
    if (col >= line.size()) {
      ++row, ++rows;
      col = 0;
      continue;
    }
    if (line[col] != '&' && line[col] != '!')
      return;
    while (col < line.size() && line[col] != ' ' && line[col] != '\t')
      ++col;
  }
}

// A literal block keeps every line break: line i of the value is line i after the header.
void literal_lines(const Node& node, const std::vector<std::string_view>& lines, std::size_t header,
                   std::vector<ScalarLine>& out) {
  const auto pieces = util::split(node.value, '\n');
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (is_blank(pieces[i]))
      continue;
    const std::size_t row = header + 1 + i;
    int column = 1;
    if (row < lines.size() && lines[row].ends_with(pieces[i]))
      column = static_cast<int>(lines[row].size() - pieces[i].size()) + 1;
    out.push_back({std::string(pieces[i]), static_cast<int>(row) + 1, column});
  }
}

// A folded block joins lines at its own indentation with spaces; blank and more-indented lines break.
void folded_lines(const std::vector<std::string_view>& lines, std::size_t header,
                  std::vector<ScalarLine>& out) {
  std::size_t row = header + 1;
  while (row < lines.size() && is_blank(lines[row]))
    ++row;
  if (row >= lines.size())
    return;
  const std::size_t indent = leading_spaces(lines[row]);
  ScalarLine current;
  auto flush = [&] {
    if (!current.text.empty())
      out.push_back(std::move(current));
    current = ScalarLine{};
  };
  for (; row < lines.size(); ++row) {
    const auto line = lines[row];
    if (is_blank(line)) {
      flush();
      continue;
    }
    const auto lead = leading_spaces(line);
    if (lead < indent)
      break;
    const auto text = util::trim_right(line.substr(lead));
    if (lead > indent) {
      flush();
      out.push_back({std::string(text), static_cast<int>(row) + 1, static_cast<int>(lead) + 1});
    } else if (current.text.empty()) {
      current = {std::string(text), static_cast<int>(row) + 1, static_cast<int>(lead) + 1};
    } else {
      current.text += ' ';
      current.text += text;
    }
  }
  flush();
}

} // namespace

std::vector<ScalarLine> scalar_lines(const Node& node, const std::vector<std::string_view>& lines) {
  std::vector<ScalarLine> out;
  if (!node.is_scalar() || is_blank(node.value))
    return out;
  std::size_t row = node.line > 0 ? static_cast<std::size_t>(node.line - 1) : lines.size();
  std::size_t col = node.column > 0 ? static_cast<std::size_t>(node.column - 1) : 0;
  skip_properties(lines, row, col);
  const char first = row < lines.size() && col < lines[row].size() ? lines[row][col] : '\0';
  if (first == '|') {
    literal_lines(node, lines, row, out);
    return out;
  }
  if (first == '>') {
    folded_lines(lines, row, out);
    return out;
  }
  // Plain or quoted: the value's lines, all at the scalar's line (the text starts after a quote).
  const bool quoted = first == '"' || first == '\'';
  const int line = row < lines.size() ? static_cast<int>(row) + 1 : node.line;
  const int column = row < lines.size() ? static_cast<int>(col) + (quoted ? 2 : 1) : node.column;
  bool first_piece = true;
  for (auto piece : util::split(node.value, '\n')) {
    const auto trimmed = util::trim(piece);
    if (!trimmed.empty()) {
      const int lead = first_piece ? static_cast<int>(piece.size() - util::trim_left(piece).size()) : 0;
      out.push_back({std::string(trimmed), line, column + lead});
    }
    first_piece = false;
  }
  return out;
}

} // namespace tacit::facts::yaml
