// `tacit init`: the AGENTS.md written from facts alone (see agents_md.hpp). What goes into each section is
// collected first (plan.cpp), then written here in a fixed order.

#include "markdown_writer.hpp"
#include "plan.hpp"

#include <tacit/init/agents_md.hpp>

#include <array>

namespace tacit::init {

namespace {

constexpr std::array<std::string_view, 9> k_prevented{"TASK101", "TASK102", "TASK103", "TASK104", "TASK105",
                                                      "TASK107", "TASK108", "TASK109", "QUAL203"};

constexpr std::string_view k_claude_md = "@AGENTS.md\n";

// A section with its items and, after them, a block of commands; nothing when both are empty.
void section(MarkdownWriter& out, std::string_view heading, const std::vector<std::string>& items,
             const std::vector<std::string>& commands, std::string_view lead = {}) {
  if (items.empty() && commands.empty())
    return;
  out.heading(2, heading);
  if (!lead.empty())
    out.paragraph(lead);
  for (const auto& item : items)
    out.item(item);
  if (!commands.empty())
    out.commands(commands);
}

} // namespace

std::span<const std::string_view> prevented_rules() {
  return k_prevented;
}

std::string_view claude_md() {
  return k_claude_md;
}

std::string render_agents_md(const engine::Context& context, std::span<const engine::Finding> findings) {
  const auto plan = make_plan(context, findings);
  MarkdownWriter out;
  out.heading(1, "AGENTS.md");
  out.paragraph("Instructions for coding agents and contributors, written by `tacit init` from the "
                "repository's build files, tool configs, CI and history: every command below is one the "
                "repository defines.");
  section(out, "Setup", plan.setup_items, plan.setup);
  section(out, "Build", {}, plan.build);
  section(out, "Testing", {}, plan.test);
  section(out, "Linting and formatting", {}, plan.lint);
  section(out, "CI checks", plan.ci_items, plan.ci);
  section(out, "Before you commit", {}, plan.done,
          "Run these and make sure they pass before you commit or open a pull request:");
  section(out, "Generated code", plan.generated_items, plan.generate);
  section(out, "Releasing", plan.release_items, plan.release);
  section(out, "Commit messages", plan.commit_items, {});
  section(out, "Layout", plan.layout_items, {});
  section(out, "Contributing", plan.contributing_items, {});
  section(out, "Decisions", plan.decision_items, {});
  return out.str();
}

} // namespace tacit::init
