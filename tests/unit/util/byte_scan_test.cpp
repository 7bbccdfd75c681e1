// Tests for util/byte_scan: the sixteen-bytes-at-a-time skips give what a byte loop gives, at every
// alignment and length (the vector loop and the tail loop both run).

#include <tacit/util/byte_scan.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

using namespace tacit::util;

TEST_CASE("count_byte counts a byte like a loop over every byte, whatever the length and the alignment") {
  std::string text;
  for (int i = 0; i < 100; ++i)
    text += i % 7 == 0 ? "line\n" : (i % 3 == 0 ? "\n\n" : "word ");
  for (std::size_t start = 0; start < 20; ++start)
    for (std::size_t length = 0; start + length <= text.size(); length += 3) {
      const std::string_view part = std::string_view(text).substr(start, length);
      CHECK(count_byte(part, '\n') == static_cast<std::size_t>(std::ranges::count(part, '\n')));
    }
  CHECK(count_byte("", '\n') == 0);
  CHECK(count_byte(std::string(64, '\n'), '\n') == 64);
  CHECK(count_byte(std::string(33, 'a'), '\n') == 0);
}

TEST_CASE("find_upper and ByteSet find the first byte wanted, in the vector part or in the tail") {
  const std::string text = std::string(40, 'a') + "Q" + std::string(5, 'b') + "#";
  CHECK(find_upper(text, 0) == 40);
  CHECK(find_upper(text, 41) == text.size());
  const ByteSet set("#\"");
  CHECK(set.find(text, 0) == 46);
  CHECK(set.find(text, 47) == text.size());
  CHECK(set.contains('#'));
  CHECK_FALSE(set.contains('a'));
}

TEST_CASE("find_upper_pair finds a capital followed by a capital, digit or underscore like a byte loop") {
  // Every alignment and length over a text dense in near misses: capitals before lower case, capitals at
  // the end, digits and underscores before capitals.
  const std::string text = "HandleRequest xY_ a1B Zz aB_c Q9 ssGH_PAGER x_Y AaBbCc 9A _B QQ Last:Z";
  const auto loop = [](std::string_view part, std::size_t from) {
    for (auto i = from; i + 1 < part.size(); ++i)
      if (part[i] >= 'A' && part[i] <= 'Z' &&
          ((part[i + 1] >= 'A' && part[i + 1] <= 'Z') || (part[i + 1] >= '0' && part[i + 1] <= '9') ||
           part[i + 1] == '_'))
        return i;
    return part.size();
  };
  for (std::size_t start = 0; start < 24; ++start)
    for (std::size_t length = 0; start + length <= text.size(); ++length) {
      const std::string_view part = std::string_view(text).substr(start, length);
      for (std::size_t from = 0; from <= part.size(); from += 5)
        CHECK(find_upper_pair(part, from) == loop(part, from));
    }
  CHECK(find_upper_pair(std::string(40, 'a') + "AB", 0) == 40);
  CHECK(find_upper_pair(std::string(40, 'A'), 39) == 40); // a capital at the very end starts no pair
  CHECK(find_upper_pair("", 0) == 0);
}
