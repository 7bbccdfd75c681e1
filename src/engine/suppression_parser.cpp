// Parsing suppression comments. One pass over the lines; only lines that contain "tacit" are looked at,
// and each directive is read once from its comment opener to the end of its line, so the work is linear in
// the text whatever it holds (hostile comments, CRLF, unterminated `<!--`, megabyte lines).

#include <tacit/engine/suppressions.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <climits>
#include <map>

namespace tacit::engine {

namespace {

enum class Directive { ignore, ignore_file, next_line, disable, enable, disable_file };

// A directive as read from one comment.
struct Parsed {
  bool is_directive = false; ///< false: a comment that mentions tacit and is nothing more
  Directive directive = Directive::ignore;
  std::vector<std::string> rules;
  std::string reason;
  std::string error;   ///< non-empty: malformed
  std::size_t end = 0; ///< index in the line after the directive
};

bool is_space(char c) {
  return c == ' ' || c == '\t';
}
bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads a run of [a-z-] at `at`.
std::string_view word_at(std::string_view line, std::size_t at) {
  std::size_t end = at;
  while (end < line.size() && ((line[end] >= 'a' && line[end] <= 'z') || line[end] == '-'))
    ++end;
  return line.substr(at, end - at);
}

// Checks one rule token and returns its upper-case form, or sets `error`.
std::string check_token(std::string_view token, const SuppressionRules& rules, std::string& error) {
  std::size_t letters = 0;
  while (letters < token.size() && is_alpha(token[letters]))
    ++letters;
  const auto digits = token.size() - letters;
  bool digits_only = true;
  for (std::size_t i = letters; i < token.size(); ++i)
    digits_only = digits_only && is_digit(token[i]);
  if (letters < 2 || letters > 5 || !digits_only || (digits != 0 && digits != 3)) {
    error = fmt::format("'{}' is not a rule id (CTX002) or a category (CTX)", token);
    return {};
  }
  std::string upper(token);
  for (auto& c : upper)
    c = c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
  if (upper == "ALL")
    error = "a suppression names the rules it silences; ALL is not accepted";
  else if (upper.starts_with("META"))
    error = fmt::format("{} cannot be suppressed inline; turn it off in the configuration instead", upper);
  else if (rules.is_known && !rules.is_known(upper))
    error = fmt::format("unknown rule '{}'", upper);
  return upper;
}

// Reads the directive whose "tacit" starts at `at`; `closer` ends a block comment (empty for a line comment).
Parsed parse_directive(std::string_view line, std::size_t at, std::string_view closer, bool html,
                       const SuppressionRules& rules) {
  Parsed out;
  std::size_t i = at + 5;
  bool bracketed = false;
  if (i < line.size() && line[i] == ':') {
    ++i;
    while (i < line.size() && is_space(line[i]))
      ++i;
    const auto word = word_at(line, i);
    if (!word.starts_with("ignore"))
      return out;
    out.is_directive = true;
    if (word != "ignore" && word != "ignore-file") {
      out.error = fmt::format("unknown directive 'tacit: {}' (expected ignore or ignore-file)", word);
      return out;
    }
    out.directive = word == "ignore" ? Directive::ignore : Directive::ignore_file;
    i += word.size();
    while (i < line.size() && is_space(line[i]))
      ++i;
    if (i >= line.size() || line[i] != '[') {
      out.error = fmt::format("expected '[' after 'tacit: {}': name the rules in brackets", word);
      return out;
    }
    ++i;
    bracketed = true;
  } else if (html && i < line.size() && line[i] == '-') {
    const auto word = word_at(line, i);
    out.is_directive = true;
    if (word == "-disable-next-line")
      out.directive = Directive::next_line;
    else if (word == "-disable-file")
      out.directive = Directive::disable_file;
    else if (word == "-disable")
      out.directive = Directive::disable;
    else if (word == "-enable")
      out.directive = Directive::enable;
    else {
      out.error = fmt::format("unknown directive 'tacit{}' (expected tacit-disable-next-line, tacit-disable, "
                              "tacit-enable or tacit-disable-file)",
                              word);
      return out;
    }
    i += word.size();
    if (i < line.size() && !is_space(line[i]) && !(!closer.empty() && line.substr(i).starts_with(closer))) {
      out.error = fmt::format("unknown directive 'tacit{}{}'", word, line[i]);
      return out;
    }
  } else {
    return out;
  }

  // The end of the comment: the closer on this line, or the end of the line.
  std::size_t stop = line.size();
  if (!closer.empty()) {
    stop = line.find(closer, i);
    if (stop == std::string_view::npos) {
      out.error = fmt::format("the comment does not end on this line: close it with '{}'", closer);
      return out;
    }
  }
  const auto at_reason = [&](std::size_t k) { return line.substr(k, stop - k).starts_with("--"); };
  // Rule tokens, separated by commas or spaces.
  while (true) {
    while (i < stop && (is_space(line[i]) || line[i] == ','))
      ++i;
    if (i >= stop || (bracketed && line[i] == ']') || at_reason(i))
      break;
    std::size_t end = i;
    while (end < stop && end - i <= 16 && (is_alpha(line[end]) || is_digit(line[end])))
      ++end;
    if (end == i) {
      out.error = fmt::format("unexpected '{}' where a rule id was expected", line[i]);
      return out;
    }
    const auto token = check_token(line.substr(i, end - i), rules, out.error);
    if (!out.error.empty())
      return out;
    out.rules.push_back(token);
    i = end;
  }
  if (bracketed) {
    if (i >= stop || line[i] != ']') {
      out.error = "the rule list is not closed with ']'";
      return out;
    }
    ++i;
    while (i < stop && is_space(line[i]))
      ++i;
  }
  if (out.rules.empty() && out.directive != Directive::enable) {
    out.error = "it names no rule: list the rule ids (or categories) it suppresses";
    return out;
  }
  if (i < stop && at_reason(i)) {
    out.reason = std::string(util::trim(line.substr(i + 2, stop - i - 2)));
  } else if (i < stop) {
    out.error = fmt::format("unexpected text '{}': write the reason after ' -- '",
                            util::trim(line.substr(i, std::min<std::size_t>(stop - i, 40))));
    return out;
  }
  if (out.reason.empty() && rules.reason_required && out.directive != Directive::enable) {
    out.error = "it gives no reason: write why after ' -- '";
    return out;
  }
  out.end = closer.empty() ? line.size() : stop + closer.size();
  return out;
}

std::string hint_for(const CommentSyntax& syntax) {
  if (!syntax.openers.empty() && syntax.openers[0] == "<!--")
    return "write `<!-- tacit-disable-next-line ID -- why it is fine -->` on the line before the finding "
           "(see docs/configuration.md#suppressions)";
  if (!syntax.leaders.empty())
    return fmt::format("write `{} tacit: ignore[ID] -- why it is fine` at the end of the line, or alone "
                       "on the line before (see docs/configuration.md#suppressions)",
                       syntax.leaders[0]);
  return fmt::format(
      "write `{} tacit: ignore[ID] -- why it is fine {}` (see docs/configuration.md#suppressions)",
      syntax.openers[0], syntax.closers[0]);
}

// Where the comment that holds the "tacit" at `at` opens, and its closer; npos when "tacit" is not the
// first word of a comment opened at the line start or after a space.
std::size_t comment_start(std::string_view line, std::size_t at, const CommentSyntax& syntax,
                          std::string_view& closer) {
  std::size_t q = at;
  while (q > 0 && is_space(line[q - 1]))
    --q;
  auto fits = [&](std::string_view opener) {
    if (q < opener.size() || line.substr(q - opener.size(), opener.size()) != opener)
      return false;
    const auto start = q - opener.size();
    return start == 0 || is_space(line[start - 1]);
  };
  for (std::size_t k = 0; k < syntax.openers.size(); ++k)
    if (fits(syntax.openers[k])) {
      closer = syntax.closers[k];
      return q - syntax.openers[k].size();
    }
  for (const auto leader : syntax.leaders)
    if (fits(leader)) {
      closer = {};
      return q - leader.size();
    }
  return std::string_view::npos;
}

// Tracks fenced code blocks of a Markdown file, line by line.
class FenceTracker {
public:
  // True when the line is part of a fenced code block (its fences included).
  bool in_code(std::string_view line) {
    std::size_t indent = 0;
    while (indent < line.size() && indent < 4 && line[indent] == ' ')
      ++indent;
    const auto rest = line.substr(indent);
    const char c = rest.empty() ? '\0' : rest[0];
    std::size_t run = 0;
    while (run < rest.size() && rest[run] == c)
      ++run;
    const bool fence = indent < 4 && (c == '`' || c == '~') && run >= 3;
    if (m_char == '\0') {
      if (fence) {
        m_char = c;
        m_run = run;
      }
      return fence;
    }
    if (fence && c == m_char && run >= m_run && util::trim(rest.substr(run)).empty())
      m_char = '\0';
    return true;
  }

private:
  char m_char = '\0';
  std::size_t m_run = 0;
};

} // namespace

FileSuppressions parse_suppressions(std::string_view path, std::string_view text, const CommentSyntax& syntax,
                                    const SuppressionRules& rules) {
  FileSuppressions out;
  out.path = std::string(path);
  const bool html = !syntax.openers.empty() && syntax.openers.back() == "<!--";
  std::map<std::string, std::vector<std::size_t>, std::less<>> open; // region disables not yet enabled
  FenceTracker fences;
  int number = 0;
  std::size_t from = 0;
  const bool has_cr = text.find('\r') != std::string_view::npos; // else one memchr per line (see split_lines)
  while (from <= text.size()) {
    // Lines end as the documents' lines do (util::split_lines): at LF, CRLF or a lone CR, so that a
    // suppression's line is its findings' line in a file with classic Mac OS or mixed line ends.
    auto end = has_cr ? text.find_first_of("\r\n", from) : text.find('\n', from);
    if (end == std::string_view::npos)
      end = text.size();
    const auto line = text.substr(from, end - from);
    from = end + (text.substr(end, 2) == "\r\n" ? 2 : 1);
    ++number;
    if (syntax.markdown && fences.in_code(line))
      continue;
    std::size_t ticks = 0;   // backticks before `counted`: odd means inside inline code
    std::size_t counted = 0; // how far the line has been counted
    std::size_t first = line.find_first_not_of(" \t");
    for (auto at = line.find("tacit"); at != std::string_view::npos; at = line.find("tacit", at + 5)) {
      std::string_view closer;
      const auto start = comment_start(line, at, syntax, closer);
      if (start == std::string_view::npos)
        continue;
      if (syntax.markdown) {
        for (; counted < start; ++counted)
          ticks += line[counted] == '`' ? 1 : 0;
        if (ticks % 2 == 1)
          continue;
      }
      auto parsed = parse_directive(line, at, closer, html && closer == "-->", rules);
      if (!parsed.is_directive)
        continue;
      const int column = static_cast<int>(start) + 1;
      if (!parsed.error.empty()) {
        out.problems.push_back({number, column, std::move(parsed.error), hint_for(syntax)});
        break; // one problem per line is enough, and keeps the scan linear
      }
      Suppression s{number, column, number, number, std::move(parsed.rules), std::move(parsed.reason)};
      const bool alone = start == first && util::trim(line.substr(parsed.end)).empty();
      switch (parsed.directive) {
      case Directive::ignore:
        s.first = s.last = alone ? number + 1 : number;
        break;
      case Directive::next_line:
        s.first = s.last = number + 1;
        break;
      case Directive::ignore_file:
      case Directive::disable_file:
        s.first = 0;
        s.last = INT_MAX;
        break;
      case Directive::disable:
        // One suppression per rule, so that `tacit-enable ID` can end each on its own.
        for (auto& rule : s.rules) {
          open[rule].push_back(out.suppressions.size());
          out.suppressions.push_back({number, column, number, INT_MAX, {rule}, s.reason});
        }
        break;
      case Directive::enable: {
        bool closed = false;
        auto close = [&](std::vector<std::size_t>& indices) {
          for (const auto index : indices)
            out.suppressions[index].last = number;
          closed = closed || !indices.empty();
          indices.clear();
        };
        if (s.rules.empty())
          for (auto& [rule, indices] : open)
            close(indices);
        for (const auto& rule : s.rules)
          if (auto it = open.find(rule); it != open.end())
            close(it->second);
        if (!closed)
          out.problems.push_back({number, column,
                                  s.rules.empty() ? "tacit-enable with no tacit-disable open above it"
                                                  : fmt::format("tacit-enable {}: no tacit-disable of it is "
                                                                "open above",
                                                                util::join(s.rules, ", ")),
                                  "remove it, or open the region with `<!-- tacit-disable ID -- why -->`"});
        break;
      }
      }
      if (parsed.directive != Directive::disable && parsed.directive != Directive::enable)
        out.suppressions.push_back(std::move(s));
      at = parsed.end >= 5 ? parsed.end - 5 : 0; // resume after the directive
    }
  }
  return out;
}

} // namespace tacit::engine
