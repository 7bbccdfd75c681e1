// CTX007 stale-context: an agent context file names a path that this repository deleted or renamed after the
// file last changed, and that CTX002 leaves alone.

#include "path_mentions.hpp"
#include "stale_context_support.hpp"

#include <tacit/doc/context_files.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/path_history.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/facts/file_roles.hpp>
#include <tacit/facts/packages.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <ranges>
#include <set>
#include <string>
#include <vector>

namespace tacit::rules {

namespace {

constexpr std::array k_stale_options{
    engine::RuleOption{
        "untouched-commits", "200",
        "commits after its last change from which an agent context file that names commands is "
        "reported (info) when root build files were added or removed since"},
};

constexpr engine::RuleMeta k_meta{
    .id = "CTX007",
    .name = "stale-context",
    .category = "CTX",
    .severity = engine::Severity::warning,
    .summary = "a context file, key doc or setup file names a path, file, make target or workspace package "
               "deleted or "
               "renamed since it last changed; or a root context file is old while the build changed",
    .docs =
        {
            .what_it_does =
                "Reads the recent history (the last 500 non-merge commits within two years of the newest, "
                "each compared with its first parent, with git's rename detection) and reports what a file "
                "names that a commit newer than the file's own last change deleted or renamed. The message "
                "names the commit; the hint names the new name when git saw a rename.\n\n"
                "- **Paths.** A path that an agent context file or key doc (README, CONTRIBUTING, "
                "ARCHITECTURE at the root, in docs/ or .github/) names in inline code, that no longer "
                "exists, whose top directory is gone as well (a folder counts when a commit removed files "
                "under it). Which rule reports a missing path, so that one mistake is one finding: CTX002 "
                "(broken-path-reference) reports every missing path whose top directory still exists (a "
                "workspace package `packages/foo` that was removed is one of them), and every broken link, "
                "with the history's new name in its hint and fix; a path whose top directory is gone too is "
                "taken by CTX002 for another project's (`vendor/`, a sibling service) and left alone, and "
                "that is where the history decides: this rule reports it only when the repository itself "
                "had it.\n"
                "- **Scripts in code blocks.** A script that such a doc's code block runs by a relative path "
                "(`./scripts/check.sh`, `bash tools/lint.sh`), which CTX002 does not read, that exists "
                "neither from the root nor from the doc's folder.\n"
                "- **Bare file names.** A file name without a folder (`check_docs.sh`, `.golangci.yml`: a "
                "known extension, a stem with a letter) that such a doc shows as a whole inline code span or "
                "as a command (`./check_docs.sh`, `bash check_docs.sh`), that no file of the tree has "
                "anywhere under that name, and that a file the history deleted or renamed had; a file now "
                "ignored (generated) is left alone, and so is one deleted under a folder of tests, fixtures "
                "or "
                "examples (`custom.json` in a README is the reader's file, not tests/fixtures/custom.json).\n"
                "- **Make targets.** `make X` in such a doc, where the root Makefile had a rule for X at the "
                "doc's last change (or at the oldest commit read) and no tracked Makefile or `*.mk` has one "
                "now. Only where CTX003 (unknown-command-target) cannot tell: no tracked Makefile any more, "
                "or one that includes others; a complete Makefile's missing target is CTX003's, and a "
                "Makefile that CMake, autotools or meson may generate is left alone. Package scripts are "
                "CTX003's.\n"
                "- **Workspace packages.** A package such a doc's command selects by name (`pnpm --filter "
                "@app/web test`, `npm -w api run build`, `yarn workspace web dev`, `cargo test -p core`) "
                "that no package.json or Cargo.toml of the tree names now, and that a manifest the history "
                "deleted or renamed named when the doc last changed (read at that commit); the hint names "
                "the package's new name when its folder was renamed. A selector by path or glob "
                "(`./packages/web`, `@app/*`) is CTX002's or nobody's.\n"
                "- **Setup files.** A relative path (with a folder) that a dev container "
                "(`.devcontainer/**`, `.devcontainer.json`), a bootstrap or setup script "
                "(`script/bootstrap`, "
                "`scripts/setup.sh`...) or a development Dockerfile (`Dockerfile.dev`) names, that exists "
                "neither from the root nor from the file's folder, and that the history deleted after the "
                "file last changed.\n"
                "- **Untouched context (info).** A root agent context file that names commands, untouched "
                "for `untouched-commits` commits or more (default 200; 'at least' the commits read when it "
                "did not change in them), while root build files were added or removed since (a Makefile, "
                "justfile, package.json, pyproject.toml, Cargo.toml, go.mod, Gradle or Maven file... came or "
                "went, or was renamed away): a build system or task runner changed under it. CI workflows "
                "do not count (a new bot or release workflow changes nothing an agent runs), nor do "
                "edits.\n\n"
                "Shallow clones read the history up to their boundary; a plain directory has none (the rule "
                "is then n/a). Outside the default profile (select it with `--extend-select CTX007`): on the "
                "judged corpus (58 repositories, full histories) it has 2 findings, both true (a dev "
                "container's "
                "on-create script that installs `requirements/dev.txt`, deleted by the move to uv, in "
                "pallets/click and pallets/flask), too few to measure its precision; and since its untouched "
                "check needs the history on every run with a root context file, it costs a history read "
                "(on moby 0.09-0.12 s by its own timer, 60-80 ms more CPU for the run; the whole default "
                "check takes about 0.15 s).",
            .why_it_matters =
                "A context file is written once and read by every agent run after. When a whole folder "
                "moves (`server/` becomes `services/api/`), the file still sends agents to the old place, "
                "and nothing in the tree says that the old place was ever this repository's: only the "
                "history does.",
            .example =
                "AGENTS.md (last changed in March) says the handlers live in `server/handlers/`; in "
                "May `server/` was renamed to `api/`:\n\n"
                "```\nAGENTS.md:7:27: CTX007 'server/handlers' was renamed since AGENTS.md last changed "
                "(commit 1a2b3c4 \"Move server to api\")\n"
                "  hint: it is now 'api/handlers': update the path\n```",
            .how_to_fix =
                "Update the path, name or command to the new one, or remove what the file says about the "
                "deleted code. For the info finding, read the context file against the build files that "
                "came or went and update it; any commit that changes it resets the count.",
        },
    .options = k_stale_options,
    .in_default_profile = false,
};

// The newest change of `path`, or of a file under it when it names a folder; nullptr when none.
const repo::PathChange* change_of(const repo::PathHistory& history, const std::string& path, bool* folder) {
  *folder = false;
  if (const auto* change = history.latest(path))
    return change;
  const auto prefix = path + "/";
  auto it =
      std::ranges::lower_bound(history.by_path, std::string_view(prefix), {},
                               [&](std::size_t i) -> std::string_view { return history.changes[i].path; });
  const repo::PathChange* newest = nullptr;
  for (; it != history.by_path.end() && history.changes[*it].path.starts_with(prefix); ++it)
    if (newest == nullptr || history.changes[*it].commit < newest->commit)
      newest = &history.changes[*it];
  *folder = newest != nullptr;
  return newest;
}

// What a folder became: the common new folder of its renamed files ("" when they went different ways or
// some were deleted).
std::string renamed_folder(const repo::PathHistory& history, const std::string& path) {
  const auto prefix = path + "/";
  std::optional<std::string> target;
  for (const auto& change : history.changes) {
    if (!change.path.starts_with(prefix))
      continue;
    const auto now = history.renamed_to(change.path);
    const auto rest = std::string_view(change.path).substr(prefix.size());
    if (now.empty() || !now.ends_with(fmt::format("/{}", rest)))
      return {};
    auto folder = now.substr(0, now.size() - rest.size() - 1);
    if (target && *target != folder)
      return {};
    target = std::move(folder);
  }
  return target.value_or("");
}

// The part of CTX007 that reads the history, for one run.
class StaleChecker {
public:
  StaleChecker(const engine::Context& context, engine::Emitter& out) : m_context(context), m_out(out) {}

