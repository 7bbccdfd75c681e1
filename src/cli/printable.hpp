#pragma once
// Messages about input tacit was given (a revision name, a path) go to a terminal or a CI log: control bytes
// in them must not move the cursor or start a line of their own, and a 100 KB name must not flood the log.

#include <cstddef>
#include <string>
#include <string_view>

namespace tacit::cli {

/// Lines of a printed message are cut past this many bytes.
inline constexpr std::size_t k_max_message_line = 1000;

/// `message` made safe to print: control characters (C0, DEL, C1) escaped as \n, \r, \t, \xNN or \u00NN,
/// except the line breaks of tacit's own continuation lines ("\n  hint: ..."); each line cut past
/// k_max_message_line bytes with a note of its length.
std::string printable(std::string_view message);

} // namespace tacit::cli
