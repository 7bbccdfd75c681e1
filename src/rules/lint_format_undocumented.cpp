// TASK103 lint-format-undocumented: a formatter, linter or type checker is configured (or run by CI) and no
// doc says how to run it.

#include "fix_support.hpp"
#include "procedure_support.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/facts/ci.hpp>
#include <tacit/facts/setup.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace tacit::rules {

namespace {

using namespace procedure;

constexpr engine::RuleMeta k_meta{
    .id = "TASK103",
    .name = "lint-format-undocumented",
    .category = "TASK",
    .severity = engine::Severity::warning,
    .summary = "a formatter, linter or type checker is configured and no doc says how to run it",
    .docs =
        {
            .what_it_does =
                "Finds the formatters, linters and type checkers the repository uses: their config files "
                "(.clang-"
                "format, .clang-tidy, ESLint, Prettier, Biome, Stylelint, ruff, black, isort, mypy, flake8, "
                "pylint, pyright, golangci-lint, rustfmt, clippy, markdownlint, yamllint, ShellCheck, "
                "SwiftLint, "
                "RuboCop, Vale, typos, codespell, hadolint...), their sections in pyproject.toml, setup.cfg "
                "and "
                "tox.ini, package.json keys, Checkstyle/Spotless/ktlint/detekt plugins in Maven and Gradle "
                "builds, the hooks of .pre-commit-config.yaml, and the ones CI runs without a config (`cargo "
                "clippy`, `go vet`, an action such as `golangci/golangci-lint-action`, or a repository "
                "script CI runs that runs the tool as a command: a shell script's command lines, a Python "
                "script's argument lists and the command strings it hands to `subprocess` or `os.system`; "
                "not a package the script installs, queries or removes (`pip show pylint`, `uv pip "
                "uninstall pylint`), a name it looks up (`shutil.which`, `command -v`), its docstrings or "
                "messages). Configs under test, "
                "fixture (`test cases/`), example and third-party directories are not the repository's own. "
                "A "
                "tool is documented when a doc shows its command (`ruff check`, `npx eslint`, `cargo "
                "clippy`; "
                "inline code such as `ruff` counts, prose does not), a documented target whose recipe runs "
                "it "
                "(make targets with their prerequisites, both branches of an ifeq and the pattern rule "
                "`clippy-%`"
                " for `make clippy-full`; package scripts, just, Taskfile, `tox -e ENV`, `nox -s SESSION`, "
                "poe, "
                "hatch and pdm scripts, a bare `mvn` that runs the root pom's <defaultGoal> (`clean verify "
                "checkstyle:check`); a target that runs a repository script runs what the script runs), a "
                "documented repository script that runs it (`./scripts/lint`, `bash scripts/check.sh`, "
                "`python "
                "tools/lint.py`: tacit reads the script), a documented `pre-commit run` (or a contributor "
                "doc "
                "that says to install and run pre-commit) when it is a pre-commit hook, or a documented lint "
                "target (`make lint`, `npm run lint`) or format target (`make fmt`, `make pretty`) whose "
                "recipe "
                "runs no tool tacit knows. A config that nothing runs (no CI step, hook, target, script or "
                "build "
                "plugin, and no lint workflow of another repository that CI calls) is not reported: there is "
                "no "
                "procedure to write down. Tools that the same command runs (`tox run -e typing` runs mypy "
                "and "
                "pyright; an undocumented `make lint` runs gofmt and rubocop) are one finding that names "
                "them "
                "all, at the first one's place; otherwise one finding per tool, at its config file (or the "
                "CI "
                "line that runs it); hooks of an undocumented pre-commit are reported once, as pre-commit. "
                "The "
                "hint is a command to paste: what CI runs, with the step's working directory (`cd web && npm "
                "run "
                "check`, `make -C api lint`) and without CI-only variables, downloaded tool paths or CI "
                "output "
                "formats; else the repository's own target or script in the runner's syntax (`tox run -e "
                "typing`,"
                " `nox -s lint`). A lint or format command CI runs is reported here, not by TASK104.",
            .why_it_matters =
                "An agent that does not know the formatter and the linters writes code that fails them, and "
                "learns it from a red CI run or a reviewer. Config files say that a tool is used, not how to "
                "run "
                "it: with which wrapper, on which files, with --fix or --check.",
            .example =
                "A Python project configures ruff in pyproject.toml and its README never mentions it:\n\n"
                "```\npyproject.toml:12:1: TASK103 the linter ruff is configured (pyproject.toml) but no "
                "doc says how to run it\n  hint: add `ruff check . && ruff format --check .` to AGENTS.md "
                "under a \"Linting\" section\n```",
            .how_to_fix =
                "Write the commands that lint and format the code (or the task runner target that runs "
                "them, or `pre-commit run --all-files`) in the context file an agent reads first, and "
                "say whether to run them before every commit.",
        },
    .fixable = true,
    .heavy = true,
};

// What shows that a tool is used.
struct Evidence {
  const facts::ToolInfo* info = nullptr;
  std::optional<facts::ToolConfig> config;
  std::vector<engine::Location> hooks;
  std::vector<engine::Location> ci;
  std::string ci_command; ///< the first command CI runs it with that a developer can paste
  bool run = false;       ///< CI, a hook, a task-runner target, a script or the build runs it
};

// What one finding says about one tool.
struct Planned {
  const Evidence* evidence = nullptr;
  std::string command; ///< the hint's command
};

std::string_view kind_noun(std::string_view kind) {
  if (kind == "format")
    return "formatter";
  if (kind == "typecheck")
    return "type checker";
  return "linter";
}

// The tool kinds a generic task-runner target covers (`make lint`, `npm run format`, `just typecheck`).
std::set<std::string> kinds_of_target(std::string_view target) {
  auto name = util::to_lower(util::base_name(target)); // a script: scripts/lint.sh
  if (const auto dot = name.rfind('.'); dot != std::string::npos && dot > 0)
    name.resize(dot);
  if (name.starts_with("lint"))
    return {"lint", "typecheck"};
  if (name.starts_with("fmt") || name.starts_with("format") || name == "check-format" ||
      name == "check-fmt" || name == "pretty" || name == "prettify" || name == "beautify")
    return {"format"};
  if (name == "typecheck" || name == "type-check" || name == "types" || name == "typing" || name == "mypy")
    return {"typecheck"};
  if (name == "style" || name == "check-style")
    return {"lint", "format"};
  return {};
}

// A word as a shell reads it back (globs stay unquoted: CI wrote them for the shell to expand).
std::string shell_quoted(const std::string& word) {
  if (!word.empty() && word.find_first_of(" \t'\";&|<>()") == std::string::npos)
    return word;
  return fmt::format("'{}'", word);
}

// The command a developer can paste for what CI runs, or "" when it depends on CI: `${{ }}` or shell
// variables, a tool CI downloads to a path of its own (`bin/golangci-lint`: the tool's own name is
// pasteable), options that only format for CI (`--out-format=github-actions`). The step's working directory
// comes along (`cd playground && npm run check`, `make -C api lint`).
std::string pasteable(const engine::Context& context, const std::vector<std::string>& words,
                      std::string_view directory) {
  if (words.empty() || words.front() == "xargs")
    return {}; // its input comes from the pipe before it
  std::vector<std::string> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& word = words[i];
    if (word.find_first_of("$`") != std::string::npos)
      return {};
    if (word.starts_with('-') && util::contains(util::to_lower(word), "github"))
      continue;
    if (i == 0 && word.find('/') != std::string::npos && !context.path_exists(word)) {
      // A package's binary (`./node_modules/.bin/markdownlint-cli2`) runs through the package runner.
      const bool package_binary = word.find("node_modules/.bin/") != std::string::npos;
      out.emplace_back(package_binary ? fmt::format("npx {}", util::base_name(word))
                                      : std::string(util::base_name(word)));
      continue;
    }
    out.push_back(shell_quoted(word));
  }
  auto dir = std::string(directory);
  while (dir.starts_with("./"))
    dir.erase(0, 2);
  while (dir.ends_with('/'))
    dir.pop_back();
  if (dir.empty() || dir == ".")
    return util::join(out, " ");
  if (dir.find_first_of("$`") != std::string::npos || dir.starts_with('/') || dir.starts_with(".."))
    return {};
  if (out.front() == "make")
    return fmt::format("make -C {} {}", dir,
                       util::join(std::vector<std::string>(out.begin() + 1, out.end()), " "));
  return fmt::format("cd {} && {}", dir, util::join(out, " "));
}

