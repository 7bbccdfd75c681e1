// Reads files of a worktree (or a plain directory) beneath its root. Every path is resolved with
// openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) so that neither a symlink nor ".." leads a read out of the
// root; where the kernel lacks openat2 (or a seccomp filter refuses it) reads fall back to openat with
// O_NOFOLLOW on the last component and a lexical check of the path. Opening with O_NONBLOCK keeps a FIFO
// planted in the worktree from hanging the run.

#include "batch_read.hpp"
#include "snapshot_impl.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>

namespace tacit::repo {

namespace {

constexpr std::size_t k_link_buffer = 4096 + 1;

std::atomic<bool> g_openat2_unsupported{false};

// Opens `path` beneath `root_fd`; -1 with errno set on failure.
int open_beneath(int root_fd, const char* path, int flags, std::uint64_t resolve) {
  flags |= O_CLOEXEC;
  if (!g_openat2_unsupported.load(std::memory_order_relaxed)) {
    open_how how{};
    how.flags = static_cast<std::uint64_t>(flags);
    how.resolve = resolve;
    const long fd = syscall(SYS_openat2, root_fd, path, &how, sizeof how);
    if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) {
      return static_cast<int>(fd);
    }
    g_openat2_unsupported.store(true, std::memory_order_relaxed);
  }
  // openat cannot keep a followed link beneath the root: the last component is never followed.
  flags |= O_NOFOLLOW;
  return ::openat(root_fd, path, flags);
}

// A relative path that cannot climb out of the root by itself.
bool is_safe_relative(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\0') != std::string_view::npos) {
    return false;
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    if (path.substr(start, end - start) == "..") {
      return false;
    }
    start = end + 1;
  }
  return true;
}

Error read_error(std::string_view path, std::string message) {
  return Error{ErrorCode::io, std::move(message), std::string(path), 0, 0};
}

std::string errno_text(int error) {
  return std::strerror(error);
}

// Reads the target of the symlink at `path`, whose parent directories must not be symlinks.
std::expected<Content, Error> read_link(int root_fd, const std::string& path, std::uint64_t max_bytes,
                                        int* error_out) {
  const std::size_t slash = path.rfind('/');
  UniqueFd parent;
  int dir_fd = root_fd;
  std::string name = path;
  if (slash != std::string::npos) {
    const std::string dir = path.substr(0, slash);
    parent = UniqueFd(
        open_beneath(root_fd, dir.c_str(), O_PATH | O_DIRECTORY, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS));
    if (!parent.valid()) {
      *error_out = errno;
      return std::unexpected(read_error(path, errno_text(errno)));
    }
    dir_fd = parent.get();
    name = path.substr(slash + 1);
  }
  char buffer[k_link_buffer];
  const ssize_t length = ::readlinkat(dir_fd, name.c_str(), buffer, sizeof buffer);
  if (length < 0) {
    *error_out = errno;
    return std::unexpected(read_error(path, errno_text(errno)));
  }
  const auto size = static_cast<std::uint64_t>(length);
  Content content;
  content.bytes.assign(buffer, static_cast<std::size_t>(std::min(size, max_bytes)));
  content.truncated = size > max_bytes;
  return content;
}

// Reads the open regular file `fd`, whose fstat gave `info`.
std::expected<Content, Error> read_stat_file(int fd, const struct stat& info, std::string_view path,
                                             std::uint64_t max_bytes) {
  const auto size = static_cast<std::uint64_t>(info.st_size);
  const auto wanted = static_cast<std::size_t>(std::min(size, max_bytes));
  Content content;
  content.bytes.resize(wanted);
  std::size_t got = 0;
  while (got < wanted) {
    const ssize_t n = ::read(fd, content.bytes.data() + got, wanted - got);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return std::unexpected(read_error(path, errno_text(errno)));
    }
    if (n == 0) {
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  content.bytes.resize(got);
  content.truncated = size > max_bytes;
  return content;
}

CheckoutStat checkout_stat(const struct stat& info) {
  return CheckoutStat{static_cast<std::uint64_t>(info.st_size), info.st_mtim.tv_sec,
                      static_cast<std::uint32_t>(info.st_mtim.tv_nsec)};
}

// Reads the open file `fd` when it is a regular file; `seen` (when given) gets its size and time.
std::expected<Content, Error> read_open_file(int fd, std::string_view path, std::uint64_t max_bytes,
                                             CheckoutStat* seen = nullptr) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    return std::unexpected(read_error(path, errno_text(errno)));
  }
  if (S_ISDIR(info.st_mode)) {
    return std::unexpected(read_error(path, "is a directory in the worktree"));
  }
  if (!S_ISREG(info.st_mode)) {
    return std::unexpected(read_error(path, "is not a regular file in the worktree"));
  }
  if (seen != nullptr) {
    *seen = checkout_stat(info);
  }
  return read_stat_file(fd, info, path, max_bytes);
}

} // namespace

