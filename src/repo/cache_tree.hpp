#pragma once
// Private to src/repo: the cache-tree extension ("TREE") of a git index file, read from the file's bytes
// (libgit2 reads it too but does not expose it). For each folder whose tree git knows to match the index
// entries beneath it, the extension records that tree's id and how many entries it covers: a commit's tree
// can then be listed without reading the subtrees whose ids are the index's (GitSnapshot, the base of a
// diff-aware run).
//
// The format (git's Documentation/gitformat-index.txt): a 12-byte header ("DIRC", version 2-4, the entry
// count), the entries (62 bytes, 2 more with extended flags in version 3+, the path NUL-padded to a multiple
// of 8 bytes; in version 4 the path is prefix-compressed and not padded), then extensions (a 4-byte
// signature, a 4-byte size, the data), then the SHA-1 of all that.

#include <git2.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::repo {

/// One valid entry of the cache-tree extension.
struct CachedTree {
  std::string path;        ///< "" for the root, else the folder with a trailing '/' ("src/", "src/util/")
  git_oid id{};            ///< the tree's id
  std::size_t entries = 0; ///< the index entries beneath the folder
};

/// The valid entries of the cache-tree extension of an index file's bytes, sorted by path; nullopt when
/// the bytes are not an index file this reader understands (or no extension is present, or a split or
/// sparse index, whose entries the extension does not describe alone). Never reads past `bytes`; the
/// checksum is not verified here (the caller compares it with the one libgit2 read).
std::optional<std::vector<CachedTree>> read_cache_tree(std::string_view bytes);

/// The valid entries of a cache-tree extension's data (what follows its signature and size), sorted by path;
/// nullopt when libgit2 might not read it (it refuses a damaged one, and so the whole index).
std::optional<std::vector<CachedTree>> parse_cache_tree(std::string_view data);

} // namespace tacit::repo
