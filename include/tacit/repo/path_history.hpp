#pragma once
// What the recent history knows about paths that are gone: the files each recent non-merge commit deleted
// or renamed (git's rename detection against the first parent), and when some watched files last changed.
// Rules use it to name a renamed file's new path and to tell a stale context file from a typo. The walk is
// bounded (commits, age, changes kept) and compares trees level by level, skipping identical subtrees, so
// its cost follows what the commits changed, not the size of the tree.

#include <tacit/repo/snapshot.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::repo {

/// How far the path history goes.
struct PathHistoryOptions {
  std::size_t max_commits = 500;                         ///< non-merge commits read at most
  std::int64_t max_age_seconds = 2 * 365 * 24 * 60 * 60; ///< before the newest commit's time
  std::size_t max_changes = 50000;                       ///< deleted or renamed paths kept at most
  std::size_t max_rename_candidates = 16; ///< per commit: more added+deleted files: exact renames only
  std::vector<std::string> watched;       ///< paths whose last change is recorded
};

/// One path that one commit deleted or renamed.
struct PathChange {
  std::string path;       ///< the path before the commit
  std::string renamed_to; ///< its new path; empty when the commit deleted it
  std::size_t commit = 0; ///< index into PathHistory::commits (0: the newest)
};

/// One commit the path history read.
struct PathCommit {
  std::string id;        ///< full hexadecimal object id
  std::string subject;   ///< the first line of its message
  std::int64_t time = 0; ///< author time, seconds since the epoch
};

/// The deleted and renamed paths of the recent history, newest commit first.
struct PathHistory {
  std::vector<PathCommit> commits;  ///< the commits read, newest first
  std::vector<PathChange> changes;  ///< in commit order (newest first), then by path
  std::vector<std::string> watched; ///< PathHistoryOptions::watched, sorted
  /// Parallel to watched: the newest commit read that added, changed or renamed the path into place
  /// (nullopt: none within the history read).
  std::vector<std::optional<std::size_t>> last_changed;
  /// Parallel to watched: the newest commit read that created the path (added it where it was not, a rename
  /// into place excluded); nullopt when none within the history read.
  std::vector<std::optional<std::size_t>> created;
  /// Indices into changes, sorted by path, then newest commit first (the lookups' index).
  std::vector<std::size_t> by_path;
  bool truncated = false; ///< the bound on changes was reached: older commits were not all read

  /// When the watched `path` last changed (an index into commits); nullopt when not within the history read
  /// or not watched.
  std::optional<std::size_t> last_change_of(std::string_view path) const;

  /// When the watched `path` was created (an index into commits, see created); nullopt when not within the
  /// history read or not watched.
  std::optional<std::size_t> created_in(std::string_view path) const;

  /// The newest change of `path`, or nullptr.
  const PathChange* latest(std::string_view path) const;

  /// The oldest change of `path` made by a commit newer than commit `after` (an index into commits), or
  /// nullptr: what happened next to a path a rename created.
  const PathChange* next_after(std::string_view path, std::size_t after) const;

  /// The path `path` has now according to the history: renames followed from its newest change onwards;
  /// "" when the history has no change of it or one of the renames ends in a deletion.
  std::string renamed_to(std::string_view path) const;
};

/// The path history of the commits `snapshot.history()` walks (the scanned commit's recent non-merge
/// commits): each compared with its first parent, read from the repository's object store. Empty for a plain
/// directory, an unborn HEAD or a repository that cannot be opened again. Reads on every call: callers cache
/// (engine::path_history).
PathHistory read_path_history(const Snapshot& snapshot, const PathHistoryOptions& options);

/// The content of the file `path` in the commit `commit` (a full hexadecimal id) of the snapshot's
/// repository, at most `max_bytes` of it; nullopt when there is no such commit or file, or no repository.
/// One object lookup per call: for the few files a rule compares with an older state (a Makefile's targets).
std::optional<std::string> read_file_at_commit(const Snapshot& snapshot, std::string_view commit,
                                               std::string_view path, std::size_t max_bytes);

} // namespace tacit::repo
