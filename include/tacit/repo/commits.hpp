#pragma once
// Who or what wrote a commit: history-based checks (built-in and declarative rules) count only people and
// only the subjects people wrote.

#include <tacit/repo/snapshot.hpp>

#include <string_view>

namespace tacit::repo {

/// True for a commit written by a bot (dependabot[bot], renovate, github-actions...).
bool is_bot(const Commit& commit);

/// True for a commit whose subject git or a tool wrote (Merge ..., Revert "...", fixup!).
bool is_tool_subject(std::string_view subject);

} // namespace tacit::repo
