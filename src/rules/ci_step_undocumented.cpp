// TASK104 ci-step-undocumented: a substantive CI step runs a command that no doc mentions.

#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/facts/ci.hpp>
#include <tacit/rules/builtin.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <map>
#include <set>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "TASK104",
    .name = "ci-step-undocumented",
    .category = "TASK",
    .severity = engine::Severity::warning,
    .summary = "a substantive CI step runs a command that no doc mentions",
    .docs = {
        .what_it_does =
            "Reads the commands that CI runs (GitHub Actions `run:` steps, local composite actions and "
            "reusable workflows; GitLab CI scripts with anchors, merges and `extends:`; CircleCI `run:` "
            "steps and reusable `commands:`; Azure Pipelines `script:`/`bash:`/`pwsh:` steps and local "
            "templates), leaves out plumbing (checkout, toolchain setup, caches, package installs, `echo`, "
            "`cd`...) and what does not gate changes (workflows and pipelines that run only on tags, "
            "releases, schedules or by hand; `trigger: none` with `pr: none`; CircleCI jobs whose workflows "
            "run them only on tags or schedules; GitLab jobs that run only on tags or schedules; release, "
            "publish and deploy jobs), and reports each command whose head no doc shows: `go test -race "
            "./...` is documented by `go test ./...`, `uv run pytest -x` by `pytest`, and a CI step is "
            "documented when a documented make target, just recipe or package script runs it (`make lint` "
            "whose recipe runs `golangci-lint`). Test and build commands are left to TASK102 and TASK101 "
            "where those apply. One finding per command, at its first CI line.",
        .why_it_matters =
            "CI is the definition of done that the team actually enforces. A check that only CI knows about "
            "is one an agent cannot run before it pushes: it learns about it from a red build, one round "
            "trip "
            "at a time.",
        .example =
            "A workflow runs `cargo clippy --all-targets -- -D warnings` and no doc mentions clippy:\n\n"
            "```\n.github/workflows/ci.yml:42:16: TASK104 CI runs 'cargo clippy' but no doc tells an "
            "agent to run it\n  hint: add `cargo clippy --all-targets -- -D warnings` to AGENTS.md "
            "under a \"Checks\" section\n```",
        .how_to_fix = "Write the command (or a task runner target that runs it) in the context file an agent "
                      "reads first, next to the tests, so that an agent runs what CI runs before it is done.",
    }};

// The text with CircleCI's `<< parameters.x >>` and `<< pipeline.x >>` written as `$PARAMETER`, so that
// they split as one word that is a variable, as `${{ matrix.x }}` and `$(var)` already are.
std::string without_parameters(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto open = text.find("<<");
    const auto close = open == std::string_view::npos ? open : text.find(">>", open + 2);
    const auto inner = close == std::string_view::npos ? std::string_view()
                                                       : util::trim(text.substr(open + 2, close - open - 2));
    if (!inner.starts_with("parameters.") && !inner.starts_with("pipeline.")) {
      if (open == std::string_view::npos || close == std::string_view::npos) {
        out += text;
        break;
      }
      out += text.substr(0, open + 2);
      text.remove_prefix(open + 2);
      continue;
    }
    out += text.substr(0, open);
    out += "$PARAMETER";
    text.remove_prefix(close + 2);
  }
  return out;
}

// Programs whose first positional word is a subcommand that matters (go test vs go vet).
constexpr std::array<std::string_view, 22> k_subcommand_programs{
    "go",   "cargo", "make", "just",   "task", "dotnet", "bazel", "bazelisk", "mvn",    "gradle",     "npm",
    "pnpm", "yarn",  "bun",  "poetry", "uv",   "hatch",  "nox",   "tox",      "docker", "pre-commit", "git"};

