// Commit subject conventions for TASK107.

#include "commit_convention.hpp"

#include "contribution_support.hpp"

#include <tacit/repo/commits.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace tacit::rules::commits {

namespace {

constexpr std::array<std::string_view, 11> k_types{"feat", "fix",   "docs", "style", "refactor", "perf",
                                                   "test", "build", "ci",   "chore", "revert"};

// Prefixes that read like a component but are not one.
constexpr std::array<std::string_view, 12> k_not_components{"wip",   "tmp", "temp", "todo", "fixup", "squash",
                                                            "draft", "nit", "hack", "note", "http",  "https"};

constexpr std::size_t k_max_component = 40;
constexpr std::size_t k_min_components = 3;
constexpr std::size_t k_min_component_uses = 2;
constexpr std::size_t k_examples = 3;

bool is_component_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '/' || c == '-' ||
         c == '{' || c == '}' || c == ',' || c == ' ' || c == '*';
}

// The type of a Conventional Commits subject, or "".
std::string_view type_of(std::string_view subject) {
  std::size_t end = 0;
  while (end < subject.size() && subject[end] >= 'a' && subject[end] <= 'z')
    ++end;
  const auto type = subject.substr(0, end);
  if (std::find(k_types.begin(), k_types.end(), type) == k_types.end())
    return {};
  auto rest = subject.substr(end);
  if (rest.starts_with('(')) {
    const auto close = rest.find(')');
    if (close == std::string_view::npos || close == 1)
      return {};
    rest.remove_prefix(close + 1);
  }
  if (rest.starts_with('!'))
    rest.remove_prefix(1);
  if (!rest.starts_with(": ") || rest.size() < 3 || rest[2] == ' ')
    return {};
  return type;
}

} // namespace

bool is_conventional(std::string_view subject) {
  return !type_of(subject).empty();
}

std::string_view component_of(std::string_view subject) {
  const auto colon = subject.find(": ");
  if (colon == 0 || colon == std::string_view::npos || colon > k_max_component || colon + 2 >= subject.size())
    return {};
  const auto prefix = subject.substr(0, colon);
  const char first = prefix.front();
  if (!((first >= 'a' && first <= 'z') || first == '.' || first == '_'))
    return {};
  if (!std::all_of(prefix.begin(), prefix.end(), is_component_char) || prefix.back() == ' ')
    return {};
  // A space only after a comma: "cli, api" lists components; "fix the thing" is a sentence.
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (prefix[i] == ' ' && (i == 0 || prefix[i - 1] != ','))
      return {};
  if (std::find(k_not_components.begin(), k_not_components.end(), prefix) != k_not_components.end())
    return {};
  return prefix;
}

std::optional<Convention> detect(std::span<const repo::Commit> history, std::size_t min_commits,
                                 double share) {
  std::vector<const repo::Commit*> people;
  for (const auto& commit : history)
    if (!repo::is_bot(commit) && !repo::is_tool_subject(commit.subject))
      people.push_back(&commit);
  if (people.empty() || people.size() < min_commits)
    return std::nullopt;
  const auto needed = static_cast<std::size_t>(share * static_cast<double>(people.size()) + 0.999999);

  std::map<std::string, std::size_t> types;
  std::map<std::string, std::size_t> components;
  for (const auto* commit : people) {
    if (auto type = type_of(commit->subject); !type.empty())
      ++types[std::string(type)];
    if (auto component = component_of(commit->subject); !component.empty())
      ++components[std::string(component)];
  }
  auto ranked = [](const std::map<std::string, std::size_t>& counts, std::size_t min_uses) {
    std::vector<std::pair<std::string, std::size_t>> list(counts.begin(), counts.end());
    std::erase_if(list, [&](const auto& entry) { return entry.second < min_uses; });
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return list;
  };

  Convention out;
  out.considered = people.size();
  out.newest = people.front();
  out.oldest = people.back();
  std::vector<std::pair<std::string, std::size_t>> used;
  std::size_t conventional = 0;
  for (const auto& [type, count] : types)
    conventional += count;
  if (conventional >= needed) {
    out.style = Style::conventional;
    out.following = conventional;
    used = ranked(types, 1);
  } else {
    used = ranked(components, k_min_component_uses);
    std::size_t following = 0;
    for (const auto& [component, count] : used)
      following += count;
    if (used.size() < k_min_components || following < needed)
      return std::nullopt;
    out.style = Style::component;
    out.following = following;
  }
  for (const auto& entry : used)
    out.components.push_back(entry.first);
  for (const auto* commit : people) {
    if (out.examples.size() == k_examples)
      break;
    const bool follows = out.style == Style::conventional
                             ? is_conventional(commit->subject)
                             : std::any_of(used.begin(), used.end(), [&](const auto& entry) {
                                 return entry.first == component_of(commit->subject);
                               });
    if (follows)
      out.examples.push_back(commit);
  }
  return out;
}

// An example commit that follows the convention: `git commit -m "feat: add x"` (or -am, --message).
bool shows_example(std::string_view text, const Convention& convention) {
  for (auto at = text.find("commit -"); at != std::string_view::npos; at = text.find("commit -", at + 1)) {
    const auto rest = text.substr(at + 7, 200);
    const auto quote = rest.find_first_of("\"'");
    if (quote == std::string_view::npos || quote > 16)
      continue;
    const auto flags = rest.substr(0, quote);
    if (!util::contains(flags, "m") || util::contains(flags, "\n"))
      continue;
    const auto body = rest.substr(quote + 1);
    const auto subject = body.substr(0, body.find_first_of(std::string_view("\"'\n", 3)));
    if (convention.style == Style::conventional ? is_conventional(subject) : !component_of(subject).empty())
      return true;
  }
  return false;
}

bool states(std::string_view text, const Convention& convention) {
  if (shows_example(text, convention))
    return true;
  if (contribution::mentions(text, {"conventional commit", "conventionalcommits", "conventional-commit",
                                    "commitizen", "semantic commit"}))
    return true;
  if (!contribution::mentions(text, {"commit message", "commit subject", "commit title", "commit summary",
                                     "commit convention", "commit format", "pr title", "pull request title",
                                     "first line of the commit", "commit log"}))
    return false;
  if (convention.style == Style::conventional)
    return contribution::mentions(text,
                                  {"feat:", "feat(", "fix:", "fix(", "chore:", "<type>", "type(scope)"});
  if (contribution::mentions(text,
                             {"prefix", "component", "subsystem", "package name", "module name", "area"}))
    return true;
  const auto lower = util::to_lower(text);
  for (std::size_t i = 0; i < convention.components.size() && i < 10; ++i)
    if (lower.find(fmt::format("{}: ", convention.components[i])) != std::string::npos)
      return true;
  return false;
}

} // namespace tacit::rules::commits
