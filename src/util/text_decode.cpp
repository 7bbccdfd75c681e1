// Decoding text that is not valid UTF-8 (see text_decode.hpp).

#include <tacit/util/strings.hpp>
#include <tacit/util/text_decode.hpp>
#include <tacit/util/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace tacit::util {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

// Windows-1252's 0x80-0x9F (what "Latin-1" files written on Windows hold there); 0: undefined.
constexpr std::array<char32_t, 32> k_cp1252 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The length of the valid UTF-8 sequence at `i` (1 to 4), or 0 when the byte there starts none.
std::size_t sequence_at(std::string_view bytes, std::size_t i) {
  for (std::size_t n = 1; n <= 4 && i + n <= bytes.size(); ++n)
    if (is_valid_utf8(bytes.substr(i, n)))
      return n; // UTF-8 is prefix-free: the shortest valid prefix is the sequence
  return 0;
}

// Where a multi-byte sequence that the read limit cut starts, or bytes.size() when none was cut.
std::size_t cut_sequence(std::string_view bytes) {
  for (std::size_t back = 1; back <= 3 && back <= bytes.size(); ++back) {
    const auto c = static_cast<unsigned char>(bytes[bytes.size() - back]);
    if ((c & 0xC0) == 0x80)
      continue; // a continuation byte: the lead is further back
    const std::size_t want = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    return want > back ? bytes.size() - back : bytes.size();
  }
  return bytes.size();
}

} // namespace

// Declared in utf8.hpp; JSON escapes are its other user.
void append_utf8(std::string& out, unsigned code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

DecodedText decode_text(std::string_view bytes, bool truncated) {
  DecodedText out;
  if (truncated)
    bytes = bytes.substr(0, cut_sequence(bytes));
  out.length = bytes.size();
  if (is_valid_utf8(bytes) && bytes.find('\0') == std::string_view::npos)
    return out;
  // Latin-1 when no byte above 0x7F starts a valid multi-byte sequence (UTF-8 text with a stray byte has
  // some).
  bool multibyte = false;
  for (std::size_t i = 0; i < bytes.size() && !multibyte;) {
    const auto n = static_cast<unsigned char>(bytes[i]) < 0x80 ? 1 : sequence_at(bytes, i);
    multibyte = n > 1;
    i += n ? n : 1;
  }
  out.encoding = multibyte || is_valid_utf8(bytes) ? TextEncoding::mixed : TextEncoding::latin1;
  out.text.reserve(bytes.size() + bytes.size() / 8);
  int line = 1;
  std::size_t line_start = 0; // in out.text
  for (std::size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == '\n') {
      out.text += '\n';
      ++line;
      line_start = out.text.size();
      ++i;
      continue;
    }
    std::size_t n = c == 0                                ? 0
                    : c < 0x80                            ? 1
                    : out.encoding == TextEncoding::mixed ? sequence_at(bytes, i)
                                                          : 0;
    if (n > 0) {
      out.text += bytes.substr(i, n);
      i += n;
      continue;
    }
    const auto column = static_cast<int>(out.text.size() - line_start) + 1;
    const auto before = out.text.size();
    if (c == 0) {
      ++out.nuls;
      out.text += k_replacement;
    } else {
      ++out.invalid;
      const char32_t cp = out.encoding == TextEncoding::mixed ? 0 : c >= 0xA0 ? c : k_cp1252[c - 0x80];
      if (cp)
        append_utf8(out.text, static_cast<unsigned>(cp));
      else
        out.text += k_replacement;
    }
    out.shifts.push_back({line, column, static_cast<int>(out.text.size() - before)});
    ++i;
  }
  return out;
}

int original_column(std::span<const ColumnShift> shifts, int line, int column) {
  auto it = std::ranges::lower_bound(shifts, line, {}, &ColumnShift::line);
  int removed = 0; // decoded bytes on this line, before `column`, beyond the one byte each stands for
  for (; it != shifts.end() && it->line == line && it->column < column; ++it) {
    if (column < it->column + it->decoded_size)
      return it->column - removed; // inside the replacement: the replaced byte
    removed += it->decoded_size - 1;
  }
  return column - removed;
}

std::string describe_decoding(const DecodedText& decoded) {
  std::string out;
  if (decoded.encoding == TextEncoding::latin1)
    out = "not valid UTF-8; read as Windows-1252 (Latin-1)";
  else if (decoded.invalid > 0)
    out = fmt::format("not valid UTF-8; {} invalid byte{} read as U+FFFD", decoded.invalid,
                      decoded.invalid == 1 ? "" : "s");
  if (decoded.nuls > 0)
    out += fmt::format("{}{} NUL byte{} read as U+FFFD", out.empty() ? "" : "; ", decoded.nuls,
                       decoded.nuls == 1 ? "" : "s");
  return out;
}

} // namespace tacit::util
