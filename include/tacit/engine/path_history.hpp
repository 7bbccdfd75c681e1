#pragma once
// The path history of a run, for the rules that ask: read once, on first use (a rule that never asks costs
// nothing), and shared by every rule of the run.

#include <tacit/engine/context.hpp>
#include <tacit/repo/path_history.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace tacit::engine {

/// The files the recent history deleted or renamed (the last 500 non-merge commits within two years of the
/// newest, see repo::PathHistory), with the last change (and creation) of each agent context file, README,
/// CONTRIBUTING and ARCHITECTURE doc, setup file and root build file in scope watched
/// (facts/file_roles.hpp). Read once per run, safe from several rules at once; empty for a plain directory.
const repo::PathHistory& path_history(const Context& context);

/// The content of the file `path` at the commit `commit` (repo::read_file_at_commit, at most 1 MiB), read
/// once per run for each pair; nullopt when there is no such file.
const std::optional<std::string>& file_at_commit(const Context& context, std::string_view commit,
                                                 std::string_view path);

} // namespace tacit::engine
