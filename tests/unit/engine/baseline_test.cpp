// Tests for the baseline (engine/baseline): the file's strict parser with located errors, its stable
// rendering, absorbing findings by (rule, path, subject) with counts, stale entries, pruning, and the
// fingerprint filter of --since.

#include <tacit/engine/baseline.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using tacit::engine::Baseline;
using tacit::engine::Finding;
using tacit::engine::parse_baseline;

namespace {

Finding finding(std::string rule, std::string path, std::string subject, int line = 1) {
  Finding f;
  f.rule_id = std::move(rule);
  f.location.path = std::move(path);
  f.location.line = line;
  f.subject = std::move(subject);
  return f;
}

tacit::Error baseline_error(std::string_view text) {
  auto baseline = parse_baseline(text, "b.json");
  INFO(text);
  REQUIRE_FALSE(baseline.has_value());
  CHECK(baseline.error().code == tacit::ErrorCode::config);
  CHECK(baseline.error().path == "b.json");
  return baseline.error();
}

bool contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("baseline: render and parse round trip, sorted and stable") {
  std::vector<Finding> findings{finding("TASK104", "ci.yml", "make lint"), finding("CTX001", "README.md", ""),
                                finding("CTX003", "README.md", "make \"x\""),
                                finding("CTX003", "README.md", "make \"x\"", 9)};
  const Baseline baseline = tacit::engine::make_baseline(findings);
  REQUIRE(baseline.entries.size() == 3);
  CHECK(baseline.total() == 4);
  const auto text = tacit::engine::render_baseline(baseline);
  CHECK(
      text ==
      "{\n  \"version\": 1,\n  \"findings\": [\n"
      "    {\"rule\": \"CTX001\", \"path\": \"README.md\", \"subject\": \"\", \"count\": 1},\n"
      "    {\"rule\": \"CTX003\", \"path\": \"README.md\", \"subject\": \"make \\\"x\\\"\", \"count\": 2},\n"
      "    {\"rule\": \"TASK104\", \"path\": \"ci.yml\", \"subject\": \"make lint\", \"count\": 1}\n  "
      "]\n}\n");
  auto parsed = parse_baseline(text, "b.json");
  REQUIRE(parsed.has_value());
  CHECK(tacit::engine::render_baseline(*parsed) == text);
  CHECK(parsed->entries[1].line == 5);
  CHECK(tacit::engine::render_baseline(Baseline{}) == "{\n  \"version\": 1,\n  \"findings\": []\n}\n");
}

TEST_CASE("baseline: the first `count` findings of a key are absorbed, what is left over is stale") {
  auto parsed = parse_baseline(R"({"version": 1, "findings": [
    {"rule": "CTX003", "path": "README.md", "subject": "make x", "count": 2},
    {"rule": "CTX001", "path": "README.md", "subject": "", "count": 1},
    {"rule": "CTX002", "path": "gone.md", "subject": "a", "count": 1}]})",
                               "b.json");
  REQUIRE(parsed.has_value());
  std::vector<Finding> findings{finding("CTX003", "README.md", "make x", 3),
                                finding("CTX003", "README.md", "make x", 7),
                                finding("CTX003", "README.md", "make x", 9),
                                finding("CTX001", "README.md", ""), finding("CTX001", "AGENTS.md", "")};
  const auto result = tacit::engine::apply_baseline(*parsed, findings);
  CHECK(result.absorbed == 3);
  REQUIRE(result.findings.size() == 2);
  CHECK(result.findings[0].location.line == 9);
  CHECK(result.findings[1].location.path == "AGENTS.md");
  REQUIRE(result.stale.size() == 1);
  CHECK(result.stale[0].rule == "CTX002");

  // Fewer occurrences than recorded: the rest of the count is stale, and pruning lowers the count.
  const std::vector<Finding> fewer{finding("CTX003", "README.md", "make x")};
  const auto partial = tacit::engine::apply_baseline(*parsed, fewer);
  CHECK(partial.stale.size() == 3);
  std::vector<tacit::engine::BaselineEntry> removed;
  const auto pruned = tacit::engine::prune_baseline(*parsed, fewer, removed);
  REQUIRE(pruned.entries.size() == 1);
  CHECK(pruned.entries[0].count == 1);
  CHECK(removed.size() == 3);
  // Pruning never adds: the new AGENTS.md finding is not recorded.
  removed.clear();
  CHECK(tacit::engine::prune_baseline(*parsed, findings, removed).total() == 3);
}

TEST_CASE("baseline: keys carry invalid UTF-8 as U+FFFD and still match") {
  const std::vector<Finding> findings{finding("CTX002", "bad\xff.md", "x\xfe")};
  auto parsed =
      parse_baseline(tacit::engine::render_baseline(tacit::engine::make_baseline(findings)), "b.json");
  REQUIRE(parsed.has_value());
  CHECK(tacit::engine::apply_baseline(*parsed, findings).absorbed == 1);
}

