#pragma once
// The base of a diff-aware run (--since REV, --staged): the merge-base of REV and the scanned commit (HEAD
// for the worktree and the index, the --rev commit otherwise), read from the object store.

#include <tacit/repo/snapshot.hpp>
#include <tacit/util/error.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::repo {

/// What the diff-base cache knows a state by: its tree and the commit its history starts from. A commit made
/// from a staged index has the identity that index had: (the index's tree, HEAD), its tree and first parent.
struct StateIdentity {
  std::string tree; ///< the tree's object id
  std::string
      parent; ///< the commit before this state (a commit's first parent, the index's HEAD); may be empty
  bool operator==(const StateIdentity&) const = default;
};

/// Where a diff-aware run compares against.
struct BaseCommit {
  bool exists = false;  ///< false: HEAD is unborn and REV is HEAD (everything is new)
  std::string id;       ///< the merge-base's full object id
  std::string short_id; ///< abbreviated, for messages
  std::string git_dir;  ///< the repository's (common) git directory, where caches may live
  StateIdentity identity;
};

/// The merge-base of `revision` and the commit `scanned` reads (HEAD, or scanned.revision for
/// ContentSource::revision). Errors (exit code 2): not a git repository, an unknown revision, no common
/// history; in a shallow clone each of these says to fetch the history (`fetch-depth: 0`). With
/// `unborn_is_empty`, an unborn HEAD gives a BaseCommit that does not exist instead of an error.
Result<BaseCommit> find_merge_base(const SnapshotOptions& scanned, std::string_view revision,
                                   bool unborn_is_empty = false);

/// The identity of the index of the repository that contains `scanned.path` (--staged): the tree a commit of
/// it would have, computed in memory (nothing is written to the repository), and HEAD. nullopt when it cannot
/// be known (no repository, unborn HEAD, an index entry whose object is missing, a conflict).
std::optional<StateIdentity> staged_identity(const SnapshotOptions& scanned);

/// A file of a diff-aware run's base that differs from the scanned commit's, with its bytes.
struct ChangedFile {
  std::string path;
  std::string bytes;
};

/// The files of commit `base` among `wanted` whose blob differs from the one at the same path in the commit
/// `scanned` reads (HEAD, or scanned.revision), with their bytes: what the base of a diff-aware run will
/// parse that the scanned state cannot lend it, read ahead while the scanned state is being read. `wanted`
/// are paths of files, and folders ending in '/' (their files whose name ends in one of `extensions`, not
/// their subfolders'). Files over `max_bytes` are left out; so is everything on any error (a head start
/// only). `stop` is asked between files: true ends the read.
std::vector<ChangedFile> read_changed_files(const SnapshotOptions& scanned, std::string_view base,
                                            std::span<const std::string_view> wanted,
                                            std::span<const std::string_view> extensions,
                                            std::uint64_t max_bytes, const std::function<bool()>& stop);

/// The hint printed when a shallow clone lacks the history a diff-aware run needs.
inline constexpr std::string_view k_shallow_hint =
    "this is a shallow clone: fetch the history (GitHub Actions: actions/checkout with `fetch-depth: 0`; "
    "GitLab CI: `GIT_DEPTH: 0`; or `git fetch --unshallow`)";

} // namespace tacit::repo
