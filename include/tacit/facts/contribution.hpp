#pragma once
// Facts about how changes get in and out: the files of the contribution procedure (guides, pull request
// templates, CODEOWNERS, commit lint configs) and the release mechanisms from files and task-runner targets
// (CI release jobs are in ci.hpp).

#include <tacit/facts/builds.hpp>
#include <tacit/facts/provenance.hpp>

#include <optional>
#include <string>
#include <vector>

namespace tacit::facts {

/// A file of the contribution procedure, or a doc that may state it.
struct ContributionFile {
  std::string kind; ///< contributing (CONTRIBUTING* at the root, in .github/ or docs/, or a doc in a
                    ///< contributing folder), pr-template (pull or merge request templates), codeowners,
                    ///< commit-lint (a commitlint or commitizen config), guide (another doc in a docs
                    ///< folder whose name is about commits, contributing, reviews or pull requests)
  std::string path;
  std::string text; ///< pr-template and guide: the content (capped), for rules that read what they say
};

/// A way the repository makes releases.
struct ReleaseMechanism {
  std::string kind;    ///< workflow, ci-job (GitLab, CircleCI), goreleaser, semantic-release, release-please,
                       ///< changesets, cargo-release, release-it, script, target
  std::string command; ///< what a doc would show to run it ("goreleaser release", "make release"); "" for
                       ///< what CI runs by itself
  Provenance evidence;
};

/// The contribution procedure extractor: CONTRIBUTING guides (root, .github/, docs/), pull and merge request
/// templates, CODEOWNERS, commitlint configs, and docs whose names are about commits or contributing (their
/// text is kept, capped). Reads only templates and those docs.
std::vector<ContributionFile> extract_contribution_files(const std::vector<const repo::FileEntry*>& files,
                                                         const FileReader& read);

/// The release mechanism extractor (files only): goreleaser, semantic-release (.releaserc*,
/// release.config.*, package.json "release"), release-please, changesets, cargo-release (release.toml),
/// release-it, release scripts (scripts/release*, release.sh), and `release` targets of `targets` (make,
/// npm scripts, just...). Reads only the root package.json.
std::vector<ReleaseMechanism> extract_release_mechanisms(const std::vector<const repo::FileEntry*>& files,
                                                         const FileReader& read,
                                                         const std::vector<TargetSet>& targets);

/// Where a root README, CONTRIBUTING guide or pull-request template says that the repository is a mirror or
/// accepts no pull requests (the note is the phrase found); nullopt when none does. A phrase narrowed by the
/// rest of its sentence ("do not send pull requests without an issue first") does not count.
std::optional<Provenance> find_read_only_statement(const std::vector<const repo::FileEntry*>& files,
                                                   const FileReader& read);

} // namespace tacit::facts
