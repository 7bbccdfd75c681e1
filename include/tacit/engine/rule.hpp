#pragma once
// A rule reads the Context and emits findings. Rules never do I/O of their own. Each built-in rule is one
// file in src/rules/ with its metadata and docs (fixed headings, as ruff does), registered in registry.cpp.

#include <tacit/engine/finding.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace tacit::engine {

class Context;

/// The rule's documentation under fixed headings; `tacit rule ID` and docs/rules/ are generated from it.
struct RuleDocs {
  std::string_view what_it_does;
  std::string_view why_it_matters; ///< for agents
  std::string_view example;        ///< Markdown
  std::string_view how_to_fix;
};

/// A threshold or switch of a rule, with its default. Rules use the default until `.tacit.yaml` can set
/// options; `tacit rule ID` documents them under "Options".
struct RuleOption {
  std::string_view name;          ///< kebab-case: min-commits
  std::string_view default_value; ///< as a user would write it: 20, 0.7, true
  std::string_view description;   ///< one sentence
};

/// What a rule is, independent of any run.
struct RuleMeta {
  std::string_view id;       ///< stable forever: CTX001
  std::string_view name;     ///< kebab-case: context-file-missing
  std::string_view category; ///< CTX, TASK, QUAL, ARCH, IMPL, META
  Severity severity;         ///< default severity
  std::string_view summary;  ///< one line: when it fires
  RuleDocs docs;
  std::span<const RuleOption> options = {}; ///< thresholds with their defaults (none for most rules)
};

/// Where a rule puts its findings; stamps id, name and severity.
class Emitter {
public:
  explicit Emitter(const RuleMeta& meta) : m_meta(meta) {}
  /// Adds a finding; rule_id, rule_name and severity are filled from the rule's metadata.
  Finding& emit(std::string message, Location location, std::string subject = {});
  std::vector<Finding>& findings() { return m_findings; }

private:
  const RuleMeta& m_meta;
  std::vector<Finding> m_findings;
};

/// A built-in rule.
class Rule {
public:
  virtual ~Rule() = default;
  virtual const RuleMeta& meta() const = 0;
  /// Reads the context, emits findings. May throw: the runner turns an exception into an internal error.
  virtual void check(const Context& context, Emitter& out) const = 0;
};

} // namespace tacit::engine
