// QUAL201 coding-standards-missing: a repository with source code whose docs state no coding conventions.

#include <tacit/doc/context_files.hpp>
#include <tacit/doc/headings.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace tacit::rules {

namespace {

constexpr std::array<engine::RuleOption, 3> k_options{{
    {"min-source-files", "10", "source files (by extension) a repository needs before the rule applies"},
    {"min-words", "20", "words a conventions section needs to count, unless it holds a list or a link"},
    {"min-directives", "3",
     "list items of a context file that start with always/never/prefer/avoid/use/don't (a conventions "
     "list without a heading)"},
}};

constexpr engine::RuleMeta k_meta{
    .id = "QUAL201",
    .name = "coding-standards-missing",
    .category = "QUAL",
    .severity = engine::Severity::info,
    .summary = "a repository with source code has no doc that states its coding conventions",
    .docs =
        {
            .what_it_does =
                "Looks for a statement of the project's coding conventions: a dedicated doc (STYLE.md, "
                "CODING_STYLE.md, CONVENTIONS.md, docs/style-guide.md, docs/coding-guidelines.md...), or a "
                "section "
                "of an agent context file, README, CONTRIBUTING or docs/ page (and the files context files "
                "import) "
                "whose heading says code style, coding conventions, coding standards, code quality, style "
                "guide or "
                "guidelines, with real content: at least `min-words` words, a list of two items or more, or "
                "a link "
                "to the guide the project follows. Headings about commits, pull requests, issues, reviews, "
                "documentation, translations or the community do not count; the sections of reST, AsciiDoc "
                "and nested Markdown docs count as well as those of root Markdown docs. A context file or a "
                "CONTRIBUTING (at any depth) whose list items read as rules (`ALWAYS ...`, `NEVER ...`, "
                "`PREFER ...`, `Avoid ...`) states conventions too, and "
                "so "
                "does a CONTRIBUTING (at any depth) or context file that names the guide it follows (\"must "
                "adhere to the Google C++ Style Guide\", \"PEP 8\", \"PEP-8\", \"naming conventions\"), and "
                "a pull "
                "request template whose checklist states them "
                "(\"New code follows the Google Java Style Guide\", an item about the code's style, naming "
                "or guidelines, not the pull request's title). "
                "Applies "
                "only to repositories with at least `min-source-files` source files: a docs-only repository "
                "is "
                "not held to it. Formatter and linter configs (.editorconfig, .clang-format, rustfmt.toml, "
                "ruff or eslint settings) do not count: they enforce layout mechanically, while the "
                "conventions "
                "reviews ask for (naming, error handling, structure, what to avoid) are written nowhere "
                "else. "
                "\n\nNot in the default profile: on tacit's judged corpus (tests/corpus/) it reached 5 "
                "findings "
                "judged true, 1 false (a plain-text README that points to the OpenBSD style guide) and 20 "
                "debatable (the conventions are those of the language's formatter or linter, or are half "
                "stated), a precision of 0.83, below the 0.90 bar. Run it with `--select QUAL201` (or the "
                "`strict` profile) where a written style guide is expected.",
            .why_it_matters =
                "An agent writes code the way its training data does unless it is told otherwise. "
                "Conventions that live only in reviewers' heads are learned one rejected change at a "
                "time.",
            .example =
                "A Go service with 200 source files, a README and an AGENTS.md that only lists commands:\n\n"
                "```\nAGENTS.md:1:1: QUAL201 no doc states the coding conventions of this repository (200 "
                "source files)\n  hint: add a \"Coding conventions\" section to AGENTS.md ...\n```",
            .how_to_fix =
                "Write the conventions reviews enforce (naming, error handling, logging, tests next to "
                "code, what to avoid) as a short list under a \"Coding conventions\" section of the "
                "context file, or in a STYLE.md that the context file links.",
        },
    .options = k_options,
    .in_default_profile = false,
};

constexpr std::array<std::string_view, 45> k_source_extensions{
    "c",    "h",   "cc",  "cpp", "cxx", "hpp", "hh",     "hxx",  "rs",    "go",  "py",    "pyx",
    "js",   "jsx", "mjs", "cjs", "ts",  "tsx", "mts",    "java", "kt",    "kts", "scala", "swift",
    "m",    "mm",  "cs",  "fs",  "rb",  "php", "ex",     "exs",  "erl",   "hs",  "ml",    "clj",
    "dart", "lua", "zig", "nim", "sol", "vue", "svelte", "jl",   "groovy"};

// Heading words that name conventions, and qualifiers that make a heading about something else.
constexpr std::array<std::string_view, 9> k_heading_words{"style",         "convention",   "coding standard",
                                                          "code standard", "code quality", "guideline",
                                                          "best practice", "idiom",        "coding rule"};
constexpr std::array<std::string_view, 17> k_other_subjects{
    "commit",        "pull request", "pr ",       "community",    "issue",   "translat",
    "documentation", "docs",         "writing",   "enforcement",  "conduct", "review",
    "release",       "security",     "reporting", "contribution", "git "};

// File stems (lowercase, without - _ . and spaces) of dedicated convention docs.
constexpr std::array<std::string_view, 7> k_doc_stems{"style",          "convention",   "codingguideline",
                                                      "codingstandard", "codestandard", "codequality",
                                                      "bestpractice"};

// Prose that names the conventions followed: "All C++ code must adhere to the Google C++ Style Guide".
constexpr std::array<std::string_view, 10> k_convention_phrases{
    "style guide",     "styleguide",        "coding standard", "coding convention",
    "code convention", "naming convention", "pep 8",           "pep8",
    "pep-8",           "coding guideline"};
// What a pull request template's checklist item asks of the code when it states a convention ("New code
// follows the Google Java Style Guide", "Follows the naming conventions").
constexpr std::array<std::string_view, 5> k_checklist_words{"style", "convention", "naming", "guideline",
                                                            "idiom"};

bool is_source(std::string_view path) {
  const auto name = util::base_name(path);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos)
    return false;
  const auto ext = util::to_lower(name.substr(dot + 1));
  return std::find(k_source_extensions.begin(), k_source_extensions.end(), ext) != k_source_extensions.end();
}

