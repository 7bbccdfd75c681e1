// CTX002 broken-path-reference: a context file or key doc names a repository path that does not exist.

#include "heading_links.hpp"
#include "path_reference_support.hpp"
#include "runtime_paths.hpp"

#include <tacit/doc/context_files.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
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
    .docs = {
        .what_it_does =
            "Resolves every repository path that an agent context file, README, CONTRIBUTING or ARCHITECTURE "
            "doc "
            "names (relative link targets and inline code that is clearly a path such as "
            "`src/server/main.go`) and reports the ones that do not exist at the scanned revision. URLs, "
            "anchors, "
            "links that leave the repository, placeholders (`path/to/file`, `<name>`), files the repository "
            "deliberately ignores, extensionless links that a docs site resolves to a page (`./guide` for "
            "guide.md), build outputs (`build/`, `dist/`...) and paths whose top directory does "
            "not "
            "exist either (most likely another project's paths), e-mail addresses (`<user@example.org>`) and "
            "the files that the doc's own procedure makes (a shell block that writes them with `>`, `-o` or "
            "`tee`, copies to them, removes them, tests for them with `test -f`, also through a variable "
            "it assigns; prose that says it generates them) are not checked. A path named several times in "
            "one doc is one finding, its other mentions the evidence; a doc that is a symlink to another "
            "is read once, as its target. A link to a heading (`#usage`, `CONTRIBUTING.md#setup`) of a "
            "Markdown doc that tacit parses (context files, and the key docs at the root, in docs/ and "
            ".github/) must name one of its anchors as GitHub makes them (the heading lower-cased, "
            "punctuation dropped, spaces made '-', '-1' for a repeat; `{#id}` and HTML ids count too). A "
            "missing `@path` import is reported by CTX011 (broken-import) instead.",
        .why_it_matters = "Agents follow paths literally. A renamed file that the docs still name sends an "
                          "agent to read, edit "
                          "or create the wrong file, and it will not notice: the docs are its ground truth.",
        .example =
            "AGENTS.md says \"the CLI lives in `src/cli/main.cpp`\" after it moved to `src/app/main.cpp`:\n\n"
            "```\nAGENTS.md:12:23: CTX002 'src/cli/main.cpp' does not exist\n"
            "  hint: fix the path or remove the reference; did you mean 'src/app/main.cpp'?\n```",
        .how_to_fix = "Point the reference at the file's current path, or remove it if the file is gone.",
    }};

// Directories of generated output: a doc may name what a build produces.
constexpr std::array<std::string_view, 14> k_output_dirs{
    "build", "dist",         "out",      "target", "bin",  "obj",    ".venv",
    "venv",  "node_modules", "coverage", "_build", "site", "public", ".cache"};

// Files a repository deliberately keeps out of version control.
constexpr std::array<std::string_view, 6> k_private_names{"CLAUDE.local.md", "AGENTS.local.md",     ".env",
                                                          ".env.local",      "settings.local.json", ".envrc"};

// GitHub pages of a repository that a README links relatively: `[discussions](discussions)`.
constexpr std::array<std::string_view, 12> k_forge_pages{"issues",   "pulls",    "discussions", "wiki",
                                                         "releases", "actions",  "security",    "projects",
                                                         "tags",     "branches", "milestones",  "labels"};

// Decision records are not checked: they are history (an old package path in an ADR is not stale), and
// ARCH304 checks their links to other records.
bool is_checked_doc(const doc::Document& doc) {
  return doc.kind == doc::DocKind::agent_context || doc.kind == doc::DocKind::readme ||
         doc.kind == doc::DocKind::contributing || doc.kind == doc::DocKind::architecture;
}

std::string join_path(std::string_view dir, std::string_view path, bool* escaped) {
  if (path.starts_with('/'))
    return util::normalize_path(path, escaped);
  return util::normalize_path(dir.empty() ? std::string(path) : fmt::format("{}/{}", dir, path), escaped);
}

std::string_view first_segment(std::string_view path) {
  return path.substr(0, path.find('/'));
}

