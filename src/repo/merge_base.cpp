// find_merge_base: resolves --since REV against the scanned commit. libgit2 1.5 does not read a shallow
// clone's boundary, so a missing parent makes it fail: every failure in a shallow clone carries the hint.
// staged_identity: the tree of the index, as `git write-tree` would make it, written into an in-memory object
// database that reads the repository's objects as an alternate.

#include "git_raii.hpp"
#include "index_file.hpp"

#include <tacit/repo/merge_base.hpp>

#include <fmt/format.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <unordered_set>
#include <vector>

namespace tacit::repo {

namespace {

std::unexpected<Error> usage(std::string message, bool shallow) {
  if (shallow)
    message += fmt::format("\n  hint: {}", k_shallow_hint);
  return make_error(ErrorCode::usage, std::move(message));
}

// Resolves a revision to a commit id; an error message otherwise (empty: unknown revision).
bool resolve_commit(git_repository* repository, const std::string& revision, git_oid& out, std::string& why) {
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repository, revision.c_str()) < 0)
    return false;
  git::ObjectPtr named(raw);
  git_object* commit = nullptr;
  if (git_object_peel(&commit, named.get(), GIT_OBJECT_COMMIT) < 0) {
    why = fmt::format("names a {}, not a commit", git_object_type2string(git_object_type(named.get())));
    return false;
  }
  git_oid_cpy(&out, git_object_id(commit));
  git_object_free(commit);
  return true;
}

std::string raw_key(const git_oid& oid) {
  return std::string(reinterpret_cast<const char*>(oid.id), GIT_OID_RAWSZ);
}

// The merge-base in a shallow clone, where libgit2 1.5 fails on the first missing parent: every commit
// reachable from `a` (a missing parent ends a line of history), then the newest commit reachable from `b`
// that is among them. Exact when one is an ancestor of the other, the usual case in CI.
bool shallow_merge_base(git_repository* repository, const git_oid& a, const git_oid& b, git_oid& out) {
  std::unordered_set<std::string> reachable;
  std::vector<git_oid> stack{a};
  while (!stack.empty()) {
    const git_oid oid = stack.back();
    stack.pop_back();
    git_commit* raw = nullptr;
    if (!reachable.insert(raw_key(oid)).second || git_commit_lookup(&raw, repository, &oid) < 0)
      continue;
    git::CommitPtr commit(raw);
    for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i)
      if (const git_oid* parent = git_commit_parent_id(commit.get(), i))
        stack.push_back(*parent);
  }
  // Newest first by committer time, from b.
  std::vector<std::pair<std::int64_t, git_oid>> heap;
  std::unordered_set<std::string> seen;
  auto reach = [&](const git_oid& oid) {
    git_commit* raw = nullptr;
    if (!seen.insert(raw_key(oid)).second || git_commit_lookup(&raw, repository, &oid) < 0)
      return;
    git::CommitPtr commit(raw);
    heap.emplace_back(static_cast<std::int64_t>(git_commit_time(commit.get())), oid);
    std::push_heap(heap.begin(), heap.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  };
  reach(b);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    const git_oid oid = heap.back().second;
    heap.pop_back();
    if (reachable.contains(raw_key(oid))) {
      out = oid;
      return true;
    }
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repository, &oid) < 0)
      continue;
    git::CommitPtr commit(raw);
    for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i)
      if (const git_oid* parent = git_commit_parent_id(commit.get(), i))
        reach(*parent);
  }
  return false;
}

// The tree and first parent of a commit (an empty identity when it cannot be read).
StateIdentity commit_identity(git_repository* repository, const git_oid& id) {
  git_commit* raw = nullptr;
  if (git_commit_lookup(&raw, repository, &id) < 0)
    return {};
  const git::CommitPtr commit(raw);
  StateIdentity identity;
  identity.tree = git_oid_tostr_s(git_commit_tree_id(commit.get()));
  if (const git_oid* parent = git_commit_parent_id(commit.get(), 0))
    identity.parent = git_oid_tostr_s(parent);
  return identity;
}

// The index that --staged scans (GIT_INDEX_FILE's, else the repository's), as the snapshot reads it: its
// entries read by index_file.cpp into an index in memory, since libgit2 1.5 refuses an index written with
// git's index.skipHash (its checksum is zeros); else as libgit2 reads it. Null when it cannot be read.
git::IndexPtr staged_index(git_repository* repository) {
  const auto path = index_file_path(repository);
  git_index* raw = nullptr;
  const auto file = read_own_index(repository, path);
  if (file == nullptr) {
    if (git_index_open(&raw, path.c_str()) < 0) {
      git_index_free(raw);
      return nullptr;
    }
    return git::IndexPtr(raw);
  }
  if (git_index_new(&raw) < 0)
    return nullptr;
  git::IndexPtr index(raw);
  for (std::size_t i = 0; i < file->size(); ++i) {
    const auto entry = file->entry(i);
    if (entry.stage() != 0)
      return nullptr; // a conflict: no tree
    const std::string path_text(entry.path);
    git_index_entry added{};
    added.path = path_text.c_str();
    added.id = entry.id;
    added.mode = entry.mode;
    added.file_size = entry.file_size;
    added.flags_extended = entry.flags_extended;
    if (git_index_add(index.get(), &added) < 0)
      return nullptr;
  }
  return index;
}

} // namespace