bool contains_any(std::string_view text, auto words) {
  return std::any_of(words.begin(), words.end(), [&](auto word) { return util::contains(text, word); });
}

bool is_conventions_heading(std::string_view heading) {
  const auto lower = util::to_lower(heading) + " ";
  return contains_any(lower, k_heading_words) && !contains_any(lower, k_other_subjects);
}

bool is_conventions_doc(std::string_view path) {
  auto stem = util::to_lower(util::base_name(path));
  stem = stem.substr(0, stem.rfind('.'));
  std::erase_if(stem, [](char c) { return c == '-' || c == '_' || c == '.' || c == ' '; });
  return !util::contains(stem, "commit") && contains_any(stem, k_doc_stems);
}

bool is_list_item(std::string_view line) {
  line = util::trim(line);
  if (line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ "))
    return true;
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])))
    ++digits;
  return digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')');
}

// Real content: enough words, a list, or a link to the guide followed.
bool has_content(std::string_view body, std::size_t min_words) {
  std::size_t items = 0;
  for (auto line : util::split_lines(body))
    if (is_list_item(line))
      ++items;
  return items >= 2 || util::split_words(body).size() >= min_words || util::contains(body, "](") ||
         util::contains(body, "http://") || util::contains(body, "https://");
}

// List items that read as rules: "- ALWAYS ...", "- Prefer ...", "1. **Never** ...".
std::size_t directives(std::string_view text) {
  constexpr std::array<std::string_view, 8> k_words{"always", "never", "prefer", "avoid",
                                                    "use ",   "don't", "do not", "must"};
  std::size_t count = 0;
  for (auto line : util::split_lines(text)) {
    if (!is_list_item(line))
      continue;
    auto item = util::to_lower(util::trim(line));
    item.erase(0, item.find_first_of(" ") + 1);
    std::erase(item, '*');
    std::erase(item, '_');
    if (std::any_of(k_words.begin(), k_words.end(), [&](auto word) { return item.starts_with(word); }))
      ++count;
  }
  return count;
}

