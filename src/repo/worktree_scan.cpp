// The worktree against the index: one walk of the directories finds the untracked files that are not
// ignored (what `git status` lists as untracked, file by file) and the tracked files that are missing from
// disk. Only directories that hold tracked files or are themselves untracked and not ignored are read, so an
// ignored `build/` or `node_modules/` costs one ignore lookup; a tracked file costs a binary search and no
// system call (directory entries carry their type). Ignore rules are libgit2's (.gitignore files,
// .git/info/exclude, core.excludesFile), asked only for the untracked names met. Nothing follows a symlink.

#include "snapshot_impl.hpp"

#include <fmt/format.h>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace tacit::repo {

namespace {

constexpr std::size_t k_max_untracked = 1'000'000;
constexpr int k_max_depth = 256;

struct DirCloser {
  void operator()(DIR* dir) const noexcept { ::closedir(dir); }
};
using DirPtr = std::unique_ptr<DIR, DirCloser>;

bool sorted_contains(const std::vector<std::string>& sorted, std::string_view value) {
  return std::binary_search(sorted.begin(), sorted.end(), value, std::less<>{});
}

class Scanner {
public:
  Scanner(git_repository* repository, const std::vector<FileEntry>& tracked,
          const std::vector<std::string>& gitlinks, const std::function<bool(std::string_view)>& pruned,
          WorktreeScan& out)
      : m_repository(repository), m_tracked(tracked), m_gitlinks(gitlinks), m_pruned(pruned), m_out(out) {
    m_out.present.assign(tracked.size(), false);
  }

  // Reads the directory open at `dir_fd` (owned from here on), `relative` to the root ("" for the root).
  // `untracked`: the directory holds no tracked file, so every entry is a candidate.
  void walk(int dir_fd, const std::string& relative, bool untracked, int depth) {
    DirPtr dir(::fdopendir(dir_fd));
    if (!dir) {
      ::close(dir_fd);
      note_unreadable(relative, errno);
      return;
    }
    std::string path;
    while (dirent* entry = ::readdir(dir.get())) {
      const std::string_view name = entry->d_name;
      if (name == "." || name == ".." || name == ".git") {
        continue;
      }
      path.assign(relative);
      if (!path.empty()) {
        path += '/';
      }
      path += name;
      visit(::dirfd(dir.get()), path, name, entry->d_type, untracked, depth);
      if (m_out.untracked.size() >= k_max_untracked) {
        m_stopped = true;
        return;
      }
    }
  }

