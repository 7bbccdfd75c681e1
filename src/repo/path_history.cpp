// The path history: per recent non-merge commit, the files it deleted or renamed. Commits come from the
// bounded walk (walk_history). Each commit's tree is compared with its first parent's level by level: an
// entry whose object id is unchanged is skipped whole, so a commit that touches three files reads three
// paths of trees, whatever the size of the repository. Only a commit that deletes files asks libgit2 for
// rename detection (git_diff_find_similar), on a diff limited to the files it deleted and added.

#include "git_raii.hpp"
#include "tree_order.hpp"

#include <tacit/repo/path_history.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <string_view>
#include <unordered_map>

namespace tacit::repo {

namespace {

using CommitHandle = std::unique_ptr<git_commit, git::Deleter<git_commit, git_commit_free>>;
using DiffHandle = std::unique_ptr<git_diff, git::Deleter<git_diff, git_diff_free>>;

struct TreeFile {
  std::string path;
  git_oid oid{};
};

// What one commit changed, as far as the path history needs it.
struct CommitDelta {
  std::vector<TreeFile> deleted;
  std::vector<TreeFile> added;
  std::vector<std::string> changed; // watched paths the commit added or modified
  std::vector<std::string> created; // watched paths the commit added (renames excluded once known)
};

class TreeComparer {
public:
  TreeComparer(git_repository* repository, const std::vector<std::string>& watched, std::size_t budget)
      : m_repository(repository), m_watched(watched), m_budget(budget) {}

  // Compares `before` with `after` under the folder `prefix` ("" or "dir/"): one merge of their entries,
  // which git keeps sorted (a tree's name as if it ended with '/', so that a file replaced by a folder of the
  // same name is a deleted file and an added folder).
  void compare(const git_tree* before, const git_tree* after, const std::string& prefix, CommitDelta& out) {
    git::merge_entries(
        before, after, [&](const git_tree_entry* entry) { removed(entry, prefix, out); },
        [&](const git_tree_entry* entry) { added(entry, prefix, out); },
        [&](const git_tree_entry* old_entry, const git_tree_entry* new_entry) {
          changed(old_entry, new_entry, prefix, out);
        },
        [] { return false; });
  }

  // The files of the folders the commit added: read only when it deleted files (rename candidates).
  void expand_added(CommitDelta& out) {
    for (const auto& tree : m_added_trees)
      list(tree.oid, tree.path, out.added);
    m_added_trees.clear();
  }

  // Folders added whose files are not listed yet: watched files there changed too.
  void note_added_trees(CommitDelta& out) {
    for (const auto& tree : m_added_trees)
      for (const auto& watched : m_watched)
        if (watched.starts_with(tree.path)) {
          out.changed.push_back(watched);
          out.created.push_back(watched);
        }
    m_added_trees.clear();
  }

  bool exhausted() const { return m_budget == 0; }

private:
  void removed(const git_tree_entry* entry, const std::string& prefix, CommitDelta& out) {
    const auto path = prefix + git_tree_entry_name(entry);
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
      list(git_tree_entry_id(entry), path + "/", out.deleted);
    else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB)
      add(out.deleted, path, *git_tree_entry_id(entry));
  }