std::optional<Content> read_unchanged_checkout(int root_fd, std::string_view path,
                                               const CheckoutStat& expected, std::uint64_t max_bytes) {
  if (!is_safe_relative(path)) {
    return std::nullopt;
  }
  const std::string relative(path);
  UniqueFd fd(open_beneath(root_fd, relative.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY,
                           RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS));
  struct stat info {};
  if (!fd.valid() || ::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<std::uint64_t>(info.st_size) != expected.size ||
      info.st_mtim.tv_sec != expected.mtime_seconds ||
      static_cast<std::uint32_t>(info.st_mtim.tv_nsec) != expected.mtime_nanoseconds) {
    return std::nullopt;
  }
  auto content = read_stat_file(fd.get(), info, path, max_bytes); // one fstat per read
  if (!content) {
    return std::nullopt;
  }
  return std::move(*content);
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = other.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

Result<UniqueFd> open_root(const std::filesystem::path& root) {
  UniqueFd fd(::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) {
    return make_error(ErrorCode::repository,
                      fmt::format("cannot open '{}': {}", root.string(), errno_text(errno)));
  }
  return fd;
}

Result<Content> read_worktree_file(int root_fd, std::string_view path, std::uint32_t mode,
                                   std::uint64_t max_bytes, CheckoutStat* seen) {
  if (!is_safe_relative(path)) {
    return std::unexpected(read_error(path, "is not a path inside the repository"));
  }
  const std::string relative(path);
  int error = 0;
  if (mode == k_mode_symlink) {
    auto link = read_link(root_fd, relative, max_bytes, &error);
    if (link || error != EINVAL) {
      if (!link && (error == ENOENT || error == ENOTDIR)) {
        return std::unexpected(read_error(path, "deleted in the worktree"));
      }
      if (!link && error == ELOOP) {
        return std::unexpected(
            read_error(path, "is reached through a symbolic link in the worktree; not followed"));
      }
      return link;
    }
    // No longer a symlink in the worktree: read what is there now.
  }
  UniqueFd fd(open_beneath(root_fd, relative.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY,
                           RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS));
  if (!fd.valid()) {
    error = errno;
    if (error == ENOENT || error == ENOTDIR) {
      return std::unexpected(read_error(path, "deleted in the worktree"));
    }
    if (error == ELOOP) {
      // The file itself became a symlink (its content is the target), or a directory above it is one.
      auto link = read_link(root_fd, relative, max_bytes, &error);
      if (link) {
        return link;
      }
      return std::unexpected(
          read_error(path, "is reached through a symbolic link in the worktree; not followed"));
    }
    if (error == EXDEV) {
      return std::unexpected(read_error(path, "leads outside the repository; not followed"));
    }
    return std::unexpected(read_error(path, errno_text(error)));
  }
  return read_open_file(fd.get(), path, max_bytes, seen);
}

Result<Content> read_beneath(const std::filesystem::path& root, std::string_view path,
                             std::uint64_t max_bytes) {
  if (!is_safe_relative(path)) {
    return std::unexpected(read_error(path, "is outside the repository"));
  }
  auto root_fd = open_root(root);
  if (!root_fd) {
    return std::unexpected(root_fd.error());
  }
  const std::string relative(path);
  // RESOLVE_BENEATH follows a link only while its target stays beneath the root (EXDEV otherwise).
  UniqueFd fd(
      open_beneath(root_fd->get(), relative.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY, RESOLVE_BENEATH));
  if (!fd.valid()) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) {
      return std::unexpected(read_error(path, "no such file"));
    }
    if (error == EXDEV) {
      return std::unexpected(
          read_error(path, "is a symbolic link that leads outside the repository; not followed"));
    }
    if (error == ELOOP) {
      return std::unexpected(read_error(path, "is a symbolic link; not followed"));
    }
    return std::unexpected(read_error(path, errno_text(error)));
  }
  return read_open_file(fd.get(), path, max_bytes);
}

