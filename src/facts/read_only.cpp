// The read-only statement: a root README, CONTRIBUTING guide or pull-request template that says the
// repository is a mirror or accepts no pull requests ("Please do not send pull requests", "This repository
// does not accept pull requests", "a read-only mirror of ..."). Development happens elsewhere: there is no
// contributor procedure here to document.

#include <tacit/facts/contribution.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

namespace tacit::facts {

namespace {

// Phrases (lower case) that say so. A phrase counts only when the rest of its sentence does not narrow it
// ("do not send pull requests without an issue first", "... for typo fixes").
constexpr std::array<std::string_view, 15> k_phrases{"read-only mirror",
                                                     "read-only split",
                                                     "read-only subtree split",
                                                     "read only mirror",
                                                     "is a mirror of",
                                                     "this repository is a mirror",
                                                     "this repo is a mirror",
                                                     "do not send pull requests",
                                                     "does not accept pull requests",
                                                     "do not accept pull requests",
                                                     "don't accept pull requests",
                                                     "doesn't accept pull requests",
                                                     "not accepting pull requests",
                                                     "pull requests are not accepted",
                                                     "pull requests will be closed without"};

constexpr std::array<std::string_view, 11> k_narrowing{" without ", " unless ", " before ", " until ",
                                                       " except ",  " for ",    " that ",   " which ",
                                                       " if ",      " about ",  " to fix "};

// The files that speak for the whole repository.
bool speaks_for_repository(std::string_view path) {
  // Cheap first: a root file, or one in .github/ or docs/ (this runs for every tracked file).
  if (path.find('/') != std::string_view::npos && !path.starts_with(".github/") && !path.starts_with("docs/"))
    return false;
  const auto name = util::to_lower(path);
  for (std::string_view prefix : {"readme", "contributing", ".github/pull_request_template",
                                  ".github/contributing", "docs/contributing", "pull_request_template"})
    if (name.starts_with(prefix) && name.find('/', prefix.size()) == std::string::npos)
      return true;
  return false;
}

// The rest of the sentence after position `from` (to the next '.', '!', '?' or line end), with spaces
// around it so that word checks see whole words.
std::string rest_of_sentence(std::string_view text, std::size_t from) {
  const auto end = text.find_first_of(".!?\n", from);
  return " " + std::string(text.substr(from, end == std::string_view::npos ? text.npos : end - from)) + " ";
}

// A subtree split of a monorepo sends its pull requests to the main repository: "[send Pull Requests](...)
// in the [main Symfony repository](...)". Read without link targets and brackets, across line ends.
std::optional<std::size_t> sends_pull_requests_elsewhere(std::string_view text) {
  std::string plain;
  std::vector<std::size_t> origin; // plain[i] came from text[origin[i]]
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ']' && i + 1 < text.size() && text[i + 1] == '(') {
      const auto close = text.find(')', i);
      if (close == std::string_view::npos)
        break;
      i = close;
      continue;
    }
    if (text[i] == '[' || text[i] == ']')
      continue;
    const char c = text[i] == '\n' || text[i] == '\t' ? ' ' : text[i];
    if (c == ' ' && !plain.empty() && plain.back() == ' ')
      continue;
    plain += c;
    origin.push_back(i);
  }
  for (const std::string_view phrase : {"pull requests in the main ", "pull requests to the main "})
    for (auto at = plain.find(phrase); at != std::string::npos; at = plain.find(phrase, at + 1)) {
      // "the main Symfony repository", the monorepo by its name; not "the main branch of this repository",
      // nor "the main repository" (a fork's, or this one's).
      const auto rest = std::string_view(plain).substr(at + phrase.size(), 40);
      const auto named = rest.find("repositor");
      if (named == std::string_view::npos ||
          rest.substr(0, named).find_first_of(".!?") != std::string_view::npos)
        continue;
      const auto between = util::split_words(rest.substr(0, named));
      if (between.size() == 1 && between.front() != "branch")
        return origin[at];
    }
  return std::nullopt;
}

} // namespace

std::optional<Provenance> find_read_only_statement(const std::vector<const repo::FileEntry*>& files,
                                                   const FileReader& read) {
  for (const auto* file : files) {
    if (!speaks_for_repository(file->path))
      continue;
    // Lower case, without Markdown emphasis: "Please **do not** send pull requests".
    std::string text;
    for (const char c : read(*file).substr(0, 64 * 1024))
      if (c != '*' && c != '`')
        text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto phrase : k_phrases) {
      for (auto at = text.find(phrase); at != std::string::npos; at = text.find(phrase, at + 1)) {
        const auto rest = rest_of_sentence(text, at + phrase.size());
        bool narrowed = false;
        for (const auto word : k_narrowing)
          narrowed = narrowed || rest.find(word) != std::string::npos;
        if (narrowed)
          continue;
        const auto line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
        return Provenance{file->path, line, std::string(phrase)};
      }
    }
    if (const auto at = sends_pull_requests_elsewhere(text)) {
      const auto line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + *at, '\n'));
      return Provenance{file->path, line, "pull requests go to the main repository"};
    }
  }
  return std::nullopt;
}

} // namespace tacit::facts
