// Tests for the audit's formula (src/audit/score.cpp): pillars by id prefix, n/a left out, the weighted
// mean of the pillars, the level gates, the weights of .tacit.yaml, and the top gaps.

#include <tacit/audit/audit.hpp>
#include <tacit/engine/config.hpp>
#include <tacit/engine/rule.hpp>

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <vector>

using namespace tacit;
using engine::RuleState;
using engine::Severity;

namespace {

// Rule metadata that outlives the statuses that point to it.
struct Rules {
  std::deque<std::string> ids;
  std::deque<engine::RuleMeta> metas;
  std::vector<engine::RuleStatus> statuses;

  Rules& add(std::string id, Severity severity, RuleState state, std::size_t findings = 0,
             std::string reason = {}) {
    ids.push_back(std::move(id));
    metas.push_back(engine::RuleMeta{ids.back(), "a-rule", "X", severity, "s", {}});
    statuses.push_back(engine::RuleStatus{&metas.back(), state, std::move(reason), findings});
    return *this;
  }
};

audit::Presence with_context() {
  audit::Presence present;
  present.root_context_files = {"AGENTS.md"};
  present.context_files = {"AGENTS.md"};
  return present;
}

const audit::PillarScore& pillar(const audit::Score& score, std::string_view name) {
  for (const auto& p : score.pillars)
    if (p.name == name)
      return p;
  FAIL("no pillar " << name);
  return score.pillars.front();
}

} // namespace

TEST_CASE("pillar_of: the letters of the id, for any rule of a pillar, written or not") {
  CHECK(audit::pillar_of("CTX001") == "CTX");
  CHECK(audit::pillar_of("TASK109") == "TASK");
  CHECK(audit::pillar_of("QUAL202") == "QUAL");
  CHECK(audit::pillar_of("ARCH305") == "ARCH");
  CHECK(audit::pillar_of("IMPL401") == "IMPL"); // a rule no list names counts by its prefix
  CHECK(audit::pillar_of("CTX999") == "CTX");
  CHECK(audit::pillar_of("META001").empty());
  CHECK(audit::pillar_of("ORG101").empty());
  CHECK(audit::pillar_of("CTXA001").empty());
  CHECK(audit::pillar_of("").empty());
}

TEST_CASE("score: pass earns the rule's severity weight, fail none, n/a is left out of both") {
  Rules rules;
  rules.add("TASK101", Severity::warning, RuleState::pass)
      .add("TASK102", Severity::warning, RuleState::fail, 2)
      .add("TASK108", Severity::info, RuleState::not_applicable, 0, "no release mechanism found")
      .add("CTX001", Severity::warning, RuleState::pass)
      .add("CTX009", Severity::error, RuleState::pass)
      .add("META001", Severity::warning, RuleState::fail, 1);
  const auto s = audit::score(rules.statuses, {}, with_context(), false);
  const auto& task = pillar(s, "TASK");
  CHECK(task.earned == 2);
  CHECK(task.possible == 4);
  CHECK(task.score == 50);
  CHECK(task.passed == 1);
  CHECK(task.failed == 1);
  CHECK(task.not_applicable == 1);
  CHECK(pillar(s, "CTX").score == 100);
  CHECK_FALSE(pillar(s, "QUAL").score.has_value()); // no rule applied: not scored
  CHECK_FALSE(pillar(s, "IMPL").score.has_value());
  // (25 * 0.5 + 30 * 1) / (25 + 30) = 0.7727 -> 77; META is listed but not scored.
  CHECK(s.score == 77);
  REQUIRE(s.rules.size() == 6);
  CHECK(s.rules[5].pillar.empty());
  CHECK(s.rules[5].weight == 0);
  CHECK(s.rules[2].reason == "no release mechanism found");
}

