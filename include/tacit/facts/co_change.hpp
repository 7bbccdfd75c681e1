#pragma once
// Evolutionary coupling: files in different modules that change together in most of the commits that touch
// either (as code-maat's coupling analysis counts it: shared revisions against each file's revisions). The
// commits come from the history (repo::read_change_sets); which files and commits count is the caller's.

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// When two files count as coupled.
struct CoChangeOptions {
  std::size_t min_together = 5; ///< commits that change both, at least
  double min_share = 0.6;       ///< of the commits that change either, at least
};

/// Two files of different modules that change together.
struct CoChange {
  std::string a;            ///< the first path (by module, then path)
  std::string b;            ///< the second path
  std::string module_a;     ///< a's module ("" at the root), before module_b
  std::string module_b;     ///< b's module
  std::size_t together = 0; ///< commits that change both
  std::size_t either = 0;   ///< commits that change a, b or both
};

/// True for a file whose changes say nothing about coupling: a lockfile, a changelog or release-notes entry
/// (CHANGELOG.md, .changeset/, changelog.d/, newsfragments/), a file that only carries a version (VERSION,
/// version.txt, _version.py) or the release's metadata (CITATION.cff).
bool is_bookkeeping_file(std::string_view path);

/// True for the subject of a release or version bump ("Release v1.2.0", "Bump version to 2.1",
/// "chore(release): 1.4.0", "chore: Release", "v3.0.1", "Version Packages"): such a commit touches every
/// manifest at once.
bool is_release_subject(std::string_view subject);

/// The pairs of files whose modules (`module_of`) differ and that change together in at least
/// `min_together` of `commits` and in at least `min_share` of the commits that change either. Each commit is
/// its files, sorted and unique. Sorted by module pair, then by `together` descending, then by paths.
std::vector<CoChange> find_co_changes(std::span<const std::vector<std::string>> commits,
                                      const std::function<std::string(std::string_view)>& module_of,
                                      const CoChangeOptions& options);

} // namespace tacit::facts
