// Tests for engine/finding: severities, the order of findings, the Emitter, and fingerprints
// (hash(rule, path, subject, n)), which baselines store and which must survive lines moving.

#include <tacit/engine/finding.hpp>
#include <tacit/engine/rule.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace tacit::engine;

namespace {

Finding make(std::string rule, std::string path, int line, int column, std::string subject = {},
             std::string message = "m") {
  Finding finding;
  finding.rule_id = std::move(rule);
  finding.location = Location{std::move(path), line, column, {}};
  finding.subject = std::move(subject);
  finding.message = std::move(message);
  return finding;
}

std::vector<std::string> order(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings)
    out.push_back(f.location.path + ":" + std::to_string(f.location.line) + ":" +
                  std::to_string(f.location.column) + " " + f.rule_id + " " + f.subject + " " + f.message);
  return out;
}

std::vector<std::string> fingerprints(std::vector<Finding> findings) {
  sort_findings(findings);
  assign_fingerprints(findings);
  std::vector<std::string> out;
  for (const auto& f : findings)
    out.push_back(f.fingerprint);
  return out;
}

constexpr RuleMeta k_meta{"TEST001", "test-rule", "TEST", Severity::info, "fires in tests", {}};

} // namespace

TEST_CASE("Severity: names, parsing and order") {
  CHECK(to_string(Severity::info) == "info");
  CHECK(to_string(Severity::warning) == "warning");
  CHECK(to_string(Severity::error) == "error");
  CHECK(parse_severity("info") == Severity::info);
  CHECK(parse_severity("warning") == Severity::warning);
  CHECK(parse_severity("error") == Severity::error);
  CHECK(parse_severity("ERROR") == Severity::error);  // any case
  CHECK(parse_severity("warn") == Severity::warning); // eslint's spelling
  CHECK(parse_severity("Warn") == Severity::warning);
  CHECK(parse_severity("warnings") == std::nullopt);
  CHECK(parse_severity("") == std::nullopt);
  CHECK(parse_severity("never") == std::nullopt);
  CHECK(Severity::info < Severity::warning);
  CHECK(Severity::warning < Severity::error);
  for (auto severity : {Severity::info, Severity::warning, Severity::error})
    CHECK(parse_severity(to_string(severity)) == severity);
}

TEST_CASE("sort_findings: path, line, column, rule, subject, message") {
  std::vector<Finding> findings{
      make("CTX002", "b.md", 1, 1),
      make("CTX002", "a.md", 10, 1),
      make("CTX002", "a.md", 2, 5),
      make("CTX002", "a.md", 2, 1),
      make("CTX001", "a.md", 2, 1),
      make("CTX002", "a.md", 2, 1, "z"),
      make("CTX002", "a.md", 2, 1, "y", "b"),
      make("CTX002", "a.md", 2, 1, "y", "a"),
      make("CTX001", "", 0, 0),
      make("CTX002", "A.md", 1, 1),
  };
  sort_findings(findings);
  CHECK(order(findings) == std::vector<std::string>{
                               ":0:0 CTX001  m",
                               "A.md:1:1 CTX002  m",
                               "a.md:2:1 CTX001  m",
                               "a.md:2:1 CTX002  m",
                               "a.md:2:1 CTX002 y a",
                               "a.md:2:1 CTX002 y b",
                               "a.md:2:1 CTX002 z m",
                               "a.md:2:5 CTX002  m",
                               "a.md:10:1 CTX002  m",
                               "b.md:1:1 CTX002  m",
                           });
}

TEST_CASE("sort_findings: stable, and the same whatever the input order") {
  std::vector<Finding> findings;
  for (int i = 0; i < 50; ++i)
    findings.push_back(make(i % 3 ? "CTX002" : "TASK102", "f" + std::to_string(i % 7) + ".md", i % 5, i % 2,
                            "s" + std::to_string(i % 4)));
  auto reversed = findings;
  std::reverse(reversed.begin(), reversed.end());
  sort_findings(findings);
  sort_findings(reversed);
  CHECK(order(findings) == order(reversed));
  // Sorting sorted findings changes nothing.
  auto again = findings;
  sort_findings(again);
  CHECK(order(again) == order(findings));

  std::vector<Finding> empty;
  sort_findings(empty);
  CHECK(empty.empty());
}

