// CTX002 broken-path-reference: a context file or key doc names a repository path that does not exist.

#include "fix_support.hpp"
#include "heading_links.hpp"
#include "path_mentions.hpp"
#include "runtime_paths.hpp"

#include <tacit/doc/context_files.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/path_history.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <utility>
#include <vector>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "CTX002",
    .name = "broken-path-reference",
    .category = "CTX",
    .severity = engine::Severity::error,
    .summary = "a context file or key doc names a repository path that does not exist",
    .docs =
        {
            .what_it_does =
                "Resolves every repository path that an agent context file, README, CONTRIBUTING or "
                "ARCHITECTURE "
                "doc "
                "names (relative link targets and inline code that is clearly a path such as "
                "`src/server/main.go`) and reports the ones that do not exist at the scanned revision. URLs, "
                "anchors, "
                "links that leave the repository, placeholders (`path/to/file`, `<name>`, the reader's "
                "`lib/my_app/`), the host application's files that a library's doc names and that exist "
                "only in the application its tests build (`config/routes.rb` beside "
                "test/rails_app/config/routes.rb), files the "
                "repository "
                "deliberately ignores, extensionless links that a docs site resolves to a page (`./guide` "
                "for "
                "guide.md), rendered pages whose source exists (`intro.html` for intro.md, "
                "`theme/index.html` for theme/README.md: mdBook, Sphinx, MkDocs), a static site's "
                "root-absolute links to its own URLs (`/documentation` in a page under a Hugo, Docusaurus, "
                "MkDocs, VitePress, Astro, mdBook, Zola, Jekyll or Mintlify configuration, and its files "
                "under the "
                "site's folder or the folder it serves from its root, public/ or static/: `/images/ci.png`), "
                "build outputs (`build/`, `dist/`...), folders a tool "
                "makes where it runs (`__snapshots__/`, `__pycache__/`, `node_modules/`) and paths whose top "
                "directory does "
                "not "
                "exist either (most likely another project's paths), inline code that \"e.g.\" or \"for "
                "example\" "
                "offers as an example of a path the reader picks, e-mail addresses (`<user@example.org>`) "
                "and "
                "the files that the doc's own procedure makes (a shell block that writes them with `>`, `-o` "
                "or "
                "`tee`, copies to them, removes them, tests for them with `test -f`, also through a variable "
                "it assigns; prose that says it generates them), a path the doc also names under the home "
                "folder (`.claude/settings.json` beside `~/.claude/settings.json`: where a tool looks for "
                "its configuration in the reader's project), a path the sentence says is absent "
                "(\"ships no `.github/dco.yml`\", \"`x.lock` does not exist\") and a link the rest of its "
                "line offers for the reader to create (\"creating this file will override...\") are not "
                "checked. A path named "
                "several times "
                "in "
                "one doc is one finding, its other mentions the evidence; a doc that is a symlink to another "
                "is read once, as its target. A link to a heading (`#usage`, `CONTRIBUTING.md#setup`) of a "
                "Markdown doc that tacit parses (context files, and the key docs at the root, in docs/ and "
                ".github/) must name one of its anchors as GitHub makes them (the heading lower-cased, "
                "punctuation dropped, spaces made '-', '-1' for a repeat; `{#id}`, HTML ids and HTML "
                "headings count too). A "
                "missing `@path` import is reported by CTX011 (broken-import) instead; inline code whose top "
                "directory is gone as well, which this rule takes for another project's path, is CTX007's "
                "(stale-context) when the history shows this repository deleted or renamed it. When the "
                "recent "
                "history (the last 500 non-merge commits within two years, git's rename detection) shows the "
                "missing file renamed to a path that exists, the hint names that path and the finding "
                "carries a "
                "fix (`tacit check --fix`) that rewrites every mention of it in the doc, in the form it was "
                "written (relative to the doc or to the root).",
            .why_it_matters =
                "Agents follow paths literally. A renamed file that the docs still name sends an "
                "agent to read, edit "
                "or create the wrong file, and it will not notice: the docs are its ground truth.",
            .example = "AGENTS.md says \"the CLI lives in `src/cli/main.cpp`\" after it moved to "
                       "`src/app/main.cpp`:\n\n"
                       "```\nAGENTS.md:12:23: CTX002 'src/cli/main.cpp' does not exist\n"
                       "  hint: fix the path or remove the reference; did you mean 'src/app/main.cpp'?\n```",
            .how_to_fix = "Point the reference at the file's current path, or remove it if the file is gone; "
                          "`tacit check --fix` does the first when the history knows the new path.",
        },
    .fixable = true,
    .heavy = true,
};

// Every file's lower-cased name and its path (a view of the snapshot's), sorted by name.
using ByName = std::vector<std::pair<std::string, std::string_view>>;

