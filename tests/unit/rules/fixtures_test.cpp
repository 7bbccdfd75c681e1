// Per-rule fixtures: tests/rules/<rule-name>/<case>/tree is a small repository (turned into a real git
// repository in a temp dir), and tests/rules/<rule-name>/<case>/expected lists the findings the rule must
// report on it, one `path:line:column ID` per line (an empty file: the rule must not fire). A line
// `# also-run: ID...` runs other rules too, so that a case can show that a gap is reported once. An optional
// tests/rules/<rule-name>/<case>/history file lists commit subjects (oldest first) committed before the tree,
// for history-based rules; each of those commits changes a scratch file that the last commit removes, or, for
// a line `subject :: path...`, appends a line to each of those files (IMPL403's co-changes). An
// optional tests/rules/<rule-name>/<case>/before tree is committed before `tree`, which then replaces it
// whole (files deleted, renamed, changed by the last commit: CTX002's renamed paths, CTX007). Inline
// suppressions apply as in `tacit check` (the META rules' cases rely on it). Every
// registered rule must have docs, at least one case that fires and one that must not.

#include "fixture_support.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/engine/suppressions.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace tacit_test;

TEST_CASE("every rule has docs and fixtures that fire and that must not") {
  for (const auto* rule : tacit::catalog::builtin().rules()) {
    const auto& meta = rule->meta();
    CAPTURE(meta.id);
    CHECK(!meta.summary.empty());
    CHECK(!meta.docs.what_it_does.empty());
    CHECK(!meta.docs.why_it_matters.empty());
    CHECK(!meta.docs.example.empty());
    CHECK(!meta.docs.how_to_fix.empty());
    const auto dir = k_fixtures / std::string(meta.name);
    REQUIRE_MESSAGE(fs::is_directory(dir), "missing fixtures in ", dir.string());
    bool fires = false;
    bool silent = false;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (!entry.is_directory())
        continue;
      REQUIRE_MESSAGE(fs::exists(entry.path() / "expected"), "missing expected in ", entry.path().string());
      (read_expected(entry.path() / "expected").empty() ? silent : fires) = true;
    }
    CHECK_MESSAGE(fires, meta.id, " has no fixture that fires");
    CHECK_MESSAGE(silent, meta.id, " has no fixture that must not fire");
  }
}

TEST_CASE("rule fixtures give exactly the expected findings") {
  for (const auto* rule : tacit::catalog::builtin().rules()) {
    const auto dir = k_fixtures / std::string(rule->meta().name);
    if (!fs::is_directory(dir))
      continue;
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.is_directory())
        cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    for (const auto& case_dir : cases) {
      SUBCASE((std::string(rule->meta().id) + " " + case_dir.filename().string()).c_str()) {
        const auto root = make_repository(case_dir / "tree");
        const auto actual = run_rule(root, rules_to_run(case_dir / "expected", rule->meta().id));
        const auto expected = read_expected(case_dir / "expected");
        CHECK(tacit::util::join(actual, "\n") == tacit::util::join(expected, "\n"));
        fs::remove_all(root);
      }
    }
  }
}

namespace {

// The findings of one rule with their hints (path:line, hint).
std::vector<std::pair<std::string, std::string>> run_with_hints(const fs::path& root, const std::string& id) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& finding : run_findings(root, {id}))
    out.emplace_back(fmt::format("{}:{}", finding.location.path, finding.location.line), finding.hint);
  return out;
}

} // namespace

// Issue 12 [b]: every hint is a command that clears its own finding. For each finding of a TASK103 case that
// fires, the hint's command is added to the context file the hint names, and the finding must be gone.
TEST_CASE("TASK103 hints clear their own findings") {
  const auto dir = k_fixtures / "lint-format-undocumented";
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_directory() || read_expected(entry.path() / "expected").empty())
      continue;
    const auto root = make_repository(entry.path() / "tree");
    for (const auto& [where, hint] : run_with_hints(root, "TASK103")) {
      CAPTURE(entry.path().filename().string());
      CAPTURE(where);
      CAPTURE(hint);
      const auto open = hint.find('`');
      const auto close = hint.find('`', open + 1);
      REQUIRE(close != std::string::npos);
      const auto command = hint.substr(open + 1, close - open - 1);
      const auto to = hint.find(" to ", close);
      const auto file = hint.substr(to + 4, hint.find(' ', to + 4) - to - 4);
      std::ofstream(root / file, std::ios::app) << "\n## Checks\n\n```sh\n" << command << "\n```\n";
      REQUIRE(std::system(fmt::format("cd '{}' && git add -A && git -c user.name=t -c user.email=t@t -c "
                                      "commit.gpgsign=false commit -q -m hint",
                                      root.string())
                              .c_str()) == 0);
      for (const auto& [again, unused] : run_with_hints(root, "TASK103"))
        CHECK(again != where);
    }
    fs::remove_all(root);
  }
}
