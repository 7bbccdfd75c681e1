#pragma once
// What the procedure rules (TASK103, TASK104) share: the head of a command, whether the docs show it
// (directly, through a documented task-runner target, through a documented `pre-commit run`), which CI
// files gate changes, and which formatter/linter/type checker a command runs. Internal to src/rules/.

#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/facts/ci.hpp>
#include <tacit/facts/tools.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules::procedure {

/// A command's identifying words: the program and, for tools with subcommands, the subcommand (and for
/// `npm run`, the script). pnpm, yarn and bun are the "npm" family.
using Head = std::vector<std::string>;

/// The family of a program ("npm" for pnpm, yarn and bun).
std::string family(std::string_view program);

/// The head of a normalised command.
Head head_of(const std::vector<std::string>& words);

/// The arguments of a normalised (peeled) command that select what runs, each as one word: cargo `-p X`,
/// `--features X` (one per feature), `--all-features`, `--no-default-features`, `--test X`; go `-tags X`
/// (one per tag); pytest `-m EXPR`, `-k EXPR`; pnpm/bun `--filter X`, npm `--workspace X`; cmake
/// `--target X`; the Gradle tasks and Maven goals after the first. Display and speed flags (`-v`,
/// `--color`, `-race`, `-j`) select nothing. Sorted, unique.
std::vector<std::string> selecting_arguments(const std::vector<std::string>& words);

/// True for linters, formatters and lint/format targets (`make lint`, `npm run format`).
bool is_lint_command(const Head& head);

/// The heads of every command the docs show (as written and with wrappers peeled).
const std::set<Head>& documented_heads(const engine::Context& context);

/// What the documented task-runner targets run (`make lint` documents the golangci-lint its recipe runs),
/// with the targets they run in turn. `deep` (TASK103): also what documented scripts run, tox `-e` / nox `-s`
/// environments and make pattern rules (`make clippy-full` runs `clippy-%`'s recipe).
const std::string& documented_recipes(const engine::Context& context, bool deep = false);

/// True when `program` appears as a command word in `recipes`.
bool runs_through_recipe(const std::string& recipes, std::string_view program);

/// A documented `pre-commit` (or prek) command with a tracked .pre-commit-config.yaml: it runs the hooks.
bool documents_pre_commit(const engine::Context& context);

/// Which CI commands gate changes, from the triggers. A pipeline file gates when one of its own triggers does
/// (a GitHub workflow or an Azure pipeline on pushes to branches, pull requests, merge queues or calls; not
/// one that runs only on tags, releases, schedules, by hand or never); a file without such triggers gates
/// unless it is a GitHub workflow. A job with triggers of its own (GitLab, CircleCI) gates only when one of
/// them does; those triggers can be written in another file than the job's commands (a GitLab include), so
/// they are matched by job name (a repository rarely has two of those CI systems).
///
/// What runs only after a change is merged does not gate it either: a GitHub workflow whose only triggers
/// are pushes to the main branch (`main`, `master`, `trunk`) with no pull-request, merge-queue or call
/// trigger, and a job that deploys or commits for the team (it uses a Pages deploy, auto-commit or
/// pull-request-creating action).
class Gate {
public:
  explicit Gate(const facts::CiFacts& ci);

  /// True when `command` runs on changes (pushes to branches, pull requests...).
  bool operator()(const facts::CiCommand& command) const;

private:
  std::map<std::string, bool> m_files;
  std::map<std::string, bool> m_jobs;
  std::set<std::string> m_publishing_jobs; // "path\njob" of jobs that publish, deploy or commit
};

/// A CI command's text with CircleCI's `<< parameters.x >>` and `<< pipeline.x >>` written as `$PARAMETER`,
/// so that they split as one word that is a variable, as `${{ matrix.x }}` and `$(var)` already are.
std::string without_parameters(std::string_view text);

/// A CI command's text with `${{ env.NAME }}`, `$NAME` and `${NAME}` replaced by the value the workflow, job
/// or step `env:` gives NAME (CiCommand::env). Anything else the CI computes (matrix values, outputs,
/// variables the script sets) stays a variable.
std::string with_env_values(const facts::CiCommand& command);

/// A CI command's text as it runs, where the workflow states what it computes: with_env_values, then
/// without_parameters.
std::string resolved_text(const facts::CiCommand& command);

/// Where gating CI runs a command of `patterns` (wrappers peeled), as evidence for a finding: the first
/// `limit` places, one per job.
std::vector<engine::Location> ci_evidence(const engine::Context& context,
                                          std::span<const doc::CommandPattern> patterns,
                                          std::size_t limit = 3);

/// Release, publish and deploy jobs (and every job of a workflow so named, with the local actions it uses)
/// are release procedure (TASK108), not checks an agent runs; benchmark jobs
/// and workflows (bench, CodSpeed) measure rather than gate; steps that warm a cache build for the cache.
bool is_release_job(const facts::CiCommand& command);

/// The task-runner target a command runs (`make lint` -> {"make", "lint"}, `pnpm format` -> {"npm",
/// "format"}), or an empty pair.
std::pair<std::string, std::string> target_of(const Head& head);

/// True when a command's first word can name a program or script: it has a path or an extension (up to
/// four lower-case letters or digits), or no dot and no capital letter after its first (an inline code span
/// that names an identifier, `ClassMapBuilder` or `Config.BuildRequiredQuoteChars` in a changelog, is no
/// build script).
bool names_program(std::string_view word);

/// The repository script a command runs (`scripts/lint`, `bash scripts/check.sh`, `python tools/lint.py` ->
/// the path), or "".
std::string script_path(const std::vector<std::string>& words);

/// The task-runner targets a normalised command runs, as {runner, target} pairs with the runners TargetSet
/// names: make/just/npm targets, `tox -e a,b` / `tox run -e a`, `nox -s x`, `task x`, cargo aliases,
/// `poe x`, `hatch run x`, `pdm run x`, and repository scripts (runner "script", the script's path).
std::vector<std::pair<std::string, std::string>> runner_targets(const std::vector<std::string>& words);

/// What a target runs, with the targets it runs in turn ("" when no file of the runner defines it).
/// `deep`: a make target without a rule of its own runs the pattern rule it matches; runner "script" is the
/// repository's scripts (facts::Facts::scripts).
std::string recipe_of(const engine::Context& context, const std::string& runner, const std::string& target,
                      bool deep = false);

/// The formatters, linters and type checkers a command runs: itself (`ruff check`, `npx eslint`), or
/// through the recipe of the target it runs (`make lint` whose recipe runs golangci-lint). `deep` (TASK103):
/// also through scripts, tox `-e` / nox `-s` environments, make pattern rules and `xargs`.
std::vector<const facts::ToolInfo*> tools_run_by(const engine::Context& context,
                                                 const std::vector<std::string>& words, bool deep = false);

/// True when `words` (normalised or peeled) run a command of `patterns` ("ruff", "cargo clippy",
/// "gradle spotless*").
bool runs_command(const std::vector<std::string>& words, std::span<const std::string_view> patterns);

/// Appends the tools that `words` run by name (`ruff check`, `cargo clippy`), and with `implied` also those
/// they run without naming them (`gradle check` runs checkstyle); each tool once.
void add_tools_named(const std::vector<std::string>& words, bool implied,
                     std::vector<const facts::ToolInfo*>& out);

/// True when `recipes` run a command of `patterns`.
bool recipe_runs(const std::string& recipes, std::span<const std::string_view> patterns);

} // namespace tacit::rules::procedure
