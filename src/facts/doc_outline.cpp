#include "doc_outline.hpp"

#include <tacit/util/strings.hpp>

#include <algorithm>
#include <cctype>

namespace tacit::facts::outline {

namespace {

bool is_fence(std::string_view line, char& fence_char, std::size_t& fence_len) {
  const auto text = util::trim_left(line);
  if (line.size() - text.size() > 3 || text.size() < 3 || (text[0] != '`' && text[0] != '~'))
    return false;
  std::size_t n = 0;
  while (n < text.size() && text[n] == text[0])
    ++n;
  if (n < 3)
    return false;
  fence_char = text[0];
  fence_len = n;
  return true;
}

bool closes_fence(std::string_view line, char fence_char, std::size_t fence_len) {
  const auto text = util::trim(line);
  if (text.size() < fence_len)
    return false;
  return std::all_of(text.begin(), text.end(), [&](char c) { return c == fence_char; });
}

// A setext or reST underline: one repeated punctuation character.
bool is_underline(std::string_view line, char& ch) {
  const auto text = util::trim_right(line);
  if (text.size() < 2 || text.size() != util::trim_left(text).size())
    return false;
  constexpr std::string_view k_chars = "=-~^\"'`#*+_:.";
  if (k_chars.find(text[0]) == std::string_view::npos)
    return false;
  if (!std::all_of(text.begin(), text.end(), [&](char c) { return c == text[0]; }))
    return false;
  ch = text[0];
  return true;
}

// Text of an ATX (`## x`) or AsciiDoc (`== x`) heading line, with its level; level 0 when it is not one.
std::string_view marker_heading(std::string_view line, int& level) {
  level = 0;
  if (line.empty() || (line[0] != '#' && line[0] != '='))
    return {};
  std::size_t n = 0;
  while (n < line.size() && line[n] == line[0])
    ++n;
  if (n > 6 || n >= line.size() || (line[n] != ' ' && line[n] != '\t'))
    return {};
  level = static_cast<int>(n);
  auto text = util::trim(line.substr(n));
  while (line[0] == '#' && !text.empty() && text.back() == '#')
    text.remove_suffix(1);
  return util::trim(text);
}

std::string strip_comments(std::string_view text, bool& optional) {
  std::string out;
  while (!text.empty()) {
    const auto open = text.find("<!--");
    if (open == std::string_view::npos) {
      out += text;
      break;
    }
    out += text.substr(0, open);
    const auto close = text.find("-->", open + 4);
    const auto comment = text.substr(open, close == std::string_view::npos ? text.npos : close - open);
    if (util::contains(util::to_lower(comment), "optional"))
      optional = true;
    if (close == std::string_view::npos)
      break;
    text.remove_prefix(close + 3);
  }
  return out;
}

} // namespace

std::string normalize(std::string_view text) {
  bool ignored = false;
  auto out = util::to_lower(util::trim(strip_comments(text, ignored)));
  std::erase_if(out, [](char c) { return c == '*' || c == '`' || c == '_'; });
  std::string_view view = util::trim(out);
  while (!view.empty() &&
         (view[0] == '-' || view[0] == '+' || std::isdigit(static_cast<unsigned char>(view[0])) ||
          view[0] == '.' || view[0] == ')' || view[0] == ' '))
    view.remove_prefix(1);
  while (!view.empty() && (view.back() == ':' || view.back() == '.' || view.back() == ' '))
    view.remove_suffix(1);
  return std::string(view);
}

Outline build(std::string_view content) {
  Outline out;
  out.lines = util::split_lines(content);
  const auto count = out.lines.size();
  out.prose.assign(count, true);
  std::size_t i = 0;
  if (count > 0 && util::trim(out.lines[0]) == "---") {
    for (std::size_t j = 1; j < count; ++j)
      if (const auto t = util::trim(out.lines[j]); t == "---" || t == "...") {
        out.front_matter_line = 2;
        for (std::size_t k = 1; k < j; ++k)
          out.front_matter += std::string(out.lines[k]) + "\n";
        for (std::size_t k = 0; k <= j; ++k)
          out.prose[k] = false;
        i = j + 1;
        break;
      }
  }
  std::string underline_order; // reST: levels below `=` and `-` in the order their underlines appear
  bool in_comment = false;
  bool comment_optional = false; // an `optional` comment just above the next heading
  char fence_char = 0;
  std::size_t fence_len = 0;
  for (; i < count; ++i) {
    const auto line = out.lines[i];
    if (fence_char) {
      out.prose[i] = false;
      if (closes_fence(line, fence_char, fence_len))
        fence_char = 0;
      continue;
    }
    if (in_comment) {
      out.prose[i] = false;
      if (util::contains(util::to_lower(line), "optional"))
        comment_optional = true;
      in_comment = line.find("-->") == std::string_view::npos;
      continue;
    }
    if (is_fence(line, fence_char, fence_len)) {
      out.prose[i] = false;
      continue;
    }
    const auto trimmed = util::trim(line);
    if (trimmed.starts_with("<!--")) {
      out.prose[i] = false;
      if (util::contains(util::to_lower(line), "optional"))
        comment_optional = true;
      in_comment = trimmed.find("-->") == std::string_view::npos;
      continue;
    }
    if (trimmed.empty())
      continue;
    int level = 0;
    std::string_view text = marker_heading(line, level);
    char ch = 0;
    if (level == 0 && i + 1 < count && is_underline(out.lines[i + 1], ch) &&
        line.size() - util::trim_left(line).size() < 4 && !trimmed.starts_with("- ") &&
        !trimmed.starts_with("* ") && !trimmed.starts_with('|') &&
        (i == 0 || util::trim(out.lines[i - 1]).empty() || is_underline(out.lines[i - 1], ch))) {
      is_underline(out.lines[i + 1], ch);
      if (ch != '=' && ch != '-' && underline_order.find(ch) == std::string::npos)
        underline_order += ch;
      level = ch == '=' ? 1 : ch == '-' ? 2 : std::min(6, static_cast<int>(underline_order.find(ch)) + 3);
      text = trimmed;
    }
    if (level == 0) {
      comment_optional = false;
      continue;
    }
    bool optional = comment_optional;
    comment_optional = false;
    Heading heading;
    heading.text = util::trim(strip_comments(text, optional));
    while (!heading.text.empty() && heading.text.back() == ':')
      heading.text.pop_back();
    heading.level = level;
    heading.line = static_cast<int>(i) + 1;
    heading.optional = optional;
    out.prose[i] = false;
    if (ch) {
      out.prose[i + 1] = false;
      ++i;
    }
    heading.body_begin = static_cast<int>(i) + 2;
    out.headings.push_back(std::move(heading));
  }
  for (std::size_t h = 0; h < out.headings.size(); ++h) {
    auto& heading = out.headings[h];
    heading.body_end = static_cast<int>(count);
    for (std::size_t next = h + 1; next < out.headings.size(); ++next)
      if (out.headings[next].level <= heading.level) {
        heading.body_end = out.headings[next].line - 1;
        break;
      }
  }
  return out;
}

std::vector<int> body_lines(const Outline& outline, const Heading& heading) {
  std::vector<int> out;
  for (int line = heading.body_begin; line <= heading.body_end; ++line) {
    const auto index = static_cast<std::size_t>(line - 1);
    if (index < outline.lines.size() && outline.prose[index] && !util::trim(outline.lines[index]).empty())
      out.push_back(line);
  }
  return out;
}

} // namespace tacit::facts::outline
