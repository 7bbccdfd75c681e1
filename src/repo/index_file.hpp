#pragma once
// Private to src/repo: the entries of a git index file read from its bytes, for the worktree and index
// snapshots (and the index reading of a revision's, and --staged's staged tree), instead of libgit2's read:
// libgit2 1.5 copies and hashes the whole file (SHA-1 with collision detection), validates every path,
// allocates each entry and puts it in a hash map, ~0.2 s for 100k entries; this reader maps the file and
// keeps where each entry starts.
//
// It reads only what it knows libgit2 would read the same way (the same entries in the same order): index
// versions 2 to 4, the optional extensions (skipped; the cache tree, resolve-undo and conflict-name ones
// checked as libgit2 checks them). Whatever else (no index file, a split or sparse index, whose extensions
// libgit2 refuses as unknown required ones; a malformed or short file; an entry path libgit2 refuses, such
// as one with a `.git` or `..` component) is left to libgit2, whose entries or error the run then has as
// before. The trailing checksum is not verified (git itself skips it on read since 2.20, index.skipHash).

#include "cache_tree.hpp"

#include <git2.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::repo {

/// One entry of an index file, as libgit2's git_index_entry gives it (the fields tacit reads).
struct IndexFileEntry {
  std::string_view path; ///< into the IndexFile (or, converted from libgit2, into its index)
  git_oid id{};
  std::uint32_t mode = 0;
  std::uint32_t file_size = 0;
  std::int64_t mtime_seconds = 0; ///< as libgit2's git_index_time: a 32-bit signed number
  std::uint32_t mtime_nanoseconds = 0;
  std::uint16_t flags = 0;          ///< stage in bits 12-13 (GIT_INDEX_ENTRY_STAGE)
  std::uint16_t flags_extended = 0; ///< skip-worktree, intent-to-add

  int stage() const { return (flags >> 12) & 3; }
};

/// An index file as this reader read it (mapped, or its bytes held).
class IndexFile {
public:
  IndexFile() = default;
  IndexFile(const IndexFile&) = delete;
  IndexFile& operator=(const IndexFile&) = delete;
  ~IndexFile();

  /// How many entries the file holds (every stage).
  std::size_t size() const { return m_offsets.size(); }
  /// Entry `at`, in file order (git writes them sorted by path, then stage); its path points into this.
  IndexFileEntry entry(std::size_t at) const;
  /// The cache-tree extension's valid entries, sorted by path (none without the extension or when it is not
  /// one cache_tree.cpp reads), read on each call.
  std::vector<CachedTree> trees() const;
  /// The file's modification time (seconds), taken before its read (0 from parse_index_file).
  std::int64_t time() const { return m_time; }

private:
  friend std::unique_ptr<IndexFile> parse_index_file(std::string bytes);
  friend std::unique_ptr<IndexFile> read_index_file(const std::filesystem::path& path);
  bool parse();

  std::string_view m_data;   // the file
  void* m_mapping = nullptr; // m_data's mapping, when mapped
  std::string m_bytes;       // else m_data's bytes
  std::uint32_t m_version = 0;
  std::vector<std::uint32_t> m_offsets;     // where each entry starts in m_data
  std::vector<std::uint32_t> m_path_starts; // version 4: where each path starts in m_paths, and the end
  std::string m_paths;                      // version 4: the paths, expanded
  std::string_view m_tree;                  // the cache-tree extension's data, if any
  std::int64_t m_time = 0;
};

/// The index file at `path` read as libgit2 would read it, or nullptr: then libgit2 is to read it (see
/// above). The caller checks that the repository's index is not case-insensitive (core.ignorecase), whose
/// entries libgit2 sorts otherwise.
std::unique_ptr<IndexFile> read_index_file(const std::filesystem::path& path);

/// The index file of `repository` that git commands would use: the one GIT_INDEX_FILE names (git sets it
/// for the pre-commit hook of `git commit -a`), made absolute, else the repository's own.
std::filesystem::path index_file_path(git_repository* repository);

/// The index file at `file` (default: the repository's own) as index_file.cpp reads it, or nullptr for
/// libgit2 to read it (among others, in a case-insensitive repository (core.ignorecase), whose entries
/// libgit2 sorts otherwise).
std::shared_ptr<const IndexFile> read_own_index(git_repository* repository,
                                                const std::filesystem::path& file = {});

/// The same from the file's bytes (for the tests).
std::unique_ptr<IndexFile> parse_index_file(std::string bytes);

} // namespace tacit::repo
