#include <tacit/doc/languages.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>

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

}  // namespace

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
