#pragma once
// Which repository path a doc's mention names and whether it is missing: what CTX002 (broken-path-reference)
// reports, and what CTX007 (stale-context) asks the history about. One resolution for both, so that one
// missing path is one finding: CTX002 reports the paths it can tell are this repository's from the tree
// alone; a mention of inline code whose top directory is gone too is another project's path for CTX002, and
// CTX007's only when the history shows this repository deleted or renamed it.

#include "path_reference_support.hpp"

#include <tacit/doc/document.hpp>
#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace tacit::rules {

/// The docs whose paths CTX002 checks: agent context files, READMEs, CONTRIBUTING and ARCHITECTURE docs
/// (decision records are history).
bool is_path_checked_doc(const doc::Document& doc);

/// The folder ("" for the root) at or above `dir` that holds a static site's configuration (Hugo,
/// Docusaurus, MkDocs, VitePress, Astro, mdBook, Zola, Jekyll, Mintlify), or nullopt: the docs below it are
/// the site's pages.
std::optional<std::string> static_site_root(const engine::Context& context, std::string_view dir);

/// A mention of a path that does not exist.
struct MissingPath {
  std::string path;         ///< the repository path it names ("" when it exists or is not checkable)
  bool top_missing = false; ///< inline code whose top directory does not exist either (CTX002 leaves it)
};

/// The missing path `mention` (in `doc`) names, after CTX002's exclusions (URLs, placeholders, output
/// folders, ignored and private files, another project's code, a path the doc says its procedure produces).
MissingPath missing_path(const engine::Context& context, const doc::Document& doc,
                         const doc::PathMention& mention, OutputWords& output_words);

} // namespace tacit::rules