// The commands tacit knows to be procedure: linters, formatters, type checkers, test runners, build tools,
// task runners and code generators. A CI command outside this list (a project script, a shell one-liner, a
// release helper) is not reported: precision first.
bool is_known_procedure(const std::vector<std::string>& head) {
  static const std::set<std::string_view> k_tools{
      "ruff",         "black",      "flake8",     "mypy",         "pyright",
      "pylint",       "isort",      "eslint",     "prettier",     "golangci-lint",
      "staticcheck",  "gofmt",      "gofumpt",    "goimports",    "revive",
      "clang-format", "clang-tidy", "shellcheck", "markdownlint", "markdownlint-cli2",
      "yamllint",     "actionlint", "hadolint",   "rustfmt",      "stylelint",
      "biome",        "pre-commit", "cppcheck",   "codespell",    "typos",
      "tsc",          "ktlint",     "detekt",     "rubocop",      "swiftlint",
      "buf",          "sqlfluff",   "vale",       "lychee",       "pytest",
      "ctest",        "jest",       "vitest",     "mocha",        "tox",
      "nox",          "cmake",      "meson",      "ninja",        "mvn",
      "gradle",       "invoke",     "poe",        "mage",         "sqlc",
      "protoc"};
  static const std::set<std::string_view> k_cargo{"clippy",  "fmt",   "deny",    "audit",
                                                  "doc",     "check", "hack",    "semver-checks",
                                                  "machete", "test",  "nextest", "build"};
  static const std::set<std::string_view> k_go{"vet", "generate", "fmt", "test", "build", "mod"};
  const auto& program = head.front();
  if (k_tools.contains(program))
    return true;
  if (head.size() < 2)
    return false;
  if (program == "cargo")
    return k_cargo.contains(head[1]);
  if (program == "go")
    return k_go.contains(head[1]);
  if (program == "make" || program == "just" || program == "task" || program == "bazel" ||
      program == "bazelisk")
    return true;
  if (program == "npm")
    return head[1] == "test" || (head[1] == "run" && head.size() == 3);
  if (program == "dotnet")
    return head[1] == "test" || head[1] == "build" || head[1] == "format";
  return false;
}

std::string family(std::string_view program) {
  if (program == "pnpm" || program == "yarn" || program == "bun")
    return "npm";
  return std::string(program);
}

// The part of a command that identifies it: the program and, for tools with subcommands, the subcommand (and
// for `npm run`, the script).
std::vector<std::string> head_of(const std::vector<std::string>& words) {
  if (words.empty())
    return {};
  std::vector<std::string> head{family(words.front())};
  if (std::find(k_subcommand_programs.begin(), k_subcommand_programs.end(), words.front()) ==
      k_subcommand_programs.end())
    return head;
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (words[i].starts_with('-') || words[i].find('=') != std::string::npos)
      continue;
    head.push_back(words[i]);
    if (head.back() == "run" && head.front() == "npm")
      continue; // npm run SCRIPT
    break;
  }
  return head;
}

bool is_test_command(const std::vector<std::string>& head) {
  static const std::set<std::vector<std::string>> k_tests{{"pytest"},
                                                          {"ctest"},
                                                          {"jest"},
                                                          {"vitest"},
                                                          {"mocha"},
                                                          {"tox"},
                                                          {"nox"},
                                                          {"go", "test"},
                                                          {"cargo", "test"},
                                                          {"cargo", "nextest"},
                                                          {"mvn", "test"},
                                                          {"mvn", "verify"},
                                                          {"gradle", "test"},
                                                          {"gradle", "check"},
                                                          {"npm", "test"},
                                                          {"npm", "run", "test"},
                                                          {"make", "test"},
                                                          {"make", "check"},
                                                          {"unittest"},
                                                          {"dotnet", "test"},
                                                          {"bazel", "test"}};
  if (k_tests.contains(head))
    return true;
  return head.size() == 3 && head[0] == "npm" && head[2].starts_with("test");
}

bool is_build_command(const std::vector<std::string>& head) {
  static const std::set<std::vector<std::string>> k_builds{{"cmake"},
                                                           {"ninja"},
                                                           {"meson"},
                                                           {"cargo", "build"},
                                                           {"go", "build"},
                                                           {"mvn", "package"},
                                                           {"mvn", "install"},
                                                           {"gradle", "build"},
                                                           {"gradle", "assemble"},
                                                           {"make"},
                                                           {"make", "all"},
                                                           {"make", "build"},
                                                           {"npm", "run", "build"},
                                                           {"bazel", "build"},
                                                           {"dotnet", "build"}};
  return k_builds.contains(head);
}

