#pragma once
// The commits of a trend (`tacit audit --history N`, docs/audit.md "Trend"): N earlier commits of the main
// line (first parents from HEAD), evenly spaced over the year before HEAD's commit, read from the object
// store (nothing is checked out). Deterministic: the year is counted back from HEAD's committer time, never
// from the clock.

#include <tacit/util/error.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tacit::repo {

/// One commit of a trend.
struct TrendCommit {
  std::string id;        ///< full hexadecimal object id
  std::int64_t time = 0; ///< committer time, seconds since the epoch
};

/// The commits to score for a trend, oldest first, and why there are fewer than asked for.
struct TrendCommits {
  std::vector<TrendCommit> commits;
  std::string note; ///< "" when all `count` were found; else why not (young repository, shallow clone)
};

/// Seconds in the span a trend covers (365 days).
inline constexpr std::int64_t k_trend_span = 365LL * 24 * 3600;

/// A commit time as its UTC date, YYYY-MM-DD.
std::string utc_date(std::int64_t time);

/// For i = 1..count, the newest first-parent ancestor of HEAD committed at or before HEAD's time minus
/// i * span / count (a commit found twice counts once). Errors: not a git repository, no commit yet.
Result<TrendCommits> trend_commits(const std::filesystem::path& path, std::size_t count,
                                   std::int64_t span = k_trend_span);

} // namespace tacit::repo
