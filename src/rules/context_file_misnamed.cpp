// CTX012 context-file-misnamed: a file plainly meant as agent context under a name or in a place no agent
// loads. The misnamings and the names agents load are data (k_misnamings).

#include <tacit/doc/context_files.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <optional>
#include <set>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "CTX012",
    .name = "context-file-misnamed",
    .category = "CTX",
    .severity = engine::Severity::warning,
    .summary = "a file meant as agent context sits under a name or in a place no agent loads",
    .docs =
        {
            .what_it_does =
                "Looks for files that are plainly agent context but that no agent loads under their name or "
                "in their place: a root `agents.md`, `Agents.md`, `claude.md` or `gemini.md` (agents look "
                "for `AGENTS.md`, `CLAUDE.md` and `GEMINI.md` exactly; the lower-case name works on macOS "
                "and Windows, whose file systems ignore case, and fails on Linux: in CI, in containers and "
                "in cloud agents), `CLAUDE_RULES.md` and other spellings of CLAUDE.md, `AGENT.md` (only Amp "
                "and Zed read it, as fallbacks; every AGENTS.md reader, both included, reads `AGENTS.md`), "
                "`.cursor/rules.md` and `.cursor/rules/*.txt` (Cursor loads `.cursor/rules/*.mdc`), "
                "`.cursorrules.md`, `.windsurfrules.md`, `.clinerules.md`, `copilot-instructions.md` at the "
                "root or `.github/copilot-instructions.txt` (Copilot reads "
                "`.github/copilot-instructions.md`), `.github/instructions/*.md` without the "
                "`.instructions.md` suffix, and `.junie/guideline.md`. A file is not reported when the name "
                "agents load exists beside it, or when a context file imports or links it "
                "(`@CLAUDE_RULES.md` "
                "in CLAUDE.md loads it), nor when the loading model (`tacit context`) lists its name as one "
                "an agent loads. Personal files such as CLAUDE.local.md are loaded as they are.",
            .why_it_matters =
                "A misnamed context file is worse than none: its authors believe the agent follows it, and "
                "the agent never sees it. Case is the common trap: `agents.md` works on the Mac it was "
                "written on and is silently skipped by every agent that runs on Linux.",
            .example = "A repository keeps its Claude Code instructions in CLAUDE_RULES.md:\n\n"
                       "```\nCLAUDE_RULES.md:1:1: CTX012 'CLAUDE_RULES.md' is not loaded by any agent: "
                       "Claude Code reads 'CLAUDE.md'\n  hint: git mv CLAUDE_RULES.md CLAUDE.md\n```",
            .how_to_fix = "Rename the file to the name its agent loads (the hint gives the exact `git mv`). "
                          "To keep a separate file on purpose, import it from the loaded one "
                          "(`@CLAUDE_RULES.md` in CLAUDE.md).",
        },
};

// One misnaming. `pattern` is a glob over the repository-relative path, compared without case when
// `any_case`; `target` is the name agents load, where "{dir}" is the file's directory and "{stem}" its name
// without the extension. `exact` files (the loaded name itself) are never reported.
struct Misnaming {
  std::string_view pattern;
  bool any_case;
  std::string_view target;
  std::string_view reader;
  std::string_view loaded_by = {}; ///< the agents that do read the misnamed file, if any
};

constexpr std::array<Misnaming, 26> k_misnamings{{
    {"AGENTS.md", true, "AGENTS.md", "Codex, Cursor, Copilot and every AGENTS.md reader"},
    {"CLAUDE.md", true, "CLAUDE.md", "Claude Code"},
    {"GEMINI.md", true, "GEMINI.md", "Gemini CLI"},
    {".claude/CLAUDE.md", true, ".claude/CLAUDE.md", "Claude Code"},
    {".github/copilot-instructions.md", true, ".github/copilot-instructions.md", "GitHub Copilot"},
    {".junie/guidelines.md", true, ".junie/guidelines.md", "Junie"},
    {"AGENT.md", true, "AGENTS.md", "Codex, Cursor, Copilot and every AGENTS.md reader (Amp too)",
     "Amp, as a fallback, and Zed when no file earlier in its list exists"},
    {"CLAUDE_RULES.md", true, "CLAUDE.md", "Claude Code"},
    {"CLAUDE-RULES.md", true, "CLAUDE.md", "Claude Code"},
    {"CLAUDE_INSTRUCTIONS.md", true, "CLAUDE.md", "Claude Code"},
    {"CLAUDE-INSTRUCTIONS.md", true, "CLAUDE.md", "Claude Code"},
    {"CLAUDE.txt", true, "CLAUDE.md", "Claude Code"},
    {".claude.md", true, "CLAUDE.md", "Claude Code"},
    {".cursor/rules.md", false, ".cursor/rules/rules.mdc", "Cursor"},
    {".cursor/rules.mdc", false, ".cursor/rules/rules.mdc", "Cursor"},
    {".cursor/rules/**/*.txt", false, "{dir}/{stem}.mdc", "Cursor"},
    {".cursorrules.md", true, ".cursorrules", "Cursor"},
    {".cursorrules.txt", true, ".cursorrules", "Cursor"},
    {".windsurfrules.md", true, ".windsurfrules", "Windsurf"},
    {".windsurf/rules/**/*.txt", false, "{dir}/{stem}.md", "Windsurf"},
    {".clinerules.md", true, ".clinerules", "Cline"},
    {"copilot-instructions.md", true, ".github/copilot-instructions.md", "GitHub Copilot"},
    {".github/copilot-instructions.txt", true, ".github/copilot-instructions.md", "GitHub Copilot"},
    {".github/copilot_instructions.md", true, ".github/copilot-instructions.md", "GitHub Copilot"},
    {".github/instructions/**/*.md", false, "{dir}/{stem}.instructions.md", "GitHub Copilot"},
    {".junie/guideline.md", true, ".junie/guidelines.md", "Junie"},
}};

