// Tests for the rule file loader (declarative/loader): every malformed rule file is a located error.

#include <tacit/catalog/catalog.hpp>
#include <tacit/declarative/rules.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using tacit::declarative::load_rule_file;
using tacit::declarative::LoadOptions;

namespace {

constexpr std::string_view k_valid = R"(id: ORG101
name: security-policy-missing
severity: warning
summary: no security policy
check:
  type: exists
  any: [SECURITY.md]
message: no SECURITY.md
)";

tacit::Error load_error(const std::string& text, const LoadOptions& options = {}) {
  auto rule = load_rule_file(text, "rules/r.yaml", options);
  INFO(text);
  REQUIRE_FALSE(rule.has_value());
  CHECK(rule.error().code == tacit::ErrorCode::config);
  CHECK(rule.error().path == "rules/r.yaml");
  CHECK(rule.error().line > 0);
  CHECK(rule.error().column > 0);
  return rule.error();
}

bool contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

// k_valid with `from` replaced by `to`.
std::string with(std::string_view from, std::string_view to) {
  std::string text(k_valid);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

} // namespace

TEST_CASE("a valid rule file loads into a rule with its metadata") {
  auto rule = load_rule_file(k_valid, "rules/r.yaml", {});
  REQUIRE(rule.has_value());
  CHECK((*rule)->meta().id == "ORG101");
  CHECK((*rule)->meta().name == "security-policy-missing");
  CHECK((*rule)->meta().category == "ORG");
  CHECK((*rule)->meta().severity == tacit::engine::Severity::warning);
  CHECK((*rule)->path() == "rules/r.yaml");
}

TEST_CASE("a query whose strings, comments and predicates hold 'word:' is not taken for unknown fields") {
  const auto text = with("type: exists\n  any: [SECURITY.md]",
                         "type: mentions\n  in: docs\n  source:\n    language: python\n    query: |\n"
                         "      ; note: a comment\n"
                         "      (call function: (identifier) @f\n"
                         "        arguments: (argument_list (string) @item)\n"
                         "        (#match? @item \"^\\\"x: y\") (#not-eq? @f \"nope:\"))");
  auto rule = load_rule_file(text, "rules/r.yaml", {});
  INFO(text);
  CHECK(rule.has_value());
}