bool is_lint_command(const std::vector<std::string>& head) {
  static const std::set<std::string_view> k_linters{
      "ruff",       "black",        "flake8",        "mypy",       "pylint",       "isort",
      "eslint",     "prettier",     "golangci-lint", "gofmt",      "clang-format", "clang-tidy",
      "shellcheck", "markdownlint", "yamllint",      "actionlint", "hadolint",     "rustfmt",
      "stylelint",  "biome",        "pre-commit",    "cppcheck",   "codespell",    "typos"};
  if (k_linters.contains(head.front()))
    return true;
  return head.size() >= 2 &&
         ((head[0] == "cargo" && (head[1] == "clippy" || head[1] == "fmt")) ||
          (head[0] == "go" && (head[1] == "vet" || head[1] == "fmt")) || head.back().starts_with("lint") ||
          head.back().starts_with("fmt") || head.back().starts_with("format"));
}

std::string_view section_for(const std::vector<std::string>& head) {
  if (is_lint_command(head))
    return "Linting";
  return "Checks";
}

class CiStepUndocumented final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& ci = context.ci();
    if (ci.commands.empty())
      return;
    const auto documented = documented_heads(context);
    const auto recipes = documented_recipes(context);
    const auto& facts = context.facts();

    std::map<std::vector<std::string>, std::vector<const facts::CiCommand*>> undocumented;
    const Gate gates(ci);
    const bool pre_commit_documented = documents_pre_commit(context);
    for (const auto& command : ci.commands) {
      if (command.plumbing || !gates(command) || is_release_job(command))
        continue;
      for (const auto& words : doc::split_commands(without_parameters(command.text))) {
        if (facts::is_plumbing_command(words))
          continue;
        const auto peeled = doc::peel_wrappers(words);
        if (peeled.empty() || peeled.front().find_first_of("$%{") != std::string::npos)
          continue;
        const auto head = head_of(peeled);
        if (std::any_of(head.begin(), head.end(), [](const std::string& word) {
              return word.find_first_of("$%{") != std::string::npos;
            }))
          continue; // `npm run ${{ matrix.script }}`: which script runs is not written here
        if (!is_known_procedure(head))
          continue;
        if ((is_test_command(head) && !facts.test_suites.empty()) ||
            (is_build_command(head) && !facts.build_systems.empty()))
          continue; // TASK102 / TASK101 own these
        if (documented.contains(head) || documented.contains(head_of(words)) ||
            runs_through_recipe(recipes, peeled.front()) || (pre_commit_documented && is_lint_command(head)))
          continue;
        undocumented[head].push_back(&command);
      }
    }
    for (const auto& [head, commands] : undocumented) {
      const auto& first = *commands.front();
      const auto text = util::join(head, " ");
      auto& finding = out.emit(fmt::format("CI runs '{}' but no doc tells an agent to run it", text),
                               engine::Location{first.path, first.line, first.column, {}}, text);
      finding.hint = fmt::format("add `{}` to {} under a \"{}\" section", util::trim(first.text),
                                 context.primary_context_file(), section_for(head));
      for (std::size_t i = 1; i < commands.size() && i < 4; ++i)
        finding.related.push_back(engine::Location{commands[i]->path, commands[i]->line, commands[i]->column,
                                                   fmt::format("also run by job '{}'", commands[i]->job)});
    }
  }

