// QUAL202 standard-contradicts-config: a doc states a line length or an indentation that the repository's
// formatter configs contradict.

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <re2/re2.h>
#include <set>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "QUAL202",
    .name = "standard-contradicts-config",
    .category = "QUAL",
    .severity = engine::Severity::error,
    .summary = "a doc states a line length or indentation that the formatter configs contradict",
    .docs =
        {
            .what_it_does =
                "Reads the line length and indentation that the root configs enforce (.editorconfig's `[*]` "
                "section, .clang-format's ColumnLimit/IndentWidth/UseTab, ruff and black `line-length` in "
                "pyproject.toml or ruff.toml, prettier's printWidth/tabWidth/useTabs, rustfmt's "
                "max_width/tab_spaces) and the ones the context files and contributor docs state in prose "
                "(\"lines are at most 100 characters\", \"maximum line length: 80\", \"indent with 2 "
                "spaces\", \"4-space indentation\", \"use tabs\"). A stated value is reported when every "
                "config that sets it agrees on another value; configs that disagree among themselves "
                "(ruff 88 for Python, clang-format 100 for C++), or set it for some files only, leave the "
                "statement alone, as do lines that speak of a tool's default, of examples, or of one "
                "language, file type, comments or commit messages. Code blocks are not read. Outside the "
                "default profile (`--extend-select QUAL202`): it reads prose, and on the judged corpus (58 "
                "repositories, 31 of these configs) it has no finding yet to measure its precision by.",
            .why_it_matters =
                "An agent follows the doc and the formatter rewrites its change, or CI fails on it; "
                "worse, the agent may \"fix\" the formatter config to match the doc.",
            .example = "CONTRIBUTING.md says lines are at most 80 characters; .clang-format has "
                       "`ColumnLimit: 100`:\n\n"
                       "```\nCONTRIBUTING.md:12:1: QUAL202 CONTRIBUTING.md states a line length of 80, but "
                       ".clang-format sets 100\n  hint: write 100 (from .clang-format)\n```",
            .how_to_fix =
                "Write the value of the config (the hint gives it), or change the config if the doc is "
                "what the team decided.",
        },
    .in_default_profile = false,
};

struct Statement {
  std::string setting;
  std::string value;
};

// What a prose line states about line length or indentation.
std::vector<Statement> statements(std::string_view line) {
  static const RE2 length_a(R"((?i)\b(?:max(?:imum)?\s+)?line[- ]lengths?\b[^0-9]{0,20}?\b(\d{2,3})\b)");
  static const RE2 length_b(
      R"((?i)\b(\d{2,3})[- ]?(?:characters?|chars?|columns?|cols?)\s+(?:per\s+line|wide|line\s+length|limit|maximum|max))");
  static const RE2 length_c(
      R"((?i)\blines?\s+(?:are\s+|must\s+be\s+|should\s+be\s+)?(?:under|below|shorter\s+than|at\s+most|no\s+longer\s+than|up\s+to|<=?|max(?:imum)?(?:\s+of)?|limited\s+to|wrapped\s+at|wrap\s+at)\s+(\d{2,3})\s*(?:characters?|chars?|columns?|cols?)\b)");
  static const RE2 indent_a(R"((?i)\b(\d)[- ]spaces?\s+(?:indent|indentation|indents)\b)");
  static const RE2 indent_b(R"((?i)\bindent(?:ation|ed)?\s+(?:with|of|by|using|is)\s+(\d)\s+spaces?\b)");
  static const RE2 tabs(
      R"((?i)\b(?:indent(?:ation)?\s+(?:with|using)\s+tabs|use\s+tabs\s+for\s+indentation|tabs\s+for\s+indentation)\b)");
  static const RE2 spaces(
      R"((?i)\b(?:spaces,?\s+not\s+tabs|no\s+tabs|never\s+(?:use\s+)?tabs|spaces\s+instead\s+of\s+tabs)\b)");
  std::vector<Statement> out;
  const auto lower = util::to_lower(line);
  for (std::string_view skip : {"default", "e.g.", "for example", "such as", "example"})
    if (lower.find(skip) != std::string::npos)
      return out;
  // A statement about one language or file type may differ from the configs on purpose.
  for (auto word : util::split_words(lower)) {
    while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.back())) && word.back() != '+')
      word.remove_suffix(1);
    while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.front())) && word.front() != '.')
      word.remove_prefix(1);
    for (std::string_view language :
         {"yaml",       "yml",  ".yml",     ".yaml",     "json",   "markdown", ".md",    "html",
          "css",        "scss", "makefile", "makefiles", "shell",  "bash",     "python", "javascript",
          "typescript", "js",   "ts",       "java",      "kotlin", "golang",   "rust",   "c++",
          "cpp",        "ruby", "php",      "sql",       "xml",    "toml",     "lua",    "swift",
          "terraform",  "docs", "comments", "commit"})
      if (word == language)
        return out;
  }
  const re2::StringPiece text(line.data(), line.size());
  std::string value;
  if (RE2::PartialMatch(text, length_a, &value) || RE2::PartialMatch(text, length_b, &value) ||
      RE2::PartialMatch(text, length_c, &value))
    out.push_back({"line-length", value});
  if (RE2::PartialMatch(text, indent_a, &value) || RE2::PartialMatch(text, indent_b, &value))
    out.push_back({"indent-width", value});
  if (RE2::PartialMatch(text, tabs))
    out.push_back({"indent-style", "tab"});
  else if (RE2::PartialMatch(text, spaces))
    out.push_back({"indent-style", "space"});
  return out;
}

