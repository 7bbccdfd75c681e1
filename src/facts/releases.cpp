// Release mechanisms: release tool configs (goreleaser, semantic-release, release-please, changesets,
// cargo-release, release-it), release scripts and `release` targets of the root task runners; and, from the
// CI facts, the workflows and jobs that run on tag pushes or releases. Root files only: a nested config
// belongs to a subproject or an example.

#include "file_lookup.hpp"
#include "json_scripts.hpp"

#include <tacit/facts/ci.hpp>
#include <tacit/facts/contribution.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace tacit::facts {

namespace {

using Files = std::vector<const repo::FileEntry*>;

struct ReleaseConfig {
  std::string_view file;
  std::string_view kind;
  std::string_view command;
};

constexpr std::array k_release_configs{
    ReleaseConfig{".goreleaser.yml", "goreleaser", "goreleaser release"},
    ReleaseConfig{".goreleaser.yaml", "goreleaser", "goreleaser release"},
    ReleaseConfig{"goreleaser.yml", "goreleaser", "goreleaser release"},
    ReleaseConfig{"goreleaser.yaml", "goreleaser", "goreleaser release"},
    ReleaseConfig{".releaserc", "semantic-release", "npx semantic-release"},
    ReleaseConfig{".releaserc.json", "semantic-release", "npx semantic-release"},
    ReleaseConfig{".releaserc.yaml", "semantic-release", "npx semantic-release"},
    ReleaseConfig{".releaserc.yml", "semantic-release", "npx semantic-release"},
    ReleaseConfig{".releaserc.js", "semantic-release", "npx semantic-release"},
    ReleaseConfig{".releaserc.cjs", "semantic-release", "npx semantic-release"},
    ReleaseConfig{".releaserc.mjs", "semantic-release", "npx semantic-release"},
    ReleaseConfig{"release.config.js", "semantic-release", "npx semantic-release"},
    ReleaseConfig{"release.config.cjs", "semantic-release", "npx semantic-release"},
    ReleaseConfig{"release.config.mjs", "semantic-release", "npx semantic-release"},
    ReleaseConfig{"release.config.ts", "semantic-release", "npx semantic-release"},
    ReleaseConfig{"release-please-config.json", "release-please", "release-please"},
    ReleaseConfig{".release-please-manifest.json", "release-please", "release-please"},
    ReleaseConfig{".changeset/config.json", "changesets", "npx changeset"},
    ReleaseConfig{"release.toml", "cargo-release", "cargo release"},
    ReleaseConfig{".release-it.json", "release-it", "npx release-it"},
    ReleaseConfig{".release-it.yaml", "release-it", "npx release-it"},
    ReleaseConfig{".release-it.yml", "release-it", "npx release-it"},
    ReleaseConfig{".release-it.js", "release-it", "npx release-it"},
    ReleaseConfig{".release-it.cjs", "release-it", "npx release-it"},
    ReleaseConfig{".release-it.ts", "release-it", "npx release-it"},
    ReleaseConfig{".release-it.toml", "release-it", "npx release-it"},
};

// Where release scripts live: scripts/release.sh, hack/release.py, the root's release.sh.
bool is_release_script(std::string_view path) {
  const auto dir = util::dir_name(path);
  const auto name = util::to_lower(util::base_name(path));
  if (!name.starts_with("release") || name.find("note") != std::string::npos ||
      name.find("test") != std::string::npos)
    return false;
  if (dir.empty())
    return name == "release" || name.starts_with("release.sh") || name == "release.py" ||
           name == "release.ps1" || name == "release.js" || name == "release.mjs";
  for (std::string_view folder :
       {"scripts", "script", "tools", "hack", "bin", "ci", "support", "dev", ".github/scripts"})
    if (dir == folder)
      return !name.ends_with(".md") && !name.ends_with(".txt") && !name.ends_with(".json") &&
             !name.ends_with(".yml") && !name.ends_with(".yaml");
  return false;
}

std::string target_command(std::string_view runner) {
  if (runner == "npm")
    return "npm run release";
  if (runner == "make" || runner == "just" || runner == "task")
    return fmt::format("{} release", runner);
  return {};
}

// A workflow file whose name says it releases or publishes (not a release-notes drafter, a labeler, a check
// or a watch of someone else's releases).
bool is_release_name(std::string_view path) {
  const auto name = util::to_lower(util::base_name(path));
  for (std::string_view word : {"draft", "note", "label", "check", "test", "watch", "sync", "verify"})
    if (name.find(word) != std::string::npos)
      return false;
  for (std::string_view word : {"release", "publish", "deploy", "tag"})
    if (name.find(word) != std::string::npos)
      return true;
  return false;
}

bool is_tag_trigger(const CiTrigger& trigger) {
  return trigger.event == "push" &&
         (trigger.detail.starts_with("tags:") || trigger.detail.starts_with("tags ("));
}

bool is_release_trigger(const CiTrigger& trigger) {
  return trigger.event == "release" && !trigger.detail.starts_with("deployment");
}

bool names_release(std::string_view text) {
  const auto lower = util::to_lower(text);
  for (std::string_view word : {"release", "publish", "deploy", "goreleaser"})
    if (lower.find(word) != std::string::npos)
      return true;
  return false;
}

// "Deploy to GitHub pages", `peaceiris/actions-gh-pages`, `actions/deploy-pages`: the docs site goes live,
// which is no release of the project.
bool deploys_pages(std::string_view text) {
  return util::to_lower(text).find("pages") != std::string::npos;
}

} // namespace

