#pragma once
// What the reporter tests share: a strict JSON parser of the tests' own (RFC 8259) to check the shape of
// the JSON formats, and builders for findings and run information.

#include <tacit/report/report.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace report_test {

using namespace tacit;
using engine::Finding;
using engine::Location;
using engine::Severity;

// A strict JSON parser (RFC 8259) for checking the shape of render_json's output.
struct Json {
  enum class Type { null, boolean, number, string, array, object } type = Type::null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Json> array;
  std::vector<std::pair<std::string, Json>> object; // in document order

  const Json& operator[](std::string_view key) const {
    for (const auto& [k, v] : object)
      if (k == key)
        return v;
    static const Json k_missing;
    FAIL_CHECK("missing key " << key);
    return k_missing;
  }
  bool has(std::string_view key) const {
    for (const auto& entry : object)
      if (entry.first == key)
        return true;
    return false;
  }
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& entry : object)
      out.push_back(entry.first);
    return out;
  }
};

class JsonParser {
public:
  explicit JsonParser(std::string_view text) : m_text(text) {}

  std::optional<Json> parse() {
    auto value = parse_value(0);
    skip_space();
    if (!value || m_pos != m_text.size())
      return std::nullopt;
    return value;
  }

private:
  void skip_space() {
    while (m_pos < m_text.size() &&
           (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r' || m_text[m_pos] == '\t'))
      ++m_pos;
  }
  bool eat(char c) {
    skip_space();
    if (m_pos < m_text.size() && m_text[m_pos] == c) {
      ++m_pos;
      return true;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (m_text.substr(m_pos, word.size()) != word)
      return false;
    m_pos += word.size();
    return true;
  }
  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  std::optional<std::uint32_t> hex4() {
    if (m_pos + 4 > m_text.size())
      return std::nullopt;
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = m_text[m_pos++];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        value |= static_cast<std::uint32_t>(c - 'A' + 10);
      else
        return std::nullopt;
    }
    return value;
  }
  std::optional<std::string> parse_string() {
    if (!eat('"'))
      return std::nullopt;
    std::string out;
    while (m_pos < m_text.size()) {
      const unsigned char c = static_cast<unsigned char>(m_text[m_pos++]);
      if (c == '"')
        return out;
      if (c < 0x20)
        return std::nullopt; // raw control characters are not allowed
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      if (m_pos >= m_text.size())
        return std::nullopt;
      const char e = m_text[m_pos++];
      switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        auto cp = hex4();
        if (!cp)
          return std::nullopt;
        if (*cp >= 0xD800 && *cp <= 0xDBFF) {
          if (!literal("\\u"))
            return std::nullopt;
          auto low = hex4();
          if (!low || *low < 0xDC00 || *low > 0xDFFF)
            return std::nullopt;
          *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
        } else if (*cp >= 0xDC00 && *cp <= 0xDFFF) {
          return std::nullopt;
        }
        append_utf8(out, *cp);
        break;
      }
      default:
        return std::nullopt;
      }
    }
    return std::nullopt;
  }
  std::optional<Json> parse_value(int depth) {
    if (depth > 64)
      return std::nullopt;
    skip_space();
    if (m_pos >= m_text.size())
      return std::nullopt;
    Json value;
    const char c = m_text[m_pos];
    if (c == '{') {
      ++m_pos;
      value.type = Json::Type::object;
      if (eat('}'))
        return value;
      do {
        auto key = parse_string();
        if (!key || !eat(':'))
          return std::nullopt;
        auto member = parse_value(depth + 1);
        if (!member)
          return std::nullopt;
        value.object.emplace_back(std::move(*key), std::move(*member));
      } while (eat(','));
      return eat('}') ? std::optional<Json>(std::move(value)) : std::nullopt;
    }
    if (c == '[') {
      ++m_pos;
      value.type = Json::Type::array;
      if (eat(']'))
        return value;
      do {
        auto element = parse_value(depth + 1);
        if (!element)
          return std::nullopt;
        value.array.push_back(std::move(*element));
      } while (eat(','));
      return eat(']') ? std::optional<Json>(std::move(value)) : std::nullopt;
    }
    if (c == '"') {
      auto text = parse_string();
      if (!text)
        return std::nullopt;
      value.type = Json::Type::string;
      value.string = std::move(*text);
      return value;
    }
    if (literal("true") || literal("false")) {
      value.type = Json::Type::boolean;
      value.boolean = m_text[m_pos - 1] == 'e' && m_text.substr(m_pos - 4, 4) == "true";
      return value;
    }
    if (literal("null"))
      return value;
    // Numbers: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    const auto start = m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] == '-')
      ++m_pos;
    auto digits = [&] {
      const auto begin = m_pos;
      while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
        ++m_pos;
      return m_pos - begin;
    };
    const auto int_start = m_pos;
    const auto int_digits = digits();
    if (int_digits == 0 || (int_digits > 1 && m_text[int_start] == '0'))
      return std::nullopt;
    if (m_pos < m_text.size() && m_text[m_pos] == '.') {
      ++m_pos;
      if (digits() == 0)
        return std::nullopt;
    }
    if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
      ++m_pos;
      if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
        ++m_pos;
      if (digits() == 0)
        return std::nullopt;
    }
    value.type = Json::Type::number;
    value.number = std::stod(std::string(m_text.substr(start, m_pos - start)));
    return value;
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

inline Json parse_json(std::string_view text) {
  auto value = JsonParser(text).parse();
  INFO(text);
  REQUIRE(value.has_value());
  return std::move(*value);
}

inline Finding finding(std::string rule, Severity severity, std::string path, int line, int column,
                       std::string message) {
  Finding f;
  f.rule_id = std::move(rule);
  f.rule_name = "rule-name";
  f.severity = severity;
  f.location = Location{std::move(path), line, column, {}};
  f.message = std::move(message);
  f.fingerprint = "0123456789abcdef";
  return f;
}

inline report::RunInfo info(std::size_t files = 9, std::size_t rules = 3) {
  report::RunInfo out;
  out.root = "/tmp/repo";
  out.source = "worktree";
  out.files = files;
  out.rules = rules;
  return out;
}

inline bool contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

// Every character class that JSON must escape, NUL included.
inline std::string nasty() {
  static constexpr char k_text[] =
      "quote \" backslash \\ newline \n tab \t cr \r nul \0 bell \x07 esc \x1b del \x7f";
  return std::string(k_text, sizeof(k_text) - 1);
}

} // namespace report_test
