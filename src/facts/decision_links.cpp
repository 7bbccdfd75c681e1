// The links between decision records: inline links, reference definitions and reST hyperlinks to other
// records, and relations by ADR number ("supersedes ADR-0003"), each scanned in one pass (no backtracking
// regex: a line of `[` is hostile input).

#include "decision_parts.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace tacit::facts::decision {

namespace {

using namespace std::string_view_literals;

constexpr std::array<std::pair<std::string_view, std::string_view>, 10> k_relations{{
    {"superseded by", "superseded-by"},
    {"superceded by", "superseded-by"},
    {"supersedes", "supersedes"},
    {"supercedes", "supersedes"},
    {"amended by", "amended-by"},
    {"amends", "amends"},
    {"replaced by", "replaced-by"},
    {"replaces", "replaces"},
    {"obsoleted by", "superseded-by"},
    {"obsoletes", "supersedes"},
}};

// The relation named last before `column` (0-based) on `lower`, or "link".
std::string relation_before(const std::string& lower, std::size_t column) {
  std::size_t best = std::string::npos;
  std::string relation = "link";
  for (const auto& [phrase, name] : k_relations) {
    // lower.rfind(phrase, column), searched forwards: libstdc++'s rfind compares the phrase at every byte.
    std::size_t at = std::string::npos;
    for (auto next = lower.find(phrase); next != std::string::npos && next <= column;
         next = lower.find(phrase, next + 1))
      at = next;
    if (at != std::string::npos && at < column && (best == std::string::npos || at > best)) {
      best = at;
      relation = std::string(name);
    }
  }
  return relation;
}

bool is_placeholder(std::string_view target) {
  return target.find_first_of("{}<>") != std::string_view::npos || util::contains(target, "xxx") ||
         util::contains(target, "...") || util::contains(target, "\xE2\x80\xA6") ||
         util::contains(target, "NNNN");
}

void add_path_link(DecisionRecord& record, std::string relation, std::string_view raw, int line, int column) {
  std::string_view target = util::trim(raw);
  if (target.empty() || target.starts_with('#') || target.starts_with('/') ||
      target.find(':') != std::string_view::npos || is_placeholder(target))
    return;
  const auto cut = target.find_first_of("#?");
  const auto path = target.substr(0, cut);
  if (path.empty())
    return;
  bool escaped = false;
  const auto dir = util::dir_name(record.path);
  auto resolved =
      util::normalize_path(dir.empty() ? std::string(path) : fmt::format("{}/{}", dir, path), &escaped);
  if (escaped || resolved.empty())
    return;
  record.links.push_back(
      DecisionLink{std::move(relation), std::string(target), std::move(resolved), -1, line, column});
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// The targets of the inline links of a line (`[text](target "title")`; images left out), with the column
// where each target starts. A target has no spaces; only a quoted title may follow it ("[x](is not a link)"
// is prose). Linear in the line's length: a hand-written scan, not a backtracking regex (a line of `[` is
// hostile input).
std::vector<std::pair<std::size_t, std::string>> inline_link_targets(std::string_view text) {
  std::vector<std::pair<std::size_t, std::string>> out;
  const auto space = is_space;
  std::size_t close =
      0; // the first ']' at or after the current '[' (cached: the same for every '[' before it)
  for (std::size_t open = text.find('['); open != std::string_view::npos; open = text.find('[', open + 1)) {
    if (close <= open) {
      close = text.find(']', open + 1);
      if (close == std::string_view::npos)
        break; // no later '[' has a ']' either
    }
    if (close + 1 >= text.size() || text[close + 1] != '(')
      continue;
    std::size_t i = close + 2;
    while (i < text.size() && space(text[i]))
      ++i;
    const auto begin = i;
    while (i < text.size() && text[i] != ')' && !space(text[i]))
      ++i;
    if (i == begin)
      continue;
    const auto target_end = i;
    while (i < text.size() && space(text[i]))
      ++i;
    if (i < text.size() && i > target_end && (text[i] == '"' || text[i] == '\'')) {
      const auto quote = text.find(text[i], i + 1);
      if (quote != std::string_view::npos) {
        auto j = quote + 1;
        while (j < text.size() && space(text[j]))
          ++j;
        if (j < text.size() && text[j] == ')')
          i = j;
      }
    }
    if (i >= text.size() || text[i] != ')')
      continue;
    const bool image = open > 0 && text[open - 1] == '!';
    if (!image)
      out.emplace_back(begin, std::string(text.substr(begin, target_end - begin)));
    open = i; // the next link starts after this one
  }
  return out;
}

// A Markdown reference definition (`[name]: target`, at most 3 spaces of indent; footnotes `[^1]: text` are
// not links): the target's column, or npos. Linear: one pass.
std::size_t reference_target(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && i < 3 && is_space(text[i]))
    ++i;
  if (i + 1 >= text.size() || text[i] != '[' || text[i + 1] == ']' || text[i + 1] == '^')
    return std::string_view::npos;
  const auto close = text.find(']', i + 2);
  if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
    return std::string_view::npos;
  i = close + 2;
  while (i < text.size() && is_space(text[i]))
    ++i;
  return i < text.size() ? i : std::string_view::npos;
}

// The targets of reST hyperlinks (`` `text <target>`_ `` and anonymous `__`), with their columns. Linear:
// each backtick is visited once.
std::vector<std::pair<std::size_t, std::string>> rest_link_targets(std::string_view text) {
  std::vector<std::pair<std::size_t, std::string>> out;
  for (auto open = text.find('`'); open != std::string_view::npos; open = text.find('`', open + 1)) {
    const auto close = text.find('`', open + 1);
    if (close == std::string_view::npos)
      break;
    const auto inner = text.substr(open + 1, close - open - 1);
    const auto lt = inner.find('<');
    if (close + 1 < text.size() && text[close + 1] == '_' && lt != std::string_view::npos &&
        inner.size() >= lt + 3 && inner.back() == '>' && inner.find('>', lt) == inner.size() - 1)
      out.emplace_back(open + 1 + lt + 1, std::string(inner.substr(lt + 1, inner.size() - lt - 2)));
    open = close;
  }
  return out;
}

// After "supersedes": an ADR number (`ADR-0003`, `[adr 12`, `: adr#7`...) in `rest` (lower case): where
// "adr" starts and where the number ends, and the number; begin is npos when there is none. Shape:
// [\s:\-]* \[? \s* adr [\s\-_#]? \s* 0* \d{1,5}, scanned in one pass.
struct AdrNumber {
  std::size_t begin = std::string_view::npos;
  std::size_t end = 0;
  int number = 0;
};
AdrNumber adr_number(std::string_view rest) {
  std::size_t i = 0;
  while (i < rest.size() && (is_space(rest[i]) || rest[i] == ':' || rest[i] == '-'))
    ++i;
  if (i < rest.size() && rest[i] == '[')
    ++i;
  while (i < rest.size() && is_space(rest[i]))
    ++i;
  if (!rest.substr(i).starts_with("adr"))
    return {};
  const auto begin = i;
  i += 3;
  if (i < rest.size() && (is_space(rest[i]) || rest[i] == '-' || rest[i] == '_' || rest[i] == '#'))
    ++i;
  while (i < rest.size() && is_space(rest[i]))
    ++i;
  const auto zeros = i;
  while (i < rest.size() && rest[i] == '0')
    ++i;
  const auto digits = i;
  while (i < rest.size() && i - digits < 5 && std::isdigit(static_cast<unsigned char>(rest[i])))
    ++i;
  if (i == digits) // "adr-000" is number 0; "adr" alone is no number
    return digits > zeros ? AdrNumber{begin, digits, 0} : AdrNumber{};
  return {begin, i, std::stoi(std::string(rest.substr(digits, i - digits)))};
}

} // namespace