  // Reads the history on first use; false when there is none.
  bool has_history() {
    if (m_history == nullptr)
      m_history = &engine::path_history(m_context);
    return !m_history->commits.empty();
  }
  const repo::PathHistory& history() const { return *m_history; }

  // The commits newer than `path`'s last change: the number of commits read when it did not change in them.
  std::size_t newer_than_last_change(std::string_view path) const {
    return m_history->last_change_of(path).value_or(m_history->commits.size());
  }

  // A path a doc names in inline code, gone with its top directory, that a commit newer than the doc deleted.
  void path_mention(const doc::Document& doc, const doc::PathMention& mention, const std::string& path) {
    bool folder = false;
    const auto* change = change_of(*m_history, path, &folder);
    if (change == nullptr || change->commit >= newer_than_last_change(doc.path))
      return; // the file changed with or after the deletion: not stale, CTX002's call if anything
    const auto now = folder ? renamed_folder(*m_history, path) : m_history->renamed_to(path);
    report(doc.path, {mention.doc, mention.line, mention.column, {}}, mention.text, path, *change, now);
  }

  // A bare file name a doc names that no file of the tree has, and that a commit newer than the doc deleted.
  void bare_name(const doc::Document& doc, const NamedPath& name) {
    if (m_basenames.empty())
      for (const auto& file : m_context.snapshot().files())
        m_basenames.emplace(util::base_name(file.path));
    if (m_basenames.contains(name.text) || m_context.path_exists(name.text))
      return;
    const auto* change = deleted_by_name(*m_history, name.text, newer_than_last_change(doc.path), m_by_name);
    if (change == nullptr || m_context.snapshot().is_ignored(change->path))
      return; // never this repository's, or a file it now generates
    report(doc.path, {doc.path, name.line, name.column, {}}, name.text, change->path, *change,
           m_history->renamed_to(change->path));
  }

