// Tests for engine/runner: which rules a selection runs, and run_rules over a real repository (the
// broken-references example turned into a git repository), whose output must not depend on the number
// of threads.

#include "../repo/repo_test_support.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/runner.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

using namespace tacit;
using namespace tacit::test;
using engine::is_selected;
using engine::Selection;

namespace {

// The broken-references example as a committed git repository in `tmp`.
std::unique_ptr<engine::Context> example_context(const TempDir& tmp, unsigned jobs = 2) {
  const auto example = std::filesystem::path(TACIT_SOURCE_DIR) / "examples" / "broken-references";
  REQUIRE(std::filesystem::is_directory(example));
  std::filesystem::copy(example, tmp.path(), std::filesystem::copy_options::recursive);
  git(tmp.path(), "init -q");
  git(tmp.path(), "add -A");
  git(tmp.path(), "commit -q -m example");
  auto snapshot = open_ok(tmp.path());
  std::vector<std::string> notes;
  auto context = engine::analyze(std::move(snapshot), engine::AnalyzeOptions{jobs}, notes);
  INFO((context ? std::string() : to_string(context.error())));
  REQUIRE(context.has_value());
  return std::move(*context);
}

// Everything a reporter shows of a finding, on one line.
std::string describe(const engine::Finding& f) {
  std::string out = f.location.path + ":" + std::to_string(f.location.line) + ":" +
                    std::to_string(f.location.column) + " " + f.rule_id + " " + f.rule_name + " " +
                    std::string(engine::to_string(f.severity)) + " " + f.message + " | " + f.subject + " | " +
                    f.hint + " | " + f.fingerprint;
  for (const auto& r : f.related)
    out += " | " + r.path + ":" + std::to_string(r.line) + ":" + std::to_string(r.column) + " " + r.note;
  return out;
}

std::vector<std::string> describe_all(const std::vector<engine::Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings)
    out.push_back(describe(f));
  return out;
}

} // namespace

TEST_CASE("is_selected: the default selection runs every rule") {
  const Selection all;
  for (const auto* id : {"CTX001", "CTX002", "TASK102", "META001"})
    CHECK(is_selected(all, id));
}

TEST_CASE("is_selected: select by id, prefix and ALL") {
  CHECK(is_selected({{"CTX002"}, {}}, "CTX002"));
  CHECK_FALSE(is_selected({{"CTX002"}, {}}, "CTX001"));
  CHECK(is_selected({{"CTX"}, {}}, "CTX001"));
  CHECK(is_selected({{"CTX"}, {}}, "CTX012"));
  CHECK_FALSE(is_selected({{"CTX"}, {}}, "TASK102"));
  CHECK(is_selected({{"TASK1"}, {}}, "TASK102"));
  CHECK(is_selected({{"CTX00"}, {}}, "CTX002"));
  CHECK_FALSE(is_selected({{"CTX01"}, {}}, "CTX002"));
  CHECK(is_selected({{"ALL"}, {}}, "CTX001"));
  CHECK(is_selected({{"ALL"}, {}}, "ARCH305"));
  // Several selectors: any of them.
  CHECK(is_selected({{"CTX001", "TASK"}, {}}, "TASK102"));
  CHECK(is_selected({{"CTX001", "TASK"}, {}}, "CTX001"));
  CHECK_FALSE(is_selected({{"CTX001", "TASK"}, {}}, "CTX002"));
  // Case does not matter for ids and prefixes.
  CHECK(is_selected({{"ctx"}, {}}, "CTX001"));
  CHECK(is_selected({{"task102"}, {}}, "TASK102"));
  // A selector longer than the id never matches.
  CHECK_FALSE(is_selected({{"CTX0011"}, {}}, "CTX001"));
}

TEST_CASE("is_selected: ignore wins over select") {
  CHECK_FALSE(is_selected({{}, {"CTX002"}}, "CTX002"));
  CHECK(is_selected({{}, {"CTX002"}}, "CTX001"));
  CHECK_FALSE(is_selected({{}, {"CTX"}}, "CTX001"));
  CHECK(is_selected({{}, {"CTX"}}, "TASK102"));
  CHECK_FALSE(is_selected({{"CTX"}, {"CTX002"}}, "CTX002"));
  CHECK(is_selected({{"CTX"}, {"CTX002"}}, "CTX001"));
  CHECK_FALSE(is_selected({{"CTX002"}, {"CTX"}}, "CTX002"));
  CHECK_FALSE(is_selected({{"ALL"}, {"ALL"}}, "CTX001"));
  CHECK_FALSE(is_selected({{}, {"ALL"}}, "TASK102"));
  CHECK_FALSE(is_selected({{"ALL"}, {"TASK"}}, "TASK102"));
  CHECK(is_selected({{"ALL"}, {"TASK"}}, "CTX001"));
}

