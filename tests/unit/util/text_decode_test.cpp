// Tests for util/text_decode: text that is not valid UTF-8 is read, and columns map back to the file's bytes.

#include <tacit/util/strings.hpp>
#include <tacit/util/text_decode.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace tacit::util;

TEST_CASE("valid UTF-8 is left as it is, without a copy") {
  const auto decoded = decode_text("# Caf\xc3\xa9\nplain\n");
  CHECK(decoded.encoding == TextEncoding::utf8);
  CHECK(decoded.text.empty());
  CHECK(decoded.shifts.empty());
  CHECK(decoded.length == 14);
  CHECK(describe_decoding(decoded).empty());
}

TEST_CASE("a Latin-1 file reads as Windows-1252, and its columns map back byte for byte") {
  const std::string file = "# Caf\xe9\n\nLe caf\xe9 \x93x\x94 [x](missing.md)\n";
  const auto decoded = decode_text(file);
  CHECK(decoded.encoding == TextEncoding::latin1);
  CHECK(decoded.text == "# Caf\xc3\xa9\n\nLe caf\xc3\xa9 \xe2\x80\x9cx\xe2\x80\x9d [x](missing.md)\n");
  CHECK(is_valid_utf8(decoded.text));
  CHECK(decoded.invalid == 4);
  CHECK(describe_decoding(decoded) == "not valid UTF-8; read as Windows-1252 (Latin-1)");
  // "missing.md" is at byte column 17 on line 3 of the file, at 22 in the decoded text.
  const auto decoded_line = decoded.text.substr(decoded.text.rfind("\n", decoded.text.size() - 2) + 1);
  CHECK(decoded_line.find("missing.md") + 1 == 22);
  CHECK(original_column(decoded.shifts, 3, 22) == 17);
  CHECK(original_column(decoded.shifts, 3, 1) == 1);
  CHECK(original_column(decoded.shifts, 3, 7) == 7); // the é itself
  CHECK(original_column(decoded.shifts, 3, 8) == 7); // its second byte
  CHECK(original_column(decoded.shifts, 3, 9) == 8); // the space after it
  CHECK(original_column(decoded.shifts, 1, 6) == 6); // line 1 has its own shifts
  CHECK(original_column(decoded.shifts, 2, 1) == 1);
}

TEST_CASE("UTF-8 with a stray byte reads the byte as U+FFFD and keeps the rest") {
  const std::string file = "# Caf\xc3\xa9 \xff [x](missing.md)\n";
  const auto decoded = decode_text(file);
  CHECK(decoded.encoding == TextEncoding::mixed);
  CHECK(decoded.text == "# Caf\xc3\xa9 \xef\xbf\xbd [x](missing.md)\n");
  CHECK(decoded.invalid == 1);
  CHECK(describe_decoding(decoded) == "not valid UTF-8; 1 invalid byte read as U+FFFD");
  const auto column = static_cast<int>(decoded.text.find("missing.md")) + 1;
  CHECK(original_column(decoded.shifts, 1, column) == static_cast<int>(file.find("missing.md")) + 1);
}

TEST_CASE("truncated sequences and NUL bytes") {
  SUBCASE("a sequence cut by the read limit is dropped, not reported") {
    const auto decoded = decode_text("ab\xc3\xa9\xe2\x80", true);
    CHECK(decoded.encoding == TextEncoding::utf8);
    CHECK(decoded.length == 4);
  }
  SUBCASE("the same bytes in a whole file are invalid") {
    CHECK(decode_text("ab\xc3\xa9\xe2\x80").encoding == TextEncoding::mixed);
  }
  SUBCASE("a NUL past the first block reads as U+FFFD") {
    const auto decoded = decode_text(std::string("a\0b\n", 4));
    CHECK(decoded.encoding == TextEncoding::mixed);
    CHECK(decoded.text == "a\xef\xbf\xbd"
                          "b\n");
    CHECK(decoded.nuls == 1);
    CHECK(describe_decoding(decoded) == "1 NUL byte read as U+FFFD");
    CHECK(original_column(decoded.shifts, 1, 5) == 3);
  }
}
