#include <tacit/util/escape.hpp>

namespace tacit::util {

std::string escape_controls(std::string_view text, bool keep_tab) {
  const auto is_control = [&](std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20)
      return !(keep_tab && c == '\t');
    if (c == 0x7f)
      return true;
    // C1 controls: U+0080-U+009F, encoded 0xC2 0x80-0x9F.
    return c == 0xc2 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xe0) == 0x80;
  };
  std::size_t i = 0;
  while (i < text.size() && !is_control(i))
    ++i;
  if (i == text.size())
    return std::string(text); // the common case: nothing to escape
  std::string out(text.substr(0, i));
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!is_control(i)) {
      out += static_cast<char>(c);
      continue;
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    switch (c) {
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    case 0xc2: {
      const auto next = static_cast<unsigned char>(text[++i]);
      out += "\\u00";
      out += k_hex[next >> 4];
      out += k_hex[next & 0xf];
      break;
    }
    default:
      out += "\\x";
      out += k_hex[c >> 4];
      out += k_hex[c & 0xf];
    }
  }
  return out;
}

} // namespace tacit::util
