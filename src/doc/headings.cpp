// Headings of Markdown sections, or heading-like lines of reST, AsciiDoc and plain-text docs.

#include <tacit/doc/headings.hpp>
#include <tacit/util/strings.hpp>

namespace tacit::doc {

std::vector<std::string> headings(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& section : doc.sections)
    if (section.level > 0)
      out.push_back(section.heading);
  if (doc.structural)
    return out;
  const auto lines = util::split_lines(doc.text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = util::trim(lines[i]);
    if (line.starts_with('#') || line.starts_with("==")) {
      out.emplace_back(util::trim(line.substr(line.find_first_not_of("#=") == std::string_view::npos
                                                  ? line.size()
                                                  : line.find_first_not_of("#="))));
      continue;
    }
    // reST: a title line over an underline of =, -, ~, ^ or * at least as long.
    if (line.empty() || i + 1 >= lines.size())
      continue;
    const auto under = util::trim(lines[i + 1]);
    if (under.size() >= line.size() && under.size() >= 3 &&
        under.find_first_not_of(under.front()) == std::string_view::npos &&
        std::string_view("=-~^*").find(under.front()) != std::string_view::npos)
      out.emplace_back(line);
  }
  return out;
}

} // namespace tacit::doc
