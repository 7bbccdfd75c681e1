#pragma once
// A Snapshot is the set of files tacit lints and a way to read them, from one of three sources: the
// worktree (default), the index (--staged) or a commit (--rev). The worktree's files are those on disk that
// git would show: the tracked ones that exist plus the untracked ones that are not ignored (as ruff and
// eslint see them); the index and a commit give their tracked files. Submodules are skipped. A plain
// directory that is not inside a git repository is walked instead, honouring .gitignore files; history is
// then unavailable.
//
// A Snapshot is read-only and safe to read from several threads at once.

#include <tacit/util/error.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::repo {

/// Where file content comes from.
enum class ContentSource { worktree, index, revision };

/// A git object id (SHA-1), as tacit compares them: what a blob's bytes are is known by its id.
struct ObjectId {
  std::array<std::uint8_t, 20> raw{};
  friend bool operator==(const ObjectId&, const ObjectId&) = default;
};

/// What a snapshot of the worktree or the index read of its repository's index (opaque; src/repo), for a
/// snapshot of a revision of the same repository (the base of a diff-aware run) to use instead of reading the
/// index a second time (libgit2 hashes the whole file on every read: ~40 ms on a 13k-file repository).
struct IndexReading;

/// How to open a snapshot.
struct SnapshotOptions {
  std::filesystem::path path = "."; ///< any path inside the repository (or the plain directory)
  ContentSource source = ContentSource::worktree;
  std::string revision;                    ///< for ContentSource::revision: any rev-parse expression
  std::uint64_t max_read_bytes = 8u << 20; ///< content beyond this many bytes is not read
  /// Worktree source: folders (repository paths) whose untracked files are not looked for, because nothing
  /// in them is read (another project's code); their tracked files are kept. Unset: every folder.
  std::function<bool(std::string_view dir)> skip_untracked_in;
  /// Revision source: the index as a snapshot of the same repository read it (Snapshot::index_reading):
  /// the blob sizes it records and the files still as checked out come from it. Unset (or another
  /// repository's): the index is read.
  std::shared_ptr<const IndexReading> index;
  /// Worktree source: say which reads gave the bytes of the blob git checked out (Content::blob,
  /// HeadReader::blob), for the base of a diff-aware run to take what was derived from a file whose blob it
  /// shares without reading that file. Costs a stat of each head read; off for a plain check.
  bool identify = false;
  /// Worktree source: the threads that walk a large worktree (0: the machine's cores; at most 8).
  unsigned jobs = 0;
};

/// Git file modes (FileEntry::mode).
inline constexpr std::uint32_t k_mode_regular = 0100644;
inline constexpr std::uint32_t k_mode_executable = 0100755;
inline constexpr std::uint32_t k_mode_symlink = 0120000;

/// One file of the snapshot (tracked, or untracked in the worktree).
struct FileEntry {
  std::string path;       ///< repository-relative, '/'-separated, as stored (may be invalid UTF-8)
  std::uint32_t mode = 0; ///< git file mode (0100644, 0100755, 0120000 for a symlink)
  std::uint64_t size = 0; ///< size in bytes at the source (0 when unknown)
};

/// Content of one file, capped at max_read_bytes.
struct Content {
  std::string bytes;
  bool truncated = false;
  /// The blob these bytes are (its first bytes, when truncated), when the read knows it: always for a file of
  /// a commit or of the index (its bytes come from the object store, or from a worktree file still as git
  /// checked the blob out); for a worktree file only with SnapshotOptions::identify, when the file read is
  /// still as checked out (the size and time of its index entry, which is not racy), was read whole, holds no
  /// CR and no attribute may rewrite it on checkout. Two states' reads with the same blob gave the same
  /// bytes.
  std::optional<ObjectId> blob = std::nullopt;
};

/// One commit of the history, as history-based rules read it.
struct Commit {
  std::string id;        ///< full hexadecimal object id
  std::string subject;   ///< the first line of the message
  std::string author;    ///< the author's name
  std::string email;     ///< the author's email
  std::int64_t time = 0; ///< author time, seconds since the epoch
};

/// How far a history walk goes.
struct HistoryOptions {
  std::size_t max_commits = 200; ///< non-merge commits returned at most
  bool first_parent = false;     ///< follow first parents only (default: every parent, newest first)
};