std::string stem_of(std::string_view name) {
  const auto dot = name.rfind('.');
  return std::string(dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot));
}

// The name agents load for `path`, or nullopt when `path` is fine or not context at all.
std::optional<std::pair<std::string, const Misnaming*>> loaded_name(std::string_view path) {
  for (const auto& row : k_misnamings) {
    // The literal part before a glob's first wildcard rules out almost every path without a match.
    const bool matches = row.any_case ? util::iequals(path, row.pattern)
                                      : path.starts_with(row.pattern.substr(0, row.pattern.find('*'))) &&
                                            util::glob_match(row.pattern, path);
    if (!matches)
      continue;
    if (path == row.target)
      return std::nullopt; // the loaded name itself
    const auto name = util::base_name(path);
    if (row.pattern == ".github/instructions/**/*.md" &&
        (name.ends_with(".instructions.md") ||
         util::iequals(name.substr(0, std::min<std::size_t>(6, name.size())), "readme")))
      return std::nullopt;
    auto target = std::string(row.target);
    if (const auto at = target.find("{dir}"); at != std::string::npos)
      target.replace(at, 5, util::dir_name(path));
    if (const auto at = target.find("{stem}"); at != std::string::npos)
      target.replace(at, 6, stem_of(name));
    return std::pair{target, &row};
  }
  return std::nullopt;
}

class ContextFileMisnamed final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    std::set<std::string> referenced; // files that a context file imports or links: loaded through it
    for (const auto& mention : context.knowledge().paths()) {
      const auto* doc = context.document(mention.doc);
      if (!doc || doc->kind != doc::DocKind::agent_context)
        continue;
      const auto dir = util::dir_name(doc->path);
      referenced.insert(util::normalize_path(mention.text.starts_with('/') || dir.empty()
                                                 ? std::string(mention.text)
                                                 : fmt::format("{}/{}", dir, mention.text)));
    }
    for (const auto* file : context.files()) {
      const auto found = loaded_name(file->path);
      // Only a tracked file with the exact name counts: on a case-insensitive disk 'AGENTS.md' opens
      // agents.md.
      if (!found || context.snapshot().find(found->first) || referenced.contains(file->path))
        continue;
      // A name that the loading model (doc/agents) says an agent loads is not misnamed, unless the row says
      // who reads it (AGENT.md: Amp and Zed only, as fallbacks).
      if (found->second->loaded_by.empty() && doc::match_context_file(file->path))
        continue;
      const auto& [target, row] = *found;
      const auto plural = row->reader.find(',') == std::string_view::npos ? "s" : "";
      std::string message;
      if (util::iequals(file->path, target))
        message =
            fmt::format("'{}' is not loaded on case-sensitive file systems (Linux: CI, containers, cloud "
                        "agents): {} read{} '{}' exactly",
                        file->path, row->reader, plural, target);
      else if (!row->loaded_by.empty())
        message = fmt::format("'{}' is read only by {}: {} read{} '{}'", file->path, row->loaded_by,
                              row->reader, plural, target);
      else
        message = fmt::format("'{}' is not loaded by any agent: {} read{} '{}'", file->path, row->reader,
                              plural, target);
      auto& finding = out.emit(std::move(message), engine::Location{file->path, 1, 1, {}}, file->path);
      finding.hint = fmt::format("git mv {} {}", file->path, target);
      if (target.ends_with(".mdc"))
        finding.hint += " (and give it front matter `alwaysApply: true` to apply it to every request)";
    }
  }
};

} // namespace

TACIT_RULE(ContextFileMisnamed)

} // namespace tacit::rules