  // A relative path a setup file names, or a script a doc's code block runs, that neither the root nor the
  // file's folder has, and that a commit newer than the file deleted.
  void relative_path(const std::string& file, const NamedPath& named) {
    const auto dir = util::dir_name(file);
    for (const auto& base : {std::string_view{}, dir}) {
      bool escaped = false;
      const auto path =
          util::normalize_path(base.empty() ? named.text : fmt::format("{}/{}", base, named.text), &escaped);
      if (escaped || path.empty() || m_context.path_exists(path))
        return;
    }
    for (const auto& base : {std::string_view{}, dir}) {
      const auto path =
          util::normalize_path(base.empty() ? named.text : fmt::format("{}/{}", base, named.text));
      bool folder = false;
      const auto* change = change_of(*m_history, path, &folder);
      if (change == nullptr || change->commit >= newer_than_last_change(file))
        continue;
      const auto now = folder ? renamed_folder(*m_history, path) : m_history->renamed_to(path);
      return report(file, {file, named.line, named.column, {}}, named.text, path, *change, now);
    }
  }

  // A make target a doc runs, that CTX003 cannot check (no tracked Makefile, or one whose targets may come
  // from elsewhere), that no tracked Makefile defines now, and that the root Makefile defined when the doc
  // last changed.
  void make_target(const doc::Document& doc, const doc::CommandMention& mention, const std::string& target) {
    const auto& facts = m_context.facts();
    bool complete = false;
    for (const auto& set : facts.target_sets)
      if (set.runner == "make") {
        if (set.targets.contains(target))
          return;
        complete = set.complete;
        if (!complete)
          break;
      }
    if (complete || facts.generated_makefiles || m_context.path_exists(target))
      return; // CTX003's; or a generated Makefile may have it; or make builds the file
    for (const auto* file : m_context.files())
      if (is_makefile_name(util::base_name(file->path)) &&
          makefile_defines(m_context.file_cache()(*file), target))
        return;
    const auto& commits = m_history->commits;
    const auto then = std::min(newer_than_last_change(doc.path), commits.size() - 1);
    for (const std::string_view makefile : {"Makefile", "GNUmakefile", "makefile"}) {
      const auto& old = engine::file_at_commit(m_context, commits[then].id, makefile);
      if (!old || !makefile_defines(*old, target))
        continue;
      const engine::Location location{doc.path, mention.line, mention.column, {}};
      const auto subject = fmt::format("make {}", target);
      if (reported_before(doc.path, subject, location))
        return;
      auto& finding = m_out.emit(
          fmt::format("'make {}': the target was removed since {} last changed ({} had it at commit {}; no "
                      "tracked Makefile defines it now)",
                      target, doc.path, makefile, commits[then].id.substr(0, 7)),
          location, subject);
      finding.hint = "update the command to the target that replaced it, or remove it";
      return;
    }
  }

