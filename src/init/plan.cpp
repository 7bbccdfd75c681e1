// What each section of init's AGENTS.md holds (see plan.hpp). Facts first (a build system's command, a test
// suite's, a configured tool's, the root task-runner targets named for a procedure), then what the
// procedure rules' hints ask for, each command once.

#include "plan.hpp"

#include <tacit/facts/ci.hpp>
#include <tacit/facts/setup.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace tacit::init {

namespace {

void add(std::vector<std::string>& list, std::string value) {
  if (!value.empty() && std::ranges::find(list, value) == list.end())
    list.push_back(std::move(value));
}

// Prose taken from the repository, made safe for Markdown: emphasis and HTML characters are escaped.
std::string prose(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '*' || c == '_' || c == '<' || c == '>' || c == '[' || c == ']' || c == '`')
      out += '\\';
    out += c;
  }
  return out;
}

// `text` as a code span (a path, a command), or "" when it cannot be one.
std::string code(std::string_view text) {
  if (text.empty() || text.find('`') != std::string_view::npos || text.find('\n') != std::string_view::npos)
    return {};
  return fmt::format("`{}`", text);
}

std::string capitalised(std::string text) {
  if (!text.empty())
    text.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(text.front())));
  return text;
}

// The first `limit` of `names`, comma-separated, then how many more there are.
std::string listed(const std::vector<std::string>& names, std::size_t limit, std::string_view more) {
  if (names.size() <= limit)
    return util::join(names, ", ");
  const std::vector<std::string> first(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(limit));
  return fmt::format("{} and {} more {}", util::join(first, ", "), names.size() - limit, more);
}

// The sections of init that a hint's section name stands for.
enum class Area { setup, build, test, lint, ci };

Area area_of(std::string_view section) {
  const auto lower = util::to_lower(section);
  if (util::contains(lower, "setup") || util::contains(lower, "install"))
    return Area::setup;
  if (util::contains(lower, "test"))
    return Area::test;
  if (util::contains(lower, "build") || util::contains(lower, "compil"))
    return Area::build;
  if (util::contains(lower, "lint") || util::contains(lower, "format") || util::contains(lower, "typ") ||
      util::contains(lower, "style"))
    return Area::lint;
  return Area::ci;
}

std::vector<std::string>& list_of(Plan& plan, Area area) {
  switch (area) {
  case Area::setup:
    return plan.setup;
  case Area::build:
    return plan.build;
  case Area::test:
    return plan.test;
  case Area::lint:
    return plan.lint;
  case Area::ci:
    break;
  }
  return plan.ci;
}

// Root task-runner targets whose names say what they do, as the commands that run them.
constexpr std::array<std::string_view, 2> k_build_targets{"build", "compile"};
constexpr std::array<std::string_view, 8> k_lint_targets{
    "lint", "format", "fmt", "typecheck", "type-check", "check-format", "fmt-check", "vet"};
constexpr std::array<std::string_view, 7> k_generate_targets{"generate",   "gen",          "codegen", "regen",
                                                             "regenerate", "generate-all", "gen-all"};

// The command that runs `target` of `set`, or "" for a runner init does not write commands for.
std::string target_command(const engine::Context& context, const facts::TargetSet& set,
                           std::string_view target) {
  if (set.runner == "make" || set.runner == "just" || set.runner == "task")
    return set.path == "Makefile" || set.runner != "make" ? fmt::format("{} {}", set.runner, target)
                                                          : fmt::format("make -f {} {}", set.path, target);
  if (set.runner == "npm") {
    const auto manager = facts::node_package_manager(context.files(), "", "", context.file_cache());
    return fmt::format("{} run {}", manager, target);
  }
  if (set.runner == "tox")
    return fmt::format("tox -e {}", target);
  if (set.runner == "nox")
    return fmt::format("nox -s {}", target);
  return {};
}

// The commands of the root targets named one of `names`, in the order of `names`.
std::vector<std::string> root_targets(const engine::Context& context,
                                      std::span<const std::string_view> names) {
  std::vector<std::string> out;
  for (const auto name : names)
    for (const auto& set : context.facts().target_sets) {
      if (set.path.find('/') != std::string::npos || (set.runner == "npm" && set.path != "package.json"))
        continue;
      if (set.targets.contains(std::string(name)))
        add(out, target_command(context, set, name));
    }
  return out;
}