private:
  // Release, publish and deploy jobs are release procedure (TASK108), not checks an agent runs.
  static bool is_release_job(const facts::CiCommand& command) {
    const auto names = util::to_lower(command.job + " " + command.step);
    for (std::string_view word : {"release", "publish", "deploy", "goreleaser"})
      if (names.find(word) != std::string::npos)
        return true;
    return false;
  }

  // A documented `pre-commit run` (or prek) with a tracked .pre-commit-config.yaml runs the linters and
  // formatters CI runs.
  static bool documents_pre_commit(const engine::Context& context) {
    if (!context.snapshot().find(".pre-commit-config.yaml"))
      return false;
    const std::array<doc::CommandPattern, 2> patterns{doc::CommandPattern{"pre-commit", {}},
                                                      doc::CommandPattern{"prek", {}}};
    return context.knowledge().find(patterns) != nullptr;
  }

  // What gates changes, from the triggers: a pipeline file gates when one of its own triggers does (a GitHub
  // workflow or an Azure pipeline on pushes to branches, pull requests, merge queues or calls; not one that
  // runs only on tags, releases, schedules, by hand or never); a file without such triggers gates unless it
  // is a GitHub workflow. A job with triggers of its own (GitLab, CircleCI) gates only when one of them does;
  // those triggers can be written in another file than the job's commands (a GitLab include), so they are
  // matched by job name (a repository rarely has two of those CI systems).
  class Gate {
  public:
    explicit Gate(const facts::CiFacts& ci) {
      for (const auto& trigger : ci.triggers) {
        auto& gates = trigger.job.empty() ? m_files[trigger.path] : m_jobs[trigger.job];
        gates = gates || is_gating(trigger);
      }
    }

    bool operator()(const facts::CiCommand& command) const {
      const auto& pipeline = command.pipeline.empty() ? command.path : command.pipeline;
      const auto file = m_files.find(pipeline);
      if (file != m_files.end() ? !file->second : pipeline.starts_with(".github/workflows/"))
        return false;
      if (pipeline.starts_with(".github/"))
        return true; // GitHub's triggers are the workflow's, and its job names are no other system's
      const auto job = m_jobs.find(command.job);
      return job == m_jobs.end() || job->second;
    }

  private:
    static bool is_gating(const facts::CiTrigger& trigger) {
      if (trigger.detail == "none")
        return false;
      return (trigger.event == "push" && !trigger.detail.starts_with("tags")) ||
             trigger.event == "pull_request" || trigger.event == "pull_request_target" ||
             trigger.event == "merge_group" || trigger.event == "workflow_call";
    }

    std::map<std::string, bool> m_files;
    std::map<std::string, bool> m_jobs;
  };

  static std::set<std::vector<std::string>> documented_heads(const engine::Context& context) {
    std::set<std::vector<std::string>> heads;
    for (const auto& mention : context.knowledge().commands()) {
      heads.insert(head_of(mention.words));
      if (!mention.peeled.empty())
        heads.insert(head_of(mention.peeled));
    }
    return heads;
  }

  // What the documented task-runner targets run: `make lint` documents the golangci-lint its recipe runs.
  static std::string documented_recipes(const engine::Context& context) {
    std::string text;
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& mention : context.knowledge().commands()) {
      const auto head = head_of(mention.words);
      std::string runner;
      std::string target;
      if (head.size() == 2 && (head[0] == "make" || head[0] == "just")) {
        runner = head[0];
        target = head[1];
      } else if (head.size() == 3 && head[0] == "npm" && head[1] == "run") {
        runner = "npm";
        target = head[2];
      } else if (head.size() == 2 && head[0] == "npm" && head[1] == "test") {
        runner = "npm";
        target = "test";
      } else {
        continue;
      }
      if (!seen.insert({runner, target}).second)
        continue;
      for (const auto& set : context.facts().target_sets)
        if (set.runner == runner)
          if (const auto it = set.recipes.find(target); it != set.recipes.end())
            text += it->second + "\n";
    }
    return text;
  }

  static bool runs_through_recipe(const std::string& recipes, std::string_view program) {
    for (std::size_t pos = recipes.find(program); pos != std::string::npos;
         pos = recipes.find(program, pos + 1)) {
      const bool start =
          pos == 0 || std::string_view(" \t\n;&|(/").find(recipes[pos - 1]) != std::string_view::npos;
      const auto end = pos + program.size();
      const bool finish =
          end >= recipes.size() || std::string_view(" \t\n;&|)").find(recipes[end]) != std::string_view::npos;
      if (start && finish)
        return true;
    }
    return false;
  }
};

} // namespace

std::unique_ptr<engine::Rule> make_ci_step_undocumented() {
  return std::make_unique<CiStepUndocumented>();
}

} // namespace tacit::rules