// `path` (from the repository root) as a link from a doc in `dir` writes it.
std::string relative_from(std::string_view dir, std::string_view path) {
  auto from = util::split(dir, '/');
  auto to = util::split(path, '/');
  std::erase(from, std::string_view());
  std::size_t common = 0;
  while (common < from.size() && common + 1 < to.size() && from[common] == to[common])
    ++common;
  std::string out;
  for (auto i = common; i < from.size(); ++i)
    out += "../";
  for (auto i = common; i < to.size(); ++i)
    out += fmt::format("{}{}", i > common ? "/" : "", to[i]);
  return out;
}

// True when the doc also names the path under the home folder (`~/.claude/settings.json` beside
// `.claude/settings.json`): the pair is where a tool looks for its configuration, per user and per project,
// in the reader's project, not a file of this repository.
bool named_under_home(const doc::Document& doc, std::string_view text) {
  while (text.starts_with("./"))
    text.remove_prefix(2);
  if (text.empty() || text.starts_with('/') || text.starts_with("../"))
    return false;
  const auto home = fmt::format("~/{}", text);
  for (auto at = doc.text.find(home); at != std::string::npos; at = doc.text.find(home, at + 1)) {
    const auto end = at + home.size();
    if (end == doc.text.size() || !(std::isalnum(static_cast<unsigned char>(doc.text[end])) ||
                                    doc.text[end] == '_' || doc.text[end] == '-' || doc.text[end] == '/'))
      return true;
  }
  return false;
}

class BrokenPathReference final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (context.knowledge().paths().empty())
      return out.not_applicable("no doc names a path");
    // Same-name files, for "did you mean" after a move; built when the first broken path is found.
    ByName by_name;
    OutputWords output_words;

    // The mentions of each checked doc, in document order, and the ones that name a missing path.
    struct Missing {
      const doc::PathMention* mention;
      std::string path;
    };
    std::map<const doc::Document*, std::vector<const doc::PathMention*>> mentions;
    std::vector<std::pair<const doc::Document*, Missing>> missing;
    for (const auto& mention : context.knowledge().paths()) {
      const auto* doc = context.document(mention.doc);
      // `@path` imports are CTX011's (broken-import): one finding for one missing import.
      if (!doc || !is_path_checked_doc(*doc) || mention.kind == doc::PathMentionKind::import)
        continue;
      mentions[doc].push_back(&mention);
      // A path whose top directory is gone too is taken for another project's (CTX007 asks the history).
      if (auto resolved = missing_path(context, *doc, mention, output_words);
          !resolved.path.empty() && !resolved.top_missing)
        missing.push_back({doc, Missing{&mention, std::move(resolved.path)}});
    }

    // Per doc with a missing path: the paths its own procedure makes (a code block writes, removes or tests
    // for them; the prose says it generates them). Every mention of such a path in the doc is left alone.
    std::map<const doc::Document*, std::vector<std::string>> produced;
    const auto produced_by = [&](const doc::Document& doc) -> const std::vector<std::string>& {
      auto [it, added] = produced.try_emplace(&doc);
      if (added) {
        it->second = runtime_paths(doc);
        for (const auto* mention : mentions[&doc])
          if (mention->kind == doc::PathMentionKind::inline_code &&
              output_words.before(doc, mention->line, mention->column))
            it->second.push_back(util::normalize_path(mention->text));
      }
      return it->second;
    };

    // One finding per missing path and doc; its other mentions in the doc are the finding's evidence.
    std::map<std::pair<const doc::Document*, std::string>, std::size_t> reported;
    // Per finding whose path the history shows renamed to one that exists: the new path and the mentions.
    struct Renamed {
      const doc::Document* doc;
      std::string old;
      std::string path;
      std::vector<const doc::PathMention*> mentions;
    };
    std::map<std::size_t, Renamed> renamed;
    for (const auto& [doc, entry] : missing) {
      const auto& made = produced_by(*doc);
      const auto& mention = *entry.mention;
      if (matches_runtime_path(made, util::normalize_path(mention.text)) ||
          matches_runtime_path(made, entry.path) || named_under_home(*doc, mention.text))
        continue;
      const engine::Location location{mention.doc, mention.line, mention.column, {}};
      if (const auto it = reported.find({doc, entry.path}); it != reported.end()) {
        auto& finding = out.findings()[it->second];
        finding.related.push_back(location);
        finding.related.back().note = "named here too";
        if (const auto was = renamed.find(it->second); was != renamed.end())
          was->second.mentions.push_back(&mention);
        continue;
      }
      if (by_name.empty()) {
        by_name.reserve(context.snapshot().files().size());
        for (const auto& file : context.snapshot().files())
          by_name.emplace_back(util::to_lower(util::base_name(file.path)), file.path);
        std::ranges::stable_sort(by_name, {}, &ByName::value_type::first);
      }
      reported.emplace(std::pair{doc, entry.path}, out.findings().size());
      auto& finding = out.emit(fmt::format("'{}' does not exist", mention.text), location, entry.path);
      // The history knows better than a file of the same name: the path the file was renamed to.
      const auto& history = engine::path_history(context);
      if (auto now = history.renamed_to(entry.path); !now.empty() && context.path_exists(now)) {
        const auto* change = history.latest(entry.path);
        finding.hint = fmt::format("it was renamed to '{}' (commit {}): fix the path", now,
                                   history.commits[change->commit].id.substr(0, 7));
        renamed.emplace(out.findings().size() - 1, Renamed{doc, entry.path, std::move(now), {&mention}});
        continue;
      }
      auto suggestion = suggest(context, by_name, entry.path);
      // A link resolves from the doc's folder: say it as the link would ("../LICENSE" from .github/).
      if (!suggestion.empty() && mention.kind == doc::PathMentionKind::link && !mention.text.starts_with('/'))
        suggestion = relative_from(util::dir_name(doc->path), suggestion);
      finding.hint =
          suggestion.empty()
              ? std::string("fix the path or remove the reference")
              : fmt::format("fix the path or remove the reference; did you mean '{}'?", suggestion);
    }
    for (auto& [index, entry] : renamed)
      out.findings()[index].fix = rename_fix(*entry.doc, entry.mentions, entry.old, entry.path);
    report_heading_links(context, out, is_path_checked_doc);
  }

