#pragma once
// A strict JSON reader (RFC 8259) that keeps where every value and key starts, for files tacit reads and
// reports errors in with file:line:column (the baseline). Hostile input is bounded: nesting deeper than
// k_max_depth is an error, never a stack overflow.

#include <tacit/util/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::util::json {

/// Nesting depth (arrays and objects) beyond which a document is rejected.
inline constexpr std::size_t k_max_depth = 256;

struct Member;

/// One JSON value and where it starts (1-based line and column, columns in bytes).
struct Value {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  std::string text;            ///< a string's decoded value, or a number as written
  std::vector<Value> items;    ///< an array's elements
  std::vector<Member> members; ///< an object's members in file order (duplicate keys are an error)
  int line = 0;
  int column = 0;

  /// The member named `key`, or nullptr.
  const Value* find(std::string_view key) const;
};

/// One key of an object, its location and its value.
struct Member {
  std::string key;
  int line = 0;
  int column = 0;
  Value value;
};

/// The name of a kind for messages ("a string", "an object").
std::string_view describe(Value::Kind kind);

/// Parses one JSON document (a leading UTF-8 byte order mark is allowed). Errors are ErrorCode::parse,
/// located at `path`:line:column.
Result<Value> parse(std::string_view text, std::string_view path);

/// `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD (what JSON can carry).
std::string valid_utf8(std::string_view text);

/// `text` as a quoted JSON string (invalid UTF-8 as in valid_utf8).
std::string quote(std::string_view text);

} // namespace tacit::util::json