// A pull request template whose checklist states conventions: an item (`- [ ] ...`) about style, naming or
// guidelines, or a named guide anywhere in it.
bool checklist_states_conventions(std::string_view text) {
  const auto lower = util::to_lower(text);
  if (contains_any(lower, k_convention_phrases))
    return true;
  for (auto line : util::split_lines(lower)) {
    line = util::trim(line);
    // About the code, not about the pull request's title, the commits or the changelog.
    if ((line.starts_with("- [") || line.starts_with("* [")) && contains_any(line, k_checklist_words) &&
        !contains_any(std::string(line) + " ", k_other_subjects))
      return true;
  }
  return false;
}

// Where the conventions go: the context file, else CONTRIBUTING.md when there is one, else a new AGENTS.md.
std::string target_file(const engine::Context& context) {
  if (!context.root_context_files().empty())
    return context.primary_context_file();
  for (auto name : {"CONTRIBUTING.md", ".github/CONTRIBUTING.md", "docs/CONTRIBUTING.md"})
    if (context.document(name))
      return name;
  return "AGENTS.md (create it)";
}

class CodingStandardsMissing final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto sources =
        static_cast<std::size_t>(std::count_if(context.files().begin(), context.files().end(),
                                               [](const auto* file) { return is_source(file->path); }));
    if (std::cmp_less(sources, out.option_int("min-source-files")))
      return out.not_applicable(fmt::format("{} source files, below min-source-files ({})", sources,
                                            out.option_int("min-source-files")));
    for (const auto& file : context.facts().contribution_files)
      if (file.kind == "pr-template" && checklist_states_conventions(file.text))
        return;
    const auto min_words = static_cast<std::size_t>(out.option_int("min-words"));
    const auto min_directives = static_cast<std::size_t>(out.option_int("min-directives"));
    for (const auto& doc : context.documents()) {
      if (is_conventions_doc(doc.path))
        return;
      // Markdown sections, and those of reST, AsciiDoc and plain-text docs (a reST "Code Style" section).
      for (const auto& section : doc::sections(doc))
        if (section.level > 0 && is_conventions_heading(section.heading) &&
            has_content(section.body, min_words))
          return;
      // A context file's or a CONTRIBUTING's (at any depth: clap_derive/CONTRIBUTING.md) rules.
      if ((doc.kind == doc::DocKind::agent_context || doc.kind == doc::DocKind::contributing ||
           doc.imported) &&
          directives(doc.text) >= min_directives)
        return;
      // Only where contributors and agents are told how to work: a README's "style guide" may be the
      // product's subject (a prose linter's).
      const bool for_contributors =
          doc.kind == doc::DocKind::contributing || doc.kind == doc::DocKind::agent_context || doc.imported;
      if (for_contributors && contains_any(util::to_lower(doc.text), k_convention_phrases))
        return;
    }
    auto& finding = out.emit(
        fmt::format("no doc states the coding conventions of this repository ({} source files)", sources),
        context.repository_anchor(), "coding-conventions");
    finding.hint = fmt::format("add a \"Coding conventions\" section to {} with the rules reviews enforce "
                               "(naming, error handling, structure, what to avoid), or write STYLE.md and "
                               "link it from there",
                               target_file(context));
    for (const auto& tool : context.facts().tools)
      if ((tool.kind == "format" || tool.kind == "lint") && tool.tool != "pre-commit" &&
          tool.tool != "codespell")
        finding.related.push_back(
            engine::Location{tool.path, tool.line, 1,
                             fmt::format("{} enforces part of the style; the rest is unwritten", tool.tool)});
  }
};

} // namespace

TACIT_RULE(CodingStandardsMissing)

} // namespace tacit::rules