// How a developer runs a target of a runner (`tox run -e typing`, not `tox typing`), from `directory`; a
// package script with the project's package manager (`pnpm run format` where pnpm-lock.yaml is).
std::string run_target(std::string_view runner, std::string_view target, std::string_view directory,
                       std::string_view package_manager = "npm") {
  std::string run;
  if (runner == "npm")
    run = fmt::format("{} run {}", package_manager, target);
  else if (runner == "tox")
    run = fmt::format("tox run -e {}", target);
  else if (runner == "nox")
    run = fmt::format("nox -s {}", target);
  else if (runner == "hatch" || runner == "pdm")
    run = fmt::format("{} run {}", runner, target);
  else if (runner == "cargo-alias")
    run = fmt::format("cargo {}", target);
  else if (runner == "script")
    run = target.ends_with(".py") ? fmt::format("python {}", target) : fmt::format("./{}", target);
  else if (runner == "make" || runner == "just" || runner == "task" || runner == "poe")
    run = fmt::format("{} {}", runner, target);
  else
    return {}; // CMake presets are no lint procedure
  if (directory.empty())
    return run;
  if (runner == "make")
    return fmt::format("make -C {} {}", directory, target);
  return fmt::format("cd {} && {}", directory, run);
}

class LintFormatUndocumented final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    auto tools = collect(context);
    if (tools.empty())
      return out.not_applicable("no formatter or linter configured");
    std::set<std::string> documented;
    std::set<std::string> kinds;
    documented_tools(context, documented, kinds);
    const bool pre_commit =
        documents_pre_commit(context) || documented.contains("pre-commit") || names_pre_commit(context);

    std::vector<std::string> folded; // undocumented hooks of an undocumented pre-commit
    std::vector<engine::Location> folded_evidence;
    std::vector<std::vector<Planned>> findings; // one per command: tools run by one target are one gap
    const bool opaque_lint = runs_remote_lint_workflow(context);
    for (auto& [name, evidence] : tools) {
      if (name == "pre-commit" || documented.contains(name) ||
          kinds.contains(std::string(evidence.info->kind)))
        continue;
      if (!evidence.hooks.empty()) {
        if (pre_commit)
          continue;
        folded.push_back(name);
        if (evidence.config)
          folded_evidence.push_back(config_location(*evidence.config));
        continue;
      }
      Planned plan{&evidence, evidence.ci_command};
      if (plan.command.empty())
        plan.command = target_running(context, *evidence.info);
      // A config that nothing runs (no CI step, hook, target, script or build) is no procedure to document;
      // a lint workflow of another repository may run it (what it runs is not written here).
      if (!evidence.run && plan.command.empty() && !opaque_lint)
        continue;
      if (plan.command.empty())
        plan.command = evidence.config ? evidence.config->suggested_command
                                       : std::string(evidence.info->suggested_command);
      const auto same = std::find_if(findings.begin(), findings.end(), [&](const auto& group) {
        return group.front().command == plan.command;
      });
      if (same != findings.end())
        same->push_back(std::move(plan));
      else
        findings.push_back({std::move(plan)});
    }
    for (const auto& group : findings)
      report_group(context, out, group);
    // pre-commit itself: when it runs hooks the docs do not cover, when CI runs it, or when none of its hooks
    // is a tool tacit knows (trailing-whitespace, check-yaml...).
    const auto it = tools.find("pre-commit");
    if (it == tools.end() || pre_commit || (kinds.contains("lint") && folded.empty()))
      return;
    const bool known_hooks = std::any_of(tools.begin(), tools.end(),
                                         [](const auto& entry) { return !entry.second.hooks.empty(); });
    if (!folded.empty() || !it->second.ci.empty() || !known_hooks)
      report(context, out, it->second, folded, std::move(folded_evidence));
  }

