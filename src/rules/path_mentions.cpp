#include "path_mentions.hpp"

#include <tacit/doc/context_files.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <optional>

namespace tacit::rules {

namespace {

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

std::string join_mention_path(std::string_view dir, std::string_view path, bool* escaped) {
  if (path.starts_with('/'))
    return util::normalize_path(path, escaped);
  return util::normalize_path(dir.empty() ? std::string(path) : fmt::format("{}/{}", dir, path), escaped);
}

std::string_view top_segment(std::string_view path) {
  return path.substr(0, path.find('/'));
}

// True when a folder at or above `dir` holds a static site's configuration (Hugo, Docusaurus, MkDocs,
// VitePress, Astro, mdBook, Zola, Jekyll): `dir`'s docs are the site's pages, whose root-absolute links
// (`/documentation`) are the site's URLs.
// The folder of that configuration ("" for the root), or nullopt outside a site.
std::optional<std::string> static_site_root(const engine::Context& context, std::string_view dir) {
  static constexpr std::string_view k_site_configs[] = {"hugo.toml",
                                                        "hugo.yaml",
                                                        "hugo.json",
                                                        "docusaurus.config.js",
                                                        "docusaurus.config.ts",
                                                        "mkdocs.yml",
                                                        "mkdocs.yaml",
                                                        "book.toml",
                                                        ".vitepress/config.ts",
                                                        ".vitepress/config.mts",
                                                        ".vitepress/config.js",
                                                        "astro.config.mjs",
                                                        "astro.config.ts",
                                                        "_config.yml",
                                                        "zola.toml",
                                                        "mint.json",
                                                        "docs.json"};
  for (std::string folder(dir);; folder = std::string(util::dir_name(folder))) {
    for (const auto config : k_site_configs)
      if (context.path_exists(folder.empty() ? std::string(config) : fmt::format("{}/{}", folder, config)))
        return folder;
    if (folder.empty())
      return std::nullopt;
  }
}

// The lower-case words of the sentence after an inline-code mention on its line `text` (past its closing
// backquote, up to a '.', ';', ':' or ')').
std::vector<std::string> words_after(std::string_view text, const doc::PathMention& mention) {
  const auto column = static_cast<std::size_t>(std::max(mention.column, 1) - 1);
  if (column >= text.size())
    return {};
  // The words that matter are the next few: a bounded look, whatever the line's length.
  auto rest = text.substr(column, mention.text.size() + 160);
  if (const auto end = rest.find('`'); end != std::string_view::npos)
    rest.remove_prefix(end + 1); // past the code span
  const auto lower = util::to_lower(rest.substr(0, rest.find_first_of(".;:)")));
  std::vector<std::string> out;
  for (const auto word : util::split_words(lower)) // views into `lower`, which outlives them
    out.emplace_back(word);
  return out;
}

// "(see `agent_docs/style.md` in that repo)", "`src/x.ts` in the pydantic repository": the words after
// inline code place it in another repository ("in this repo", "in the repo" keep it in this one).
bool in_other_repository(const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size() && i < 3; ++i) {
    if (words[i] != "in")
      continue;
    for (std::size_t k = i + 1; k < words.size() && k <= i + 4; ++k) {
      const auto& word = words[k];
      if (word == "this" || word == "our" || word == "here")
        return false;
      if (word == "repo" || word == "repository" || word == "repos")
        return k > i + 1 && !(k == i + 2 && words[i + 1] == "the");
    }
  }
  return false;
}

// "`docs/names.json` is generated by `pnpm docs:names`", "`dist/` (created by the build)": a command makes
// the path; it need not exist in a checkout.
bool made_by_a_command(const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size() && i < 3; ++i)
    for (std::string_view made :
         {"generated", "created", "produced", "written", "downloaded", "built", "emitted"})
      if (words[i] == made)
        return true;
  return false;
}

// "this repo ships no `.github/dco.yml`", "without `config.local.yml`", "`x.lock` does not exist yet": the
// sentence says the path is absent, which is no claim that it exists. `before` is the text that leads to the
// mention on its line (its last words count), `after` the words after it.
bool said_absent(std::string_view before, const std::vector<std::string>& after) {
  // Words without the punctuation around them ("no `" is "no", "exist," is "exist").
  const auto bare = [](std::string_view word) {
    while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.front())))
      word.remove_prefix(1);
    while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.back())))
      word.remove_suffix(1);
    return word;
  };
  const auto lead = util::to_lower(before.substr(before.size() - std::min<std::size_t>(before.size(), 40)));
  std::vector<std::string_view> words; // views into `lead`, which outlives them
  for (const auto word : util::split_words(lead))
    if (const auto kept = bare(word); !kept.empty())
      words.push_back(kept);
  while (!words.empty() &&
         (words.back() == "a" || words.back() == "an" || words.back() == "the" || words.back() == "any"))
    words.pop_back();
  if (!words.empty() && (words.back() == "no" || words.back() == "without"))
    return true;
  const auto at = [&](std::size_t i) { return i < after.size() ? bare(after[i]) : std::string_view(); };
  const auto verb = at(0);
  const bool negated = verb == "doesn't" || verb == "don't" || verb == "isn't" || verb == "aren't";
  if (!negated && verb != "is" && verb != "are" && verb != "does" && verb != "do")
    return false;
  if (negated || at(1) == "not") {
    const auto word = at(negated ? 1 : 2);
    return word == "exist" || word == "committed" || word == "checked" || word == "tracked" ||
           word == "present" || word == "included";
  }
  const auto word = at(1);
  return word == "absent" || word == "missing" || word == "gitignored" || word == "ignored";
}

} // namespace

