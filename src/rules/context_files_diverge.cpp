// CTX005 context-files-diverge: two context files that agents load for the same scope carry one guide,
// copied by hand, and the copies differ.

#include <tacit/doc/agents.hpp>
#include <tacit/doc/context_files.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "CTX005",
    .name = "context-files-diverge",
    .category = "CTX",
    .severity = engine::Severity::warning,
    .summary =
        "two context files loaded for the same scope carry one guide, copied by hand, with differences",
    .docs =
        {
            .what_it_does =
                "Compares the context files that agents load for the same scope: in one directory "
                "AGENTS.md, CLAUDE.md, GEMINI.md and the like; at the root also "
                "`.github/copilot-instructions.md`, `.cursorrules`, `.windsurfrules`, `.clinerules`, "
                "`.junie/guidelines.md` and rule files that apply always (a Cursor rule with `alwaysApply: "
                "true`, a Windsurf rule with `trigger: always_on`...). Two of them carry one guide when at "
                "least 8 of their lines (list markers and spacing aside) are the same and these make at "
                "least half of the smaller file; a copy is reported when it differs: a line of a section "
                "that both have is changed (a command, a version, a path), a section holds lines the "
                "other's lacks, or a section is in one file only. The finding is at the first differing "
                "line of the copy (the file that is not AGENTS.md), and names the differing lines of both. "
                "Not reported: a file that is a symlink to the other or imports it (`@AGENTS.md`), files "
                "that share only a few lines of boilerplate, and identical copies. Outside the default "
                "profile "
                "(select it with `--extend-select CTX005`): on the judged corpus (58 repositories) it has no "
                "finding yet, so its precision is not measured; the pairs there are imports, symlinks, "
                "identical copies or different guides.",
            .why_it_matters =
                "Agents follow whichever copy they load: Codex reads AGENTS.md, Claude Code CLAUDE.md. When "
                "one copy is updated (`pnpm test` instead of `npm test`, Java 21 instead of 17) and the "
                "other is not, the agents of the team work from different instructions, and the stale "
                "copy looks as authoritative as the new one.",
            .example = "CLAUDE.md was copied from AGENTS.md; AGENTS.md moved to pnpm later:\n\n"
                       "```\nCLAUDE.md:12:1: CTX005 CLAUDE.md copies AGENTS.md (24 lines alike) but differs: "
                       "line 12 'npm test' where AGENTS.md:12 has 'pnpm test'\n"
                       "  hint: keep one source: replace CLAUDE.md with a symlink to AGENTS.md, or with the "
                       "single line '@AGENTS.md'\n```",
            .how_to_fix = "Keep one source: make the other file a symlink to it (`ln -sf AGENTS.md "
                          "CLAUDE.md`) or a one-line import (`@AGENTS.md` in CLAUDE.md), and move what is "
                          "specific to one agent into a section of its own below the import.",
        },
    .in_default_profile = false,
};

constexpr std::size_t k_min_shared = 8;

struct Line {
  std::string norm;    // list markers, emphasis and spacing removed
  std::string raw;     // trimmed, as written
  int number = 0;      // 1-based
  std::string section; // the heading of the innermost section, normalised ("" before the first)
};

std::string normalise(std::string_view text) {
  text = util::trim(text);
  while (!text.empty() &&
         (text.front() == '-' || text.front() == '*' || text.front() == '+' || text.front() == '>'))
    text = util::trim(text.substr(1));
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])))
    ++digits;
  if (digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')'))
    text = util::trim(text.substr(digits + 1));
  std::string out;
  for (const char c : text) {
    if (c == '*' || c == '_')
      continue;
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ')
        out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

// The content lines of a document: long enough to say something, outside front matter.
std::vector<Line> content_lines(const doc::Document& doc) {
  std::vector<Line> out;
  int number = 0;
  std::size_t section = 0;
  const int front_end =
      doc.front_matter.empty()
          ? 0
          : doc.front_matter_line + static_cast<int>(util::split_lines(doc.front_matter).size());
  for (auto line : util::split_lines(doc.text)) {
    ++number;
    while (section < doc.sections.size() && doc.sections[section].line_begin <= number)
      ++section;
    if (number <= front_end)
      continue;
    auto norm = normalise(line);
    const auto trimmed = util::trim(line);
    if (norm.size() < 12 || trimmed.starts_with("```") || trimmed.starts_with("#"))
      continue;
    const auto& heading = section > 0 ? doc.sections[section - 1].heading : std::string();
    out.push_back({std::move(norm), std::string(trimmed), number, util::to_lower(normalise(heading))});
  }
  return out;
}

// Files loaded always for a scope: "" for the root, else the directory. nullopt: not such a file.
std::optional<std::string> scope_of(const doc::Document& doc) {
  const auto* spec = doc::match_context_file(doc.path);
  if (!spec || spec->scope == doc::ContextScope::personal || spec->scope == doc::ContextScope::opt_in ||
      spec->scope == doc::ContextScope::path_scoped)
    return std::nullopt;
  // A rule file that its front matter scopes to paths or leaves to the agent is not loaded always.
  if (const auto activation = doc::front_matter_activation(doc.path, doc.front_matter);
      activation && activation->mode != doc::RuleActivation::Mode::always)
    return std::nullopt;
  if (spec->scope == doc::ContextScope::repository)
    return std::string();
  auto dir = std::string(util::dir_name(doc.path));
  if (util::base_name(dir) == ".claude")
    dir = std::string(util::dir_name(dir));
  return dir;
}

bool imports_or_links(const doc::Document& from, const doc::Document& to) {
  if (from.symlink_target == to.path)
    return true;
  for (const auto& import : from.imports)
    if (doc::resolve_import(from.path, import.target) == to.path)
      return true;
  return false;
}

// How alike two changed lines are: the share of the shorter line's words found in the other.
bool alike(const std::string& a, const std::string& b) {
  const auto words_a = util::split_words(a);
  const auto words_b = util::split_words(b);
  if (words_a.empty() || words_b.empty())
    return false;
  std::size_t common = 0;
  for (auto word : words_a)
    if (std::find(words_b.begin(), words_b.end(), word) != words_b.end())
      ++common;
  return common * 2 >= std::min(words_a.size(), words_b.size());
}

std::string quote(std::string_view text) {
  return text.size() <= 60 ? fmt::format("'{}'", text) : fmt::format("'{}...'", text.substr(0, 57));
}

class ContextFilesDiverge final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    std::map<std::string, std::vector<const doc::Document*>> scopes;
    for (const auto& doc : context.documents())
      if (doc.kind == doc::DocKind::agent_context && !doc.text.empty() && !context.is_alias(doc) &&
          !context.is_excluded(doc.path))
        if (auto scope = scope_of(doc))
          scopes[*scope].push_back(&doc);
    for (const auto& [scope, docs] : scopes)
      for (std::size_t i = 0; i < docs.size(); ++i)
        for (std::size_t j = i + 1; j < docs.size(); ++j)
          compare(*docs[i], *docs[j], out);
  }

