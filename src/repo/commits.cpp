// Bot authors and tool-written subjects in the history.

#include <tacit/repo/commits.hpp>
#include <tacit/util/strings.hpp>

#include <string>

namespace tacit::repo {

bool is_bot(const Commit& commit) {
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

} // namespace tacit::repo