/// Reads the first bytes of files one after another, from one thread. It keeps the directory of the last
/// file open and reuses one buffer, so a scan of thousands of heads costs little more than their opens and
/// reads (files in path order share directories).
class HeadReader {
public:
  virtual ~HeadReader() = default;
  /// The head of `file` (its content for a symlink); the view is valid until the next call.
  virtual Result<std::string_view> read(const FileEntry& file) = 0;
  /// The blob whose first bytes the last successful read gave, when known (as Content::blob; a head need not
  /// be the whole file).
  virtual std::optional<ObjectId> blob() const { return std::nullopt; }
  /// Tells the reader which files the next calls to read() will ask for, in this order (the pointers must
  /// stay valid until then): a worktree reader reads them ahead, many with one system call. Reads of other
  /// files, or in another order, are served as usual; a call replaces the files of an earlier one.
  virtual void expect(std::span<const FileEntry* const> files) { (void)files; }
};

/// The files of a repository at one source, and their content.
class Snapshot {
public:
  /// Opens the repository that contains options.path (discovered upward), or walks a plain directory.
  /// A file inside a repository opens that repository. Errors (exit code 2): the path does not exist, a
  /// file outside any repository, a bare repository, an unknown revision, an unreadable index.
  static Result<std::unique_ptr<Snapshot>> open(const SnapshotOptions& options);

  virtual ~Snapshot() = default;

  /// The top of the worktree (or the plain directory); absolute.
  virtual const std::filesystem::path& root() const = 0;

  /// True for a git repository; false for a plain directory.
  virtual bool is_git() const = 0;

  virtual ContentSource source() const = 0;

  /// "worktree", "index" or "revision <rev> (<short oid>)".
  virtual std::string describe_source() const = 0;

  /// The files, sorted by path (byte order): for the worktree, the tracked files on disk and the untracked
  /// ones that are not ignored; submodules are not included.
  virtual const std::vector<FileEntry>& files() const = 0;

  /// Why files() is empty, for the error that stops a check ("the repository has no files yet"); "" when
  /// it is not.
  virtual std::string why_empty() const = 0;

  /// The file at `path`, or nullptr.
  const FileEntry* find(std::string_view path) const;

  /// True when some tracked file lives under directory `path` ("" is the root).
  bool is_directory(std::string_view path) const;

  /// Reads a file's content from the snapshot's source, capped at max_read_bytes. A symlink's content is
  /// its target path (as git stores it). Fails for unreadable or missing content.
  virtual Result<Content> read(const FileEntry& file) const = 0;

  /// A reader of file heads (at most `max_bytes` each, never more than max_read_bytes), for one thread: for
  /// scans that need only the first bytes of many files (generated-code markers).
  virtual std::unique_ptr<HeadReader> head_reader(std::uint64_t max_bytes) const;

  /// The blob whose bytes read(file) gives, known without reading: a file of a commit or of the index (and
  /// one the worktree lacks, read from the index); nullopt for a worktree file or a plain directory's.
  virtual std::optional<ObjectId> stored_blob(const FileEntry& file) const;

  /// True when a path that is not tracked is deliberately ignored (.gitignore, .git/info/exclude).
  virtual bool is_ignored(std::string_view path) const = 0;

  /// True when a path that is not one of files() exists in the worktree (an ignored file; worktree source
  /// only; false otherwise).
  virtual bool exists_untracked(std::string_view path) const = 0;

  /// Reads a worktree file that is not one of files() (worktree source only), beneath the root: a symlink is
  /// followed only while it stays inside the repository, and only a regular file is read (see read_beneath).
  Result<Content> read_untracked(std::string_view path, std::uint64_t max_bytes) const;

  /// The recent non-merge commits reachable from the scanned commit (HEAD for the worktree and the index,
  /// the revision for --rev), newest first, at most options.max_commits; a bounded walk that visits a few
  /// times as many commits at most (merges are skipped). Empty for a plain directory, an unborn HEAD or a
  /// revision that names a tree; a shallow clone ends at its boundary. Walks on every call: callers cache.
  virtual std::vector<Commit> history(const HistoryOptions& options) const;

  /// Messages about the run for stderr ("not a git repository: history-based checks are off").
  virtual const std::vector<std::string>& notes() const = 0;

  /// What this snapshot read of its repository's index, for SnapshotOptions::index; nullptr when it read
  /// none (a revision, a plain directory) or another index than the repository's (GIT_INDEX_FILE).
  virtual std::shared_ptr<const IndexReading> index_reading() const { return nullptr; }

protected:
  Snapshot() = default;
};

/// Reads the regular file at `path` (relative, '/'-separated) beneath the directory `root`, capped at
/// `max_bytes`: a symlink is followed only while it stays beneath `root`, ".." and absolute paths are
/// refused, and the error says why ("no such file", "leads outside the repository", "is a directory").
Result<Content> read_beneath(const std::filesystem::path& root, std::string_view path,
                             std::uint64_t max_bytes);

} // namespace tacit::repo
