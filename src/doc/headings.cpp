// Headings of Markdown sections, or heading-like lines of reST, AsciiDoc and plain-text docs.

#include <tacit/doc/headings.hpp>
#include <tacit/util/strings.hpp>

namespace tacit::doc {

namespace {

// The heading-like lines of a text doc: (line index, heading text, lines it takes).
struct HeadingLine {
  std::size_t index;
  std::string text;
  std::size_t height;
};

// With `strict` (for sections), lines in a fenced code block are not headings, and a `#` or `==` heading
// needs a space after its markers (`#. item` is a reST list item).
std::vector<HeadingLine> heading_lines(const std::vector<std::string_view>& lines, bool strict) {
  std::vector<HeadingLine> out;
  bool fenced = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = util::trim(lines[i]);
    if (strict && (line.starts_with("```") || line.starts_with("~~~"))) {
      fenced = !fenced;
      continue;
    }
    if (fenced)
      continue;
    const auto marks = line.find_first_not_of("#=");
    if (strict && (line.starts_with('#') || line.starts_with("==")) &&
        (marks == std::string_view::npos || line[marks] != ' '))
      continue;
    if (line.starts_with('#') || line.starts_with("==")) {
      out.push_back({i,
                     std::string(util::trim(line.substr(line.find_first_not_of("#=") == std::string_view::npos
                                                            ? line.size()
                                                            : line.find_first_not_of("#=")))),
                     1});
      continue;
    }
    // reST: a title line over an underline of =, -, ~, ^ or * at least as long.
    if (line.empty() || i + 1 >= lines.size())
      continue;
    const auto under = util::trim(lines[i + 1]);
    if (under.size() >= line.size() && under.size() >= 3 &&
        under.find_first_not_of(under.front()) == std::string_view::npos &&
        std::string_view("=-~^*").find(under.front()) != std::string_view::npos)
      out.push_back({i, std::string(line), 2});
  }
  return out;
}

} // namespace

std::vector<std::string> headings(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& section : doc.sections)
    if (section.level > 0)
      out.push_back(section.heading);
  if (doc.structural)
    return out;
  for (auto& heading : heading_lines(util::split_lines(doc.text), false))
    out.push_back(std::move(heading.text));
  return out;
}

std::vector<Section> sections(const Document& doc) {
  if (doc.structural)
    return doc.sections;
  std::vector<Section> out;
  const auto lines = util::split_lines(doc.text);
  const auto found = heading_lines(lines, true);
  for (std::size_t h = 0; h < found.size(); ++h) {
    const auto begin = found[h].index + found[h].height;
    const auto end = h + 1 < found.size() ? found[h + 1].index : lines.size();
    Section section;
    section.heading = found[h].text;
    section.level = 1;
    section.line_begin = static_cast<int>(found[h].index) + 1;
    section.line_end = static_cast<int>(end);
    for (auto i = begin; i < end; ++i) {
      section.body += lines[i];
      section.body += '\n';
    }
    out.push_back(std::move(section));
  }
  return out;
}

} // namespace tacit::doc
