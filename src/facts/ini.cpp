#include "ini.hpp"

#include <tacit/util/strings.hpp>

namespace tacit::facts::ini {

const Key* Section::find(std::string_view key) const {
  for (const auto& k : keys)
    if (k.name == key)
      return &k;
  return nullptr;
}

std::vector<Section> parse(std::string_view text, int first_line) {
  std::vector<Section> sections;
  int line_no = first_line - 1;
  Key* current = nullptr;
  for (auto raw : util::split_lines(text)) {
    ++line_no;
    const auto line = util::trim(raw);
    if (line.empty() || line.starts_with('#') || line.starts_with(';'))
      continue;
    if (raw.front() == ' ' || raw.front() == '\t') {
      if (current)
        current->value.append("\n").append(line);
      continue;
    }
    current = nullptr;
    if (line.starts_with('[') && line.ends_with(']')) {
      sections.push_back(Section{std::string(util::trim(line.substr(1, line.size() - 2))), line_no, {}});
      continue;
    }
    const auto eq = line.find_first_of("=:");
    if (eq == std::string_view::npos || sections.empty())
      continue;
    auto& keys = sections.back().keys;
    keys.push_back(Key{std::string(util::trim(line.substr(0, eq))),
                       std::string(util::trim(line.substr(eq + 1))), line_no});
    current = &keys.back();
  }
  return sections;
}

} // namespace tacit::facts::ini
