#pragma once
// Private to src/repo: the two Snapshot implementations (git repository, plain directory) and the worktree
// reader they share. Worktree reads resolve paths beneath the root without following symlinks.

#include "git_raii.hpp"

#include <tacit/repo/snapshot.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::repo {

/// An owned file descriptor, closed on destruction.
class UniqueFd {
public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : m_fd(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();

  int get() const { return m_fd; }
  bool valid() const { return m_fd >= 0; }
  int release() {
    int fd = m_fd;
    m_fd = -1;
    return fd;
  }

private:
  int m_fd = -1;
};

/// Opens a directory as the anchor for reads beneath it (O_PATH).
Result<UniqueFd> open_root(const std::filesystem::path& root);

/// The stat data git records for a checked-out file (index entry): what a worktree file must still have to
/// hold the same bytes as the blob.
struct CheckoutStat {
  std::uint64_t size = 0;
  std::int64_t mtime_seconds = 0;
  std::uint32_t mtime_nanoseconds = 0;
  friend bool operator==(const CheckoutStat&, const CheckoutStat&) = default;
};

/// Reads `path` (repository-relative) beneath `root_fd` without following any symlink; a symlink's
/// content is its target. `mode` is the git mode the caller expects; the worktree's own type wins. `seen`
/// (when given) gets the size and time of the regular file read.
Result<Content> read_worktree_file(int root_fd, std::string_view path, std::uint32_t mode,
                                   std::uint64_t max_bytes, CheckoutStat* seen = nullptr);

/// The blob a head read from the worktree is the beginning of, given the file's size and time as the read
/// saw them (SnapshotOptions::identify), or nullopt.
using HeadIdentifier =
    std::function<std::optional<ObjectId>(const FileEntry&, const CheckoutStat&, std::string_view head)>;

/// A head reader over the worktree beneath `root_fd` that keeps the last directory open. Files for which
/// `from_store` says so (when set) are read through `snapshot` instead. With `identify`, each regular file
/// read is stat'ed and its head's blob asked of it (HeadReader::blob).
std::unique_ptr<HeadReader> make_worktree_head_reader(int root_fd, std::uint64_t max_bytes,
                                                      const Snapshot& snapshot,
                                                      std::function<bool(const FileEntry&)> from_store,
                                                      HeadIdentifier identify = {});

/// Reads `path` beneath `root_fd` (no symlink followed) when it is a regular file whose size and
/// modification time are still `expected`: then its bytes are the blob's it was checked out from, and reading
/// them is cheaper than inflating the blob. nullopt when it is not (changed, missing, another type).
std::optional<Content> read_unchanged_checkout(int root_fd, std::string_view path,
                                               const CheckoutStat& expected, std::uint64_t max_bytes);

/// True when `path` exists beneath `root_fd` (a symlink itself counts; no link is followed out of it).
bool worktree_path_exists(int root_fd, std::string_view path);

/// Reads a blob from the object store, capped at max_bytes; the caller serialises calls on one odb.
Result<Content> read_blob(git_odb* odb, const git_oid& oid, std::string_view path, std::uint64_t max_bytes);

/// Why the object that libgit2's "no match for id (OID)" `message` names cannot be read ("object X cannot be
/// read: 'path': Permission denied", "object X is missing ..."); nullopt when that is not the message.
std::optional<std::string> unreadable_object(git_repository* repository, std::string_view message);

/// The recent non-merge commits reachable from `start`, newest first (see Snapshot::history); the caller
/// serialises calls on one repository.
std::vector<Commit> walk_history(git_repository* repository, const git_oid& start,
                                 const HistoryOptions& options);

/// What a walk of the worktree finds against the index (scan_worktree).
struct WorktreeScan {
  std::vector<FileEntry> untracked;   ///< untracked files that are not ignored, sorted by path
  std::vector<unsigned char> present; ///< parallel to the tracked files: found on disk (or not looked for)
  std::vector<std::string> notes;     ///< directories that could not be read
};

/// Walks the worktree beneath `root_fd` once: the untracked files `repository`'s ignore rules do not
/// exclude, and which of `tracked` (sorted by path) exist. Submodules (`gitlinks`, sorted) and directories
/// `pruned` names are not read (their tracked files count as present). A large worktree is walked on up to
/// `threads` threads (the caller's included), with the same result.
WorktreeScan scan_worktree(int root_fd, git_repository* repository, const std::vector<FileEntry>& tracked,
                           const std::vector<std::string>& gitlinks,
                           const std::function<bool(std::string_view)>& pruned, unsigned threads);

/// Opens the git snapshot of an already opened, non-bare repository.
Result<std::unique_ptr<Snapshot>> open_git_snapshot(git::RepositoryPtr repository,
                                                    const SnapshotOptions& options);

/// Walks a plain directory (absolute, canonical) that is not inside a git repository.
Result<std::unique_ptr<Snapshot>> open_dir_snapshot(const std::filesystem::path& root,
                                                    const SnapshotOptions& options);

} // namespace tacit::repo
