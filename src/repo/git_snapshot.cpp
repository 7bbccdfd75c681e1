// The Snapshot of a git repository: files from the index (worktree and index sources) or from a commit's
// tree (revision source); content from the worktree or the object store. libgit2 calls go through one
// mutex (a git_repository is not safe to share between threads); worktree reads take no lock.

#include "cache_tree.hpp"
#include "git_raii.hpp"
#include "index_file.hpp"
#include "snapshot_impl.hpp"

#include <tacit/util/strings.hpp>
#include <tacit/util/timing.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <sys/stat.h>
#include <thread>

namespace tacit::repo {

// The stage-0 entries of a repository's index, as one read of it gave them, and the index file's modification
// time taken before that read (an entry as new as the file is racy: its worktree file may have changed within
// the same second without its size or time telling).
struct IndexReading {
  struct Entry {
    std::string path;
    git_oid id{};
    std::uint32_t mode = 0;
    std::uint64_t file_size = 0;
    std::int64_t mtime_seconds = 0;
    std::uint32_t mtime_nanoseconds = 0;
    std::uint16_t flags_extended = 0;
  };
  std::string git_dir;        ///< the repository whose index it is (git_repository_path)
  std::vector<Entry> entries; ///< sorted by path (byte order)
  bool has_time = false;      ///< the index file's time is known (else no file counts as still checked out)
  std::int64_t index_time = 0;
  /// The valid entries of the index's cache-tree extension, sorted by path (empty when the file read for it
  /// was not byte for byte the one libgit2 read: its checksum differs).
  std::vector<CachedTree> trees;

  const Entry* find(std::string_view path) const {
    const auto it = std::lower_bound(entries.begin(), entries.end(), path,
                                     [](const Entry& entry, std::string_view p) { return entry.path < p; });
    return it != entries.end() && it->path == path ? &*it : nullptr;
  }

  /// The entries beneath folder `prefix` ("" or ending in '/').
  std::span<const Entry> beneath(std::string_view prefix) const {
    const auto first =
        std::lower_bound(entries.begin(), entries.end(), prefix,
                         [](const Entry& entry, std::string_view p) { return entry.path < p; });
    auto last = first;
    while (last != entries.end() && std::string_view(last->path).starts_with(prefix))
      ++last;
    return {first, last};
  }

  /// The cache tree's entry for folder `prefix`, or nullptr.
  const CachedTree* tree(std::string_view prefix) const {
    const auto it =
        std::lower_bound(trees.begin(), trees.end(), prefix,
                         [](const CachedTree& tree, std::string_view p) { return tree.path < p; });
    return it != trees.end() && it->path == prefix ? &*it : nullptr;
  }
};

namespace {

// The modification time (seconds) of the repository's index file, or nullopt.
std::optional<std::int64_t> index_file_time(git_repository* repository) {
  const auto path = std::filesystem::path(git_repository_path(repository)) / "index";
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(info.st_mtim.tv_sec);
}

// The cache-tree entries of the repository's index file, when the file is still the one `index` was read
// from (the same checksum: no git command rewrote it since); else none. Never through a symbolic link.
std::vector<CachedTree> read_index_trees(git_repository* repository, git_index* index) {
  constexpr std::uint64_t k_max_index_bytes = 1u << 30;
  const git_oid* checksum = git_index_checksum(index);
  if (checksum == nullptr) {
    return {};
  }
  const auto path = std::filesystem::path(git_repository_path(repository)) / "index";
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  struct stat info {};
  if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<std::uint64_t>(info.st_size) > k_max_index_bytes ||
      static_cast<std::size_t>(info.st_size) < GIT_OID_RAWSZ) {
    return {};
  }
  std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return {};
    }
    done += static_cast<std::size_t>(n);
  }
  git_oid trailer{};
  git_oid_fromraw(&trailer,
                  reinterpret_cast<const unsigned char*>(bytes.data() + bytes.size() - GIT_OID_RAWSZ));
  if (!git_oid_equal(&trailer, checksum)) {
    return {};
  }
  auto trees = read_cache_tree(bytes);
  return trees ? std::move(*trees) : std::vector<CachedTree>{};
}

// libgit2's entries of `index`, in its order (their paths point into it).
std::vector<IndexFileEntry> index_entries(git_index* index) {
  std::vector<IndexFileEntry> entries;
  const std::size_t count = git_index_entrycount(index);
  entries.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index, i);
    if (entry == nullptr) {
      continue;
    }
    IndexFileEntry& kept = entries.emplace_back();
    kept.path = entry->path;
    git_oid_cpy(&kept.id, &entry->id);
    kept.mode = entry->mode;
    kept.file_size = entry->file_size;
    kept.mtime_seconds = entry->mtime.seconds;
    kept.mtime_nanoseconds = entry->mtime.nanoseconds;
    kept.flags = entry->flags;
    kept.flags_extended = entry->flags_extended;
  }
  return entries;
}

// The entries of an index, whoever read it: index_file.cpp (decoded on each access) or libgit2.
class IndexEntries {
public:
  explicit IndexEntries(const IndexFile& file) : m_file(&file) {}
  explicit IndexEntries(git_index* index) : m_converted(index_entries(index)) {}
  std::size_t size() const { return m_file != nullptr ? m_file->size() : m_converted.size(); }
  IndexFileEntry operator[](std::size_t at) const {
    return m_file != nullptr ? m_file->entry(at) : m_converted[at];
  }

private:
  const IndexFile* m_file = nullptr;
  std::vector<IndexFileEntry> m_converted;
};

