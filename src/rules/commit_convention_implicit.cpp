// TASK107 commit-convention-implicit: recent commit subjects follow a convention that no doc states.

#include "commit_convention.hpp"
#include "contribution_support.hpp"
#include "fix_support.hpp"

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>

namespace tacit::rules {

namespace {

constexpr std::array<engine::RuleOption, 3> k_options{{
    {"window", "200", "how many recent non-merge commits are read, newest first"},
    {"min-commits", "20",
     "the rule stays silent with fewer commits written by people (bots, merges and reverts left out) in the "
     "window: a young repository or a shallow clone shows no convention yet"},
    {"share", "0.7", "the share of those commits that must follow one convention"},
}};

constexpr engine::RuleMeta k_meta{
    .id = "TASK107",
    .name = "commit-convention-implicit",
    .category = "TASK",
    .severity = engine::Severity::info,
    .summary = "recent commit subjects follow a convention (Conventional Commits or `component: subject`) "
               "that no doc states",
    .docs =
        {
            .what_it_does =
                "Reads the subjects of the recent non-merge commits of the scanned commit (HEAD for the "
                "worktree and --staged) and leaves out those bots and git wrote (dependabot, renovate, "
                "`Merge ...`, `Revert \"...\"`, `fixup!`). When at least `share` of them follow one "
                "convention it looks for a doc that states it. The conventions: Conventional Commits "
                "(`type(scope)!: subject` with the standard types feat, fix, docs, style, refactor, perf, "
                "test, build, ci, chore, revert), or a `component: subject` pattern where the component is a "
                "lowercase word or path (`net/http: ...`, `docs: ...`) and at least three components are "
                "each used by two commits or more (`Fix: x` and `WIP: y` are not components). A doc states "
                "the convention when it names Conventional Commits (or commitizen), or when it talks about "
                "commit messages or pull request titles and shows the format (`feat:`, `<type>`, the words "
                "prefix/component/subsystem, or a component the history uses followed by a colon), or when "
                "it shows an example commit that follows it (`git commit -m \"feat: add x\"`). Docs "
                "read: agent context files, READMEs, CONTRIBUTING and other contribution guides, pull "
                "request templates. A commitlint or commitizen config enforces the convention but does not "
                "tell an agent what to write before its commit is rejected, so it does not count as "
                "stating it; it is cited as evidence. Silent outside git, on an unborn branch, and with "
                "fewer than `min-commits` commits in reach (shallow clones).",
            .why_it_matters =
                "Agents write commit messages and pull request titles. A convention that lives only in the "
                "history is learnt by review comments, rejected hooks or a release tool that skips commits "
                "it cannot parse.",
            .example = "A repository whose last 200 commits are almost all `feat(...)`, `fix(...)` and "
                       "`chore: ...`, with a README that never mentions commits:\n\n"
                       "```\nAGENTS.md:1:1: TASK107 recent commits follow Conventional Commits (182 of 200) "
                       "but no doc states the convention\n  hint: add a \"Commit messages\" section to "
                       "AGENTS.md: subjects follow Conventional Commits, `type(scope): summary` (types "
                       "used: feat, fix, chore), e.g. `feat(parser): accept tabs`\n```",
            .how_to_fix = "State the convention where an agent reads it first: the format, the types or "
                          "components in use, and one real example subject.",
        },
    .options = k_options,
    .fixable = true,
    .heavy = true,
};

std::string short_id(const repo::Commit& commit) {
  return commit.id.substr(0, 8);
}

class CommitConventionImplicit final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (!context.snapshot().is_git() || context.files().empty())
      return out.not_applicable("no git history");
    const auto history = context.history(static_cast<std::size_t>(out.option_int("window")));
    const auto min_commits = static_cast<std::size_t>(out.option_int("min-commits"));
    const auto convention = commits::detect(history, min_commits, out.option_number("share"));
    if (!convention)
      return out.not_applicable(history.size() < min_commits
                                    ? fmt::format("{} commit{} in reach, below min-commits ({})",
                                                  history.size(), history.size() == 1 ? "" : "s", min_commits)
                                    : std::string("recent commits follow no convention"));
    for (const auto& doc : contribution::doc_texts(context))
      if (commits::states(doc.text, *convention))
        return;
    const bool conventional = convention->style == commits::Style::conventional;
    const std::string name = conventional ? "Conventional Commits" : "a `component: subject` pattern";
    auto& finding =
        out.emit(fmt::format("recent commits follow {} ({} of {}) but no doc states the convention", name,
                             convention->following, convention->considered),
                 context.repository_anchor(), conventional ? "conventional-commits" : "component");
    std::vector<std::string> used(
        convention->components.begin(),
        convention->components.begin() +
            static_cast<std::ptrdiff_t>(std::min<std::size_t>(5, convention->components.size())));
    const auto example = convention->examples.empty() ? std::string() : convention->examples.front()->subject;
    finding.hint =
        conventional
            ? fmt::format("add a \"Commit messages\" section to {}: subjects follow Conventional Commits, "
                          "`type(scope): summary` (types used: {}), e.g. `{}`",
                          context.primary_context_file(), util::join(used, ", "), example)
            : fmt::format("add a \"Commit messages\" section to {}: subjects start with the component they "
                          "change, `component: summary` (components used: {}), e.g. `{}`",
                          context.primary_context_file(), util::join(used, ", "), example);
    if (const auto* doc = fixes::context_file(context)) {
      // What the history shows, stated: the convention, the types or components in use, a real subject.
      const auto shown = example.find('`') == std::string::npos && !example.empty()
                             ? fmt::format(", for example `{}`", example)
                             : std::string();
      const auto text =
          conventional
              ? fmt::format(
                    "Commit subjects follow Conventional Commits: `type(scope): summary` (types used: "
                    "{}){}.\n",
                    util::join(used, ", "), shown)
              : fmt::format("Commit subjects start with the component they change: `component: summary` "
                            "(components used: {}){}.\n",
                            util::join(used, ", "), shown);
      static constexpr std::string_view k_keywords[] = {"commit"};
      finding.fix = fixes::insert_block(*doc, {"Commit messages", k_keywords}, text,
                                        fmt::format("state the commit convention in {}", doc->path));
    }
    finding.related.push_back(
        engine::Location{{},
                         0,
                         0,
                         fmt::format("commits {}..{}: {} of {} written by people follow the convention",
                                     short_id(*convention->oldest), short_id(*convention->newest),
                                     convention->following, convention->considered)});
    for (const auto* commit : convention->examples)
      finding.related.push_back(
          engine::Location{{}, 0, 0, fmt::format("commit {}: {}", short_id(*commit), commit->subject)});
    for (const auto& file : context.facts().contribution_files)
      if (file.kind == "commit-lint")
        finding.related.push_back(engine::Location{
            file.path, 1, 0, "enforces commit messages but does not tell an agent the format"});
  }
};

} // namespace

TACIT_RULE(CommitConventionImplicit)

} // namespace tacit::rules
