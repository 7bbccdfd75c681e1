// trend_commits: the earlier commits `tacit audit --history N` scores. One walk along HEAD's first parents,
// back to a year before HEAD's commit; a parent that cannot be read (a shallow clone's boundary: libgit2 1.5
// does not read it) ends the walk, and the note says so.

#include "git_raii.hpp"

#include <tacit/repo/merge_base.hpp>
#include <tacit/repo/trend.hpp>

#include <fmt/format.h>

#include <ctime>

namespace tacit::repo {

std::string utc_date(std::int64_t time) {
  const auto seconds = static_cast<std::time_t>(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

Result<TrendCommits> trend_commits(const std::filesystem::path& path, std::size_t count, std::int64_t span) {
  auto repository = git::open_containing(path);
  if (!repository)
    return make_error(
        ErrorCode::usage,
        fmt::format("--history needs a git repository, and '{}' is not inside one", path.string()));
  git_oid head{};
  if (git_reference_name_to_id(&head, repository.get(), "HEAD") < 0)
    return make_error(ErrorCode::usage, "--history: the current branch has no commits yet");
  git_commit* raw_commit = nullptr;
  if (git_commit_lookup(&raw_commit, repository.get(), &head) < 0)
    return make_error(ErrorCode::repository,
                      fmt::format("--history: cannot read HEAD: {}", git::last_error()));
  git::CommitPtr commit(raw_commit);
  const auto head_time = static_cast<std::int64_t>(git_commit_time(commit.get()));
  const auto oldest_wanted = head_time - span;

  TrendCommits out;
  if (count == 0)
    return out;
  // The targets, newest first: HEAD's time minus i * span / count.
  std::size_t next = 1;
  const auto target = [&](std::size_t i) {
    return head_time -
           static_cast<std::int64_t>(static_cast<long double>(span) * static_cast<long double>(i) /
                                     static_cast<long double>(count));
  };
  bool boundary = false; // the walk ended at a parent it could not read
  std::int64_t reached = head_time;
  std::vector<TrendCommit> newest_first;
  while (next <= count) {
    if (git_commit_parentcount(commit.get()) == 0)
      break;
    git_commit* parent = nullptr;
    if (git_commit_parent(&parent, commit.get(), 0) < 0) {
      boundary = true;
      break;
    }
    commit.reset(parent);
    const auto time = static_cast<std::int64_t>(git_commit_time(commit.get()));
    reached = std::min(reached, time);
    bool taken = false;
    while (next <= count && time <= target(next)) {
      if (!taken)
        newest_first.push_back(TrendCommit{git_oid_tostr_s(git_commit_id(commit.get())), time});
      taken = true;
      ++next;
    }
    if (time < oldest_wanted)
      break;
  }
  out.commits.assign(newest_first.rbegin(), newest_first.rend());
  if (out.commits.size() < count) {
    const bool shallow = git_repository_is_shallow(repository.get()) == 1;
    if (boundary || shallow)
      out.note = fmt::format("{} of the {} earlier commits asked for: the history ends at {} ({})",
                             out.commits.size(), count, utc_date(reached), k_shallow_hint);
    else if (next <= count)
      out.note = fmt::format("{} of the {} earlier commits asked for: the history starts at {}, less than a "
                             "year before HEAD ({})",
                             out.commits.size(), count, utc_date(reached), utc_date(head_time));
    else
      out.note = fmt::format("{} of the {} earlier commits asked for: the main line has fewer commits than "
                             "points in the year before HEAD",
                             out.commits.size(), count);
  }
  return out;
}

} // namespace tacit::repo
