// Fix builders shared by the rules: which file, which section, in which heading style.

#include "fix_support.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace tacit::rules::fixes {

namespace {

bool is_blank(std::string_view line) {
  return util::trim(line).empty();
}

// A heading starts a word with the keyword: "Testing" and "Running the tests" for "test", not "Contest".
bool heading_matches(std::string_view heading, std::string_view keyword) {
  const auto lower = util::to_lower(heading);
  for (auto at = lower.find(keyword); at != std::string::npos; at = lower.find(keyword, at + 1))
    if (at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1])))
      return true;
  return false;
}

bool is_atx(std::string_view line) {
  return util::trim(line).starts_with('#');
}

} // namespace

std::string_view line_of(std::string_view text, int line) {
  const auto all = util::split_lines(text);
  return line >= 1 && static_cast<std::size_t>(line) <= all.size() ? all[static_cast<std::size_t>(line - 1)]
                                                                   : std::string_view{};
}

const doc::Document* context_file(const engine::Context& context) {
  const auto roots = context.root_context_files();
  if (roots.empty())
    return nullptr;
  const auto* doc = roots.front();
  if (!doc->symlink_target.empty())
    doc = context.document(doc->symlink_target);
  if (!doc || !doc->path.ends_with(".md") || doc->format != doc::DocFormat::markdown || !doc->structural ||
      doc->truncated || doc->parse_timed_out || !doc->skip_reason.empty() || !doc->column_shifts.empty())
    return nullptr;
  return doc;
}

engine::TextPosition end_of(std::string_view text) {
  const auto count = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  if (text.empty() || text.ends_with('\n'))
    return {count + 1, 1};
  const auto last = text.rfind('\n');
  const auto length = last == std::string_view::npos ? text.size() : text.size() - last - 1;
  return {count + 1, static_cast<int>(length) + 1};
}

std::string heading_line(const doc::Document& doc, std::string_view title) {
  std::vector<const doc::Section*> headings;
  for (const auto& section : doc.sections)
    if (section.level > 0)
      headings.push_back(&section);
  int level = 2;
  bool atx = true;
  bool closed = false;
  if (!headings.empty()) {
    const auto ones = std::count_if(headings.begin(), headings.end(), [](auto* s) { return s->level == 1; });
    const auto lowest = (*std::min_element(headings.begin(), headings.end(), [](auto* a, auto* b) {
                          return a->level < b->level;
                        }))->level;
    level = ones == 1 && headings.front()->level == 1 ? 2 : lowest;
    // The style of the headings at that level (else of any heading).
    const doc::Section* model = headings.front();
    for (const auto* section : headings)
      if (section->level == level) {
        model = section;
        break;
      }
    const auto text = line_of(doc.text, model->line_begin);
    atx = is_atx(text) || level > 2;
    // A closing sequence is hashes after a space: "## Build ##", not "# C#".
    auto line = util::trim(text);
    const auto content_end = line.find_last_not_of('#');
    closed = atx && is_atx(line) && line.ends_with('#') && content_end != std::string_view::npos &&
             line[content_end] == ' ' &&
             line.substr(0, content_end).find_first_not_of("# ") != std::string_view::npos;
  }
  if (!atx)
    return fmt::format("{}\n{}", title, std::string(title.size(), level == 1 ? '=' : '-'));
  const std::string hashes(static_cast<std::size_t>(level), '#');
  return closed ? fmt::format("{} {} {}", hashes, title, hashes) : fmt::format("{} {}", hashes, title);
}

std::string command_block(std::string_view command) {
  std::string body(util::trim(command));
  return fmt::format("```sh\n{}\n```\n", body);
}

engine::Fix insert_block(const doc::Document& doc, const SectionTarget& target, std::string block,
                         std::string description) {
  engine::Fix fix;
  fix.description = std::move(description);
  const auto all = util::split_lines(doc.text);
  const doc::Section* found = nullptr;
  for (auto keyword : target.keywords) {
    for (const auto& section : doc.sections)
      if (section.level > 0 && heading_matches(section.heading, keyword)) {
        found = &section;
        break;
      }
    if (found)
      break;
  }
  engine::TextEdit edit;
  edit.path = doc.path;
  if (found) {
    // The section's own text ends where its first subsection starts.
    int own_end = found->line_end;
    for (const auto& section : doc.sections)
      if (section.line_begin > found->line_begin && section.level > found->level) {
        own_end = std::min(own_end, section.line_begin - 1);
        break;
      }
    int last = found->line_begin;
    for (int line = own_end; line > found->line_begin; --line)
      if (static_cast<std::size_t>(line) <= all.size() &&
          !is_blank(all[static_cast<std::size_t>(line - 1)])) {
        last = line;
        break;
      }
    const bool at_end = static_cast<std::size_t>(last) >= all.size();
    edit.begin = at_end ? end_of(doc.text) : engine::TextPosition{last + 1, 1};
    edit.text = "\n" + block;
    // A heading right under the insertion gets its blank line back.
    if (!at_end && !is_blank(all[static_cast<std::size_t>(last)]))
      edit.text += "\n";
  } else {
    edit.begin = end_of(doc.text);
    edit.header = fmt::format("\n{}\n", heading_line(doc, target.title));
    edit.text = "\n" + block;
  }
  edit.end = edit.begin;
  fix.edits.push_back(std::move(edit));
  return fix;
}

std::optional<engine::Fix> insert_command(const engine::Context& context, const SectionTarget& target,
                                          std::string_view command) {
  const auto* doc = context_file(context);
  if (!doc || util::trim(command).empty())
    return std::nullopt;
  return insert_block(
      *doc, target, command_block(command),
      fmt::format("add `{}` to {} under \"{}\"", util::trim(command), doc->path, target.title));
}

engine::TextEdit replace(std::string path, int line, int column, std::string original,
                         std::string replacement) {
  engine::TextEdit edit;
  edit.path = std::move(path);
  edit.begin = {line, column};
  edit.end = {line, column + static_cast<int>(original.size())};
  edit.original = std::move(original);
  edit.text = std::move(replacement);
  return edit;
}

} // namespace tacit::rules::fixes

namespace tacit::rules::fixes {

std::optional<engine::Fix> procedure_fix(const engine::Context& context, std::string_view section,
                                         std::string_view command) {
  static constexpr std::string_view k_build[] = {"build", "compil", "develop", "command"};
  static constexpr std::string_view k_test[] = {"test", "develop", "command"};
  static constexpr std::string_view k_lint[] = {"lint", "format", "style", "check", "develop", "command"};
  static constexpr std::string_view k_setup[] = {"setup",           "set up",       "install",
                                                 "getting started", "prerequisite", "develop"};
  static constexpr std::string_view k_checks[] = {"check", "lint", "test", "develop", "command"};
  const auto lower = util::to_lower(section);
  std::span<const std::string_view> keywords = k_checks;
  if (lower.starts_with("build"))
    keywords = k_build;
  else if (lower.starts_with("test"))
    keywords = k_test;
  else if (lower.starts_with("lint") || lower.starts_with("format"))
    keywords = k_lint;
  else if (lower.starts_with("setup"))
    keywords = k_setup;
  return insert_command(context, SectionTarget{section, keywords}, command);
}

} // namespace tacit::rules::fixes
