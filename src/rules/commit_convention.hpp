#pragma once
// Which convention commit subjects follow (TASK107): Conventional Commits (`type(scope)!: subject` with the
// standard types) or a `component: subject` pattern (a lowercase word or path used by several commits, as Go
// and the Linux kernel write them); and whether a doc's prose states it. Internal to src/rules/.

#include <tacit/repo/snapshot.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules::commits {

/// The two conventions tacit recognises.
enum class Style { conventional, component };

/// What a history shows.
struct Convention {
  Style style = Style::conventional;
  std::size_t considered = 0;                ///< commits people wrote (bots, merges and reverts left out)
  std::size_t following = 0;                 ///< of those, the ones that follow the convention
  std::vector<const repo::Commit*> examples; ///< a few following commits, newest first
  std::vector<std::string> components;       ///< the most used types or components, most used first
  const repo::Commit* newest = nullptr;      ///< the range considered
  const repo::Commit* oldest = nullptr;
};

/// True for a Conventional Commits subject: `feat: x`, `fix(parser)!: y` (lowercase standard types).
bool is_conventional(std::string_view subject);

/// The component a `component: subject` line starts with (`net/http`, `docs`, `cli, api`), or "" when the
/// prefix is not a lowercase word or path (`Fix: x`, `WIP: y`, `See: z`).
std::string_view component_of(std::string_view subject);

/// The convention that at least `share` of the commits people wrote follow, when there are at least
/// `min_commits` of them; else nullopt. A component style needs at least three components, each used by
/// two commits or more.
std::optional<Convention> detect(std::span<const repo::Commit> history, std::size_t min_commits,
                                 double share);

/// True when `text` states the convention: it names Conventional Commits (or commitizen), or it talks about
/// commit messages (or pull request titles) and shows the format (a type such as `feat:`, or the words
/// prefix/component/subsystem, or one of the components the history uses followed by a colon), or it shows
/// an example that follows it (`git commit -m "feat: add x"`).
bool states(std::string_view text, const Convention& convention);

} // namespace tacit::rules::commits
