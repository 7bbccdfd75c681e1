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
                "design doc, or a section about the architecture, structure or layout of the code in the "
                "README, CONTRIBUTING or a context file, or a section that lists the top-level "
                "directories: what ARCH301 looks for), checks that it names every top-level source module "
                "(a top-level folder that holds source files, or a child of src/, packages/, crates/, "
                "cmd/, internal/, pkg/, apps/, libs/, services/; tests, benchmarks, scripts, examples and "
                "vendored code are not modules) with at least `min-files` source files. A module is named "
                "when the overview mentions its path or its folder's name as a word. Only an overview that "
                "is a map of the modules is held to it: one that names at least a third of them (and at "
                "least two); a design note or a high-level picture that names none is not. One finding "
                "per unnamed module, at the overview that names the most. Overviews that are the "
                "modules' own READMEs are not checked (each maps only itself).",
            .why_it_matters =
                "An agent trusts the map it is given: a module the overview leaves out is one it does not "
                "know exists, so it searches for it, or adds a second copy of what the module already "
                "does. A map that lags behind the code is worse than no map for the parts it omits.",
            .example =
                "```\nARCHITECTURE.md:1:1: ARCH305 `src/billing/` (14 source files) is a top-level source "
                "module that the architecture overview (ARCHITECTURE.md) does not name\n  hint: add a line "
                "for `src/billing/` to ARCHITECTURE.md: what it holds and which modules it depends on\n```",
            .how_to_fix =
                "Add one line for the module to the overview: what it holds, what depends on it; or, if "
                "the folder is not part of the product (a scratch folder, a tool), say so there too.",
        },
    .options = k_options,
    .in_default_profile = true,
};

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

// True when `said` names the module at `path`: its path, or its folder's name, as a word.
bool names(std::string_view said, std::string_view path) {
  return has_word(said, path) || has_word(said, util::base_name(path));
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
      if (doc.kind != "module-section")
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
          std::ranges::count_if(modules, [&](const auto* module) { return names(said, module->path); }));
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
    for (const auto* module : modules) {
      if (names(maps, module->path))
        continue;
      auto& finding = out.emit(
          fmt::format("`{}/` ({} source files) is a top-level source module that the architecture overview "
                      "({}{}) does not name",
                      module->path, module->source_files, anchor->path,
                      anchor->heading.empty() ? "" : fmt::format(", \"{}\"", anchor->heading)),
          engine::Location{anchor->path, anchor->line, 1, {}}, module->path);
      finding.hint = fmt::format("add a line for `{}/` to {}: what it holds and which modules it depends on",
                                 module->path, anchor->path);
    }
  }
};

} // namespace

TACIT_RULE(ModuleUnmapped)

} // namespace tacit::rules
