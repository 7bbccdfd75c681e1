// TASK105 setup-undocumented: toolchain pins or lockfiles exist and no doc explains the setup.

#include "fix_support.hpp"
#include "setup_explained.hpp"

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "TASK105",
    .name = "setup-undocumented",
    .category = "TASK",
    .severity = engine::Severity::warning,
    .summary = "toolchain pins or lockfiles exist and no doc explains the setup",
    .docs =
        {
            .what_it_does =
                "Reads the root files that say what a developer must install before anything builds: "
                "toolchain pins (.nvmrc, .node-version, package.json `packageManager`, .python-version, "
                "rust-toolchain.toml, .go-version, .java-version, .sdkmanrc, .ruby-version, .tool-versions, "
                "mise.toml) and lockfiles that need an install step (package-lock.json, pnpm-lock.yaml, "
                "yarn.lock, bun.lock, uv.lock, poetry.lock, Pipfile.lock, pdm.lock, Gemfile.lock, "
                "composer.lock). It reports each ecosystem for which no doc explains the setup. A doc "
                "explains it with any install or setup command of the ecosystem (`npm ci`, `pnpm install`, "
                "`uv sync`, `pip install -e .`, `bundle install`, `nvm use`, `asdf install`, `mise "
                "install`...), a setup target (`make setup`, `just bootstrap`, `./script/bootstrap`), a dev "
                "container or Nix shell it names, or by naming the toolchain in a setup section (Setup, "
                "Installation, Getting started, Prerequisites, Requirements, Development). Ranges that the "
                "tools check by themselves (engines.node, requires-python, go.mod's `go` line) are evidence "
                "only and Cargo.lock and go.sum need no install step; for Rust and Go any documented cargo "
                "or go command (or a make, just or task target) is enough (rustup installs a pinned "
                "toolchain on first use, go downloads the one go.mod asks for). Files below the root (an "
                "example's .nvmrc, a workspace package's lockfile) are not the repository's setup, and a "
                "dev container or a Nix shell is evidence, not a reason to report on its own.",
            .why_it_matters =
                "An agent starts in a fresh checkout. Without the setup step it runs the tests against the "
                "wrong "
                "Node or Python, or with no dependencies installed, or installs them with the wrong package "
                "manager and rewrites the lockfile, and then debugs failures that are not in the code.",
            .example =
                "A pnpm project that pins Node 20 and whose README only shows `pnpm test`:\n\n"
                "```\n.nvmrc:1:1: TASK105 the repository pins node 20 (.nvmrc) and locks dependencies "
                "with pnpm (pnpm-lock.yaml) but no doc says how to set up the environment\n  hint: add "
                "`nvm use && pnpm install --frozen-lockfile` to AGENTS.md under a \"Setup\" section\n```",
            .how_to_fix =
                "Write the setup commands (toolchain first, then dependencies) in a \"Setup\" section of "
                "the context file an agent reads first, or of README/CONTRIBUTING.",
        },
    .fixable = true,
};

// The command that applies a pin, "" when the manager needs none or has none.
std::string pin_command(const facts::ToolchainPin& pin) {
  static const std::map<std::string_view, std::string_view> k_commands{
      {"nvm", "nvm use"},         {"fnm", "fnm use"},
      {"pyenv", "pyenv install"}, {"rustup", "rustup toolchain install"},
      {"goenv", "goenv install"}, {"sdkman", "sdk env install"},
      {"rbenv", "rbenv install"}, {"asdf", "asdf install"},
      {"mise", "mise install"},   {"corepack", "corepack enable"}};
  const auto it = k_commands.find(pin.manager);
  return it == k_commands.end() ? std::string() : std::string(it->second);
}

// The evidence of one ecosystem.
struct Group {
  std::vector<const facts::ToolchainPin*> pins; ///< strong pins
  std::vector<const facts::ToolchainPin*> weak;
  std::vector<const facts::SetupFile*> locks;
};

engine::Location location_of(const facts::Provenance& evidence) {
  return engine::Location{evidence.path, evidence.line, 1, evidence.note};
}

// A lockfile's tool with the version packageManager pins for it ("pnpm 9.1.0").
std::string lock_tool(const facts::SetupFile& lock, const Group& group) {
  for (const auto* pin : group.pins)
    if (pin->manager == "corepack" && pin->tool == lock.tool && !pin->version.empty())
      return fmt::format("{} {}", lock.tool, pin->version);
  return lock.tool;
}

