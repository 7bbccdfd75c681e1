// CTX008 placeholder-content: TODO/TBD/"fill in" placeholders or empty sections in a context file.

#include "context_hygiene.hpp"

#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>

namespace tacit::rules {

namespace {

constexpr std::array k_options{
    engine::RuleOption{
        "max-per-file", "10",
        "placeholders reported one by one in a file; the rest are counted in one more finding"},
};

constexpr engine::RuleMeta k_meta{
    .id = "CTX008",
    .name = "placeholder-content",
    .category = "CTX",
    .severity = engine::Severity::warning,
    .summary = "an agent context file holds TODO/TBD/\"fill in\" placeholders or empty sections",
    .docs =
        {
            .what_it_does =
                "Reads every agent context file (root and nested AGENTS.md, CLAUDE.md, GEMINI.md, "
                ".github/copilot-instructions.md, Cursor, Windsurf, Cline and Junie rules) for content "
                "that was never written: a `TODO`, `FIXME`, `TBD` or `TBA` that stands for missing text "
                "(`TODO: describe the release`, `Deploy: TBD`, `(TODO)`, a line that is only "
                "`TODO`), \"lorem ipsum\", lines that are only \"coming soon\" or \"to be written\", "
                "\"fill this in\", template placeholders such as `<your-project>` or `[insert build "
                "command]`, and empty sections: a heading followed directly by another heading of the same "
                "or "
                "a higher level, or by nothing, when it ends the file or when two or more such sections "
                "follow "
                "each other (a template's skeleton). Code blocks, code spans and HTML comments are not read "
                "(\"grep for `TODO`\" is an instruction), a word that only mentions the marker (\"never "
                "leave TODO comments\", \"a todo app\") is not a placeholder, and a heading that introduces "
                "sub-headings is not empty, nor is a single heading directly followed by a sibling (\"### "
                "Built-in commands\" then \"### `/about`\": a label) or a level-1 heading followed by "
                "another "
                "(a title). Personal files (CLAUDE.local.md) and context files in template directories "
                "(templates/, skeleton/, cookiecutter...) are skipped. One finding per line, at most "
                "`max-per-file` per file and then one finding that counts the rest. A context file that is a "
                "symlink to another (CLAUDE.md -> AGENTS.md) is read once, as its target.",
            .why_it_matters =
                "An agent reads its context file as the truth about the project. A `TODO` where the test "
                "command should be tells it nothing and costs tokens on every request; an empty "
                "\"Testing\" section reads as \"there is nothing to know about testing\", and "
                "`<your-project>` may end up in code or commit messages.",
            .example = "AGENTS.md has a section that was never written:\n\n"
                       "```markdown\n## Testing\n\nTODO: document how to run the integration tests\n\n"
                       "## Release\n\n## Style\n```\n\n"
                       "```\nAGENTS.md:5:1: CTX008 placeholder left in the context file: 'TODO: document "
                       "how to run the integration tests'\nAGENTS.md:7:1: CTX008 section 'Release' is "
                       "empty\n```",
            .how_to_fix = "Write the missing content (the command, the convention, the decision) or "
                          "delete the placeholder and the empty heading. A context file should hold only "
                          "what is true today.",
        },
    .options = k_options,
};

struct Hit {
  int line = 0;
  int column = 0;
  std::string text; // the placeholder as written, or the heading of an empty section
  bool empty_section = false;
};

// A prefix of `text` at most `size` bytes long that does not cut a UTF-8 sequence.
std::string clip(std::string_view text, std::size_t size) {
  if (text.size() <= size)
    return std::string(text);
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80)
    --size;
  return std::string(text.substr(0, size)) + "...";
}

// Where the content of a line starts: after block quote, heading and list markers, checkboxes, emphasis.
std::size_t content_start(std::string_view line) {
  std::size_t i = 0;
  for (std::size_t before = std::string_view::npos; before != i;) {
    before = i;
    while (i < line.size() &&
           (line[i] == ' ' || line[i] == '\t' || line[i] == '>' || line[i] == '*' || line[i] == '_' ||
            line[i] == '~' || line[i] == '#' || line[i] == '-' || line[i] == '+'))
      ++i;
    std::size_t digits = i;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9')
      ++digits;
    if (digits > i && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
        line[digits + 1] == ' ')
      i = digits + 1;
    if (line.substr(i).starts_with("[ ] ") || line.substr(i).starts_with("[x] ") ||
        line.substr(i).starts_with("[X] "))
      i += 4;
  }
  return i;
}

char last_non_blank(std::string_view text) {
  const auto trimmed = util::trim_right(text);
  return trimmed.empty() ? '\0' : trimmed.back();
}

// `TODO`, `FIXME`, `TBD` or `TBA` at `at` stands for missing text (not a mention of the marker).
bool marker_is_placeholder(std::string_view line, std::size_t start, std::size_t at, std::string_view word) {
  const auto after = line.substr(at + word.size());
  if (!after.empty() && (after[0] == '.' || after[0] == '-' || after[0] == '/') && after.size() > 1 &&
      is_word_char(after[1]))
    return false; // TODO.md, TODO-list, TODO/FIXME
  if (word == "TBD" || word == "TBA")
    return true;
  const auto rest = util::trim_left(after);
  const char next = rest.empty() ? '\0' : rest[0];
  const bool closes = next == '\0' || next == ':' || next == '-' || next == ')' || next == ']' ||
                      next == '!' || next == '.' || next == '(' || rest.starts_with("\xE2\x80\x93") ||
                      rest.starts_with("\xE2\x80\x94");
  const char before = at > 0 ? line[at - 1] : '\0';
  if (util::trim_left(line).starts_with('#') && next == '\0')
    return false; // "## TODO" heads a to-do list; an empty one is an empty section
  if (at == start || (at == start + 1 && (line[start] == '(' || line[start] == '[')))
    return closes; // a line or list item that is the marker: "TODO: write this", "- TODO"
  if (before == '(' || before == '[')
    return next == ':' || next == ')' || next == ']';
  const char previous = last_non_blank(line.substr(0, at));
  return (previous == ':' || previous == '=' || previous == '|') &&
         (next == '\0' || next == ')' || next == '|' || next == '.'); // "Deploy: TBD", "| x | TODO |"
}

std::optional<std::size_t> find_marker(std::string_view line) {
  constexpr std::array<std::string_view, 4> k_markers{"TODO", "FIXME", "TBD", "TBA"};
  const auto start = content_start(line);
  for (std::size_t at = 0; at < line.size(); ++at) {
    if (line[at] != 'T' && line[at] != 'F')
      continue;
    if (at > 0 && (is_word_char(line[at - 1]) || line[at - 1] == '-' || line[at - 1] == '.' ||
                   line[at - 1] == '/' || line[at - 1] == '$'))
      continue;
    for (auto word : k_markers) {
      const auto end = at + word.size();
      if (line.substr(at, word.size()) == word && (end == line.size() || !is_word_char(line[end])) &&
          marker_is_placeholder(line, start, at, word))
        return at;
    }
  }
  return std::nullopt;
}

// A line whose whole content is a placeholder phrase ("Coming soon.", "_To be written_").
std::optional<std::size_t> find_phrase_line(std::string_view line) {
  constexpr std::array<std::string_view, 12> k_phrases{
      "coming soon",        "to be written",   "to be documented", "to be determined", "to be added",
      "to be completed",    "fill in",         "fill me in",       "fill this in",     "add content here",
      "under construction", "placeholder text"};
  const auto start = content_start(line);
  auto core = util::trim(line.substr(start));
  while (!core.empty() && std::string_view(".!:*_~()[]").find(core.back()) != std::string_view::npos)
    core.remove_suffix(1);
  while (!core.empty() && std::string_view("*_~([").find(core.front()) != std::string_view::npos)
    core.remove_prefix(1);
  const auto lower = util::to_lower(core);
  const auto words = util::split_words(lower).size();
  for (auto phrase : k_phrases) {
    const auto phrase_words = util::split_words(phrase).size();
    if (lower == phrase || (lower.ends_with(phrase) && lower.size() > phrase.size() &&
                            lower[lower.size() - phrase.size() - 1] == ' ' && words <= phrase_words + 1))
      return start;
  }
  return std::nullopt;
}

// Phrases that are placeholders wherever they stand.
std::optional<std::size_t> find_phrase(std::string_view line) {
  constexpr std::array<std::string_view, 9> k_phrases{"lorem ipsum",   "fill in here", "fill this in here",
                                                      "fill in later", "fill me in",   "[fill in",
                                                      "(fill in",      "<fill in",     "[to be "};
  const auto lower = util::to_lower(line);
  for (auto phrase : k_phrases)
    if (const auto at = lower.find(phrase); at != std::string::npos)
      return at;
  return std::nullopt;
}

// `<your-project>`, `[Insert build command]`, `{{project_name}}`: a template's blank left as it was.
std::optional<std::size_t> find_template_blank(std::string_view line) {
  constexpr std::array<std::string_view, 10> k_named{
      "project name",     "project description", "repo name", "repository name", "app name",
      "application name", "company name",        "team name", "product name",    "service name"};
  constexpr std::array<std::string_view, 16> k_nouns{
      "project",   "repo",          "repository",   "app",         "application", "company",
      "team",      "organization",  "product",      "service",     "description", "tech stack",
      "framework", "build command", "test command", "lint command"};
  for (std::size_t at = 0; at < line.size(); ++at) {
    const bool braces = line.substr(at).starts_with("{{");
    if (line[at] != '<' && line[at] != '[' && !braces)
      continue;
    const std::string_view close = braces ? "}}" : line[at] == '<' ? ">" : "]";
    const auto open_size = braces ? 2 : 1;
    const auto window =
        line.substr(at + open_size, 64); // a blank is short: bounded, so the scan stays linear
    const auto found = window.find(close);
    if (found == std::string_view::npos)
      continue;
    const auto end = at + open_size + found;
    const auto after = end + close.size();
    if (line[at] == '[' && after < line.size() &&
        (line[after] == '(' || line[after] == '[' || line[after] == ':'))
      continue; // a link
    std::string inner;
    for (char c : util::trim(line.substr(at + open_size, end - at - open_size)))
      inner += c == '-' || c == '_' ? ' ' : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (inner.ends_with(" here"))
      inner.resize(inner.size() - 5);
    std::string_view rest = inner;
    bool prefixed = false;
    for (std::string_view prefix : {"your ", "insert ", "enter "})
      if (rest.starts_with(prefix)) {
        rest.remove_prefix(prefix.size());
        prefixed = true;
        break;
      }
    rest = util::trim(rest);
    const auto named = std::find(k_named.begin(), k_named.end(), rest) != k_named.end();
    const auto noun = std::find(k_nouns.begin(), k_nouns.end(), rest) != k_nouns.end();
    // `<package-name>` in a command is an argument to fill in; `[Project Name]` is a blank left in a
    // template.
    if ((named && line[at] != '<') || (prefixed && noun))
      return at;
  }
  return std::nullopt;
}

std::optional<std::size_t> find_placeholder(std::string_view prose) {
  std::optional<std::size_t> best;
  for (auto found :
       {find_marker(prose), find_phrase_line(prose), find_phrase(prose), find_template_blank(prose)})
    if (found && (!best || *found < *best))
      best = found;
  return best;
}

// A section with nothing but blank lines, HTML comments and thematic breaks under its heading (and, when
// `placeholders` is given, lines that hold a placeholder).
bool is_empty_section(const doc::Section& section, const std::vector<ContextLine>& lines,
                      const std::set<int>& placeholders = {}) {
  if (section.level == 0)
    return false;
  const int body_lines = static_cast<int>(util::split_lines(section.body).size());
  for (int n = section.line_end - body_lines + 1; n <= section.line_end; ++n) {
    if (n < 1 || static_cast<std::size_t>(n) > lines.size())
      continue;
    const auto& line = lines[static_cast<std::size_t>(n - 1)];
    if (line.kind == LineKind::comment || placeholders.contains(n))
      continue;
    if (line.kind != LineKind::prose)
      return false;
    // Code spans are content: only comments are cut out.
    const auto text = util::trim(
        line.text.find("<!--") == std::string_view::npos ? line.text : std::string_view(line.prose));
    if (!text.empty() && text.find_first_not_of("-*_ ") != std::string_view::npos)
      return false;
    if (text.size() > 0 && text.size() < 3)
      return false; // "-" or "*" alone is an empty list item, still written by someone
  }
  return true;
}

// Empty sections that are gaps, not labels. A heading directly followed by a sibling often labels the
// siblings after it ("### Built-in commands" then "### `/about`"); a level-1 heading followed by another is a
// title or a `#` comment outside a code fence. So an empty section counts when it ends the file, or when it
// is one of a run of at least two empty (or placeholder-only) sections, and a level-1 one only at the end.
void add_empty_sections(const doc::Document& doc, const std::vector<ContextLine>& lines,
                        std::vector<Hit>& hits) {
  std::set<int> placeholders;
  for (const auto& hit : hits)
    placeholders.insert(hit.line);
  std::vector<const doc::Section*> headings;
  for (const auto& section : doc.sections)
    if (section.level > 0)
      headings.push_back(&section);
  const auto last = static_cast<int>(lines.size());
  for (std::size_t i = 0; i < headings.size();) {
    std::size_t end = i;
    while (end < headings.size() && is_empty_section(*headings[end], lines, placeholders))
      ++end;
    const bool run = end - i >= 2;
    for (std::size_t j = i; j < end; ++j) {
      const auto& section = *headings[j];
      const bool at_end = section.line_end >= last;
      if (is_empty_section(section, lines) && (at_end || (run && section.level > 1)))
        hits.push_back(Hit{section.line_begin, 1, section.heading, true});
    }
    i = std::max(end, i + 1);
  }
}

std::vector<Hit> find_hits(const doc::Document& doc) {
  const auto lines = context_lines(doc);
  std::vector<Hit> hits;
  for (const auto& line : lines)
    if (line.kind == LineKind::prose)
      if (const auto at = find_placeholder(line.prose))
        hits.push_back(Hit{line.number, static_cast<int>(*at) + 1,
                           clip(util::trim(line.text.substr(std::min(*at, content_start(line.prose)))), 60),
                           false});
  add_empty_sections(doc, lines, hits);
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.line < b.line; });
  hits.erase(
      std::unique(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.line == b.line; }),
      hits.end());
  return hits;
}