Result<Content> Snapshot::read_untracked(std::string_view path, std::uint64_t max_bytes) const {
  if (source() != ContentSource::worktree) {
    return std::unexpected(
        read_error(path, "is not in the snapshot's source (only the worktree has untracked files)"));
  }
  return read_beneath(root(), path, max_bytes);
}

namespace {

class WorktreeHeadReader final : public HeadReader {
public:
  WorktreeHeadReader(int root_fd, std::uint64_t max_bytes, const Snapshot& snapshot,
                     std::function<bool(const FileEntry&)> from_store, HeadIdentifier identify)
      : m_root_fd(root_fd), m_max_bytes(max_bytes), m_snapshot(snapshot), m_from_store(std::move(from_store)),
        m_identify(std::move(identify)) {}

  std::optional<ObjectId> blob() const override { return m_blob; }

  void expect(std::span<const FileEntry* const> files) override {
    m_ahead.clear();
    m_next = 0;
    m_fetched_from = m_fetched_to = 0;
    // A read that identifies blobs stats each file: those read one by one.
    if (m_identify || files.empty() || g_openat2_unsupported.load(std::memory_order_relaxed) ||
        BatchReader::for_this_thread() == nullptr)
      return;
    m_ahead.assign(files.begin(), files.end());
  }

  Result<std::string_view> read(const FileEntry& file) override {
    m_blob.reset();
    if (const auto ahead = read_ahead(file))
      return *ahead;
    if (file.mode == k_mode_symlink || (m_from_store && m_from_store(file))) {
      auto content = file.mode == k_mode_symlink
                         ? read_worktree_file(m_root_fd, file.path, file.mode, m_max_bytes)
                         : m_snapshot.read(file);
      if (!content) {
        return std::unexpected(content.error());
      }
      m_blob = content->blob;
      m_buffer = std::move(content->bytes);
      return std::string_view(m_buffer).substr(0, static_cast<std::size_t>(m_max_bytes));
    }
    const std::string_view path = file.path;
    if (!is_safe_relative(path)) {
      return std::unexpected(read_error(path, "is not a path inside the repository"));
    }
    const auto slash = path.rfind('/');
    const auto dir = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    if (!m_dir_open || dir != m_dir) {
      m_dir.assign(dir);
      m_dir_fd = UniqueFd(dir.empty() ? -1
                                      : open_beneath(m_root_fd, m_dir.c_str(), O_PATH | O_DIRECTORY,
                                                     RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS));
      m_dir_open = dir.empty() || m_dir_fd.valid();
      m_dir_error = m_dir_open ? 0 : errno;
    }
    if (!m_dir_open) {
      return std::unexpected(read_error(path, errno_text(m_dir_error)));
    }
    // The name has no '/': resolved beneath its directory, not following a symlink, it cannot leave it.
    const std::string name(path.substr(slash == std::string_view::npos ? 0 : slash + 1));
    UniqueFd fd(open_beneath(dir.empty() ? m_root_fd : m_dir_fd.get(), name.c_str(),
                             O_RDONLY | O_NONBLOCK | O_NOCTTY, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS));
    if (!fd.valid()) {
      return std::unexpected(read_error(path, errno_text(errno)));
    }
    // No fstat (but to identify the blob): a directory fails to read (EISDIR), a FIFO opened non-blocking
    // reads nothing.
    struct stat info {};
    const bool identifying = m_identify && ::fstat(fd.get(), &info) == 0 && S_ISREG(info.st_mode);
    // Not zero-filled first: read() writes what is kept (a megabyte of memset per reader showed in profiles).
    if (m_buffer.size() != m_max_bytes)
      m_buffer.resize_and_overwrite(static_cast<std::size_t>(m_max_bytes),
                                    [](char*, std::size_t n) { return n; });
    std::size_t got = 0;
    while (got < m_buffer.size()) {
      const ssize_t n = ::read(fd.get(), m_buffer.data() + got, m_buffer.size() - got);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n < 0) {
        return std::unexpected(read_error(path, errno_text(errno)));
      }
      const auto wanted = m_buffer.size() - got;
      got += static_cast<std::size_t>(n);
      if (n == 0 || static_cast<std::size_t>(n) < wanted) {
        break; // a short read of a regular file is its end: no second call to learn it
      }
    }
    const std::string_view head(m_buffer.data(), got);
    if (identifying) {
      m_blob = m_identify(file, checkout_stat(info), head);
    }
    return head;
  }