  // A workspace package a doc's command selects by name (`pnpm --filter @app/web test`), that no package
  // manifest of the tree names now, and that a manifest the history deleted or renamed named when the doc
  // last changed.
  void package(const doc::Document& doc, const doc::CommandMention& mention,
               const SelectedPackage& selected) {
    if (!m_packages_read) {
      m_packages_read = true;
      for (const auto* file : m_context.files())
        if (const auto name = util::base_name(file->path); facts::is_package_manifest(name))
          m_package_names.emplace(facts::package_name(name, m_context.file_cache()(*file)));
    }
    if (m_package_names.contains(selected.name))
      return;
    const auto& commits = m_history->commits;
    const auto then = std::min(newer_than_last_change(doc.path), commits.size() - 1);
    for (const auto& change : m_history->changes) {
      if (change.commit >= then)
        break; // changes are newest first: the rest came with or before the doc's last change
      if (util::base_name(change.path) != selected.manifest)
        continue;
      const auto& old = engine::file_at_commit(m_context, commits[then].id, change.path);
      if (!old || facts::package_name(selected.manifest, *old) != selected.name)
        continue;
      const engine::Location location{doc.path, mention.line, mention.column, {}};
      const auto subject = fmt::format("package {}", selected.name);
      if (reported_before(doc.path, subject, location))
        return;
      const auto* renamed =
          change.renamed_to.empty() ? nullptr : m_context.snapshot().find(change.renamed_to);
      const auto now = renamed != nullptr
                           ? facts::package_name(selected.manifest, m_context.file_cache()(*renamed))
                           : std::string();
      const auto& commit = commits[change.commit];
      auto& finding = m_out.emit(
          fmt::format("package '{}' was {} since {} last changed (commit {} \"{}\"; it was {}); no {} names "
                      "it now",
                      selected.name, renamed != nullptr ? "renamed" : "removed", doc.path,
                      commit.id.substr(0, 7), commit.subject, change.path, selected.manifest),
          location, subject);
      finding.hint = !now.empty()
                         ? fmt::format("it is now '{}' ({}): update the command", now, change.renamed_to)
                         : std::string("update the command to the package that replaced it, or remove it");
      return;
    }
  }

private:
  // True when `subject` of `file` has its finding already, which gets `location` as evidence; else the
  // finding the caller emits next is that subject's.
  bool reported_before(const std::string& file, const std::string& subject,
                       const engine::Location& location) {
    if (const auto it = m_reported.find({file, subject}); it != m_reported.end()) {
      auto& finding = m_out.findings()[it->second];
      finding.related.push_back(location);
      finding.related.back().note = "named here too";
      return true;
    }
    m_reported.emplace(std::pair{file, subject}, m_out.findings().size());
    return false;
  }

  static bool is_makefile_name(std::string_view name) {
    return name == "Makefile" || name == "GNUmakefile" || name == "makefile" || name.ends_with(".mk");
  }

  void report(const std::string& file, const engine::Location& location, const std::string& text,
              const std::string& path, const repo::PathChange& change, const std::string& now) {
    if (reported_before(file, path, location))
      return;
    const bool renamed = !now.empty() && m_context.path_exists(now);
    const auto& commit = m_history->commits[change.commit];
    // A bare name: say which file it was.
    const auto was = text.find('/') == std::string::npos && text != path ? fmt::format("; it was '{}'", path)
                                                                         : std::string();
    auto& finding = m_out.emit(fmt::format("'{}' was {} since {} last changed (commit {} \"{}\"{})", text,
                                           renamed ? "renamed" : "deleted", file, commit.id.substr(0, 7),
                                           commit.subject, was),
                               location, path);
    finding.hint = renamed ? fmt::format("it is now '{}': update the {}", now,
                                         text.find('/') == std::string::npos ? "name" : "path")
                           : std::string("update or remove what the file says about it");
  }