// The reading of an index whose entries are `entries` (in the index's order); `trees` gives its cache tree,
// asked only when they are in path order (the cache tree's premise).
std::shared_ptr<const IndexReading>
make_index_reading(git_repository* repository, const IndexEntries& entries, std::optional<std::int64_t> time,
                   const std::function<std::vector<CachedTree>()>& trees) {
  auto reading = std::make_shared<IndexReading>();
  reading->git_dir = git_repository_path(repository);
  reading->has_time = time.has_value();
  reading->index_time = time.value_or(0);
  reading->entries.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const IndexFileEntry entry = entries[i];
    if (entry.stage() != 0) {
      continue;
    }
    IndexReading::Entry& kept = reading->entries.emplace_back();
    kept.path = entry.path;
    git_oid_cpy(&kept.id, &entry.id);
    kept.mode = entry.mode;
    kept.file_size = entry.file_size;
    kept.mtime_seconds = entry.mtime_seconds;
    kept.mtime_nanoseconds = entry.mtime_nanoseconds;
    kept.flags_extended = entry.flags_extended;
  }
  const auto by_path = [](const IndexReading::Entry& a, const IndexReading::Entry& b) {
    return a.path < b.path;
  };
  if (!std::is_sorted(reading->entries.begin(), reading->entries.end(), by_path)) {
    std::sort(reading->entries.begin(), reading->entries.end(), by_path); // a case-insensitive index's order
  } else {
    reading->trees = trees();
  }
  return reading;
}

std::shared_ptr<const IndexReading> make_index_reading(git_repository* repository, git_index* index,
                                                       std::optional<std::int64_t> time) {
  return make_index_reading(repository, IndexEntries(index), time,
                            [&] { return read_index_trees(repository, index); });
}

std::shared_ptr<const IndexReading> make_index_reading(git_repository* repository, const IndexFile& file) {
  return make_index_reading(repository, IndexEntries(file), file.time(), [&] { return file.trees(); });
}

ObjectId object_id(const git_oid& oid) {
  ObjectId id;
  std::copy_n(oid.id, id.raw.size(), id.raw.begin());
  return id;
}

// The git mode tacit reports for an index or tree mode; 0 for what is not a file (submodules, trees).
std::uint32_t file_mode(std::uint32_t mode) {
  if ((mode & 0170000) == 0100000) {
    return (mode & 0111) != 0 ? k_mode_executable : k_mode_regular;
  }
  return mode == k_mode_symlink ? k_mode_symlink : 0;
}

// One file while the list is built; `rank` orders the stages of a conflicted path (ours first).
struct Item {
  FileEntry entry;
  git_oid oid{};
  int rank = 0;
  bool from_store = false;
  std::optional<CheckoutStat> checkout; // worktree source, SnapshotOptions::identify: checked_out_blob
};

int stage_rank(int stage) {
  static constexpr int k_ranks[] = {0, 3, 1, 2};
  return k_ranks[stage & 3];
}

struct WalkState {
  std::vector<Item>* items = nullptr;
  git_odb* odb = nullptr;
  const IndexReading* index =
      nullptr; ///< the repository's index, when it has one: sizes of the blobs it names
};

extern "C" int collect_tree_entry(const char* root, const git_tree_entry* entry, void* payload) noexcept {
  try {
    auto* state = static_cast<WalkState*>(payload);
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
      return 0; // trees are walked into; commits (submodules) are skipped
    }
    const std::uint32_t mode = file_mode(static_cast<std::uint32_t>(git_tree_entry_filemode(entry)));
    if (mode == 0) {
      return 0;
    }
    Item item;
    item.entry.path = root;
    item.entry.path += git_tree_entry_name(entry);
    item.entry.mode = mode;
    git_oid_cpy(&item.oid, git_tree_entry_id(entry));
    // A blob the index names too has its size there (the checked-out file's: it differs from the blob's only
    // by line-end conversion); reading the header of a packed object resolves its delta chain, which made
    // opening a commit of moby take ~0.3 s.
    const IndexReading::Entry* known =
        state->index != nullptr ? state->index->find(item.entry.path) : nullptr;
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (known != nullptr && git_oid_equal(&known->id, &item.oid)) {
      item.entry.size = known->file_size;
    } else if (git_odb_read_header(&size, &type, state->odb, &item.oid) == 0) {
      item.entry.size = size;
    }
    item.from_store = true;
    state->items->push_back(std::move(item));
    return 0;
  } catch (...) {
    return -1;
  }
}

// A folder of a commit's tree listed from the index instead of being read: when the index's cache tree
// records the same tree id for the folder (so the index entries beneath it are that tree's files, with the
// same blob ids and modes) and covers as many entries as the index has there, none of them intent-to-add.
bool collect_from_index(std::string_view prefix, const git_oid& id, WalkState& state) {
  if (state.index == nullptr) {
    return false;
  }
  const CachedTree* cached = state.index->tree(prefix);
  if (cached == nullptr || !git_oid_equal(&cached->id, &id)) {
    return false;
  }
  const auto entries = state.index->beneath(prefix);
  if (entries.size() != cached->entries || std::ranges::any_of(entries, [](const IndexReading::Entry& entry) {
        return (entry.flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD) != 0;
      })) {
    return false;
  }
  for (const auto& entry : entries) {
    const std::uint32_t mode = file_mode(entry.mode);
    if (mode == 0) {
      continue; // a submodule
    }
    Item item;
    item.entry = FileEntry{entry.path, mode, entry.file_size};
    git_oid_cpy(&item.oid, &entry.id);
    item.from_store = true;
    state.items->push_back(std::move(item));
  }
  return true;
}

