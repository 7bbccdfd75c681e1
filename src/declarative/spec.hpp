#pragma once
// The parsed form of a YAML rule file (see docs/configuration.md, "Rule files"): what the loader builds and
// the evaluator reads. Everything a rule needs at run time is compiled here, once: regexes (RE2) and
// tree-sitter queries.

#include <tacit/doc/languages.hpp>
#include <tacit/engine/rule.hpp>

#include <array>
#include <memory>
#include <optional>
#include <re2/re2.h>
#include <string>
#include <vector>

namespace tacit::declarative {

/// An applicability condition over facts and files (`when:`).
struct Condition {
  enum class Kind { files, fileset, fact, any, all, negate };
  Kind kind = Kind::all;
  std::vector<std::string> values; ///< files: globs; fileset / fact: the name (values[0])
  long min = 1;                    ///< fileset / fact: count at least
  long max = -1;                   ///< fileset / fact: count at most (-1: no limit)
  std::string min_option;          ///< `min: "{{options.NAME}}"`: the bound is the rule's option NAME
  std::string max_option;          ///< likewise for `max`
  std::vector<Condition> children; ///< any / all / negate (one child)
};

/// A text template with {{placeholders}} and {{#name}}...{{/name}} / {{^name}}...{{/name}} sections.
struct Template {
  std::string text;
};

/// A message variant: used when its condition holds (the last variant has none).
struct MessageVariant {
  std::optional<Condition> when;
  Template text;
};

/// A tree-sitter query predicate: `(#eq? @capture "text")`, `(#match? @capture "regex")`, their `not-` forms,
/// or `(#eq? @a @b)`.
struct QueryPredicate {
  bool negate = false;
  std::uint32_t capture = 0;
  std::optional<std::uint32_t> other; ///< eq with a second capture
  std::string text;                   ///< eq with a string
  std::shared_ptr<const RE2> regex;   ///< match
};

/// Where `mentions` items come from.
struct Source {
  enum class Kind { fact, regex, query };
  Kind kind = Kind::fact;
  std::string fact;                      ///< fact kind
  std::vector<std::string> files;        ///< regex / query: globs the files must match ("" = all)
  std::vector<std::string> filesets;     ///< regex / query: filesets the files must be in
  std::shared_ptr<const RE2> regex;      ///< regex: with the named capture `capture`
  std::string capture = "item";          ///< the named capture that is the item
  std::optional<doc::Language> language; ///< query
  std::shared_ptr<TSQuery> query;        ///< query, compiled
  std::uint32_t capture_index = 0;       ///< query: index of `capture`
  std::vector<std::vector<QueryPredicate>> predicates; ///< query: per pattern
  std::string contains;              ///< query / regex: files must hold this literal to be read
  long budget_ms = 500;              ///< query: CPU time per file (parse + query)
  std::shared_ptr<const RE2> ignore; ///< items that match are left out
};

/// One check.
struct Check {
  enum class Type { none, exists, section, mentions, content, metric, any };
  Type type = Type::none;
  // exists
  std::vector<std::string> any_globs;
  std::vector<std::string> all_globs;
  // exists (fileset form), section, content, metric, mentions target
  std::vector<std::string> in; ///< fileset names
  bool each = false;           ///< section / content: in each file (default: in any)
  // section and content
  std::shared_ptr<const RE2> heading;
  long min_words = 0;
  // content
  std::shared_ptr<const RE2> must_contain;
  std::shared_ptr<const RE2> must_not_contain;
  // metric
  long max_bytes = -1;
  long max_lines = -1;
  long max_words = -1;
  // mentions
  Source source;
  enum class Match { word, substring } match = Match::word;
  bool case_sensitive = true;
  // any
  std::vector<Check> alternatives;
};

/// One embedded test case: a small file tree and, for an invalid case, the findings it must give.
struct TestCase {
  bool valid = true;
  std::string name;
  int line = 0; ///< where the case is written in the rule file
  std::vector<std::pair<std::string, std::string>> files;
  std::vector<std::string> expected; ///< "path:line:column"
};

/// Evidence a finding cites (`evidence:`): the first items of a fact kind as related locations.
struct EvidenceSpec {
  std::string fact;     ///< the fact kind
  Template note;        ///< {{item}} and {{detail}}
  long limit = 3;       ///< items cited at most
  bool largest = false; ///< `order: largest`: the items with the largest count first (else fact order)
  bool summary = false; ///< `summary: true`: one note about the fact as a whole ({{count}}), no items
  std::optional<Condition> when; ///< cited only when this holds
};

/// A whole rule file.
struct RuleSpec {
  std::string path; ///< the rule file
  std::string id, name, category, summary;
  engine::Severity severity = engine::Severity::warning;
  bool default_profile = true; ///< `default-profile: false` leaves it out of the default profile
  std::string what_it_does, why_it_matters, example, how_to_fix;
  std::vector<std::string> tags;
  std::vector<std::array<std::string, 3>> options; ///< documented thresholds: name, default, description
  /// `applies:`: the rule's precondition (`when`) and what it reports as the reason when that does not hold
  /// (`otherwise`): the rule is then `n/a` rather than `pass`.
  std::optional<Condition> applies_when;
  std::optional<Template> not_applicable;
  std::optional<Condition> when;
  std::vector<MessageVariant> message;
  std::optional<Template> hint;
  std::optional<Template> subject;
  std::vector<EvidenceSpec> evidence;
  Check check;
  std::vector<TestCase> tests;
};

} // namespace tacit::declarative
