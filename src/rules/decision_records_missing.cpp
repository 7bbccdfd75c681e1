// ARCH302 decision-records-missing: a large repository keeps no log of its decisions.

#include <tacit/engine/context.hpp>
#include <tacit/rules/builtin.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace tacit::rules {

namespace {

constexpr std::array<engine::RuleOption, 1> k_options{{
    {"min-source-files", "200",
     "the rule applies from this many source files (outside vendored, example, "
     "doc and fixture folders)"},
}};

constexpr engine::RuleMeta k_meta{
    .id = "ARCH302",
    .name = "decision-records-missing",
    .category = "ARCH",
    .severity = engine::Severity::info,
    .summary = "a large repository keeps no log of its decisions",
    .docs =
        {
            .what_it_does =
                "Past a size threshold (200 source files by default, counted as ARCH301 counts them), checks "
                "that the repository keeps a decision log: decision records (docs/adr, doc/adr, "
                "docs/decisions, "
                "docs/architecture/decisions, adr/, `ADR-*.md`), a DECISIONS.md or decision-log file, design "
                "docs or RFCs (docs/design/, rfcs/, proposals/, enhancements/), or a section about decisions "
                "(\"Design decisions\", \"Decision log\") in the README, ARCHITECTURE or a context file.",
            .why_it_matters = "Without the reasons behind the code, an agent \"fixes\" what was deliberate: "
                              "it replaces the "
                              "library that was chosen on purpose, undoes a trade-off, or reopens a question "
                              "the team already "
                              "settled. A decision log is where it learns what not to change.",
            .example = "A 350-file service with no docs/adr/ and no design docs:\n\n"
                       "```\nAGENTS.md:1:1: ARCH302 no decision log for 350 source files (no docs/adr/, "
                       "docs/decisions/ or design docs)\n```",
            .how_to_fix =
                "Start docs/adr/ with one short Markdown file per decision (`0001-record-architecture-"
                "decisions.md`: Status, Context, Decision, Consequences), beginning with the decisions "
                "an agent is most likely to undo, and point to the folder from the context file.",
        },
    .options = k_options,
};

bool has_decision_section(const engine::Context& context) {
  for (const auto& doc : context.documents())
    for (const auto& section : doc.sections)
      if (section.level > 0 && util::contains(util::to_lower(section.heading), "decision"))
        return true;
  return false;
}

class DecisionRecordsMissing final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& facts = context.facts();
    if (facts.source_size.source_files < out.option_int("min-source-files"))
      return;
    if (!facts.decision_records.empty() || !facts.decision_logs.empty() || !facts.decision_docs.empty() ||
        has_decision_section(context))
      return;
    auto& finding = out.emit(fmt::format("no decision log for {} source files (no docs/adr/, docs/decisions/ "
                                         "or design docs)",
                                         facts.source_size.source_files),
                             context.repository_anchor(), "decision-records");
    finding.hint = fmt::format(
        "start docs/adr/ with one Markdown file per decision (docs/adr/0001-record-architecture-decisions.md "
        "with ## Status, ## Context, ## Decision and ## Consequences) and point to it from {}",
        context.primary_context_file());
  }
};

} // namespace

std::unique_ptr<engine::Rule> make_decision_records_missing() {
  return std::make_unique<DecisionRecordsMissing>();
}

} // namespace tacit::rules