  void added(const git_tree_entry* entry, const std::string& prefix, CommitDelta& out) {
    const auto path = prefix + git_tree_entry_name(entry);
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
      m_added_trees.push_back(TreeFile{path + "/", *git_tree_entry_id(entry)});
    } else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
      add(out.added, path, *git_tree_entry_id(entry));
      if (note_changed(path, out))
        out.created.push_back(path);
    }
  }

  // The same name on both sides (the same kind, by the order), another object.
  void changed(const git_tree_entry* old_entry, const git_tree_entry* new_entry, const std::string& prefix,
               CommitDelta& out) {
    const auto path = prefix + git_tree_entry_name(old_entry);
    if (git_tree_entry_type(old_entry) == GIT_OBJECT_TREE) {
      auto old_sub = load(git_tree_entry_id(old_entry));
      auto new_sub = load(git_tree_entry_id(new_entry));
      if (old_sub && new_sub)
        compare(old_sub.get(), new_sub.get(), path + "/", out);
    } else if (git_tree_entry_type(old_entry) == GIT_OBJECT_BLOB &&
               git_tree_entry_type(new_entry) == GIT_OBJECT_BLOB) {
      note_changed(path, out);
    } else {
      removed(old_entry, prefix, out); // a submodule became a file, or the other way round
      added(new_entry, prefix, out);
    }
  }

  git::TreePtr load(const git_oid* oid) {
    git_tree* raw = nullptr;
    if (git_tree_lookup(&raw, m_repository, oid) < 0)
      return {};
    return git::TreePtr(raw);
  }

  void add(std::vector<TreeFile>& files, const std::string& path, const git_oid& oid) {
    if (m_budget == 0)
      return;
    --m_budget;
    files.push_back(TreeFile{path, oid});
  }

  // Every file under the tree `oid`, as `prefix` + its path.
  void list(const git_oid* oid, const std::string& prefix, std::vector<TreeFile>& files) {
    auto tree = load(oid);
    if (!tree)
      return;
    const auto count = git_tree_entrycount(tree.get());
    for (std::size_t i = 0; i < count && m_budget > 0; ++i) {
      const auto* entry = git_tree_entry_byindex(tree.get(), i);
      const auto path = prefix + git_tree_entry_name(entry);
      if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
        list(git_tree_entry_id(entry), path + "/", files);
      else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB)
        add(files, path, *git_tree_entry_id(entry));
    }
  }
  void list(const git_oid& oid, const std::string& prefix, std::vector<TreeFile>& files) {
    list(&oid, prefix, files);
  }

  bool note_changed(const std::string& path, CommitDelta& out) const {
    if (!std::ranges::binary_search(m_watched, path))
      return false;
    out.changed.push_back(path);
    return true;
  }

  git_repository* m_repository;
  const std::vector<std::string>& m_watched; // sorted
  std::size_t m_budget;                      // files listed at most (deleted and added)
  std::vector<TreeFile> m_added_trees;
};

// A blob larger than this takes part in exact renames only: content similarity inflates and hashes both
// sides, seconds for the few megabytes of a bundled build output that each release replaces under a new name.
constexpr std::size_t k_similarity_max_bytes = 512 * 1024;

// Exact renames (the same blob) from `deleted` to `added`, into `renames`.
void exact_renames(const std::vector<const TreeFile*>& deleted, const std::vector<const TreeFile*>& added,
                   std::map<std::string, std::string>& renames) {
  std::unordered_map<std::string, const TreeFile*> by_blob;
  for (const auto* file : added)
    by_blob.try_emplace(std::string(reinterpret_cast<const char*>(file->oid.id), GIT_OID_RAWSZ), file);
  for (const auto* file : deleted)
    if (auto it = by_blob.find(std::string(reinterpret_cast<const char*>(file->oid.id), GIT_OID_RAWSZ));
        it != by_blob.end() && it->second != nullptr) {
      renames.emplace(file->path, it->second->path);
      it->second = nullptr;
    }
}

// Renames among the commit's deleted and added files: old path -> new path. libgit2's rename detection
// (exact, then by content similarity) on a diff limited to those files; with too many candidates, exact
// renames (same blob) only, and large blobs (k_similarity_max_bytes) only exactly.
std::map<std::string, std::string> find_renames(git_repository* repository, git_tree* before, git_tree* after,
                                                const CommitDelta& delta, std::size_t max_candidates) {
  std::map<std::string, std::string> renames;
  if (delta.deleted.empty() || delta.added.empty())
    return renames;
  std::vector<const TreeFile*> deleted;
  std::vector<const TreeFile*> added;
  if (delta.deleted.size() + delta.added.size() > max_candidates) {
    for (const auto& file : delta.deleted)
      deleted.push_back(&file);
    for (const auto& file : delta.added)
      added.push_back(&file);
    exact_renames(deleted, added, renames);
    return renames;
  }
  // The large blobs apart (their size from the object's header, without inflating it).
  git_odb* raw_odb = nullptr;
  const git::OdbPtr odb(git_repository_odb(&raw_odb, repository) == 0 ? raw_odb : nullptr);
  const auto is_large = [&](const TreeFile& file) {
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    return odb && git_odb_read_header(&size, &type, odb.get(), &file.oid) == 0 &&
           size > k_similarity_max_bytes;
  };
  std::vector<const char*> paths; // the deleted and added files left to libgit2's similarity
  bool similar_deleted = false;
  bool similar_added = false;
  for (const auto* files : {&delta.deleted, &delta.added})
    for (const auto& file : *files) {
      const bool was_deleted = files == &delta.deleted;
      if (is_large(file)) {
        (was_deleted ? deleted : added).push_back(&file);
        continue;
      }
      paths.push_back(file.path.c_str());
      (was_deleted ? similar_deleted : similar_added) = true;
    }
  exact_renames(deleted, added, renames);
  if (!similar_deleted || !similar_added)
    return renames;
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH | GIT_DIFF_SKIP_BINARY_CHECK;
  options.pathspec.strings = const_cast<char**>(paths.data());
  options.pathspec.count = paths.size();
  git_diff* raw = nullptr;
  if (git_diff_tree_to_tree(&raw, repository, before, after, &options) < 0)
    return renames;
  DiffHandle diff(raw);
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_DONT_IGNORE_WHITESPACE;
  find.rename_limit = max_candidates;
  if (git_diff_find_similar(diff.get(), &find) < 0)
    return renames;
  const auto count = git_diff_num_deltas(diff.get());
  for (std::size_t i = 0; i < count; ++i) {
    const auto* entry = git_diff_get_delta(diff.get(), i);
    if (entry->status == GIT_DELTA_RENAMED && entry->old_file.path && entry->new_file.path)
      renames.emplace(entry->old_file.path, entry->new_file.path);
  }
  return renames;
}

