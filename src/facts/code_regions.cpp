// Windows of lines around a prefilter's hits, parsed as tree-sitter included ranges, and the check that the
// windows parsed around each hit as the whole file would.

#include "code_regions.hpp"

#include <tacit/doc/languages.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

namespace {

// Windows this many lines apart or closer are parsed as one: each window edge is a place to recover from.
constexpr std::uint32_t k_merge_gap = 4;

// The byte offset where each line starts (line 0 at byte 0).
std::vector<std::uint32_t> code_line_starts(std::string_view text) {
  std::vector<std::uint32_t> out{0};
  const char* begin = text.data();
  const char* end = begin + text.size();
  for (const char* at = begin; at < end;) {
    const auto* newline = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
    if (newline == nullptr)
      break;
    at = newline + 1;
    out.push_back(static_cast<std::uint32_t>(at - begin));
  }
  return out;
}

// How far a window widens to balance its brackets.
constexpr std::uint32_t k_max_lines_up = 40;
constexpr std::uint32_t k_max_lines_down = 60;

// The bracket depth at the start of each line and the lowest depth within it, counted from the file's
// start outside comments and strings, and whether the line starts inside a string or comment that spans
// lines (a template literal, a raw string, a docstring, a block comment). A best effort: what it miscounts
// makes a window parse badly, which the parse check catches.
struct LineDepths {
  std::vector<int> start, low;
  std::vector<bool> in_text;
};

LineDepths line_depths(std::string_view text, const std::vector<std::uint32_t>& starts, CodeSyntax syntax) {
  LineDepths out;
  out.start.reserve(starts.size() + 1);
  out.low.reserve(starts.size());
  out.in_text.reserve(starts.size());
  int depth = 0;
  std::string_view closer; // what ends the string or comment that spans lines we are in ("`", "*/", "\"\"\"")
  for (std::size_t row = 0; row < starts.size(); ++row) {
    out.start.push_back(depth);
    out.in_text.push_back(!closer.empty());
    int low = depth;
    const std::size_t end = row + 1 < starts.size() ? starts[row + 1] : text.size();
    for (std::size_t i = starts[row]; i < end; ++i) {
      const char c = text[i];
      if (!closer.empty()) {
        if (c == '\\' && closer != "*/" && !(closer == "`" && syntax.raw_backquotes))
          ++i;
        else if (text.substr(i, closer.size()) == closer) {
          i += closer.size() - 1;
          closer = {};
        }
      } else if (c == '(' || c == '[' || c == '{') {
        ++depth;
      } else if (c == ')' || c == ']' || c == '}') {
        low = std::min(low, --depth);
      } else if ((syntax.hash_comments && c == '#') ||
                 (!syntax.hash_comments && c == '/' && i + 1 < end && text[i + 1] == '/')) {
        break;
      } else if (!syntax.hash_comments && c == '/' && i + 1 < end && text[i + 1] == '*') {
        closer = "*/";
        ++i;
      } else if (c == '`') {
        closer = "`";
      } else if (syntax.hash_comments && (c == '"' || c == '\'') && text.substr(i, 3) == std::string(3, c)) {
        closer = c == '"' ? "\"\"\"" : "'''";
        i += 2;
      } else if (c == '"' || (c == '\'' && syntax.single_quoted_strings)) {
        for (++i; i < end && text[i] != c && text[i] != '\n'; ++i)
          if (text[i] == '\\')
            ++i;
      } else if (c == '\'') { // a character literal: 'x', '\n', '{'; a lifetime ('a) opens nothing
        if (i + 2 < end && text[i + 1] != '\\' && text[i + 2] == '\'')
          i += 2;
        else if (i + 3 < end && text[i + 1] == '\\' && text[i + 3] == '\'')
          i += 3;
      }
    }
    out.low.push_back(low);
  }
  out.start.push_back(depth);
  return out;
}

// A string or a comment: where a window that starts inside one (a docstring, a block comment) reads text as
// code and code as text.
bool string_or_comment_type(std::string_view type) {
  return type.find("string") != std::string_view::npos || type.find("comment") != std::string_view::npos ||
         type == "text_block" || type == "heredoc_body";
}

} // namespace

std::size_t find_needle(std::string_view text, std::string_view needle, std::size_t from) {
  if (from >= text.size())
    return std::string_view::npos;
  // glibc's memmem: string_view::find stops at every occurrence of the needle's first byte ('e' of
  // "environ"), and that was most of a scan's time on code that reads no variable.
  const void* at = ::memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return at == nullptr ? std::string_view::npos
                       : static_cast<std::size_t>(static_cast<const char*>(at) - text.data());
}

