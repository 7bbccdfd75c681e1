#pragma once
// A rule reads the Context and emits findings. Rules never do I/O of their own. Each built-in rule is one
// file in src/rules/ with its metadata and docs (fixed headings, as ruff does) that registers itself with
// TACIT_RULE (below).

#include <tacit/engine/finding.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
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

/// A threshold or switch of a rule, with its default; `.tacit.yaml` sets it under `options: {ID: {name:
/// value}}`, a value of the default's type. `tacit rule ID` documents them under "Options".
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
  /// In the default profile (`recommended`). A rule that does not reach the precision bar on the judged
  /// corpus (tests/corpus) is left out: it runs only when a selection names it (its id or category, or ALL)
  /// or under the `strict` profile, and its docs say why.
  bool in_default_profile = true;
  /// Some of its findings carry a fix (engine::Fix) that `tacit check --fix` applies; `tacit rules` says so.
  bool fixable = false;
  /// Reads where the code reads environment variables (Context::env_reads): a run with such a rule has the
  /// context read them in its pass over every file's head (AnalyzeOptions::env_reads).
  bool reads_env = false;
  /// Reads every file or every document, or the history: among the slowest of a run on a large repository.
  /// The runner starts such rules first, so that the light ones fill in around them on the other threads
  /// instead of one heavy rule running alone at the end.
  bool heavy = false;
};

/// Option values the configuration sets for one rule: option name -> value as written (validated).
using OptionValues = std::map<std::string, std::string, std::less<>>;

/// Where a rule puts its findings; stamps id, name and severity. It also gives the rule its options.
class Emitter {
public:
  /// `options` (may be null: every option at its default) must outlive the emitter.
  explicit Emitter(const RuleMeta& meta, const OptionValues* options = nullptr)
      : m_meta(meta), m_options(options) {}
  /// Adds a finding; rule_id, rule_name and severity are filled from the rule's metadata.
  Finding& emit(std::string message, Location location, std::string subject = {});
  std::vector<Finding>& findings() { return m_findings; }
  /// Says that the rule does not apply to this repository (its precondition does not hold: no build system,
  /// below a size threshold, no history), and why, in a few words: "no CI run step". The run reports the
  /// rule as `n/a` with this reason instead of `pass` (a rule that also emits findings is `fail`).
  void not_applicable(std::string reason) { m_not_applicable = std::move(reason); }
  /// The reason given to not_applicable(), or nullopt: the rule applied.
  const std::optional<std::string>& not_applicable_reason() const { return m_not_applicable; }

  /// The value of the rule's option `name`: the configured one, else the default in RuleMeta::options.
  /// Throws std::logic_error for an option the rule does not declare, or a value of another type (a bug).
  std::int64_t option_int(std::string_view name) const;
  double option_number(std::string_view name) const;
  bool option_bool(std::string_view name) const;
  std::string option_string(std::string_view name) const;

private:
  std::string_view option_text(std::string_view name) const;

  const RuleMeta& m_meta;
  const OptionValues* m_options = nullptr;
  std::vector<Finding> m_findings;
  std::optional<std::string> m_not_applicable;
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

/// Registers a built-in C++ rule: `TACIT_RULE(ClassName)` on a line of its own, at namespace scope in
/// `tacit::rules`, in the rule's file under src/rules/. The build lists every such line of src/rules/*.cpp
/// (cmake/RuleList.cmake) into a generated catalogue that calls the factory defined here, so the linker keeps
/// every rule and adding one edits no other file.
#define TACIT_RULE(Class)                                                                                    \
  std::unique_ptr<::tacit::engine::Rule> tacit_rule_factory_##Class();                                       \
  std::unique_ptr<::tacit::engine::Rule> tacit_rule_factory_##Class() {                                      \
    return std::make_unique<Class>();                                                                        \
  }
