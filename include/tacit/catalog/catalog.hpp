#pragma once
// The catalogue of a run, composed in one place above the engine: the built-in C++ rules (src/rules/, each
// registered by its TACIT_RULE line), the shipped YAML rules (rules/, embedded at build time) and the
// repository's own rules (the rule-dirs of .tacit.yaml). The engine, the policy and the suppression pass are
// handed the result as an engine::RuleSet; none of them knows where a rule comes from.

#include <tacit/declarative/rules.hpp>
#include <tacit/engine/config.hpp>
#include <tacit/engine/rule_set.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/util/error.hpp>

#include <memory>
#include <vector>

namespace tacit::catalog {

/// The built-in rules (C++ and shipped YAML), sorted by id; built on first use, then shared.
const engine::RuleSet& builtin();

/// The rules of one repository: the built-in ones and those of its rule-dirs, which it owns.
class Catalog {
public:
  /// Every rule of the run: the built-in ones by id, then the repository's own by file path.
  const engine::RuleSet& rules() const { return m_rules; }
  /// The repository's own rules (its rule-dirs), sorted by path.
  std::span<const std::unique_ptr<declarative::DeclarativeRule>> own() const { return m_own; }

private:
  friend Result<Catalog> for_repository(const repo::Snapshot& snapshot, const engine::Config& config);
  friend Catalog builtin_only();
  std::vector<std::unique_ptr<declarative::DeclarativeRule>> m_own;
  engine::RuleSet m_rules;
};

/// The built-in rules plus the rule files of `config.rule_dirs`, read from the snapshot. An error names the
/// rule file (or the config line of a folder) that does not load, or an id that is taken twice.
Result<Catalog> for_repository(const repo::Snapshot& snapshot, const engine::Config& config);

/// The built-in rules alone, as a Catalog (no repository, or --isolated with no snapshot).
Catalog builtin_only();

} // namespace tacit::catalog
