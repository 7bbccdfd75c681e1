// Environment reads decided from the bytes: a lexer pass that says where each prefilter hit sits (code, a
// line comment, or a string or block comment), then one recognizer per language that reads the plain forms of
// queries/env/*.scm around a hit in code. Each answer is "a read", "no read" or "not sure"; one "not sure"
// sends the whole file to the parser. The recognizers follow the queries' exact-text predicates: a receiver
// is matched by its text, so `os .environ` is no read while `os.environ` is.

#include "env_bytes.hpp"

#include <tacit/util/byte_scan.hpp>

#include <array>
#include <cstring>

namespace tacit::facts {

namespace {

using doc::Language;
using namespace std::string_view_literals;

constexpr auto k_npos = std::string_view::npos;
// Bytes::before_blank when the byte before is on an earlier line that may end in a comment.
constexpr auto k_unknown = k_npos - 1;

// Where a hit sits.
enum class Place : std::uint8_t { code, line_comment, text };

// What a hit is.
enum class Verdict : std::uint8_t { read, none, unsure };

// The lexical syntax the lexer needs of a language.
struct Lexicon {
  bool hash_comments = false;         // # to the end of the line (Python)
  bool slash_comments = true;         // // and /* */
  bool nested_block_comments = false; // Rust
  bool single_quoted_strings = false; // Python, JavaScript; elsewhere a character literal
  bool triple_quotes = false;         // """ (and ''' in Python) spans lines
  bool template_literals = false;     // JavaScript: `text ${code} text`
  bool raw_backquotes = false;        // Go: `...` spans lines, no escapes
  bool strings_span_lines = false;    // Rust: "..." spans lines
  bool rust_raw = false;              // r"...", r#"..."#, br"..."
  bool lifetimes = false;             // Rust: 'a is no character literal
  bool cpp_raw = false;               // R"delim(...)delim"
  bool line_splices = false;          // C, C++: a backslash before a newline continues a // comment
  bool preprocessor = false;          // C, C++: a #define's body is text to a parser
  bool macro_token_trees = false;     // Rust: a macro's arguments are tokens to a parser, not expressions
};

Lexicon lexicon(Language language) {
  Lexicon out;
  switch (language) {
  case Language::Python:
    out.hash_comments = true;
    out.slash_comments = false;
    out.single_quoted_strings = true;
    out.triple_quotes = true;
    break;
  case Language::JavaScript:
  case Language::TypeScript:
  case Language::Tsx:
    out.single_quoted_strings = true;
    out.template_literals = true;
    break;
  case Language::Go:
    out.raw_backquotes = true;
    break;
  case Language::Rust:
    out.nested_block_comments = true;
    out.strings_span_lines = true;
    out.rust_raw = true;
    out.lifetimes = true;
    out.macro_token_trees = true;
    break;
  case Language::Java:
    out.triple_quotes = true;
    break;
  case Language::C:
  case Language::Cpp:
    out.cpp_raw = true;
    out.line_splices = true;
    out.preprocessor = true;
    break;
  default:
    break;
  }
  return out;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool one_of(char c, std::string_view set) {
  return c != '\0' && set.find(c) != k_npos;
}

// The places of `hits` (sorted by byte) in `text`. Stops once every hit has its place.
class Lexer {
public:
  Lexer(std::string_view text, std::span<const CodeHit> hits, Lexicon syntax)
      : m_text(text), m_hits(hits), m_syntax(syntax), m_places(hits.size(), Place::code),
        m_special(special_bytes(syntax)) {}

  // The bytes where something may start or end: quotes, comments, template substitutions, Rust brackets.
  static std::string special_bytes(Lexicon syntax) {
    std::string out = "\"'/";
    if (syntax.hash_comments || syntax.preprocessor)
      out += '#';
    if (syntax.template_literals || syntax.raw_backquotes)
      out += '`';
    if (syntax.template_literals)
      out += "{}";
    if (syntax.macro_token_trees)
      out += "()[]{}";
    return out;
  }

  std::vector<Place> run() {
    const std::size_t n = m_text.size();
    const std::size_t last = m_hits.empty() ? 0 : m_hits.back().byte + m_hits.back().size;
    std::size_t i = 0;
    while (m_next < m_hits.size() && i < n) {
      i = m_special.find(m_text, i);
      if (i >= n)
        break;
      const char c = m_text[i];
      if (i >= last && m_substitutions.empty())
        break; // past the last hit, in code: what follows changes no place
      if (m_syntax.macro_token_trees && one_of(c, "()[]{}")) {
        i = bracket(i);
      } else if (c == '{' || c == '}') {
        i = brace(i);
      } else if (c == '#') {
        i = m_syntax.hash_comments ? line_comment(i) : directive(i);
      } else if (c == '/') {
        if (i + 1 < n && m_text[i + 1] == '/')
          i = line_comment(i);
        else if (i + 1 < n && m_text[i + 1] == '*')
          i = block_comment(i);
        else
          ++i;
      } else if (c == '`') {
        i = m_syntax.template_literals ? template_text(i, i + 1) : raw_until(i, i + 1, "`");
      } else {
        i = quoted(i);
      }
    }
    mark(m_text.size() + 1, base());
    return std::move(m_places);
  }

private:
  // Hits before `end` (not placed yet) are in `place`.
  void mark(std::size_t end, Place place) {
    while (m_next < m_hits.size() && m_hits[m_next].byte < end)
      m_places[m_next++] = place;
  }
  // What the code between tokens is: text inside a Rust macro's arguments.
  Place base() const { return m_macros > 0 ? Place::text : Place::code; }

  // A token from `begin` to `end` (exclusive) is `place`; the code before it is code.
  std::size_t token(std::size_t begin, std::size_t end, Place place) {
    mark(begin, base());
    // A hit that starts in code and runs into the token is not plain code either.
    if (m_next > 0 && m_places[m_next - 1] == Place::code &&
        m_hits[m_next - 1].byte + m_hits[m_next - 1].size > begin)
      m_places[m_next - 1] = Place::text;
    mark(end, m_macros > 0 ? Place::text : place);
    return end;
  }

  // A C preprocessor directive (a # first on its line) to its end: text to the lexer (a #define's body is
  // not parsed as code).
  std::size_t directive(std::size_t i) {
    std::size_t k = i;
    while (k > 0 && (m_text[k - 1] == ' ' || m_text[k - 1] == '\t'))
      --k;
    return k == 0 || m_text[k - 1] == '\n' ? line_comment(i, Place::text) : i + 1;
  }

  // Rust: brackets, to know the arguments of a macro (`name!(...)`, `macro_rules! name {...}`).
  std::size_t bracket(std::size_t i) {
    const char c = m_text[i];
    if (c == '(' || c == '[' || c == '{') {
      const bool macro = opens_macro(i);
      if (macro && m_macros++ == 0)
        mark(i, Place::code);
      m_brackets.push_back(macro);
    } else if (!m_brackets.empty()) {
      const bool macro = m_brackets.back();
      m_brackets.pop_back();
      if (macro && --m_macros == 0)
        mark(i + 1, Place::text);
    }
    return i + 1;
  }

  bool opens_macro(std::size_t i) const {
    auto p = i;
    while (p > 0 && blank(m_text[p - 1]))
      --p;
    if (p >= 2 && m_text[p - 1] == '!' && word_char(m_text[p - 2]))
      return true;
    if (p == 0 || !word_char(m_text[p - 1]))
      return false;
    while (p > 0 && word_char(m_text[p - 1]))
      --p;
    while (p > 0 && blank(m_text[p - 1]))
      --p;
    return p >= 12 && m_text.substr(p - 12, 12) == "macro_rules!";
  }

  // To the end of the line; in C a backslash before the newline continues the comment.
  std::size_t line_comment(std::size_t i, Place place = Place::line_comment) {
    auto end = m_text.find('\n', i);
    while (m_syntax.line_splices && end != k_npos && end > 0 && m_text[end - 1] == '\\')
      end = m_text.find('\n', end + 1);
    return token(i, end == k_npos ? m_text.size() : end, place);
  }

  std::size_t block_comment(std::size_t i) {
    const std::size_t n = m_text.size();
    int depth = 1;
    for (std::size_t k = i + 2; k + 1 < n;) {
      if (m_syntax.nested_block_comments && m_text[k] == '/' && m_text[k + 1] == '*') {
        ++depth;
        k += 2;
      } else if (m_text[k] == '*' && m_text[k + 1] == '/') {
        k += 2;
        if (--depth == 0)
          return token(i, k, Place::text);
      } else {
        ++k;
      }
    }
    return token(i, n, Place::text);
  }

  // Text up to and including `closer`, from `from`, without escapes.
  std::size_t raw_until(std::size_t begin, std::size_t from, std::string_view closer) {
    const auto end = m_text.find(closer, from);
    return token(begin, end == k_npos ? m_text.size() : end + closer.size(), Place::text);
  }

  // A quoted string or character literal starting at `i` (a quote).
  std::size_t quoted(std::size_t i) {
    const char q = m_text[i];
    const std::size_t n = m_text.size();
    if (q == '"' && m_syntax.rust_raw) { // r"...", r#"..."#, br"..."
      std::size_t k = i, hashes = 0;
      while (k > 0 && m_text[k - 1] == '#') {
        --k;
        ++hashes;
      }
      if (k > 0 && m_text[k - 1] == 'r') {
        std::size_t r = k - 1;
        if (r > 0 && m_text[r - 1] == 'b')
          --r;
        if (r == 0 || !word_char(m_text[r - 1]))
          return raw_until(i, i + 1, "\"" + std::string(hashes, '#'));
      }
    }
    if (q == '"' && m_syntax.cpp_raw && i > 0 && m_text[i - 1] == 'R') { // R"delim(...)delim"
      std::size_t r = i - 1;
      while (r > 0 &&
             (m_text[r - 1] == 'u' || m_text[r - 1] == 'U' || m_text[r - 1] == 'L' || m_text[r - 1] == '8'))
        --r;
      if (r == 0 || !word_char(m_text[r - 1])) {
        const auto open = m_text.find('(', i);
        if (open == k_npos || open - i > 17)
          return token(i, n, Place::text);
        return raw_until(i, open, ")" + std::string(m_text.substr(i + 1, open - i - 1)) + "\"");
      }
    }
    if (q == '\'' && !m_syntax.single_quoted_strings) {
      if (m_syntax.lifetimes) { // 'a' or '\n' is a character, 'a alone a lifetime or a label
        if (i + 1 < n && m_text[i + 1] == '\\')
          return simple(i, q, false);
        std::size_t k = i + 1;
        if (k < n && static_cast<unsigned char>(m_text[k]) >= 0x80)
          while (k + 1 < n && (static_cast<unsigned char>(m_text[k + 1]) & 0xC0) == 0x80)
            ++k;
        if (k + 1 < n && m_text[k + 1] == '\'')
          return token(i, k + 2, Place::text);
        return i + 1;
      }
      return simple(i, q, false);
    }
    if (m_syntax.triple_quotes && i + 2 < n && m_text[i + 1] == q && m_text[i + 2] == q &&
        (q == '"' || m_syntax.hash_comments)) {
      for (std::size_t k = i + 3; k + 2 < n; ++k) {
        if (m_text[k] == '\\')
          ++k;
        else if (m_text[k] == q && m_text[k + 1] == q && m_text[k + 2] == q)
          return token(i, k + 3, Place::text);
      }
      return token(i, n, Place::text);
    }
    return simple(i, q, m_syntax.strings_span_lines);
  }

  // A string with backslash escapes; one that does not span lines ends at the line's end if unclosed.
  std::size_t simple(std::size_t i, char q, bool spans_lines) {
    const std::size_t n = m_text.size();
    for (std::size_t k = i + 1; k < n; ++k) {
      const char c = m_text[k];
      if (c == '\\')
        ++k;
      else if (c == q)
        return token(i, k + 1, Place::text);
      else if (c == '\n' && !spans_lines)
        return token(i, k, Place::text);
    }
    return token(i, n, Place::text);
  }

  // Template literal text from `from` (after a backquote or a substitution's `}`), to its end or to the
  // next `${`.
  std::size_t template_text(std::size_t begin, std::size_t from) {
    const std::size_t n = m_text.size();
    for (std::size_t k = from; k < n; ++k) {
      const char c = m_text[k];
      if (c == '\\') {
        ++k;
      } else if (c == '`') {
        return token(begin, k + 1, Place::text);
      } else if (c == '$' && k + 1 < n && m_text[k + 1] == '{') {
        m_substitutions.push_back(0);
        return token(begin, k + 2, Place::text);
      }
    }
    return token(begin, n, Place::text);
  }

  std::size_t brace(std::size_t i) {
    if (m_substitutions.empty())
      return i + 1;
    if (m_text[i] == '{') {
      ++m_substitutions.back();
      return i + 1;
    }
    if (m_substitutions.back() > 0) {
      --m_substitutions.back();
      return i + 1;
    }
    m_substitutions.pop_back();
    return template_text(i, i + 1);
  }

  std::string_view m_text;
  std::span<const CodeHit> m_hits;
  Lexicon m_syntax;
  std::vector<Place> m_places;
  std::size_t m_next = 0;
  util::ByteSet m_special;
  std::vector<int> m_substitutions; // open `${`: braces opened inside each
  std::vector<bool> m_brackets;     // Rust: open brackets, true for a macro's
  int m_macros = 0;                 // how many of them are a macro's
};

// The byte helpers of the recognizers.
class Bytes {
public:
  Bytes(std::string_view text, std::string_view comment) : m_text(text), m_comment(comment) {}

  char at(std::size_t i) const { return i < m_text.size() ? m_text[i] : '\0'; }
  bool word(std::size_t i) const { return i < m_text.size() && word_char(m_text[i]); }
  bool is(std::size_t i, std::string_view s) const {
    return m_text.substr(std::min(i, m_text.size()), s.size()) == s;
  }
  // After spaces and tabs.
  std::size_t skip_space(std::size_t i) const {
    while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t'))
      ++i;
    return i;
  }
  // After blanks, newlines included.
  std::size_t skip_blank(std::size_t i) const {
    while (i < m_text.size() && blank(m_text[i]))
      ++i;
    return i;
  }
  // The last non-blank byte before `i`: npos at the file's start, k_unknown when it is on an earlier line
  // that holds a comment marker (it may be the comment's).
  std::size_t before_blank(std::size_t i) const {
    bool newline = false;
    while (i > 0 && blank(m_text[i - 1]))
      newline |= m_text[--i] == '\n';
    if (i == 0)
      return k_npos;
    if (newline) {
      const auto start = m_text.rfind('\n', i - 1);
      const auto line = m_text.substr(start == k_npos ? 0 : start + 1, i - (start == k_npos ? 0 : start + 1));
      if (line.find(m_comment) != k_npos)
        return k_unknown;
    }
    return i - 1;
  }
  // The end of a word starting at `i` (i itself when none).
  std::size_t word_end(std::size_t i) const {
    while (word(i))
      ++i;
    return i;
  }
  // The end of a one-line quoted literal whose quote is at `i`, with backslash escapes; npos when it is not
  // closed on its line.
  std::size_t literal_end(std::size_t i) const {
    const char q = at(i);
    for (std::size_t k = i + 1; k < m_text.size(); ++k) {
      const char c = m_text[k];
      if (c == '\\')
        ++k;
      else if (c == q)
        return k + 1;
      else if (c == '\n')
        return k_npos;
    }
    return k_npos;
  }
  std::string_view slice(std::size_t begin, std::size_t end) const {
    return m_text.substr(begin, end - begin);
  }
  std::size_t size() const { return m_text.size(); }
  // True when a comment may start at `i`.
  bool comment(std::size_t i, bool hash) const {
    return hash ? at(i) == '#' : at(i) == '/' && (at(i + 1) == '/' || at(i + 1) == '*');
  }

private:
  std::string_view m_text;
  std::string_view m_comment;
};

struct Found {
  Verdict verdict = Verdict::none;
  ByteEnvRead read;
};

Found unsure() {
  return {Verdict::unsure, {}};
}
Found none() {
  return {Verdict::none, {}};
}
Found found(const Bytes& b, std::size_t name_begin, std::size_t name_end, std::string_view fallback = {}) {
  return {Verdict::read, {static_cast<std::uint32_t>(name_begin), b.slice(name_begin, name_end), fallback}};
}

// An argument after a read's name, up to the `,` or `)` that ends it at its own depth (Python, Java); its
// text, trimmed; nullopt when the bytes leave a doubt (a comment, a string over lines, a lambda's commas).
std::optional<std::string_view> argument_text(const Bytes& b, std::size_t begin, bool python) {
  int depth = 0;
  for (std::size_t k = begin; k < b.size(); ++k) {
    const char c = b.at(k);
    if (b.comment(k, python))
      return std::nullopt;
    if (c == '"' || c == '\'') {
      if (b.at(k + 1) == c && b.at(k + 2) == c)
        return std::nullopt;
      const auto end = b.literal_end(k);
      if (end == k_npos)
        return std::nullopt;
      k = end - 1;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}' || (c == ',' && depth == 0)) {
      if (depth == 0) {
        if (c == ']' || c == '}')
          return std::nullopt;
        std::size_t end = k;
        while (end > begin && blank(b.at(end - 1)))
          --end;
        return end > begin ? std::optional(b.slice(begin, end)) : std::nullopt;
      }
      --depth;
    } else if (python && c == 'l' && b.is(k, "lambda") && !b.word(k + 6) && (k == 0 || !b.word(k - 1))) {
      return std::nullopt;
    } else if (!python && c == '-' && b.at(k + 1) == '>') {
      return std::nullopt; // a Java lambda: its body may hold commas
    }
  }
  return std::nullopt;
}

// ---- Python: os.environ["X"], os.environ.get("X"[, d]), os.getenv("X"[, d]), and without "os." ----

// A Python string literal at `i` (up to two prefix letters, one-line quotes): its end, or npos.
std::size_t python_string(const Bytes& b, std::size_t i) {
  std::size_t q = i;
  while (q < i + 2 && one_of(b.at(q), "rRbBuUfF"))
    ++q;
  const char c = b.at(q);
  if (c != '"' && c != '\'')
    return k_npos;
  if (b.at(q + 1) == c && b.at(q + 2) == c)
    return k_npos; // a triple-quoted string: rare as a name, not read here
  return b.literal_end(q);
}

bool python_string_start(const Bytes& b, std::size_t i) {
  std::size_t q = i;
  while (q < i + 2 && one_of(b.at(q), "rRbBuUfF"))
    ++q;
  return b.at(q) == '"' || b.at(q) == '\'';
}

// The arguments of os.getenv( / environ.get( from the byte after the parenthesis.
Found python_call(const Bytes& b, std::size_t open) {
  const auto i = b.skip_blank(open);
  if (b.at(i) == '#')
    return unsure();
  if (!python_string_start(b, i))
    return b.word(i) || b.at(i) == ')' || b.at(i) == '*' ? none() : unsure();
  const auto end = python_string(b, i);
  if (end == k_npos)
    return unsure();
  const auto k = b.skip_blank(end);
  if (b.at(k) == ')')
    return found(b, i, end);
  if (b.at(k) != ',')
    return unsure(); // "X" "Y", "X" + y, a comment: a parse says
  const auto next = b.skip_blank(k + 1);
  if (b.at(next) == ')')
    return found(b, i, end);
  const auto fallback = argument_text(b, next, true);
  return fallback ? found(b, i, end, *fallback) : unsure();
}

Found python_read(const Bytes& b, const CodeHit& hit) {
  const std::size_t h = hit.byte, e = h + hit.size;
  if ((h > 0 && b.word(h - 1)) || b.word(e))
    return none();
  // The receiver's text must be "os.X" or "X".
  if (h > 0 && b.at(h - 1) == '.') {
    if (!(h >= 3 && b.is(h - 3, "os.") && (h == 3 || !(b.word(h - 4) || b.at(h - 4) == '.'))))
      return none();
  } else if (const auto p = b.before_blank(h); p == k_unknown) {
    return unsure();
  } else if (p != k_npos && b.at(p) == '.') {
    return none(); // x. environ: an attribute of something else
  }
  if (hit.size == "getenv"sv.size()) {
    const auto j = b.skip_space(e);
    if (b.at(j) == '(')
      return python_call(b, j + 1);
    return b.at(b.skip_blank(j)) == '(' || b.at(b.skip_blank(j)) == '#' ? unsure() : none();
  }
  // environ
  if (b.at(e) == '[') {
    const auto i = b.skip_blank(e + 1);
    if (!python_string_start(b, i))
      return b.at(i) == '#' ? unsure() : none();
    const auto end = python_string(b, i);
    if (end == k_npos)
      return unsure();
    return b.at(b.skip_blank(end)) == ']' ? found(b, i, end) : unsure();
  }
  if (b.at(e) == '.') {
    if (b.is(e + 1, "get") && !b.word(e + 4)) {
      const auto j = b.skip_space(e + 4);
      if (b.at(j) == '(')
        return python_call(b, j + 1);
      return b.at(b.skip_blank(j)) == '(' || b.at(b.skip_blank(j)) == '#' ? unsure() : none();
    }
    return b.word(e + 1) ? none() : unsure();
  }
  const auto j = b.skip_blank(e);
  return b.at(j) == '[' || b.at(j) == '.' || b.at(j) == '#' ? unsure() : none();
}

// ---- JavaScript, TypeScript: process.env.X [|| d], process.env["X"], import.meta.env.X, Deno.env.get ----

bool js_word(const Bytes& b, std::size_t i) {
  return b.word(i) || b.at(i) == '$';
}

// True when the expression starting at `h` is a whole operand of a `||` or `??` after it: what precedes it
// binds less tightly (an opening bracket, a comma, an assignment, an arrow, `return`...).
bool js_operand_start(const Bytes& b, std::size_t h) {
  const auto p = b.before_blank(h);
  if (p == k_npos)
    return true;
  if (p == k_unknown)
    return false;
  const char c = b.at(p);
  if (c == '(' || c == ',' || c == '[' || c == '{' || c == ';' || c == ':')
    return true;
  if (c == '?')
    return p == 0 || b.at(p - 1) != '?';
  if (c == '=')
    return p == 0 || !one_of(b.at(p - 1), "=!<>+-*/%&|^");
  if (c == '>')
    return p > 0 && b.at(p - 1) == '='; // an arrow's body
  if (p >= 5 && b.is(p - 5, "return") && (p == 5 || !js_word(b, p - 6)))
    return true;
  return false;
}

// The end of a plain right operand at `i` (a string, a template without substitutions, a number, a name or
// a dotted name), followed by what surely ends the binary expression; npos when not sure.
std::size_t js_plain_operand(const Bytes& b, std::size_t i) {
  std::size_t end = k_npos;
  const char c = b.at(i);
  if (c == '"' || c == '\'') {
    end = b.literal_end(i);
  } else if (c == '`') {
    for (std::size_t k = i + 1; k < b.size(); ++k) {
      const char t = b.at(k);
      if (t == '`') {
        end = k + 1;
        break;
      }
      if (t == '\\' || t == '\n' || (t == '$' && b.at(k + 1) == '{'))
        break;
    }
  } else if (c >= '0' && c <= '9') {
    end = i;
    while (js_word(b, end) || b.at(end) == '.')
      ++end;
  } else if (js_word(b, i)) {
    end = i;
    for (;;) {
      while (js_word(b, end))
        ++end;
      if (b.at(end) != '.' || !js_word(b, end + 1) || (b.at(end + 1) >= '0' && b.at(end + 1) <= '9'))
        break;
      ++end;
    }
    const auto word = b.slice(i, end);
    if (word == "new" || word == "await" || word == "typeof" || word == "void" || word == "delete" ||
        word == "async" || word == "function" || word == "class" || word == "yield")
      return k_npos;
  }
  if (end == k_npos)
    return k_npos;
  const auto k = b.skip_space(end);
  const char t = b.at(k);
  if (t == ';' || t == ',' || t == ')' || t == ']' || t == '}' || t == ':')
    return end;
  if (t == '\n' || t == '\r' || t == '\0') {
    const auto next = b.skip_blank(k);
    const char u = b.at(next);
    if (u == '\0' || u == ';' || u == ',' || u == ')' || u == ']' || u == '}')
      return end;
    if (js_word(b, next) && !(u >= '0' && u <= '9')) {
      const auto word = b.slice(next, b.word_end(next));
      if (word != "in" && word != "instanceof" && word != "as" && word != "satisfies")
        return end;
    }
  }
  return k_npos;
}

Found js_member(const Bytes& b, std::size_t h, std::size_t e, bool defaults) {
  const auto name = e + 1;
  if (!js_word(b, name) || (b.at(name) >= '0' && b.at(name) <= '9'))
    return unsure();
  std::size_t name_end = name;
  while (js_word(b, name_end))
    ++name_end;
  // What Vite gives every build (import.meta.env.MODE, BASE_URL, PROD, DEV, SSR) is no variable to set.
  if (b.slice(h, e) == "import.meta.env") {
    const auto word = b.slice(name, name_end);
    if (word == "MODE" || word == "BASE_URL" || word == "PROD" || word == "DEV" || word == "SSR")
      return none();
  }
  const auto j = b.skip_blank(name_end);
  if (b.comment(j, false))
    return unsure();
  const bool op = (b.is(j, "||") || b.is(j, "??")) && b.at(j + 2) != '=';
  if (!op || !defaults)
    return found(b, name, name_end);
  if (!js_operand_start(b, h))
    return unsure();
  const auto operand = b.skip_blank(j + 2);
  const auto end = js_plain_operand(b, operand);
  if (end == k_npos)
    return unsure();
  return found(b, name, name_end, b.slice(operand, end));
}

Found js_read(const Bytes& b, const CodeHit& hit) {
  const std::size_t h = hit.byte, e = h + hit.size;
  if (js_word(b, e))
    return none(); // process.environment
  if (h > 0 && js_word(b, h - 1))
    return none(); // myprocess.env
  if (h > 0 && b.at(h - 1) == '.' && !(h >= 3 && b.is(h - 3, "...")))
    return none(); // globalThis.process.env: the receiver's text is not "process.env"
  if (const auto p = b.before_blank(h); p == k_unknown)
    return unsure();
  else if (p != k_npos && p + 1 < h && b.at(p) == '.' && !(p >= 2 && b.is(p - 2, "...")))
    return none();
  const auto needle = b.slice(h, e);
  if (needle == "Deno.env") {
    if (!b.is(e, ".get("))
      return unsure();
    const auto i = b.skip_blank(e + 5);
    if (b.at(i) != '"' && b.at(i) != '\'')
      return unsure();
    const auto end = b.literal_end(i);
    return end == k_npos ? unsure() : found(b, i, end);
  }
  const bool process = needle == "process.env";
  if (b.at(e) == '.')
    return js_member(b, h, e, process);
  if (b.at(e) == '[') {
    if (!process)
      return none();
    const auto i = b.skip_blank(e + 1);
    if (b.at(i) != '"' && b.at(i) != '\'')
      return b.comment(i, false) ? unsure() : none();
    const auto end = b.literal_end(i);
    if (end == k_npos)
      return unsure();
    return b.at(b.skip_blank(end)) == ']' ? found(b, i, end) : unsure();
  }
  // const { X } = process.env reads X: left to a parse.
  if (const auto p = b.before_blank(h);
      process &&
      (p == k_unknown || (p != k_npos && b.at(p) == '=' && (p == 0 || !one_of(b.at(p - 1), "=!<>")))))
    return unsure();
  const auto j = b.skip_blank(e);
  if (b.at(j) == '.' || b.at(j) == '[' || b.at(j) == '?' || b.comment(j, false))
    return unsure();
  return none();
}

// ---- Go: os.Getenv("X"), os.LookupEnv("X") ----

// For a hit on a method's name (os.Getenv, System.getenv): nullopt when what precedes it is exactly
// `receiver.` (a query matches the receiver by its text), else what the hit is.
std::optional<Found> after_receiver(const Bytes& b, const CodeHit& hit, std::string_view receiver) {
  const std::size_t h = hit.byte, e = h + hit.size;
  if (b.word(e) || (h > 0 && b.word(h - 1)))
    return none();
  if (h == 0 || b.at(h - 1) != '.') {
    const auto p = b.before_blank(h);
    return p == k_unknown || (p != k_npos && b.at(p) == '.') ? unsure() : none();
  }
  const auto r = receiver.size() + 1;
  if (!(h >= r && b.is(h - r, receiver) && (h == r || !(b.word(h - r - 1) || b.at(h - r - 1) == '.'))))
    return h >= 2 && blank(b.at(h - 2)) ? unsure() : none();
  return std::nullopt;
}

Found go_read(const Bytes& b, const CodeHit& hit) {
  if (auto verdict = after_receiver(b, hit, "os"))
    return *verdict;
  const auto j = b.skip_space(hit.byte + hit.size);
  if (b.at(j) != '(')
    return b.comment(j, false) ? unsure() : none();
  const auto i = b.skip_blank(j + 1);
  std::size_t end = k_npos;
  if (b.at(i) == '"') {
    end = b.literal_end(i);
  } else if (b.at(i) == '`') {
    const auto close = b.slice(i + 1, b.size()).find_first_of("`\n");
    if (close != k_npos && b.at(i + 1 + close) == '`')
      end = i + close + 2;
  } else {
    return b.comment(i, false) ? unsure() : none();
  }
  if (end == k_npos)
    return unsure();
  auto k = b.skip_blank(end);
  if (b.at(k) == ',')
    k = b.skip_blank(k + 1);
  if (b.at(k) == ')')
    return found(b, i, end);
  return b.comment(k, false) ? unsure() : none();
}

// ---- Rust: std::env::var("X") [.unwrap_or("d")], env::var_os("X"), env!("X"), option_env!("X") ----

// A Rust string literal ("...", escapes, one line here) at `i`: its end, or npos.
std::size_t rust_string(const Bytes& b, std::size_t i) {
  return b.at(i) == '"' ? b.literal_end(i) : k_npos;
}

bool rust_other_literal(const Bytes& b, std::size_t i) {
  return (b.at(i) == 'r' || b.at(i) == 'b') &&
         (b.at(i + 1) == '"' || b.at(i + 1) == '#' || b.at(i + 1) == 'r');
}

Found rust_read(const Bytes& b, const CodeHit& hit) {
  const std::size_t h = hit.byte;
  std::size_t e = h + hit.size;
  const bool macro = b.slice(h, e) == "env!";
  std::size_t start = h; // where the path or macro name ends on the left
  if (macro && h >= 7 && b.is(h - 7, "option_"))
    start = h - 7;
  if (!macro) {
    if (b.is(e, "_os"))
      e += 3;
    if (b.word(e))
      return none(); // env::vars
  }
  if (start > 0 && b.word(start - 1))
    return none(); // myenv::var, my_option_env!
  if (start > 0 && b.at(start - 1) != ':') {
    if (b.at(start - 1) == '.')
      return unsure();
    if (const auto p = b.before_blank(start);
        p == k_unknown || (p != k_npos && p + 1 < start && b.at(p) == ':'))
      return unsure(); // std:: env::var: no read by the query's text, rare enough to parse
  } else if (start > 0 && (start < 2 || b.at(start - 2) != ':')) {
    return unsure();
  }
  std::size_t j = b.skip_blank(e);
  if (macro) {
    if (b.at(j) != '(' && b.at(j) != '[' && b.at(j) != '{')
      return b.comment(j, false) ? unsure() : none(); // env != x
  } else if (b.at(j) != '(') {
    return b.comment(j, false) || b.at(j) == ':' ? unsure() : none(); // use std::env::var; .map(env::var)
  }
  const auto i = b.skip_blank(j + 1);
  if (b.comment(i, false) || rust_other_literal(b, i))
    return unsure();
  const auto end = rust_string(b, i);
  if (b.at(i) != '"')
    return none(); // env::var(key)
  if (end == k_npos)
    return unsure();
  if (macro)
    return found(b, i, end);
  // .unwrap_or("d") on the call
  const auto k = b.skip_blank(end);
  if (b.at(k) != ')')
    return unsure();
  const auto dot = b.skip_blank(k + 1);
  if (b.comment(dot, false))
    return unsure();
  if (b.at(dot) != '.')
    return found(b, i, end);
  const auto method = b.skip_blank(dot + 1);
  if (b.comment(method, false))
    return unsure();
  if (!(b.is(method, "unwrap_or") && !b.word(method + 9)))
    return found(b, i, end);
  const auto open = b.skip_blank(method + 9);
  if (b.at(open) != '(')
    return unsure();
  const auto arg = b.skip_blank(open + 1);
  if (b.comment(arg, false) || rust_other_literal(b, arg))
    return unsure();
  if (b.at(arg) != '"')
    return found(b, i, end);
  const auto arg_end = rust_string(b, arg);
  if (arg_end == k_npos)
    return unsure();
  const auto after = b.skip_blank(arg_end);
  if (b.comment(after, false))
    return unsure();
  // unwrap_or("d".to_string()): the first argument is a call, not the literal
  return b.at(after) == ')' || b.at(after) == ',' ? found(b, i, end, b.slice(arg, arg_end))
                                                  : found(b, i, end);
}

// ---- Java: System.getenv("X"), System.getenv().get("X"), System.getenv().getOrDefault("X", d) ----

// A Java string literal (not a text block) at `i`: its end, or npos.
std::size_t java_string(const Bytes& b, std::size_t i) {
  if (b.at(i) != '"' || (b.at(i + 1) == '"' && b.at(i + 2) == '"'))
    return k_npos;
  return b.literal_end(i);
}

Found java_read(const Bytes& b, const CodeHit& hit) {
  if (auto verdict = after_receiver(b, hit, "System"))
    return *verdict;
  const auto j = b.skip_space(hit.byte + hit.size);
  if (b.at(j) != '(')
    return b.at(b.skip_blank(j)) == '(' || b.comment(b.skip_blank(j), false) ? unsure() : none();
  const auto i = b.skip_blank(j + 1);
  if (b.comment(i, false))
    return unsure();
  if (b.at(i) == '"') {
    const auto end = java_string(b, i);
    if (end == k_npos)
      return unsure();
    const auto k = b.skip_blank(end);
    if (b.at(k) == ')')
      return found(b, i, end);
    return b.comment(k, false) ? unsure() : none();
  }
  if (b.at(i) != ')')
    return none(); // System.getenv(name)
  const auto dot = b.skip_blank(i + 1);
  if (b.comment(dot, false))
    return unsure();
  if (b.at(dot) != '.')
    return none(); // Map<String, String> env = System.getenv();
  const auto method = b.skip_blank(dot + 1);
  const auto method_end = b.word_end(method);
  const auto name = b.slice(method, method_end);
  if (name != "get" && name != "getOrDefault")
    return b.comment(method, false) ? unsure() : none();
  const auto open = b.skip_blank(method_end);
  if (b.at(open) != '(')
    return unsure();
  const auto arg = b.skip_blank(open + 1);
  if (b.comment(arg, false))
    return unsure();
  if (b.at(arg) != '"')
    return none();
  const auto end = java_string(b, arg);
  if (end == k_npos)
    return unsure();
  if (name == "get")
    return found(b, arg, end);
  const auto k = b.skip_blank(end);
  if (b.at(k) != ',')
    return b.at(k) == ')' ? none() : unsure();
  const auto fallback = argument_text(b, b.skip_blank(k + 1), false);
  return fallback ? found(b, arg, end, *fallback) : unsure();
}

// ---- C, C++: getenv("X"), secure_getenv("X"), std::getenv("X") ----

Found c_read(const Bytes& b, const CodeHit& hit, bool cpp) {
  const std::size_t h = hit.byte, e = h + hit.size;
  if (b.word(e))
    return none();
  std::size_t start = h;
  if (h >= 7 && b.is(h - 7, "secure_"))
    start = h - 7;
  if (start > 0 && b.word(start - 1))
    return none(); // my_getenv
  if (start > 0) {
    const char c = b.at(start - 1);
    if (c == ':') {
      if (!cpp || start < 2 || b.at(start - 2) != ':')
        return unsure();
    } else if (c == '.' || (c == '>' && start >= 2 && b.at(start - 2) == '-')) {
      return none(); // a field: obj.getenv, obj->getenv
    } else if (blank(c)) {
      const auto p = b.before_blank(start);
      if (p == k_unknown || (p != k_npos && (b.at(p) == '.' || b.at(p) == ':' || b.at(p) == '>')))
        return unsure();
    }
  }
  const auto j = b.skip_blank(e);
  if (b.at(j) != '(')
    return b.comment(j, false) ? unsure() : none();
  const auto i = b.skip_blank(j + 1);
  if (b.comment(i, false))
    return unsure();
  if (b.at(i) != '"') {
    if (b.at(i) == 'L' || b.at(i) == 'u' || b.at(i) == 'U' || b.at(i) == 'R') {
      const auto w = b.word_end(i);
      if (b.at(w) == '"' || b.at(w) == '\'')
        return unsure(); // L"X", u8"X", R"(X)"
    }
    return none(); // getenv(name)
  }
  const auto end = b.literal_end(i);
  if (end == k_npos)
    return unsure();
  const auto k = b.skip_blank(end);
  if (b.at(k) == ')')
    return found(b, i, end);
  return b.comment(k, false) ? unsure() : none();
}

} // namespace

std::optional<std::vector<ByteEnvRead>> env_reads_from_bytes(std::string_view text, doc::Language language,
                                                             std::span<const CodeHit> hits) {
  if (language == Language::Bash)
    return std::nullopt;
  std::vector<ByteEnvRead> out;
  if (hits.empty())
    return out;
  const auto places = Lexer(text, hits, lexicon(language)).run();
  const Bytes bytes(text, language == Language::Python ? "#"sv : "//"sv);
  for (std::size_t k = 0; k < hits.size(); ++k) {
    if (places[k] == Place::line_comment)
      continue;
    if (places[k] != Place::code)
      return std::nullopt;
    Found result;
    switch (language) {
    case Language::Python:
      result = python_read(bytes, hits[k]);
      break;
    case Language::JavaScript:
    case Language::TypeScript:
    case Language::Tsx:
      result = js_read(bytes, hits[k]);
      break;
    case Language::Go:
      result = go_read(bytes, hits[k]);
      break;
    case Language::Rust:
      result = rust_read(bytes, hits[k]);
      break;
    case Language::Java:
      result = java_read(bytes, hits[k]);
      break;
    case Language::C:
    case Language::Cpp:
      result = c_read(bytes, hits[k], language == Language::Cpp);
      break;
    default:
      return std::nullopt;
    }
    if (result.verdict == Verdict::unsure)
      return std::nullopt;
    if (result.verdict == Verdict::read)
      out.push_back(result.read);
  }
  return out;
}

} // namespace tacit::facts
