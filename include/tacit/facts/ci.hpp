#pragma once
// CI facts: the commands CI jobs run, the actions they use and what triggers them, each with the file and
// line where it is written. Sources: GitHub Actions workflows (.github/workflows/*.yml|yaml, the local
// reusable workflows and composite actions they use) and GitLab CI (.gitlab-ci.yml and its local includes,
// with anchors, `<<:` merges, `extends:`, `!reference` and `default:` resolved), CircleCI
// (.circleci/config.yml: jobs' run steps, reusable `commands:`, orb steps, workflow filters and schedules)
// and Azure Pipelines (azure-pipelines*.yml at the root, .azure-pipelines/*.yml, azure-pipelines/*.yml and
// the local templates they use: script/bash/pwsh/powershell steps, tasks, trigger/pr/schedules). A command
// written once is reported once, at the place where it is written (a template's script: in the template),
// with the first job that runs it. Files that cannot be parsed become notes; the rest are still extracted.

#include <tacit/facts/contribution.hpp>
#include <tacit/facts/provenance.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tacit::facts {

/// One command line a CI job runs, with where it is written.
struct CiCommand {
  std::string text; ///< one command line: scripts split into lines, `\` continuations joined, comments,
                    ///< heredoc bodies and shell syntax (if/then/fi, for/do/done, case/esac) left out
  std::string path; ///< the workflow, action or GitLab CI file
  int line = 0;     ///< 1-based line of this command in that file (inside a `run: |` block: its own line)
  int column = 0;   ///< 1-based column where the command text starts
  std::string job;  ///< job id (GitHub) or name (GitLab); a command written once (a composite action's, a
                    ///< template's) names the first job that runs it
  std::string step; ///< GitHub and CircleCI: the step name if any; GitLab: before_script, script or
                    ///< after_script; Azure: the step's displayName
  // After a `cd` on an earlier line of the script: the folder of this repository it moved to, when known.
  std::string
      working_directory; ///< GitHub: the step's or the defaults' working-directory; CircleCI: the
                         ///< step's working_directory; Azure: the step's workingDirectory ("" for none)
  bool plumbing = false; ///< every command on the line is plumbing (see is_plumbing_command)
  bool foreign = false;  ///< runs in another project's tree: a repository the job checks out or clones, a
                         ///< downloaded source tree (a working directory or `cd` that is no directory of
                         ///< this repository); its commands are that project's procedures, not this one's
  std::string
      pipeline; ///< the workflow or pipeline file whose triggers decide when this runs: `path` itself,
                ///< or for a composite action or an Azure template the first file that uses it
  std::string foreign_source = {}; ///< for a foreign command, the project it runs in when the CI file names
                                   ///< it: the repository a checkout step takes ("org/name"), or what a
                                   ///< script clones or downloads (its URL); "" otherwise
  /// GitHub Actions: the `env:` of the workflow, the job and the step (later ones win), as NAME and value;
  /// values the CI computes (`${{ matrix.flags }}`) are left out.
  std::vector<std::pair<std::string, std::string>> env = {};
  /// GitHub Actions: the job's `strategy.matrix` as NAME and the values the workflow states for it (its
  /// list, and the `include:` entries' values), in order, each once; a NAME whose values the CI computes
  /// (`${{ fromJSON(...) }}`) is left out.
  std::vector<std::pair<std::string, std::vector<std::string>>> matrix = {};
};

/// A `uses:` of an action in a step, or of a reusable workflow by a job (then `step` is ""); a CircleCI orb
/// step ("orb:node/install-packages"); an Azure Pipelines task ("task:UsePythonVersion@0").
struct CiAction {
  std::string uses; ///< as written: "actions/checkout@v4", "./.github/actions/setup"
  std::string path;
  int line = 0;
  std::string job;
  std::string step;
  bool plumbing = false; ///< checkout, setup-*, caches, artifact upload/download (see is_plumbing_action)
};

/// What triggers a workflow or a job. GitHub: the event (push, pull_request, release, schedule,
/// workflow_dispatch, workflow_call...) with one trigger per filter ("branches: main", "tags: v*",
/// "types: published", "cron: 0 3 * * *"; "" for none). GitLab: "push" with detail "tags (job NAME)" for a
/// job that runs on tags (only/rules on $CI_COMMIT_TAG), "release" for a job with a `release:` keyword,
/// "schedule" for a job that runs on schedules. CircleCI: one trigger per job of a workflow: "schedule" with
/// "cron: ..." in a scheduled workflow, else "push" with "" (every branch), "branches: ...", "tags: ..." or
/// "none" (branches ignored and no tags: the job never runs). Azure Pipelines: "push" (`trigger:`),
/// "pull_request" (`pr:`) with "", "branches: ...", "tags: ..." or "none", and "schedule"; a pipeline that
/// writes no `trigger:` or `pr:` gets the default one (every branch) at line 1; a deployment job gets
/// "release" with "deployment NAME".
struct CiTrigger {
  std::string event;
  std::string detail;
  std::string path;
  int line = 0;
  std::string job; ///< the job it applies to (GitLab, CircleCI, Azure deployments); "" for the whole workflow
                   ///< or pipeline
};

/// Everything the CI extractors found.
struct CiFacts {
  std::vector<CiCommand> commands;
  std::vector<CiAction> actions;
  std::vector<CiTrigger> triggers;
  std::vector<std::string> notes; ///< "path:line: message" for what could not be read or parsed
};

/// Largest CI file that is parsed (a bigger one gets a note): real ones are a few kilobytes.
inline constexpr std::size_t k_max_ci_file_bytes = 1u << 20;

/// Extracts CI facts from the in-scope files. Reads only workflow files, the local actions and reusable
/// workflows they use, .gitlab-ci.yml and its local includes, .circleci/config.yml, the Azure Pipelines files
/// and their local templates; each at most once.
CiFacts extract_ci(const std::vector<const repo::FileEntry*>& files, const FileReader& read);

/// True for a command that never needs documenting: shell bookkeeping (echo, cd, mkdir, export, set...),
/// package and toolchain installs (apt-get, brew, pip install, npm ci...), downloads, `X --version`, a build
/// cache's set-up and statistics (`ccache -o X`, `sccache --show-stats`). `words`
/// as doc::split_commands gives them (sudo and env assignments are stripped again here). The table is data in
/// ci_plumbing.cpp.
bool is_plumbing_command(const std::vector<std::string>& words);

/// True for an action that is plumbing: checkout, setup-*, caches, artifact upload/download, registry logins;
/// orb install/setup/cache steps; Azure tool installers, caches, artifact and test-result tasks.
bool is_plumbing_action(std::string_view uses);

/// The release mechanisms CI shows: each workflow or pipeline with a trigger on tag pushes ("tags: v*", a
/// GitLab job on tags) or on releases (`on: release`, a GitLab job with a `release:` keyword), once per file
/// (GitHub, Azure) or per job (GitLab, CircleCI), at that trigger's line. A trigger on `tags-ignore` or an
/// Azure deployment job is not one.
std::vector<ReleaseMechanism> release_workflows(const CiFacts& ci);

} // namespace tacit::facts
