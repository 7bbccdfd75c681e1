#pragma once
// What TASK104 (ci-step-undocumented) asks of a CI command besides its head: the variants of a documented
// command (the arguments that select what runs), and the commands in scope that no table of known tools
// lists (the repository's own scripts, tools run through a package runner or installed by the job). Internal
// to src/rules/.

#include "procedure_support.hpp"

#include <tacit/engine/context.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tacit::rules::procedure {

/// The words of a target's or script's name: "test-integration-flaky" -> test, integration, flaky.
std::vector<std::string> name_words(std::string_view name);

/// A name that says it installs, cleans, packages or publishes (`install-tools`, `dist`, `release.sh`).
bool is_housekeeping_name(std::string_view name);

/// A program that serves the CI itself rather than a check a developer runs: it lives in a CI folder
/// (`.github/`, `.gitlab-ci/`, `ci/`...) or names a CI (`travis_run.sh`), reports, collects coverage,
/// commits or labels, or its output feeds the CI (`>> $GITHUB_ENV`).
bool is_ci_machinery(std::string_view program, std::string_view line);

/// The arguments that select what runs (selecting_arguments) that some doc gives with each head; the Gradle
/// tasks and Maven goals of every doc command under the program alone; under the empty head, the words that
/// docs show alone in inline code (a list of targets: `testdeps`).
std::map<Head, std::set<std::string>> documented_arguments(const engine::Context& context);

/// What a CI command with a documented head selects that no doc gives with that head, joined; "" when
/// nothing, or when the difference only narrows what the documented command runs.
std::string undocumented_arguments(const std::map<Head, std::set<std::string>>& documented, const Head& head,
                                   const std::vector<std::string>& words);

/// The environment a CI command sets that changes what its program does (`RUSTFLAGS` for cargo, `GOFLAGS` and
/// `CGO_ENABLED` for go, `PYTHONWARNINGS` for pytest...; a table in the .cpp):
/// the assignments before the program in `words`, then the step's `env` (GitHub Actions), each "NAME=value",
/// a name once. Variables that only change the display (`FORCE_COLOR`, `TERM`) are not in the table.
std::vector<std::string> outcome_environment(const std::vector<std::string>& words, const Head& head,
                                             const std::vector<std::pair<std::string, std::string>>& env);

/// The repository program a command runs, when the repository tracks it: `./scripts/x`, `bash
/// scripts/x.sh`, `python tools/x.py`, `node scripts/x.mjs`, `go run ./cmd/x` -> the path; else "".
std::string repository_program(const engine::Context& context, const std::vector<std::string>& words);

/// The tool a package runner fetches and runs (`npx tool`, `pnpm dlx tool`, `yarn dlx`, `bunx`, `uvx`,
/// `pipx run`), or "".
std::string package_runner_tool(const std::vector<std::string>& words);

/// The programs a command installs by name, to be run by a later command of the same job: `pip install
/// codespell`, `pipx install X`, `uv tool install X`, `go install example.com/cmd/tool@v1`, `cargo install
/// X`, `npm install -g X`, `gem install X`, `apt-get install X`, `brew install X`. Version pins, extras and
/// flags are dropped; names that hold CI expressions are not returned.
std::vector<std::string> installed_programs(const std::vector<std::string>& words);

/// A program no TASK104 finding names on its own, by a table: shell builtins, coreutils and system utilities,
/// shells, language runtimes and interpreters, package, toolchain and environment managers, task runners and
/// build drivers (other rules read those), VCS, container and service clients; PowerShell's own commands
/// (Verb-Noun cmdlets with an approved verb: `Select-String`, `Test-Path`, the shipped ones in any case:
/// `test-path`; not a module's `Invoke-Pester`),
/// and the keywords and builtins of PowerShell and cmd.exe in any case (`Exit`, `ECHO`).
bool is_everyday_program(std::string_view program);

/// The shell functions a script defines (`name() {`, `name () {`, `function name {`), by name.
std::vector<std::string> shell_functions(std::string_view script);

/// True when a CI step says it checks the code: a word of its name, of the program's name or of the
/// command's arguments says it lints, checks, spell-checks or audits (`Spell check`, `actionlint`, `buf
/// lint`, `taplo fmt --check`); the command's own words may also say it verifies or validates.
bool says_it_checks(std::string_view step, const std::vector<std::string>& words);

/// True when a doc shows the repository program `path` (runs it, or names its path), a documented
/// target's recipe (`recipes`) runs it, or a documented target is named after it (`make checksrc` for
/// `scripts/checksrc-all.pl`).
bool documents_program(const engine::Context& context, const std::string& path, const std::string& recipes);

} // namespace tacit::rules::procedure
