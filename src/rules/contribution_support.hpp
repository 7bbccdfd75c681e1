#pragma once
// What the contribution and release rules (TASK106-108) share: the prose the docs give (key documents' text
// and the kept text of contribution guides and pull request templates) and the words they mention. Headings
// are doc::headings (tacit/doc/headings.hpp), who counts as a person is repo::is_bot
// (tacit/repo/commits.hpp). Internal to src/rules/.

#include <tacit/engine/context.hpp>

#include <initializer_list>
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

/// True for `text` containing any of `words` (ASCII case-insensitive; `words` lowercase).
bool mentions(std::string_view text, std::initializer_list<std::string_view> words);

} // namespace tacit::rules::contribution