TEST_CASE("is_selected: `all` in lower case, like every other selector") {
  // Regression (was latent: the CLI upper-cases selectors): is_known_selector() accepts "all" in any case and
  // selector_matches() ignores case, but is_selected() compares with "ALL" exactly, so {"all"} selects
  // nothing.
  CHECK(catalog::builtin().is_known_selector("all"));
  CHECK(is_selected({{"all"}, {}}, "CTX001"));
  CHECK_FALSE(is_selected({{}, {"all"}}, "CTX001"));
}

TEST_CASE("catalog: the built-in rules, selectors and lookup") {
  const auto& rules = catalog::builtin();
  REQUIRE_FALSE(rules.rules().empty());
  std::string previous;
  for (const auto* rule : rules.rules()) {
    CHECK(std::string(rule->meta().id) > previous);
    previous = std::string(rule->meta().id);
    CHECK(rules.find(rule->meta().id) == rule);
    CHECK(rules.is_known_selector(rule->meta().id));
  }
  CHECK(rules.metas().size() == rules.rules().size());
  CHECK(rules.find("ctx002") == rules.find("CTX002"));
  CHECK(rules.find("NOPE999") == nullptr);
  CHECK(rules.is_known_selector("CTX"));
  CHECK(rules.is_known_selector("ALL"));
  CHECK_FALSE(rules.is_known_selector(""));
  CHECK_FALSE(rules.is_known_selector("XYZ"));
  CHECK(rules.matches_any("TASK1"));
  CHECK_FALSE(rules.matches_any("ALL"));
  CHECK(engine::selector_matches("CTX", "CTX001"));
  CHECK_FALSE(engine::selector_matches("CTX0011", "CTX001"));
}

TEST_CASE("catalog: every C++ rule of src/rules/ registers itself") {
  // The rule files that define a rule class, against the C++ rules the catalogue holds: a file that defines
  // one without a TACIT_RULE line fails the build already (cmake/RuleList.cmake); this checks the other way.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TACIT_SOURCE_DIR "/src/rules")) {
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.find("\nTACIT_RULE(") != std::string::npos)
      ++files;
  }
  std::size_t cpp = 0;
  for (const auto* rule : catalog::builtin().rules())
    if (!dynamic_cast<const declarative::DeclarativeRule*>(rule))
      ++cpp;
  CHECK(files > 0);
  CHECK(cpp == files);
}

TEST_CASE("run_rules: the same output for 1, 2 and 8 threads") {
  TempDir tmp;
  const auto context = example_context(tmp);
  const auto one = engine::run_rules(*context, catalog::builtin().rules(), {}, 1);
  REQUIRE_FALSE(one.empty());
  const auto expected = describe_all(one);
  for (unsigned jobs : {2u, 8u, 64u, 0u}) {
    INFO("jobs " << jobs);
    for (int round = 0; round < 5; ++round)
      CHECK(describe_all(engine::run_rules(*context, catalog::builtin().rules(), {}, jobs)) == expected);
  }

  // The findings are sorted, fingerprinted and distinct.
  auto sorted = one;
  engine::sort_findings(sorted);
  CHECK(describe_all(sorted) == expected);
  std::set<std::string> fingerprints;
  for (const auto& f : one) {
    CHECK(f.fingerprint.size() == 16);
    fingerprints.insert(f.fingerprint);
  }
  CHECK(fingerprints.size() == one.size());

  // The example's broken references are found where the golden test expects them.
  // The missing import is CTX011's, not also CTX002's.
  std::vector<std::string> ctx002;
  std::vector<std::string> ctx011;
  for (const auto& f : one)
    if (f.rule_id == "CTX002" || f.rule_id == "CTX011")
      (f.rule_id == "CTX002" ? ctx002 : ctx011)
          .push_back(f.location.path + ":" + std::to_string(f.location.line) + ":" +
                     std::to_string(f.location.column) + " " + f.subject);
  CHECK(ctx002 == std::vector<std::string>{"AGENTS.md:14:24 src/render/canvas.ts",
                                           "AGENTS.md:17:65 docs/setup.md",
                                           "README.md:6:20 CONTRIBUTING.md"});
  CHECK(ctx011 == std::vector<std::string>{"CLAUDE.md:2:1 missing:docs/claude-notes.md"});
}

