// IMPL402 knowledge-in-comments: comments that give the next person to change the code an instruction
// ("keep in sync with schema.sql", "do not change without updating docs/api.md", "must be called before
// init()", "never edit", a HACK with its reason): knowledge that belongs in the docs, one finding per module.

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/facts/code_comments.hpp>
#include <tacit/facts/modules.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/util/timing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <thread>

namespace tacit::rules {

namespace {

constexpr std::array<engine::RuleOption, 1> k_comment_options{{
    {"kinds", "keep in sync,change together,never edit",
     "the instructions to report, comma-separated, of: `keep in sync` (with another file), `change "
     "together` (\"do not change without updating X\"), `never edit`, `call order` (\"must be called "
     "before\"), `hack` (a HACK or XXX with its reason)"},
}};

constexpr engine::RuleMeta k_comment_meta{
    .id = "IMPL402",
    .name = "knowledge-in-comments",
    .category = "IMPL",
    .severity = engine::Severity::info,
    .summary = "code comments give instructions (keep in sync with, do not change without, never edit) that "
               "belong in the docs",
    .docs =
        {
            .what_it_does =
                "Reads the comments of the code (Python, JavaScript, TypeScript, Go, Rust, Java, C, C++ and "
                "shell scripts, through the tree-sitter grammars tacit pins) for instructions to the next "
                "person who changes it: \"keep in sync with\" or \"must stay in sync\" naming another file, "
                "\"do not change without\" / \"if you change this\" naming another file, and \"never edit\" "
                "/ "
                "\"do not edit\" by hand, manually or directly (not a generated file's `DO NOT EDIT` "
                "marker). What the code does is no instruction: \"kept in sync\" counts only after must, "
                "should, has to, ensure...; a negation (\"no longer kept in sync\") and a quoted phrase do "
                "not count. The `kinds` option adds "
                "\"must be called before/after/first\" (`call order`) and a `HACK` or `XXX` comment that "
                "gives its reason (`hack`). A phrase counts only inside a comment (not in a string), and a "
                "file is parsed only when a byte prefilter finds a phrase in it. Generated files, examples "
                "and docs folders are not read. One finding per module (a top-level folder, or a child of "
                "src/, packages/, cmd/...), at its first such comment, with the others as related "
                "locations.\n\n"
                "Not in the default profile, for its cost (parsing the files the prefilter lets through "
                "takes about 0.25 s of CPU time on moby/moby, more than the whole default check). On "
                "tacit's judged corpus (tests/corpus/) it reaches 16 findings judged true, 1 false (a "
                "vendored copy of gettext) and 5 debatable (couplings with another repository or a live "
                "service), a precision of 0.94. Run it with `--select IMPL402` (or the `strict` profile).",
            .why_it_matters =
                "An instruction in a comment reaches only the person who happens to open that file: an "
                "agent that edits the schema never reads \"keep in sync with models.py\" in the migration "
                "script, and a change that needs two files lands half done. Written in the context file, "
                "the rule is read before the change starts.",
            .example =
                "```\nsrc/billing/rates.py:14:1: IMPL402 `src/billing/` holds 2 comments with "
                "instructions for whoever changes it: \"Keep in sync with migrations/0042_rates.sql: the "
                "column order matters.\" (rates.py:14), \"Do not edit invoices.json by hand; run "
                "make fixtures.\" (fixtures.py:3)\n  hint: add to AGENTS.md, under a section on "
                "changing `src/billing/`: each rule and the files it ties together\n```",
            .how_to_fix =
                "Write the rule where contributors and agents read before they change code: the context "
                "file (AGENTS.md) or the module's README, under a heading such as \"Changing the billing "
                "code\", naming both files. The comment can stay as a pointer. A module whose comments are "
                "meant to be read in place can be left out with `exclude` in `.tacit.yaml`.",
        },
    .options = k_comment_options,
    .in_default_profile = false,
};

constexpr std::size_t k_quoted = 3;

class KnowledgeInComments final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_comment_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    std::set<std::string, std::less<>> kinds;
    const auto option = out.option_string("kinds");
    for (auto kind : util::split(option, ','))
      if (kind = util::trim(kind); !kind.empty())
        kinds.emplace(kind);
    std::set<std::string_view> generated;
    for (const auto& file : context.facts().generated_files)
      generated.insert(file.path);
    std::vector<const repo::FileEntry*> code;
    for (const auto* file : context.files())
      if (!facts::is_user_code_path(file->path) && !generated.contains(file->path))
        code.push_back(file);
    const auto readers = facts::snapshot_head_readers(context.snapshot());
    const util::ScopedTiming timing("rule IMPL402: comments (read, prefilter, parse)");
    const auto scan =
        facts::scan_instruction_comments(code, readers, std::max(1u, std::thread::hardware_concurrency()));
    std::map<std::string, std::vector<const facts::InstructionComment*>> modules;
    for (const auto& comment : scan.comments)
      if (kinds.contains(comment.kind))
        modules[facts::module_of(comment.path, context.facts().source_size.modules)].push_back(&comment);
    for (const auto& [module, comments] : modules)
      report(context, out, module, comments);
  }

private:
  static void report(const engine::Context& context, engine::Emitter& out, const std::string& module,
                     const std::vector<const facts::InstructionComment*>& comments) {
    std::vector<std::string> quoted;
    for (const auto* comment : comments)
      if (quoted.size() < k_quoted)
        quoted.push_back(
            fmt::format("\"{}\" ({}:{})", comment->excerpt, util::base_name(comment->path), comment->line));
    if (comments.size() > k_quoted)
      quoted.push_back(fmt::format("and {} more", comments.size() - k_quoted));
    const auto where = module.empty() ? std::string("the code at the root") : fmt::format("`{}/`", module);
    const auto count = comments.size() == 1 ? std::string("a comment with an instruction")
                                            : fmt::format("{} comments with instructions", comments.size());
    const auto* first = comments.front();
    auto& finding = out.emit(
        fmt::format("{} holds {} for whoever changes it: {}", where, count, util::join(quoted, ", ")),
        engine::Location{first->path, first->line, first->column, {}}, module.empty() ? "." : module);
    for (const auto* comment : comments)
      if (comment != first && finding.related.size() < 8)
        finding.related.push_back(engine::Location{comment->path, comment->line, comment->column, {}});
    finding.hint = fmt::format("add to {}, under a section on changing {}: each rule and the files it ties "
                               "together",
                               context.primary_context_file(), module.empty() ? "the root code" : where);
  }
};

} // namespace

TACIT_RULE(KnowledgeInComments)

} // namespace tacit::rules