git::TreePtr commit_tree(const git_commit* commit) {
  git_tree* raw = nullptr;
  if (git_commit_tree(&raw, commit) < 0)
    return {};
  return git::TreePtr(raw);
}

} // namespace

PathHistory read_path_history(const Snapshot& snapshot, const PathHistoryOptions& options) {
  PathHistory out;
  out.watched = options.watched;
  std::ranges::sort(out.watched);
  out.watched.erase(std::unique(out.watched.begin(), out.watched.end()), out.watched.end());
  const auto& watched = out.watched;
  out.last_changed.assign(watched.size(), std::nullopt);
  out.created.assign(watched.size(), std::nullopt);
  std::map<std::string, std::size_t> last_changed; // watched path -> newest commit that changed it
  std::map<std::string, std::size_t> created;      // watched path -> newest commit that created it
  HistoryOptions walk;
  walk.max_commits = options.max_commits;
  const auto commits = snapshot.is_git() ? snapshot.history(walk) : std::vector<Commit>{};
  if (commits.empty())
    return out;
  // A handle of its own: the snapshot's is serialised under its lock, and this one is read from one thread.
  git::ensure_initialised();
  git_repository* raw_repository = nullptr;
  if (git_repository_open_ext(&raw_repository, snapshot.root().c_str(), 0, nullptr) < 0)
    return out;
  git::RepositoryPtr owned(raw_repository);
  git_repository* repository = owned.get();
  TreeComparer comparer(repository, watched, options.max_changes);
  for (const auto& entry : commits) {
    // Older than the window (author time: a rebased branch may hold old commits among new ones).
    if (!commits.empty() && entry.time < commits.front().time - options.max_age_seconds)
      continue;
    if (comparer.exhausted()) {
      out.truncated = true;
      break;
    }
    const auto index = out.commits.size();
    out.commits.push_back(PathCommit{entry.id, entry.subject, entry.time});
    git_oid oid{};
    git_commit* raw = nullptr;
    if (git_oid_fromstr(&oid, entry.id.c_str()) < 0 || git_commit_lookup(&raw, repository, &oid) < 0)
      continue;
    CommitHandle commit(raw);
    git_commit* raw_parent = nullptr;
    if (git_commit_parentcount(commit.get()) == 0 || git_commit_parent(&raw_parent, commit.get(), 0) < 0)
      continue; // a root commit deletes nothing; a shallow clone's boundary
    CommitHandle parent(raw_parent);
    auto after = commit_tree(commit.get());
    auto before = commit_tree(parent.get());
    if (!after || !before)
      continue;
    CommitDelta delta;
    comparer.compare(before.get(), after.get(), "", delta);
    if (delta.deleted.empty()) {
      comparer.note_added_trees(delta);
    } else {
      comparer.expand_added(delta);
      for (const auto& file : delta.added)
        if (std::ranges::binary_search(watched, file.path))
          delta.changed.push_back(file.path);
      const auto renames =
          find_renames(repository, before.get(), after.get(), delta, options.max_rename_candidates);
      // Created: the watched files added here, less those a rename put in place.
      delta.created.clear();
      for (const auto& file : delta.added)
        if (std::ranges::binary_search(watched, file.path) &&
            std::ranges::none_of(renames, [&](const auto& rename) { return rename.second == file.path; }))
          delta.created.push_back(file.path);
      std::ranges::sort(delta.deleted, {}, &TreeFile::path);
      for (const auto& file : delta.deleted) {
        const auto it = renames.find(file.path);
        out.changes.push_back(PathChange{file.path, it != renames.end() ? it->second : "", index});
      }
    }
    for (const auto& path : delta.changed)
      last_changed.try_emplace(path, index);
    for (const auto& path : delta.created)
      created.try_emplace(path, index);
  }
  for (std::size_t i = 0; i < watched.size(); ++i) {
    if (const auto it = last_changed.find(watched[i]); it != last_changed.end())
      out.last_changed[i] = it->second;
    if (const auto it = created.find(watched[i]); it != created.end())
      out.created[i] = it->second;
  }
  out.by_path.resize(out.changes.size());
  for (std::size_t i = 0; i < out.by_path.size(); ++i)
    out.by_path[i] = i;
  std::ranges::stable_sort(
      out.by_path, [&](std::size_t a, std::size_t b) { return out.changes[a].path < out.changes[b].path; });
  return out;
}

