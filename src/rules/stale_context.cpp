// CTX007 stale-context: an agent context file names a path that this repository deleted or renamed after the
// file last changed, and that CTX002 leaves alone.

#include "path_mentions.hpp"

#include <tacit/engine/context.hpp>
#include <tacit/engine/path_history.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "CTX007",
    .name = "stale-context",
    .category = "CTX",
    .severity = engine::Severity::warning,
    .summary =
        "an agent context file names a path the history deleted or renamed after the file last changed",
    .docs =
        {
            .what_it_does =
                "Reads the recent history (the last 500 non-merge commits within two years of the newest, "
                "each compared with its first parent, with git's rename detection) and reports a path that "
                "an agent context file names in inline code, that no longer exists, whose top directory is "
                "gone as well, and that a commit newer than the file's own last change deleted or renamed "
                "(a folder counts when a commit removed files under it). The message names the commit; the "
                "hint names the new path when it was renamed. Which rule reports a missing path, so that "
                "one mistake is one finding: CTX002 (broken-path-reference) reports every missing path whose "
                "top directory still exists, and every broken link, with the history's new name in its hint "
                "and fix; a path whose top directory is gone too is taken by CTX002 for another project's "
                "(`vendor/`, a sibling service) and left alone, and that is where the history decides: this "
                "rule reports it only when the repository itself had it. A make target or package script "
                "that no longer exists is CTX003's (unknown-command-target), whatever the history says. "
                "Shallow clones read the history up to their boundary; a plain directory has none (the rule "
                "is then n/a). Outside the default profile (select it with `--extend-select CTX007`): on the "
                "judged corpus (58 repositories, full histories) it has no finding yet, so its precision is "
                "not measured.",
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
                "Update the path to the new one, or remove what the file says about the deleted code.",
        },
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

class StaleContext final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (!context.snapshot().is_git())
      return out.not_applicable("not a git repository");
    const bool any_context = std::ranges::any_of(context.documents(), [&](const auto& doc) {
      return doc.kind == doc::DocKind::agent_context && !context.is_alias(doc);
    });
    if (!any_context)
      return out.not_applicable("no agent context file");
    OutputWords output_words;
    const repo::PathHistory* history = nullptr; // read at the first candidate only
    std::map<std::pair<std::string, std::string>, std::size_t> reported;
    for (const auto& mention : context.knowledge().paths()) {
      if (mention.kind != doc::PathMentionKind::inline_code)
        continue;
      const auto* doc = context.document(mention.doc);
      if (doc == nullptr || doc->kind != doc::DocKind::agent_context || context.is_alias(*doc))
        continue;
      const auto missing = missing_path(context, *doc, mention, output_words);
      if (missing.path.empty() || !missing.top_missing)
        continue; // exists, or CTX002's
      if (history == nullptr)
        history = &engine::path_history(context);
      if (history->commits.empty())
        return out.not_applicable("no history");
      bool folder = false;
      const auto* change = change_of(*history, missing.path, &folder);
      if (change == nullptr)
        continue;
      const auto last = history->last_change_of(doc->path);
      if (last && change->commit >= *last)
        continue; // the file changed with or after the deletion: not stale, CTX002's call if anything
      const engine::Location location{mention.doc, mention.line, mention.column, {}};
      if (const auto it = reported.find({doc->path, missing.path}); it != reported.end()) {
        auto& finding = out.findings()[it->second];
        finding.related.push_back(location);
        finding.related.back().note = "named here too";
        continue;
      }
      reported.emplace(std::pair{doc->path, missing.path}, out.findings().size());
      const auto now = folder ? renamed_folder(*history, missing.path) : history->renamed_to(missing.path);
      const bool renamed = !now.empty() && context.path_exists(now);
      const auto& commit = history->commits[change->commit];
      auto& finding = out.emit(fmt::format("'{}' was {} since {} last changed (commit {} \"{}\")",
                                           mention.text, renamed ? "renamed" : "deleted", doc->path,
                                           commit.id.substr(0, 7), commit.subject),
                               location, missing.path);
      finding.hint = renamed ? fmt::format("it is now '{}': update the path", now)
                             : std::string("update or remove what the file says about it");
    }
  }
};

} // namespace

TACIT_RULE(StaleContext)

} // namespace tacit::rules
