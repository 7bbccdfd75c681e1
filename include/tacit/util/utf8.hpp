#pragma once
// Writing UTF-8, for the few readers that turn code points into text (JSON escapes, Latin-1 files).

#include <string>

namespace tacit::util {

/// Appends code point `code` (at most U+10FFFF, no surrogate) to `out` as UTF-8.
void append_utf8(std::string& out, unsigned code);

} // namespace tacit::util