TEST_CASE("assign_fingerprints: a pinned value, 16 lowercase hex digits") {
  // FNV-1a 64 of "CTX002\x1fREADME.md\x1fdocs/x.md\x1f0". Baselines store these; they must never change.
  std::vector<Finding> findings{make("CTX002", "README.md", 3, 7, "docs/x.md")};
  assign_fingerprints(findings);
  CHECK(findings[0].fingerprint == "872581526c70d929");

  std::vector<Finding> root{make("CTX001", "", 0, 0)};
  assign_fingerprints(root);
  CHECK(root[0].fingerprint == "2bf58505147f33c4");
  for (char c : root[0].fingerprint)
    CHECK(((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')));
}

TEST_CASE("assign_fingerprints: same rule, path and subject get distinct fingerprints, numbered in order") {
  std::vector<Finding> findings{make("CTX002", "README.md", 3, 7, "docs/x.md"),
                                make("CTX002", "README.md", 9, 1, "docs/x.md"),
                                make("CTX002", "README.md", 12, 1, "docs/x.md")};
  assign_fingerprints(findings);
  CHECK(findings[0].fingerprint == "872581526c70d929");
  CHECK(findings[1].fingerprint == "872580526c70d776");
  CHECK(std::set<std::string>{findings[0].fingerprint, findings[1].fingerprint, findings[2].fingerprint}
            .size() == 3);
}

TEST_CASE("assign_fingerprints: independent of lines, columns, message, hint and severity") {
  auto a = make("CTX002", "README.md", 3, 7, "docs/x.md", "one message");
  auto b = make("CTX002", "README.md", 300, 1, "docs/x.md", "another message");
  b.hint = "a hint";
  b.severity = Severity::error;
  b.related.push_back(Location{"other.md", 1, 1, "evidence"});
  CHECK(fingerprints({a}) == fingerprints({b}));

  // Two findings that both move down keep their fingerprints, in order.
  const auto before =
      fingerprints({make("CTX002", "AGENTS.md", 10, 1, "x"), make("CTX002", "AGENTS.md", 20, 1, "x")});
  const auto after =
      fingerprints({make("CTX002", "AGENTS.md", 15, 3, "x"), make("CTX002", "AGENTS.md", 25, 3, "x")});
  CHECK(before == after);
}

TEST_CASE("assign_fingerprints: rule, path and subject each change the fingerprint") {
  const auto base = fingerprints({make("CTX002", "README.md", 1, 1, "docs/x.md")});
  CHECK(base != fingerprints({make("CTX003", "README.md", 1, 1, "docs/x.md")}));
  CHECK(base != fingerprints({make("CTX002", "AGENTS.md", 1, 1, "docs/x.md")}));
  CHECK(base != fingerprints({make("CTX002", "README.md", 1, 1, "docs/y.md")}));
  CHECK(base != fingerprints({make("CTX002", "README.md", 1, 1, "")}));
  // The separator keeps fields apart: moving a character between fields changes the hash.
  CHECK(fingerprints({make("CTX002", "ab", 1, 1, "c")}) != fingerprints({make("CTX002", "a", 1, 1, "bc")}));
}

TEST_CASE("assign_fingerprints: counters are per (rule, path, subject) and deterministic") {
  std::vector<Finding> findings{make("CTX002", "a.md", 1, 1, "x"), make("CTX002", "a.md", 2, 1, "y"),
                                make("CTX002", "a.md", 3, 1, "x"), make("CTX002", "b.md", 1, 1, "x"),
                                make("TASK102", "a.md", 4, 1, "x")};
  auto copy = findings;
  assign_fingerprints(findings);
  assign_fingerprints(copy);
  std::set<std::string> distinct;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    CHECK(findings[i].fingerprint == copy[i].fingerprint);
    CHECK(findings[i].fingerprint.size() == 16);
    distinct.insert(findings[i].fingerprint);
  }
  CHECK(distinct.size() == findings.size());
  // The first "x" in b.md is n=0, like the first in a.md, but the path differs.
  CHECK(findings[0].fingerprint == fingerprints({make("CTX002", "a.md", 99, 1, "x")})[0]);
  CHECK(findings[3].fingerprint == fingerprints({make("CTX002", "b.md", 99, 1, "x")})[0]);
  // Calling it twice gives the same result (the counters start afresh).
  auto twice = findings;
  assign_fingerprints(twice);
  for (std::size_t i = 0; i < findings.size(); ++i)
    CHECK(twice[i].fingerprint == findings[i].fingerprint);
}

TEST_CASE("Emitter: stamps the rule's id, name and severity") {
  Emitter emitter(k_meta);
  auto& finding = emitter.emit("something is missing", Location{"README.md", 4, 2, {}}, "subject");
  finding.hint = "write it down";
  emitter.emit("no subject", Location{});
  REQUIRE(emitter.findings().size() == 2);
  const auto& first = emitter.findings()[0];
  CHECK(first.rule_id == "TEST001");
  CHECK(first.rule_name == "test-rule");
  CHECK(first.severity == Severity::info);
  CHECK(first.message == "something is missing");
  CHECK(first.location.path == "README.md");
  CHECK(first.location.line == 4);
  CHECK(first.location.column == 2);
  CHECK(first.subject == "subject");
  CHECK(first.hint == "write it down");
  CHECK(first.fingerprint.empty());
  CHECK(emitter.findings()[1].subject.empty());
  CHECK(emitter.findings()[1].location.path.empty());
}
