#include <tacit/doc/languages.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

using tacit::doc::Language;

namespace {

// A small, valid program in each language.
std::string_view snippet(Language language) {
  switch (language) {
  case Language::Markdown:
    return "# Title\n\nSome *text* and `code`.\n\n```sh\nmake\n```\n";
  case Language::MarkdownInline:
    return "Some *text*, `code` and a [link](https://example.com).";
  case Language::Yaml:
    return "name: ci\non:\n  push:\n    branches: [main]\nsteps:\n  - run: make test\n";
  case Language::Json:
    return R"({"name": "tacit", "version": [0, 1], "private": true})";
  case Language::Bash:
    return "#!/bin/sh\nset -eu\nfor f in *.md; do echo \"$f\"; done\n";
  case Language::Python:
    return "import os\n\ndef main() -> None:\n    print(os.environ.get('HOME'))\n";
  case Language::JavaScript:
    return "const x = require('x');\nexport function f(a) { return a?.b ?? 1; }\n";
  case Language::TypeScript:
    return "interface A { b: number }\nexport const f = (a: A): number => a.b;\n";
  case Language::Tsx:
    return "export const App = (p: { n: string }) => <div>{p.n}</div>;\n";
  case Language::Go:
    return "package main\n\nimport \"os\"\n\nfunc main() { _ = os.Getenv(\"HOME\") }\n";
  case Language::Rust:
    return "fn main() { let v: Vec<u8> = Vec::new(); println!(\"{}\", v.len()); }\n";
  case Language::C:
    return "#include <stdlib.h>\nint main(void) { return getenv(\"HOME\") != 0; }\n";
  case Language::Cpp:
    return "#include <vector>\ntemplate <class T> auto f(std::vector<T> v) { return v.size(); }\n";
  case Language::Java:
    return "class A { public static void main(String[] a) { System.out.println(a.length); } }\n";
  }
  return "";
}

} // namespace

TEST_CASE("every language loads and parses a tiny snippet without errors") {
  for (Language language : tacit::doc::k_all_languages) {
    CAPTURE(language_name(language));
    const TSLanguage* ts = tacit::doc::ts_language(language);
    REQUIRE(ts != nullptr);
    CHECK(ts_language_abi_version(ts) >= TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION);
    CHECK(ts_language_abi_version(ts) <= TREE_SITTER_LANGUAGE_VERSION);

    tacit::doc::ParserPtr parser = tacit::doc::make_parser(language);
    REQUIRE(parser);
    std::string_view text = snippet(language);
    tacit::doc::TreePtr tree(
        ts_parser_parse_string(parser.get(), nullptr, text.data(), static_cast<uint32_t>(text.size())));
    REQUIRE(tree);
    TSNode root = ts_tree_root_node(tree.get());
    CHECK_FALSE(ts_node_has_error(root));
    CHECK(ts_node_named_child_count(root) > 0);
  }
}

TEST_CASE("a syntax error is reported as an error node") {
  tacit::doc::ParserPtr parser = tacit::doc::make_parser(Language::Json);
  REQUIRE(parser);
  std::string_view text = R"({"a": [1, 2,, }})";
  tacit::doc::TreePtr tree(
      ts_parser_parse_string(parser.get(), nullptr, text.data(), static_cast<uint32_t>(text.size())));
  REQUIRE(tree);
  CHECK(ts_node_has_error(ts_tree_root_node(tree.get())));
}

TEST_CASE("language names are distinct and map back to their language") {
  std::set<std::string_view> names;
  for (Language language : tacit::doc::k_all_languages) {
    std::string_view name = tacit::doc::language_name(language);
    CHECK(names.insert(name).second);
    if (language != Language::MarkdownInline) {
      CHECK(tacit::doc::language_from_name(name) == language);
    }
  }
  CHECK(names.size() == tacit::doc::k_all_languages.size());
}

