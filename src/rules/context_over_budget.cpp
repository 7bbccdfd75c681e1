// CTX004 context-over-budget: the chain an agent loads for a directory exceeds the agent's documented
// budget, or a rule file exceeds the agent's per-file limit. The budgets are the loading model's
// (doc/agents), and options here.

#include <tacit/doc/context_load.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <map>

namespace tacit::rules {

namespace {

constexpr std::array k_options{
    engine::RuleOption{
        "codex-chain-bytes", "32768",
        "Codex's project_doc_max_bytes: the bytes of AGENTS.md files it reads for a directory"},
    engine::RuleOption{
        "claude-chain-bytes", "0",
        "a budget for the CLAUDE.md chain of Claude Code (0: none; Claude Code documents none)"},
    engine::RuleOption{"gemini-chain-bytes", "0",
                       "a budget for the GEMINI.md chain of Gemini CLI (0: none; Gemini CLI documents none)"},
    engine::RuleOption{"windsurf-file-chars", "12000", "the characters Windsurf reads of one rule file"},
};

constexpr engine::RuleMeta k_meta{
    .id = "CTX004",
    .name = "context-over-budget",
    .category = "CTX",
    .severity = engine::Severity::warning,
    .summary = "an agent's context for a directory, or one of its rule files, exceeds the agent's budget",
    .docs =
        {
            .what_it_does =
                "Follows the loading model of each agent that documents a budget (see `tacit context`) "
                "and reports where the budget cuts. Codex reads the AGENTS.md files from the repository "
                "root down to the directory it works in (AGENTS.override.md instead where present, one "
                "file per directory) and stops once their combined size reaches `project_doc_max_bytes`, "
                "32 KiB by default: the file that crosses it is read only up to the budget, the files "
                "after it are not read at all. The finding is at the line where the cut falls, once per "
                "cut, naming the directories whose chain it cuts and the files never read. Windsurf reads "
                "12,000 characters of each `.windsurf/rules` file: a longer file is reported at the line "
                "where the limit falls. Empty files cost nothing (Codex skips them); a symlinked file "
                "counts its target's size. Budgets are options per agent (`codex-chain-bytes`, "
                "`claude-chain-bytes`, `gemini-chain-bytes`, `windsurf-file-chars`); 0 turns a check "
                "off. Files out of scope (vendored folders, fixtures) are not checked.",
            .why_it_matters =
                "What the budget cuts, the agent never sees, and nothing tells it so: the build steps at "
                "the end of a long root AGENTS.md, or the whole AGENTS.md of a service deep in a "
                "monorepo, are silently missing from every task run there.",
            .example = "The root AGENTS.md is 30 KiB and services/api/AGENTS.md 8 KiB:\n\n"
                       "```\nservices/api/AGENTS.md:41:1: CTX004 Codex reads 32768 bytes of AGENTS.md files "
                       "(project_doc_max_bytes) and stops at services/api/AGENTS.md line 41 for "
                       "services/api/ (2048 of 8192 bytes read)\n"
                       "  hint: keep the chain for services/api/ under 32768 bytes (it is 38912): move "
                       "detail out of the always-loaded files into docs the agent opens when needed\n```",
            .how_to_fix = "Shorten the files of the chain: keep what every task needs in the root file, move "
                          "the rest into nested AGENTS.md files, docs linked from them or skills, which are "
                          "read only where they apply. A person who raised `project_doc_max_bytes` in "
                          "`~/.codex/config.toml` can set the option `codex-chain-bytes` to match.",
        },
    .options = k_options,
};

class ContextOverBudget final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const doc::LoadSource source{context.snapshot().files(),
                                 [&](std::string_view path) { return context.document(path); }};
    std::vector<std::string> dirs;
    for (auto& dir : doc::context_directories(context.snapshot().files()))
      if (dir.empty() || !context.is_excluded(dir + "/AGENTS.md"))
        dirs.push_back(std::move(dir));
    for (const auto& agent : doc::agent_specs()) {
      const auto chain_option = fmt::format("{}-chain-bytes", agent.key);
      const auto file_option = fmt::format("{}-file-chars", agent.key);
      const auto budget = declared(chain_option) ? out.option_int(chain_option) : 0;
      const auto limit = declared(file_option) ? out.option_int(file_option) : 0;
      if (budget <= 0 && limit <= 0)
        continue;
      doc::LoadOptions options;
      options.only = &agent;
      options.chain_budget = [&](const doc::AgentSpec&) {
        return static_cast<std::uint64_t>(std::max<std::int64_t>(budget, 0));
      };
      options.file_limit = [&](const doc::AgentSpec&) {
        return static_cast<std::uint64_t>(std::max<std::int64_t>(limit, 0));
      };
      if (budget > 0)
        report_cuts(context, source, dirs, options, static_cast<std::uint64_t>(budget), out);
      if (limit > 0)
        report_long_files(context, source, options, out);
    }
  }

private:
  static bool declared(std::string_view name) {
    for (const auto& option : k_options)
      if (option.name == name)
        return true;
    return false;
  }

