// Tests for the small string helpers of util/strings: trimming, splitting, UTF-8 validation, binary
// detection, path helpers and edit distance.

#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace std::string_view_literals;
using namespace tacit::util;

namespace {

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

using Lines = std::vector<std::string>;

} // namespace

TEST_CASE("trim, trim_left, trim_right: ASCII whitespace only") {
  CHECK(trim("  a b  ") == "a b");
  CHECK(trim("\t\r\n\f\va\t\r\n\f\v") == "a");
  CHECK(trim("") == "");
  CHECK(trim("   ") == "");
  CHECK(trim("x") == "x");
  CHECK(trim_left("  a  ") == "a  ");
  CHECK(trim_right("  a  ") == "  a");
  CHECK(trim_left("\n\n") == "");
  CHECK(trim_right("\n\n") == "");
  // A non-breaking space (U+00A0) is not ASCII whitespace and stays.
  CHECK(trim("\xC2\xA0x\xC2\xA0") == "\xC2\xA0x\xC2\xA0");
  // The result is a view into the input.
  const std::string_view text = "  abc ";
  CHECK(trim(text).data() == text.data() + 2);
}

TEST_CASE("split: keeps empty pieces") {
  CHECK(strings(split("a,b,c", ',')) == Lines{"a", "b", "c"});
  CHECK(strings(split("a,,b", ',')) == Lines{"a", "", "b"});
  CHECK(strings(split(",a,", ',')) == Lines{"", "a", ""});
  CHECK(strings(split("", ',')) == Lines{""});
  CHECK(strings(split("abc", ',')) == Lines{"abc"});
  CHECK(strings(split(",", ',')) == Lines{"", ""});
  CHECK(strings(split("a/b/c.md", '/')) == Lines{"a", "b", "c.md"});
}

TEST_CASE("split_words: runs of whitespace, no empty pieces") {
  CHECK(strings(split_words("  make   test\t-j4 \n")) == Lines{"make", "test", "-j4"});
  CHECK(split_words("").empty());
  CHECK(split_words(" \t\n ").empty());
  CHECK(strings(split_words("one")) == Lines{"one"});
}

TEST_CASE("split_lines: LF, CRLF, lone CR, no final newline") {
  CHECK(split_lines("").empty());
  CHECK(strings(split_lines("a")) == Lines{"a"});
  CHECK(strings(split_lines("a\n")) == Lines{"a"});
  CHECK(strings(split_lines("a\nb")) == Lines{"a", "b"});
  CHECK(strings(split_lines("a\nb\n")) == Lines{"a", "b"});
  CHECK(strings(split_lines("a\r\nb\r\n")) == Lines{"a", "b"});
  CHECK(strings(split_lines("a\r\nb")) == Lines{"a", "b"});
  CHECK(strings(split_lines("a\n\nb")) == Lines{"a", "", "b"});
  CHECK(strings(split_lines("\n")) == Lines{""});
  CHECK(strings(split_lines("\n\n")) == Lines{"", ""});
  CHECK(strings(split_lines("\r\n")) == Lines{""});
  CHECK(strings(split_lines("a\r\n\r\nb")) == Lines{"a", "", "b"});
  // Mixed endings give the same lines.
  CHECK(strings(split_lines("a\r\nb\nc")) == Lines{"a", "b", "c"});
  // A lone CR (classic Mac OS line ends) ends a line too.
  CHECK(strings(split_lines("a\rb\n")) == Lines{"a", "b"});
  CHECK(strings(split_lines("a\r\rb\r")) == Lines{"a", "", "b"});
  // Leading and trailing spaces are kept.
  CHECK(strings(split_lines("  a \n")) == Lines{"  a "});
}

