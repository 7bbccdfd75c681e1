// ARCH305 module-unmapped: the architecture overview does not name a top-level source module.

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace tacit::rules {

namespace {

constexpr std::array<engine::RuleOption, 1> k_options{{
    {"min-files", "5", "a module with fewer source files than this is not held to it"},
}};

constexpr engine::RuleMeta k_meta{
    .id = "ARCH305",
    .name = "module-unmapped",
    .category = "ARCH",
    .severity = engine::Severity::info,
    .summary = "a top-level source module is not named by the architecture overview",
    .docs =
        {
            .what_it_does =
                "When the repository has an architecture overview (ARCHITECTURE.md, docs/architecture*, a "
                "layout, structure or internals doc, or a section about the architecture, structure or "
                "layout of the code in the README, CONTRIBUTING or a context file, below the document's "
                "title; not an agent skill's reference under a skills/ folder, nor a folder's own "
                "architecture file "
                "such as evals/ARCHITECTURE.md outside the docs folders), checks that it names every "
                "top-level source module "
                "(a top-level folder that holds source files, or a child of src/, packages/, crates/, "
                "cmd/, internal/, pkg/, apps/, libs/, services/; tests, benchmarks, scripts, examples and "
                "vendored code are not modules) with at least `min-files` source files. A module is named "
                "when the overview mentions its path or its folder's name as a word. Only an overview that "
                "is a map of the modules is held to it: one that points at a third of them (and at least "
                "two) as paths (`src/api/`, `api/`, `` `api` ``); a design note or a picture of the data on "
                "disk that names none is not. A map that names a container (`internal/`) and none of its "
                "children maps them as one; one that names some of them is held to all. One finding "
                "per overview, at the one that names the most modules, listing those it leaves out. "
                "Overviews that are the "
                "modules' own READMEs are not checked (each maps only itself).",
            .why_it_matters =
                "An agent trusts the map it is given: a module the overview leaves out is one it does not "
                "know exists, so it searches for it, or adds a second copy of what the module already "
                "does. A map that lags behind the code is worse than no map for the parts it omits.",
            .example =
                "```\nARCHITECTURE.md:1:1: ARCH305 the architecture overview (ARCHITECTURE.md) does not name "
                "1 "
                "of the 5 top-level source modules: `src/billing/` (14 source files)\n  hint: add a line "
                "for each to ARCHITECTURE.md: what it holds and which modules it depends on "
                "(`src/billing/`)\n```",
            .how_to_fix =
                "Add one line for the module to the overview: what it holds, what depends on it; or, if "
                "the folder is not part of the product (a scratch folder, a tool), say so there too.",
        },
    .options = k_options,
    .in_default_profile = true,
};

constexpr std::size_t k_listed = 8;

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// True when `text` holds `word` with no letter, digit, '_' or '-' on either side.
bool has_word(std::string_view text, std::string_view word) {
  for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool left = at == 0 || !word_char(text[at - 1]);
    const auto end = at + word.size();
    if (left && (end == text.size() || !word_char(text[end])))
      return true;
  }
  return false;
}

// An overview of the whole code: an architecture, layout or structure file, or a section about the code's
// structure below a document's title. A section that only lists directories (a changelog, a README's title
// section) and a module's own README map no more than they happen to mention.
bool is_overview(const facts::ArchitectureDoc& doc) {
  if (doc.kind == "section") {
    // "On-disk layout", "Data layout": the data's structure, not the code's.
    const auto heading = util::to_lower(doc.heading);
    return doc.line > 1 && heading.find("disk") == std::string::npos &&
           heading.find("data") == std::string::npos;
  }
  if (doc.kind != "file")
    return false;
  // An agent skill's reference (`.agents/skills/astro-developer/architecture.md`) maps what the skill is
  // about, not the repository.
  for (const auto part : util::split(util::dir_name(doc.path), '/'))
    if (part == "skills" || part == "skill")
      return false;
  // A folder's own architecture file (`evals/ARCHITECTURE.md`, `sdk/ARCHITECTURE.md`) maps that folder; the
  // repository's lives at the root or among its docs.
  if (const auto dir = util::dir_name(doc.path); !dir.empty()) {
    const auto top = util::to_lower(dir.substr(0, dir.find('/')));
    static constexpr std::array<std::string_view, 9> k_doc_dirs{
        "docs", "doc", "documentation", "design", "wiki", ".github", "dev-docs", "devdocs", "architecture"};
    if (std::ranges::find(k_doc_dirs, top) == k_doc_dirs.end() && !top.starts_with("docs"))
      return false;
  }
  const auto name = util::to_lower(util::base_name(doc.path));
  for (auto word : {"architecture", "layout", "structure", "overview", "codemap", "code-map", "internals"})
    if (name.find(word) != std::string::npos)
      return true;
  return false;
}

// True when `said` names the module at `path`: its path, or its folder's name, as a word.
bool names(std::string_view said, std::string_view path) {
  return has_word(said, path) || has_word(said, util::base_name(path));
}

// True when `said` points at the module as a path: its path as a word, or its folder's name written as a
// folder (`api/`) or as code (`api`). A map points at paths; prose that happens to use the word does not.
bool points_at(std::string_view said, std::string_view path) {
  if (has_word(said, path))
    return true;
  const auto name = util::base_name(path);
  return said.find(fmt::format("{}/", name)) != std::string_view::npos ||
         said.find(fmt::format("`{}`", name)) != std::string_view::npos;
}

// What an overview says: a whole architecture file, or the section that maps the code (with its
// subsections).
std::string overview_text(const engine::Context& context, const facts::ArchitectureDoc& overview) {
  std::string said;
  const auto* file = context.snapshot().find(overview.path);
  if (!file)
    return said;
  const std::string_view text = context.file_cache()(*file);
  const auto* doc = context.document(overview.path);
  if (overview.kind == "file" || !doc || doc->sections.empty())
    return std::string(text) + '\n';
  const auto lines = util::split_lines(text);
  for (const auto& section : doc->sections)
    if (section.line_begin == overview.line)
      for (int line = section.line_begin; line <= section.line_end && line <= static_cast<int>(lines.size());
           ++line)
        said.append(lines[static_cast<std::size_t>(line - 1)]).push_back('\n');
  return said;
}

class ModuleUnmapped final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& facts = context.facts();
    std::vector<const facts::ArchitectureDoc*> overviews;
    for (const auto& doc : facts.architecture_docs)
      if (is_overview(doc))
        overviews.push_back(&doc);
    if (overviews.empty())
      return;
    const auto min_files = out.option_int("min-files");
    std::vector<const facts::SourceModule*> modules;
    for (const auto& module : facts.source_size.modules)
      if (module.source_files >= min_files)
        modules.push_back(&module);
    if (modules.size() < 2)
      return;
    // An overview is a map of the modules when it names several of them (a third, at least two): a design
    // note or a high-level picture that names none is not the map this rule holds to the code.
    const auto needed = std::max<std::size_t>(2, (modules.size() + 2) / 3);
    std::string maps;
    const facts::ArchitectureDoc* anchor = nullptr;
    std::size_t anchor_named = 0;
    for (const auto* overview : overviews) {
      const auto said = overview_text(context, *overview);
      const auto named = static_cast<std::size_t>(
          std::ranges::count_if(modules, [&](const auto* module) { return points_at(said, module->path); }));
      if (named < needed)
        continue;
      maps += said;
      if (named > anchor_named) {
        anchor = overview;
        anchor_named = named;
      }
    }
    if (!anchor)
      return;
    // One map, one finding: the modules it leaves out, largest first.
    // A map that names a container (`internal/`) and none of its children maps them as one; one that names
    // some of the children enumerates them, and the others are missing.
    const auto covered_by_container = [&](const facts::SourceModule& module) {
      const auto parent = util::dir_name(module.path);
      if (parent.empty() || !points_at(maps, parent))
        return false;
      return std::ranges::none_of(modules, [&](const auto* other) {
        return other != &module && util::dir_name(other->path) == parent && names(maps, other->path);
      });
    };
    std::vector<const facts::SourceModule*> unnamed;
    for (const auto* module : modules)
      if (!names(maps, module->path) && !covered_by_container(*module))
        unnamed.push_back(module);
    if (unnamed.empty())
      return;
    std::ranges::stable_sort(unnamed,
                             [](const auto* a, const auto* b) { return a->source_files > b->source_files; });
    std::vector<std::string> listed;
    std::vector<std::string> paths;
    for (const auto* module : unnamed) {
      if (listed.size() < k_listed)
        listed.push_back(fmt::format("`{}/` ({} source files)", module->path, module->source_files));
      paths.push_back(fmt::format("`{}/`", module->path));
    }
    if (unnamed.size() > k_listed)
      listed.push_back(fmt::format("and {} more", unnamed.size() - k_listed));
    auto& finding = out.emit(
        fmt::format(
            "the architecture overview ({}{}) does not name {} of the {} top-level source modules: {}",
            anchor->path, anchor->heading.empty() ? "" : fmt::format(", \"{}\"", anchor->heading),
            unnamed.size(), modules.size(), util::join(listed, ", ")),
        engine::Location{anchor->path, anchor->line, 1, {}}, anchor->path);
    finding.hint =
        fmt::format("add a line for each to {}: what it holds and which modules it depends on ({})",
                    anchor->path, util::join(paths, ", "));
  }
};

} // namespace

TACIT_RULE(ModuleUnmapped)

} // namespace tacit::rules
