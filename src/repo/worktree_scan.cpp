// The worktree against the index: one walk of the directories finds the untracked files that are not
// ignored (what `git status` lists as untracked, file by file) and the tracked files that are missing from
// disk. Only directories that hold tracked files or are themselves untracked and not ignored are read, so an
// ignored `build/` or `node_modules/` costs one ignore lookup; a tracked file costs a binary search and no
// system call (directory entries carry their type). Ignore rules are libgit2's (.gitignore files,
// .git/info/exclude, core.excludesFile), asked only for the untracked names met. Nothing follows a symlink.
//
// On a large worktree the walk runs on several threads: the subfolders of a folder that holds many tracked
// files are walked as tasks of their own, by whichever thread is free. Each thread keeps its own untracked
// files and notes (a note with the readdir positions of its folder, so that the notes come out in the order
// of a walk on one thread); the tracked files found are flags of their own, one byte each. libgit2's ignore
// lookups are not safe on one repository from several threads at once: they take a lock.

#include "snapshot_impl.hpp"

#include <fmt/format.h>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <sys/stat.h>
#include <thread>

namespace tacit::repo {

namespace {

constexpr std::size_t k_max_untracked = 1'000'000;
constexpr int k_max_depth = 256;
constexpr std::size_t k_parallel_from = 4096; // tracked files: a smaller worktree is walked on one thread
constexpr std::size_t k_tasks_per_thread = 8; // a folder is split when it holds this share of the files

constexpr std::size_t k_entries_buffer = 32 * 1024; // as readdir's

bool sorted_contains(const std::vector<std::string>& sorted, std::string_view value) {
  return std::binary_search(sorted.begin(), sorted.end(), value, std::less<>{});
}

// Whether `path` sorts before `prefix` followed by `separator` (byte order, as std::string's).
bool before_joined(std::string_view path, std::string_view prefix, char separator) {
  const std::size_t common = std::min(path.size(), prefix.size());
  if (const int order = path.substr(0, common).compare(prefix.substr(0, common)); order != 0) {
    return order < 0;
  }
  if (path.size() <= prefix.size()) {
    return true; // a prefix of it, or the prefix itself
  }
  return static_cast<unsigned char>(path[prefix.size()]) < static_cast<unsigned char>(separator);
}

// The readdir positions of a folder's entry and of each folder above it: notes in this order are in the order
// of a walk on one thread (a folder's note comes before those of the folders inside it).
using WalkPosition = std::vector<std::uint32_t>;

struct PlacedNote {
  WalkPosition position;
  std::string text;
};

// The tracked files beneath a folder: indexes [first, last) into the sorted list.
struct TrackedRange {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t size() const { return last - first; }
};

// A subfolder to walk: `name` in the folder open at `parent` (kept open by its tasks).
struct WalkTask {
  std::shared_ptr<const UniqueFd> parent;
  std::string path;
  std::string name;
  bool untracked = false;
  int depth = 0;
  WalkPosition position;
  TrackedRange below;
};

// What the walk's threads share.
struct WalkShared {
  WalkShared(git_repository* repository_, const std::vector<FileEntry>& tracked_,
             const std::vector<std::string>& gitlinks_, const std::function<bool(std::string_view)>& pruned_,
             std::vector<unsigned char>& present_)
      : repository(repository_), tracked(tracked_), gitlinks(gitlinks_), pruned(pruned_), present(present_) {}

  git_repository* repository;
  std::mutex ignore_lock; // libgit2's ignore lookups on `repository`
  const std::vector<FileEntry>& tracked;
  const std::vector<std::string>& gitlinks;
  const std::function<bool(std::string_view)>& pruned;
  std::vector<unsigned char>& present;
  std::size_t split_from = 0; // a tracked folder with this many tracked files below is split (0: never)
  std::atomic<std::size_t> untracked{0};
  std::atomic<bool> stopped{false};
  std::mutex queue_lock;
  std::condition_variable queue_changed;
  std::deque<WalkTask> queue;
  std::size_t busy = 0; // threads walking a task (or the root)
};

class Scanner {
public:
  explicit Scanner(WalkShared& shared) : m_shared(shared), m_tracked(shared.tracked) {}

