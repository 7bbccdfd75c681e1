#pragma once
// The headings of a document, whatever its format: built-in rules and declarative rules both read them.

#include <tacit/doc/document.hpp>

#include <string>
#include <vector>

namespace tacit::doc {

/// A heading of a document: its sections (Markdown), else heading-like lines of its text (a reST title over
/// an underline, an AsciiDoc `==` title, a Markdown `#` line).
std::vector<std::string> headings(const Document& doc);

} // namespace tacit::doc