// Lists the files of `tree` (the folder `prefix`, "" or ending in '/') as git_tree_walk with
// collect_tree_entry would, reading only the subtrees collect_from_index cannot list.
int walk_tree(git_repository* repository, const git_tree* tree, std::string& prefix, WalkState& state) {
  const std::size_t count = git_tree_entrycount(tree);
  for (std::size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
    if (git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
      if (collect_tree_entry(prefix.c_str(), entry, &state) < 0) {
        return -1;
      }
      continue;
    }
    const std::size_t length = prefix.size();
    prefix += git_tree_entry_name(entry);
    prefix += '/';
    if (!collect_from_index(prefix, *git_tree_entry_id(entry), state)) {
      git_tree* raw = nullptr;
      if (git_tree_lookup(&raw, repository, git_tree_entry_id(entry)) < 0) {
        return -1;
      }
      const git::TreePtr subtree(raw);
      if (walk_tree(repository, subtree.get(), prefix, state) < 0) {
        return -1;
      }
    }
    prefix.resize(length);
  }
  return 0;
}

class GitSnapshot;

// Heads from the object store (--staged, --rev), each blob read only up to the head's size.
class BlobHeadReader final : public HeadReader {
public:
  BlobHeadReader(const GitSnapshot& snapshot, std::uint64_t max_bytes)
      : m_snapshot(snapshot), m_max_bytes(max_bytes) {}
  Result<std::string_view> read(const FileEntry& file) override;
  std::optional<ObjectId> blob() const override { return m_blob; }

private:
  const GitSnapshot& m_snapshot;
  std::uint64_t m_max_bytes;
  std::string m_buffer;
  std::optional<ObjectId> m_blob;
};

class GitSnapshot final : public Snapshot {
public:
  GitSnapshot(git::RepositoryPtr repository, const SnapshotOptions& options)
      : m_repository(std::move(repository)), m_source(options.source), m_max_read(options.max_read_bytes),
        m_identify(options.identify && options.source == ContentSource::worktree) {
    std::string workdir = git_repository_workdir(m_repository.get());
    while (workdir.size() > 1 && workdir.back() == '/') {
      workdir.pop_back();
    }
    m_root = workdir;
  }

  Result<bool> load(const SnapshotOptions& options) {
    m_notes.insert(m_notes.begin(), git::config_notes().begin(), git::config_notes().end());
    git_odb* odb = nullptr;
    if (git_repository_odb(&odb, m_repository.get()) < 0) {
      return make_error(ErrorCode::repository, fmt::format("cannot open the object store of '{}': {}",
                                                           m_root.string(), git::last_error()));
    }
    m_odb.reset(odb);
    if (m_source == ContentSource::worktree) {
      auto fd = open_root(m_root);
      if (!fd) {
        return std::unexpected(fd.error());
      }
      m_root_fd = std::move(*fd);
    }
    if (m_source != ContentSource::revision) {
      m_has_start = git_reference_name_to_id(&m_start, m_repository.get(), "HEAD") == 0;
    }
    std::vector<Item> items;
    std::optional<util::ScopedTiming> listing(std::in_place, "open: the files listed (index or commit)");
    auto loaded = m_source == ContentSource::revision ? load_revision(options, items) : load_index(items);
    listing.reset();
    if (!loaded) {
      return loaded;
    }
    add_items(items);
    m_tracked_count = m_files.size();
    std::sort(m_gitlinks.begin(), m_gitlinks.end());
    if (m_source != ContentSource::worktree) {
      find_unchanged_checkouts();
    } else {
      if (m_identify && checkout_may_rewrite()) {
        m_checkout.clear(); // no worktree file is known to hold its blob's bytes
      }
      add_worktree_scan(options);
    }
    return true;
  }

  const std::filesystem::path& root() const override { return m_root; }
  bool is_git() const override { return true; }
  ContentSource source() const override { return m_source; }
  std::string describe_source() const override { return m_description; }
  const std::vector<FileEntry>& files() const override { return m_files; }
  const std::vector<std::string>& notes() const override { return m_notes; }

  std::shared_ptr<const IndexReading> index_reading() const override {
    if (m_source == ContentSource::revision) {
      return nullptr;
    }
    std::lock_guard lock(m_mutex);
    return reading_of_index();
  }

  std::string why_empty() const override {
    if (!m_files.empty()) {
      return {};
    }
    if (m_source == ContentSource::revision) {
      return fmt::format("{} has no files: nothing to check", m_description);
    }
    if (m_source == ContentSource::index) {
      return fmt::format("nothing is staged: the index of the repository at '{}' has no files",
                         m_root.string());
    }
    if (m_tracked_count > 0) {
      return fmt::format(
          "none of the {} tracked files of the repository at '{}' is in its worktree (a broken "
          "or unfinished checkout?): `git status` lists them as deleted, `git checkout -- .` "
          "restores them, `tacit check --rev HEAD` checks the last commit",
          m_tracked_count, m_root.string());
    }
    return fmt::format("the repository at '{}' has no files: nothing is tracked, and no untracked file is "
                       "left once .gitignore is applied",
                       m_root.string());
  }

  /// Reads a file from the object store, capped at `max_bytes` (streamed when the object is loose).
  Result<Content> read_stored(const FileEntry& file, std::uint64_t max_bytes) const {
    const std::size_t at = index_of(file);
    if (at == m_files.size()) {
      return make_error(ErrorCode::io, "is not a file of this snapshot", file.path);
    }
    return with_blob(at, read_from_store(at, max_bytes));
  }

