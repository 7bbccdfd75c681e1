#include "ci_test_support.hpp"

#include <tacit/facts/decisions.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <string>

namespace {

using tacit::test::CiRepo;

std::string parts(const tacit::facts::DecisionRecord& r) {
  return fmt::format("{}{}{}{}", r.has_status ? "S" : "-", r.has_context ? "C" : "-",
                     r.has_decision ? "D" : "-", r.has_consequences ? "Q" : "-");
}

std::string links(const tacit::facts::DecisionRecord& r) {
  std::string out;
  for (const auto& l : r.links)
    out += fmt::format("{}:{} {} {} -> {}{}\n", l.line, l.column, l.relation, l.target, l.resolved,
                       l.number >= 0 ? fmt::format("#{}", l.number) : "");
  return out;
}

constexpr const char* k_nygard = R"(# 3. Use RabbitMQ

Date: 2021-03-01

## Status

Superseded by [ADR-0007](0007-use-kafka.md)

## Context

We need a queue.

## Decision

We use RabbitMQ. See [the config](../../src/queue/config.go) and `[not](a-link.md)`.

## Consequences

Another service to run.
)";

} // namespace

TEST_CASE("decision records: Nygard layout, status, relations and links") {
  const CiRepo repo{{"docs/adr/0003-use-rabbitmq.md", k_nygard}, {"docs/adr/README.md", "# Decisions\n"}};
  const auto facts = repo.facts();
  REQUIRE(facts.decision_records.size() == 1);
  const auto& r = facts.decision_records[0];
  CHECK(r.title == "3. Use RabbitMQ");
  CHECK(r.number == 3);
  CHECK(r.log == "docs/adr");
  CHECK(r.layout == "nygard");
  CHECK(parts(r) == "SCDQ");
  CHECK(r.status == "Superseded by [ADR-0007](0007-use-kafka.md)");
  CHECK(r.status_line == 5);
  CHECK(links(r) == "7:26 superseded-by 0007-use-kafka.md -> docs/adr/0007-use-kafka.md\n"
                    "15:35 link ../../src/queue/config.go -> src/queue/config.go\n");
  REQUIRE(facts.decision_logs.size() == 1);
  CHECK(facts.decision_logs[0].index == "docs/adr/README.md");
  CHECK(facts.decision_logs[0].template_path.empty());
}

TEST_CASE("decision records: MADR front matter, synonyms and relations by number") {
  const CiRepo repo{
      {"doc/decisions/0002-use-postgres.md",
       "---\nstatus: \"superseded by ADR-0009\"\n---\n# Use Postgres\n\n"
       "## Context and Problem Statement\n\nWhich database?\n\n"
       "## Decision Outcome\n\nChosen option: Postgres.\n\n"
       "* Good, because it is boring\n"},
      {"doc/decisions/0004-cache.md",
       "# Cache\n\n* Status: accepted\n* Supersedes ADR 2\n\n"
       "## Background\n\nSlow.\n\n## Proposal\n\nRedis.\n\n## Trade-offs\n\nMemory.\n"},
      {"doc/decisions/0005-empty.md",
       "# Empty\n\n## Status\n\n## Context\n\n<!-- todo -->\n\n## Decision\n\nX.\n"},
  };
  const auto facts = repo.facts();
  REQUIRE(facts.decision_records.size() == 3);
  const auto& madr = facts.decision_records[0];
  CHECK(madr.layout == "madr");
  CHECK(parts(madr) == "SCDQ");
  CHECK(madr.status == "superseded by ADR-0009");
  CHECK(links(madr) == "2:24 superseded-by ADR-0009 -> #9\n");
  const auto& synonyms = facts.decision_records[1];
  CHECK(parts(synonyms) == "SCDQ");
  CHECK(synonyms.status == "accepted");
  CHECK(links(synonyms) == "4:14 supersedes ADR 2 -> #2\n");
  // A heading with nothing under it is not the part.
  CHECK(parts(facts.decision_records[2]) == "--D-");
}

