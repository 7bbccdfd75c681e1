// Co-change counting: each path is interned once (with its module), each commit adds one to its files'
// revisions and to every pair of its files in different modules. A commit holds at most a few dozen files
// (sweeps are left out before), so the pairs stay in the hundreds of thousands at most.

#include <tacit/facts/co_change.hpp>
#include <tacit/facts/generated.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <tuple>
#include <unordered_map>

namespace tacit::facts {

namespace {

using namespace std::string_view_literals;

// Changelog and release-note files by the start of their name (CHANGELOG.md, CHANGES.rst, HISTORY.md...).
constexpr std::array k_changelog_names{"changelog"sv, "changes"sv,       "history"sv,       "news"sv,
                                       "releases"sv,  "release-notes"sv, "release_notes"sv, "releasenotes"sv};
// Folders of changelog fragments (towncrier, changesets, reno).
constexpr std::array k_changelog_dirs{"changelog.d"sv,   "changelog"sv,     "changelogs"sv, "changes"sv,
                                      ".changeset"sv,    "newsfragments"sv, "news"sv,       "releasenotes"sv,
                                      "release-notes"sv, "unreleased"sv};
// Files that carry a version and nothing else, by name without extension.
constexpr std::array k_version_stems{"version"sv, "_version"sv, "__version__"sv};
// Files that carry a version among their metadata and change at each release.
constexpr std::array k_release_metadata{"citation.cff"sv, "codemeta.json"sv, ".zenodo.json"sv};
// Words of a release or version-bump subject.
constexpr std::array k_release_phrases{
    "bump version"sv,     "version bump"sv,   "bump to v"sv,       "release v"sv,
    "release:"sv,         "chore(release)"sv, "prepare release"sv, "prepare for release"sv,
    "version packages"sv, "new version"sv,    "update version"sv,  "set version"sv,
    "bump the version"sv, "cut release"sv,    "release version"sv, "post-release"sv,
    "back to dev"sv};

template <typename Array> bool any_is(const Array& array, std::string_view value) {
  return std::ranges::find(array, value) != array.end();
}

} // namespace

bool is_bookkeeping_file(std::string_view path) {
  if (is_lockfile(path))
    return true;
  const auto name = util::to_lower(util::base_name(path));
  const auto stem = std::string_view(name).substr(0, name.find('.'));
  if (any_is(k_version_stems, stem) || any_is(k_release_metadata, name))
    return true;
  // CHANGELOG, CHANGES.md, HISTORY.rst, NEWS.txt (not history.go: code).
  const auto dot = name.rfind('.');
  const auto extension =
      dot == std::string::npos ? std::string_view() : std::string_view(name).substr(dot + 1);
  const bool prose = extension.empty() || extension == "md" || extension == "rst" || extension == "txt" ||
                     extension == "adoc" || extension == "markdown";
  if (prose && std::ranges::any_of(k_changelog_names, [&](std::string_view prefix) {
        return stem == prefix || (name.starts_with(prefix) && name.size() > prefix.size() &&
                                  !std::isalpha(static_cast<unsigned char>(name[prefix.size()])));
      }))
    return true;
  const auto parts = util::split(path, '/');
  for (std::size_t i = 0; i + 1 < parts.size(); ++i)
    if (any_is(k_changelog_dirs, util::to_lower(parts[i])))
      return true;
  return false;
}

bool is_release_subject(std::string_view subject) {
  const auto lower = util::to_lower(util::trim(subject));
  if (std::ranges::any_of(k_release_phrases,
                          [&](std::string_view phrase) { return util::contains(lower, phrase); }))
    return true;
  // The subject, after a Conventional Commits type ("chore: Release", "chore(release): publish v1.0.1").
  std::string_view rest = lower;
  if (const auto colon = rest.find(": ");
      colon != std::string_view::npos && colon < 24 && rest.find(' ') > colon)
    rest = util::trim(rest.substr(colon + 1));
  if (rest.starts_with("publish ") || rest.starts_with("published "))
    rest = util::trim(rest.substr(rest.find(' ')));
  if (rest.starts_with("release") ||
      (rest.starts_with("v") && rest.size() > 1 && std::isdigit(static_cast<unsigned char>(rest[1]))))
    return true;
  // "1.2.3", "2.0.0-rc1"
  return !rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0])) &&
         rest.find_first_not_of("0123456789.-rcabetalph ") == std::string_view::npos;
}

std::vector<CoChange> find_co_changes(std::span<const std::vector<std::string>> commits,
                                      const std::function<std::string(std::string_view)>& module_of,
                                      const CoChangeOptions& options) {
  std::unordered_map<std::string_view, std::uint32_t> ids;
  std::vector<std::string_view> paths;
  std::vector<std::string> modules;
  std::vector<std::size_t> revisions;
  std::unordered_map<std::uint64_t, std::size_t> pairs; // (low id << 32 | high id) -> commits together
  std::vector<std::uint32_t> files;
  for (const auto& commit : commits) {
    files.clear();
    for (const auto& path : commit) {
      const auto [it, added] = ids.try_emplace(path, static_cast<std::uint32_t>(paths.size()));
      if (added) {
        paths.push_back(path);
        modules.push_back(module_of(path));
        revisions.push_back(0);
      }
      ++revisions[it->second];
      files.push_back(it->second);
    }
    for (std::size_t i = 0; i < files.size(); ++i)
      for (std::size_t j = i + 1; j < files.size(); ++j) {
        const auto x = std::min(files[i], files[j]);
        const auto y = std::max(files[i], files[j]);
        if (modules[x] != modules[y])
          ++pairs[(std::uint64_t{x} << 32) | y];
      }
  }
  std::vector<CoChange> out;
  for (const auto& [key, together] : pairs) {
    const auto x = static_cast<std::uint32_t>(key >> 32);
    const auto y = static_cast<std::uint32_t>(key & 0xffffffffu);
    const auto either = revisions[x] + revisions[y] - together;
    if (together < options.min_together || static_cast<double>(together) < options.min_share * either)
      continue;
    const bool swap = std::tie(modules[y], paths[y]) < std::tie(modules[x], paths[x]);
    const auto a = swap ? y : x;
    const auto b = swap ? x : y;
    out.push_back(
        CoChange{std::string(paths[a]), std::string(paths[b]), modules[a], modules[b], together, either});
  }
  std::ranges::sort(out, [](const CoChange& l, const CoChange& r) {
    return std::tie(l.module_a, l.module_b, r.together, l.a, l.b) <
           std::tie(r.module_a, r.module_b, l.together, r.a, r.b);
  });
  return out;
}

} // namespace tacit::facts