void scan_links(DecisionRecord& record, std::string_view raw_line, int line, bool rest_syntax) {
  if (raw_line.size() > 4000)
    return;
  std::string text(raw_line);
  const auto raw_lower = util::to_lower(text);
  if (rest_syntax)
    for (const auto& [column, target] : rest_link_targets(raw_line))
      add_path_link(record, relation_before(raw_lower, column), target, line, static_cast<int>(column) + 1);
  // Code spans are not links.
  for (std::size_t open = text.find('`'); open != std::string::npos; open = text.find('`', open + 1)) {
    const auto close = text.find('`', open + 1);
    if (close == std::string::npos)
      break;
    std::fill(text.begin() + static_cast<std::ptrdiff_t>(open),
              text.begin() + static_cast<std::ptrdiff_t>(close) + 1, ' ');
    open = close;
  }
  const auto lower = util::to_lower(text);
  for (const auto& [column, target] : inline_link_targets(text))
    add_path_link(record, relation_before(lower, column), target, line, static_cast<int>(column) + 1);
  if (const auto at = reference_target(text); at != std::string_view::npos) {
    auto end = at;
    while (end < text.size() && !is_space(text[end]))
      ++end;
    add_path_link(record, "link", text.substr(at, end - at), line, static_cast<int>(at) + 1);
  }
  // "Supersedes ADR-0003": a relation by number (one written as a link is the link above).
  for (const auto& [phrase, name] : k_relations) {
    for (auto at = lower.find(phrase); at != std::string::npos; at = lower.find(phrase, at + 1)) {
      const auto after = at + phrase.size();
      const std::string_view rest = std::string_view(lower).substr(after);
      if (util::trim_left(rest).starts_with('[') && rest.find("](") != std::string_view::npos)
        continue;
      const auto number = adr_number(rest);
      if (number.begin == std::string_view::npos)
        continue;
      const auto column = after + number.begin;
      record.links.push_back(DecisionLink{std::string(name),
                                          text.substr(column, number.end - number.begin),
                                          {},
                                          number.number,
                                          line,
                                          static_cast<int>(column) + 1});
    }
  }
}

} // namespace tacit::facts::decision
