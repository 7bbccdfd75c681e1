// ARCH303 decision-record-incomplete: a decision record lacks its status, context, decision or consequences.

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "ARCH303",
    .name = "decision-record-incomplete",
    .category = "ARCH",
    .severity = engine::Severity::warning,
    .summary = "a decision record lacks its status, context, decision or consequences",
    .docs = {
        .what_it_does =
            "Reads every decision record (Markdown, reStructuredText or AsciiDoc files in docs/adr, doc/adr, "
            "docs/decisions, docs/architecture/decisions, adr/ and other folders named adr or decisions, and "
            "`ADR-*.md` files) and checks that it has a status, a context, a decision and consequences. "
            "Nygard "
            "headings (`## Status`, `## Context`, `## Decision`, `## Consequences`), MADR names (front "
            "matter "
            "`status:`, `* Status:` lines, \"Context and Problem Statement\", \"Decision Outcome\", `### "
            "Consequences` or `Good, because` lines) and common synonyms (Background, Problem, Proposal, "
            "Implications, Trade-offs...) count; a heading with nothing under it does not. When the folder "
            "has a "
            "record template (template.md, 0000-template.md, adr-template.md), a part that the template "
            "leaves "
            "out or marks optional is not required; without one, a MADR record needs only its context and "
            "decision (MADR makes status and consequences optional). The template and the folder's index "
            "(README.md, index.md) are not records, nor is a copy of a template (placeholders such as "
            "`YYYY-MM-DD` or `{title}`, or a file under templates/, assets/ or an agent's skill folder). A "
            "record that no longer holds (its status says superseded, deprecated or rejected) is history and "
            "is not held to completeness, nor is a record without section headings whose paragraphs give the "
            "context and state the decision (\"We will use ...\"). One finding per record, naming every "
            "missing part.",
        .why_it_matters = "An agent reads a decision record to learn what it must not undo. Without a status "
                          "it cannot tell a "
                          "decision in force from a proposal or a superseded one; without the context or the "
                          "consequences it "
                          "cannot tell whether the decision covers the change in front of it.",
        .example = "docs/adr/0002-use-postgres.md has Status, Context and Decision but no consequences:\n\n"
                   "```\ndocs/adr/0002-use-postgres.md:1:1: ARCH303 decision record 'Use PostgreSQL' lacks "
                   "consequences\n```",
        .how_to_fix =
            "Add the missing sections to the record: `## Status` (Proposed, Accepted, Superseded by "
            "...), `## Context` (the forces at play), `## Decision` (what was decided) and `## "
            "Consequences` (what becomes easier or harder).",
    }};

struct Missing {
  std::vector<std::string> names;
  std::vector<std::string> sections;
};

class DecisionRecordIncomplete final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (context.facts().decision_records.empty())
      return out.not_applicable("no decision record");
    const auto& facts = context.facts();
    for (const auto& record : facts.decision_records) {
      const facts::DecisionLog* log = nullptr;
      for (const auto& candidate : facts.decision_logs)
        if (candidate.dir == record.log)
          log = &candidate;
      const bool templated = log && !log->template_path.empty();
      const bool madr = record.layout == "madr";
      // A record that no longer holds (superseded, deprecated, rejected) is history, not held to
      // completeness; nor is one whose paragraphs give the context and state the decision without headings.
      const auto status = util::to_lower(record.status);
      if (record.prose_only || util::contains(status, "supersede") || util::contains(status, "deprecate") ||
          util::contains(status, "rejected") || util::contains(status, "obsolete") ||
          util::contains(status, "withdrawn") || util::contains(status, "abandoned"))
        continue;
      Missing missing;
      const auto need = [&](bool has, bool required, std::string_view name, std::string_view section) {
        if (!has && required) {
          missing.names.emplace_back(name);
          missing.sections.emplace_back(section);
        }
      };
      need(record.has_status, templated ? log->template_status : !madr, "status",
           madr ? "`status:` in the front matter (accepted, superseded by ...)"
                : "`## Status` (Proposed, Accepted, Superseded by ...)");
      need(record.has_context, templated ? log->template_context : true, "context",
           madr ? "`## Context and Problem Statement` (the forces at play)"
                : "`## Context` (the forces at play)");
      need(record.has_decision, templated ? log->template_decision : true, "decision",
           madr ? "`## Decision Outcome` (what was decided)" : "`## Decision` (what was decided)");
      need(record.has_consequences, templated ? log->template_consequences : !madr, "consequences",
           madr ? "`### Consequences` (what becomes easier or harder)"
                : "`## Consequences` (what becomes easier or harder)");
      if (missing.names.empty())
        continue;
      const auto title = record.title.empty() ? record.path : record.title;
      auto& finding = out.emit(fmt::format("decision record '{}' lacks {}", title, join_and(missing.names)),
                               engine::Location{record.path, 1, 1, {}}, record.path);
      finding.hint = fmt::format("add {} to {}", join_and(missing.sections), record.path);
      if (templated)
        finding.related.push_back(engine::Location{log->template_path, 1, 1, "the folder's record template"});
    }
  }

private:
  static std::string join_and(const std::vector<std::string>& parts) {
    if (parts.size() <= 1)
      return parts.empty() ? std::string() : parts.front();
    std::vector<std::string> head(parts.begin(), parts.end() - 1);
    return fmt::format("{} and {}", util::join(head, ", "), parts.back());
  }
};

} // namespace

TACIT_RULE(DecisionRecordIncomplete)

} // namespace tacit::rules
