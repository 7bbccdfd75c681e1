// Issue 16, part 3: fixing the examples, then checking them again, leaves none of the fixed findings and
// brings no new one; a second round of fixes changes nothing. The run is `tacit check`'s: the repository's
// configuration and rule-dirs, the default selection, suppressions and the policy.

#include "../rules/fixture_support.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/engine/policy.hpp>
#include <tacit/fix/apply.hpp>

#include <set>

namespace fs = std::filesystem;

namespace {

// The findings `tacit check` reports on `root`, or nullopt when the example does not load (a bad config).
std::optional<std::vector<tacit::engine::Finding>> check(const fs::path& root) {
  tacit::repo::SnapshotOptions options;
  options.path = root;
  auto snapshot = tacit::repo::Snapshot::open(options);
  REQUIRE(snapshot.has_value());
  std::vector<std::string> notes;
  tacit::engine::AnalyzeOptions analyze_options{2};
  analyze_options.rules = tacit::catalog::builtin().metas();
  auto context = tacit::engine::analyze(std::move(*snapshot), analyze_options, notes);
  if (!context)
    return std::nullopt;
  auto run = tacit::catalog::for_repository((*context)->snapshot(), (*context)->config());
  if (!run)
    return std::nullopt;
  const auto& rules = run->rules();
  if (!tacit::engine::validate_config((*context)->config(), rules.metas()))
    return std::nullopt;
  const tacit::engine::Policy policy((*context)->config(), {}, rules.metas());
  const auto selection = policy.selection(rules.metas());
  auto found = tacit::engine::suppress_findings(
      **context, tacit::engine::run_rules(**context, rules.rules(), selection, 2), selection, rules, 2);
  policy.apply(found);
  return found;
}

std::set<std::string> keys(const std::vector<tacit::engine::Finding>& findings) {
  std::set<std::string> out;
  for (const auto& finding : findings)
    out.insert(finding.rule_id + " " + finding.fingerprint);
  return out;
}

} // namespace

TEST_CASE("fixing the examples leaves none of the fixed findings and brings no new one") {
  std::size_t applied = 0;
  std::set<std::string> fixed_rules;
  for (const auto& entry : fs::directory_iterator(fs::path(TACIT_SOURCE_DIR) / "examples")) {
    if (!entry.is_directory())
      continue;
    CAPTURE(entry.path().filename().string());
    const auto root = tacit_test::make_repository(entry.path());
    const auto before = check(root);
    if (!before) {
      fs::remove_all(root);
      continue;
    }
    const auto plan = tacit::fix::plan_fixes(*before, tacit::fix::disk_reader(root));
    REQUIRE(tacit::fix::write_plan(plan, root).has_value());
    applied += plan.applied();
    const auto after = check(root);
    REQUIRE(after.has_value());
    const auto now = keys(*after);
    const auto then = keys(*before);
    bool conflicts = false;
    for (const auto& result : plan.results) {
      const auto& finding = (*before)[result.finding];
      CAPTURE(finding.message);
      CAPTURE(result.reason);
      CHECK(result.outcome != tacit::fix::Outcome::stale);
      conflicts = conflicts || result.outcome == tacit::fix::Outcome::conflict;
      if (result.outcome == tacit::fix::Outcome::applied) {
        fixed_rules.insert(finding.rule_id);
        CHECK_MESSAGE(!now.contains(finding.rule_id + " " + finding.fingerprint),
                      "still reported after its fix");
      }
    }
    for (const auto& finding : *after)
      CHECK_MESSAGE(then.contains(finding.rule_id + " " + finding.fingerprint),
                    "new after the fixes: ", finding.rule_id, " ", finding.location.path, ":",
                    finding.location.line, " ", finding.message);
    if (!conflicts)
      CHECK(tacit::fix::plan_fixes(*after, tacit::fix::disk_reader(root)).files.empty());
    fs::remove_all(root);
  }
  // The examples exercise fixes at all (and of more than one rule).
  CHECK(applied > 0);
  CHECK(fixed_rules.size() > 1);
}
