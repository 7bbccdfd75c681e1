// The loading model as data: one entry per agent, each citing the agent's own documentation. What the
// documentation leaves open is not guessed: an agent is listed with what it documents, and nothing else.

#include <tacit/doc/agents.hpp>
#include <tacit/util/strings.hpp>

#include <array>

namespace tacit::doc {

namespace {

using enum Place;
using enum Activation;

// Codex: root-to-cwd chain, at most one file per directory (AGENTS.override.md first), 32 KiB combined.
constexpr std::array k_codex{
    LoadSpec{"AGENTS.override.md", each_directory, always, Selector::none, 1},
    LoadSpec{"AGENTS.md", each_directory, always, Selector::none, 1},
    LoadSpec{".agents/skills/*/SKILL.md", root, skill},
};

// Claude Code: CLAUDE.md and .claude/CLAUDE.md in every directory up to the working directory, nested
// CLAUDE.md files when Claude reads files under them, .claude/rules with `paths`, skills, commands,
// subagents; @imports up to 5 hops.
constexpr std::array k_claude{
    LoadSpec{"CLAUDE.md", each_directory, always},
    LoadSpec{".claude/CLAUDE.md", each_directory, always},
    LoadSpec{"CLAUDE.local.md", each_directory, personal},
    LoadSpec{"CLAUDE.md", below, always},
    LoadSpec{".claude/rules/**/*.md", root, front_matter, Selector::paths},
    LoadSpec{".claude/skills/*/SKILL.md", root, skill},
    LoadSpec{".claude/commands/**/*.md", root, on_demand},
    LoadSpec{".claude/agents/*.md", root, on_demand},
};

// Gemini CLI: GEMINI.md in the workspace and its parents, just-in-time GEMINI.md files below; imports.
constexpr std::array k_gemini{
    LoadSpec{"GEMINI.md", each_directory, always},
    LoadSpec{"GEMINI.md", below, always},
};

// GitHub Copilot: repository-wide instructions, path-specific *.instructions.md with `applyTo`, the
// nearest AGENTS.md, prompt files on demand, skills.
constexpr std::array k_copilot{
    LoadSpec{".github/copilot-instructions.md", root, always},
    LoadSpec{".github/instructions/**/*.instructions.md", root, front_matter, Selector::copilot},
    LoadSpec{"AGENTS.md", each_directory, always},
    LoadSpec{".github/prompts/*.prompt.md", root, on_demand},
    LoadSpec{".github/skills/*/SKILL.md", root, skill},
};

// Cursor: project rules with alwaysApply / globs / description, AGENTS.md (nested too), legacy .cursorrules.
constexpr std::array k_cursor{
    LoadSpec{".cursor/rules/**/*.mdc", root, front_matter, Selector::cursor},
    LoadSpec{".cursor/rules/**/*.md", root, front_matter, Selector::cursor},
    LoadSpec{"AGENTS.md", each_directory, always},
    LoadSpec{".cursorrules", root, always},
};

// Windsurf: .windsurf/rules with activation modes (12,000 characters per rule file), AGENTS.md, legacy
// .windsurfrules.
constexpr std::array k_windsurf{
    LoadSpec{".windsurf/rules/**/*.md", root, front_matter, Selector::windsurf},
    LoadSpec{"AGENTS.md", each_directory, always},
    LoadSpec{".windsurfrules", root, always},
};

// Cline: the .clinerules folder (or the single .clinerules file), AGENTS.md.
constexpr std::array k_cline{
    LoadSpec{".clinerules/**/*.md", root, front_matter, Selector::paths, 1},
    LoadSpec{".clinerules", root, always, Selector::none, 1},
    LoadSpec{"AGENTS.md", each_directory, always},
};

constexpr std::array k_junie{
    LoadSpec{".junie/guidelines.md", root, always},
};

// Zed: the first file of its ordered list at the worktree root.
constexpr std::array k_zed{
    LoadSpec{".rules", root, always, Selector::none, 1},
    LoadSpec{".cursorrules", root, always, Selector::none, 1},
    LoadSpec{".windsurfrules", root, always, Selector::none, 1},
    LoadSpec{".clinerules", root, always, Selector::none, 1},
    LoadSpec{".github/copilot-instructions.md", root, always, Selector::none, 1},
    LoadSpec{"AGENT.md", root, always, Selector::none, 1},
    LoadSpec{"AGENTS.md", root, always, Selector::none, 1},
    LoadSpec{"CLAUDE.md", root, always, Selector::none, 1},
    LoadSpec{"GEMINI.md", root, always, Selector::none, 1},
};

constexpr std::array k_kiro{
    LoadSpec{".kiro/steering/**/*.md", root, front_matter, Selector::kiro},
};

constexpr std::array k_amazon_q{
    LoadSpec{".amazonq/rules/**/*.md", root, always},
};

// Roo Code: .roo/rules (else the single .roorules), mode-specific rules, AGENTS.md at the root.
constexpr std::array k_roo{
    LoadSpec{".roo/rules/**/*", root, always, Selector::none, 1},
    LoadSpec{".roorules", root, always, Selector::none, 1},
    LoadSpec{".roo/rules-*/**/*", root, on_demand},
    LoadSpec{"AGENTS.md", root, always},
};

constexpr std::array k_continue{
    LoadSpec{".continue/rules/**/*.md", root, front_matter, Selector::continue_dev},
};

// Augment: CLAUDE.md, AGENTS.md, the workspace guidelines and .augment/rules (always / auto / manual).
constexpr std::array k_augment{
    LoadSpec{"CLAUDE.md", root, always},
    LoadSpec{"AGENTS.md", root, always},
    LoadSpec{".augment-guidelines", root, always},
    LoadSpec{".augment/rules/**/*.md", root, front_matter, Selector::augment},
};

// Goose: .goosehints in the directory hierarchy it is started in.
constexpr std::array k_goose{
    LoadSpec{".goosehints", each_directory, always},
};

// Aider reads a conventions file only when told to (--read, or `read:` in .aider.conf.yml).
constexpr std::array k_aider{
    LoadSpec{"CONVENTIONS.md", root, opt_in},
};

// Warp: AGENTS.md (WARP.md for backwards compatibility) at the root and in the current directory.
constexpr std::array k_warp{
    LoadSpec{"AGENTS.md", each_directory, always, Selector::none, 1},
    LoadSpec{"WARP.md", each_directory, always, Selector::none, 1},
};

// OpenHands: AGENTS.md at the root, skills, and the repository microagent .openhands/microagents/repo.md
// (skills were called microagents; that folder still works, and a file without triggers is always loaded).
constexpr std::array k_openhands{
    LoadSpec{"AGENTS.md", root, always},
    LoadSpec{".openhands/microagents/repo.md", root, always},
    LoadSpec{".agents/skills/*/SKILL.md", root, skill},
};

constexpr std::array k_agents{
    AgentSpec{"codex",
              "Codex",
              "https://developers.openai.com/codex/guides/agents-md",
              k_codex,
              32768,
              0,
              {},
              0,
              "project_doc_max_bytes, 32 KiB by default"},
    AgentSpec{"claude", "Claude Code", "https://code.claude.com/docs/en/memory", k_claude, 0, 0, {}, 5},
    AgentSpec{"gemini", "Gemini CLI", "https://geminicli.com/docs/cli/gemini-md", k_gemini, 0, 0, {}, 5},
    AgentSpec{"copilot", "GitHub Copilot",
              "https://docs.github.com/en/copilot/how-tos/configure-custom-instructions/"
              "add-repository-instructions",
              k_copilot},
    AgentSpec{"cursor", "Cursor", "https://cursor.com/docs/context/rules", k_cursor},
    AgentSpec{"windsurf", "Windsurf", "https://docs.windsurf.com/windsurf/cascade/memories", k_windsurf, 0,
              12000, ".windsurf/rules/**", 0, "12,000 characters per rule file"},
    AgentSpec{"cline", "Cline", "https://docs.cline.bot/features/cline-rules/overview", k_cline},
    AgentSpec{"junie", "Junie", "https://www.jetbrains.com/help/junie/customize-guidelines.html", k_junie},
    AgentSpec{"zed", "Zed", "https://zed.dev/docs/ai/rules", k_zed},
    AgentSpec{"kiro", "Kiro", "https://kiro.dev/docs/steering/", k_kiro},
    AgentSpec{"amazon-q", "Amazon Q Developer",
              "https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/context-project-rules.html",
              k_amazon_q},
    AgentSpec{"roo", "Roo Code", "https://docs.roocode.com/features/custom-instructions", k_roo},
    AgentSpec{"continue", "Continue", "https://docs.continue.dev/customize/deep-dives/rules", k_continue},
    AgentSpec{"augment", "Augment", "https://docs.augmentcode.com/cli/rules", k_augment},
    AgentSpec{"goose", "Goose",
              "https://block.github.io/goose/docs/guides/context-engineering/using-goosehints", k_goose},
    AgentSpec{"aider", "Aider", "https://aider.chat/docs/usage/conventions.html", k_aider},
    AgentSpec{"warp", "Warp", "https://docs.warp.dev/agents/capabilities/rules", k_warp},
    AgentSpec{"openhands", "OpenHands", "https://docs.openhands.dev/overview/skills", k_openhands},
};

std::string unquote(std::string_view value) {
  value = util::trim(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
    value = value.substr(1, value.size() - 2);
  return std::string(value);
}

bool is_true(const std::optional<std::string>& value) {
  return value && util::iequals(util::trim(*value), "true");
}

std::vector<std::string> split_globs(const std::optional<std::string>& value) {
  std::vector<std::string> out;
  if (!value)
    return out;
  for (auto part : util::split(*value, ','))
    if (auto glob = unquote(part); !glob.empty())
      out.push_back(std::move(glob));
  return out;
}

} // namespace

std::span<const AgentSpec> agent_specs() {
  return k_agents;
}

const AgentSpec* find_agent(std::string_view name) {
  for (const auto& agent : k_agents)
    if (util::iequals(agent.key, name) || util::iequals(agent.name, name))
      return &agent;
  return nullptr;
}

std::optional<std::string> front_matter_value(std::string_view front_matter, std::string_view key) {
  const auto lines = util::split_lines(front_matter);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = lines[i];
    if (!line.starts_with(key) || line.size() <= key.size() || line[key.size()] != ':')
      continue;
    auto value = util::trim(line.substr(key.size() + 1));
    if (!value.empty() && value.front() == '[' && value.back() == ']') {
      std::string joined;
      for (auto item : util::split(value.substr(1, value.size() - 2), ','))
        if (auto text = unquote(item); !text.empty())
          joined += (joined.empty() ? "" : ",") + text;
      return joined;
    }
    if (!value.empty())
      return unquote(value);
    // A block list: the indented "- item" lines that follow.
    std::string joined;
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      const auto item = util::trim(lines[j]);
      if (!item.starts_with("- ") || lines[j].front() != ' ')
        break;
      joined += (joined.empty() ? "" : ",") + unquote(item.substr(2));
    }
    return joined;
  }
  return std::nullopt;
}