std::optional<std::size_t> PathHistory::last_change_of(std::string_view path) const {
  const auto it = std::ranges::lower_bound(watched, path);
  if (it == watched.end() || *it != path)
    return std::nullopt;
  return last_changed[static_cast<std::size_t>(it - watched.begin())];
}

std::optional<std::string> read_file_at_commit(const Snapshot& snapshot, std::string_view commit,
                                               std::string_view path, std::size_t max_bytes) {
  if (!snapshot.is_git())
    return std::nullopt;
  auto repository = git::open_containing(snapshot.root());
  git_oid oid{};
  git_commit* raw = nullptr;
  if (!repository || git_oid_fromstrn(&oid, commit.data(), commit.size()) < 0 ||
      git_commit_lookup(&raw, repository.get(), &oid) < 0)
    return std::nullopt;
  CommitHandle handle(raw);
  auto tree = commit_tree(handle.get());
  git_tree_entry* raw_entry = nullptr;
  if (!tree || git_tree_entry_bypath(&raw_entry, tree.get(), std::string(path).c_str()) < 0)
    return std::nullopt;
  const std::unique_ptr<git_tree_entry, git::Deleter<git_tree_entry, git_tree_entry_free>> entry(raw_entry);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB)
    return std::nullopt;
  git_blob* raw_blob = nullptr;
  if (git_blob_lookup(&raw_blob, repository.get(), git_tree_entry_id(entry.get())) < 0)
    return std::nullopt;
  const std::unique_ptr<git_blob, git::Deleter<git_blob, git_blob_free>> blob(raw_blob);
  const auto size = std::min<std::size_t>(static_cast<std::size_t>(git_blob_rawsize(blob.get())), max_bytes);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())), size);
}

std::optional<std::size_t> PathHistory::created_in(std::string_view path) const {
  const auto it = std::ranges::lower_bound(watched, path);
  if (it == watched.end() || *it != path)
    return std::nullopt;
  return created[static_cast<std::size_t>(it - watched.begin())];
}

const PathChange* PathHistory::latest(std::string_view path) const {
  const auto it = std::ranges::lower_bound(
      by_path, path, {}, [&](std::size_t i) -> std::string_view { return changes[i].path; });
  return it != by_path.end() && changes[*it].path == path ? &changes[*it] : nullptr;
}

const PathChange* PathHistory::next_after(std::string_view path, std::size_t after) const {
  auto it = std::ranges::lower_bound(by_path, path, {},
                                     [&](std::size_t i) -> std::string_view { return changes[i].path; });
  const PathChange* found = nullptr;
  for (; it != by_path.end() && changes[*it].path == path && changes[*it].commit < after; ++it)
    found = &changes[*it];
  return found;
}

std::string PathHistory::renamed_to(std::string_view path) const {
  const auto* change = latest(path);
  // A rename chain is short; the bound only guards against a cycle of renames (a -> b, b -> a).
  for (int step = 0; change != nullptr && step < 32; ++step) {
    if (change->renamed_to.empty())
      return {};
    const auto* next = next_after(change->renamed_to, change->commit);
    if (next == nullptr)
      return change->renamed_to;
    change = next;
  }
  return {};
}

} // namespace tacit::repo
