// The Snapshot of a plain directory that is not inside a git repository: the files are what a walk finds,
// minus what .gitignore files exclude (and any `.git`). The walk never follows a symlink (a link is listed
// as a file whose content is its target, as git would store it), so loops and links out of the directory
// are harmless; a directory it cannot read is skipped with a note.

#include "snapshot_impl.hpp"

#include <tacit/util/glob.hpp>

#include <fmt/format.h>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <sys/stat.h>

namespace tacit::repo {

namespace {

constexpr std::uint64_t k_max_ignore_file = 1u << 20;
constexpr std::size_t k_max_files = 1'000'000;
constexpr int k_max_depth = 256;

struct DirCloser {
  void operator()(DIR* dir) const noexcept { ::closedir(dir); }
};
using DirPtr = std::unique_ptr<DIR, DirCloser>;

std::string join_path(const std::string& dir, std::string_view name) {
  return dir.empty() ? std::string(name) : fmt::format("{}/{}", dir, name);
}

class Walker {
public:
  Walker(std::vector<FileEntry>& files, std::vector<std::string>& notes, util::IgnoreRules& all_rules)
      : m_files(files), m_notes(notes), m_all_rules(all_rules) {}

  // Walks the directory open at `dir_fd` (owned by the walk from here on), `relative` to the root.
  void walk(int dir_fd, const std::string& relative, const util::IgnoreRules& inherited, int depth) {
    DirPtr dir(::fdopendir(dir_fd));
    if (!dir) {
      ::close(dir_fd);
      skip(relative, errno);
      return;
    }
    util::IgnoreRules extended;
    const util::IgnoreRules* rules = &inherited;
    if (auto content = read_ignore_file(dir_fd)) {
      extended = inherited;
      extended.add_file(*content, relative);
      m_all_rules.add_file(*content, relative);
      rules = &extended;
    }
    while (dirent* entry = ::readdir(dir.get())) {
      const std::string_view name = entry->d_name;
      if (name == "." || name == ".." || name == ".git") {
        continue;
      }
      if (m_files.size() >= k_max_files) {
        m_stopped = true;
        return;
      }
      visit(dir_fd, relative, name, entry->d_type, *rules, depth);
    }
  }

  bool stopped() const { return m_stopped; }

private:
  void visit(int dir_fd, const std::string& relative, std::string_view name, unsigned char type,
             const util::IgnoreRules& rules, int depth) {
    const std::string path = join_path(relative, name);
    struct stat info {};
    // Directories need no stat unless the file system does not report entry types.
    const bool have_info =
        type != DT_DIR && ::fstatat(dir_fd, entry_name(name), &info, AT_SYMLINK_NOFOLLOW) == 0;
    if (type == DT_UNKNOWN && have_info) {
      type = S_ISDIR(info.st_mode)   ? DT_DIR
             : S_ISREG(info.st_mode) ? DT_REG
             : S_ISLNK(info.st_mode) ? DT_LNK
                                     : DT_UNKNOWN;
    }
    if (type == DT_DIR) {
      if (rules.ignored(path, true)) {
        return;
      }
      if (depth >= k_max_depth) {
        m_notes.push_back(fmt::format("'{}' is nested too deeply; not walked", path));
        return;
      }
      const int child = ::openat(dir_fd, entry_name(name), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (child < 0) {
        skip(path, errno);
        return;
      }
      walk(child, path, rules, depth + 1);
      return;
    }
    if ((type != DT_REG && type != DT_LNK) || !have_info || rules.ignored(path, false)) {
      return; // FIFOs, sockets and devices are not files to lint
    }
    std::uint32_t mode = k_mode_symlink;
    if (S_ISREG(info.st_mode)) {
      mode = (info.st_mode & S_IXUSR) != 0 ? k_mode_executable : k_mode_regular;
    } else if (!S_ISLNK(info.st_mode)) {
      return;
    }
    m_files.push_back(FileEntry{path, mode, static_cast<std::uint64_t>(info.st_size)});
  }

  const char* entry_name(std::string_view name) {
    m_name.assign(name);
    return m_name.c_str();
  }

  std::optional<std::string> read_ignore_file(int dir_fd) {
    UniqueFd fd(::openat(dir_fd, ".gitignore", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (!fd.valid()) {
      return std::nullopt;
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
      return std::nullopt;
    }
    std::string content(static_cast<std::size_t>(std::min<std::uint64_t>(info.st_size, k_max_ignore_file)),
                        '\0');
    std::size_t got = 0;
    while (got < content.size()) {
      const ssize_t n = ::read(fd.get(), content.data() + got, content.size() - got);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) {
          continue;
        }
        break;
      }
      got += static_cast<std::size_t>(n);
    }
    content.resize(got);
    return content;
  }

  void skip(const std::string& path, int error) {
    m_notes.push_back(fmt::format("cannot read directory '{}': {}; skipped", path.empty() ? "." : path,
                                  std::strerror(error)));
  }

  std::vector<FileEntry>& m_files;
  std::vector<std::string>& m_notes;
  util::IgnoreRules& m_all_rules;
  std::string m_name;
  bool m_stopped = false;
};

class DirSnapshot final : public Snapshot {
public:
  DirSnapshot(std::filesystem::path root, UniqueFd root_fd, std::uint64_t max_read)
      : m_root(std::move(root)), m_root_fd(std::move(root_fd)), m_max_read(max_read) {}

