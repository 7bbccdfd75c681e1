#include "path_reference_support.hpp"

#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace tacit::rules {

namespace {

// Words that say a path is produced, not read: "generates `doc/manual.pdf`", "writes to `out/x.csv`".
constexpr std::array<std::string_view, 12> k_output_words{"generate", "output",  "write", "written",
                                                          "create",   "produce", "emit",  "save",
                                                          "download", "export",  "dump",  "will be"};

// For every cut `e` of `text`: whether text[0, e), from just after its last ". " on, holds an output word
// (ASCII case-insensitive). One pass: the last sentence stop and the latest word start seen so far.
std::vector<bool> scan_cuts(std::string_view text) {
  const auto lower = util::to_lower(text);
  const std::string_view view = lower;
  // Where output words end: the latest start of one that ends at each cut (-1: none).
  std::vector<std::ptrdiff_t> word_at(view.size() + 1, -1);
  for (auto w : k_output_words)
    for (auto at = view.find(w); at != std::string_view::npos; at = view.find(w, at + 1))
      word_at[at + w.size()] = std::max(word_at[at + w.size()], static_cast<std::ptrdiff_t>(at));
  std::vector<bool> out(view.size() + 1, false);
  std::size_t stop = 0;
  std::ptrdiff_t word = -1;
  for (std::size_t e = 0; e <= view.size(); ++e) {
    if (e >= 2 && view[e - 2] == '.' && view[e - 1] == ' ')
      stop = e;
    word = std::max(word, word_at[e]);
    out[e] = word >= static_cast<std::ptrdiff_t>(stop);
  }
  return out;
}

} // namespace

OutputWords::Lines& OutputWords::lines_of(const doc::Document& doc) {
  auto [it, added] = m_docs.try_emplace(&doc);
  auto& lines = it->second;
  if (added) {
    lines.text = util::split_lines(doc.text);
    for (auto text : lines.text)
      lines.first_dot.push_back(text.find('.'));
    lines.alone.resize(lines.text.size());
    lines.joined.resize(lines.text.size());
  }
  return lines;
}

std::string_view OutputWords::line(const doc::Document& doc, int line) {
  const auto& lines = lines_of(doc);
  return line >= 1 && static_cast<std::size_t>(line) <= lines.text.size()
             ? lines.text[static_cast<std::size_t>(line) - 1]
             : std::string_view();
}

bool OutputWords::before(const doc::Document& doc, int line, int column) {
  auto& lines = lines_of(doc);
  if (line < 1 || static_cast<std::size_t>(line) > lines.text.size())
    return false;
  const auto row = static_cast<std::size_t>(line) - 1;
  const auto current = lines.text[row];
  // The sentence that leads to a mention: the line up to the mention, and the line before when the
  // sentence started there (no '.' before the mention on its line).
  const auto cut = std::min<std::size_t>(current.size(), static_cast<std::size_t>(std::max(0, column - 1)));
  if (row >= 1 && (lines.first_dot[row] == std::string_view::npos || lines.first_dot[row] >= cut)) {
    const auto previous = lines.text[row - 1];
    if (lines.joined[row].empty())
      lines.joined[row] = scan_cuts(std::string(previous) + " " + std::string(current));
    return lines.joined[row][previous.size() + 1 + cut];
  }
  if (lines.alone[row].empty())
    lines.alone[row] = scan_cuts(current);
  return lines.alone[row][cut];
}

} // namespace tacit::rules