RuleActivation read_activation(Selector selector, std::string_view fm) {
  using Mode = RuleActivation::Mode;
  RuleActivation out;
  const auto description = front_matter_value(fm, "description");
  out.description = description.value_or("");
  const auto described = [&](Mode otherwise) {
    return description && !description->empty() ? Mode::described : otherwise;
  };
  switch (selector) {
  case Selector::none:
    break;
  case Selector::cursor:
    out.globs = split_globs(front_matter_value(fm, "globs"));
    out.mode = is_true(front_matter_value(fm, "alwaysApply")) ? Mode::always
               : !out.globs.empty()                           ? Mode::glob
                                                              : described(Mode::manual);
    break;
  case Selector::copilot:
    out.globs = split_globs(front_matter_value(fm, "applyTo"));
    out.mode = out.globs.empty() ? Mode::manual : Mode::glob;
    break;
  case Selector::windsurf: {
    const auto trigger = front_matter_value(fm, "trigger").value_or("");
    out.globs = split_globs(front_matter_value(fm, "globs"));
    out.mode = trigger == "always_on"        ? Mode::always
               : trigger == "glob"           ? Mode::glob
               : trigger == "model_decision" ? Mode::described
                                             : Mode::manual;
    break;
  }
  case Selector::kiro: {
    const auto inclusion = front_matter_value(fm, "inclusion").value_or("always");
    out.globs = split_globs(front_matter_value(fm, "fileMatchPattern"));
    out.mode = inclusion == "always"      ? Mode::always
               : inclusion == "fileMatch" ? Mode::glob
               : inclusion == "auto"      ? Mode::described
                                          : Mode::manual;
    break;
  }
  case Selector::paths:
    out.globs = split_globs(front_matter_value(fm, "paths"));
    out.mode = out.globs.empty() ? Mode::always : Mode::glob;
    break;
  case Selector::augment: {
    const auto type = front_matter_value(fm, "type").value_or("manual");
    out.mode = type == "always_apply"      ? Mode::always
               : type == "agent_requested" ? Mode::described
                                           : Mode::manual;
    break;
  }
  case Selector::continue_dev:
    out.globs = split_globs(front_matter_value(fm, "globs"));
    out.mode =
        is_true(front_matter_value(fm, "alwaysApply")) || out.globs.empty() ? Mode::always : Mode::glob;
    break;
  }
  return out;
}

} // namespace tacit::doc
