#pragma once
// The headings of a document, whatever its format: built-in rules and declarative rules both read them.

#include <tacit/doc/document.hpp>

#include <string>
#include <vector>

namespace tacit::doc {

/// A heading of a document: its sections (Markdown), else heading-like lines of its text (a reST title over
/// an underline, an AsciiDoc `==` title, a Markdown `#` line).
std::vector<std::string> headings(const Document& doc);

/// A document's title: its front matter's `title:`, else the first heading-like line among its first lines
/// (a Markdown `#` heading, a reST title over an underline, an AsciiDoc `=` title); "" when none.
std::string document_title(std::string_view text);

/// The fragments a link may name in a parsed Markdown document (`doc.structural`), as GitHub renders it: each
/// heading's anchor (its text without markup, lower-cased, punctuation dropped, spaces made '-', "-1", "-2"
/// for repeats), in the variants a renderer may produce (emphasis underscores kept or dropped, characters
/// beyond ASCII kept or dropped, emoji shortcodes dropped), `{#custom-id}` heading ids and the `id`/`name`
/// attributes of its HTML. Sorted, ASCII lower-case. Empty for a doc that is not parsed structurally.
std::vector<std::string> anchors(const Document& doc);

/// A fragment as `anchors` lists it: percent-decoded, ASCII lower-case, without GitHub's `user-content-`.
std::string normalize_fragment(std::string_view fragment);

/// The sections of a document: its Markdown sections, else the text under each heading-like line of a reST,
/// AsciiDoc or plain-text doc (as `headings` finds them) up to the next one, level 1, the heading line(s)
/// left out of the body. Linear in the text.
std::vector<Section> sections(const Document& doc);

} // namespace tacit::doc