class StandardContradictsConfig final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    // The value each setting has in every config that sets it, when they all agree and apply to all files.
    std::map<std::string, const facts::StyleSetting*> agreed;
    std::set<std::string> uncertain;
    for (const auto& setting : context.facts().style_settings) {
      if (!setting.scope.empty()) {
        uncertain.insert(setting.setting);
        continue;
      }
      const auto [it, added] = agreed.try_emplace(setting.setting, &setting);
      if (!added && it->second->value != setting.value)
        uncertain.insert(setting.setting);
    }
    for (const auto& name : uncertain)
      agreed.erase(name);
    if (agreed.empty())
      return;
    for (const auto& doc : context.documents()) {
      if ((doc.kind != doc::DocKind::agent_context && doc.kind != doc::DocKind::contributing) ||
          doc.text.empty() || doc.user_facing || context.is_alias(doc) || context.is_excluded(doc.path))
        continue;
      std::vector<std::pair<int, int>> blocks;
      for (const auto& block : doc.code_blocks)
        blocks.emplace_back(block.line, block.line + static_cast<int>(std::count(block.text.begin(),
                                                                                 block.text.end(), '\n')));
      std::set<std::string> reported;
      int number = 0;
      for (auto line : util::split_lines(doc.text)) {
        ++number;
        if (std::any_of(blocks.begin(), blocks.end(),
                        [&](const auto& b) { return number >= b.first && number < b.second; }))
          continue;
        for (const auto& stated : statements(line)) {
          const auto it = agreed.find(stated.setting);
          if (it == agreed.end() || it->second->value == stated.value ||
              !reported.insert(stated.setting).second)
            continue;
          const auto& config = *it->second;
          const auto what = stated.setting == "line-length"    ? std::string("a line length of")
                            : stated.setting == "indent-width" ? std::string("an indentation of")
                                                               : std::string("indentation with");
          const auto unit = stated.setting == "indent-width"   ? " spaces"
                            : stated.setting == "indent-style" ? "s"
                                                               : "";
          auto& finding = out.emit(fmt::format("{} states {} {}{}, but {} sets {}{}", doc.path, what,
                                               stated.value, unit, config.evidence.path, config.value, unit),
                                   engine::Location{doc.path, number, 1, {}},
                                   fmt::format("{}:{}", stated.setting, doc.path));
          finding.related.push_back(engine::Location{config.evidence.path, std::max(config.evidence.line, 1),
                                                     1, fmt::format("{} enforces it", config.tool)});
          finding.hint = fmt::format("write {}{} (from {})", config.value, unit, config.evidence.path);
        }
      }
    }
  }
};

} // namespace

TACIT_RULE(StandardContradictsConfig)

} // namespace tacit::rules