TEST_CASE("language_from_name knows common info strings, case-insensitively") {
  CHECK(tacit::doc::language_from_name("sh") == Language::Bash);
  CHECK(tacit::doc::language_from_name("Shell") == Language::Bash);
  CHECK(tacit::doc::language_from_name("PY") == Language::Python);
  CHECK(tacit::doc::language_from_name("golang") == Language::Go);
  CHECK(tacit::doc::language_from_name("c++") == Language::Cpp);
  CHECK(tacit::doc::language_from_name("yml") == Language::Yaml);
  CHECK_FALSE(tacit::doc::language_from_name("console").has_value());
  CHECK_FALSE(tacit::doc::language_from_name("").has_value());
  CHECK_FALSE(tacit::doc::language_from_name("shell-session").has_value());
}

// Regression: tree-sitter-markdown 0.3.2 and tree-sitter-yaml 0.7.1 wrote their scanner state past the
// runtime's 1 KiB buffer on deep nesting (a crash, or an assertion in a debug runtime).
// cmake/Grammars.cmake compiles them through bounded wrappers.
TEST_CASE("deeply nested Markdown and YAML parse without overflowing scanner state") {
  std::string quotes(300, '>');
  std::string yaml;
  for (int i = 0; i < 400; ++i) {
    yaml += std::string(static_cast<std::size_t>(2 * i), ' ') + "k" + std::to_string(i) + ":\n";
  }
  std::vector<std::pair<Language, std::string>> inputs = {
      {Language::Markdown, quotes},
      {Language::Markdown, "1" + std::string(4, '\xf1') + "x"},
      {Language::Yaml, yaml}};
  for (const auto& [language, text] : inputs) {
    tacit::doc::ParserPtr parser = tacit::doc::make_parser(language);
    REQUIRE(parser);
    tacit::doc::TreePtr tree(
        ts_parser_parse_string(parser.get(), nullptr, text.data(), static_cast<uint32_t>(text.size())));
    CHECK(tree);
  }
}

TEST_CASE("parse_until gives up when the budget is spent and leaves the parser reusable") {
  tacit::doc::ParserPtr parser = tacit::doc::make_parser(Language::Json);
  REQUIRE(parser);
  std::string big = "[";
  for (int i = 0; i < 200000; ++i) {
    big += "{\"a\": [1, 2, 3]},";
  }
  big += "1]";
  tacit::doc::ParseBudget spent(std::chrono::microseconds(0));
  CHECK_FALSE(tacit::doc::parse_until(parser.get(), big, spent));
  CHECK(spent.expired());

  tacit::doc::ParseBudget ample(std::chrono::seconds(60));
  tacit::doc::TreePtr tree = tacit::doc::parse_until(parser.get(), "[1, 2]", ample);
  REQUIRE(tree);
  CHECK_FALSE(ts_node_has_error(ts_tree_root_node(tree.get())));
  CHECK_FALSE(ample.expired());
}

TEST_CASE("ranges_without_named_children cuts out block continuations") {
  tacit::doc::ParserPtr parser = tacit::doc::make_parser(Language::Markdown);
  REQUIRE(parser);
  std::string_view text = "> first `a\n> second` line\n";
  tacit::doc::TreePtr tree(
      ts_parser_parse_string(parser.get(), nullptr, text.data(), static_cast<uint32_t>(text.size())));
  REQUIRE(tree);
  std::vector<TSNode> inlines;
  tacit::doc::walk(ts_tree_root_node(tree.get()), [&](TSNode node, uint32_t) {
    if (std::string_view(ts_node_type(node)) == "inline") {
      inlines.push_back(node);
      return false;
    }
    return true;
  });
  REQUIRE(inlines.size() == 1);
  std::vector<TSRange> ranges = tacit::doc::ranges_without_named_children(inlines[0]);
  std::string kept;
  for (const TSRange& range : ranges) {
    kept += text.substr(range.start_byte, range.end_byte - range.start_byte);
  }
  CHECK(kept == "first `a\nsecond` line");
}
