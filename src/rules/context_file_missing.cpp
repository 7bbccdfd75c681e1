// CTX001 context-file-missing: no agent context file applies to the whole repository.

#include <tacit/doc/context_files.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/rules/builtin.hpp>

#include <fmt/format.h>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "CTX001",
    .name = "context-file-missing",
    .category = "CTX",
    .severity = engine::Severity::warning,
    .summary = "no agent context file applies to the whole repository",
    .docs = {
        .what_it_does =
            "Checks that the repository root has an agent context file that applies to the whole repository: "
            "AGENTS.md, CLAUDE.md, .claude/CLAUDE.md, GEMINI.md, .github/copilot-instructions.md, a rule in "
            ".cursor/rules/, .cursorrules, .windsurfrules, .windsurf/rules/, .clinerules or "
            ".junie/guidelines.md. "
            "A nested AGENTS.md applies only to its directory, and a personal file such as CLAUDE.local.md "
            "is not "
            "the team's context, so neither counts.",
        .why_it_matters =
            "An agent reads its context file before anything else. Without one it starts from nothing: it "
            "guesses "
            "how to build, test and lint, and it learns the project's conventions by trial and error in your "
            "review queue.",
        .example = "A repository with only README.md and source code:\n\n"
                   "```\nREADME.md:1:1: CTX001 no agent context file at the repository root\n```",
        .how_to_fix =
            "Create AGENTS.md at the root with how to set up, build, test and lint the project, the "
            "conventions "
            "that reviews enforce, and where things live. Agents that read another file can share it: make "
            "CLAUDE.md a symlink to AGENTS.md, or a one-line file `@AGENTS.md`.",
    }};

class ContextFileMissing final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (context.files().empty() || !context.root_context_files().empty())
      return;
    auto& finding =
        out.emit("no agent context file at the repository root: agents start without instructions",
                 context.repository_anchor());
    finding.hint =
        "create AGENTS.md at the root with how to build, test and lint the project (Claude Code reads "
        "it through a CLAUDE.md that contains `@AGENTS.md`)";
    for (const auto& doc : context.documents()) {
      if (doc.kind != doc::DocKind::agent_context)
        continue;
      const auto* spec = doc::match_context_file(doc.path);
      if (!spec)
        continue;
      std::string note;
      if (spec->scope == doc::ContextScope::directory)
        note = "applies only to its own directory";
      else if (spec->scope == doc::ContextScope::personal)
        note = "a personal file: not the team's context";
      else if (spec->scope == doc::ContextScope::path_scoped)
        note = "applies only to the paths its front matter names";
      else if (spec->scope == doc::ContextScope::opt_in)
        note = fmt::format("read only when configured ({})", spec->agents);
      if (!note.empty())
        finding.related.push_back(engine::Location{doc.path, 1, 1, note});
    }
  }
};

} // namespace

std::unique_ptr<engine::Rule> make_context_file_missing() {
  return std::make_unique<ContextFileMissing>();
}

} // namespace tacit::rules