  bool stopped() const { return m_stopped; }

private:
  void visit(int dir_fd, const std::string& path, std::string_view name, unsigned char type, bool untracked,
             int depth) {
    if (!untracked) {
      if (const auto at = tracked_index(path); at != m_tracked.size()) {
        m_out.present[at] = true;
        return;
      }
      if (sorted_contains(m_gitlinks, path)) {
        return; // a submodule: another repository
      }
      struct stat probe {};
      const bool maybe_dir =
          type == DT_DIR || (type == DT_UNKNOWN &&
                             ::fstatat(dir_fd, std::string(name).c_str(), &probe, AT_SYMLINK_NOFOLLOW) == 0 &&
                             S_ISDIR(probe.st_mode));
      // A tracked folder that is now a file or a link: its tracked files are missing, the entry is untracked.
      if (maybe_dir && has_tracked_below(path)) {
        if (m_pruned && m_pruned(path)) {
          mark_present_below(path); // not ours to read: its files are taken as they are tracked
          return;
        }
        descend(dir_fd, path, name, /*untracked=*/false, depth);
        return;
      }
    }
    struct stat info {};
    if (type != DT_DIR && ::fstatat(dir_fd, std::string(name).c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
      return; // gone since the directory was read
    }
    if (type == DT_DIR || S_ISDIR(info.st_mode)) {
      if (ignored(path + '/') || (m_pruned && m_pruned(path))) {
        return;
      }
      descend(dir_fd, path, name, /*untracked=*/true, depth);
      return;
    }
    if (!S_ISREG(info.st_mode) && !S_ISLNK(info.st_mode)) {
      return; // FIFOs, sockets and devices are not files to lint
    }
    if (ignored(path)) {
      return;
    }
    const std::uint32_t mode = S_ISLNK(info.st_mode)           ? k_mode_symlink
                               : (info.st_mode & S_IXUSR) != 0 ? k_mode_executable
                                                               : k_mode_regular;
    m_out.untracked.push_back(FileEntry{path, mode, static_cast<std::uint64_t>(info.st_size)});
  }

  void descend(int dir_fd, const std::string& path, std::string_view name, bool untracked, int depth) {
    if (depth >= k_max_depth) {
      m_out.notes.push_back(fmt::format("'{}' is nested too deeply; its untracked files are not read", path));
      return;
    }
    const int child =
        ::openat(dir_fd, std::string(name).c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (child < 0) {
      const int error = errno;
      if (untracked) {
        note_unreadable(path, error);
      } else if (error != ENOTDIR && error != ELOOP && error != ENOENT) {
        note_unreadable(path, error);
        mark_present_below(path); // unlisted, not missing: reading them says what is wrong
      }
      return; // a tracked folder replaced by a file or a link: its tracked files are missing
    }
    if (untracked && ::faccessat(child, ".git", F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
      ::close(child);
      return; // another repository cloned inside this one (git lists it as one untracked folder)
    }
    walk(child, path, untracked, depth + 1);
  }

  bool ignored(const std::string& path) const {
    int ignored = 0;
    return git_ignore_path_is_ignored(&ignored, m_repository, path.c_str()) == 0 && ignored == 1;
  }

  std::size_t tracked_index(std::string_view path) const {
    const auto it =
        std::lower_bound(m_tracked.begin(), m_tracked.end(), path,
                         [](const FileEntry& entry, std::string_view p) { return entry.path < p; });
    return it != m_tracked.end() && it->path == path ? static_cast<std::size_t>(it - m_tracked.begin())
                                                     : m_tracked.size();
  }

  // The first tracked file under directory `path`, as an index into m_tracked.
  std::size_t first_below(const std::string& path) const {
    const std::string prefix = path + '/';
    return static_cast<std::size_t>(
        std::lower_bound(m_tracked.begin(), m_tracked.end(), prefix,
                         [](const FileEntry& entry, const std::string& p) { return entry.path < p; }) -
        m_tracked.begin());
  }

  bool has_tracked_below(const std::string& path) const {
    const auto at = first_below(path);
    return at < m_tracked.size() && m_tracked[at].path.size() > path.size() &&
           m_tracked[at].path.starts_with(path) && m_tracked[at].path[path.size()] == '/';
  }

  void mark_present_below(const std::string& path) {
    for (auto at = first_below(path);
         at < m_tracked.size() && m_tracked[at].path.starts_with(path) &&
         m_tracked[at].path.size() > path.size() && m_tracked[at].path[path.size()] == '/';
         ++at) {
      m_out.present[at] = true;
    }
  }

  void note_unreadable(const std::string& path, int error) {
    m_out.notes.push_back(fmt::format("cannot read directory '{}': {}; its untracked files are not read",
                                      path.empty() ? "." : path, std::strerror(error)));
  }

  git_repository* m_repository;
  const std::vector<FileEntry>& m_tracked;
  const std::vector<std::string>& m_gitlinks;
  const std::function<bool(std::string_view)>& m_pruned;
  WorktreeScan& m_out;
  bool m_stopped = false;
};

} // namespace

WorktreeScan scan_worktree(int root_fd, git_repository* repository, const std::vector<FileEntry>& tracked,
                           const std::vector<std::string>& gitlinks,
                           const std::function<bool(std::string_view)>& pruned) {
  WorktreeScan out;
  Scanner scanner(repository, tracked, gitlinks, pruned, out);
  const int dir_fd = ::openat(root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) {
    out.notes.push_back(
        fmt::format("cannot read the worktree: {}; untracked files are not read", std::strerror(errno)));
    out.present.assign(tracked.size(), true);
    return out;
  }
  scanner.walk(dir_fd, "", /*untracked=*/false, 0);
  if (scanner.stopped()) {
    out.notes.push_back(fmt::format("stopped listing untracked files after {}", out.untracked.size()));
  }
  std::sort(out.untracked.begin(), out.untracked.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
  return out;
}

} // namespace tacit::repo