TEST_CASE("score: a repository without a context file scores below one with a good context file") {
  // The case: no AGENTS.md gives fewer findings, but its context rules fail or do not apply.
  Rules bare;
  bare.add("CTX001", Severity::warning, RuleState::fail, 1)
      .add("CTX008", Severity::warning, RuleState::not_applicable, 0, "no agent context file to check")
      .add("TASK101", Severity::warning, RuleState::fail, 1)
      .add("QUAL203", Severity::warning, RuleState::not_applicable, 0, "no root context file to state it");
  audit::Presence nothing;
  const auto low = audit::score(bare.statuses, {}, nothing, false);
  Rules good;
  good.add("CTX001", Severity::warning, RuleState::pass)
      .add("CTX008", Severity::warning, RuleState::fail, 3)
      .add("TASK101", Severity::warning, RuleState::pass)
      .add("QUAL203", Severity::warning, RuleState::pass);
  const auto high = audit::score(good.statuses, {}, with_context(), false);
  CHECK(low.score == 0);
  CHECK(low.level == 1);
  // Without a context file the score is capped, however well the rules that apply do.
  Rules clean;
  clean.add("CTX001", Severity::warning, RuleState::fail, 1)
      .add("TASK101", Severity::warning, RuleState::pass);
  clean.add("TASK102", Severity::warning, RuleState::pass).add("QUAL201", Severity::warning, RuleState::pass);
  const auto capped = audit::score(clean.statuses, {}, nothing, false);
  CHECK(pillar(capped, "TASK").score == 100);
  CHECK(capped.score == audit::k_score_without_context_file);
  CHECK(audit::score(clean.statuses, {}, with_context(), false).score == 57); // (0 + 25 + 15) / 70
  CHECK(high.score > low.score);
  CHECK(high.score == 79); // CTX 50 (weight 30), TASK 100 (25), QUAL 100 (15): 55 / 70
}

TEST_CASE("score: the weights of .tacit.yaml change the mean and the severities") {
  Rules rules;
  rules.add("TASK101", Severity::warning, RuleState::pass)
      .add("TASK102", Severity::info, RuleState::fail, 1)
      .add("CTX001", Severity::warning, RuleState::fail, 1);
  audit::Weights weights;
  weights.pillars["CTX"] = 0;
  const auto only_task = audit::score(rules.statuses, weights, with_context(), false);
  CHECK(pillar(only_task, "TASK").score == 67); // 2 of 3
  CHECK(only_task.score == 67);                 // CTX weighs nothing
  weights.info = 0;
  const auto no_info = audit::score(rules.statuses, weights, with_context(), false);
  CHECK(pillar(no_info, "TASK").score == 100);
}

TEST_CASE("levels: each gate holds the ones below it, and next_gate says what is missing") {
  Rules perfect;
  perfect.add("CTX001", Severity::warning, RuleState::pass)
      .add("TASK101", Severity::warning, RuleState::pass)
      .add("QUAL201", Severity::warning, RuleState::pass);
  CHECK(audit::score(perfect.statuses, {}, with_context(), false).level == 5);
  CHECK(audit::score(perfect.statuses, {}, with_context(), false).next_gate.empty());
  // Level 5 allows no error finding.
  const auto errors = audit::score(perfect.statuses, {}, with_context(), true);
  CHECK(errors.level == 4);
  CHECK(errors.next_gate == "level 5 (Autonomous) needs no finding of severity error");
  // Level 2 needs a root context file, whatever the score.
  const auto no_file = audit::score(perfect.statuses, {}, audit::Presence{}, false);
  CHECK(no_file.level == 1);
  CHECK(no_file.next_gate == "level 2 (Oriented) needs an agent context file at the root (AGENTS.md)");
  // Procedures undocumented: level 2, not 3.
  Rules guided;
  guided.add("CTX001", Severity::warning, RuleState::pass)
      .add("TASK101", Severity::warning, RuleState::fail, 1)
      .add("TASK102", Severity::warning, RuleState::fail, 1)
      .add("TASK103", Severity::warning, RuleState::pass);
  const auto two = audit::score(guided.statuses, {}, with_context(), false);
  CHECK(two.score == 70); // (25 * 1/3 + 30) / 55
  CHECK(two.level == 2);
  CHECK(two.next_gate == "level 3 (Guided) needs TASK 60 (is 33)");
  REQUIRE(audit::levels().size() == 5);
  CHECK(audit::levels()[0].name == "Bare");
  CHECK(audit::levels()[4].name == "Autonomous");
}

TEST_CASE("gaps: the failing rules that cost most, then by findings, then by id") {
  Rules rules;
  rules.add("TASK104", Severity::warning, RuleState::fail, 1)
      .add("CTX009", Severity::error, RuleState::fail, 1)
      .add("TASK101", Severity::warning, RuleState::fail, 4)
      .add("TASK102", Severity::warning, RuleState::fail, 1)
      .add("META002", Severity::error, RuleState::fail, 9) // not scored: not a gap
      .add("QUAL201", Severity::warning, RuleState::pass);
  const auto s = audit::score(rules.statuses, {}, with_context(), false);
  const auto top = audit::gaps(s, 3);
  REQUIRE(top.size() == 3);
  CHECK(top[0]->id == "CTX009");
  CHECK(top[1]->id == "TASK101");
  CHECK(top[2]->id == "TASK102");
}

