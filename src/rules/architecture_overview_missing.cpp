// ARCH301 architecture-overview-missing: a repository past a size threshold has no doc that maps its
// structure.

#include <tacit/engine/context.hpp>
#include <tacit/rules/builtin.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace tacit::rules {

namespace {

constexpr std::array<engine::RuleOption, 2> k_options{{
    {"min-source-files", "50",
     "the rule applies from this many source files (outside vendored, example, doc "
     "and fixture folders)"},
    {"min-modules", "3", "the rule applies from this many top-level source modules, whatever the file count"},
}};

constexpr engine::RuleMeta k_meta{
    .id = "ARCH301",
    .name = "architecture-overview-missing",
    .category = "ARCH",
    .severity = engine::Severity::info,
    .summary = "a repository past a size threshold has no doc that maps its structure",
    .docs =
        {
            .what_it_does =
                "Counts the source files (by extension, outside vendored, example, doc, fixture and build "
                "folders) and the top-level source modules (top-level folders that hold source files, or the "
                "children of `src/`, `packages/`, `crates/`, `cmd/`, `internal/`, `pkg/`, `apps/`, `libs/`, "
                "`services/`; tests, benchmarks and scripts are not modules). Past either threshold (50 "
                "source "
                "files or 3 modules by default) it checks that some doc maps the code: ARCHITECTURE.md, "
                "docs/architecture*, a design or internals doc, a section about the architecture, structure, "
                "layout, design or modules of the code in the README, CONTRIBUTING or a context file, or a "
                "section that lists the top-level directories (`src/`, `tests/`, a tree drawing). A "
                "repository "
                "below both thresholds is not held to it.",
            .why_it_matters = "An agent that does not know where things live searches the whole tree for "
                              "every change, reads "
                              "the wrong module first, and puts new code where it does not belong. One "
                              "paragraph per module "
                              "saves it that exploration on every task.",
            .example =
                "A service with `src/api`, `src/db` and `src/jobs` (84 source files) and a README that "
                "only says how to run it:\n\n"
                "```\nAGENTS.md:1:1: ARCH301 no doc maps the code's structure (84 source files, 3 "
                "top-level modules: src/api, src/db, src/jobs)\n```",
            .how_to_fix = "Add a \"Project structure\" section to the context file (or write "
                          "ARCHITECTURE.md) with one line "
                          "per top-level module: what it holds and how it depends on the others.",
        },
    .options = k_options,
};

class ArchitectureOverviewMissing final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& facts = context.facts();
    const auto& size = facts.source_size;
    if (size.source_files < out.option_int("min-source-files") &&
        std::cmp_less(size.modules.size(), out.option_int("min-modules")))
      return;
    if (!facts.architecture_docs.empty())
      return;
    std::vector<std::string> names;
    for (const auto& module : size.modules)
      names.push_back(module.path);
    const auto shown = std::min<std::size_t>(names.size(), 6);
    std::string list =
        util::join(std::vector<std::string>(names.begin(), names.begin() + static_cast<long>(shown)), ", ");
    if (names.size() > shown)
      list += ", ...";
    const auto modules = names.empty() ? std::string()
                                       : fmt::format(", {} top-level module{}: {}", names.size(),
                                                     names.size() == 1 ? "" : "s", list);
    auto& finding = out.emit(
        fmt::format("no doc maps the code's structure ({} source files{})", size.source_files, modules),
        context.repository_anchor(), "architecture-overview");
    finding.hint = fmt::format(
        "add a \"Project structure\" section to {} with one line per top-level module ({}) saying what it "
        "holds, or write ARCHITECTURE.md",
        context.primary_context_file(), names.empty() ? std::string("the main folders") : list);
    auto biggest = size.modules;
    std::stable_sort(biggest.begin(), biggest.end(),
                     [](const auto& a, const auto& b) { return a.source_files > b.source_files; });
    for (std::size_t i = 0; i < biggest.size() && i < 3; ++i)
      finding.related.push_back(
          engine::Location{biggest[i].path, 0, 0, fmt::format("{} source files", biggest[i].source_files)});
  }
};

} // namespace

std::unique_ptr<engine::Rule> make_architecture_overview_missing() {
  return std::make_unique<ArchitectureOverviewMissing>();
}

} // namespace tacit::rules
