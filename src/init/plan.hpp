#pragma once
// What each section of init's AGENTS.md holds, collected from the facts and the procedure rules' findings
// before anything is written. Internal to src/init/.

#include <tacit/engine/context.hpp>
#include <tacit/engine/finding.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::init {

/// The content of each section: list items (prose, wrapped) and commands (a fenced block), in order, each
/// once.
struct Plan {
  std::vector<std::string> setup_items, setup;
  std::vector<std::string> build;
  std::vector<std::string> test;
  std::vector<std::string> lint;
  std::vector<std::string> ci_items, ci;
  std::vector<std::string> done;
  std::vector<std::string> generated_items, generate;
  std::vector<std::string> release_items, release;
  std::vector<std::string> commit_items;
  std::vector<std::string> layout_items;
  std::vector<std::string> contributing_items;
  std::vector<std::string> decision_items;
};

/// The plan of the repository in `context`, from its facts and the findings of the prevented rules.
Plan make_plan(const engine::Context& context, std::span<const engine::Finding> findings);

/// A hint that asks for a command ("add `CMD` to AGENTS.md under a "Testing" section"): the command and the
/// section; nullopt for another hint.
struct HintedCommand {
  std::string command;
  std::string section;
};
std::optional<HintedCommand> hinted_command(std::string_view hint);

} // namespace tacit::init