TEST_CASE("weights_from: the audit section of .tacit.yaml, and its errors at file:line") {
  auto config = engine::parse_config(
      "version: 1\naudit:\n  pillars:\n    CTX: 50\n    IMPL: 0\n  severity:\n    info: 2\n", ".tacit.yaml");
  REQUIRE(config.has_value());
  auto weights = audit::weights_from(*config);
  REQUIRE(weights.has_value());
  CHECK(weights->pillars.at("CTX") == 50);
  CHECK(weights->pillars.at("IMPL") == 0);
  CHECK(weights->pillars.at("TASK") == 25);
  CHECK(weights->info == 2);
  CHECK(weights->error == 3);

  auto unknown = engine::parse_config("version: 1\naudit:\n  pillars:\n    CTXX: 10\n", ".tacit.yaml");
  REQUIRE(unknown.has_value());
  auto bad = audit::weights_from(*unknown);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().message ==
        "audit: unknown pillar 'CTXX' (did you mean 'CTX'?); the pillars are TASK, QUAL, ARCH, "
        "CTX, IMPL");
  CHECK(bad.error().path == ".tacit.yaml");
  CHECK(bad.error().line == 4);

  auto zero = engine::parse_config(
      "version: 1\naudit:\n  pillars: {TASK: 0, QUAL: 0, ARCH: 0, CTX: 0, IMPL: 0}\n", ".tacit.yaml");
  REQUIRE(zero.has_value());
  auto none = audit::weights_from(*zero);
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().message == "audit: every pillar weight is 0; give at least one a weight");
  CHECK(none.error().line == 3);
}

TEST_CASE("audit section of .tacit.yaml: bad values and keys are located errors") {
  const auto error_of = [](std::string_view text) {
    auto config = engine::parse_config(text, ".tacit.yaml");
    REQUIRE_FALSE(config.has_value());
    return config.error();
  };
  auto range = error_of("version: 1\naudit:\n  pillars:\n    CTX: 101\n");
  CHECK(range.message == "the weight of 'CTX' must be a whole number from 0 to 100");
  CHECK(range.line == 4);
  CHECK(range.column == 10);
  CHECK(error_of("version: 1\naudit:\n  severity:\n    info: -1\n").message ==
        "the weight of 'info' must be a whole number from 0 to 100");
  CHECK(error_of("version: 1\naudit:\n  severity:\n    info: 1.5\n").line == 4);
  auto key = error_of("version: 1\naudit:\n  pilars: {}\n");
  CHECK(key.message.starts_with("unknown key 'pilars' (did you mean 'pillars'?) in 'audit'"));
  CHECK(key.line == 3);
  auto severity = error_of("version: 1\naudit:\n  severity:\n    critical: 3\n");
  CHECK(severity.message.starts_with("unknown key 'critical'"));
  auto lower = error_of("version: 1\naudit:\n  pillars:\n    ctx: 3\n");
  CHECK(lower.message == "'ctx' is not a pillar: a rule category in capitals (TASK, QUAL, ARCH, CTX, IMPL)");
}

TEST_CASE("rule_statuses: findings make fail, a reason makes n/a, else pass") {
  Rules rules;
  rules.add("CTX001", Severity::warning, RuleState::pass)
      .add("TASK101", Severity::warning, RuleState::pass)
      .add("TASK108", Severity::info, RuleState::pass);
  std::vector<const engine::RuleMeta*> metas;
  for (const auto& meta : rules.metas)
    metas.push_back(&meta);
  engine::NotApplicable skipped{{"TASK108", "no release mechanism found"}, {"CTX001", "stale reason"}};
  std::vector<engine::Finding> findings(2);
  findings[0].rule_id = "CTX001";
  findings[1].rule_id = "CTX001";
  const auto statuses = engine::rule_statuses(metas, skipped, findings);
  REQUIRE(statuses.size() == 3);
  CHECK(statuses[0].state == RuleState::fail); // findings win over a reason
  CHECK(statuses[0].findings == 2);
  CHECK(statuses[1].state == RuleState::pass);
  CHECK(statuses[2].state == RuleState::not_applicable);
  CHECK(statuses[2].reason == "no release mechanism found");
  CHECK(engine::to_string(RuleState::not_applicable) == "n/a");
}
