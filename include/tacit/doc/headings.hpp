#pragma once
// The headings of a document, whatever its format: built-in rules and declarative rules both read them.

#include <tacit/doc/document.hpp>

#include <string>
#include <vector>

namespace tacit::doc {

/// A heading of a document: its sections (Markdown), else heading-like lines of its text (a reST title over
/// an underline, an AsciiDoc `==` title, a Markdown `#` line).
std::vector<std::string> headings(const Document& doc);

/// The sections of a document: its Markdown sections, else the text under each heading-like line of a reST,
/// AsciiDoc or plain-text doc (as `headings` finds them) up to the next one, level 1, the heading line(s)
/// left out of the body. Linear in the text.
std::vector<Section> sections(const Document& doc);

} // namespace tacit::doc