private:
  // Every mention of `old` in `doc` rewritten to `now`, in the form it was written in (relative to the doc or
  // to the root, with its `./` or `/`); nullopt when one of them cannot be (a percent-encoded link, a new
  // path outside the doc's folder for a doc-relative mention).
  static std::optional<engine::Fix> rename_fix(const doc::Document& doc,
                                               const std::vector<const doc::PathMention*>& mentions,
                                               std::string_view old, std::string_view now) {
    if (!doc.column_shifts.empty() || doc.truncated)
      return std::nullopt;
    engine::Fix fix;
    const auto dir = util::dir_name(doc.path);
    for (const auto* mention : mentions) {
      const auto& text = mention->text;
      const auto line = fixes::line_of(doc.text, mention->line);
      const auto at = static_cast<std::size_t>(mention->column - 1);
      if (mention->column < 1 || at > line.size() || line.substr(at, text.size()) != text)
        return std::nullopt;
      std::string_view written = text;
      std::string lead;
      if (written.starts_with('/')) {
        lead = "/";
        written.remove_prefix(1);
      } else {
        while (written.starts_with("./")) {
          lead += "./";
          written.remove_prefix(2);
        }
      }
      const bool from_root =
          lead == "/" || dir.empty() ||
          (mention->kind == doc::PathMentionKind::inline_code && util::normalize_path(written) == old);
      std::string replacement;
      if (from_root)
        replacement = std::string(now);
      else if (now.starts_with(fmt::format("{}/", dir)))
        replacement = std::string(now.substr(dir.size() + 1));
      else
        return std::nullopt;
      fix.edits.push_back(fixes::replace(doc.path, mention->line, mention->column, text, lead + replacement));
    }
    if (fix.edits.empty())
      return std::nullopt;
    fix.description =
        fmt::format("name '{}' by its new path '{}' in {}", mentions.front()->text, now, doc.path);
    return fix;
  }

  // A file the missing path probably became: the same path in another case, a Rust `x/mod.rs` or Python
  // `x/__init__.py` module, or the only file that ends with the same last two (else one) path segments.
  static std::string suggest(const engine::Context& context, const ByName& by_name,
                             std::string_view missing) {
    const auto stem = missing.substr(0, missing.rfind('.'));
    for (auto module_file : {"mod.rs", "__init__.py"}) {
      const auto candidate = fmt::format("{}/{}", stem, module_file);
      if (stem.size() < missing.size() && context.snapshot().find(candidate) &&
          util::base_name(missing) != module_file)
        return candidate;
    }
    const auto name = util::to_lower(util::base_name(missing));
    const auto [begin, end] = std::ranges::equal_range(by_name, name, {}, &ByName::value_type::first);
    if (begin == end)
      return {};
    for (auto it = begin; it != end; ++it)
      if (util::iequals(it->second, missing))
        return std::string(it->second);
    const auto parent = util::base_name(util::dir_name(missing));
    if (!parent.empty()) {
      const auto tail = util::to_lower(fmt::format("/{}/{}", parent, util::base_name(missing)));
      std::string found;
      int count = 0;
      for (auto it = begin; it != end; ++it)
        if (util::to_lower(it->second).ends_with(tail)) {
          found = std::string(it->second);
          ++count;
        }
      if (count == 1)
        return found;
    }
    return std::next(begin) == end ? std::string(begin->second) : std::string{};
  }
};

} // namespace

TACIT_RULE(BrokenPathReference)

} // namespace tacit::rules
