#pragma once
// The tech lead's audit (`tacit audit`, docs/audit.md): a run's rule statuses become a score from 0 to 100,
// a level from 1 to 5 and one sub-score per pillar. A rule belongs to the pillar its id starts with (TASK,
// QUAL, ARCH, CTX, IMPL), so a new rule counts without any list naming it; other rules (META, a
// repository's own ORG101) are listed but not scored. Pure functions of their inputs: deterministic.

#include <tacit/engine/config.hpp>
#include <tacit/engine/finding.hpp>
#include <tacit/engine/rule_status.hpp>
#include <tacit/util/error.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::engine {
class Context;
}

namespace tacit::audit {

/// The highest score of a repository without an agent context file that applies to the whole repository.
inline constexpr int k_score_without_context_file = 50;

/// The pillars in report order: procedures, standards, decisions, context hygiene, implicit knowledge.
inline constexpr std::array<std::string_view, 5> k_pillars{"TASK", "QUAL", "ARCH", "CTX", "IMPL"};

/// The pillar of a rule: the capital letters its id starts with when they name a pillar, else "".
std::string_view pillar_of(std::string_view rule_id);

/// The weights of the formula; `.tacit.yaml` sets them under `audit:`.
struct Weights {
  std::map<std::string, int, std::less<>> pillars{
      {"TASK", 25}, {"QUAL", 15}, {"ARCH", 15}, {"CTX", 30}, {"IMPL", 15}};
  int error = 3; ///< a rule's weight within its pillar, by its default severity
  int warning = 2;
  int info = 1;
};

/// The weights of a configuration: the defaults, with what its `audit:` sets. An unknown pillar, or pillar
/// weights that are all 0, is an error at its file:line.
Result<Weights> weights_from(const engine::Config& config);

/// One rule's part in the score.
struct RuleResult {
  std::string id;
  std::string name;
  std::string pillar; ///< "" when the rule is not scored
  engine::Severity severity = engine::Severity::warning;
  engine::RuleState state = engine::RuleState::pass;
  std::string reason; ///< n/a only
  std::size_t findings = 0;
  int weight = 0; ///< what the rule is worth in its pillar (0: n/a or not scored)
  int earned = 0; ///< weight when it passed, 0 when it failed
};

/// One pillar's sub-score.
struct PillarScore {
  std::string name;
  std::optional<int> score; ///< 0-100; nullopt when no rule of the pillar applied
  int earned = 0;
  int possible = 0;
  int passed = 0;
  int failed = 0;
  int not_applicable = 0;
};

/// A command a doc gives for a procedure (build, test, lint), where it is written.
struct DocumentedCommand {
  std::string kind; ///< build, test, lint
  std::string text;
  std::string doc;
  int line = 0;
};

/// What the repository holds that agents use: context files, documented commands, the decision log.
struct Presence {
  std::vector<std::string> root_context_files; ///< the agent context files that apply to the whole repository
  std::vector<std::string> context_files;      ///< every agent context file (root, nested, imported)
  std::vector<DocumentedCommand> commands;     ///< first ones of each kind, in doc order
  std::vector<std::string> decision_logs;      ///< folders (". " for the root)
  std::size_t decision_records = 0;
};

/// Reads what is present from a run's context.
Presence presence(const engine::Context& context);

/// A level with its name and gate (docs/audit.md, "Levels").
struct Level {
  int number;
  std::string_view name;
  std::string_view gate;
};

/// The five levels, 1 to 5.
std::span<const Level> levels();

/// A repository's score.
struct Score {
  int score = 0;                    ///< 0-100
  int level = 1;                    ///< 1-5
  std::vector<PillarScore> pillars; ///< in k_pillars order
  std::vector<RuleResult> rules;    ///< in the run's order
  std::string next_gate;            ///< what the next level needs; "" at level 5
};

/// Scores statuses: see docs/audit.md, "Formula". `error_findings`: the run reported an error-severity
/// finding (level 5 allows none).
Score score(std::span<const engine::RuleStatus> statuses, const Weights& weights, const Presence& present,
            bool error_findings);

/// The failing rules that cost the most, most first (weight, then findings, then id): the top gaps.
std::vector<const RuleResult*> gaps(const Score& score, std::size_t limit);

/// One earlier commit of a repository's trend (`--history N`): its score, or why it could not be scored.
struct TrendPoint {
  std::string commit; ///< full object id
  std::string date;   ///< the commit's UTC date, YYYY-MM-DD
  int score = 0;
  int level = 1;
  std::string error; ///< non-empty: this commit could not be scored
};

/// One repository of an audit: its score and what explains it, or the error that stopped it.
struct Repository {
  std::string name;  ///< as given (argument, line of --repos-file, path under --discover)
  std::string root;  ///< absolute repository root; "" on error
  std::string error; ///< non-empty: the repository could not be audited, and why
  Score score;
  Presence present;
  std::vector<engine::Finding> findings;
  bool history = false;          ///< a trend was asked for (--history)
  std::vector<TrendPoint> trend; ///< the earlier commits scored, oldest first
  std::string trend_note;        ///< why the trend has fewer points than asked for, or why it has none
};

} // namespace tacit::audit