  ~WorktreeHeadReader() override {
    if (!m_batch_buffer.empty() && spare_buffers().size() < 4)
      spare_buffers().push_back(std::move(m_batch_buffer));
  }

private:
  // The batch buffers of this thread's readers gone: a scan makes a reader per run of files, and a buffer
  // allocated anew each time is fresh memory each time (a page fault per 4 kB).
  static std::vector<std::string>& spare_buffers() {
    thread_local std::vector<std::string> spare;
    return spare;
  }

  // A file read ahead (expect): where its bytes are in m_batch_buffer, or that it is to be read alone.
  struct Fetched {
    std::size_t offset = 0;
    std::size_t size = 0;
    bool alone = true;
  };

  // The bytes of `file` when it was read ahead and they are known whole (or its head of m_max_bytes).
  std::optional<std::string_view> read_ahead(const FileEntry& file) {
    if (m_next >= m_ahead.size())
      return std::nullopt;
    if (m_ahead[m_next] != &file) {
      // A caller may leave out a file it expected (one its cache holds): look a batch ahead.
      const auto end = std::min(m_ahead.size(), m_next + BatchReader::k_max_items);
      const auto it = std::find(m_ahead.begin() + static_cast<std::ptrdiff_t>(m_next),
                                m_ahead.begin() + static_cast<std::ptrdiff_t>(end), &file);
      if (it == m_ahead.begin() + static_cast<std::ptrdiff_t>(end))
        return std::nullopt;
      m_next = static_cast<std::size_t>(it - m_ahead.begin());
    }
    if (m_next >= m_fetched_to && !fetch(m_next))
      return std::nullopt;
    const auto& got = m_fetched[m_next - m_fetched_from];
    ++m_next;
    if (got.alone)
      return std::nullopt;
    return std::string_view(m_batch_buffer).substr(got.offset, got.size);
  }