namespace {

constexpr std::string_view k_rare_first = "QZXJKVqzxjkvYWGBHUFMPwygbhufmp$!:";

// A byte all of `needles` hold, as rare in code as can be ('v': every environment needle has "env"), or '\0'.
char anchor_byte(std::span<const std::string_view> needles) {
  for (const char c : k_rare_first)
    if (!needles.empty() &&
        std::ranges::all_of(needles, [&](std::string_view n) { return n.find(c) != std::string_view::npos; }))
      return c;
  return '\0';
}

// Two neighbouring bytes all of `needles` hold ("nv": every environment needle has "env"), the rarer of them
// as rare as can be; empty when there are none. 'v' alone is common in code (value, server, invalid); "nv"
// much less.
std::string_view anchor_pair(std::span<const std::string_view> needles) {
  if (needles.empty())
    return {};
  const auto rank = [](char c) {
    const auto at = k_rare_first.find(c);
    return at == std::string_view::npos ? k_rare_first.size() : at;
  };
  std::string_view best;
  for (std::size_t i = 0; i + 1 < needles.front().size(); ++i) {
    const auto pair = needles.front().substr(i, 2);
    if (!std::ranges::all_of(needles,
                             [&](std::string_view n) { return n.find(pair) != std::string_view::npos; }))
      continue;
    if (best.empty() || std::min(rank(pair[0]), rank(pair[1])) < std::min(rank(best[0]), rank(best[1])))
      best = pair;
  }
  return best;
}

// Calls `each(hit)` for every occurrence of a needle, in no particular order, until it returns false. With a
// pair of bytes all of them hold: a search for the pair sixteen bytes at a time (SSE2), then a compare of
// each needle around it. Else with a shared rare byte: memchr for it, then the same compare. Else memmem,
// one needle at a time (~3 instructions a byte per needle on code).
template <typename Each>
void for_each_code_hit(std::string_view text, std::span<const std::string_view> needles, Each each) {
  // Where the previous hit of each needle ended: occurrences do not overlap, as with a search from the end of
  // the previous one.
  std::array<std::size_t, 8> next_free{};
  // The needles that hold `anchor` at `pos`; false when `each` asked to stop.
  const auto around = [&](std::size_t pos, std::string_view anchor) {
    for (std::size_t k = 0; k < needles.size() && k < next_free.size(); ++k) {
      const auto needle = needles[k];
      // Every place of the anchor in the needle (a needle may hold it twice: "LookupEnv" does not).
      for (std::size_t offset = needle.find(anchor); offset != std::string_view::npos;
           offset = needle.find(anchor, offset + 1)) {
        if (offset > pos)
          break;
        const auto start = pos - offset;
        if (start < next_free[k] || start + needle.size() > text.size() ||
            text.compare(start, needle.size(), needle) != 0)
          continue;
        next_free[k] = start + needle.size();
        if (!each(CodeHit{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(needle.size())}))
          return false;
      }
    }
    return true;
  };
  // The pairs of the needles asked about lately, on this thread: a scan asks with the same few needles for
  // every file.
  struct Cached {
    std::vector<std::string> needles;
    std::string pair;
  };
  thread_local std::vector<Cached> cache;
  auto cached =
      std::ranges::find_if(cache, [&](const Cached& c) { return std::ranges::equal(c.needles, needles); });
  if (cached == cache.end()) {
    if (cache.size() >= 8)
      cache.erase(cache.begin());
    cache.push_back(
        {std::vector<std::string>(needles.begin(), needles.end()), std::string(anchor_pair(needles))});
    cached = cache.end() - 1;
  }
  const std::string cached_pair = cached->pair;
  if (const std::string_view pair = cached_pair; !pair.empty()) {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8(pair[0]);
    const __m128i second = _mm_set1_epi8(pair[1]);
    for (; i + 17 <= text.size(); i += 16) {
      const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 1));
      auto mask = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(here, first), _mm_cmpeq_epi8(next, second))));
      for (; mask != 0; mask &= mask - 1)
        if (!around(i + static_cast<std::size_t>(__builtin_ctz(mask)), pair))
          return;
    }
#endif
    for (; i + 1 < text.size(); ++i)
      if (text[i] == pair[0] && text[i + 1] == pair[1] && !around(i, pair))
        return;
    return;
  }
  const char anchor = anchor_byte(needles);
  if (anchor == '\0') {
    for (const auto needle : needles)
      for (auto at = find_needle(text, needle, 0); at != std::string_view::npos;
           at = find_needle(text, needle, at + needle.size()))
        if (!each(CodeHit{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(needle.size())}))
          return;
    return;
  }
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin; p < end; ++p) {
    p = static_cast<const char*>(std::memchr(p, anchor, static_cast<std::size_t>(end - p)));
    if (p == nullptr)
      return;
    if (!around(static_cast<std::size_t>(p - begin), std::string_view(&anchor, 1)))
      return;
  }
}

} // namespace

