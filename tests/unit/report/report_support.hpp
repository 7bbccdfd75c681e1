#pragma once
// What the reporter tests share: the JSON formats' output read back (util/json_parse) to check its shape,
// and builders for findings and run information.

#include <tacit/report/report.hpp>
#include <tacit/util/json_parse.hpp>

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

// The project's strict JSON reader (util/json_parse), into the shape above.
inline Json to_json(const util::json::Value& value) {
  using Kind = util::json::Value::Kind;
  Json out;
  switch (value.kind) {
  case Kind::null:
    break;
  case Kind::boolean:
    out.type = Json::Type::boolean;
    out.boolean = value.boolean;
    break;
  case Kind::number:
    out.type = Json::Type::number;
    out.number = std::stod(value.text);
    break;
  case Kind::string:
    out.type = Json::Type::string;
    out.string = value.text;
    break;
  case Kind::array:
    out.type = Json::Type::array;
    for (const auto& item : value.items)
      out.array.push_back(to_json(item));
    break;
  case Kind::object:
    out.type = Json::Type::object;
    for (const auto& member : value.members)
      out.object.emplace_back(member.key, to_json(member.value));
    break;
  }
  return out;
}

inline Json parse_json(std::string_view text) {
  auto value = util::json::parse(text, "output");
  INFO(text);
  REQUIRE(value.has_value());
  return to_json(*value);
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
