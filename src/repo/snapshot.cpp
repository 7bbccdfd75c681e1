// Snapshot::open: finds the repository that holds a path (or falls back to a plain directory walk) and
// hands over to the matching implementation; plus the lookups shared by every implementation.

#include "git_raii.hpp"
#include "snapshot_impl.hpp"

#include <tacit/repo/snapshot.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <system_error>

// libgit2 as Debian builds it (with mbedTLS) parses the system's whole CA bundle in git_libgit2_init, for
// HTTPS connections that tacit never makes (it opens no network connection): about 50 million instructions,
// an eighth of a check of a 1,000-file repository. The executable's definition takes the place of mbedTLS's
// for libgit2's calls, so the bundle is not read ("loaded", with no certificate). A libgit2 built with
// another TLS library never calls it; nothing else in tacit uses mbedTLS.
extern "C" int mbedtls_x509_crt_parse_file(void* /*chain*/, const char* /*path*/) {
  return 0;
}
extern "C" int mbedtls_x509_crt_parse_path(void* /*chain*/, const char* /*path*/) {
  return 0;
}

namespace tacit::repo {

namespace git {

namespace {

std::vector<std::string>& mutable_config_notes() {
  static std::vector<std::string> notes;
  return notes;
}

// libgit2 fails to open any repository when a configuration file it looks for in the user's or the system's
// directories cannot be checked (an unreadable HOME: containers run with --user); git only warns. Such
// directories leave libgit2's search path, and a note says so: tacit needs none of their settings.
void skip_unreadable_config_dirs() {
  struct Level {
    git_config_level_t level;
    const char* file;
  };
  constexpr Level k_levels[] = {{GIT_CONFIG_LEVEL_GLOBAL, ".gitconfig"},
                                {GIT_CONFIG_LEVEL_XDG, "config"},
                                {GIT_CONFIG_LEVEL_SYSTEM, "gitconfig"}};
  for (const auto& [level, file] : k_levels) {
    Buf path;
    if (git_libgit2_opts(GIT_OPT_GET_SEARCH_PATH, level, &path.value) < 0 || path.value.ptr == nullptr) {
      continue;
    }
    std::string kept;
    bool dropped = false;
    for (const auto dir :
         util::split(std::string_view(path.value.ptr, path.value.size), GIT_PATH_LIST_SEPARATOR)) {
      const auto candidate = fmt::format("{}/{}", dir, file);
      struct stat info {};
      const bool missing = ::stat(candidate.c_str(), &info) != 0 && (errno == ENOENT || errno == ENOTDIR);
      if (!missing && (::access(candidate.c_str(), R_OK) != 0)) {
        mutable_config_notes().push_back(fmt::format("cannot read the git configuration '{}' ({}): left out",
                                                     candidate, std::strerror(errno)));
        dropped = true;
        continue;
      }
      kept += kept.empty() ? "" : std::string(1, GIT_PATH_LIST_SEPARATOR);
      kept += dir;
    }
    if (dropped) {
      git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, kept.c_str());
    }
  }
}

} // namespace

const std::vector<std::string>& config_notes() {
  return mutable_config_notes();
}

void ensure_initialised() {
  // Shut down at exit so that leak checkers see libgit2's global state released.
  struct Library {
    Library() {
      git_libgit2_init();
      // A read-only linter must work on a checkout owned by another user (CI containers, shared mounts).
      git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
      // Added to libgit2's built-in list (which stays on); these only change how git writes, not what a
      // reader sees, so reading such a repository is safe.
      const char* extensions[] = {"worktreeconfig", "partialclone", "preciousobjects"};
      git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, extensions, std::size(extensions));
      skip_unreadable_config_dirs();
      // Objects are read as git reads them: libgit2 re-hashes every object it reads by default, which is a
      // third of the cost of a history read (trees and commits); a corrupt object still fails to inflate.
      git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    }
    ~Library() { git_libgit2_shutdown(); }
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
  };
  static Library library;
}

std::string last_error(const char* fallback) {
  const git_error* error = git_error_last();
  if (error == nullptr || error->message == nullptr || error->message[0] == '\0') {
    return fallback;
  }
  return error->message;
}

} // namespace git

namespace {

std::string source_flag(ContentSource source) {
  return source == ContentSource::index ? "--staged" : "--rev";
}

// The first `.git` at or above `start` once libgit2 found no repository there: a `gitdir:` file that names a
// missing directory, or a damaged folder. git stops at it with an error, and so does tacit, rather than walk
// the tree as a plain folder.
std::optional<std::string> broken_git_entry(std::filesystem::path start) {
  std::error_code ec;
  start = start.lexically_normal();
  if (!start.has_filename()) {
    start = start.parent_path(); // "/repo/." normalises to "/repo/"
  }
  for (auto dir = std::move(start);; dir = dir.parent_path()) {
    const auto entry = dir / ".git";
    const auto status = std::filesystem::symlink_status(entry, ec);
    if (std::filesystem::is_regular_file(status)) {
      std::ifstream in(entry, std::ios::binary);
      std::string head(4096, '\0');
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<std::size_t>(in.gcount()));
      head = head.substr(0, head.find_first_of("\r\n"));
      if (!head.starts_with("gitdir:")) {
        return fmt::format("'{}' is a file without a 'gitdir:' line, so no git repository is found",
                           entry.string());
      }
      return fmt::format("'{}' points at '{}', which is not a git repository (a moved or deleted worktree or "
                         "submodule?)",
                         entry.string(), util::trim(std::string_view(head).substr(7)));
    }
    if (std::filesystem::exists(status)) {
      return fmt::format("'{}' is not a valid git directory", entry.string());
    }
    if (dir == dir.parent_path()) {
      return std::nullopt;
    }
  }
}

} // namespace