  struct Cut {
    doc::ChainCut cut;
    std::string content_path;
    std::uint64_t chain_bytes = 0;
    std::vector<std::string> dirs;
  };

  static void report_cuts(const engine::Context& context, const doc::LoadSource& source,
                          const std::vector<std::string>& dirs, const doc::LoadOptions& options,
                          std::uint64_t budget, engine::Emitter& out) {
    // One finding per place a cut falls, with every directory it cuts.
    std::map<std::pair<std::string, std::uint64_t>, Cut> cuts;
    for (const auto& dir : dirs) {
      auto plans = doc::plan_context(source, dir, options);
      if (plans.empty() || !plans.front().cut)
        continue;
      const auto& load = plans.front();
      auto& cut = cuts[{load.cut->path, load.cut->read_bytes}];
      if (cut.dirs.empty()) {
        cut.cut = *load.cut;
        cut.chain_bytes = load.chain_bytes;
        for (const auto& file : load.always)
          if (file.path == load.cut->path)
            cut.content_path = file.content_path;
      } else {
        for (const auto& path : load.cut->never_read)
          if (std::find(cut.cut.never_read.begin(), cut.cut.never_read.end(), path) ==
              cut.cut.never_read.end())
            cut.cut.never_read.push_back(path);
      }
      cut.dirs.push_back(dir.empty() ? "the repository root" : dir + "/");
    }
    const auto& agent = *options.only;
    for (auto& [key, cut] : cuts) {
      if (context.is_excluded(cut.content_path))
        continue;
      const auto where =
          cut.dirs.size() <= 3
              ? util::join(cut.dirs, ", ")
              : fmt::format("{} and {} more directories",
                            util::join({cut.dirs.begin(), cut.dirs.begin() + 2}, ", "), cut.dirs.size() - 2);
      std::string message =
          cut.cut.read_bytes == cut.cut.file_bytes
              ? fmt::format("{} reads {} bytes of {} files and stops after {} for {}", agent.name, budget,
                            agent.files.front().pattern == "AGENTS.override.md" ? "AGENTS.md" : "context",
                            cut.cut.path, where)
              : fmt::format(
                    "{} reads {} bytes of {} files and stops at {} line {} for {} ({} of {} bytes read)",
                    agent.name, budget,
                    agent.files.front().pattern == "AGENTS.override.md" ? "AGENTS.md" : "context",
                    cut.cut.path, cut.cut.last_line, where, cut.cut.read_bytes, cut.cut.file_bytes);
      if (!cut.cut.never_read.empty())
        message += fmt::format("; never read: {}", util::join(cut.cut.never_read, ", "));
      auto& finding = out.emit(std::move(message),
                               engine::Location{cut.content_path, std::max(cut.cut.last_line, 1), 1, {}},
                               fmt::format("{}:{}", agent.key, cut.cut.path));
      finding.hint = fmt::format("keep the chain under {} bytes (it is {} for {}): move detail out of the "
                                 "always-loaded files into docs the agent opens when needed",
                                 budget, cut.chain_bytes, cut.dirs.front());
    }
  }

  static void report_long_files(const engine::Context& context, const doc::LoadSource& source,
                                const doc::LoadOptions& options, engine::Emitter& out) {
    auto plans = doc::plan_context(source, "", options);
    if (plans.empty())
      return;
    const auto& agent = *options.only;
    for (const auto& over : plans.front().over_limit) {
      if (context.is_excluded(over.path))
        continue;
      auto& finding =
          out.emit(fmt::format("{} reads {} characters of a rule file; '{}' has {}: what follows "
                               "line {} is lost",
                               agent.name, over.limit, over.path, over.chars, over.line),
                   engine::Location{over.path, over.line, 1, {}}, fmt::format("{}:{}", agent.key, over.path));
      finding.hint =
          fmt::format("split '{}' into rule files of at most {} characters", over.path, over.limit);
    }
  }
};

} // namespace

TACIT_RULE(ContextOverBudget)

} // namespace tacit::rules