TEST_CASE("decision records: templates and indexes are not records, a template's optional parts") {
  const CiRepo repo{
      {"docs/adr/0000-template.md",
       "# Title\n\n## Status\n\n## Context\n\n## Decision\n\n"
       "<!-- This is an optional element. Feel free to remove. -->\n## Consequences\n"},
      {"docs/adr/index.md", "# Log\n"},
      {"docs/adr/guide.md", "# How we write records\n\nSome words.\n"},
      {"docs/adr/20200924-use-lunr.md", "# Use Lunr\n\n## Context\n\nSearch.\n\n## Decision\n\nLunr.\n"},
      {"docs/references/architecture/adr-101-pull-api.md", "# ADR 101\n\n## Status\n\nAccepted\n"},
      {"ADR.md", "# not a record\n"},
  };
  const auto facts = repo.facts();
  REQUIRE(facts.decision_records.size() == 2);
  CHECK(facts.decision_records[0].path == "docs/adr/20200924-use-lunr.md");
  CHECK(facts.decision_records[0].number == -1);
  CHECK(facts.decision_records[1].number == 101);
  CHECK(facts.decision_records[1].log == "docs/references/architecture");
  REQUIRE(facts.decision_logs.size() == 2);
  const auto& log = facts.decision_logs[0];
  CHECK(log.dir == "docs/adr");
  CHECK(log.index == "docs/adr/index.md");
  CHECK(log.template_path == "docs/adr/0000-template.md");
  CHECK(log.template_status);
  CHECK(log.template_context);
  CHECK(log.template_decision);
  CHECK_FALSE(log.template_consequences);
}

TEST_CASE("decision records: record numbers") {
  CHECK(tacit::facts::record_number("0007-use-kafka.md") == 7);
  CHECK(tacit::facts::record_number("adr-007-x.md") == 7);
  CHECK(tacit::facts::record_number("ADR-12.md") == 12);
  CHECK(tacit::facts::record_number("20200924-use-lunr.md") == -1);
  CHECK(tacit::facts::record_number("3d-model.md") == -1);
  CHECK(tacit::facts::record_number("use-kafka.md") == -1);
}

TEST_CASE("decision records: other decision logs and hostile input") {
  const CiRepo repo{
      {"DECISIONS.md", "# Decisions\n"},
      {"rfcs/0001-x.md", "# RFC\n"},
      {"docs/adr/0001-binary.md", std::string("\0\0\0```\n# x\n", 11)},
      {"docs/adr/0002-unclosed.md", "# X\n\n## Status\n\n```\nAccepted\n\n## Context\n\n<!-- open\n"},
  };
  const auto facts = repo.facts();
  REQUIRE(facts.decision_docs.size() == 2);
  CHECK(facts.decision_docs[0].path == "DECISIONS.md");
  CHECK(facts.decision_docs[1].path == "rfcs/0001-x.md");
  REQUIRE(facts.decision_records.size() == 2);
  CHECK(parts(facts.decision_records[1]) == "----");
}

TEST_CASE("decision records: link scanning stays linear on hostile lines") {
  // Regression: a backtracking regex took ~0.1 s per line of 4,000 `[` (35 s for 300 such lines).
  std::string text = "# 1. X\n\n## Status\n\nAccepted\n\n## Context\n\n";
  for (int i = 0; i < 2000; ++i)
    text += std::string(3990, '[') + "\n";
  text += "## Decision\n\nSee [a](0002-b.md \"title\"), ![img](x.png) and [c]( 0003-d.md ).\n";
  const CiRepo repo{{"docs/adr/0001-x.md", text}};
  const auto start = std::chrono::steady_clock::now();
  const auto facts = repo.facts();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20)); // a blow-up guard
  REQUIRE(facts.decision_records.size() == 1);
  CHECK(links(facts.decision_records[0]) == "2011:9 link 0002-b.md -> docs/adr/0002-b.md\n"
                                            "2011:52 link 0003-d.md -> docs/adr/0003-d.md\n");
}

TEST_CASE("decision records: reference definitions, reST links and number shapes") {
  const CiRepo repo{
      {"docs/adr/0006-refs.md",
       "# 6. Refs\n\n## Status\n\nSuperseded by [the new one][n]. Supersedes: [adr-0012\n\n"
       "[n]: 0008-new.md\n[^1]: a footnote, not a link\n"},
      {"docs/adr/0007-rest.rst",
       "7. Rest\n=======\n\nSee `the old record <0003-old.rst>`_ and `not a link`.\n"
       "Supersedes adr-000, not ``code <x.rst>`_``.\n"},
  };
  const auto facts = repo.facts();
  REQUIRE(facts.decision_records.size() == 2);
  CHECK(links(facts.decision_records[0]) == "5:46 supersedes adr-0012 -> #12\n"
                                            "7:6 link 0008-new.md -> docs/adr/0008-new.md\n");
  CHECK(links(facts.decision_records[1]) == "4:22 link 0003-old.rst -> docs/adr/0003-old.rst\n"
                                            "5:12 supersedes adr-000 -> #0\n");
}
