// The versions a doc line states, for CTX006 (see toolchain_statements.hpp).

#include "toolchain_statements.hpp"

#include <tacit/util/strings.hpp>

#include <array>
#include <cctype>

namespace tacit::rules {

namespace {

struct ToolName {
  std::string_view name; // as written, compared without case
  std::string_view tool;
  int parts; // version parts compared: 1 (major) or 2 (major.minor)
};

constexpr std::array<ToolName, 5> k_names{{{"node.js", "node", 1},
                                           {"nodejs", "node", 1},
                                           {"node", "node", 1},
                                           {"python", "python", 2},
                                           {"go", "go", 2}}};

// Words that make a version a bound or one of several, not the version.
constexpr std::array<std::string_view, 28> k_range_words{
    ">",         "<",        "+",           "~",      "^",        "or later", "or newer",
    "or higher", "or above", "and up",      "above",  "at least", "minimum",  "min ",
    "require",   "support",  "compat",      "tested", "up to",    "through",  "deprecat",
    "drop",      "eol",      "end of life", "older",  "prior",    "earlier",  "lts"};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The version right after `at` ("18", "v18.2", "3.10.4"), its first `parts` numbers; "" when none.
std::string version_after(std::string_view line, std::size_t at, int parts) {
  while (at < line.size() && (line[at] == ' ' || line[at] == '\t'))
    ++at;
  if (at < line.size() && (line[at] == 'v' || line[at] == 'V'))
    ++at;
  std::string out;
  int seen = 0;
  while (at < line.size() && std::isdigit(static_cast<unsigned char>(line[at]))) {
    std::string number;
    while (at < line.size() && std::isdigit(static_cast<unsigned char>(line[at])))
      number += line[at++];
    if (++seen <= parts)
      out += (out.empty() ? "" : ".") + number;
    if (at + 1 < line.size() && line[at] == '.' && std::isdigit(static_cast<unsigned char>(line[at + 1])))
      ++at;
    else
      break;
  }
  if (seen < parts || (at < line.size() && (is_word_char(line[at]) || line[at] == '+' || line[at] == '-')))
    return {};
  if (at < line.size() && line[at] == '.' && at + 1 < line.size() && line[at + 1] == 'x')
    return {}; // "18.x": a range
  return out;
}

} // namespace

std::vector<StatedVersion> stated_versions(std::string_view line) {
  std::vector<StatedVersion> out;
  const auto lower = util::to_lower(line);
  for (auto word : k_range_words)
    if (lower.find(word) != std::string::npos)
      return out;
  for (const auto& name : k_names) {
    std::vector<StatedVersion> found;
    for (std::size_t at = lower.find(name.name); at != std::string::npos;
         at = lower.find(name.name, at + 1)) {
      const auto end = at + name.name.size();
      if ((at > 0 && (is_word_char(lower[at - 1]) || lower[at - 1] == '.' || lower[at - 1] == '/')) ||
          (end < lower.size() && (is_word_char(lower[end]) || lower[end] == '.')))
        continue;
      // "Go" is a verb too: only with a version right after it, capitalised.
      if (name.tool == "go" && line[at] != 'G')
        continue;
      if (auto version = version_after(line, end, name.parts); !version.empty())
        found.push_back({std::string(name.tool), std::move(version), static_cast<int>(at) + 1});
    }
    bool seen_tool = false;
    for (const auto& stated : out)
      seen_tool = seen_tool || stated.tool == name.tool;
    if (found.size() == 1 && !seen_tool)
      out.push_back(std::move(found.front()));
    else if (found.size() > 1)
      return {}; // several versions: a list or a range
  }
  return out;
}

std::optional<std::string> comparable_pin(std::string_view tool, std::string_view version) {
  const int parts = tool == "node" ? 1 : 2;
  auto text = util::trim(version);
  if (text.starts_with('v'))
    text.remove_prefix(1);
  const std::string line = " " + std::string(text);
  // An exact version only: digits and dots, nothing after.
  for (const char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.')
      return std::nullopt;
  auto out = version_after(line, 0, parts);
  if (out.empty())
    return std::nullopt;
  return out;
}

} // namespace tacit::rules