bool has_code_hit(std::string_view text, std::span<const std::string_view> needles) {
  bool found = false;
  for_each_code_hit(text, needles, [&](const CodeHit&) {
    found = true;
    return false;
  });
  return found;
}

std::vector<CodeHit> find_code_hits(std::string_view text, std::span<const std::string_view> needles) {
  std::vector<CodeHit> out;
  for_each_code_hit(text, needles, [&](const CodeHit& hit) {
    out.push_back(hit);
    return true;
  });
  std::ranges::sort(out, [](const CodeHit& a, const CodeHit& b) { return a.byte < b.byte; });
  return out;
}

std::vector<TSRange> code_windows(std::string_view text, std::span<const CodeHit> hits, CodeSyntax syntax,
                                  std::uint32_t before, std::uint32_t after) {
  if (hits.empty())
    return {};
  const auto starts = code_line_starts(text);
  const auto depths = line_depths(text, starts, syntax);
  const auto last_row = static_cast<std::uint32_t>(starts.size() - 1);
  const auto row_of = [&](std::uint32_t byte) {
    return static_cast<std::uint32_t>(std::ranges::upper_bound(starts, byte) - starts.begin() - 1);
  };
  // The windows as rows, first to last inclusive, merged when they overlap or nearly touch.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> rows;
  for (const auto& hit : hits) {
    const auto row = row_of(hit.byte);
    if (!rows.empty() && row <= rows.back().second)
      continue; // already in a window
    auto first = row > before ? row - before : 0;
    auto last = std::min(last_row, row + after);
    // Widen until nothing in the window closes a bracket opened above it, and everything opened in it is
    // closed by its end.
    int low = *std::min_element(depths.low.begin() + first, depths.low.begin() + last + 1);
    for (;;) {
      if (low < depths.start[first] && first > 0 && first + k_max_lines_up > row)
        low = std::min(low, depths.low[--first]);
      else if (depths.start[last + 1] > depths.start[first] && last < last_row &&
               last < row + k_max_lines_down)
        low = std::min(low, depths.low[++last]);
      else
        break;
    }
    if (depths.in_text[first] || depths.in_text[row])
      return {}; // a window would start in a string or comment (or the hit is in one): parse it all
    while (!rows.empty() && first <= rows.back().second + k_merge_gap) {
      first = std::min(first, rows.back().first);
      last = std::max(last, rows.back().second);
      rows.pop_back();
    }
    rows.emplace_back(first, last);
  }
  std::vector<TSRange> out;
  std::size_t covered = 0;
  for (const auto& [first, last] : rows) {
    TSRange range{};
    range.start_point = {first, 0};
    range.start_byte = starts[first];
    if (last < last_row) {
      range.end_point = {last + 1, 0};
      range.end_byte = starts[last + 1];
    } else {
      range.end_point = {last_row, static_cast<std::uint32_t>(text.size()) - starts[last_row]};
      range.end_byte = static_cast<std::uint32_t>(text.size());
    }
    covered += range.end_byte - range.start_byte;
    out.push_back(range);
  }
  if (covered * 2 > text.size())
    return {}; // the windows hold most of the file: parsing it whole costs little more and risks nothing
  return out;
}

bool hits_parse_cleanly(TSNode root, std::span<const CodeHit> hits, std::span<const TSRange> windows) {
  // The bytes each syntax error spans (with balanced windows errors are rare, so this is a short list).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> errors;
  if (ts_node_has_error(root))
    doc::walk(root, [&](TSNode node, std::uint32_t) {
      if (ts_node_is_error(node) || ts_node_is_missing(node)) {
        errors.emplace_back(ts_node_start_byte(node), ts_node_end_byte(node));
        return false;
      }
      return ts_node_has_error(node);
    });
  for (const auto& hit : hits) {
    const auto window = std::ranges::find_if(windows, [&](const TSRange& range) {
      return range.start_byte <= hit.byte && hit.byte < range.end_byte;
    });
    if (window == windows.end())
      return false;
    // An error anywhere in the hit's window: the window may start inside a string or a comment that a
    // closing quote then reopens (a template literal holding code), or cut a statement the hit belongs to.
    for (const auto& [first, last] : errors)
      if (first <= window->end_byte && last >= window->start_byte)
        return false;
    auto node = ts_node_descendant_for_byte_range(root, hit.byte, hit.byte + hit.size);
    for (; !ts_node_is_null(node); node = ts_node_parent(node))
      if (ts_node_start_point(node).row != ts_node_end_point(node).row &&
          string_or_comment_type(ts_node_type(node)))
        return false;
  }
  return true;
}

} // namespace tacit::facts