  // Reads the directory open at `dir_fd` (owned from here on), `relative` to the root ("" for the root),
  // whose tracked files are `below`. `untracked`: it holds none, so every entry is a candidate.
  void walk(int dir_fd, const std::string& relative, bool untracked, int depth, TrackedRange below) {
    const UniqueFd dir(dir_fd);
    // A folder that holds many tracked files: its subfolders are tasks, walked beside it.
    std::shared_ptr<const UniqueFd> split;
    if (!untracked && m_shared.split_from > 0 && below.size() >= m_shared.split_from) {
      if (const int copy = ::fcntl(dir_fd, F_DUPFD_CLOEXEC, 0); copy >= 0) {
        split = std::make_shared<const UniqueFd>(copy);
      }
    }
    // The entries as readdir gives them (readdir's own buffer costs an fstat and an fcntl per folder).
    char* buffer = buffer_at(depth);
    const std::size_t prefix = relative.empty() ? 0 : relative.size() + 1; // of the tracked paths in `below`
    std::string path;
    std::uint32_t position = 0;
    while (true) {
      const auto read = ::getdents64(dir_fd, buffer, k_entries_buffer);
      if (read <= 0) {
        return; // the end, or an error that ends readdir too
      }
      for (std::size_t at = 0; at < static_cast<std::size_t>(read);) {
        const auto* entry = reinterpret_cast<const dirent64*>(buffer + at);
        at += entry->d_reclen;
        if (entry->d_ino == 0) {
          continue; // a deleted entry, which readdir skips
        }
        const std::string_view name = entry->d_name;
        m_position.push_back(position++);
        if (name != "." && name != ".." && name != ".git") {
          path.assign(relative);
          if (!path.empty()) {
            path += '/';
          }
          path += name;
          visit(dir_fd, path, prefix, name, entry->d_type, untracked, depth, below, split);
        }
        m_position.pop_back();
        if (m_shared.stopped.load(std::memory_order_relaxed)) {
          return;
        }
      }
    }
  }

  // Walks a subfolder a split folder left as a task.
  void run(const WalkTask& task) {
    m_position = task.position;
    descend(task.parent->get(), task.path, task.name, task.untracked, task.depth, task.below, nullptr);
  }

