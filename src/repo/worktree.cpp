// Reads files of a worktree (or a plain directory) beneath its root. Every path is resolved with
// openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) so that neither a symlink nor ".." leads a read out of the
// root; where the kernel lacks openat2 (or a seccomp filter refuses it) reads fall back to openat with
// O_NOFOLLOW on the last component and a lexical check of the path. Opening with O_NONBLOCK keeps a FIFO
// planted in the worktree from hanging the run.

#include "snapshot_impl.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

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

  Result<std::string_view> read(const FileEntry& file) override {
    m_blob.reset();
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

private:
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
