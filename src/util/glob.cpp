// Globs with git's wildmatch semantics (WM_PATHNAME); the .gitignore rules on top of them are in
// ignore_rules.cpp.
//
// Matching simulates the pattern over every text position at once (a set of reachable positions), so the
// cost is at most O(pattern tokens x path length) whatever the pattern: no backtracking, hence no
// catastrophic cases for patterns that come from config files.

#include "glob_internal.hpp"

#include <tacit/util/glob.hpp>

#include <array>
#include <cctype>
#include <vector>

namespace tacit::util {

namespace {

enum class Kind { literal, any, char_class, star, star_star, star_star_slash };

struct Token {
  Kind kind = Kind::literal;
  unsigned char ch = 0;  // for literal
  std::size_t begin = 0; // for char_class: the position of '['
};

// Whether `c` is in the POSIX class `name` ("alpha", "digit"...); `known` says whether the name exists.
bool named_class(std::string_view name, int c, bool* known) {
  struct Named {
    std::string_view name;
    int (*test)(int);
  };
  static constexpr Named k_classes[] = {
      {"alnum", [](int x) { return std::isalnum(x); }},
      {"alpha", [](int x) { return std::isalpha(x); }},
      {"blank", [](int x) { return int{x == ' ' || x == '\t'}; }},
      {"cntrl", [](int x) { return std::iscntrl(x); }},
      {"digit", [](int x) { return std::isdigit(x); }},
      {"graph", [](int x) { return std::isgraph(x); }},
      {"lower", [](int x) { return std::islower(x); }},
      {"print", [](int x) { return std::isprint(x); }},
      {"punct", [](int x) { return std::ispunct(x); }},
      {"space", [](int x) { return std::isspace(x); }},
      {"upper", [](int x) { return std::isupper(x); }},
      {"xdigit", [](int x) { return std::isxdigit(x); }},
  };
  for (const auto& named : k_classes) {
    if (named.name == name) {
      *known = true;
      return c >= 0 && named.test(c) != 0;
    }
  }
  *known = false;
  return false;
}

// Scans the class that opens at p[open] == '[' as git's wildmatch does. Sets `end` past its ']' and
// `matched` for character `t` (-1 only validates). False for an unterminated or unknown class.
bool scan_class(std::string_view p, std::size_t open, std::size_t& end, int t, bool& matched) {
  std::size_t i = open + 1;
  bool negated = false;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) {
    negated = true;
    ++i;
  }
  bool hit = false;
  int previous = -1; // the last single character, the low end of a range
  for (bool first = true;; first = false) {
    if (i >= p.size()) {
      return false;
    }
    int c = static_cast<unsigned char>(p[i]);
    if (c == ']' && !first) {
      break;
    }
    if (c == '\\') {
      if (++i >= p.size()) {
        return false;
      }
      c = static_cast<unsigned char>(p[i]);
      hit = hit || t == c;
      previous = c;
      ++i;
    } else if (c == '-' && previous >= 0 && i + 1 < p.size() && p[i + 1] != ']') {
      int high = static_cast<unsigned char>(p[++i]);
      if (high == '\\') {
        if (++i >= p.size()) {
          return false;
        }
        high = static_cast<unsigned char>(p[i]);
      }
      hit = hit || (t >= previous && t <= high);
      previous = -1;
      ++i;
    } else if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {
      std::size_t close = i + 2;
      while (close < p.size() && p[close] != ']') {
        ++close;
      }
      if (close >= p.size()) {
        return false;
      }
      if (close - (i + 2) < 1 || p[close - 1] != ':') {
        hit = hit || t == '['; // not a [:name:], so a literal '['
        previous = '[';
        ++i;
        continue;
      }
      bool known = false;
      const bool in_class = named_class(p.substr(i + 2, close - 1 - (i + 2)), t, &known);
      if (!known) {
        return false;
      }
      hit = hit || in_class;
      previous = -1;
      i = close + 1;
    } else {
      hit = hit || t == c;
      previous = c;
      ++i;
    }
  }
  end = i + 1;
  matched = hit != negated && t != '/';
  return true;
}

// Reads the token at p[pos] and advances pos; false for an invalid pattern.
bool next_token(std::string_view p, std::size_t& pos, Token& token) {
  const char c = p[pos];
  if (c == '\\') {
    if (pos + 1 >= p.size()) {
      return false;
    }
    token = Token{Kind::literal, static_cast<unsigned char>(p[pos + 1]), 0};
    pos += 2;
  } else if (c == '?') {
    token = Token{Kind::any, 0, 0};
    ++pos;
  } else if (c == '[') {
    std::size_t end = 0;
    bool matched = false;
    if (!scan_class(p, pos, end, -1, matched)) {
      return false;
    }
    token = Token{Kind::char_class, 0, pos};
    pos = end;
  } else if (c == '*') {
    std::size_t stars_end = pos;
    while (stars_end < p.size() && p[stars_end] == '*') {
      ++stars_end;
    }
    // `**` spans directories only as a whole segment: at the start or after '/', and at the end or before
    // '/'.
    const bool whole_segment = stars_end - pos >= 2 && (pos == 0 || p[pos - 1] == '/') &&
                               (stars_end == p.size() || p[stars_end] == '/');
    if (!whole_segment) {
      token = Token{Kind::star, 0, 0};
      pos = stars_end;
    } else if (stars_end == p.size()) {
      token = Token{Kind::star_star, 0, 0};
      pos = stars_end;
    } else {
      token = Token{Kind::star_star_slash, 0, 0}; // `**/`: no directories, or any ending in '/'
      pos = stars_end + 1;
    }
  } else {
    token = Token{Kind::literal, static_cast<unsigned char>(c), 0};
    ++pos;
  }
  return true;
}

bool single_matches(std::string_view pattern, const Token& token, unsigned char c) {
  switch (token.kind) {
  case Kind::literal:
    return c == token.ch;
  case Kind::any:
    return c != '/';
  case Kind::char_class: {
    std::size_t end = 0;
    bool matched = false;
    return scan_class(pattern, token.begin, end, c, matched) && matched;
  }
  default:
    return false;
  }
}

// The matcher proper. `reach[j]` says whether the pattern read so far can end at text position j; only
// positions in [low, high] can be set.
bool simulate(std::string_view pattern, std::string_view text, unsigned char* reach) {
  const std::size_t n = text.size();
  std::fill(reach, reach + n + 1, 0);
  reach[0] = 1;
  std::size_t low = 0;
  std::size_t high = 0;
  std::size_t pos = 0;
  Token token;
  while (pos < pattern.size()) {
    if (!next_token(pattern, pos, token)) {
      return false;
    }
    switch (token.kind) {
    case Kind::literal:
    case Kind::any:
    case Kind::char_class: {
      if (low >= n) {
        return false;
      }
      const std::size_t top = std::min(high, n - 1);
      for (std::size_t j = top + 1; j-- > low;) {
        reach[j + 1] = reach[j] != 0 && single_matches(pattern, token, static_cast<unsigned char>(text[j]));
      }
      reach[low] = 0;
      std::size_t first = low + 1;
      std::size_t last = top + 1;
      while (first <= last && reach[first] == 0) {
        ++first;
      }
      if (first > last) {
        return false;
      }
      while (reach[last] == 0) {
        --last;
      }
      low = first;
      high = last;
      break;
    }
    case Kind::star: {
      std::size_t j = low + 1;
      for (; j <= n; ++j) {
        if (reach[j] == 0 && reach[j - 1] != 0 && text[j - 1] != '/') {
          reach[j] = 1;
        }
        if (reach[j] == 0 && j > high) {
          break;
        }
      }
      high = std::max(high, j - 1);
      while (reach[high] == 0) {
        --high;
      }
      break;
    }
    case Kind::star_star:
      std::fill(reach + low, reach + n + 1, 1);
      high = n;
      break;
    case Kind::star_star_slash: {
      bool seen = false;
      for (std::size_t j = low; j <= n; ++j) {
        const bool before = reach[j] != 0;
        if (!before && seen && text[j - 1] == '/') {
          reach[j] = 1;
          high = std::max(high, j);
        }
        seen = seen || before;
      }
      break;
    }
    }
  }
  return high == n && reach[n] != 0;
}

} // namespace

namespace glob_detail {

bool is_valid_pattern(std::string_view pattern) {
  std::size_t pos = 0;
  Token token;
  while (pos < pattern.size()) {
    if (!next_token(pattern, pos, token)) {
      return false;
    }
  }
  return true;
}

} // namespace glob_detail

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.find_first_of("*?[\\") == std::string_view::npos) {
    return pattern == path;
  }
  constexpr std::size_t k_inline = 256;
  if (path.size() < k_inline) {
    std::array<unsigned char, k_inline> reach;
    return simulate(pattern, path, reach.data());
  }
  std::vector<unsigned char> reach(path.size() + 1);
  return simulate(pattern, path, reach.data());
}

} // namespace tacit::util
