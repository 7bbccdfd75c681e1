#pragma once
// What the contribution and release rules (TASK106-108) share: the prose the docs give (key documents' text
// and the kept text of contribution guides and pull request templates), their headings, and who counts as a
// person in the history. Internal to src/rules/.

#include <tacit/engine/context.hpp>
#include <tacit/repo/snapshot.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules::contribution {

/// The prose of one doc.
struct DocText {
  std::string_view path;
  std::string_view text;
};

/// Every doc whose prose tacit keeps: agent context files, READMEs, CONTRIBUTING and architecture docs,
/// contribution guides (docs/contributing/...), pull request templates.
std::vector<DocText> doc_texts(const engine::Context& context);

/// A heading of a document: its sections (Markdown), else heading-like lines of its text (a reST title over
/// an underline, an AsciiDoc `==` title, a Markdown `#` line).
std::vector<std::string> headings(const doc::Document& doc);

/// True for `text` containing any of `words` (ASCII case-insensitive; `words` lowercase).
bool mentions(std::string_view text, std::initializer_list<std::string_view> words);

/// True for a commit written by a bot (dependabot[bot], renovate, github-actions...).
bool is_bot(const repo::Commit& commit);

/// True for a commit whose subject git or a tool wrote (Merge ..., Revert "...", fixup!).
bool is_tool_subject(std::string_view subject);

} // namespace tacit::rules::contribution
