// Tests for util/escape: control characters made visible for terminals and CI logs.

#include <tacit/util/escape.hpp>

#include <doctest/doctest.h>

#include <string_view>

TEST_CASE("escape_controls: C0, DEL and C1 controls become visible, everything else is kept") {
  using tacit::util::escape_controls;
  CHECK(escape_controls("plain text, é and 日本") == "plain text, é and 日本");
  CHECK(escape_controls("a\nb\r\tc") == "a\\nb\\r\\tc");
  CHECK(escape_controls("a\tb", /*keep_tab=*/true) == "a\tb");
  CHECK(escape_controls("\x1b[31mred\x7f") == "\\x1b[31mred\\x7f");
  CHECK(escape_controls(std::string_view("nul\0end", 7)) == "nul\\x00end");
  CHECK(escape_controls("next\xc2\x85line") == "next\\u0085line");                // U+0085, a C1 control
  CHECK(escape_controls("\xc2\xa0nbsp") == "\xc2\xa0nbsp");                       // U+00A0 is not a control
  CHECK(escape_controls("bad \xff byte, cut \xc2") == "bad \xff byte, cut \xc2"); // invalid UTF-8 kept
}
