// The YAML rule loader: header, filesets, conditions, checks, mentions sources (RE2 regexes and
// tree-sitter queries compiled), templates and embedded test cases validated; the docs of a rule that
// loads rendered as `tacit rule` and docs/rules do.

#include "../fuzz_target.hpp"

#include <tacit/declarative/rules.hpp>
#include <tacit/engine/rule_docs.hpp>

#include <map>
#include <string>
#include <vector>

TACIT_FUZZ_TARGET(rules) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> filesets{
      {"handbook", {"AGENTS.md", "docs/**"}}};
  tacit::declarative::LoadOptions options;
  options.filesets = &filesets;
  options.id_taken = [](std::string_view id) { return id == "CTX001"; };
  auto rule =
      tacit::declarative::load_rule_file(tacit::fuzz::as_text(data, size), "rules/fuzz.yaml", options);
  if (rule) {
    tacit::engine::rule_docs_markdown((*rule)->meta());
    tacit::engine::rule_docs_text((*rule)->meta());
  }
  return 0;
}