  void load() {
    m_notes.push_back(fmt::format("{} is not a git repository: linting the directory as it is; history-based "
                                  "checks are off",
                                  m_root.string()));
    const int dir_fd = ::openat(m_root_fd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    Walker walker(m_files, m_notes, m_ignore);
    if (dir_fd < 0) {
      m_notes.push_back(fmt::format("cannot read directory '{}': {}", m_root.string(), std::strerror(errno)));
    } else {
      walker.walk(dir_fd, "", util::IgnoreRules{}, 0);
    }
    if (walker.stopped()) {
      m_notes.push_back(fmt::format("stopped listing after {} files", m_files.size()));
    }
    std::sort(m_files.begin(), m_files.end(),
              [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
  }

  const std::filesystem::path& root() const override { return m_root; }
  bool is_git() const override { return false; }
  ContentSource source() const override { return ContentSource::worktree; }
  std::string describe_source() const override { return "worktree"; }
  const std::vector<FileEntry>& files() const override { return m_files; }
  const std::vector<std::string>& notes() const override { return m_notes; }

  std::string why_empty() const override {
    return m_files.empty() ? fmt::format("the directory '{}' has no files (once .gitignore is applied): "
                                         "nothing to check",
                                         m_root.string())
                           : std::string{};
  }

  Result<Content> read(const FileEntry& file) const override {
    return read_worktree_file(m_root_fd.get(), file.path, file.mode, m_max_read);
  }

  std::unique_ptr<HeadReader> head_reader(std::uint64_t max_bytes) const override {
    return make_worktree_head_reader(m_root_fd.get(), std::min(max_bytes, m_max_read), *this, {});
  }

  bool is_ignored(std::string_view path) const override {
    while (path.starts_with("./")) {
      path.remove_prefix(2);
    }
    bool is_dir = path.ends_with('/');
    while (path.ends_with('/')) {
      path.remove_suffix(1);
    }
    if (path.empty()) {
      return false;
    }
    if (path == ".git" || path.starts_with(".git/") || path.find("/.git/") != std::string_view::npos ||
        path.ends_with("/.git")) {
      return true;
    }
    if (!is_dir) {
      struct stat info {};
      const std::string relative(path);
      is_dir = ::fstatat(m_root_fd.get(), relative.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 &&
               S_ISDIR(info.st_mode);
    }
    return m_ignore.ignored(path, is_dir);
  }

  bool exists_untracked(std::string_view path) const override {
    return worktree_path_exists(m_root_fd.get(), path);
  }

private:
  std::filesystem::path m_root;
  UniqueFd m_root_fd;
  std::uint64_t m_max_read;
  std::vector<FileEntry> m_files;
  std::vector<std::string> m_notes;
  util::IgnoreRules m_ignore; // every .gitignore found, in walk order (deeper files after their parents)
};

} // namespace

Result<std::unique_ptr<Snapshot>> open_dir_snapshot(const std::filesystem::path& root,
                                                    const SnapshotOptions& options) {
  auto fd = open_root(root);
  if (!fd) {
    return std::unexpected(fd.error());
  }
  auto snapshot = std::make_unique<DirSnapshot>(root, std::move(*fd), options.max_read_bytes);
  snapshot->load();
  return std::unique_ptr<Snapshot>(std::move(snapshot));
}

} // namespace tacit::repo
