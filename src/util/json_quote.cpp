// JSON output for the strict reader's files: strings quoted as JSON, invalid UTF-8 made valid.

#include <tacit/util/json_parse.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

namespace tacit::util::json {

std::string valid_utf8(std::string_view text) {
  if (util::is_valid_utf8(text))
    return std::string(text);
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    // UTF-8 is prefix-free: the shortest valid prefix (1 to 4 bytes) is the next code point.
    std::size_t length = 0;
    for (std::size_t n = 1; n <= 4 && i + n <= text.size() && length == 0; ++n)
      length = util::is_valid_utf8(text.substr(i, n)) ? n : 0;
    out += length ? text.substr(i, length) : std::string_view("\xEF\xBF\xBD");
    i += length ? length : 1;
  }
  return out;
}

std::string quote(std::string_view text) {
  static constexpr std::string_view k_controls = "\b\f\n\r\t";
  static constexpr std::string_view k_letters = "bfnrt";
  std::string out = "\"";
  for (const char c : valid_utf8(text)) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (const auto k = k_controls.find(c); k != std::string_view::npos) {
      out += '\\';
      out += k_letters[k];
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  return out + '"';
}

} // namespace tacit::util::json