// "pins node 20 (.nvmrc) and locks dependencies with pnpm 9.1.0 (pnpm-lock.yaml)". Pins from one file are
// listed together; a packageManager pin of the lockfile's own tool is said with the lockfile.
std::string describe(const Group& group) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_file; // path -> "tool version"
  for (const auto* pin : group.pins) {
    const bool with_lock = std::any_of(group.locks.begin(), group.locks.end(), [&](auto* lock) {
      return pin->manager == "corepack" && lock->tool == pin->tool;
    });
    if (with_lock)
      continue;
    auto it =
        std::find_if(by_file.begin(), by_file.end(), [&](auto& e) { return e.first == pin->evidence.path; });
    if (it == by_file.end())
      it = by_file.insert(by_file.end(), {pin->evidence.path, {}});
    it->second.push_back(pin->version.empty() ? pin->tool : fmt::format("{} {}", pin->tool, pin->version));
  }
  std::vector<std::string> pinned;
  for (const auto& [path, tools] : by_file)
    pinned.push_back(fmt::format("{} ({})", util::join(tools, " and "), path));
  std::vector<std::string> locked;
  for (const auto* lock : group.locks)
    locked.push_back(fmt::format("{} ({})", lock_tool(*lock, group), lock->evidence.path));
  std::vector<std::string> parts;
  if (!pinned.empty())
    parts.push_back("pins " + util::join(pinned, ", "));
  if (!locked.empty())
    parts.push_back("locks dependencies with " + util::join(locked, " and "));
  return util::join(parts, " and ");
}

// The setup commands to suggest: the pins' managers first, then the first lockfile's install command.
std::vector<std::string> setup_commands(const Group& group) {
  std::vector<std::string> commands;
  const auto add = [&](std::string command) {
    if (!command.empty() && std::find(commands.begin(), commands.end(), command) == commands.end())
      commands.push_back(std::move(command));
  };
  const bool uv =
      std::any_of(group.locks.begin(), group.locks.end(), [](auto* f) { return f->tool == "uv"; });
  for (const auto* pin : group.pins)
    if (!(uv && pin->manager == "pyenv")) // uv installs the pinned Python itself
      add(pin_command(*pin));
  if (!group.locks.empty())
    add(group.locks.front()->install_command);
  return commands;
}

// Multi-tool version managers: an ecosystem they alone pin is reported with the manager's other tools.
bool only_manager_pins(const Group& group, std::string_view manager) {
  return group.locks.empty() && !group.pins.empty() &&
         std::all_of(group.pins.begin(), group.pins.end(), [&](auto* p) { return p->manager == manager; });
}

class SetupUndocumented final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& facts = context.facts();
    std::map<std::string, Group> groups;
    for (const auto& pin : facts.toolchain_pins)
      (pin.weak ? groups[pin.ecosystem].weak : groups[pin.ecosystem].pins).push_back(&pin);
    for (const auto& file : facts.setup_files)
      if (file.kind == "lockfile")
        groups[file.ecosystem].locks.push_back(&file);
    std::erase_if(groups, [](const auto& g) { return g.second.pins.empty() && g.second.locks.empty(); });
    if (groups.empty())
      return out.not_applicable("no toolchain pin or lockfile");
    if (setup::generally_explained(context))
      return;
    std::map<std::string, Group> undocumented;
    for (const auto& [name, group] : groups) {
      std::vector<std::string> tools;
      for (const auto* pin : group.pins)
        tools.push_back(pin->tool);
      if (setup::ecosystem_explained(context, name, tools))
        continue;
      std::string key = name;
      for (std::string_view manager : {"asdf", "mise", "sdkman"})
        if (only_manager_pins(group, manager))
          key = manager;
      auto& target = undocumented[key];
      target.pins.insert(target.pins.end(), group.pins.begin(), group.pins.end());
      target.weak.insert(target.weak.end(), group.weak.begin(), group.weak.end());
      target.locks.insert(target.locks.end(), group.locks.begin(), group.locks.end());
    }
    for (auto& [name, group] : undocumented) {
      std::sort(group.pins.begin(), group.pins.end(), [](auto* a, auto* b) {
        return std::tie(a->evidence.path, a->evidence.line) < std::tie(b->evidence.path, b->evidence.line);
      });
      report(context, name, group, out);
    }
  }

private:
  static void report(const engine::Context& context, std::string_view name, const Group& group,
                     engine::Emitter& out) {
    const auto& first = group.pins.empty() ? group.locks.front()->evidence : group.pins.front()->evidence;
    auto& finding = out.emit(
        fmt::format("the repository {} but no doc says how to set up the environment", describe(group)),
        engine::Location{first.path, first.line, 1, {}}, std::string(name));
    const auto commands = setup_commands(group);
    if (commands.empty())
      finding.hint =
          fmt::format("say to install {} {} ({}) in {} under a \"Setup\" section", group.pins.front()->tool,
                      group.pins.front()->version, first.path, context.primary_context_file());
    else {
      finding.hint = fmt::format("add `{}` to {} under a \"Setup\" section", util::join(commands, " && "),
                                 context.primary_context_file());
      finding.fix = fixes::procedure_fix(context, "Setup", util::join(commands, " && "));
    }
    for (const auto* pin : group.pins)
      if (&pin->evidence != &first)
        finding.related.push_back(location_of(pin->evidence));
    for (const auto* lock : group.locks)
      if (&lock->evidence != &first)
        finding.related.push_back(location_of(lock->evidence));
    for (const auto* pin : group.weak)
      finding.related.push_back(location_of(pin->evidence));
    for (const auto& file : context.facts().setup_files)
      if (file.kind != "lockfile")
        finding.related.push_back(location_of(file.evidence));
  }
};

} // namespace

TACIT_RULE(SetupUndocumented)

} // namespace tacit::rules
