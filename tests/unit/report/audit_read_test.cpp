// `tacit audit merge` reads the json-lines objects back (src/report/audit_read.cpp): what it reads renders
// as what was written, every bad line is an error at its file:line:column, and blank lines are skipped.

#include <tacit/report/audit.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit;

namespace {

// A scored repository with every part the reports show: pillars, rules of each status, findings with
// evidence, what is present, a trend with an error point and a note.
audit::Repository sample_repository() {
  audit::Repository row;
  row.name = "org/api";
  row.root = "/src/org/api";
  row.score.score = 72;
  row.score.level = 3;
  row.score.next_gate = "level 4 (Standardised) needs score 75 (is 72)";
  for (const auto pillar : audit::k_pillars) {
    audit::PillarScore p;
    p.name = pillar;
    if (pillar == "CTX") {
      p.score = 80;
      p.earned = 8;
      p.possible = 10;
      p.passed = 4;
      p.failed = 1;
      p.not_applicable = 2;
    }
    row.score.pillars.push_back(p);
  }
  row.score.rules.push_back({"CTX002", "broken-path-reference", "CTX", engine::Severity::error,
                             engine::RuleState::fail, "", 1, 3, 0});
  row.score.rules.push_back({"ARCH302", "decision-records-missing", "ARCH", engine::Severity::info,
                             engine::RuleState::not_applicable, "12 source files, below min (200)", 0, 0, 0});
  row.score.rules.push_back(
      {"META001", "unused-suppression", "", engine::Severity::warning, engine::RuleState::pass, "", 0, 0, 0});
  engine::Finding finding;
  finding.rule_id = "CTX002";
  finding.rule_name = "broken-path-reference";
  finding.severity = engine::Severity::error;
  finding.message = "AGENTS.md names 'docs/x.md', which does not exist \"quoted\" \xc3\xa9";
  finding.location = {"AGENTS.md", 4, 7, ""};
  finding.related.push_back({"docs", 0, 0, "the folder"});
  finding.subject = "docs/x.md";
  finding.hint = "fix the path";
  finding.fingerprint = "abc123";
  row.findings.push_back(finding);
  row.present.root_context_files = {"AGENTS.md"};
  row.present.context_files = {"AGENTS.md", "src/AGENTS.md"};
  row.present.commands.push_back({"test", "ctest --test-dir build", "AGENTS.md", 12});
  row.present.decision_logs = {"docs/adr"};
  row.present.decision_records = 4;
  row.history = true;
  row.trend.push_back({"1111111111111111111111111111111111111111", "2025-03-01", 40, 1, ""});
  row.trend.push_back(
      {"2222222222222222222222222222222222222222", "2025-09-01", 0, 1, ".tacit.yaml:3:1: bad"});
  row.trend_note = "2 of the 4 earlier commits asked for: the history starts at 2025-02-01";
  return row;
}

std::vector<Error> read(std::string_view text, std::vector<report::AuditLine>& out) {
  return report::read_audit_json_lines(text, "shard.jsonl", out);
}

} // namespace

TEST_CASE("audit merge: every format renders what was read as what was written") {
  std::vector<audit::Repository> rows{sample_repository()};
  audit::Repository error_row;
  error_row.name = "org/broken";
  error_row.error = "org/broken: not a git repository";
  rows.push_back(error_row);
  rows.push_back(sample_repository());
  rows.back().name = "org/no-history";
  rows.back().history = false;
  rows.back().trend.clear();
  rows.back().trend_note.clear();
  const auto written = report::render_audit(report::AuditFormat::json_lines, rows);
  std::vector<report::AuditLine> lines;
  const auto errors = read("\n" + written + "\n\n", lines);
  REQUIRE(errors.empty());
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].line == 2);
  CHECK(lines[1].line == 3);
  std::vector<audit::Repository> back;
  for (const auto& line : lines)
    back.push_back(line.repository);
  for (const auto format : {report::AuditFormat::text, report::AuditFormat::json_lines,
                            report::AuditFormat::markdown, report::AuditFormat::html}) {
    INFO("format " << static_cast<int>(format));
    CHECK(report::render_audit(format, back) == report::render_audit(format, rows));
  }
}

TEST_CASE("audit merge: a bad line is an error at its file:line:column, the good lines are kept") {
  const auto good = report::render_audit(report::AuditFormat::json_lines,
                                         std::vector<audit::Repository>{sample_repository()});
  std::vector<report::AuditLine> lines;
  const std::string text =
      good + "{\"schema_version\": 1,\n" + "[1, 2]\n" +
      "{\"schema_version\": 2, \"repository\": \"x\", \"error\": null}\n" + "{\"repository\": \"x\"}\n" +
      "{\"schema_version\": 1, \"repository\": \"y\", \"error\": null, \"root\": \"/y\", \"score\": 101}\n" +
      "{\"schema_version\": 1, \"repository\": 7, \"error\": \"e\"}\n";
  const auto errors = read(text, lines);
  REQUIRE(lines.size() == 1);
  REQUIRE(errors.size() == 6);
  for (const auto& error : errors)
    CHECK(error.path == "shard.jsonl");
  CHECK(errors[0].line == 2);
  CHECK(errors[1].line == 3);
  CHECK(errors[1].message.find("one JSON object") != std::string::npos);
  CHECK(errors[2].line == 4);
  CHECK(errors[2].column == 20);
  CHECK(errors[2].message == "schema version 2 is not supported: this tacit reads version 1");
  CHECK(errors[3].message.find("'schema_version' is missing") != std::string::npos);
  CHECK(errors[4].line == 6);
  CHECK(errors[4].message == "'score' must be a whole number from 0 to 100, not 101");
  CHECK(errors[5].message == "'repository' must be a string, not a number");
}

TEST_CASE("audit merge: a line without finding_list (an older tacit) says to audit again") {
  auto line = report::render_audit(report::AuditFormat::json_lines,
                                   std::vector<audit::Repository>{sample_repository()});
  const auto at = line.find(", \"finding_list\"");
  REQUIRE(at != std::string::npos);
  line = line.substr(0, at) + "}\n";
  std::vector<report::AuditLine> lines;
  const auto errors = read(line, lines);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("written by an older tacit") != std::string::npos);
}
