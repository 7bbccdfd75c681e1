// TASK106 contribution-procedure-missing: several people change the code and no doc says how a change is
// proposed, reviewed or committed.

#include "contribution_support.hpp"

#include <tacit/engine/context.hpp>
#include <tacit/rules/builtin.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <set>

namespace tacit::rules {

namespace {

constexpr std::array<engine::RuleOption, 2> k_options{{
    {"window", "200", "how many recent non-merge commits are read for their authors"},
    {"min-authors", "3",
     "the distinct people (bots left out) who must have committed in the window for the repository to "
     "count as collaborative, unless a CODEOWNERS file says so"},
}};

constexpr engine::RuleMeta k_meta{
    .id = "TASK106",
    .name = "contribution-procedure-missing",
    .category = "TASK",
    .severity = engine::Severity::info,
    .summary = "several people change the code and no doc says how to propose, review or commit a change",
    .docs =
        {
            .what_it_does =
                "Applies to repositories with code (a build system or a test suite) that show collaboration: "
                "at least `min-authors` different people (bots left out) among the recent non-merge commits, "
                "or a CODEOWNERS file (root, .github/, docs/, .gitlab/). A one-person repository needs no "
                "written procedure, and a plain directory shows no authors. It then looks for a procedure "
                "anywhere: a CONTRIBUTING guide (any format, at the root, in .github/ or docs/, or another "
                "contributing doc such as HACKING or DEVELOPMENT or a docs/contributing/ folder), a pull or "
                "merge request template, a section of an agent context file or the README about "
                "contributing, pull requests, commits, reviews or patches, or an agent context file that "
                "talks about pull requests or commits at all.",
            .why_it_matters =
                "An agent that finishes a change must commit it and usually open a pull request. Without a "
                "written procedure it guesses the branch, the commit style, what the description must say "
                "and who reviews, and each guess costs a review round.",
            .example =
                "A library with five committers this year, CI and tests, and only a README about usage:"
                "\n\n```\nREADME.md:1:1: TASK106 5 people committed recently but no doc says how to "
                "propose a change (no CONTRIBUTING, no pull request template)\n  hint: create "
                "CONTRIBUTING.md with how to branch, commit, open a pull request and get it "
                "reviewed, and point to it from AGENTS.md\n```",
            .how_to_fix = "Write CONTRIBUTING.md (or a \"Pull requests\" section of the context file): the "
                          "branch to start from, the commit message style, the checks to run before "
                          "pushing, what a pull request description contains and who reviews.",
        },
    .options = k_options,
};

bool is_procedure_heading(std::string_view heading) {
  const auto lower = util::to_lower(heading);
  for (std::string_view word : {"contribut", "pull request", "pull-request", "merge request", "commit",
                                "review", "patch", "submitting", "workflow", "prs", "branch"})
    if (lower.find(word) != std::string::npos)
      return true;
  const auto words = util::split_words(lower);
  return std::find(words.begin(), words.end(), "pr") != words.end();
}

// True when some doc describes how changes are proposed.
bool has_procedure(const engine::Context& context) {
  for (const auto& file : context.facts().contribution_files)
    if (file.kind == "contributing" || file.kind == "pr-template")
      return true;
  for (const auto& doc : context.documents()) {
    if (doc.kind == doc::DocKind::contributing)
      return true;
    if (doc.kind != doc::DocKind::agent_context && doc.kind != doc::DocKind::readme)
      continue;
    for (const auto& heading : contribution::headings(doc))
      if (is_procedure_heading(heading))
        return true;
    if (doc.kind == doc::DocKind::agent_context &&
        contribution::mentions(doc.text, {"pull request", "commit", "merge request"}))
      return true;
  }
  return false;
}

class ContributionProcedureMissing final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& facts = context.facts();
    if (facts.build_systems.empty() && facts.test_suites.empty())
      return;
    const facts::ContributionFile* codeowners = nullptr;
    for (const auto& file : facts.contribution_files)
      if (file.kind == "codeowners" && codeowners == nullptr)
        codeowners = &file;
    if (has_procedure(context))
      return; // before the history walk: most repositories stop here
    const auto window = static_cast<std::size_t>(out.option_int("window"));
    const auto min_authors = static_cast<std::size_t>(out.option_int("min-authors"));
    std::set<std::string> people;
    for (const auto& commit : context.history(window))
      if (!contribution::is_bot(commit))
        people.insert(util::to_lower(commit.email.empty() ? commit.author : commit.email));
    if (people.size() < min_authors && codeowners == nullptr)
      return;

    const std::string who = people.size() >= min_authors
                                ? fmt::format("{} people committed recently", people.size())
                                : fmt::format("{} assigns reviewers", codeowners->path);
    auto& finding = out.emit(fmt::format("{} but no doc says how to propose a change (no CONTRIBUTING, no "
                                         "pull request template)",
                                         who),
                             context.repository_anchor(), "contribution-procedure");
    finding.hint =
        fmt::format("create CONTRIBUTING.md with how to branch, commit, open a pull request and get "
                    "it reviewed, and point to it from {}",
                    context.primary_context_file());
    if (codeowners != nullptr)
      finding.related.push_back(engine::Location{codeowners->path, 1, 0, "assigns reviewers"});
    if (people.size() >= min_authors)
      finding.related.push_back(engine::Location{{},
                                                 0,
                                                 0,
                                                 fmt::format("{} people wrote the last {} non-merge commits",
                                                             people.size(), context.history(window).size())});
  }
};

} // namespace

std::unique_ptr<engine::Rule> make_contribution_procedure_missing() {
  return std::make_unique<ContributionProcedureMissing>();
}

} // namespace tacit::rules
