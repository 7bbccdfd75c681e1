// META002 invalid-suppression: an inline suppression that is malformed, names an unknown rule or lacks a
// required reason. The suppression pass (engine/suppressions) reports it; check() has nothing to do.

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "META002",
    .name = "invalid-suppression",
    .category = "META",
    .severity = engine::Severity::error,
    .summary = "an inline suppression is malformed, names an unknown rule, or lacks a required reason",
    .docs = {
        .what_it_does =
            "Reports an inline suppression comment that tacit cannot apply: an unknown directive "
            "(`tacit-disable-line`), a rule list that is missing, unclosed or holds something that is not a "
            "rule id or category, an unknown rule, `ALL`, a META rule (turn those off in the configuration), "
            "a comment that does not end on its line, a `tacit-enable` with no open `tacit-disable`, and a "
            "suppression without a reason after ` -- ` while reasons are required (the default; "
            "`.tacit.yaml`: `suppressions: {require-reason: false}`). An invalid suppression does not "
            "apply: the finding it meant to silence is still reported. Comments inside Markdown code "
            "blocks and inline code are examples, not suppressions.",
        .why_it_matters =
            "A suppression that silently fails leaves a finding that its author believes is handled, and "
            "one without a reason leaves the next reader (an agent included) unable to tell a deliberate "
            "exception from a shortcut.",
        .example = "A suppression without a reason:\n\n"
                   "```yaml\n"
                   "    - run: make bench  # tacit: ignore[TASK104]\n"
                   "```\n\n"
                   "```\n.github/workflows/ci.yml:12:24: META002 invalid suppression: it gives no reason: "
                   "write why after ' -- '\n"
                   "  hint: write `# tacit: ignore[ID] -- why it is fine` at the end of the line, or "
                   "alone on the line before (see docs/configuration.md#suppressions)\n```",
        .how_to_fix = "Write the suppression in the form docs/configuration.md#suppressions gives for the "
                      "file's language, with "
                      "known rule ids and a reason after ` -- `, or remove it.",
    }};

class InvalidSuppression final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }
  void check(const engine::Context&, engine::Emitter&) const override {}
};

} // namespace

TACIT_RULE(InvalidSuppression)

} // namespace tacit::rules
