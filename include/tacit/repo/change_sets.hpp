#pragma once
// Which files each recent commit changed: the raw material of evolutionary coupling (files that keep changing
// together, IMPL403). The walk is the path history's (include/tacit/repo/path_history.hpp): the recent
// non-merge commits, bounded in number and age, each compared with its first parent level by level, identical
// subtrees skipped, so the cost follows what the commits changed. A commit that changes more files than a
// bound is a sweep (a reformat, a rename of a namespace, a vendored update): its files are not listed.

#include <tacit/repo/snapshot.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tacit::repo {

/// How far the change sets go.
struct ChangeSetOptions {
  std::size_t max_commits = 500;                         ///< non-merge commits read at most
  std::int64_t max_age_seconds = 2 * 365 * 24 * 60 * 60; ///< before the newest commit's time
  std::size_t max_files = 50; ///< a commit that changes more files is a sweep: its files are not listed
};

/// The files one commit added, modified or deleted against its first parent.
struct ChangeSet {
  Commit commit;
  std::vector<std::string> paths; ///< sorted; empty for a sweep and for a root commit
  bool sweep = false;             ///< it changed more than ChangeSetOptions::max_files files
};

/// The change sets of the commits `snapshot.history()` walks (the scanned commit's recent non-merge
/// commits), newest first, read from the repository's object store. Empty for a plain directory, an unborn
/// HEAD or a repository that cannot be opened again. Reads on every call: callers cache
/// (engine::change_sets).
std::vector<ChangeSet> read_change_sets(const Snapshot& snapshot, const ChangeSetOptions& options);

} // namespace tacit::repo
