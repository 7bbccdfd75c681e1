// The fixes of the fixable rules on their fixtures: applied by the one applier, each clears its own finding
// and brings no new one, a second run changes nothing, and a case with a `fixed/` folder gets exactly those
// files (tests/rules/<rule-name>/<case>/fixed/: the files the fix writes, as they must read afterwards).

#include "fixture_support.hpp"

#include <tacit/fix/apply.hpp>

#include <algorithm>
#include <set>

namespace fs = std::filesystem;
using namespace tacit_test;

namespace {

std::set<std::string> fingerprints(const std::vector<tacit::engine::Finding>& findings) {
  std::set<std::string> out;
  for (const auto& finding : findings)
    out.insert(finding.rule_id + " " + finding.fingerprint);
  return out;
}

} // namespace

TEST_CASE("fixes clear their own findings, bring no new one and apply once") {
  for (const auto* rule : tacit::catalog::builtin().rules()) {
    const auto& meta = rule->meta();
    const auto dir = k_fixtures / std::string(meta.name);
    if (!fs::is_directory(dir))
      continue;
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.is_directory())
        cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    std::size_t applied = 0;
    for (const auto& case_dir : cases) {
      CAPTURE(case_dir.string());
      const auto root = make_repository(case_dir / "tree");
      const auto ids = rules_to_run(case_dir / "expected", meta.id);
      const auto before = run_findings(root, ids);
      const auto plan = tacit::fix::plan_fixes(before, tacit::fix::disk_reader(root));
      if (!meta.fixable)
        CHECK_MESSAGE(plan.results.empty(), meta.id, " attaches fixes but is not marked fixable");
      REQUIRE(tacit::fix::write_plan(plan, root).has_value());
      applied += plan.applied();
      const auto after = run_findings(root, ids);
      const auto now = fingerprints(after);
      const auto then = fingerprints(before);
      bool conflicts = false;
      for (const auto& result : plan.results) {
        CAPTURE(result.reason);
        CHECK(result.outcome != tacit::fix::Outcome::stale);
        conflicts = conflicts || result.outcome == tacit::fix::Outcome::conflict;
        if (result.outcome == tacit::fix::Outcome::applied)
          CHECK_MESSAGE(
              !now.contains(before[result.finding].rule_id + " " + before[result.finding].fingerprint),
              "still reported after its fix: ", before[result.finding].message);
      }
      for (const auto& finding : after)
        CHECK_MESSAGE(then.contains(finding.rule_id + " " + finding.fingerprint),
                      "new after the fixes: ", finding.rule_id, " ", finding.message);
      if (!conflicts)
        CHECK(tacit::fix::plan_fixes(after, tacit::fix::disk_reader(root)).files.empty());
      if (fs::is_directory(case_dir / "fixed"))
        for (const auto& entry : fs::recursive_directory_iterator(case_dir / "fixed"))
          if (entry.is_regular_file()) {
            const auto relative = fs::relative(entry.path(), case_dir / "fixed");
            CAPTURE(relative.string());
            CHECK(slurp(root / relative) == slurp(entry.path()));
          }
      fs::remove_all(root);
    }
    if (meta.fixable)
      CHECK_MESSAGE(applied > 0, meta.id, " is marked fixable but no fixture of it gets a fix applied");
  }
}