  // A file of the index or a commit: from its unchanged checkout, else from the object store.
  Result<Content> read_from_store(std::size_t at, std::uint64_t max_bytes) const {
    if (auto content = read_checkout(at, max_bytes)) {
      return std::move(*content);
    }
    std::lock_guard lock(m_mutex);
    return read_blob(m_odb.get(), m_oids[at], m_files[at].path, max_bytes);
  }

  // A read of the blob m_oids[at] (from the store or its unchanged checkout) says so.
  Result<Content> with_blob(std::size_t at, Result<Content> content) const {
    if (content) {
      content->blob = object_id(m_oids[at]);
    }
    return content;
  }

  // The blob whose bytes a worktree read of file `at` gave (SnapshotOptions::identify): the file had the
  // size and time of its (not racy) index entry when read (`seen`), and `bytes` hold no CR (no line end was
  // converted in them).
  std::optional<ObjectId> checked_out_blob(std::size_t at, const CheckoutStat& seen,
                                           std::string_view bytes) const {
    if (at >= m_checkout.size() || !m_checkout[at] || !(*m_checkout[at] == seen) ||
        bytes.find('\r') != std::string_view::npos) {
      return std::nullopt;
    }
    return object_id(m_oids[at]);
  }

  Result<Content> read(const FileEntry& file) const override {
    const std::size_t at = index_of(file);
    if (at == m_files.size()) {
      return make_error(ErrorCode::io, "is not a file of this snapshot", file.path);
    }
    if (m_source == ContentSource::worktree && !m_from_store[at]) {
      CheckoutStat seen;
      auto content = read_worktree_file(m_root_fd.get(), m_files[at].path, m_files[at].mode, m_max_read,
                                        m_identify ? &seen : nullptr);
      if (content && m_identify && !content->truncated && m_files[at].mode != k_mode_symlink) {
        content->blob = checked_out_blob(at, seen, content->bytes);
      }
      return content;
    }
    return with_blob(at, read_from_store(at, m_max_read));
  }

  std::optional<ObjectId> stored_blob(const FileEntry& file) const override {
    const std::size_t at = index_of(file);
    if (at == m_files.size() || (m_source == ContentSource::worktree && !m_from_store[at])) {
      return std::nullopt;
    }
    return object_id(m_oids[at]);
  }

  std::unique_ptr<HeadReader> head_reader(std::uint64_t max_bytes) const override {
    if (m_source != ContentSource::worktree) {
      return std::make_unique<BlobHeadReader>(*this, std::min(max_bytes, m_max_read));
    }
    // Files the worktree lacks (sparse checkouts, skip-worktree) come from the object store.
    HeadIdentifier identify;
    if (!m_checkout.empty()) {
      identify = [this](const FileEntry& file, const CheckoutStat& seen, std::string_view head) {
        return checked_out_blob(index_of(file), seen, head);
      };
    }
    return make_worktree_head_reader(
        m_root_fd.get(), std::min(max_bytes, m_max_read), *this,
        [this](const FileEntry& file) {
          const std::size_t at = index_of(file);
          return at == m_files.size() || m_from_store[at];
        },
        std::move(identify));
  }

  bool is_ignored(std::string_view path) const override {
    while (path.starts_with("./")) {
      path.remove_prefix(2);
    }
    if (path.empty()) {
      return false;
    }
    const std::string relative(path);
    std::lock_guard lock(m_mutex);
    int ignored = 0;
    if (git_ignore_path_is_ignored(&ignored, m_repository.get(), relative.c_str()) < 0) {
      return false;
    }
    return ignored == 1;
  }

  bool exists_untracked(std::string_view path) const override {
    return m_source == ContentSource::worktree && worktree_path_exists(m_root_fd.get(), path);
  }

