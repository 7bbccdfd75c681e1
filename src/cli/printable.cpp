// Escaping and cutting of printed messages (see printable.hpp).

#include "printable.hpp"

#include <tacit/util/escape.hpp>

#include <fmt/format.h>

namespace tacit::cli {

namespace {

// A line break tacit writes itself: it starts an indented continuation line, never a "::command" one.
bool own_line_break(std::string_view message, std::size_t at) {
  return message.substr(at + 1, 2) == "  " && at + 3 < message.size() && message[at + 3] != ':' &&
         message[at + 3] != ' ';
}

// Control characters made visible (util::escape_controls), except tacit's own line breaks.
std::string escape(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  std::size_t start = 0;
  for (std::size_t i = 0; i < message.size(); ++i)
    if (message[i] == '\n' && own_line_break(message, i)) {
      out += util::escape_controls(message.substr(start, i - start)) + '\n';
      start = i + 1;
    }
  out += util::escape_controls(message.substr(start));
  return out;
}

// Cuts `line` past k_max_message_line bytes, on a UTF-8 character boundary.
void append_cut(std::string& out, std::string_view line) {
  if (line.size() <= k_max_message_line) {
    out += line;
    return;
  }
  std::size_t end = k_max_message_line;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xc0) == 0x80)
    --end;
  out += line.substr(0, end);
  out += fmt::format("... (cut: {} bytes)", line.size());
}

} // namespace

std::string printable(std::string_view message) {
  const auto escaped = escape(message);
  std::string out;
  std::size_t start = 0;
  while (true) {
    const auto end = escaped.find('\n', start);
    append_cut(out, std::string_view(escaped).substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos)
      return out;
    out += '\n';
    start = end + 1;
  }
}

} // namespace tacit::cli
