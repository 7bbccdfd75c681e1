#pragma once
// Text from a repository made safe for a terminal or a CI log.

#include <string>
#include <string_view>

namespace tacit::util {

/// The text with every control character made visible, for output a terminal or a CI log reads: C0 controls
/// (newline, carriage return, ESC...) and DEL as `\n`, `\r`, `\t`, `\x1b`, C1 controls (U+0080-U+009F) as
/// `\u0085`, so that no input can start a new log line or an escape sequence. `keep_tab` leaves tabs as they
/// are. Other bytes, invalid UTF-8 included, are unchanged.
std::string escape_controls(std::string_view text, bool keep_tab = false);

} // namespace tacit::util