void setup_facts(const engine::Context& context, Plan& plan) {
  for (const auto& pin : context.facts().toolchain_pins) {
    if (pin.weak)
      continue;
    const auto version = pin.version.empty() ? std::string() : " " + prose(pin.version);
    const auto manager =
        pin.manager.empty() ? std::string() : fmt::format(", read by {}", prose(pin.manager));
    add(plan.setup_items, fmt::format("Install {}{} (pinned in {}{}).", prose(pin.tool), version,
                                      code(pin.evidence.path), manager));
  }
  for (const auto& file : context.facts().setup_files) {
    if (file.kind == "devcontainer")
      add(plan.setup_items, fmt::format("A dev container is defined in {}.", code(file.evidence.path)));
    add(plan.setup, file.install_command);
  }
}

void procedure_facts(const engine::Context& context, std::span<const engine::Finding> findings, Plan& plan) {
  const auto& facts = context.facts();
  for (const auto& system : facts.build_systems)
    add(plan.build, system.suggested_command);
  for (auto& command : root_targets(context, k_build_targets))
    add(plan.build, std::move(command));
  for (const auto& suite : facts.test_suites)
    add(plan.test, suite.suggested_command);
  // A tool that TASK103 reports gets the command of its hint (the one CI runs) instead of the generic one.
  for (const auto& tool : facts.tools)
    if (std::ranges::none_of(findings, [&](const engine::Finding& finding) {
          return finding.rule_id == "TASK103" && finding.subject == tool.tool;
        }))
      add(plan.lint, tool.suggested_command);
  for (auto& command : root_targets(context, k_lint_targets))
    add(plan.lint, std::move(command));
}

void ci_facts(const engine::Context& context, Plan& plan) {
  std::set<std::string> pipelines;
  for (const auto& command : context.ci().commands)
    if (!command.plumbing && !command.foreign)
      pipelines.insert(command.pipeline.empty() ? command.path : command.pipeline);
  if (pipelines.empty())
    return;
  std::vector<std::string> names;
  for (const auto& path : pipelines)
    names.push_back(code(path));
  add(plan.ci_items, fmt::format("CI runs from {}; the commands it runs that are not listed above:",
                                 listed(names, 6, "files")));
}

void generated_facts(const engine::Context& context, Plan& plan) {
  const auto& files = context.facts().generated_files;
  for (const auto& group : facts::group_generated(files)) {
    std::vector<std::string> places;
    for (const auto& dir : group.directories)
      if (!dir.empty())
        places.push_back(code(dir + "/"));
    if (places.empty() || std::ranges::find(group.directories, std::string()) != group.directories.end())
      for (const auto index : group.files)
        if (util::dir_name(files[index].path).empty())
          places.push_back(code(files[index].path));
    const auto by = group.linguist            ? std::string("Marked linguist-generated in `.gitattributes`")
                    : group.generator.empty() ? std::string("Generated files")
                                              : fmt::format("Generated by {}", prose(group.generator));
    add(plan.generated_items,
        fmt::format("{} ({} file{}), not to be edited by hand: {}.", by, group.files.size(),
                    group.files.size() == 1 ? "" : "s", listed(places, 8, "places")));
  }
  if (!plan.generated_items.empty())
    for (auto& command : root_targets(context, k_generate_targets))
      add(plan.generate, std::move(command));
}

void release_facts(const engine::Context& context, Plan& plan) {
  auto mechanisms = context.facts().release_mechanisms;
  for (auto& workflow : facts::release_workflows(context.ci()))
    mechanisms.push_back(std::move(workflow));
  for (const auto& mechanism : mechanisms) {
    const auto& evidence = mechanism.evidence;
    const auto note = evidence.note.empty() ? prose(mechanism.kind) : prose(evidence.note);
    add(plan.release_items, fmt::format("{}: {}.", code(evidence.path), note));
    add(plan.release, mechanism.command);
  }
}

