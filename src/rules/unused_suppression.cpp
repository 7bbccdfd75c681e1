// META001 unused-suppression: an inline suppression that matches no finding. The suppression pass
// (engine/suppressions) reports it after the other rules have run; check() has nothing to do.

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "META001",
    .name = "unused-suppression",
    .category = "META",
    .severity = engine::Severity::warning,
    .summary = "an inline suppression matches no finding",
    .docs = {
        .what_it_does =
            "Reports each rule named by an inline suppression (`tacit-disable-next-line`, `tacit-disable`, "
            "`tacit-disable-file`, `tacit: ignore[...]`, `tacit: ignore-file[...]`) that silenced no finding "
            "in this run. A suppression of a rule that did not run (not selected, or ignored with "
            "`--ignore`) is not unused. The finding points at the comment. Docs and configuration files are "
            "read "
            "for suppressions everywhere; source code files only when they hold a finding, so an unused "
            "suppression in a source file with no finding at all is not reported. See "
            "docs/configuration.md#suppressions for "
            "the forms a suppression takes.",
        .why_it_matters =
            "A suppression outlives the finding it silenced: once the docs are fixed, the comment stays and "
            "will hide the next, unrelated finding of that rule on that line. Agents and reviewers read the "
            "comment as a known exception that no longer exists.",
        .example = "The broken path was fixed, the suppression above it was kept:\n\n"
                   "```markdown\n"
                   "<!-- tacit-disable-next-line CTX002 -- the guide is generated at release time -->\n"
                   "See [the guide](docs/guide.md).\n"
                   "```\n\n"
                   "```\nREADME.md:4:1: META001 suppression of CTX002 matches no finding\n"
                   "  hint: remove the comment: what it silenced is gone\n```",
        .how_to_fix =
            "Remove the comment, or the rule id that no longer matches from its list. Turn the rule off "
            "(`--ignore META001`) while a branch is being cleaned up.",
    }};

class UnusedSuppression final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }
  void check(const engine::Context&, engine::Emitter&) const override {}
};

} // namespace

TACIT_RULE(UnusedSuppression)

} // namespace tacit::rules