TEST_CASE("malformed rule files are located errors") {
  SUBCASE("bad YAML") {
    CHECK(contains(load_error("id: [ORG101\n").message, "invalid YAML"));
  }
  SUBCASE("not a mapping") {
    load_error("- a\n- b\n");
  }
  SUBCASE("unknown key with did you mean") {
    const auto error = load_error(with("summary:", "sumary:"));
    CHECK(contains(error.message, "did you mean 'summary'"));
    CHECK(error.line == 4);
  }
  SUBCASE("duplicate key") {
    load_error(std::string(k_valid) + "severity: error\n");
  }
  SUBCASE("bad id") {
    const auto error = load_error(with("ORG101", "org-1"));
    CHECK(contains(error.message, "not a rule id"));
    CHECK(error.line == 1);
  }
  SUBCASE("id clash with a built-in rule") {
    LoadOptions options;
    options.id_taken = [](std::string_view id) { return tacit::catalog::builtin().find(id) != nullptr; };
    CHECK(contains(load_error(with("ORG101", "CTX001"), options).message, "already taken"));
  }
  SUBCASE("bad name") {
    load_error(with("security-policy-missing", "Security Policy"));
  }
  SUBCASE("wrong type") {
    CHECK(contains(load_error(with("summary: no security policy", "summary: [a]")).message,
                   "must be a string"));
  }
  SUBCASE("unknown severity") {
    CHECK(contains(load_error(with("severity: warning", "severity: fatal")).message, "unknown severity"));
  }
  SUBCASE("category other than the id's letters") {
    load_error(with("severity:", "category: XYZ\nseverity:"));
  }
  SUBCASE("missing message") {
    load_error(with("message: no SECURITY.md\n", ""));
  }
  SUBCASE("unknown check type") {
    CHECK(contains(load_error(with("type: exists", "type: exist")).message, "did you mean 'exists'"));
  }
  SUBCASE("exists with two forms") {
    load_error(with("any: [SECURITY.md]", "any: [a]\n  all: [b]"));
  }
  SUBCASE("bad glob") {
    load_error(with("any: [SECURITY.md]", "any: ['!x']"));
  }
  SUBCASE("unknown fileset with did you mean") {
    const auto error = load_error(with("any: [SECURITY.md]", "in: readmes"));
    CHECK(contains(error.message, "unknown fileset 'readmes'"));
    CHECK(contains(error.message, "did you mean 'readme'"));
  }
  SUBCASE("bad regex") {
    const auto error = load_error(
        with("type: exists\n  any: [SECURITY.md]", "type: section\n  in: readme\n  heading: '(a'"));
    CHECK(contains(error.message, "invalid regular expression"));
    CHECK(error.line == 8);
  }
  SUBCASE("backreference is not RE2") {
    load_error(
        with("type: exists\n  any: [SECURITY.md]", "type: content\n  in: docs\n  must-contain: '(a)\\1'"));
  }
  SUBCASE("unknown fact kind") {
    const auto error = load_error(with("check:", "when:\n  fact: ci-command\ncheck:"));
    CHECK(contains(error.message, "did you mean 'ci-commands'"));
  }
  SUBCASE("condition with two kinds") {
    load_error(with("check:", "when:\n  fact: tools\n  fileset: docs\ncheck:"));
  }
  SUBCASE("unknown placeholder") {
    CHECK(contains(load_error(with("message: no SECURITY.md", "message: '{{itme}}'")).message,
                   "unknown placeholder"));
  }
  SUBCASE("bad tree-sitter query is located in the query") {
    const auto error =
        load_error(with("type: exists\n  any: [SECURITY.md]",
                        "type: mentions\n  in: docs\n  source:\n    language: python\n    query: |\n"
                        "      (call\n        function: (nosuchnode) @item)"));
    CHECK(contains(error.message, "invalid tree-sitter query"));
    CHECK(contains(error.message, "unknown node type"));
    CHECK(error.line == 12);
    CHECK(error.column == 20);
  }
  SUBCASE("unknown field: refused before tree-sitter compiles it (ts_query_new leaks there; ASan CI)") {
    const auto error =
        load_error(with("type: exists\n  any: [SECURITY.md]",
                        "type: mentions\n  in: docs\n  source:\n    language: python\n    query: |\n"
                        "      (call\n        nosuch: (identifier) @item) @call"));
    CHECK(contains(error.message, "unknown field at offset 8"));
    CHECK(error.line == 12);
    CHECK(error.column == 9);
  }
  SUBCASE("unknown field in a one-line query, after a known one") {
    const auto error = load_error(with("type: exists\n  any: [SECURITY.md]",
                                       "type: mentions\n  in: docs\n  source:\n    language: python\n"
                                       "    query: '(call function: (identifier) arguments: (argument_list "
                                       "bogus: (string) @item))'"));
    CHECK(contains(error.message, "unknown field"));
  }
  SUBCASE("query without the item capture") {
    load_error(
        with("type: exists\n  any: [SECURITY.md]",
             "type: mentions\n  in: docs\n  source:\n    language: python\n    query: '(identifier) @name'"));
  }
  SUBCASE("unknown language") {
    const auto error =
        load_error(with("type: exists\n  any: [SECURITY.md]",
                        "type: mentions\n  in: docs\n  source:\n    language: pyton\n    query: "
                        "'(identifier) @item'"));
    CHECK(contains(error.message, "did you mean 'python'"));
  }
  SUBCASE("unsupported predicate") {
    load_error(
        with("type: exists\n  any: [SECURITY.md]",
             "type: mentions\n  in: docs\n  source:\n    language: python\n    query: '((identifier) @item "
             "(#any-of? @item \"a\"))'"));
  }
  SUBCASE("regex source without the named capture") {
    load_error(with("type: exists\n  any: [SECURITY.md]",
                    "type: mentions\n  in: docs\n  source:\n    regex: 'flag\\(\"([a-z]+)\"'"));
  }
  SUBCASE("metric without a limit") {
    load_error(with("type: exists\n  any: [SECURITY.md]", "type: metric\n  in: docs"));
  }
  SUBCASE("invalid test case") {
    load_error(std::string(k_valid) + "tests:\n  invalid:\n    - files: {a.md: x}\n");
  }
  SUBCASE("test file outside the tree") {
    load_error(std::string(k_valid) + "tests:\n  valid:\n    - files: {../a.md: x}\n");
  }
  SUBCASE("more than one document") {
    load_error(std::string(k_valid) + "---\nid: ORG102\n");
  }
}