// Decision records are not checked: they are history (an old package path in an ADR is not stale), and
// ARCH304 checks their links to other records.
bool is_path_checked_doc(const doc::Document& doc) {
  return doc.kind == doc::DocKind::agent_context || doc.kind == doc::DocKind::readme ||
         doc.kind == doc::DocKind::contributing || doc.kind == doc::DocKind::architecture;
}

MissingPath missing_path(const engine::Context& context, const doc::Document& doc,
                         const doc::PathMention& mention, OutputWords& output_words) {
  const auto& text = mention.text;
  if (text.find_first_of("{}<>$*") != std::string::npos || text.starts_with("~"))
    return {};
  const auto dir = util::dir_name(doc.path);
  bool escaped = false;
  auto path = join_mention_path(dir, text, &escaped);
  if (escaped || path.empty())
    return {}; // leaves the repository (GitHub's ../../issues, a sibling checkout)
  if (context.path_exists(path))
    return {};
  bool top_missing = false;
  if (mention.kind == doc::PathMentionKind::link) {
    // Site generators (Docusaurus, VitePress, MkDocs, Hugo) resolve an extensionless link to its page.
    if (util::base_name(path).find('.') == std::string::npos)
      for (auto page : {".md", ".mdx", "/index.md", "/README.md", "/_index.md"})
        if (context.path_exists(path + page))
          return {};
    for (auto page : k_forge_pages)
      if (top_segment(util::normalize_path(text)) == page && !context.path_exists(page))
        return {};
    // The page a site generator renders from a source (mdBook, Sphinx, MkDocs): `theme/index.html` from
    // theme/README.md or theme/index.md, `guide.html` from guide.md.
    if (path.ends_with(".html")) {
      const auto stem = path.substr(0, path.size() - 5);
      for (auto source : {".md", ".rst", ".adoc"})
        if (context.path_exists(stem + source))
          return {};
      if (util::base_name(path) == "index.html") {
        const auto folder = util::dir_name(path);
        for (auto source : {"README.md", "index.md"})
          if (context.path_exists(folder.empty() ? std::string(source)
                                                 : fmt::format("{}/{}", folder, source)))
            return {};
      }
    }
    // A site's page links to its own URLs from the site root (`/documentation`): no file of the repository.
    // ... and a file under the site's own root (`/images/ci.png` in a Mintlify site at packages/docs/).
    if (text.starts_with('/'))
      if (const auto site = static_site_root(context, dir)) {
        if (util::base_name(path).find('.') == std::string::npos &&
            !context.path_exists(std::string(top_segment(path))))
          return {};
        if (!site->empty() && context.path_exists(fmt::format("{}/{}", *site, path)))
          return {};
      }
  }
  if (mention.kind == doc::PathMentionKind::inline_code) {
    // Inline code is checked only where the doc describes this repository: context files and the key docs
    // at the root. A package README or a tool's guide names paths of the projects it is used in.
    if (!doc::is_structural(doc.path, doc.kind))
      return {};
    // A path the doc's procedure produces: "Which will generate `doc/manual.pdf`".
    if (output_words.before(doc, mention.line, mention.column))
      return {};
    const auto line = output_words.line(doc, mention.line);
    const auto column = std::min(static_cast<std::size_t>(std::max(mention.column, 1) - 1), line.size());
    if (const auto after = words_after(line, mention);
        in_other_repository(after) || made_by_a_command(after) || said_absent(line.substr(0, column), after))
      return {};
    // Inline code may be relative to the root as well as to the doc; and it is only clearly one of this
    // repository's paths when its top directory exists.
    bool root_escaped = false;
    const auto from_root = util::normalize_path(text, &root_escaped);
    if (!root_escaped && context.path_exists(from_root))
      return {};
    std::string_view relative = text;
    while (relative.starts_with("./"))
      relative.remove_prefix(2);
    const auto relative_top = top_segment(relative);
    const bool top_in_doc_dir = !dir.empty() && relative_top != "." && relative_top != ".." &&
                                context.path_exists(fmt::format("{}/{}", dir, relative_top));
    if (!top_in_doc_dir) {
      top_missing = !context.snapshot().is_directory(top_segment(from_root));
      path = from_root;
    }
  }
  const auto top = top_segment(path);
  for (auto output : k_output_dirs)
    if (top == output)
      return {};
  // Folders a tool makes wherever it runs (`tests/__snapshots__/` after `pytest --snapshot-update`).
  for (const auto part : util::split(path, '/'))
    for (std::string_view made : {"__snapshots__", "__pycache__", ".pytest_cache", ".mypy_cache",
                                  ".ruff_cache", "node_modules", ".tox", ".nox", ".venv"})
      if (part == made)
        return {};
  for (auto name : k_private_names)
    if (util::base_name(path) == name)
      return {};
  if (context.snapshot().is_ignored(path))
    return {};
  // Another project's files (a submodule's are not even in the snapshot) are not this doc's to keep.
  if (context.foreign().contains(path))
    return {};
  if (path.empty())
    return {};
  return MissingPath{std::move(path), top_missing};
}

} // namespace tacit::rules