std::optional<StateIdentity> staged_identity(const SnapshotOptions& scanned) {
  git::ensure_initialised();
  const auto repository = git::open_containing(scanned.path);
  if (!repository || git_repository_is_bare(repository.get()) == 1)
    return std::nullopt;
  git_oid head{};
  if (git_reference_name_to_id(&head, repository.get(), "HEAD") < 0)
    return std::nullopt;
  const auto index = staged_index(repository.get());
  if (!index || git_index_has_conflicts(index.get()) == 1)
    return std::nullopt;
  // An object database of its own: trees go to memory, blobs are read from the repository's objects.
  git_odb* raw_odb = nullptr;
  if (git_odb_new(&raw_odb) < 0)
    return std::nullopt;
  const git::OdbPtr odb(raw_odb);
  git_odb_backend* memory = nullptr;
  if (git_mempack_new(&memory) < 0)
    return std::nullopt;
  if (git_odb_add_backend(odb.get(), memory, 1) < 0) {
    memory->free(memory);
    return std::nullopt;
  }
  const char* common = git_repository_commondir(repository.get());
  if (common == nullptr ||
      git_odb_add_disk_alternate(odb.get(), (std::filesystem::path(common) / "objects").c_str()) < 0)
    return std::nullopt;
  git_repository* raw_scratch = nullptr;
  if (git_repository_wrap_odb(&raw_scratch, odb.get()) < 0)
    return std::nullopt;
  const git::RepositoryPtr scratch(raw_scratch);
  git_oid tree{};
  if (git_index_write_tree_to(&tree, index.get(), scratch.get()) < 0)
    return std::nullopt;
  return StateIdentity{git_oid_tostr_s(&tree), git_oid_tostr_s(&head)};
}

Result<BaseCommit> find_merge_base(const SnapshotOptions& scanned, std::string_view revision,
                                   bool unborn_is_empty) {
  git::ensure_initialised();
  const auto repository = git::open_containing(scanned.path);
  if (!repository)
    return make_error(
        ErrorCode::usage,
        fmt::format("--since needs a git repository, and '{}' is not inside one", scanned.path.string()));
  const bool shallow = git_repository_is_shallow(repository.get()) == 1;

  git_oid scanned_id{};
  std::string why;
  const bool from_rev = scanned.source == ContentSource::revision;
  if (from_rev ? !resolve_commit(repository.get(), scanned.revision, scanned_id, why)
               : git_reference_name_to_id(&scanned_id, repository.get(), "HEAD") < 0) {
    if (from_rev)
      return usage(fmt::format("--rev '{}' {}: a diff-aware run needs a commit", scanned.revision,
                               why.empty() ? "is not a commit" : why),
                   false);
    if (unborn_is_empty && git_repository_head_unborn(repository.get()) == 1)
      return BaseCommit{};
    return usage("the current branch has no commits yet: --since needs a commit to compare with", false);
  }

  const std::string wanted(revision);
  git_oid revision_id{};
  if (!resolve_commit(repository.get(), wanted, revision_id, why))
    return usage(why.empty() ? fmt::format("--since: unknown revision '{}'", wanted)
                             : fmt::format("--since: revision '{}' {}", wanted, why),
                 shallow);

  // In a shallow clone libgit2 1.5's merge-base fails at the first missing parent (and leaks on that path),
  // so a walk of our own answers there.
  git_oid base{};
  if (git_oid_equal(&scanned_id, &revision_id)) {
    base = revision_id;
  } else if (const int rc = shallow ? (shallow_merge_base(repository.get(), scanned_id, revision_id, base)
                                           ? 0
                                           : GIT_ENOTFOUND)
                                    : git_merge_base(&base, repository.get(), &scanned_id, &revision_id);
             rc < 0) {
    const std::string scanned_name = from_rev ? scanned.revision : std::string("HEAD");
    return usage(
        rc == GIT_ENOTFOUND
            ? fmt::format("--since: '{}' and {} have no common history (no merge-base)", wanted, scanned_name)
            : fmt::format("--since: cannot find the merge-base of '{}' and {}: {}", wanted, scanned_name,
                          git::last_error()),
        shallow);
  }
  BaseCommit result;
  result.exists = true;
  result.id = git_oid_tostr_s(&base);
  result.short_id = result.id.substr(0, 12);
  if (const char* common = git_repository_commondir(repository.get()))
    result.git_dir = common;
  result.identity = commit_identity(repository.get(), base);
  return result;
}

