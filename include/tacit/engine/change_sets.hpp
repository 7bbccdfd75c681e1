#pragma once
// The change sets of a run, for the rules that ask: read once per bound, on first use (a run whose rules
// never ask reads no history), and shared by every rule of the run.

#include <tacit/engine/context.hpp>
#include <tacit/repo/change_sets.hpp>

#include <cstddef>
#include <vector>

namespace tacit::engine {

/// The files each of the last `max_commits` non-merge commits (within two years of the newest) changed, a
/// commit that changed more than `max_files` being a sweep (repo::read_change_sets). Read once per run and
/// bounds, safe from several rules at once; empty for a plain directory.
const std::vector<repo::ChangeSet>& change_sets(const Context& context, std::size_t max_commits,
                                                std::size_t max_files);

} // namespace tacit::engine