TEST_CASE("baseline: malformed files give located errors") {
  auto error = baseline_error("{\"version\": 1, \"findings\": [");
  CHECK(contains(error.message, "not a valid baseline file"));
  CHECK(baseline_error("[]").message == "a baseline file is a JSON object, not an array");
  error = baseline_error("{\"version\": 1, \"findings\": [], \"extra\": 1}");
  CHECK(error.column == 32);
  CHECK(contains(error.message, "unknown key \"extra\""));
  CHECK(contains(baseline_error("{\"findings\": []}").message, "needs \"version\""));
  CHECK(contains(baseline_error("{\"version\": 2, \"findings\": []}").message,
                 "unsupported baseline version 2"));
  CHECK(contains(baseline_error("{\"version\": \"1\", \"findings\": []}").message, "(not a number)"));
  CHECK(contains(baseline_error("{\"version\": 1}").message, "needs \"findings\""));
  CHECK(contains(baseline_error("{\"version\": 1, \"findings\": {}}").message,
                 "must be an array, not an object"));
  error = baseline_error("{\"version\": 1, \"findings\": [\n  \"CTX001\"]}");
  CHECK(error.line == 2);
  CHECK(error.column == 3);
  CHECK(contains(error.message, "must be an object, not a string"));
  const std::string entry =
      "{\"version\": 1, \"findings\": [{\"rule\": \"A\", \"path\": \"p\", \"subject\": \"s\", ";
  CHECK(contains(baseline_error(entry + "\"count\": 0}]}").message, "at least 1"));
  CHECK(contains(baseline_error(entry + "\"count\": 1.5}]}").message, "whole number"));
  CHECK(contains(baseline_error(entry + "\"count\": \"1\"}]}").message, "whole number"));
  CHECK(contains(baseline_error(entry + "\"count\": 1, \"line\": 3}]}").message, "unknown key \"line\""));
  CHECK(contains(baseline_error(entry + "\"count\": 1, \"rule\": \"B\"}]}").message, "duplicate key"));
  CHECK(contains(
      baseline_error("{\"version\": 1, \"findings\": [{\"path\": \"p\", \"subject\": \"s\", \"count\": 1}]}")
          .message,
      "needs \"rule\""));
  CHECK(contains(
      baseline_error("{\"version\": 1, \"findings\": [{\"rule\": \"A\", \"path\": \"p\", \"count\": 1}]}")
          .message,
      "needs \"subject\""));
  CHECK(contains(
      baseline_error("{\"version\": 1, \"findings\": [{\"rule\": \"A\", \"subject\": \"p\", \"count\": 1}]}")
          .message,
      "needs \"path\""));
  CHECK(
      contains(baseline_error(
                   "{\"version\": 1, \"findings\": [{\"rule\": \"A\", \"path\": \"p\", \"subject\": \"s\"}]}")
                   .message,
               "needs \"count\""));
  error = baseline_error("{\"version\": 1, \"findings\": [\n" +
                         std::string(R"({"rule": "A", "path": "p", "subject": "s", "count": 1},)") + "\n" +
                         R"({"rule": "A", "path": "p", "subject": "s", "count": 2}]})");
  CHECK(error.line == 3);
  CHECK(contains(error.message, "duplicate baseline entry for A at 'p' (first at line 2)"));
}

TEST_CASE("keep_new_findings keeps what the base does not have, by fingerprint") {
  std::vector<Finding> now{finding("A", "x", "1"), finding("A", "x", "1", 5), finding("B", "y", "2")};
  tacit::engine::assign_fingerprints(now);
  std::vector<Finding> base{finding("A", "x", "1", 40)};
  tacit::engine::assign_fingerprints(base);
  const auto fresh = tacit::engine::keep_new_findings(now, base);
  REQUIRE(fresh.size() == 2);
  CHECK(fresh[0].location.line == 5); // the second occurrence of the same key is new
  CHECK(fresh[1].rule_id == "B");
}

TEST_CASE("keep_new_findings: a repository-level finding that moved with the anchor is not new") {
  std::vector<Finding> now{finding("ARCH302", "AGENTS.md", ""), finding("CTX003", "AGENTS.md", "make x", 4)};
  now[0].location.column = 1;
  std::vector<Finding> base{finding("ARCH302", "README.md", "")};
  base[0].location.column = 1;
  const tacit::engine::Location anchor{"AGENTS.md", 1, 1, {}};
  const tacit::engine::Location base_anchor{"README.md", 1, 1, {}};
  auto fresh = tacit::engine::keep_new_findings(now, base, anchor, base_anchor);
  REQUIRE(fresh.size() == 1);
  CHECK(fresh[0].rule_id == "CTX003");
  // Without the anchors, the moved finding counts as new.
  CHECK(tacit::engine::keep_new_findings(now, base).size() == 2);
}