void structure_facts(const engine::Context& context, Plan& plan) {
  const auto& facts = context.facts();
  for (const auto& doc : facts.architecture_docs)
    if (doc.kind == "file")
      add(plan.layout_items, fmt::format("{} maps the code.", code(doc.path)));
  // The top-level source modules, the largest first when there are many.
  auto modules = facts.source_size.modules;
  std::ranges::stable_sort(modules, std::ranges::greater{}, &facts::SourceModule::source_files);
  if (modules.size() >= 2) {
    std::vector<std::string> names;
    for (const auto& module : modules)
      names.push_back(fmt::format("{} ({} source file{})", code(module.path + "/"), module.source_files,
                                  module.source_files == 1 ? "" : "s"));
    add(plan.layout_items, fmt::format("Top-level source modules: {}.", listed(names, 12, "modules")));
  }
  std::set<std::string> guides; // the folders of the other contribution guides
  for (const auto& file : facts.contribution_files) {
    if (file.kind == "contributing" && util::to_lower(util::base_name(file.path)).starts_with("contributing"))
      add(plan.contributing_items, fmt::format("Read {} before you open a pull request.", code(file.path)));
    else if (file.kind == "contributing" || file.kind == "guide")
      guides.insert(std::string(util::dir_name(file.path)));
    else if (file.kind == "pr-template")
      add(plan.contributing_items, fmt::format("Pull requests fill in {}.", code(file.path)));
    else if (file.kind == "codeowners")
      add(plan.contributing_items, fmt::format("{} names the reviewers of each path.", code(file.path)));
    else if (file.kind == "commit-lint")
      add(plan.commit_items, fmt::format("{} checks commit messages.", code(file.path)));
  }
  for (const auto& dir : guides)
    add(plan.contributing_items, fmt::format("More contribution guides: {}.",
                                             dir.empty() ? std::string("at the root") : code(dir + "/")));
  for (const auto& log : facts.decision_logs) {
    const auto where = log.dir.empty() ? std::string("the repository root") : code(log.dir + "/");
    add(plan.decision_items,
        fmt::format("Decision records are kept in {}{}.", where,
                    log.template_path.empty() ? std::string()
                                              : fmt::format(" (template: {})", code(log.template_path))));
  }
  for (const auto& doc : facts.decision_docs)
    add(plan.decision_items, fmt::format("{} records decisions.", code(doc.path)));
}

// What the hints of the prevented rules ask for, in the section they name.
void hinted(std::span<const engine::Finding> findings, Plan& plan) {
  for (const auto& finding : findings) {
    if (finding.rule_id == "TASK107") {
      // "add a "Commit messages" section to AGENTS.md: subjects follow ..., e.g. `feat: x`"
      const auto colon = finding.hint.find(": ");
      auto item =
          colon == std::string::npos ? std::string() : capitalised(finding.hint.substr(colon + 2)) + ".";
      if (!item.empty() && std::ranges::find(plan.commit_items, item) == plan.commit_items.end())
        plan.commit_items.insert(plan.commit_items.begin(), std::move(item));
      continue;
    }
    const auto hint = hinted_command(finding.hint);
    if (!hint)
      continue;
    add(list_of(plan, area_of(hint->section)), hint->command);
  }
}

} // namespace

std::optional<HintedCommand> hinted_command(std::string_view hint) {
  if (!hint.starts_with("add `"))
    return std::nullopt;
  const auto end = hint.find('`', 5);
  const auto under = hint.find(" under a \"");
  if (end == std::string_view::npos || under == std::string_view::npos || under < end)
    return std::nullopt;
  const auto close = hint.find('"', under + 10);
  if (close == std::string_view::npos)
    return std::nullopt;
  return HintedCommand{std::string(hint.substr(5, end - 5)),
                       std::string(hint.substr(under + 10, close - under - 10))};
}

Plan make_plan(const engine::Context& context, std::span<const engine::Finding> findings) {
  Plan plan;
  setup_facts(context, plan);
  procedure_facts(context, findings, plan);
  ci_facts(context, plan);
  generated_facts(context, plan);
  release_facts(context, plan);
  structure_facts(context, plan);
  hinted(findings, plan);
  // A command listed in an earlier section is not repeated under CI checks.
  std::erase_if(plan.ci, [&](const std::string& command) {
    for (const auto* list : {&plan.setup, &plan.build, &plan.test, &plan.lint})
      if (std::ranges::find(*list, command) != list->end())
        return true;
    return false;
  });
  if (plan.ci.empty())
    plan.ci_items.clear();
  // The definition of done: the tests and the checks, as CI runs them.
  for (const auto* list : {&plan.test, &plan.lint})
    for (const auto& command : *list)
      add(plan.done, command);
  if (plan.done.empty())
    plan.done = plan.ci;
  return plan;
}

} // namespace tacit::init