private:
  // Gating CI that calls a lint workflow or action of another repository that tacit does not know
  // (`uses: org/meta/.github/workflows/lint.yml@main`).
  static bool runs_remote_lint_workflow(const engine::Context& context) {
    const Gate gate(context.ci());
    for (const auto& action : context.ci().actions) {
      facts::CiCommand where;
      where.path = action.path;
      where.job = action.job;
      where.step = action.step;
      const auto uses = util::to_lower(action.uses);
      if (!action.plumbing && !uses.starts_with("./") && util::contains(uses, "lint") &&
          !facts::tool_of_action(action.uses) && gate(where))
        return true;
    }
    return false;
  }

  // A contributor or agent doc that sends the reader to pre-commit without a command ("we use pre-commit,
  // install it and run it over your changes", a link to pre-commit.com or to the .pre-commit-config.yaml):
  // the hooks are the documented way to run their tools.
  static bool names_pre_commit(const engine::Context& context) {
    if (!context.snapshot().find(".pre-commit-config.yaml"))
      return false;
    for (const auto& document : context.documents()) {
      if (document.kind != doc::DocKind::contributing && document.kind != doc::DocKind::agent_context)
        continue;
      for (const auto& link : document.links) {
        const auto target = util::to_lower(link.target);
        if (util::contains(target, "pre-commit.com") || target.ends_with(".pre-commit-config.yaml"))
          return true;
      }
      // A paragraph that names pre-commit and says to install or run it.
      std::string paragraph;
      const auto says_so = [](const std::string& text) {
        const auto lower = util::to_lower(text);
        return util::contains(lower, "pre-commit") &&
               (util::contains(lower, "install") || util::contains(lower, " run"));
      };
      for (auto line : util::split_lines(document.text)) {
        if (!util::trim(line).empty()) {
          paragraph.append(line).append(" ");
          continue;
        }
        if (says_so(paragraph))
          return true;
        paragraph.clear();
      }
      if (says_so(paragraph))
        return true;
    }
    return false;
  }

  static engine::Location config_location(const facts::ToolConfig& config) {
    return engine::Location{config.path, config.line, 0, fmt::format("{} is configured here", config.tool)};
  }

  // Every tool the repository uses, by name: configs, pre-commit hooks, what gating CI runs.
  static std::map<std::string, Evidence> collect(const engine::Context& context) {
    std::map<std::string, Evidence> tools;
    const auto add = [&tools](const facts::ToolInfo* info) -> Evidence& {
      auto& evidence = tools[std::string(info->tool)];
      evidence.info = info;
      return evidence;
    };
    const auto& facts = context.facts();
    for (const auto& config : facts.tools)
      if (const auto* info = facts::find_tool(config.tool)) {
        auto& evidence = add(info);
        evidence.config = config;
        // A Maven or Gradle plugin runs in the build (checkstyle in `mvn verify`, `gradle check`).
        const auto file = util::base_name(config.path);
        evidence.run = evidence.run || info->tool == "pre-commit" || file == "pom.xml" ||
                       file.starts_with("build.gradle");
      }
    for (const auto& hook : facts.pre_commit_hooks) {
      std::vector<const facts::ToolInfo*> run;
      for (const auto& info : facts::known_tools())
        if (std::find(info.hooks.begin(), info.hooks.end(), hook.id) != info.hooks.end())
          run.push_back(&info);
      if (run.empty() && !hook.entry.empty())
        for (const auto& words : doc::split_commands(hook.entry))
          for (const auto* info : tools_run_by(context, words, true))
            run.push_back(info);
      for (const auto* info : run) {
        if (info->tool == "pre-commit")
          continue;
        auto& evidence = add(info);
        evidence.run = true;
        evidence.hooks.push_back(
            engine::Location{hook.path, hook.line, 0, fmt::format("pre-commit hook '{}' runs it", hook.id)});
      }
    }
    const auto& ci = context.ci();
    const Gate gate(ci);
    for (const auto& command : ci.commands) {
      if (command.plumbing || command.foreign || !gate(command) || is_release_job(command))
        continue;
      for (const auto& words : doc::split_commands(without_parameters(command.text))) {
        if (facts::is_plumbing_command(words))
          continue;
        for (const auto* info : tools_run_by(context, words, true)) {
          auto& evidence = add(info);
          evidence.run = true;
          if (evidence.ci_command.empty())
            evidence.ci_command = pasteable(context, words, command.working_directory);
          evidence.ci.push_back(engine::Location{command.path, command.line, command.column,
                                                 fmt::format("CI job '{}' runs it", command.job)});
        }
      }
    }
    for (const auto& action : ci.actions) {
      const auto* info = facts::tool_of_action(action.uses);
      facts::CiCommand where;
      where.path = action.path;
      where.job = action.job;
      where.step = action.step;
      if (!info || !gate(where) || is_release_job(where))
        continue;
      auto& evidence = add(info);
      evidence.run = true;
      evidence.ci.push_back(engine::Location{
          action.path, action.line, 0, fmt::format("CI job '{}' runs it ({})", action.job, action.uses)});
    }
    return tools;
  }

  // The tools the docs show how to run, and the kinds of tool a documented generic target covers.
  static void documented_tools(const engine::Context& context, std::set<std::string>& tools,
                               std::set<std::string>& kinds) {
    const auto& recipes = documented_recipes(context, true);
    for (const auto& info : facts::known_tools())
      if (recipe_runs(recipes, info.commands))
        tools.emplace(info.tool);
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& mention : context.knowledge().commands()) {
      std::vector<const facts::ToolInfo*> named;
      add_tools_named(mention.words, true, named);
      add_tools_named(mention.peeled, false, named);
      for (const auto* info : named)
        tools.emplace(info->tool);
      auto targets = runner_targets(mention.words);
      if (!mention.peeled.empty())
        for (auto& target : runner_targets(mention.peeled))
          targets.push_back(std::move(target));
      for (const auto& target : targets) {
        const auto covered = kinds_of_target(target.second);
        if (covered.empty() || !seen.insert(target).second)
          continue;
        if (target.first == "script" && !context.facts().scripts.targets.contains(target.second))
          continue; // `fmt/format.h` in inline code is no lint script

        const auto recipe = recipe_of(context, target.first, target.second, true);
        bool opaque = true; // a recipe tacit cannot see, or one that runs no tool it knows
        for (const auto& info : facts::known_tools())
          opaque = opaque && !recipe_runs(recipe, info.commands);
        if (opaque)
          kinds.insert(covered.begin(), covered.end());
      }
    }
  }

  // A task-runner target or a repository script that runs the tool (`npm run format` whose script runs
  // prettier), the shallowest first: the repository's own way to run it is the best hint.
  static std::string target_running(const engine::Context& context, const facts::ToolInfo& info) {
    std::string best;
    std::size_t best_depth = 0;
    for (const auto& set : context.facts().target_sets) {
      const auto dir = util::dir_name(set.path);
      const auto depth = dir.empty() ? 0 : std::count(dir.begin(), dir.end(), '/') + 1;
      if (!best.empty() && static_cast<std::size_t>(depth) >= best_depth)
        continue;
      for (const auto& [target, recipe] : set.recipes) {
        if (target.find('%') != std::string::npos || !recipe_runs(recipe, info.commands))
          continue;
        const auto manager = set.runner == "npm"
                                 ? facts::node_package_manager(context.files(), dir, "", context.file_cache())
                                 : std::string();
        if (auto run = run_target(set.runner, target, dir, manager); !run.empty()) {
          best = std::move(run);
          best_depth = static_cast<std::size_t>(depth);
          break;
        }
      }
    }
    if (!best.empty())
      return best;
    const auto& scripts = context.facts().scripts;
    for (const auto& [path, line] : scripts.targets)
      if (recipe_runs(recipe_of(context, "script", path, true), info.commands))
        return run_target("script", path, "");
    return best;
  }

  // One finding for tools that the same command runs (`tox run -e typing` runs mypy and pyright): at the
  // first tool's place, naming them all.
  static void report_group(const engine::Context& context, engine::Emitter& out,
                           const std::vector<Planned>& group) {
    const auto& first = *group.front().evidence;
    if (group.size() == 1) {
      report(context, out, first, {}, {}, group.front().command);
      return;
    }
    std::vector<std::string> names;
    std::vector<engine::Location> related;
    for (const auto& plan : group) {
      const auto& info = *plan.evidence->info;
      names.push_back(fmt::format("the {} {}", kind_noun(info.kind), info.tool));
      if (&plan != &group.front()) {
        if (plan.evidence->config)
          related.push_back(config_location(*plan.evidence->config));
        else if (!plan.evidence->ci.empty())
          related.push_back(plan.evidence->ci.front());
      }
    }
    const auto message =
        fmt::format("{} and {} run through `{}` but no doc says how to run them",
                    util::join(std::vector<std::string>(names.begin(), names.end() - 1), ", "), names.back(),
                    group.front().command);
    const bool formatters = std::all_of(
        group.begin(), group.end(), [](const auto& plan) { return plan.evidence->info->kind == "format"; });
    report(context, out, first, {}, std::move(related), group.front().command, message,
           formatters ? "Formatting" : "Linting");
  }

  static void report(const engine::Context& context, engine::Emitter& out, const Evidence& evidence,
                     const std::vector<std::string>& folded, std::vector<engine::Location> related = {},
                     std::string command = {}, std::string override_message = {},
                     std::string_view section = {}) {
    const auto& info = *evidence.info;
    std::string message;
    engine::Location location;
    if (evidence.config) {
      location = engine::Location{evidence.config->path, evidence.config->line, 1, {}};
      message = info.tool == "pre-commit"
                    ? fmt::format("pre-commit hooks are configured ({})", evidence.config->path)
                    : fmt::format("the {} {} is configured ({})", kind_noun(info.kind), info.tool,
                                  evidence.config->path);
    } else if (!evidence.ci.empty()) {
      location = evidence.ci.front();
      location.note.clear();
      message = fmt::format("CI runs the {} {}", kind_noun(info.kind), info.tool); // the hint has the command
    } else {
      return;
    }
    if (!folded.empty())
      message = fmt::format("pre-commit runs {} ({})", util::join(folded, ", "),
                            evidence.config ? evidence.config->path : location.path);
    message += " but no doc says how to run it";
    if (!override_message.empty())
      message = std::move(override_message);
    auto& finding = out.emit(message, location, std::string(info.tool));
    if (command.empty())
      command = evidence.ci_command;
    if (command.empty())
      command = target_running(context, info);
    if (command.empty())
      command = evidence.config ? evidence.config->suggested_command : std::string(info.suggested_command);
    const std::string_view section_name = !section.empty()        ? std::string_view(section)
                                          : info.kind == "format" ? "Formatting"
                                                                  : "Linting";
    finding.hint = fmt::format("add `{}` to {} under a \"{}\" section", command,
                               context.primary_context_file(), section_name);
    finding.fix = fixes::procedure_fix(context, section_name, command);
    for (const auto& hook : evidence.hooks)
      related.push_back(hook);
    for (std::size_t i = evidence.config ? 0 : 1; i < evidence.ci.size() && related.size() < 6; ++i)
      related.push_back(evidence.ci[i]);
    std::vector<engine::Location> unique; // tools run by one CI line share its evidence
    for (auto& place : related)
      if (std::none_of(unique.begin(), unique.end(), [&](const auto& seen) {
            return seen.path == place.path && seen.line == place.line && seen.column == place.column;
          }))
        unique.push_back(std::move(place));
    finding.related = std::move(unique);
  }
};

} // namespace

TACIT_RULE(LintFormatUndocumented)

} // namespace tacit::rules