class PlaceholderContent final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    if (std::none_of(context.documents().begin(), context.documents().end(),
                     [](const auto& doc) { return is_hygiene_target(doc, false); }))
      return out.not_applicable("no agent context file to check");
    const auto max_per_file = static_cast<std::size_t>(out.option_int("max-per-file"));
    for (const auto& doc : context.documents()) {
      if (!is_hygiene_target(doc, false) || context.is_alias(doc) || in_template_dir(doc.path))
        continue;
      const auto hits = find_hits(doc);
      for (std::size_t i = 0; i < hits.size() && i < max_per_file; ++i)
        emit(out, doc, hits[i]);
      if (hits.size() > max_per_file) {
        const auto& next = hits[max_per_file];
        auto& finding =
            out.emit(fmt::format("{} more {} in {} ({} reported one by one)", hits.size() - max_per_file,
                                 hits.size() - max_per_file == 1 ? "placeholder or empty section"
                                                                 : "placeholders or empty sections",
                                 util::base_name(doc.path),
                                 max_per_file == 1 ? std::string("the first is")
                                                   : fmt::format("the first {} are", max_per_file)),
                     engine::Location{doc.path, next.line, next.column, {}}, "more placeholders");
        finding.hint = "write the missing content or delete the placeholders and empty headings";
      }
    }
  }

private:
  static void emit(engine::Emitter& out, const doc::Document& doc, const Hit& hit) {
    const engine::Location location{doc.path, hit.line, hit.column, {}};
    if (hit.empty_section) {
      auto& finding = out.emit(fmt::format("section '{}' is empty", hit.text), location, "empty:" + hit.text);
      finding.hint = fmt::format("write what an agent needs to know under '{}' (commands, conventions, "
                                 "where things live), or remove the heading",
                                 hit.text);
      return;
    }
    auto& finding =
        out.emit(fmt::format("placeholder left in the context file: '{}'", hit.text), location, hit.text);
    finding.hint = "write the missing content or delete the line: an agent reads a placeholder as the "
                   "project's instructions";
  }
};

} // namespace

TACIT_RULE(PlaceholderContent)

} // namespace tacit::rules