Result<std::unique_ptr<Snapshot>> Snapshot::open(const SnapshotOptions& options) {
  try {
    git::ensure_initialised();
    const std::string shown = options.path.string();
    std::error_code ec;
    const auto status = std::filesystem::status(options.path, ec);
    if (ec || !std::filesystem::exists(status)) {
      if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
        return make_error(ErrorCode::usage, fmt::format("cannot access '{}': {}", shown, ec.message()));
      }
      return make_error(ErrorCode::usage, fmt::format("'{}' does not exist", shown));
    }
    const bool is_file = !std::filesystem::is_directory(status);
    if (is_file && !std::filesystem::is_regular_file(status)) {
      return make_error(ErrorCode::usage, fmt::format("'{}' is not a directory or a regular file", shown));
    }
    // PATH is any path inside a repository: a file stands for the directory that holds it.
    std::filesystem::path start = std::filesystem::absolute(options.path, ec);
    if (ec) {
      return make_error(ErrorCode::usage, fmt::format("cannot resolve '{}': {}", shown, ec.message()));
    }
    if (is_file) {
      start = start.parent_path();
    }
    git_repository* raw = nullptr;
    const int rc = git_repository_open_ext(&raw, start.c_str(), 0, nullptr);
    git::RepositoryPtr repository(raw);
    if (rc == GIT_ENOTFOUND) {
      if (is_file) {
        return make_error(
            ErrorCode::usage,
            fmt::format("'{}' is a file and is not inside a git repository; pass a directory", shown));
      }
      if (options.source != ContentSource::worktree) {
        return make_error(ErrorCode::usage,
                          fmt::format("{} needs a git repository, and '{}' is not inside one",
                                      source_flag(options.source), shown));
      }
      if (auto broken = broken_git_entry(start)) {
        return make_error(ErrorCode::repository, std::move(*broken));
      }
      std::filesystem::path root = std::filesystem::canonical(start, ec);
      if (ec) {
        return make_error(ErrorCode::usage, fmt::format("cannot resolve '{}': {}", shown, ec.message()));
      }
      return open_dir_snapshot(root, options);
    }
    if (rc < 0) {
      return make_error(
          ErrorCode::repository,
          fmt::format("cannot open the git repository that holds '{}': {}", shown, git::last_error()));
    }
    if (git_repository_is_bare(repository.get()) != 0 ||
        git_repository_workdir(repository.get()) == nullptr) {
      std::string git_dir = git_repository_path(repository.get());
      while (git_dir.size() > 1 && git_dir.back() == '/') {
        git_dir.pop_back();
      }
      return make_error(ErrorCode::repository,
                        fmt::format("'{}' is a bare repository: tacit needs a worktree (clone it and run "
                                    "tacit in the clone, with --rev to check a given commit)",
                                    git_dir));
    }
    return open_git_snapshot(std::move(repository), options);
  } catch (const std::exception& error) {
    return make_error(ErrorCode::internal,
                      fmt::format("cannot open '{}': {}", options.path.string(), error.what()));
  }
}

std::vector<Commit> Snapshot::history(const HistoryOptions&) const {
  return {}; // a plain directory has no history
}

namespace {

// Heads through Snapshot::read, for sources without a cheaper way.
class ReadingHeadReader final : public HeadReader {
public:
  ReadingHeadReader(const Snapshot& snapshot, std::uint64_t max_bytes)
      : m_snapshot(snapshot), m_max_bytes(max_bytes) {}

  Result<std::string_view> read(const FileEntry& file) override {
    auto content = m_snapshot.read(file);
    if (!content) {
      return std::unexpected(content.error());
    }
    m_buffer = std::move(content->bytes);
    m_blob = content->blob;
    return std::string_view(m_buffer).substr(0, static_cast<std::size_t>(m_max_bytes));
  }

  std::optional<ObjectId> blob() const override { return m_blob; }

private:
  const Snapshot& m_snapshot;
  std::uint64_t m_max_bytes;
  std::string m_buffer;
  std::optional<ObjectId> m_blob;
};

} // namespace

std::unique_ptr<HeadReader> Snapshot::head_reader(std::uint64_t max_bytes) const {
  return std::make_unique<ReadingHeadReader>(*this, max_bytes);
}

std::optional<ObjectId> Snapshot::stored_blob(const FileEntry&) const {
  return std::nullopt;
}

const FileEntry* Snapshot::find(std::string_view path) const {
  const auto& entries = files();
  auto it =
      std::lower_bound(entries.begin(), entries.end(), path,
                       [](const FileEntry& entry, std::string_view wanted) { return entry.path < wanted; });
  if (it == entries.end() || it->path != path) {
    return nullptr;
  }
  return &*it;
}

bool Snapshot::is_directory(std::string_view path) const {
  while (!path.empty() && path.back() == '/') {
    path.remove_suffix(1);
  }
  const auto& entries = files();
  if (path.empty()) {
    return !entries.empty();
  }
  std::string prefix(path);
  prefix += '/';
  auto it =
      std::lower_bound(entries.begin(), entries.end(), prefix,
                       [](const FileEntry& entry, const std::string& wanted) { return entry.path < wanted; });
  return it != entries.end() && it->path.starts_with(prefix);
}

} // namespace tacit::repo