  std::vector<Commit> history(const HistoryOptions& options) const override {
    if (!m_has_start) {
      return {};
    }
    std::lock_guard lock(m_mutex);
    return walk_history(m_repository.get(), m_start, options);
  }

private:
  // Worktree source: drops the tracked files missing from disk (with a note) and adds the untracked files
  // that are not ignored, keeping m_files, m_oids and m_from_store parallel and sorted.
  void add_worktree_scan(const SnapshotOptions& options) {
    constexpr unsigned k_max_walk_threads = 8;
    const unsigned threads =
        std::min(k_max_walk_threads, options.jobs > 0 ? options.jobs : std::thread::hardware_concurrency());
    auto scan = [&] {
      const util::ScopedTiming timing("open: worktree walk");
      return scan_worktree(m_root_fd.get(), m_repository.get(), m_files, m_gitlinks,
                           options.skip_untracked_in, threads);
    }();
    m_notes.insert(m_notes.end(), scan.notes.begin(), scan.notes.end());
    // The files missing from the worktree are dropped in place, the untracked ones merged in from the back:
    // the lists are long, and fresh memory costs more than moving within them.
    std::size_t missing = 0;
    std::size_t sparse = 0;
    std::string first_missing;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_files.size(); ++i) {
      if (m_from_store[i]) {
        ++sparse;
      } else if (!scan.present[i]) {
        if (missing++ == 0) {
          first_missing = m_files[i].path;
        }
        continue;
      }
      if (kept != i) {
        m_files[kept] = std::move(m_files[i]);
        m_oids[kept] = m_oids[i];
        m_from_store[kept] = m_from_store[i];
        if (!m_checkout.empty()) {
          m_checkout[kept] = m_checkout[i];
        }
      }
      ++kept;
    }
    const std::size_t total = kept + scan.untracked.size();
    m_files.resize(total);
    m_oids.resize(total);
    m_from_store.resize(total);
    if (!m_checkout.empty()) {
      m_checkout.resize(total);
    }
    // An untracked file goes after a tracked one of the same path (there is none: it would be tracked).
    for (std::size_t tracked = kept, untracked = scan.untracked.size(), at = total; untracked > 0; --at) {
      if (tracked > 0 && scan.untracked[untracked - 1].path < m_files[tracked - 1].path) {
        --tracked;
        m_files[at - 1] = std::move(m_files[tracked]);
        m_oids[at - 1] = m_oids[tracked];
        m_from_store[at - 1] = m_from_store[tracked];
        if (!m_checkout.empty()) {
          m_checkout[at - 1] = m_checkout[tracked];
        }
        continue;
      }
      --untracked;
      m_files[at - 1] = std::move(scan.untracked[untracked]);
      m_oids[at - 1] = git_oid{};
      m_from_store[at - 1] = false;
      if (!m_checkout.empty()) {
        m_checkout[at - 1].reset();
      }
    }
    if (sparse > 0) {
      m_notes.push_back(fmt::format("sparse checkout: {} tracked file(s) outside it are not in the worktree; "
                                    "they are read from the index",
                                    sparse));
    }
    if (missing > 0) {
      m_notes.push_back(
          fmt::format("{} tracked file(s) are missing from the worktree (deleted, not committed; "
                      "first: '{}'): checked as absent",
                      missing, first_missing));
    }
  }

  // The files of a revision (or of an index out of path order) in m_files, m_oids, m_from_store and
  // m_checkout: sorted, each conflicted path once (ours, else theirs, else the base).
  void add_items(std::vector<Item>& items) {
    if (items.empty()) {
      return;
    }
    const auto by_path = [](const Item& a, const Item& b) {
      return a.entry.path < b.entry.path || (a.entry.path == b.entry.path && a.rank < b.rank);
    };
    if (!std::is_sorted(items.begin(), items.end(), by_path)) { // a tree is in path order
      std::stable_sort(items.begin(), items.end(), by_path);
    }
    m_files.reserve(items.size());
    m_oids.reserve(items.size());
    m_from_store.reserve(items.size());
    if (m_identify) {
      m_checkout.reserve(items.size());
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!m_files.empty() && items[i].entry.path == m_files.back().path) {
        continue; // the other stages of a conflicted path
      }
      m_files.push_back(std::move(items[i].entry));
      m_oids.push_back(items[i].oid);
      m_from_store.push_back(items[i].from_store);
      if (m_identify) {
        m_checkout.push_back(items[i].checkout);
      }
    }
  }

  Result<bool> load_index(std::vector<Item>& items) {
    const char* named_index = std::getenv("GIT_INDEX_FILE");
    const bool own_index = named_index == nullptr || named_index[0] == '\0';
    // The repository's own index is read from its bytes when index_file.cpp can (libgit2's read costs ~0.2 s
    // on 100k entries), else by libgit2 (kept, with its file's time taken before the read, for index_reading:
    // the base of a diff-aware run, and the unchanged checkouts of --staged).
    std::optional<IndexEntries> entries;
    std::optional<std::int64_t> time;
    git::IndexPtr index;
    // GIT_INDEX_FILE's index too (libgit2 1.5 refuses one written with git's index.skipHash, whose checksum
    // is zeros), but kept apart: index_reading is the repository's index, or none.
    std::shared_ptr<const IndexFile> named_file;
    if (own_index) {
      m_index_file = read_own_index(m_repository.get());
    } else {
      named_file = read_own_index(m_repository.get(), index_file_path(m_repository.get()));
    }
    if (m_index_file != nullptr || named_file != nullptr) {
      const auto& file = m_index_file != nullptr ? *m_index_file : *named_file;
      entries.emplace(file);
      if (own_index) {
        time = file.time();
      }
    } else {
      time = own_index ? index_file_time(m_repository.get()) : std::nullopt; // before the read
      auto opened = open_index();
      if (!opened) {
        return std::unexpected(opened.error());
      }
      index = std::move(*opened);
      if (own_index) {
        git_index* shared = nullptr;
        if (git_repository_index(&shared, m_repository.get()) == 0) {
          m_index.reset(shared);
          m_index_time = time;
        }
      }
      entries.emplace(index.get());
    }
    m_description = m_source == ContentSource::index ? "index" : "worktree";
    // An index is in path order, the stages of a conflicted path together: the files go straight into
    // m_files; else (libgit2's order of a case-insensitive index) through add_items.
    auto conflicts = list_index(*entries, time, nullptr);
    if (!conflicts) {
      m_files.clear();
      m_oids.clear();
      m_from_store.clear();
      m_checkout.clear();
      m_gitlinks.clear();
      conflicts = list_index(*entries, time, &items);
    }
    if (*conflicts > 0) {
      m_notes.push_back(
          m_source == ContentSource::index
              ? fmt::format("{} path(s) with unresolved merge conflicts are skipped: nothing is "
                            "staged for them yet",
                            *conflicts)
              : fmt::format("{} path(s) have unresolved merge conflicts; their worktree content "
                            "is checked as it is",
                            *conflicts));
    }
    return true;
  }

  // Lists the files of the index's `entries` into `items`, or (`items` null) into m_files and the vectors
  // parallel to it, each conflicted path once (the stage add_items would keep); the number of conflicted
  // paths, or nullopt when `items` is null and the entries are not in path order.
  std::optional<std::size_t> list_index(const IndexEntries& entries, std::optional<std::int64_t> time,
                                        std::vector<Item>* items) {
    if (items != nullptr) {
      items->reserve(entries.size());
    } else {
      m_files.reserve(entries.size());
      m_oids.reserve(entries.size());
      m_from_store.reserve(entries.size());
      if (m_identify) {
        m_checkout.reserve(entries.size());
      }
    }
    std::size_t conflicts = 0;
    std::string_view last_conflict;
    int last_rank = 0; // of m_files.back()
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const IndexFileEntry entry = entries[i];
      const std::uint32_t mode = file_mode(entry.mode);
      if (mode == 0) {
        if (entry.mode == GIT_FILEMODE_COMMIT) {
          m_gitlinks.emplace_back(entry.path); // index order is path order
        }
        continue; // a submodule (160000) or a sparse-index directory
      }
      const int stage = entry.stage();
      if (stage != 0 && last_conflict != entry.path) {
        last_conflict = entry.path;
        ++conflicts;
      }
      const bool intent_to_add = (entry.flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD) != 0;
      if (m_source == ContentSource::index && (stage != 0 || intent_to_add)) {
        continue; // nothing is staged for these paths yet
      }
      // Outside a sparse checkout's cone the worktree has no copy; git treats the index's as current.
      const bool from_store = m_source == ContentSource::index ||
                              (stage == 0 && (entry.flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) != 0);
      // Identifying worktree reads: what the checked-out file must still have (see checked_out_blob). An
      // entry as new as the index file is racy: its file may have changed since without its stat telling.
      std::optional<CheckoutStat> checkout;
      if (m_identify && time && stage == 0 && !intent_to_add && !from_store && mode != k_mode_symlink &&
          entry.mtime_seconds < *time) {
        checkout = CheckoutStat{entry.file_size, entry.mtime_seconds, entry.mtime_nanoseconds};
      }
      const int rank = stage_rank(stage);
      if (items != nullptr) {
        items->push_back(Item{FileEntry{std::string(entry.path), mode, entry.file_size}, entry.id, rank,
                              from_store, checkout});
        continue;
      }
      const bool same = !m_files.empty() && entry.path == m_files.back().path;
      if (same && rank >= last_rank) {
        continue; // another stage of a conflicted path
      }
      if (!m_files.empty() && !same && entry.path < m_files.back().path) {
        return std::nullopt;
      }
      if (!same) {
        m_files.emplace_back();
        m_oids.emplace_back();
        m_from_store.push_back(false);
        if (m_identify) {
          m_checkout.emplace_back();
        }
      }
      m_files.back() = FileEntry{std::string(entry.path), mode, entry.file_size};
      git_oid_cpy(&m_oids.back(), &entry.id);
      m_from_store.back() = from_store;
      if (m_identify) {
        m_checkout.back() = checkout;
      }
      last_rank = rank;
    }
    return conflicts;
  }

  // The repository's index, or the one GIT_INDEX_FILE names: git sets it for the pre-commit hook of
  // `git commit -a` and `git commit <paths>`, where it holds exactly what is being committed.
  Result<git::IndexPtr> open_index() {
    git_index* raw = nullptr;
    const char* named = std::getenv("GIT_INDEX_FILE");
    if (named == nullptr || named[0] == '\0') {
      if (git_repository_index(&raw, m_repository.get()) < 0) {
        return make_error(ErrorCode::repository, fmt::format("cannot read the index of '{}': {}",
                                                             m_root.string(), git::last_error()));
      }
      return git::IndexPtr(raw);
    }
    std::error_code ec;
    const std::filesystem::path path = std::filesystem::absolute(named, ec);
    if (ec || git_index_open(&raw, path.c_str()) < 0) {
      git::IndexPtr failed(raw);
      return make_error(ErrorCode::repository,
                        fmt::format("cannot read the index '{}' named by GIT_INDEX_FILE: {}", named,
                                    ec ? ec.message() : git::last_error()));
    }
    if (!std::filesystem::exists(path, ec)) {
      m_notes.push_back(
          fmt::format("GIT_INDEX_FILE names '{}', which does not exist: no file is tracked", named));
    }
    return git::IndexPtr(raw);
  }

  Result<bool> load_revision(const SnapshotOptions& options, std::vector<Item>& items) {
    const std::string& revision = options.revision;
    if (revision.empty()) {
      return make_error(ErrorCode::usage, "--rev needs a revision (a commit, branch, tag or expression)");
    }
    git_object* raw = nullptr;
    if (const int rc = git_revparse_single(&raw, m_repository.get(), revision.c_str()); rc < 0) {
      const std::string why = git::last_error("");
      if (rc != GIT_ENOTFOUND && rc != GIT_EINVALIDSPEC && rc != GIT_EAMBIGUOUS) { // unreadable, not unknown
        return make_error(ErrorCode::repository,
                          fmt::format("cannot read revision '{}' in the repository at '{}': {}", revision,
                                      m_root.string(), why));
      }
      if (auto broken = unreadable_object(m_repository.get(), why)) {
        return make_error(ErrorCode::repository, fmt::format("revision '{}': {}", revision, *broken));
      }
      if (git_repository_head_unborn(m_repository.get()) == 1) {
        return make_error(ErrorCode::usage,
                          fmt::format("unknown revision '{}': the current branch of '{}' has "
                                      "no commits yet",
                                      revision, m_root.string()));
      }
      return make_error(ErrorCode::usage, fmt::format("unknown revision '{}' in the repository at '{}'",
                                                      revision, m_root.string()));
    }
    git::ObjectPtr named(raw);
    git_object* tree_raw = nullptr;
    if (git_object_peel(&tree_raw, named.get(), GIT_OBJECT_TREE) < 0) {
      if (git_object_type(named.get()) == GIT_OBJECT_COMMIT) { // a commit always has a tree: it is unreadable
        return make_error(ErrorCode::repository, fmt::format("cannot read the tree of revision '{}': {}",
                                                             revision, git::last_error("corrupt object")));
      }
      return make_error(ErrorCode::usage,
                        fmt::format("revision '{}' names a {}, not a commit or a tree", revision,
                                    git_object_type2string(git_object_type(named.get()))));
    }
    git::ObjectPtr tree(tree_raw);
    git_object* commit_raw = nullptr;
    git::ObjectPtr commit(git_object_peel(&commit_raw, named.get(), GIT_OBJECT_COMMIT) == 0 ? commit_raw
                                                                                            : nullptr);
    if (commit) {
      git_oid_cpy(&m_start, git_object_id(commit.get()));
      m_has_start = true;
    }
    git::Buf short_id;
    const git_object* shown = commit ? commit.get() : tree.get();
    std::string abbreviated = git_object_short_id(&short_id.value, shown) == 0
                                  ? std::string(short_id.value.ptr, short_id.value.size)
                                  : std::string(git_oid_tostr_s(git_object_id(shown))).substr(0, 12);
    m_description = fmt::format("revision {} ({})", revision, abbreviated);
    // The index: as the scanned state read it (a diff-aware run's base), else read here.
    if (options.index != nullptr && options.index->git_dir == git_repository_path(m_repository.get())) {
      m_reading = options.index;
    } else if (git_repository_is_bare(m_repository.get())) {
      // no index
    } else if (const auto file = read_own_index(m_repository.get())) {
      m_reading = make_index_reading(m_repository.get(), *file);
    } else {
      const auto time = index_file_time(m_repository.get()); // before the read
      git_index* index = nullptr;
      if (git_repository_index(&index, m_repository.get()) == 0) {
        const git::IndexPtr owned_index(index);
        m_reading = make_index_reading(m_repository.get(), index, time);
      } else {
        git_error_clear();
      }
    }
    // The folders whose tree is the index's are listed from the index (the base of --staged is mostly
    // HEAD's tree, that of --since shares most folders with it): only the others are read.
    WalkState state{&items, m_odb.get(), m_reading.get()};
    std::string prefix;
    const auto* root = reinterpret_cast<const git_tree*>(tree.get());
    const int rc = collect_from_index(prefix, *git_tree_id(root), state)
                       ? 0
                       : walk_tree(m_repository.get(), root, prefix, state);
    if (rc < 0) {
      return make_error(ErrorCode::repository, fmt::format("cannot list the files of revision '{}': {}",
                                                           revision, git::last_error("out of memory")));
    }
    return true;
  }

  // --staged and --rev read blobs. A worktree file still as git checked it out holds the blob's bytes: its
  // index entry names the same blob, its size and modification time are the entry's (and the entry is not
  // racy: older than the index file). Reading it is much cheaper than inflating the blob, and needs no lock.
  // Not when a checkout may change bytes beyond line ends (filter=, ident, working-tree-encoding in any
  // attributes file) or when GIT_INDEX_FILE names another index; a file that holds a CR is read from the
  // blob (line-end conversion), see read_checkout.
  void find_unchanged_checkouts() {
    if (git_repository_is_bare(m_repository.get()) || git_repository_workdir(m_repository.get()) == nullptr) {
      return;
    }
    if (const char* named = std::getenv("GIT_INDEX_FILE"); named != nullptr && named[0] != '\0') {
      return;
    }
    if (checkout_may_rewrite()) {
      return;
    }
    const std::shared_ptr<const IndexReading> index =
        m_source == ContentSource::revision ? m_reading : reading_of_index();
    if (index == nullptr || !index->has_time) {
      return;
    }
    auto root = open_root(m_root);
    if (!root) {
      return;
    }
    m_checkout_root_fd = std::move(*root);
    m_checkout.resize(m_files.size());
    // Both lists are in path order: one pass over them finds each file's entry.
    auto next = index->entries.begin();
    for (std::size_t i = 0; i < m_files.size(); ++i) {
      while (next != index->entries.end() && next->path < m_files[i].path) {
        ++next;
      }
      if (m_files[i].mode == k_mode_symlink) {
        continue;
      }
      const IndexReading::Entry* entry =
          next != index->entries.end() && next->path == m_files[i].path ? &*next : nullptr;
      if (entry == nullptr || !git_oid_equal(&entry->id, &m_oids[i]) ||
          file_mode(entry->mode) != m_files[i].mode ||
          (entry->flags_extended & (GIT_INDEX_ENTRY_SKIP_WORKTREE | GIT_INDEX_ENTRY_INTENT_TO_ADD)) != 0 ||
          entry->mtime_seconds >= index->index_time) {
        continue;
      }
      m_checkout[i] = CheckoutStat{entry->file_size, entry->mtime_seconds, entry->mtime_nanoseconds};
    }
  }

  // Whether an attributes file (tracked, the repository's info/attributes, the user's or the system's) may
  // set a checkout conversion other than line ends.
  bool checkout_may_rewrite() {
    constexpr std::array<std::string_view, 3> k_rewriting{"filter=", "ident", "working-tree-encoding"};
    const auto rewrites = [&](std::string_view text) {
      return std::ranges::any_of(
          k_rewriting, [&](std::string_view word) { return text.find(word) != std::string_view::npos; });
    };
    for (std::size_t i = 0; i < m_files.size(); ++i) {
      if (util::base_name(m_files[i].path) != ".gitattributes") {
        continue;
      }
      auto content = read_blob(m_odb.get(), m_oids[i], m_files[i].path, 1u << 20);
      if (!content || content->truncated || rewrites(content->bytes)) {
        return true;
      }
    }
    std::error_code ec;
    const std::filesystem::path git_dir = git_repository_path(m_repository.get());
    if (std::filesystem::exists(git_dir / "info" / "attributes", ec) ||
        std::filesystem::exists("/etc/gitattributes", ec)) {
      return true;
    }
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    if ((xdg != nullptr && xdg[0] != '\0' &&
         std::filesystem::exists(std::filesystem::path(xdg) / "git" / "attributes", ec)) ||
        (home != nullptr && home[0] != '\0' &&
         std::filesystem::exists(std::filesystem::path(home) / ".config" / "git" / "attributes", ec))) {
      return true;
    }
    git_config* config = nullptr;
    if (git_repository_config_snapshot(&config, m_repository.get()) < 0) {
      return true;
    }
    git::ConfigPtr owned(config);
    git_buf value = GIT_BUF_INIT;
    const bool named = git_config_get_string_buf(&value, config, "core.attributesfile") == 0;
    git_buf_dispose(&value);
    git_error_clear();
    return named;
  }

  // A file's bytes from the worktree when it is still as checked out (find_unchanged_checkouts) and holds no
  // CR (so that no line-end conversion can make it differ from the blob, in the part read).
  std::optional<Content> read_checkout(std::size_t at, std::uint64_t max_bytes) const {
    if (at >= m_checkout.size() || !m_checkout[at]) {
      return std::nullopt;
    }
    auto content =
        read_unchanged_checkout(m_checkout_root_fd.get(), m_files[at].path, *m_checkout[at], max_bytes);
    if (!content || content->bytes.find('\r') != std::string::npos) {
      return std::nullopt;
    }
    return content;
  }

  // The index as load_index read it, made into an IndexReading on first use (m_mutex held, or loading).
  const std::shared_ptr<const IndexReading>& reading_of_index() const {
    if (m_reading == nullptr && m_index_file != nullptr) {
      m_reading = make_index_reading(m_repository.get(), *m_index_file);
    } else if (m_reading == nullptr && m_index != nullptr) {
      m_reading = make_index_reading(m_repository.get(), m_index.get(), m_index_time);
    }
    return m_reading;
  }

  std::size_t index_of(const FileEntry& file) const {
    if (!m_files.empty() && &file >= m_files.data() && &file < m_files.data() + m_files.size()) {
      return static_cast<std::size_t>(&file - m_files.data());
    }
    const FileEntry* found = find(file.path);
    return found == nullptr ? m_files.size() : static_cast<std::size_t>(found - m_files.data());
  }

  git::RepositoryPtr m_repository;
  git::OdbPtr m_odb;
  mutable std::mutex m_mutex; // guards every libgit2 call on m_repository and m_odb after loading
  ContentSource m_source;
  std::uint64_t m_max_read;
  bool m_identify; // worktree source: SnapshotOptions::identify
  std::filesystem::path m_root;
  UniqueFd m_root_fd;
  std::string m_description;
  std::vector<FileEntry> m_files;
  std::vector<git_oid> m_oids;    // parallel to m_files
  std::vector<bool> m_from_store; // parallel to m_files: read from the object store, not the worktree
  std::vector<std::optional<CheckoutStat>>
      m_checkout; // parallel to m_files, or empty: see find_unchanged_checkouts (worktree: checked_out_blob)
  std::shared_ptr<const IndexFile> m_index_file; // worktree and index sources: the repository's index as
                                                 // index_file.cpp read it, when it could
  git::IndexPtr m_index; // else the repository's index as libgit2 read it (not GIT_INDEX_FILE's)
  std::optional<std::int64_t> m_index_time; // its file's time, taken before it was read
  mutable std::shared_ptr<const IndexReading>
      m_reading; // revision: the index used; else made from m_index on demand
  UniqueFd m_checkout_root_fd;
  std::vector<std::string> m_notes;
  std::vector<std::string> m_gitlinks; // submodule paths of the index, sorted
  std::size_t m_tracked_count = 0;     // tracked files before the worktree scan
  git_oid m_start{};                   // where history walks start: HEAD, or the --rev commit
  bool m_has_start = false;            // false for an unborn HEAD or a revision that names a tree
};

Result<std::string_view> BlobHeadReader::read(const FileEntry& file) {
  m_blob.reset();
  auto content = m_snapshot.read_stored(file, m_max_bytes);
  if (!content) {
    return std::unexpected(content.error());
  }
  m_buffer = std::move(content->bytes);
  m_blob = content->blob;
  return std::string_view(m_buffer);
}

} // namespace

Result<std::unique_ptr<Snapshot>> open_git_snapshot(git::RepositoryPtr repository,
                                                    const SnapshotOptions& options) {
  auto snapshot = std::make_unique<GitSnapshot>(std::move(repository), options);
  auto loaded = snapshot->load(options);
  if (!loaded) {
    return std::unexpected(loaded.error());
  }
  return std::unique_ptr<Snapshot>(std::move(snapshot));
}

} // namespace tacit::repo
