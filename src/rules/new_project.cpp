// Commands a doc gives for a new project the reader makes, not for this repository.

#include "new_project.hpp"

#include <algorithm>
#include <ranges>
#include <string_view>

namespace tacit::rules {

bool creates_project(const std::vector<std::string>& words) {
  if (words.size() < 2)
    return false;
  const auto& program = words[0];
  std::size_t at = 1;
  if (program == "npx" || program == "bunx" || program == "pnpx" ||
      ((program == "pnpm" || program == "yarn") && words[1] == "dlx")) {
    at = program == "pnpm" || program == "yarn" ? 2 : 1;
    while (at < words.size() && words[at].starts_with('-'))
      ++at;
    if (at >= words.size())
      return false;
    const std::string_view tool = words[at];
    if (tool.starts_with("create-") || tool.find("/create-") != std::string_view::npos || tool == "degit" ||
        tool.starts_with("degit@"))
      return true;
    return std::ranges::any_of(words | std::views::drop(at + 1),
                               [](const std::string& word) { return word == "create" || word == "init"; });
  }
  if (program == "npm" || program == "pnpm" || program == "yarn" || program == "bun") {
    if (words[1] != "create" && words[1] != "init" && words[1] != "innit")
      return false;
    // `npm init -y` makes this folder's package.json; `npm init vite` runs create-vite.
    return std::ranges::any_of(words | std::views::drop(2),
                               [](const std::string& word) { return !word.starts_with('-'); });
  }
  return program == "cargo" && words[1] == "new";
}

NewProjectCommands::NewProjectCommands(const std::vector<doc::CommandMention>& commands) {
  for (const auto& command : commands)
    if (creates_project(command.words))
      m_by_doc[command.doc].push_back(&command);
}

bool NewProjectCommands::follow(const doc::Document& doc, const doc::CommandMention& mention) const {
  const auto found = m_by_doc.find(mention.doc);
  if (found == m_by_doc.end())
    return false;
  const auto heading_between = [&](int first, int last) {
    return std::ranges::any_of(doc.sections, [&](const doc::Section& section) {
      return section.level > 0 && section.line_begin > first && section.line_begin <= last;
    });
  };
  return std::ranges::any_of(found->second, [&](const doc::CommandMention* other) {
    return other != &mention && other->line <= mention.line &&
           (other->line < mention.line || other->column < mention.column) &&
           !heading_between(other->line, mention.line);
  });
}

} // namespace tacit::rules
