#include "context_hygiene.hpp"

#include <tacit/doc/context_files.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace tacit::rules {

namespace {

std::size_t count_lines(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

bool is_fence(std::string_view line) {
  return line.find("```") != std::string_view::npos || line.find("~~~") != std::string_view::npos;
}

void mark(std::vector<ContextLine>& lines, long first, long last, LineKind kind) {
  first = std::max(first, 1L);
  last = std::min(last, static_cast<long>(lines.size()));
  for (long n = first; n <= last; ++n)
    lines[static_cast<std::size_t>(n - 1)].kind = kind;
}

// The last stretch a code span blanked on a line: all blanks, with neither a backtick nor a blank just
// before or after it (or the line's edge). A span next to it extends over it in one step, so spans that
// follow each other on one line cost their own length, not the line's.
struct Blanked {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Blanks a code span and the backticks (and padding blanks) around it.
void blank_span(std::string& prose, std::size_t begin, std::size_t length, Blanked& last) {
  begin = std::min(begin, prose.size());
  std::size_t end = std::min(prose.size(), begin + length);
  const auto blank = [&](std::size_t at) { return prose[at] == '`' || prose[at] == ' '; };
  while (begin > 0 && blank(begin - 1))
    begin = begin > last.begin && begin <= last.end ? last.begin : begin - 1;
  while (end < prose.size() && blank(end))
    end = end >= last.begin && end < last.end ? last.end : end + 1;
  const auto fill = [&](std::size_t from, std::size_t to) {
    if (from < to)
      std::fill(prose.begin() + static_cast<long>(from), prose.begin() + static_cast<long>(to), ' ');
  };
  if (last.begin < last.end && begin <= last.end && last.begin <= end) {
    fill(begin, std::max(begin, last.begin));
    fill(std::min(end, last.end), end);
    last = {std::min(begin, last.begin), std::max(end, last.end)};
  } else {
    fill(begin, end);
    last = {begin, end};
  }
}

// Marks whole-line HTML comments and blanks the inline ones; a comment may span lines.
void blank_comments(std::vector<ContextLine>& lines) {
  bool open = false;
  for (auto& line : lines) {
    if (line.kind != LineKind::prose) {
      open = false; // a code block or front matter ends any comment the parser did not see
      continue;
    }
    std::string& prose = line.prose;
    bool visible = false;
    bool commented = open;
    for (std::size_t at = 0; at < prose.size();) {
      if (open) {
        const auto stop = prose.find("-->", at);
        const auto end = stop == std::string::npos ? prose.size() : stop + 3;
        std::fill(prose.begin() + static_cast<long>(at), prose.begin() + static_cast<long>(end), ' ');
        open = stop == std::string::npos;
        at = end;
        continue;
      }
      const auto start = prose.find("<!--", at);
      const auto before =
          std::string_view(prose).substr(at, start == std::string::npos ? std::string::npos : start - at);
      visible = visible || !util::trim(before).empty();
      if (start == std::string::npos)
        break;
      open = true;
      commented = true;
      at = start;
    }
    if (commented && !visible && !util::trim(line.text).empty())
      line.kind = LineKind::comment;
  }
}

} // namespace

std::vector<ContextLine> context_lines(const doc::Document& doc) {
  const auto texts = util::split_lines(doc.text);
  std::vector<ContextLine> lines;
  lines.reserve(texts.size()); // grown by doubling, the copy of 5M lines of a dense file passed 800 MB
  int number = 0;
  for (auto text : texts)
    lines.push_back(ContextLine{++number, text, LineKind::prose, {}});

  for (const auto& block : doc.code_blocks) {
    const long first = block.line;
    const long last = first + static_cast<long>(count_lines(block.text)) - 1;
    mark(lines, first, last, LineKind::code);
    for (long fence : {first - 1, last + 1})
      if (fence >= 1 && fence <= static_cast<long>(lines.size()) &&
          is_fence(lines[static_cast<std::size_t>(fence - 1)].text))
        mark(lines, fence, fence, LineKind::code);
  }
  if (doc.front_matter_line > 0)
    mark(lines, doc.front_matter_line - 1,
         doc.front_matter_line + static_cast<long>(count_lines(doc.front_matter)), LineKind::front_matter);

  for (auto& line : lines)
    if (line.kind == LineKind::prose)
      line.prose = std::string(line.text);
  std::vector<Blanked> blanked(lines.size());
  for (const auto& span : doc.inline_code) {
    if (span.line < 1 || static_cast<std::size_t>(span.line) > lines.size() || span.column < 1)
      continue;
    auto* line = &lines[static_cast<std::size_t>(span.line - 1)];
    std::size_t begin = static_cast<std::size_t>(span.column - 1);
    std::size_t remaining = span.text.size();
    // A span that wraps goes on over the next lines (its newlines were read as blanks).
    while (line->kind == LineKind::prose) {
      const std::size_t here = std::min(remaining, line->prose.size() - std::min(begin, line->prose.size()));
      blank_span(line->prose, begin, here, blanked[static_cast<std::size_t>(line->number - 1)]);
      if (remaining <= here + 1 || line->number >= static_cast<int>(lines.size()))
        break;
      remaining -= here + 1;
      begin = 0;
      line = &lines[static_cast<std::size_t>(line->number)];
    }
  }
  blank_comments(lines);
  return lines;
}

bool is_hygiene_target(const doc::Document& doc, bool with_personal) {
  if (doc.kind != doc::DocKind::agent_context || !doc.skip_reason.empty())
    return false;
  if (with_personal)
    return true;
  const auto* spec = doc::match_context_file(doc.path);
  return !spec || spec->scope != doc::ContextScope::personal;
}

bool in_template_dir(std::string_view path) {
  constexpr std::array<std::string_view, 8> k_dirs{"template", "templates", "skeleton",     "skeletons",
                                                   "scaffold", "scaffolds", "cookiecutter", "boilerplate"};
  for (auto part : util::split(util::dir_name(path), '/')) {
    const auto lower = util::to_lower(part);
    if (lower.find("{{") != std::string::npos || lower.starts_with("cookiecutter"))
      return true;
    for (auto dir : k_dirs)
      if (lower == dir)
        return true;
  }
  return false;
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

double shannon_entropy(std::string_view text) {
  if (text.empty())
    return 0.0;
  std::array<std::size_t, 256> counts{};
  for (unsigned char c : text)
    ++counts[c];
  double entropy = 0.0;
  const double total = static_cast<double>(text.size());
  for (auto count : counts)
    if (count) {
      const double p = static_cast<double>(count) / total;
      entropy -= p * std::log2(p);
    }
  return entropy;
}

} // namespace tacit::rules