  // Reads the expected files from `from` on, a batch of them: false when no batch could be read.
  bool fetch(std::size_t from) {
    constexpr std::size_t k_batch_bytes = 256 * 1024; // the buffers of one batch (a bigger file goes alone)
    auto* reader = BatchReader::for_this_thread();
    if (reader == nullptr) {
      m_ahead.clear();
      return false;
    }
    m_fetched.clear();
    m_items.clear();
    m_item_of.clear();
    // The last directory of the batch before stays open: in path order the next batch begins in it.
    std::size_t bytes = 0;
    const auto open_dir = [&](std::string_view dir) {
      if (m_dirs.empty() || m_dirs.back().first != dir) {
        UniqueFd fd;
        if (!dir.empty()) {
          const std::string relative(dir);
          fd = UniqueFd(open_beneath(m_root_fd, relative.c_str(), O_PATH | O_DIRECTORY,
                                     RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS));
        }
        m_dirs.emplace_back(dir, std::move(fd));
      }
      return dir.empty() ? m_root_fd : m_dirs.back().second.get();
    };
    std::size_t at = from;
    for (; at < m_ahead.size() && m_items.size() < BatchReader::k_max_items; ++at) {
      const FileEntry& file = *m_ahead[at];
      // As many bytes as the index says the file holds, and one more: a read that fills them all finds a
      // file that grew since, read again alone.
      const auto capacity = static_cast<std::size_t>(std::min<std::uint64_t>(m_max_bytes, file.size + 1));
      if (!m_items.empty() && bytes + capacity > k_batch_bytes)
        break;
      m_fetched.push_back({});
      const std::string_view path = file.path;
      if (file.mode == k_mode_symlink || (m_from_store && m_from_store(file)) || !is_safe_relative(path))
        continue;
      const auto slash = path.rfind('/');
      const int dir_fd =
          open_dir(slash == std::string_view::npos ? std::string_view() : path.substr(0, slash));
      if (dir_fd < 0)
        continue; // read alone, for its error
      m_fetched.back().offset = bytes;
      m_fetched.back().size = capacity;
      m_items.push_back(BatchItem{dir_fd,
                                  file.path.c_str() + (slash == std::string_view::npos ? 0 : slash + 1),
                                  nullptr, static_cast<std::uint32_t>(capacity), 0});
      m_item_of.push_back(m_fetched.size() - 1);
      bytes += capacity;
    }
    m_fetched_from = from;
    m_fetched_to = at;
    if (m_batch_buffer.empty() && !spare_buffers().empty()) {
      m_batch_buffer = std::move(spare_buffers().back());
      spare_buffers().pop_back();
    }
    if (m_batch_buffer.size() < bytes)
      m_batch_buffer.resize_and_overwrite(bytes, [](char*, std::size_t n) { return n; });
    for (std::size_t i = 0; i < m_items.size(); ++i)
      m_items[i].buffer = m_batch_buffer.data() + m_fetched[m_item_of[i]].offset;
    if (!reader->read(m_items)) {
      m_ahead.clear(); // io_uring failed here: every read from now on goes alone
      return false;
    }
    for (std::size_t i = 0; i < m_items.size(); ++i) {
      auto& got = m_fetched[m_item_of[i]];
      const int result = m_items[i].result;
      // Whole when the read stopped short of the buffer, or the buffer is the head asked for; an error (the
      // file gone, a directory, a FIFO that blocked) is read alone, for the same answer as a read alone.
      if (result < 0 || (static_cast<std::size_t>(result) == got.size && got.size < m_max_bytes))
        continue;
      got.size = static_cast<std::size_t>(result);
      got.alone = false;
    }
    if (m_dirs.size() > 1) {
      std::swap(m_dirs.front(), m_dirs.back());
      m_dirs.resize(1);
    }
    return true;
  }

  int m_root_fd;
  std::uint64_t m_max_bytes;
  const Snapshot& m_snapshot;
  std::function<bool(const FileEntry&)> m_from_store;
  HeadIdentifier m_identify;
  std::optional<ObjectId> m_blob;
  std::string m_dir;
  UniqueFd m_dir_fd;
  bool m_dir_open = false;
  int m_dir_error = 0;
  std::string m_buffer;
  // Read-ahead (expect): the files expected, the next one, and the batch read last (m_fetched_from to
  // m_fetched_to of m_ahead), its bytes in m_batch_buffer.
  std::vector<const FileEntry*> m_ahead;
  std::size_t m_next = 0;
  std::size_t m_fetched_from = 0;
  std::size_t m_fetched_to = 0;
  std::vector<Fetched> m_fetched;
  std::vector<BatchItem> m_items;
  std::vector<std::size_t> m_item_of;                        // each item's index in m_fetched
  std::vector<std::pair<std::string_view, UniqueFd>> m_dirs; // the directories of the batch (views of paths)
  std::string m_batch_buffer;
};

} // namespace

std::unique_ptr<HeadReader> make_worktree_head_reader(int root_fd, std::uint64_t max_bytes,
                                                      const Snapshot& snapshot,
                                                      std::function<bool(const FileEntry&)> from_store,
                                                      HeadIdentifier identify) {
  return std::make_unique<WorktreeHeadReader>(root_fd, max_bytes, snapshot, std::move(from_store),
                                              std::move(identify));
}

bool worktree_path_exists(int root_fd, std::string_view path) {
  while (path.starts_with("./")) {
    path.remove_prefix(2);
  }
  while (!path.empty() && path.back() == '/') {
    path.remove_suffix(1);
  }
  if (path.empty() || path == ".") {
    return true;
  }
  if (!is_safe_relative(path)) {
    return false;
  }
  const std::string relative(path);
  UniqueFd fd(open_beneath(root_fd, relative.c_str(), O_PATH | O_NOFOLLOW, RESOLVE_BENEATH));
  return fd.valid();
}

} // namespace tacit::repo
