#pragma once
// The path history of a run, for the rules that ask: read once, on first use (a rule that never asks costs
// nothing), and shared by every rule of the run.

#include <tacit/engine/context.hpp>
#include <tacit/repo/path_history.hpp>

namespace tacit::engine {

/// The files the recent history deleted or renamed (the last 500 non-merge commits within two years of the
/// newest, see repo::PathHistory), with the last change of each agent context file in scope watched. Read
/// once per run, safe from several rules at once; empty for a plain directory.
const repo::PathHistory& path_history(const Context& context);

} // namespace tacit::engine
