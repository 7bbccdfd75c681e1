// The change sets: per recent non-merge commit, the files it changed. Each commit's tree is compared with its
// first parent's level by level in git's entry order (as the path history does): an entry whose object id is
// unchanged is skipped whole, and the comparison stops as soon as the commit has changed more files than the
// bound, so a sweep costs no more than a small commit.

#include "git_raii.hpp"
#include "tree_order.hpp"

#include <tacit/repo/change_sets.hpp>

#include <algorithm>

namespace tacit::repo {

namespace {

class ChangedFiles {
public:
  ChangedFiles(git_repository* repository, std::size_t limit) : m_repository(repository), m_limit(limit) {}

  // The files that differ between `before` and `after` under `prefix` ("" or "dir/"), into `out`; false
  // when there are more than the limit (out then holds limit + 1 of them).
  bool compare(const git_tree* before, const git_tree* after, const std::string& prefix,
               std::vector<std::string>& out) {
    git::merge_entries(
        before, after, [&](const git_tree_entry* entry) { one_side(entry, prefix, out); },
        [&](const git_tree_entry* entry) { one_side(entry, prefix, out); },
        [&](const git_tree_entry* old_entry, const git_tree_entry* new_entry) {
          both_sides(old_entry, new_entry, prefix, out);
        },
        [&] { return out.size() > m_limit; });
    return out.size() <= m_limit;
  }

private:
  // An entry only one side has: the file, or every file of the folder.
  void one_side(const git_tree_entry* entry, const std::string& prefix, std::vector<std::string>& out) {
    const auto path = prefix + git_tree_entry_name(entry);
    if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
      out.push_back(path);
    } else if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
      if (auto tree = load(git_tree_entry_id(entry)))
        list(tree.get(), path + "/", out);
    }
  }

  void both_sides(const git_tree_entry* old_entry, const git_tree_entry* new_entry, const std::string& prefix,
                  std::vector<std::string>& out) {
    const auto old_type = git_tree_entry_type(old_entry);
    const auto new_type = git_tree_entry_type(new_entry);
    if (old_type == GIT_OBJECT_TREE && new_type == GIT_OBJECT_TREE) {
      auto old_sub = load(git_tree_entry_id(old_entry));
      auto new_sub = load(git_tree_entry_id(new_entry));
      if (old_sub && new_sub)
        compare(old_sub.get(), new_sub.get(), prefix + git_tree_entry_name(old_entry) + "/", out);
    } else if (old_type == GIT_OBJECT_BLOB || new_type == GIT_OBJECT_BLOB) {
      out.push_back(prefix + git_tree_entry_name(new_entry)); // changed, or a submodule became a file
    }
  }

  void list(const git_tree* tree, const std::string& prefix, std::vector<std::string>& out) {
    const auto count = git_tree_entrycount(tree);
    for (std::size_t i = 0; i < count && out.size() <= m_limit; ++i)
      one_side(git_tree_entry_byindex(tree, i), prefix, out);
  }

  git::TreePtr load(const git_oid* oid) {
    git_tree* raw = nullptr;
    if (git_tree_lookup(&raw, m_repository, oid) < 0)
      return {};
    return git::TreePtr(raw);
  }

  git_repository* m_repository;
  std::size_t m_limit;
};

git::TreePtr tree_of(const git_commit* commit) {
  git_tree* raw = nullptr;
  if (git_commit_tree(&raw, commit) < 0)
    return {};
  return git::TreePtr(raw);
}

} // namespace

std::vector<ChangeSet> read_change_sets(const Snapshot& snapshot, const ChangeSetOptions& options) {
  std::vector<ChangeSet> out;
  HistoryOptions walk;
  walk.max_commits = options.max_commits;
  auto commits = snapshot.is_git() ? snapshot.history(walk) : std::vector<Commit>{};
  if (commits.empty())
    return out;
  // A handle of its own: the snapshot's is serialised under its lock, and this one is read from one thread.
  auto repository = git::open_containing(snapshot.root());
  if (!repository)
    return out;
  ChangedFiles changed(repository.get(), options.max_files);
  const auto oldest = commits.front().time - options.max_age_seconds;
  for (auto& entry : commits) {
    // Older than the window (author time: a rebased branch may hold old commits among new ones).
    if (entry.time < oldest)
      continue;
    ChangeSet set;
    set.commit = std::move(entry);
    git_oid oid{};
    git_commit* raw = nullptr;
    if (git_oid_fromstr(&oid, set.commit.id.c_str()) == 0 &&
        git_commit_lookup(&raw, repository.get(), &oid) == 0) {
      git::CommitPtr commit(raw);
      git_commit* raw_parent = nullptr;
      // A root commit adds the whole tree; a shallow clone's boundary has no parent to compare with.
      if (git_commit_parentcount(commit.get()) > 0 && git_commit_parent(&raw_parent, commit.get(), 0) == 0) {
        git::CommitPtr parent(raw_parent);
        auto after = tree_of(commit.get());
        auto before = tree_of(parent.get());
        if (after && before) {
          set.sweep = !changed.compare(before.get(), after.get(), "", set.paths);
          if (set.sweep)
            set.paths.clear();
          std::ranges::sort(set.paths);
        }
      }
    }
    out.push_back(std::move(set));
  }
  return out;
}

} // namespace tacit::repo
