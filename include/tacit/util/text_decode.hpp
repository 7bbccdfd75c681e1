#pragma once
// Text that is not valid UTF-8, made readable: real repositories carry Latin-1 READMEs and stray bytes, and
// one such byte must not switch a whole file off. Newlines are never touched, so lines stay the same; the
// shifts record where decoded columns differ from the file's bytes, so that findings keep the file's columns.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::util {

/// Where one replaced byte sits: on `line` (1-based), at decoded `column` (1-based, bytes), it takes
/// `decoded_size` bytes of the decoded text for 1 byte of the file.
struct ColumnShift {
  int line = 0;
  int column = 0;
  int decoded_size = 0;
};

/// How a text was decoded.
enum class TextEncoding {
  utf8,   ///< valid UTF-8 (NUL bytes past the first 8 KiB aside): read as it is
  mixed,  ///< UTF-8 with invalid bytes: each invalid byte (and each NUL) reads as U+FFFD
  latin1, ///< no valid multi-byte sequence at all: each byte above 0x7F reads as Windows-1252 (Latin-1)
};

/// A text made valid UTF-8, with the column shifts that map it back to the file's bytes.
struct DecodedText {
  std::string text;                ///< valid UTF-8 without NUL bytes; empty when `encoding` is utf8
  std::vector<ColumnShift> shifts; ///< sorted by line, then column
  TextEncoding encoding = TextEncoding::utf8;
  std::size_t length = 0;  ///< the input bytes read (fewer when a sequence cut at the end was dropped)
  std::size_t invalid = 0; ///< bytes that are not valid UTF-8
  std::size_t nuls = 0;    ///< NUL bytes (past the first 8 KiB), read as U+FFFD as CommonMark says
};

/// Decodes `bytes` (which do not look binary). When `truncated`, a sequence cut by the read limit at the
/// end is dropped rather than replaced. Valid UTF-8 without NUL bytes costs one pass and no copy.
DecodedText decode_text(std::string_view bytes, bool truncated = false);

/// The column in the file's bytes of decoded column `column` on `line`; a column inside a replacement
/// maps to the replaced byte.
int original_column(std::span<const ColumnShift> shifts, int line, int column);

/// One line for the user: what was not valid UTF-8 and how it was read ("" for valid UTF-8).
std::string describe_decoding(const DecodedText& decoded);

} // namespace tacit::util