std::vector<ReleaseMechanism> extract_release_mechanisms(const Files& files, const FileReader& read,
                                                         const std::vector<TargetSet>& targets) {
  std::vector<ReleaseMechanism> out;
  for (const auto& config : k_release_configs)
    if (const auto* file = find_file(files, config.file))
      out.push_back(
          ReleaseMechanism{std::string(config.kind), std::string(config.command),
                           Provenance{file->path, 1, fmt::format("{} configuration", config.kind)}});
  if (const auto* package = find_file(files, "package.json")) {
    const auto& parsed = read.package_json(*package);
    for (auto [key, kind, command] :
         {std::array<std::string_view, 3>{"release", "semantic-release", "npx semantic-release"},
          std::array<std::string_view, 3>{"release-it", "release-it", "npx release-it"}})
      if (const auto it = parsed.keys.find(std::string(key)); parsed.valid && it != parsed.keys.end())
        out.push_back(ReleaseMechanism{
            std::string(kind), std::string(command),
            Provenance{package->path, it->second, fmt::format("\"{}\" configures {}", key, kind)}});
  }
  for (const auto& set : targets) {
    const auto command = target_command(set.runner);
    const auto it = set.targets.find("release");
    if (command.empty() || it == set.targets.end() || set.path.find('/') != std::string::npos)
      continue;
    out.push_back(ReleaseMechanism{"target", command,
                                   Provenance{set.path, it->second, fmt::format("`{}` target", command)}});
  }
  for (const auto* file : files)
    if (is_release_script(file->path))
      out.push_back(ReleaseMechanism{"script", fmt::format("./{}", file->path),
                                     Provenance{file->path, 1, "a release script"}});
  return out;
}

std::vector<ReleaseMechanism> release_workflows(const CiFacts& ci) {
  // Which pipelines look like they release: a file name or a job, step or action that says so.
  std::set<std::string> releasing;
  std::set<std::string> releasing_jobs; // jobs that say they release, by name
  std::set<std::string> gating;         // run on pull requests: a check workflow that may also run on tags
  for (const auto& command : ci.commands)
    if (const auto said = command.job + " " + command.step + " " + command.text;
        names_release(said) && !deploys_pages(said)) {
      releasing.insert(command.pipeline.empty() ? command.path : command.pipeline);
      releasing_jobs.insert(command.job);
    }
  for (const auto& action : ci.actions)
    if (const auto said = action.job + " " + action.step + " " + action.uses;
        names_release(said) && !deploys_pages(said))
      releasing.insert(action.path);
  for (const auto& trigger : ci.triggers)
    if (trigger.event == "pull_request" || trigger.event == "pull_request_target")
      gating.insert(trigger.path);

  std::vector<ReleaseMechanism> out;
  std::set<std::string> seen; // file + job
  for (const auto& trigger : ci.triggers) {
    const bool tag = is_tag_trigger(trigger);
    const bool release = is_release_trigger(trigger);
    const bool dispatch = trigger.event == "workflow_dispatch" && is_release_name(trigger.path);
    if (!tag && !release && !dispatch)
      continue;
    // A check workflow that also runs on tags (to test them) or on published releases (to rebuild its docs
    // site: pkgdown, a GitHub Pages deploy) is not a release, unless it says it releases; a job with
    // triggers of its own (GitLab, CircleCI) must say so itself.
    if ((tag || release) && gating.contains(trigger.path) && !is_release_name(trigger.path) &&
        !releasing.contains(trigger.path))
      continue;
    if (!trigger.job.empty() && !names_release(trigger.job) && !releasing_jobs.contains(trigger.job))
      continue;
    if (!seen.insert(trigger.path + "\n" + trigger.job).second)
      continue;
    std::string note;
    const std::string_view detail = trigger.detail;
    if (release && !trigger.job.empty())
      note = fmt::format("{} creates a release", detail);
    else if (release && detail.starts_with("types: ") && detail.find(',') == std::string_view::npos)
      note = fmt::format("runs when a release is {}", detail.substr(7));
    else if (release)
      note = detail.empty() ? std::string("runs on releases") : fmt::format("runs on releases ({})", detail);
    else if (tag && !trigger.job.empty())
      note = fmt::format("job {} runs when a tag is pushed", trigger.job);
    else if (tag)
      note = fmt::format("runs when a tag matching {} is pushed", detail.substr(detail.find(' ') + 1));
    else
      note = "a release workflow run by hand";
    out.push_back(ReleaseMechanism{trigger.job.empty() ? "workflow" : "ci-job", "",
                                   Provenance{trigger.path, trigger.line, note}});
  }
  return out;
}

} // namespace tacit::facts