namespace {

// The entry at `path` beneath `root`, or nullptr (git_tree_entry_bypath's: the caller frees it).
git_tree_entry* entry_at(const git_tree* root, std::string_view path) {
  git_tree_entry* found = nullptr;
  if (git_tree_entry_bypath(&found, root, std::string(path).c_str()) < 0)
    return nullptr;
  return found;
}

bool is_file_blob(const git_tree_entry* entry) {
  const auto mode = git_tree_entry_filemode(entry);
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

git::TreePtr commit_tree(git_repository* repository, const git_oid& id) {
  git_commit* raw = nullptr;
  if (git_commit_lookup(&raw, repository, &id) < 0)
    return nullptr;
  const git::CommitPtr commit(raw);
  git_tree* tree = nullptr;
  if (git_commit_tree(&tree, commit.get()) < 0)
    return nullptr;
  return git::TreePtr(tree);
}

} // namespace

std::vector<ChangedFile> read_changed_files(const SnapshotOptions& scanned, std::string_view base,
                                            std::span<const std::string_view> wanted,
                                            std::span<const std::string_view> extensions,
                                            std::uint64_t max_bytes, const std::function<bool()>& stop) {
  std::vector<ChangedFile> files;
  const auto repository = git::open_containing(scanned.path);
  if (!repository)
    return files;
  git_oid scanned_id{};
  git_oid base_id{};
  std::string why;
  if ((scanned.source == ContentSource::revision
           ? !resolve_commit(repository.get(), scanned.revision, scanned_id, why)
           : git_reference_name_to_id(&scanned_id, repository.get(), "HEAD") < 0) ||
      git_oid_fromstrn(&base_id, base.data(), base.size()) < 0 || git_oid_equal(&scanned_id, &base_id))
    return files;
  const auto base_tree = commit_tree(repository.get(), base_id);
  const auto scanned_tree = commit_tree(repository.get(), scanned_id);
  git_odb* raw_odb = nullptr;
  if (!base_tree || !scanned_tree || git_repository_odb(&raw_odb, repository.get()) < 0)
    return files;
  const git::OdbPtr odb(raw_odb);
  // A blob of the base that the scanned commit does not have at the same path, read whole.
  const auto take = [&](const std::string& path, const git_oid& id) {
    if (git_tree_entry* theirs = entry_at(scanned_tree.get(), path)) {
      const bool same = git_oid_equal(git_tree_entry_id(theirs), &id);
      git_tree_entry_free(theirs);
      if (same)
        return;
    }
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&size, &type, odb.get(), &id) < 0 || type != GIT_OBJECT_BLOB || size > max_bytes)
      return;
    git_odb_object* raw = nullptr;
    if (git_odb_read(&raw, odb.get(), &id) < 0)
      return;
    const git::OdbObjectPtr object(raw);
    files.push_back({path, std::string(static_cast<const char*>(git_odb_object_data(object.get())),
                                       git_odb_object_size(object.get()))});
  };
  for (const auto path : wanted) {
    if (stop())
      break;
    if (!path.ends_with('/')) {
      if (git_tree_entry* mine = entry_at(base_tree.get(), path)) {
        if (is_file_blob(mine))
          take(std::string(path), *git_tree_entry_id(mine));
        git_tree_entry_free(mine);
      }
      continue;
    }
    git_tree_entry* folder = entry_at(base_tree.get(), path.substr(0, path.size() - 1));
    if (folder == nullptr)
      continue;
    git_tree* raw_tree = nullptr;
    const bool is_tree = git_tree_entry_type(folder) == GIT_OBJECT_TREE &&
                         git_tree_lookup(&raw_tree, repository.get(), git_tree_entry_id(folder)) == 0;
    git_tree_entry_free(folder);
    if (!is_tree)
      continue;
    const git::TreePtr tree(raw_tree);
    for (std::size_t i = 0, n = git_tree_entrycount(tree.get()); i < n && !stop(); ++i) {
      const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), i);
      const std::string_view name = git_tree_entry_name(entry);
      if (is_file_blob(entry) &&
          std::ranges::any_of(extensions, [&](std::string_view ext) { return name.ends_with(ext); }))
        take(std::string(path) + std::string(name), *git_tree_entry_id(entry));
    }
  }
  return files;
}

} // namespace tacit::repo