TEST_CASE("run_rules: the context is the same whatever analyze's thread count") {
  TempDir one_thread;
  TempDir many_threads;
  const auto a = example_context(one_thread, 1);
  const auto b = example_context(many_threads, 8);
  const auto& rules = catalog::builtin().rules();
  CHECK(describe_all(engine::run_rules(*a, rules, {}, 1)) ==
        describe_all(engine::run_rules(*b, rules, {}, 8)));
  REQUIRE(a->documents().size() == b->documents().size());
  for (std::size_t i = 0; i < a->documents().size(); ++i)
    CHECK(a->documents()[i].path == b->documents()[i].path);
  CHECK(a->knowledge().commands().size() == b->knowledge().commands().size());
  CHECK(a->knowledge().paths().size() == b->knowledge().paths().size());
}

TEST_CASE("run_rules: the selection decides which rules report") {
  TempDir tmp;
  const auto context = example_context(tmp);
  const auto only_ctx002 = engine::run_rules(*context, catalog::builtin().rules(), {{"CTX002"}, {}}, 4);
  REQUIRE_FALSE(only_ctx002.empty());
  for (const auto& f : only_ctx002)
    CHECK(f.rule_id == "CTX002");

  const auto without_ctx002 = engine::run_rules(*context, catalog::builtin().rules(), {{}, {"CTX002"}}, 4);
  for (const auto& f : without_ctx002)
    CHECK(f.rule_id != "CTX002");

  CHECK(engine::run_rules(*context, catalog::builtin().rules(), {{}, {"ALL"}}, 4).empty());
  CHECK(engine::run_rules(*context, catalog::builtin().rules(), {{"NOPE"}, {}}, 4).empty());

  // Fingerprints do not depend on which other rules ran.
  const auto all = engine::run_rules(*context, catalog::builtin().rules(), {}, 4);
  std::set<std::string> all_fingerprints;
  for (const auto& f : all)
    all_fingerprints.insert(f.fingerprint);
  for (const auto& f : only_ctx002)
    CHECK(all_fingerprints.contains(f.fingerprint));
}

TEST_CASE("run_rules: the rules that do not apply say why, whatever the thread count") {
  TempDir tmp;
  const auto context = example_context(tmp);
  const auto& rules = catalog::builtin().rules();
  engine::NotApplicable one;
  const auto findings = engine::run_rules(*context, rules, {{"ALL"}, {}}, 1, &one);
  // The broken-references example has no CI, no release, one commit and no decision record: C++ rules
  // (Emitter::not_applicable) and YAML rules (`applies:`) say so.
  CHECK(one.at("TASK104") == "no CI run step found");
  CHECK(one.at("TASK108") == "no release mechanism found");
  CHECK(one.at("TASK107") == "1 commit in reach, below min-commits (20)");
  CHECK(one.at("ARCH303") == "no decision record");
  CHECK(one.at("ARCH302").ends_with("source files, below min-source-files (200)"));
  // A rule that applied is not listed, whether it found something or not.
  CHECK_FALSE(one.contains("CTX002"));
  CHECK_FALSE(one.contains("CTX012"));
  for (unsigned jobs : {2u, 8u}) {
    engine::NotApplicable many;
    (void)engine::run_rules(*context, rules, {{"ALL"}, {}}, jobs, &many);
    CHECK(many == one);
  }
  // Only selected rules are listed.
  engine::NotApplicable selected;
  (void)engine::run_rules(*context, rules, {{"TASK108"}, {}}, 2, &selected);
  CHECK(selected.size() == 1);
  // The statuses: fail where findings are, n/a with the reason, else pass.
  std::vector<const engine::RuleMeta*> metas(catalog::builtin().metas().begin(),
                                             catalog::builtin().metas().end());
  for (const auto& status : engine::rule_statuses(metas, one, findings)) {
    const bool found = std::any_of(findings.begin(), findings.end(),
                                   [&](const auto& f) { return f.rule_id == status.rule->id; });
    CHECK(status.state == (found                           ? engine::RuleState::fail
                           : one.contains(status.rule->id) ? engine::RuleState::not_applicable
                                                           : engine::RuleState::pass));
  }
}
