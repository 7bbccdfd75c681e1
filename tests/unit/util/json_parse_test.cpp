// Tests for the strict JSON reader: values with locations, and located errors for malformed input.

#include <tacit/util/json_parse.hpp>

#include <doctest/doctest.h>

#include <string>

namespace json = tacit::util::json;

namespace {

tacit::Error parse_error(std::string_view text) {
  auto value = json::parse(text, "f.json");
  INFO(text);
  REQUIRE_FALSE(value.has_value());
  CHECK(value.error().path == "f.json");
  CHECK(value.error().code == tacit::ErrorCode::parse);
  return value.error();
}

} // namespace

TEST_CASE("json: values, members in file order and their locations") {
  auto value = json::parse(
      "\xEF\xBB\xBF{\"a\": [1, -2.5e3, true, null],\n  \"b\": \"x\\u00e9\\ud83d\\ude00\\n\"}", "f");
  REQUIRE(value.has_value());
  REQUIRE(value->kind == json::Value::Kind::object);
  REQUIRE(value->members.size() == 2);
  CHECK(value->members[0].key == "a");
  CHECK(value->members[0].line == 1);
  CHECK(value->members[0].column == 2);
  const auto* a = value->find("a");
  REQUIRE(a != nullptr);
  REQUIRE(a->items.size() == 4);
  CHECK(a->items[1].text == "-2.5e3");
  CHECK(a->items[2].boolean);
  CHECK(a->items[3].kind == json::Value::Kind::null);
  const auto* b = value->find("b");
  REQUIRE(b != nullptr);
  CHECK(b->text == "x\xC3\xA9\xF0\x9F\x98\x80\n");
  CHECK(b->line == 2);
  CHECK(b->column == 8);
  CHECK(value->find("c") == nullptr);
}

TEST_CASE("json: malformed documents give located errors") {
  auto error = parse_error("{\"a\": 1,\n  \"b\" 2}");
  CHECK(error.line == 2);
  CHECK(error.column == 7);
  error = parse_error("{\"a\": 1, \"a\": 2}");
  CHECK(error.column == 10);
  CHECK(error.message.find("duplicate key") != std::string::npos);
  CHECK(parse_error("").message.find("end of the file") != std::string::npos);
  CHECK(parse_error("[1, 2").message.find("end of the file") != std::string::npos);
  CHECK(parse_error("[1,]").column == 4);
  CHECK(parse_error("{\"a\": 1} x").column == 10);
  CHECK(parse_error("\"tab\there\"").message.find("control character") != std::string::npos);
  CHECK(parse_error("\"\\q\"").message.find("unknown escape") != std::string::npos);
  CHECK(parse_error("\"\\ud800\"").message.find("surrogate") != std::string::npos);
  CHECK(parse_error("\"\\u12\"").message.find("hexadecimal") != std::string::npos);
  CHECK(parse_error("01").message.find("malformed number") != std::string::npos);
  CHECK(parse_error("-").message.find("digits") != std::string::npos);
  CHECK(parse_error("1.").message.find("digits") != std::string::npos);
  CHECK(parse_error("tru").message.find("unexpected character") != std::string::npos);
  CHECK(parse_error("{1: 2}").message.find("quoted key") != std::string::npos);
  CHECK(parse_error("\"abc").message.find("end of the file") != std::string::npos);
}

TEST_CASE("json: deep nesting is an error, not a stack overflow") {
  const std::string deep(100000, '[');
  CHECK(parse_error(deep).message.find("nesting") != std::string::npos);
  std::string ok(200, '[');
  ok += std::string(200, ']');
  CHECK(json::parse(ok, "f").has_value());
}

TEST_CASE("json: quote escapes and replaces invalid UTF-8") {
  CHECK(json::quote("a\"b\\c\n\t\x01") == "\"a\\\"b\\\\c\\n\\t\\u0001\"");
  CHECK(json::quote("\xff") == "\"\xEF\xBF\xBD\"");
  CHECK(json::valid_utf8("ok \xC3\xA9") == "ok \xC3\xA9");
  auto round = json::parse(json::quote("x\"\\\n\x1f y"), "f");
  REQUIRE(round.has_value());
  CHECK(round->text == "x\"\\\n\x1f y");
}