  std::vector<FileEntry> found;   // untracked files that are not ignored
  std::vector<PlacedNote> placed; // notes

private:
  void visit(int dir_fd, const std::string& path, std::size_t prefix, std::string_view name,
             unsigned char type, bool untracked, int depth, TrackedRange below,
             const std::shared_ptr<const UniqueFd>& split) {
    if (!untracked) {
      if (const auto at = tracked_index(name, prefix, below); at != m_tracked.size()) {
        m_shared.present[at] = 1;
        return;
      }
      if (sorted_contains(m_shared.gitlinks, path)) {
        return; // a submodule: another repository
      }
      struct stat probe {};
      const bool maybe_dir =
          type == DT_DIR || (type == DT_UNKNOWN &&
                             ::fstatat(dir_fd, std::string(name).c_str(), &probe, AT_SYMLINK_NOFOLLOW) == 0 &&
                             S_ISDIR(probe.st_mode));
      // A tracked folder that is now a file or a link: its tracked files are missing, the entry is untracked.
      const TrackedRange inside = maybe_dir ? beneath(path, below) : TrackedRange{};
      if (inside.size() > 0) {
        if (m_shared.pruned && m_shared.pruned(path)) {
          mark_present(inside); // not ours to read: its files are taken as they are tracked
          return;
        }
        descend(dir_fd, path, name, /*untracked=*/false, depth, inside, split);
        return;
      }
    }
    struct stat info {};
    if (type != DT_DIR && ::fstatat(dir_fd, std::string(name).c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
      return; // gone since the directory was read
    }
    if (type == DT_DIR || S_ISDIR(info.st_mode)) {
      if (ignored(path + '/') || (m_shared.pruned && m_shared.pruned(path))) {
        return;
      }
      descend(dir_fd, path, name, /*untracked=*/true, depth, TrackedRange{}, split);
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
    found.push_back(FileEntry{path, mode, static_cast<std::uint64_t>(info.st_size)});
    if (m_shared.untracked.fetch_add(1, std::memory_order_relaxed) + 1 >= k_max_untracked) {
      m_shared.stopped = true;
    }
  }

  // Walks subfolder `name` of the folder open at `dir_fd`; a split folder's subfolder is queued instead.
  void descend(int dir_fd, const std::string& path, std::string_view name, bool untracked, int depth,
               TrackedRange below, const std::shared_ptr<const UniqueFd>& split) {
    if (split != nullptr) {
      {
        const std::lock_guard lock(m_shared.queue_lock);
        m_shared.queue.push_back(
            WalkTask{split, path, std::string(name), untracked, depth, m_position, below});
      }
      m_shared.queue_changed.notify_one();
      return;
    }
    if (depth >= k_max_depth) {
      note(fmt::format("'{}' is nested too deeply; its untracked files are not read", path));
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
        mark_present(below); // unlisted, not missing: reading them says what is wrong
      }
      return; // a tracked folder replaced by a file or a link: its tracked files are missing
    }
    if (untracked && ::faccessat(child, ".git", F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
      ::close(child);
      return; // another repository cloned inside this one (git lists it as one untracked folder)
    }
    walk(child, path, untracked, depth + 1, below);
  }

  bool ignored(const std::string& path) const {
    const std::lock_guard lock(m_shared.ignore_lock);
    int ignored = 0;
    return git_ignore_path_is_ignored(&ignored, m_shared.repository, path.c_str()) == 0 && ignored == 1;
  }

  // Where the tracked file `name` of a folder is in the list (it is in `below`, the folder's range, whose
  // paths all start with the folder's `prefix` bytes), or the list's size.
  std::size_t tracked_index(std::string_view name, std::size_t prefix, TrackedRange below) const {
    const auto first = m_tracked.begin() + static_cast<std::ptrdiff_t>(below.first);
    const auto last = m_tracked.begin() + static_cast<std::ptrdiff_t>(below.last);
    const auto it = std::lower_bound(first, last, name, [prefix](const FileEntry& entry, std::string_view n) {
      return std::string_view(entry.path).substr(prefix) < n;
    });
    return it != last && std::string_view(it->path).substr(prefix) == name
               ? static_cast<std::size_t>(it - m_tracked.begin())
               : m_tracked.size();
  }

  // The tracked files beneath folder `path`, within `below` (its parent's range): those from "path/" up to
  // "path0" ('0' follows '/').
  TrackedRange beneath(std::string_view path, TrackedRange below) const {
    const auto bound = [&](char separator) {
      return static_cast<std::size_t>(
          std::lower_bound(m_tracked.begin() + static_cast<std::ptrdiff_t>(below.first),
                           m_tracked.begin() + static_cast<std::ptrdiff_t>(below.last), path,
                           [separator](const FileEntry& entry, std::string_view p) {
                             return before_joined(entry.path, p, separator);
                           }) -
          m_tracked.begin());
    };
    const std::size_t first = bound('/');
    return first == below.last ? TrackedRange{first, first} : TrackedRange{first, bound('/' + 1)};
  }

  // The buffer of directory entries for a folder at `depth` (one per depth: a folder's entries are read
  // while those of the folders inside it are).
  char* buffer_at(int depth) {
    const auto at = static_cast<std::size_t>(depth);
    if (m_buffers.size() <= at) {
      m_buffers.resize(at + 1);
    }
    if (m_buffers[at] == nullptr) {
      m_buffers[at] = std::make_unique<std::uint64_t[]>(k_entries_buffer / sizeof(std::uint64_t));
    }
    return reinterpret_cast<char*>(m_buffers[at].get());
  }

  void mark_present(TrackedRange range) {
    std::fill(m_shared.present.begin() + static_cast<std::ptrdiff_t>(range.first),
              m_shared.present.begin() + static_cast<std::ptrdiff_t>(range.last), 1);
  }

  void note(std::string text) { placed.push_back(PlacedNote{m_position, std::move(text)}); }

  void note_unreadable(const std::string& path, int error) {
    note(fmt::format("cannot read directory '{}': {}; its untracked files are not read",
                     path.empty() ? "." : path, std::strerror(error)));
  }

  WalkShared& m_shared;
  const std::vector<FileEntry>& m_tracked;
  WalkPosition m_position; // of the entry being visited
  std::vector<std::unique_ptr<std::uint64_t[]>> m_buffers;
};

// Runs the queued tasks until none is left and no thread can queue another.
void run_tasks(WalkShared& shared, Scanner& scanner) {
  std::unique_lock lock(shared.queue_lock);
  while (true) {
    shared.queue_changed.wait(lock, [&] { return !shared.queue.empty() || shared.busy == 0; });
    if (shared.queue.empty()) {
      return;
    }
    const WalkTask task = std::move(shared.queue.front());
    shared.queue.pop_front();
    ++shared.busy;
    lock.unlock();
    if (!shared.stopped.load(std::memory_order_relaxed)) {
      scanner.run(task);
    }
    lock.lock();
    if (--shared.busy == 0 && shared.queue.empty()) {
      shared.queue_changed.notify_all();
    }
  }
}

// The walk from the root open at `dir_fd` on `threads` threads (the caller's included); nullopt when it
// stopped at k_max_untracked on more than one thread (which files it kept would depend on their timing).
std::optional<WorktreeScan> walk_worktree(int dir_fd, git_repository* repository,
                                          const std::vector<FileEntry>& tracked,
                                          const std::vector<std::string>& gitlinks,
                                          const std::function<bool(std::string_view)>& pruned,
                                          unsigned threads) {
  WorktreeScan out;
  out.present.assign(tracked.size(), 0);
  WalkShared shared(repository, tracked, gitlinks, pruned, out.present);
  if (threads > 1) {
    shared.split_from = std::max<std::size_t>(1, tracked.size() / (threads * k_tasks_per_thread));
  }
  std::vector<std::unique_ptr<Scanner>> scanners;
  for (unsigned t = 0; t < threads; ++t) {
    scanners.push_back(std::make_unique<Scanner>(shared));
  }
  shared.busy = 1; // the root's walk
  {
    std::vector<std::jthread> helpers;
    for (unsigned t = 1; t < threads; ++t) {
      helpers.emplace_back([&shared, &scanner = *scanners[t]] { run_tasks(shared, scanner); });
    }
    scanners[0]->walk(dir_fd, "", /*untracked=*/false, 0, TrackedRange{0, tracked.size()});
    {
      const std::lock_guard lock(shared.queue_lock);
      --shared.busy;
    }
    shared.queue_changed.notify_all();
    run_tasks(shared, *scanners[0]);
  }
  const bool stopped = shared.stopped.load();
  if (stopped && threads > 1) {
    return std::nullopt;
  }
  std::vector<PlacedNote> notes;
  for (auto& scanner : scanners) {
    out.untracked.insert(out.untracked.end(), std::make_move_iterator(scanner->found.begin()),
                         std::make_move_iterator(scanner->found.end()));
    notes.insert(notes.end(), std::make_move_iterator(scanner->placed.begin()),
                 std::make_move_iterator(scanner->placed.end()));
  }
  std::stable_sort(notes.begin(), notes.end(),
                   [](const PlacedNote& a, const PlacedNote& b) { return a.position < b.position; });
  for (auto& note : notes) {
    out.notes.push_back(std::move(note.text));
  }
  if (stopped) {
    out.notes.push_back(fmt::format("stopped listing untracked files after {}", out.untracked.size()));
  }
  std::sort(out.untracked.begin(), out.untracked.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
  return out;
}

} // namespace

WorktreeScan scan_worktree(int root_fd, git_repository* repository, const std::vector<FileEntry>& tracked,
                           const std::vector<std::string>& gitlinks,
                           const std::function<bool(std::string_view)>& pruned, unsigned threads) {
  threads = tracked.size() < k_parallel_from ? 1 : std::max(1u, threads);
  while (true) {
    const int dir_fd = ::openat(root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) {
      WorktreeScan out;
      out.notes.push_back(
          fmt::format("cannot read the worktree: {}; untracked files are not read", std::strerror(errno)));
      out.present.assign(tracked.size(), 1);
      return out;
    }
    if (auto out = walk_worktree(dir_fd, repository, tracked, gitlinks, pruned, threads)) {
      return std::move(*out);
    }
    threads = 1; // which untracked files are kept up to the bound is the walk's on one thread
  }
}

} // namespace tacit::repo