TEST_CASE("to_lower, iequals, contains, join") {
  CHECK(to_lower("ReadMe.MD") == "readme.md");
  CHECK(to_lower("") == "");
  CHECK(to_lower("\xC3\x89") == "\xC3\x89"); // bytes >= 0x80 untouched
  CHECK(iequals("README.md", "readme.MD"));
  CHECK_FALSE(iequals("README", "README.md"));
  CHECK(iequals("", ""));
  CHECK(contains("hello world", "o w"));
  CHECK(contains("abc", ""));
  CHECK_FALSE(contains("abc", "abcd"));
  CHECK(join({"a", "b", "c"}, ", ") == "a, b, c");
  CHECK(join({}, ", ") == "");
  CHECK(join({"only"}, "/") == "only");
  CHECK(join({"", ""}, "-") == "-");
}

TEST_CASE("is_valid_utf8: well-formed sequences") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII\n\t"));
  CHECK(is_valid_utf8("\x00"sv));
  CHECK(is_valid_utf8("caf\xC3\xA9"));      // é, 2 bytes
  CHECK(is_valid_utf8("\xE2\x82\xAC"));     // €, 3 bytes
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80")); // 😀, 4 bytes
  CHECK(is_valid_utf8("\xC2\x80"));         // U+0080, smallest 2-byte
  CHECK(is_valid_utf8("\xDF\xBF"));         // U+07FF
  CHECK(is_valid_utf8("\xE0\xA0\x80"));     // U+0800, smallest 3-byte
  CHECK(is_valid_utf8("\xED\x9F\xBF"));     // U+D7FF, just below the surrogates
  CHECK(is_valid_utf8("\xEE\x80\x80"));     // U+E000, just above them
  CHECK(is_valid_utf8("\xEF\xBF\xBF"));     // U+FFFF
  CHECK(is_valid_utf8("\xEF\xBB\xBF"
                      "BOM"));              // a BOM is valid UTF-8
  CHECK(is_valid_utf8("\xF0\x90\x80\x80")); // U+10000, smallest 4-byte
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF")); // U+10FFFF, the last code point
}

TEST_CASE("is_valid_utf8: overlongs, surrogates, out of range, stray and truncated bytes") {
  // Overlong encodings.
  CHECK_FALSE(is_valid_utf8("\xC0\x80")); // NUL in 2 bytes
  CHECK_FALSE(is_valid_utf8("\xC0\xAF")); // '/' in 2 bytes (the classic path traversal trick)
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));     // '/' in 3 bytes
  CHECK_FALSE(is_valid_utf8("\xE0\x9F\xBF"));     // U+07FF in 3 bytes
  CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF")); // '/' in 4 bytes
  CHECK_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF")); // U+FFFF in 4 bytes
  // UTF-16 surrogates are not scalar values.
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));             // U+D800
  CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));             // U+DFFF
  CHECK_FALSE(is_valid_utf8("\xED\xA0\xBD\xED\xB8\x80")); // a CESU-8 surrogate pair
  // Beyond U+10FFFF, and lead bytes that never occur.
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xFC\x84\x80\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xFE"));
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("\xFF\xFE"
                            "a\0b\0"sv)); // UTF-16LE with a BOM
  // A continuation byte without a lead.
  CHECK_FALSE(is_valid_utf8("\x80"));
  CHECK_FALSE(is_valid_utf8("a\xBF"
                            "b"));
  // Truncated sequences, at the end and in the middle.
  CHECK_FALSE(is_valid_utf8("\xC3"));
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));
  CHECK_FALSE(is_valid_utf8("abc\xE2"));
  CHECK_FALSE(is_valid_utf8("\xC3"
                            "A"));
  CHECK_FALSE(is_valid_utf8("\xE2\x82"
                            "A"));
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"
                            "A"));
  // One bad byte anywhere spoils the whole text.
  CHECK_FALSE(is_valid_utf8(std::string(10000, 'a') + "\xFF" + std::string(10, 'b')));
}

