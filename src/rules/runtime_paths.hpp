#pragma once
// What CTX002 (broken-path-reference) asks of a doc's own procedure: the paths it creates, writes, removes or
// tests for while it runs. A shell block that assigns `TODO="po/todo.json"` and then `rm -f "$TODO"`, writes
// `> out/report.txt`, passes `-o build.log` or checks `test -f .env` names files that need not exist at the
// scanned revision: the procedure makes them. Read once per doc, only for docs with a path that is missing.

#include <tacit/doc/document.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules {

/// The paths (possibly globs: `rm -f out/result*.json`) that the code blocks of `doc` create, write, remove
/// or test for, with shell variables assigned in the same block expanded; normalised, as written (relative
/// to wherever the procedure runs).
std::vector<std::string> runtime_paths(const doc::Document& doc);

/// True when `path` (normalised) is one of `paths` or matches one of its globs.
bool matches_runtime_path(const std::vector<std::string>& paths, std::string_view path);

} // namespace tacit::rules