// Every file's lower-cased name and its path (a view of the snapshot's), sorted by name.
using ByName = std::vector<std::pair<std::string, std::string_view>>;

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
      if (!doc || !is_checked_doc(*doc) || mention.kind == doc::PathMentionKind::import)
        continue;
      mentions[doc].push_back(&mention);
      if (auto resolved = resolve(context, *doc, mention, output_words); !resolved.empty())
        missing.push_back({doc, Missing{&mention, std::move(resolved)}});
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
    for (const auto& [doc, entry] : missing) {
      const auto& made = produced_by(*doc);
      const auto& mention = *entry.mention;
      if (matches_runtime_path(made, util::normalize_path(mention.text)) ||
          matches_runtime_path(made, entry.path))
        continue;
      const engine::Location location{mention.doc, mention.line, mention.column, {}};
      if (const auto it = reported.find({doc, entry.path}); it != reported.end()) {
        auto& finding = out.findings()[it->second];
        finding.related.push_back(location);
        finding.related.back().note = "named here too";
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
      const auto suggestion = suggest(context, by_name, entry.path);
      finding.hint =
          suggestion.empty()
              ? std::string("fix the path or remove the reference")
              : fmt::format("fix the path or remove the reference; did you mean '{}'?", suggestion);
    }
    report_heading_links(context, out, is_checked_doc);
  }

private:
  // The repository path that is missing, or "" when the mention is fine or not checkable.
  static std::string resolve(const engine::Context& context, const doc::Document& doc,
                             const doc::PathMention& mention, OutputWords& output_words) {
    const auto& text = mention.text;
    if (text.find_first_of("{}<>$*") != std::string::npos || text.starts_with("~"))
      return {};
    const auto dir = util::dir_name(doc.path);
    bool escaped = false;
    auto path = join_path(dir, text, &escaped);
    if (escaped || path.empty())
      return {}; // leaves the repository (GitHub's ../../issues, a sibling checkout)
    if (context.path_exists(path))
      return {};
    if (mention.kind == doc::PathMentionKind::link) {
      // Site generators (Docusaurus, VitePress, MkDocs, Hugo) resolve an extensionless link to its page.
      if (util::base_name(path).find('.') == std::string::npos)
        for (auto page : {".md", ".mdx", "/index.md", "/README.md", "/_index.md"})
          if (context.path_exists(path + page))
            return {};
      for (auto page : k_forge_pages)
        if (first_segment(util::normalize_path(text)) == page && !context.path_exists(page))
          return {};
    }
    if (mention.kind == doc::PathMentionKind::inline_code) {
      // Inline code is checked only where the doc describes this repository: context files and the key docs
      // at the root. A package README or a tool's guide names paths of the projects it is used in.
      if (!doc::is_structural(doc.path, doc.kind))
        return {};
      // A path the doc's procedure produces: "Which will generate `doc/manual.pdf`".
      if (output_words.before(doc, mention.line, mention.column))
        return {};
      // Inline code may be relative to the root as well as to the doc; and it is only clearly one of this
      // repository's paths when its top directory exists.
      bool root_escaped = false;
      const auto from_root = util::normalize_path(text, &root_escaped);
      if (!root_escaped && context.path_exists(from_root))
        return {};
      const auto top = first_segment(from_root);
      std::string_view relative = text;
      while (relative.starts_with("./"))
        relative.remove_prefix(2);
      const auto relative_top = first_segment(relative);
      const bool top_in_doc_dir = !dir.empty() && relative_top != "." && relative_top != ".." &&
                                  context.path_exists(fmt::format("{}/{}", dir, relative_top));
      if (!context.snapshot().is_directory(top) && !top_in_doc_dir)
        return {};
      if (!top_in_doc_dir)
        path = from_root;
    }
    const auto top = first_segment(path);
    for (auto output : k_output_dirs)
      if (top == output)
        return {};
    for (auto name : k_private_names)
      if (util::base_name(path) == name)
        return {};
    if (context.snapshot().is_ignored(path))
      return {};
    // Another project's files (a submodule's are not even in the snapshot) are not this doc's to keep.
    if (context.foreign().contains(path))
      return {};
    return path;
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
