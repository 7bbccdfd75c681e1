#pragma once
// Private to src/repo: the level-by-level tree comparison that the history readers (path_history.cpp,
// change_sets.cpp) share: one merge of two trees' entries in git's order.

#include <git2.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace tacit::repo::git {

/// git's order of tree entries: names bytewise, a tree's as if it ended with '/' (so that a file replaced by
/// a folder of the same name is a deleted file and an added folder).
inline int tree_order(const git_tree_entry* a, const git_tree_entry* b) {
  const std::string_view x = git_tree_entry_name(a);
  const std::string_view y = git_tree_entry_name(b);
  const auto n = std::min(x.size(), y.size());
  if (const int c = std::memcmp(x.data(), y.data(), n); c != 0)
    return c;
  const auto next = [n](std::string_view name, const git_tree_entry* entry) -> int {
    if (name.size() > n)
      return static_cast<unsigned char>(name[n]);
    return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? '/' : 0;
  };
  return next(x, a) - next(y, b);
}

/// Merges the entries of `before` and `after` (one level): `removed(entry)` for an entry only `before` has,
/// `added(entry)` for one only `after` has, `changed(old, new)` for the same name with another object
/// (identical entries are skipped whole). Stops early when `done()` turns true.
template <typename Removed, typename Added, typename Changed, typename Done>
void merge_entries(const git_tree* before, const git_tree* after, Removed&& removed, Added&& added,
                   Changed&& changed, Done&& done) {
  const auto old_count = git_tree_entrycount(before);
  const auto new_count = git_tree_entrycount(after);
  std::size_t i = 0;
  std::size_t j = 0;
  while ((i < old_count || j < new_count) && !done()) {
    const auto* old_entry = i < old_count ? git_tree_entry_byindex(before, i) : nullptr;
    const auto* new_entry = j < new_count ? git_tree_entry_byindex(after, j) : nullptr;
    const int order = old_entry == nullptr ? 1 : new_entry == nullptr ? -1 : tree_order(old_entry, new_entry);
    if (order < 0) {
      removed(old_entry);
      ++i;
    } else if (order > 0) {
      added(new_entry);
      ++j;
    } else {
      if (!git_oid_equal(git_tree_entry_id(old_entry), git_tree_entry_id(new_entry)))
        changed(old_entry, new_entry);
      ++i;
      ++j;
    }
  }
}

} // namespace tacit::repo::git
