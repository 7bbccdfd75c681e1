// The strict JSON reader: recursive descent over bytes, tracking line and column for every value.

#include <tacit/util/json_parse.hpp>
#include <tacit/util/utf8.hpp>

#include <fmt/format.h>

#include <cctype>
#include <tuple>

namespace tacit::util::json {

const Value* Value::find(std::string_view key) const {
  for (const auto& member : members)
    if (member.key == key)
      return &member.value;
  return nullptr;
}

std::string_view describe(Value::Kind kind) {
  switch (kind) {
  case Value::Kind::null:
    return "null";
  case Value::Kind::boolean:
    return "a boolean";
  case Value::Kind::number:
    return "a number";
  case Value::Kind::string:
    return "a string";
  case Value::Kind::array:
    return "an array";
  case Value::Kind::object:
    return "an object";
  }
  return "a value";
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

class Parser {
public:
  Parser(std::string_view text, std::string_view path) : m_text(text), m_path(path) {
    if (m_text.starts_with("\xEF\xBB\xBF"))
      m_pos = m_line_start = 3;
  }

  Result<Value> document() {
    Value value;
    if (!parse_value(value, 0))
      return std::unexpected(m_error);
    skip_space();
    if (m_pos < m_text.size())
      return fail("unexpected text after the JSON document");
    return value;
  }

private:
  std::unexpected<Error> fail(std::string message) {
    set_error(std::move(message));
    return std::unexpected(m_error);
  }
  bool set_error(std::string message) {
    m_error = Error{ErrorCode::parse, std::move(message), std::string(m_path), m_line, column()};
    return false;
  }
  int column() const { return static_cast<int>(m_pos - m_line_start) + 1; }
  bool at_end() const { return m_pos >= m_text.size(); }
  char peek() const { return m_text[m_pos]; }

  void skip_space() {
    while (!at_end()) {
      const char c = peek();
      if (c == '\n') {
        ++m_line;
        m_line_start = m_pos + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++m_pos;
    }
  }

  bool parse_value(Value& value, std::size_t depth) {
    skip_space();
    value.line = m_line;
    value.column = column();
    if (at_end())
      return set_error("unexpected end of the file: expected a value");
    const char c = peek();
    if (c == '{' || c == '[') {
      if (depth >= k_max_depth)
        return set_error(fmt::format("nesting deeper than {} levels", k_max_depth));
      return c == '{' ? parse_object(value, depth) : parse_array(value, depth);
    }
    if (c == '"') {
      value.kind = Value::Kind::string;
      return parse_string(value.text);
    }
    if (c == '-' || is_digit(c)) {
      value.kind = Value::Kind::number;
      return parse_number(value.text);
    }
    for (const auto& [word, kind, flag] :
         {std::tuple{"true", Value::Kind::boolean, true}, std::tuple{"false", Value::Kind::boolean, false},
          std::tuple{"null", Value::Kind::null, false}}) {
      if (m_text.substr(m_pos).starts_with(word)) {
        value.kind = kind;
        value.boolean = flag;
        m_pos += std::string_view(word).size();
        return true;
      }
    }
    return set_error(fmt::format("unexpected character '{}': expected a value", c));
  }

  bool parse_object(Value& value, std::size_t depth) {
    value.kind = Value::Kind::object;
    ++m_pos;
    skip_space();
    if (!at_end() && peek() == '}') {
      ++m_pos;
      return true;
    }
    while (true) {
      skip_space();
      if (at_end() || peek() != '"')
        return set_error(at_end() ? "unexpected end of the file: expected a key" : "expected a quoted key");
      Member member;
      member.line = m_line;
      member.column = column();
      if (!parse_string(member.key))
        return false;
      for (const auto& earlier : value.members)
        if (earlier.key == member.key) {
          m_error = Error{ErrorCode::parse,
                          fmt::format("duplicate key \"{}\" (first at line {})", member.key, earlier.line),
                          std::string(m_path), member.line, member.column};
          return false;
        }
      skip_space();
      if (at_end() || peek() != ':')
        return set_error("expected ':' after the key");
      ++m_pos;
      if (!parse_value(member.value, depth + 1))
        return false;
      value.members.push_back(std::move(member));
      skip_space();
      if (!at_end() && peek() == ',') {
        ++m_pos;
        continue;
      }
      if (!at_end() && peek() == '}') {
        ++m_pos;
        return true;
      }
      return set_error(at_end() ? "unexpected end of the file: expected ',' or '}'" : "expected ',' or '}'");
    }
  }

  bool parse_array(Value& value, std::size_t depth) {
    value.kind = Value::Kind::array;
    ++m_pos;
    skip_space();
    if (!at_end() && peek() == ']') {
      ++m_pos;
      return true;
    }
    while (true) {
      Value item;
      if (!parse_value(item, depth + 1))
        return false;
      value.items.push_back(std::move(item));
      skip_space();
      if (!at_end() && peek() == ',') {
        ++m_pos;
        continue;
      }
      if (!at_end() && peek() == ']') {
        ++m_pos;
        return true;
      }
      return set_error(at_end() ? "unexpected end of the file: expected ',' or ']'" : "expected ',' or ']'");
    }
  }

  bool parse_hex4(unsigned& code) {
    code = 0;
    for (int i = 0; i < 4; ++i, ++m_pos) {
      if (at_end())
        return set_error("unexpected end of the file in a \\u escape");
      const char c = peek();
      const int digit = is_digit(c)              ? c - '0'
                        : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                        : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                 : -1;
      if (digit < 0)
        return set_error("a \\u escape needs four hexadecimal digits");
      code = code * 16 + static_cast<unsigned>(digit);
    }
    return true;
  }

  bool parse_string(std::string& out) {
    ++m_pos; // the opening quote
    while (true) {
      if (at_end())
        return set_error("unexpected end of the file in a string");
      const char c = peek();
      if (c == '"') {
        ++m_pos;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20)
        return set_error(c == '\n' ? "a string runs past the end of the line"
                                   : "a control character in a string");
      if (c != '\\') {
        out += c;
        ++m_pos;
        continue;
      }
      ++m_pos;
      if (at_end())
        return set_error("unexpected end of the file in a string");
      const char e = peek();
      ++m_pos;
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
        unsigned code = 0;
        if (!parse_hex4(code))
          return false;
        if (code >= 0xD800 && code < 0xDC00 && m_text.substr(m_pos).starts_with("\\u")) {
          m_pos += 2;
          unsigned low = 0;
          if (!parse_hex4(low))
            return false;
          if (low < 0xDC00 || low >= 0xE000)
            return set_error("a high surrogate must be followed by a low surrogate");
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        } else if (code >= 0xD800 && code < 0xE000) {
          return set_error("an unpaired surrogate in a \\u escape");
        }
        util::append_utf8(out, code);
        break;
      }
      default:
        --m_pos;
        return set_error(fmt::format("unknown escape '\\{}'", e));
      }
    }
  }

  bool parse_number(std::string& out) {
    const std::size_t start = m_pos;
    auto digits = [&] {
      const std::size_t from = m_pos;
      while (!at_end() && is_digit(peek()))
        ++m_pos;
      return m_pos > from;
    };
    if (peek() == '-')
      ++m_pos;
    if (!at_end() && peek() == '0')
      ++m_pos;
    else if (!digits())
      return set_error("a number needs digits");
    if (!at_end() && peek() == '.') {
      ++m_pos;
      if (!digits())
        return set_error("a number needs digits after '.'");
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++m_pos;
      if (!at_end() && (peek() == '+' || peek() == '-'))
        ++m_pos;
      if (!digits())
        return set_error("a number needs digits in its exponent");
    }
    if (!at_end() && (is_digit(peek()) || std::isalpha(static_cast<unsigned char>(peek()))))
      return set_error("malformed number");
    out = std::string(m_text.substr(start, m_pos - start));
    return true;
  }

  std::string_view m_text;
  std::string_view m_path;
  std::size_t m_pos = 0;
  std::size_t m_line_start = 0;
  int m_line = 1;
  Error m_error;
};

} // namespace

Result<Value> parse(std::string_view text, std::string_view path) {
  Parser parser(text, path);
  return parser.document();
}

} // namespace tacit::util::json
