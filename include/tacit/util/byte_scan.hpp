#pragma once
// Skipping the bytes a scanner does not care about, sixteen at a time. The code readers walk every byte of
// the code files they read (where a string or comment starts, where an upper-case word is); a loop that looks
// at one byte at a time costs several instructions a byte, and code is most of a large repository's bytes.
// With SSE2 (every x86-64 processor) the skip compares sixteen bytes at once; elsewhere it is a table loop.

#include <array>
#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tacit::util {

/// A set of up to twelve bytes, and the first position at or after `from` that holds one of them.
class ByteSet {
public:
  explicit ByteSet(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size() && m_count < m_bytes.size(); ++i) {
#if defined(__SSE2__)
      m_vectors[m_count] = _mm_set1_epi8(bytes[i]);
#endif
      m_bytes[m_count++] = bytes[i];
      m_member[static_cast<unsigned char>(bytes[i])] = true;
    }
  }

  bool contains(char c) const {
    return m_member[static_cast<unsigned char>(c)];
  }

  /// The first position at or after `from` whose byte is in the set; text.size() when none.
  std::size_t find(std::string_view text, std::size_t from) const {
    std::size_t i = from;
#if defined(__SSE2__)
    while (i + 16 <= text.size()) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      __m128i any = _mm_setzero_si128();
      for (std::size_t k = 0; k < m_count; ++k)
        any = _mm_or_si128(any, _mm_cmpeq_epi8(chunk, m_vectors[k]));
      if (const int mask = _mm_movemask_epi8(any); mask != 0)
        return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
      i += 16;
    }
#endif
    while (i < text.size() && !contains(text[i]))
      ++i;
    return i;
  }

private:
#if defined(__SSE2__)
  __m128i m_vectors[12]{}; // each byte in every lane, made once (a lexer asks at every token)
#endif
  std::array<char, 12> m_bytes{};
  std::size_t m_count = 0;
  std::array<bool, 256> m_member{};
};

/// The first position at or after `from` that holds an ASCII upper-case letter; text.size() when none.
inline std::size_t find_upper(std::string_view text, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i a = _mm_set1_epi8('A');
  const __m128i span = _mm_set1_epi8(25);
  while (i + 16 <= text.size()) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i offset = _mm_sub_epi8(chunk, a); // 0..25 for 'A'..'Z', as unsigned bytes
    const __m128i upper = _mm_cmpeq_epi8(_mm_min_epu8(offset, span), offset);
    if (const int mask = _mm_movemask_epi8(upper); mask != 0)
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#endif
  while (i < text.size() && !(text[i] >= 'A' && text[i] <= 'Z'))
    ++i;
  return i;
}

/// The first position at or after `from` that holds an ASCII upper-case letter followed by another, a digit
/// or an underscore (where a name like `API_KEY` can start, and none of `HandleRequest`'s capitals);
/// text.size() when none.
inline std::size_t find_upper_pair(std::string_view text, std::size_t from) {
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto follows = [&upper](char c) { return upper(c) || (c >= '0' && c <= '9') || c == '_'; };
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i a = _mm_set1_epi8('A');
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i underscore = _mm_set1_epi8('_');
  const __m128i letters = _mm_set1_epi8(25);
  const __m128i digits = _mm_set1_epi8(9);
  const auto in_range = [](__m128i chunk, __m128i low, __m128i span) {
    const __m128i offset = _mm_sub_epi8(chunk, low); // 0..span for the range, as unsigned bytes
    return _mm_cmpeq_epi8(_mm_min_epu8(offset, span), offset);
  };
  while (i + 17 <= text.size()) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 1));
    const __m128i follow =
        _mm_or_si128(_mm_or_si128(in_range(next, a, letters), in_range(next, zero, digits)),
                     _mm_cmpeq_epi8(next, underscore));
    const __m128i pair = _mm_and_si128(in_range(chunk, a, letters), follow);
    if (const int mask = _mm_movemask_epi8(pair); mask != 0)
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#endif
  for (; i + 1 < text.size(); ++i)
    if (upper(text[i]) && follows(text[i + 1]))
      return i;
  return text.size();
}

/// How many bytes of `text` are `byte` (newlines before a place: its line), sixteen at a time.
inline std::size_t count_byte(std::string_view text, char byte) {
  std::size_t count = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i wanted = _mm_set1_epi8(byte);
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    count += static_cast<std::size_t>(
        __builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, wanted)))));
  }
#endif
  for (; i < text.size(); ++i)
    count += text[i] == byte ? 1 : 0;
  return count;
}

} // namespace tacit::util
