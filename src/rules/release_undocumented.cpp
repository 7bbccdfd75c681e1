// TASK108 release-undocumented: the repository has a release mechanism and no doc explains how a release
// happens.

#include "contribution_support.hpp"

#include <tacit/doc/headings.hpp>
#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/facts/ci.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

namespace tacit::rules {

namespace {

constexpr std::size_t k_max_evidence = 5;

constexpr engine::RuleMeta k_meta{
    .id = "TASK108",
    .name = "release-undocumented",
    .category = "TASK",
    .severity = engine::Severity::info,
    .summary = "a release mechanism exists (tag-triggered workflow, release tool, release script) and no doc "
               "explains how a release happens",
    .docs =
        {
            .what_it_does =
                "Finds how the repository releases: CI workflows and jobs that run on pushed tags or "
                "published releases (a check workflow that also runs on tags or published releases counts "
                "only when a job or its file name says it releases or publishes; a GitHub Pages deploy, "
                "such as pkgdown's site on each release, does not), release workflows run by hand "
                "(`release.yml` on workflow_dispatch), goreleaser, semantic-release (.releaserc*, "
                "release.config.*, package.json \"release\"), release-please, changesets, cargo-release "
                "(release.toml), release-it, release scripts (scripts/release*, release.sh) and `release` "
                "targets of the root Makefile, package.json, justfile or Taskfile. Then it looks for a doc "
                "that explains releasing: a doc named for it (RELEASING.md, RELEASE.md, docs/release-"
                "process.md, publishing.md; release notes do not count), a heading about releasing, "
                "publishing or versioning in an agent context file, a README or a contributing guide, prose "
                "about the release process there (\"to release\", \"cut a release\", \"push a tag\"), or a "
                "documented release command (`make release`, `npm run release`, `goreleaser`, "
                "`cargo release`, `npx changeset`, `npm publish`, `gh release create`, `git tag`, a release "
                "script).",
            .why_it_matters =
                "Releasing is the step with the least room for error: a tag pushed from the wrong branch or "
                "a version bumped in one file of three ships broken artifacts. An agent asked to prepare a "
                "release, or to bump a version, has to know what the automation expects.",
            .example = "A Go tool with a .goreleaser.yaml and a workflow on `tags: v*`, and no word about "
                       "releases in its docs:\n\n```\nREADME.md:1:1: TASK108 the repository releases with "
                       "goreleaser and a tag-triggered workflow but no doc explains how a release happens\n"
                       "  hint: add a \"Releasing\" section to AGENTS.md: what to bump, which tag to push "
                       "(the workflow runs on tags: v*) and what the automation then does\n"
                       "  evidence: .goreleaser.yaml:1: goreleaser configuration\n"
                       "  evidence: .github/workflows/release.yml:4: runs on pushed tags (tags: v*)\n```",
            .how_to_fix = "Write the release procedure down: the version to bump and where, the changelog, "
                          "the command or tag that starts the release, and what CI does next. RELEASING.md "
                          "or a \"Releasing\" section of CONTRIBUTING.md both work; point to it from the "
                          "context file.",
        },
};

// A doc whose name says it explains releasing (RELEASING.md, docs/release-process.md), in a place for docs;
// not release notes, a changelog or a page about a command named like it (lsb_release.md).
bool is_release_doc(std::string_view path) {
  const auto lower = util::to_lower(path);
  const auto name = util::base_name(lower);
  for (std::string_view word : {"note", "changelog", "history", "previous"})
    if (name.find(word) != std::string::npos)
      return false;
  const auto dir = util::dir_name(lower);
  bool doc_place = dir.empty() || dir == ".github";
  for (auto part : util::split(dir, '/'))
    doc_place = doc_place || part == "doc" || part == "docs" || part == "documentation" || part == "dev" ||
                part == "development" || part == "contributing" || part == "project" || part == "wiki" ||
                part == "maintainers" || part == "process";
  if (!doc_place)
    return false;
  const auto stem = name.substr(0, name.find('.'));
  for (auto word : util::split(stem, '-'))
    for (auto part : util::split(word, '_'))
      if (part == "release" || part == "releases" || part == "releasing" || part == "publish" ||
          part == "publishing")
        return true;
  return false;
}

// A heading's words without badges, images and link targets.
std::string heading_text(std::string_view heading) {
  std::string out;
  for (std::size_t i = 0; i < heading.size(); ++i) {
    if (heading.substr(i).starts_with("![")) {
      const auto close = heading.find(')', i);
      if (close == std::string_view::npos)
        break;
      i = close;
      continue;
    }
    if (heading[i] == '(' && i > 0 && heading[i - 1] == ']') {
      const auto close = heading.find(')', i);
      if (close == std::string_view::npos)
        break;
      i = close;
      continue;
    }
    out += heading[i];
  }
  return out;
}

bool is_release_command(const std::vector<std::string>& words) {
  static const std::vector<doc::CommandPattern> patterns{
      {"make", {"release", "publish", "dist"}, true},
      {"just", {"release", "publish"}, true},
      {"task", {"release", "publish"}, true},
      {"npm", {"release", "publish", "version"}, true},
      {"pnpm", {"release", "publish", "version"}, true},
      {"yarn", {"release", "publish", "version"}, true},
      {"bun", {"release", "publish"}, true},
      {"goreleaser", {}},
      {"semantic-release", {}},
      {"release-please", {}},
      {"changeset", {}},
      {"release-it", {}},
      {"cargo", {"release", "publish", "dist"}},
      {"twine", {"upload"}},
      {"uv", {"publish"}},
      {"poetry", {"publish"}},
      {"hatch", {"publish"}},
      {"flit", {"publish"}},
      {"gh", {"release"}},
      {"bump2version", {}},
      {"bumpversion", {}},
      {"bump-my-version", {}},
  };
  for (const auto& pattern : patterns)
    if (doc::matches(words, pattern))
      return true;
  if (words.empty())
    return false;
  // `git tag v1.2.3` or `git tag -s ...` makes a tag; a bare `git tag` lists them.
  if (words.size() >= 3 && words[0] == "git" && words[1] == "tag")
    return true;
  const auto name = util::to_lower(util::base_name(words.front()));
  for (std::string_view ext : {".md", ".yml", ".yaml", ".json", ".txt", ".toml"})
    if (name.ends_with(ext))
      return false;
  return name.starts_with("release") || name.starts_with("publish");
}

// True when some doc explains how a release happens.
bool is_documented(const engine::Context& context) {
  for (const auto& doc : context.documents())
    if (is_release_doc(doc.path))
      return true;
  for (const auto& file : context.facts().contribution_files)
    if (is_release_doc(file.path))
      return true;
  for (const auto& mention : context.knowledge().commands())
    if (is_release_command(mention.words) || is_release_command(mention.peeled))
      return true;
  for (const auto& doc : context.documents()) {
    if (doc.kind != doc::DocKind::agent_context && doc.kind != doc::DocKind::readme &&
        doc.kind != doc::DocKind::contributing)
      continue;
    for (const auto& heading : doc::headings(doc))
      if (contribution::mentions(heading_text(heading), {"releas", "publish", "versioning", "deploy"}))
        return true;
  }
  for (const auto& text : contribution::doc_texts(context))
    if (contribution::mentions(text.text, {"release process", "to release", "cut a release", "make a release",
                                           "create a release", "new release", "tag a release", "push a tag",
                                           "releasing", "release checklist", "release procedure"}))
      return true;
  return false;
}

// Where CI runs the mechanism's tool by itself (a workflow runs `npx semantic-release` or uses the
// goreleaser action: no one types its command), as "path:line"; "" when it does not.
// The program a release command runs: "semantic-release" for `npx semantic-release`.
std::string release_program(std::string_view command) {
  auto words = util::split_words(command);
  while (!words.empty() && (words.front() == "npx" || words.front() == "pnpm" || words.front() == "yarn" ||
                            words.front() == "dlx" || words.front() == "exec"))
    words.erase(words.begin());
  return words.empty() ? std::string() : std::string(words.front());
}

std::string run_by_ci(const engine::Context& context, const facts::ReleaseMechanism& mechanism) {
  const auto program = release_program(mechanism.command);
  if (program.empty())
    return {};
  for (const auto& command : context.ci().commands)
    if (command.text.find(program) != std::string::npos)
      return fmt::format("{}:{}", command.path, command.line);
  for (const auto& action : context.ci().actions)
    if (util::to_lower(action.uses).find(program) != std::string::npos)
      return fmt::format("{}:{}", action.path, action.line);
  return {};
}

class ReleaseUndocumented final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    auto mechanisms = context.facts().release_mechanisms;
    for (auto& workflow : facts::release_workflows(context.ci()))
      mechanisms.push_back(std::move(workflow));
    if (mechanisms.empty())
      return out.not_applicable("no release mechanism found");
    if (is_documented(context))
      return;
    std::vector<std::string> kinds;
    for (const auto& mechanism : mechanisms) {
      const auto kind = mechanism.kind == "workflow" || mechanism.kind == "ci-job"
                            ? std::string("a release workflow")
                        : mechanism.kind == "script" ? std::string("a release script")
                        : mechanism.kind == "target" ? fmt::format("`{}`", mechanism.command)
                                                     : mechanism.kind;
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
        kinds.push_back(kind);
    }
    auto& finding =
        out.emit(fmt::format("the repository releases with {} but no doc explains how a release happens",
                             util::join(kinds, " and ")),
                 context.repository_anchor(), "release");
    // What a person runs: a task-runner target or a script first (`task release` tags and pushes; the
    // goreleaser it leads to runs in CI), then a tool that CI does not run by itself.
    std::string start;
    for (const bool human : {true, false})
      for (const auto& mechanism : mechanisms)
        if (start.empty() && !mechanism.command.empty() &&
            (human ? mechanism.kind == "target" || mechanism.kind == "script"
                   : run_by_ci(context, mechanism).empty()))
          start = fmt::format("the command that starts it (`{}`)", mechanism.command);
    for (const auto& mechanism : mechanisms)
      if (const auto where = run_by_ci(context, mechanism);
          start.empty() && !mechanism.command.empty() && !where.empty())
        start = fmt::format("what makes CI run {} ({})", release_program(mechanism.command), where);
    if (start.empty())
      for (const auto& mechanism : mechanisms)
        if (mechanism.kind == "workflow" || mechanism.kind == "ci-job") {
          start = fmt::format("what starts it ({} {})", mechanism.evidence.path, mechanism.evidence.note);
          break;
        }
    if (start.empty())
      start = fmt::format("what starts it ({} {})", mechanisms.front().evidence.path,
                          mechanisms.front().evidence.note);
    const auto* contributing = context.document("CONTRIBUTING.md");
    finding.hint =
        fmt::format("add a \"Releasing\" section to {}: what to bump, {}, and what the automation "
                    "then does",
                    contributing != nullptr ? contributing->path : context.primary_context_file(), start);
    for (std::size_t i = 0; i < mechanisms.size() && i < k_max_evidence; ++i)
      finding.related.push_back(engine::Location{mechanisms[i].evidence.path, mechanisms[i].evidence.line, 0,
                                                 mechanisms[i].evidence.note});
  }
};

} // namespace

TACIT_RULE(ReleaseUndocumented)

} // namespace tacit::rules
