#pragma once
// What CTX007 (stale-context) reads besides the path mentions: the bare file names a doc shows as inline code
// or as a command (`check_docs.sh`, `bash bootstrap.sh`), the relative paths a setup file names, and the
// root build files that were added or removed after a context file last changed.

#include <tacit/doc/document.hpp>
#include <tacit/doc/knowledge.hpp>
#include <tacit/repo/path_history.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules {

/// A name or path as a file writes it, with where.
struct NamedPath {
  std::string text; ///< as written (a bare name, or a path with `./` removed)
  int line = 0;
  int column = 0;
};

/// True when `word` is a bare file name beyond doubt: no slash, no space, a stem with a letter and a known
/// file extension (`check_docs.sh`, `.golangci.yml`); not a version (`1.2.3`) nor a domain (`example.com`).
bool is_bare_file_name(std::string_view word);

/// The bare file names `doc` shows: an inline code span that is one such name, and a command whose program
/// (or the script an interpreter runs: `bash x.sh`, `python x.py`) is one. `commands` are the knowledge
/// index's, of every doc. Each name once per line.
std::vector<NamedPath> bare_file_names(const doc::Document& doc,
                                       const std::vector<doc::CommandMention>& commands);

/// The scripts that `doc`'s code blocks run by a relative path (`./scripts/check.sh`, `bash tools/x.sh`):
/// what the path mentions leave out (they are inline code and links). `commands` are the knowledge index's.
std::vector<NamedPath> script_paths(const doc::Document& doc,
                                    const std::vector<doc::CommandMention>& commands);

/// The relative paths (with a slash, not URLs, not absolute, no variables) that the text of a setup file
/// names, one per occurrence.
std::vector<NamedPath> setup_file_paths(std::string_view text);

/// The newest deletion or rename in `history` of a file whose base name is `name` (by a commit newer than
/// `before`, an index into history.commits; every commit when `before` is commits.size()), or nullptr. Files
/// under a folder of tests, fixtures or examples do not count: a doc's bare name does not mean them.
/// `index` is built on first use: the changes' indices sorted by base name.
const repo::PathChange* deleted_by_name(const repo::PathHistory& history, std::string_view name,
                                        std::size_t before, std::vector<std::size_t>& index);

/// The make target a command runs in the root Makefile (`make lint-go`, `make -j4 V=1 lint`); "" when it
/// names none, runs another makefile or directory (-f, -C), or the target has a placeholder.
std::string root_make_target(const std::vector<std::string>& words);

/// The workspace package a command selects by name, with the manifest that names such packages:
/// `pnpm --filter @app/web test`, `pnpm -F web`, `npm -w api run build` (`--workspace`), `yarn workspace web
/// dev`, `bun --filter web`, `turbo run build --filter=web`, `cargo test -p core` (`--package`). Empty when
/// it selects none, or by a path, a glob or a set (`./packages/web`, `@app/*`, `{web}`, `!web`), which are
/// paths and patterns, not names; a filter's `...` (dependents, dependencies) and cargo's `@version` are
/// dropped.
struct SelectedPackage {
  std::string name;
  std::string_view manifest; ///< "package.json" or "Cargo.toml"
};
SelectedPackage selected_package(const std::vector<std::string>& words);

/// True when the Makefile text `text` has a rule for the target `name` (`name:`, `a name b:`, `name::`), not
/// a variable assignment (`name := x`).
bool makefile_defines(std::string_view text, std::string_view name);

/// A root build file that a commit added or removed (renamed away from the root counts as removed).
struct BuildChange {
  std::string path;
  bool added = false;     ///< added (and still there); false: removed
  std::size_t commit = 0; ///< index into history.commits
};

/// The root build files (facts::is_root_build_file) added or removed by commits newer than `before`, newest
/// first. `existing` are the root build files of the tree (sorted), which the history watched.
std::vector<BuildChange> build_changes_since(const repo::PathHistory& history, std::size_t before,
                                             const std::vector<std::string>& existing);

} // namespace tacit::rules