private:
  static void compare(const doc::Document& a_doc, const doc::Document& b_doc, engine::Emitter& out) {
    if (imports_or_links(a_doc, b_doc) || imports_or_links(b_doc, a_doc))
      return;
    // The copy is reported; AGENTS.md, the name most agents read, is taken as the source.
    const bool b_is_source =
        util::base_name(b_doc.path) == "AGENTS.md" && util::base_name(a_doc.path) != "AGENTS.md";
    const auto& source = b_is_source ? b_doc : a_doc;
    const auto& copy = b_is_source ? a_doc : b_doc;
    const auto src = content_lines(source);
    const auto cpy = content_lines(copy);
    std::set<std::string> src_set, cpy_set;
    for (const auto& line : src)
      src_set.insert(line.norm);
    for (const auto& line : cpy)
      cpy_set.insert(line.norm);
    std::size_t shared = 0;
    for (const auto& norm : src_set)
      shared += cpy_set.contains(norm) ? 1 : 0;
    if (shared < k_min_shared || shared * 2 < std::min(src_set.size(), cpy_set.size()))
      return;
    std::set<std::string> src_sections, cpy_sections;
    for (const auto& line : src)
      src_sections.insert(line.section);
    for (const auto& line : cpy)
      cpy_sections.insert(line.section);
    // Changed lines: in a section of both, a line of the copy that the source lacks, next to a line of
    // the source's same section that the copy lacks and that says nearly the same.
    std::vector<std::string> differences;
    int first_line = 0;
    std::set<int> used;
    for (const auto& line : cpy) {
      if (src_set.contains(line.norm) || !src_sections.contains(line.section))
        continue;
      for (const auto& other : src)
        if (other.section == line.section && !cpy_set.contains(other.norm) && !used.contains(other.number) &&
            alike(line.norm, other.norm)) {
          used.insert(other.number);
          differences.push_back(fmt::format("line {} {} where {}:{} has {}", line.number, quote(line.raw),
                                            source.path, other.number, quote(other.raw)));
          first_line = first_line ? first_line : line.number;
          break;
        }
    }
    std::vector<std::string> only_source, only_copy;
    for (const auto& section : src_sections)
      if (!section.empty() && !cpy_sections.contains(section))
        only_source.push_back(section);
    for (const auto& section : cpy_sections)
      if (!section.empty() && !src_sections.contains(section))
        only_copy.push_back(section);
    if (differences.empty() && only_source.empty() && only_copy.empty())
      return;
    if (first_line == 0) {
      for (const auto& line : cpy)
        if (!src_set.contains(line.norm)) {
          first_line = line.number;
          break;
        }
    }
    std::string message =
        fmt::format("{} copies {} ({} lines alike) but differs: ", copy.path, source.path, shared);
    std::vector<std::string> parts;
    for (std::size_t k = 0; k < differences.size() && k < 3; ++k)
      parts.push_back(differences[k]);
    if (differences.size() > 3)
      parts.push_back(fmt::format("{} more changed lines", differences.size() - 3));
    if (!only_source.empty())
      parts.push_back(fmt::format("section{} {} only in {}", only_source.size() > 1 ? "s" : "",
                                  quote(util::join(only_source, "', '")), source.path));
    if (!only_copy.empty())
      parts.push_back(fmt::format("section{} {} only in {}", only_copy.size() > 1 ? "s" : "",
                                  quote(util::join(only_copy, "', '")), copy.path));
    message += util::join(parts, "; ");
    auto& finding = out.emit(std::move(message), engine::Location{copy.path, std::max(first_line, 1), 1, {}},
                             fmt::format("{}|{}", source.path, copy.path));
    const auto relative = util::dir_name(copy.path) == util::dir_name(source.path)
                              ? std::string(util::base_name(source.path))
                              : source.path;
    finding.hint =
        fmt::format("keep one source: replace {} with a symlink to {}, or with the single line '@{}'",
                    copy.path, relative, relative);
  }
};

} // namespace

TACIT_RULE(ContextFilesDiverge)

} // namespace tacit::rules