TEST_CASE("a count bound can be a declared integer option") {
  const std::string base = std::string(k_valid) + "options:\n  - name: min-files\n    default: \"3\"\n"
                                                  "    description: files needed\n";
  CHECK(
      load_rule_file(base + "when:\n  fileset: docs\n  min: \"{{options.min-files}}\"\n", "rules/r.yaml", {})
          .has_value());
  const auto undeclared = load_error(base + "when:\n  fileset: docs\n  min: \"{{options.min-file}}\"\n");
  CHECK(contains(undeclared.message, "did you mean 'min-files'"));
  CHECK(undeclared.line == 15);
  CHECK(contains(load_error(base + "when:\n  fileset: docs\n  max: \"{{facts.x}}\"\n").message,
                 "must be an integer or"));
  const std::string words = std::string(k_valid) + "options:\n  - name: mode\n    default: strict\n"
                                                   "    description: a word\nwhen:\n  fileset: docs\n"
                                                   "  min: \"{{options.mode}}\"\n";
  CHECK(contains(load_error(words).message, "must be a non-negative integer"));
}

TEST_CASE("evidence entries name a fact kind and a note over {{item}} and {{detail}}") {
  const std::string base(k_valid);
  CHECK(load_rule_file(base + "evidence:\n  - fact: modules\n    order: largest\n    limit: 2\n"
                              "    note: \"{{item}}: {{detail}}\"\n",
                       "rules/r.yaml", {})
            .has_value());
  CHECK(contains(load_error(base + "evidence:\n  - fact: module\n    note: x\n").message, "module"));
  CHECK(contains(load_error(base + "evidence:\n  - fact: modules\n    note: \"{{path}}\"\n").message,
                 "unknown placeholder"));
  CHECK(
      contains(load_error(base + "evidence:\n  - fact: modules\n    note: x\n    order: smallest\n").message,
               "unknown order"));
  CHECK(contains(load_error(base + "evidence: modules\n").message, "must be a list"));
  CHECK(load_rule_file(base +
                           "evidence:\n  - fact: recent-authors\n    summary: true\n"
                           "    when: {fact: recent-authors, min: 3}\n"
                           "    note: \"{{count}} people wrote the last {{facts.recent-commits}} commits\"\n",
                       "rules/r.yaml", {})
            .has_value());
  CHECK(contains(
      load_error(base + "evidence:\n  - fact: recent-authors\n    summary: true\n    note: \"{{item}}\"\n")
          .message,
      "unknown placeholder"));
}

TEST_CASE("applies: a precondition with the reason a rule is n/a without it") {
  auto rule = load_rule_file(
      std::string(k_valid) + "options:\n  - {name: min, default: \"5\", description: d}\n"
                             "applies:\n  when: {fact: source-files, min: \"{{options.min}}\"}\n"
                             "  otherwise: \"{{facts.source-files}} source files, below {{options.min}}\"\n",
      "rules/r.yaml", {});
  INFO((rule ? std::string() : tacit::to_string(rule.error())));
  REQUIRE(rule.has_value());
  CHECK(contains(load_error(std::string(k_valid) + "applies:\n  when: {fact: source-files}\n").message,
                 "'applies' needs 'when' (the precondition) and 'otherwise'"));
  CHECK(contains(load_error(std::string(k_valid) + "applies:\n  otherwise: x\n").message, "'applies' needs"));
  const auto unknown =
      load_error(std::string(k_valid) + "applies:\n  when: {fact: source-files}\n  otherwise: x\n  "
                                        "reason: y\n");
  CHECK(contains(unknown.message, "unknown key 'reason'"));
  CHECK(unknown.line == 12);
  CHECK(contains(load_error(std::string(k_valid) +
                            "applies:\n  when: {fact: source-files}\n  otherwise: \"{{options.nope}}\"\n")
                     .message,
                 "unknown placeholder"));
}
