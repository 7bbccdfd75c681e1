#pragma once
// The one applier of fixes: it takes the fixes of a run's findings (engine::Fix, data that rules attach),
// resolves them against the files as they are now, and says what each file becomes. Planning is pure (files
// come through a reader) so that `--diff` and the tests see exactly what `--fix` writes.

#include <tacit/engine/finding.hpp>
#include <tacit/util/error.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::fix {

/// What became of one finding's fix.
enum class Outcome {
  applied,         ///< its edits are in the new content
  already_applied, ///< the file already holds what the fix writes (a second --fix)
  conflict,        ///< an edit overlaps one of an earlier fix of the same file (the earlier one wins)
  stale,           ///< the file no longer holds what the rule saw, or a position is outside it
  unwritable, ///< the file cannot take the edit: not a regular file, unreadable, or text it cannot encode
};

std::string_view to_string(Outcome outcome);

/// One fix's outcome: `finding` indexes the findings given to plan_fixes.
struct FixResult {
  std::size_t finding = 0;
  Outcome outcome = Outcome::applied;
  std::string reason; ///< for a fix not applied: why, in words
};

/// A file the plan changes: its content before and after.
struct FileChange {
  std::string path; ///< repository-relative
  std::string before;
  std::string after;
  bool created = false; ///< the file did not exist
};

/// The outcome of planning: the files that change (sorted by path) and one result per finding with a fix.
struct Plan {
  std::vector<FileChange> files;
  std::vector<FixResult> results; ///< in the order of the findings
  std::size_t applied() const;
};

/// A file's content, or nullopt when it does not exist; an error when it exists but cannot be read or edited.
using Reader = std::function<Result<std::optional<std::string>>(const std::string& path)>;

/// Plans the fixes of `findings` in order: the first fix that touches a range of a file wins, a later one
/// that overlaps it is a conflict. Identical edits (two findings proposing the same insertion) are written
/// once. Line ends are the file's own (CRLF when most of its lines end so), a file without a final newline
/// keeps none, a file that is not valid UTF-8 takes only ASCII text.
Plan plan_fixes(const std::vector<engine::Finding>& findings, const Reader& read);

/// Reads files under the repository root: a regular file's bytes; a symlink or another kind of file is an
/// error (writing it would replace the link or write outside the file).
Reader disk_reader(const std::filesystem::path& root);

/// Writes every changed file of `plan` under `root`, each atomically (a temporary file in its directory,
/// then a rename) and with the permissions it had. Stops at the first failure.
Result<void> write_plan(const Plan& plan, const std::filesystem::path& root);

/// The plan as a unified diff (`--- a/PATH`, `+++ b/PATH`, hunks with 3 lines of context), files in path
/// order; empty when nothing changes.
std::string unified_diff(const Plan& plan);

/// The unified diff of one file's two contents (a/`path`, b/`path`; /dev/null for a created file).
std::string unified_diff(std::string_view path, std::string_view before, std::string_view after,
                         bool created = false);

} // namespace tacit::fix