  const engine::Context& m_context;
  engine::Emitter& m_out;
  const repo::PathHistory* m_history = nullptr; // read at the first candidate only
  std::set<std::string_view> m_basenames;       // of every file of the tree, on first use
  std::vector<std::size_t> m_by_name;           // deleted_by_name's index
  std::set<std::string> m_package_names;        // every manifest's package name, on first use
  bool m_packages_read = false;
  std::map<std::pair<std::string, std::string>, std::size_t> m_reported;
};

// The info finding: an agent context file that names commands, untouched for `min_commits` commits or more,
// while root build files were added or removed (a build system or task runner came or went).
void report_untouched(const engine::Context& context, const StaleChecker& checker, const doc::Document& doc,
                      std::size_t min_commits, const std::vector<std::string>& build_files,
                      engine::Emitter& out) {
  const auto& history = checker.history();
  const auto untouched = checker.newer_than_last_change(doc.path);
  if (untouched < min_commits)
    return;
  const bool names_commands = std::ranges::any_of(
      context.knowledge().commands(), [&](const auto& command) { return command.doc == doc.path; });
  if (!names_commands)
    return;
  const auto changes = build_changes_since(history, untouched, build_files);
  if (changes.empty())
    return;
  std::vector<std::string> listed;
  for (const auto& change : changes | std::views::take(3))
    listed.push_back(fmt::format("{} {} (commit {})", change.added ? "added" : "removed", change.path,
                                 history.commits[change.commit].id.substr(0, 7)));
  if (changes.size() > 3)
    listed.push_back(fmt::format("and {} more", changes.size() - 3));
  const bool never = !history.last_change_of(doc.path).has_value();
  auto& finding = out.emit(
      fmt::format("{} is untouched for {}{} commits{} while root build files were added or removed: {}",
                  doc.path, never ? "at least " : "", untouched,
                  never ? "" : fmt::format(" (since commit {})", history.commits[untouched].id.substr(0, 7)),
                  util::join(listed, ", ")),
      engine::Location{doc.path, 1, 1, {}}, "untouched");
  finding.severity = engine::Severity::info;
  for (const auto& change : changes)
    if (change.added) {
      finding.related.push_back(engine::Location{change.path, 1, 1, {}});
      finding.related.back().note = "added since";
    }
  finding.hint = "check what the file says about building, testing and CI against the files that changed, "
                 "and update it (a commit that touches it resets the count)";
}

class StaleContext final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (!context.snapshot().is_git())
      return out.not_applicable("not a git repository");
    std::vector<const doc::Document*> docs;
    for (const auto& doc : context.documents())
      if (is_path_checked_doc(doc) && !context.is_alias(doc))
        docs.push_back(&doc);
    std::vector<std::string> setup_files;
    std::vector<std::string> build_files;
    for (const auto* file : context.files()) {
      if (facts::is_setup_file(file->path))
        setup_files.push_back(file->path);
      if (facts::is_root_build_file(file->path))
        build_files.push_back(file->path);
    }
    if (docs.empty() && setup_files.empty())
      return out.not_applicable("no context file, key doc or setup file");
    StaleChecker checker(context, out);
    if (!checker.has_history())
      return out.not_applicable("no history");
    OutputWords output_words;
    for (const auto& mention : context.knowledge().paths()) {
      if (mention.kind != doc::PathMentionKind::inline_code)
        continue;
      const auto* doc = context.document(mention.doc);
      if (doc == nullptr || !is_path_checked_doc(*doc) || context.is_alias(*doc))
        continue;
      const auto missing = missing_path(context, *doc, mention, output_words);
      if (!missing.path.empty() && missing.top_missing) // else it exists, or it is CTX002's
        checker.path_mention(*doc, mention, missing.path);
    }
    const auto& commands = context.knowledge().commands();
    for (const auto* doc : docs) {
      if (!doc::is_structural(doc->path, doc->kind))
        continue; // another project's names: a package README, a tool's guide
      for (const auto& name : bare_file_names(*doc, commands))
        if (!output_words.before(*doc, name.line, name.column))
          checker.bare_name(*doc, name);
      for (const auto& named : script_paths(*doc, commands))
        checker.relative_path(doc->path, named);
      for (const auto& mention : commands) {
        if (mention.doc != doc->path)
          continue;
        if (const auto target = root_make_target(mention.words); !target.empty())
          checker.make_target(*doc, mention, target);
        else if (const auto selected = selected_package(mention.words); !selected.name.empty())
          checker.package(*doc, mention, selected);
      }
    }
    for (const auto& file : setup_files)
      if (const auto* entry = context.snapshot().find(file))
        for (const auto& named : setup_file_paths(context.file_cache()(*entry)))
          checker.relative_path(file, named);
    std::ranges::sort(build_files);
    const auto min_commits =
        static_cast<std::size_t>(std::max<std::int64_t>(1, out.option_int("untouched-commits")));
    for (const auto* doc : context.root_context_files())
      if (!context.is_alias(*doc))
        report_untouched(context, checker, *doc, min_commits, build_files, out);
  }
};

} // namespace

TACIT_RULE(StaleContext)

} // namespace tacit::rules
