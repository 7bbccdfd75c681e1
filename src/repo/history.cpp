// The bounded history walk: recent non-merge commits from one start commit, newest first by committer time
// (ties: children before parents, then the order parents were reached). The walk is tacit's own rather than
// a git_revwalk: libgit2 1.5 does not read a shallow clone's boundary and fails on the first missing
// parent, and a topological revwalk first reads the whole graph (seconds on a large repository). Here a
// parent that cannot be read ends that line of history, and the walk stops after a bounded number of
// commits.

#include "git_raii.hpp"
#include "snapshot_impl.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_set>

namespace tacit::repo {

namespace {

// Merge-heavy histories (a merge commit per pull request) visit about two commits per non-merge one; a few
// times the limit bounds the walk whatever the shape.
constexpr std::size_t k_visit_factor = 4;
constexpr std::size_t k_visit_slack = 64;

struct Pending {
  git::CommitPtr commit;
  std::int64_t time = 0;
  std::uint64_t order = 0; // when it was reached: ties in time go to the first reached
};

// A max-heap on time, then on the earliest reached.
bool later_first(const Pending& a, const Pending& b) {
  return a.time != b.time ? a.time < b.time : a.order > b.order;
}

std::string first_line(const char* message) {
  if (message == nullptr) {
    return {};
  }
  std::string_view text = message;
  while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) {
    text.remove_prefix(1);
  }
  const auto end = text.find_first_of("\r\n");
  return std::string(end == std::string_view::npos ? text : text.substr(0, end));
}

std::string key(const git_oid& oid) {
  return std::string(reinterpret_cast<const char*>(oid.id), GIT_OID_RAWSZ);
}

} // namespace

std::vector<Commit> walk_history(git_repository* repository, const git_oid& start,
                                 const HistoryOptions& options) {
  std::vector<Commit> out;
  std::vector<Pending> heap;
  std::unordered_set<std::string> reached;
  std::uint64_t order = 0;
  auto reach = [&](const git_oid& oid) {
    if (!reached.insert(key(oid)).second) {
      return;
    }
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repository, &oid) < 0) {
      return; // beyond a shallow clone's boundary, or a missing object: this line of history ends
    }
    git::CommitPtr commit(raw);
    const auto time = static_cast<std::int64_t>(git_commit_time(commit.get()));
    heap.push_back(Pending{std::move(commit), time, order++});
    std::push_heap(heap.begin(), heap.end(), later_first);
  };
  if (options.max_commits == 0) {
    return out;
  }
  reach(start);
  const std::size_t max_visits = options.max_commits * k_visit_factor + k_visit_slack;
  for (std::size_t visits = 0; !heap.empty() && visits < max_visits && out.size() < options.max_commits;
       ++visits) {
    std::pop_heap(heap.begin(), heap.end(), later_first);
    git::CommitPtr commit = std::move(heap.back().commit);
    heap.pop_back();
    const unsigned parents = git_commit_parentcount(commit.get());
    for (unsigned i = 0; i < parents && (i == 0 || !options.first_parent); ++i) {
      if (const git_oid* parent = git_commit_parent_id(commit.get(), i)) {
        reach(*parent);
      }
    }
    if (parents > 1) {
      continue; // a merge
    }
    Commit entry;
    entry.id = git_oid_tostr_s(git_commit_id(commit.get()));
    entry.subject = first_line(git_commit_message(commit.get()));
    if (const git_signature* author = git_commit_author(commit.get())) {
      entry.author = author->name != nullptr ? author->name : "";
      entry.email = author->email != nullptr ? author->email : "";
      entry.time = author->when.time;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

} // namespace tacit::repo
