#pragma once
// Root file lookups shared by the toolchain and setup file extractors (the file list is sorted by path, as a
// Snapshot lists it).

#include <tacit/repo/snapshot.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// The entry at exactly `path`, or nullptr.
inline const repo::FileEntry* find_file(const std::vector<const repo::FileEntry*>& files,
                                        std::string_view path) {
  const auto it =
      std::lower_bound(files.begin(), files.end(), path,
                       [](const repo::FileEntry* file, std::string_view p) { return file->path < p; });
  return it != files.end() && (*it)->path == path ? *it : nullptr;
}

/// `dir/name`, or `name` for the root ("").
inline std::string join_dir(std::string_view dir, std::string_view name) {
  return dir.empty() ? std::string(name) : fmt::format("{}/{}", dir, name);
}

} // namespace tacit::facts
