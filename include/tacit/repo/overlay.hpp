#pragma once
// A snapshot with some files written over it, in memory: what the repository would be once a command wrote
// them (`tacit init` checks the AGENTS.md it is about to write this way, before anything touches the disk).
// Everything else (history, ignore rules, other files' content) is the base snapshot's.

#include <tacit/repo/snapshot.hpp>

#include <map>
#include <memory>
#include <string>

namespace tacit::repo {

/// `base` with `files` (repository path -> content) added or replacing the base's files of the same path.
/// `base` must outlive the result.
std::unique_ptr<Snapshot> with_files(const Snapshot& base, std::map<std::string, std::string> files);

} // namespace tacit::repo