TEST_CASE("looks_binary: a NUL byte in the first 8000 bytes, as git decides") {
  CHECK_FALSE(looks_binary(""));
  CHECK_FALSE(looks_binary("plain text\n"));
  CHECK_FALSE(looks_binary("\xFF\xFE\xFD")); // invalid UTF-8 is not binary by itself
  CHECK(looks_binary("a\0b"sv));
  CHECK(looks_binary("\0"sv));
  std::string text(9000, 'a');
  text[7999] = '\0';
  CHECK(looks_binary(text));
  text[7999] = 'a';
  text[8000] = '\0';
  CHECK_FALSE(looks_binary(text));
}

TEST_CASE("base_name and dir_name") {
  CHECK(base_name("a/b/c.md") == "c.md");
  CHECK(base_name("c.md") == "c.md");
  CHECK(base_name("") == "");
  CHECK(base_name("a/b/") == "");
  CHECK(base_name(".github/workflows/ci.yml") == "ci.yml");
  CHECK(dir_name("a/b/c.md") == "a/b");
  CHECK(dir_name("c.md") == "");
  CHECK(dir_name("") == "");
  CHECK(dir_name("a/") == "a");
  CHECK(dir_name(".github/workflows/ci.yml") == ".github/workflows");
}

TEST_CASE("normalize_path: dots, double slashes, climbing") {
  bool escaped = true;
  CHECK(normalize_path("a/b/c.md", &escaped) == "a/b/c.md");
  CHECK_FALSE(escaped);
  CHECK(normalize_path("./a/./b//c.md", &escaped) == "a/b/c.md");
  CHECK_FALSE(escaped);
  CHECK(normalize_path("a/b/../c.md", &escaped) == "a/c.md");
  CHECK_FALSE(escaped);
  CHECK(normalize_path("a/b/../../c.md", &escaped) == "c.md");
  CHECK_FALSE(escaped);
  CHECK(normalize_path("a/..", &escaped) == "");
  CHECK_FALSE(escaped);
  CHECK(normalize_path("docs/", &escaped) == "docs");
  CHECK_FALSE(escaped);
  CHECK(normalize_path("", &escaped) == "");
  CHECK_FALSE(escaped);
  CHECK(normalize_path(".", &escaped) == "");
  CHECK_FALSE(escaped);
  CHECK(normalize_path("a//b///c", &escaped) == "a/b/c");
  CHECK_FALSE(escaped);

  // ".." above the root sets `escaped`; the climb stops at the root.
  CHECK(normalize_path("../x.md", &escaped) == "x.md");
  CHECK(escaped);
  CHECK(normalize_path("a/../../x.md", &escaped) == "x.md");
  CHECK(escaped);
  CHECK(normalize_path("..", &escaped) == "");
  CHECK(escaped);
  CHECK(normalize_path("a/b/../../../c/d", &escaped) == "c/d");
  CHECK(escaped);
  // `escaped` is reset by each call.
  CHECK(normalize_path("a", &escaped) == "a");
  CHECK_FALSE(escaped);

  // Without an out-parameter.
  CHECK(normalize_path("../../etc/passwd") == "etc/passwd");
  // Names that only look like dots are names.
  CHECK(normalize_path("a/.../b") == "a/.../b");
  CHECK(normalize_path("a/..b/c") == "a/..b/c");
  CHECK(normalize_path(".github/x.yml") == ".github/x.yml");
}

TEST_CASE("edit_distance: Levenshtein") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "abc") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("flaw", "lawn") == 2);
  CHECK(edit_distance("exclde", "exclude") == 1);  // deletion
  CHECK(edit_distance("versoin", "version") == 2); // a transposition costs two
  CHECK(edit_distance("CTX02", "CTX002") == 1);
  CHECK(edit_distance("a", "b") == 1);
  // Symmetric.
  CHECK(edit_distance("intention", "execution") == edit_distance("execution", "intention"));
  CHECK(edit_distance("intention", "execution") == 5);
}
