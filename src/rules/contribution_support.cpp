// Doc prose, headings and bot detection for TASK106-108.

#include "contribution_support.hpp"

#include <tacit/doc/context_files.hpp>
#include <tacit/util/strings.hpp>

namespace tacit::rules::contribution {

std::vector<DocText> doc_texts(const engine::Context& context) {
  std::vector<DocText> out;
  for (const auto& doc : context.documents())
    if (!doc.text.empty())
      out.push_back(DocText{doc.path, doc.text});
  for (const auto& file : context.facts().contribution_files)
    if (!file.text.empty())
      out.push_back(DocText{file.path, file.text});
  return out;
}

std::vector<std::string> headings(const doc::Document& doc) {
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

bool mentions(std::string_view text, std::initializer_list<std::string_view> words) {
  const auto lower = util::to_lower(text);
  for (auto word : words)
    if (lower.find(word) != std::string::npos)
      return true;
  return false;
}

bool is_bot(const repo::Commit& commit) {
  const auto name = util::to_lower(commit.author);
  const auto email = util::to_lower(commit.email);
  if (name.ends_with("[bot]") || email.find("[bot]") != std::string::npos || name.ends_with("-bot") ||
      name.ends_with(" bot") || name.ends_with("_bot") || name.starts_with("automatic "))
    return true;
  for (std::string_view bot : {"dependabot", "renovate", "github-actions", "greenkeeper", "pre-commit-ci",
                               "snyk-bot", "mergify", "copybara", "bors"})
    if (name.starts_with(bot) || email.starts_with(bot))
      return true;
  return false;
}

bool is_tool_subject(std::string_view subject) {
  return subject.starts_with("Merge ") || subject.starts_with("Revert \"") || subject.starts_with("fixup!") ||
         subject.starts_with("squash!") || subject.starts_with("amend!");
}

} // namespace tacit::rules::contribution
