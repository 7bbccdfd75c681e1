// Shell scripts of CI steps split into command lines: continuations, quotes spanning lines, heredocs, and
// the shell's own syntax (if/then/fi, for/do/done, case/esac) which is not a command though what it wraps is.

#include "ci_internal.hpp"

#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace tacit::facts::ci {

namespace {

// Words that open or continue a compound command; the command follows them on the same piece.
constexpr std::array<std::string_view, 9> k_leading_keywords{"if",   "elif", "while", "until", "then",
                                                             "else", "do",   "!",     "{"};
// Pieces that start with one of these are syntax only: the whole piece is dropped.
constexpr std::array<std::string_view, 8> k_syntax_words{"fi",  "done",   "esac",     "}",
                                                         "for", "select", "function", "case"};

bool one_of(std::string_view word, auto const& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// Quoting state carried from one physical line to the next.
struct Scan {
  char quote = 0;                    // the open quote, 0 outside quotes
  bool continued = false;            // the line ended with a `\` continuation
  int depth = 0;                     // parentheses open outside quotes and comments
  std::vector<std::string> heredocs; // delimiters of the heredocs opened so far, in order
};

// The delimiter of a heredoc that starts at line[i] ("<<EOF", "<<-'EOF'", "<< \"END\""); advances i.
std::string heredoc_delimiter(std::string_view line, std::size_t& i) {
  std::size_t j = i + 2;
  if (j < line.size() && line[j] == '-')
    ++j;
  while (j < line.size() && is_space(line[j]))
    ++j;
  std::string word;
  for (; j < line.size() && !is_space(line[j]) &&
         std::string_view(";|&<>()").find(line[j]) == std::string_view::npos;
       ++j)
    if (line[j] != '\'' && line[j] != '"' && line[j] != '\\')
      word += line[j];
  i = j - 1;
  // `$((1 << 2))` is a shift, not a heredoc: a delimiter starts with a letter or an underscore.
  if (word.empty() || !(std::isalpha(static_cast<unsigned char>(word.front())) || word.front() == '_'))
    return {};
  return word;
}

void scan_line(std::string_view line, Scan& scan) {
  scan.continued = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (scan.quote == '\'') {
      if (c == '\'')
        scan.quote = 0;
    } else if (scan.quote == '"') {
      if (c == '\\')
        ++i;
      else if (c == '"')
        scan.quote = 0;
    } else if (c == '\\') {
      scan.continued = i + 1 == line.size();
      ++i;
    } else if (c == '\'' || c == '"') {
      scan.quote = c;
    } else if (c == '#' && (i == 0 || is_space(line[i - 1]))) {
      return;
    } else if (c == '(') {
      ++scan.depth;
    } else if (c == ')') {
      --scan.depth;
    } else if (c == '<' && i + 1 < line.size() && line[i + 1] == '<') {
      if (i + 2 < line.size() && line[i + 2] == '<') {
        i += 2; // a here-string
        continue;
      }
      if (auto word = heredoc_delimiter(line, i); !word.empty())
        scan.heredocs.push_back(std::move(word));
    }
  }
}

// Whether `line` starts an array assignment (`USERS=(`, `local -a dirs+=(`): its elements may follow on the
// next lines, up to the closing parenthesis, and are words, not commands.
bool opens_array(std::string_view line) {
  auto rest = util::trim_left(line);
  for (std::string_view word : {"declare", "local", "typeset", "readonly", "export"})
    if (rest.starts_with(word) && rest.size() > word.size() && is_space(rest[word.size()])) {
      rest = util::trim_left(rest.substr(word.size()));
      while (rest.starts_with('-')) {
        const auto end = rest.find_first_of(" \t");
        rest = end == std::string_view::npos ? std::string_view() : util::trim_left(rest.substr(end));
      }
      break;
    }
  std::size_t i = 0;
  if (i < rest.size() && (std::isalpha(static_cast<unsigned char>(rest[i])) || rest[i] == '_'))
    while (i < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[i])) || rest[i] == '_'))
      ++i;
  if (i == 0)
    return false;
  if (i < rest.size() && rest[i] == '+')
    ++i;
  return rest.substr(i).starts_with("=(");
}

struct Piece {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Splits a logical line at `;` outside quotes, parentheses and comments.
std::vector<Piece> split_pieces(std::string_view text) {
  std::vector<Piece> pieces;
  std::size_t begin = 0;
  int depth = 0;
  char quote = 0;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == '\\' && quote == '"')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '\\') {
      ++i;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || is_space(text[i - 1]))) {
      break;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      depth = std::max(0, depth - 1);
    } else if (c == ';' && depth == 0) {
      pieces.push_back({begin, i});
      begin = i + 1;
    }
  }
  pieces.push_back({begin, std::min(i, text.size())});
  return pieces;
}

// The position just after a case pattern ("linux)", "*.tgz|*.zip)"), or npos.
std::size_t case_pattern_end(std::string_view piece) {
  char quote = 0;
  for (std::size_t i = 0; i < piece.size(); ++i) {
    const char c = piece[i];
    if (quote != 0) {
      if (c == quote)
        quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '$' || c == '`') {
      return std::string_view::npos;
    } else if (c == ')') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

std::string_view first_word(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() && !is_space(text[end]))
    ++end;
  return text.substr(0, end);
}

// Emits the commands of one logical line: the line as written when it holds no shell syntax, else each
// `;`-separated piece that holds a command, with the syntax words around it taken off.
void emit(std::string_view text, int line, int column, std::size_t first_length, int& case_depth,
          std::vector<ScriptLine>& out) {
  std::vector<ScriptLine> kept;
  bool changed = false;
  for (const auto& piece : split_pieces(text)) {
    auto rest = text.substr(piece.begin, piece.end - piece.begin);
    std::size_t offset = piece.begin;
    auto skip = [&](std::size_t n) {
      const auto before = rest.size();
      rest = util::trim_left(rest.substr(n));
      offset += before - rest.size();
    };
    skip(0);
    if (case_depth > 0)
      if (const auto end = case_pattern_end(rest); end != std::string_view::npos) {
        skip(end);
        changed = true;
      }
    while (!rest.empty() && one_of(first_word(rest), k_leading_keywords)) {
      skip(first_word(rest).size());
      changed = true;
    }
    rest = util::trim_right(rest);
    if (rest.empty())
      continue;
    const auto word = first_word(rest);
    // `IncludeDefaultRules = $true`: a key of a PowerShell hashtable (`$settings = @{ ... }`) or another
    // assignment written with blanks around '=', never a program given '=' for its first argument.
    if (first_word(util::trim_left(rest.substr(word.size()))) == "=") {
      changed = true;
      continue;
    }
    const bool function_header =
        word.ends_with("()") || util::trim(rest.substr(word.size())).starts_with("()");
    if (one_of(word, k_syntax_words) || function_header) {
      if (word == "case")
        ++case_depth;
      else if (word == "esac")
        case_depth = std::max(0, case_depth - 1);
      changed = true;
      continue;
    }
    const int piece_column = column + (offset < first_length ? static_cast<int>(offset) : 0);
    kept.push_back({std::string(rest), line, piece_column});
  }
  if (!changed) {
    if (!kept.empty()) // not only `;;`
      out.push_back({std::string(util::trim_right(text)), line, column});
    return;
  }
  for (auto& command : kept)
    out.push_back(std::move(command));
}

} // namespace

std::vector<ScriptLine> shell_lines(const std::vector<yaml::ScalarLine>& lines) {
  std::vector<ScriptLine> out;
  std::vector<std::string> heredocs; // delimiters still to be met, in order
  int case_depth = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& first = lines[i];
    if (!heredocs.empty()) {
      if (util::trim(first.text) == heredocs.front())
        heredocs.erase(heredocs.begin());
      continue;
    }
    const auto start = util::trim_left(first.text);
    if (start.empty() || start.front() == '#')
      continue;
    const int column = first.column + static_cast<int>(first.text.size() - start.size());
    Scan scan;
    scan_line(start, scan);
    std::string text(start);
    const std::size_t first_length = text.size();
    const bool array = opens_array(start);
    while ((scan.continued || scan.quote != 0 || (array && scan.depth > 0)) && i + 1 < lines.size()) {
      std::string_view next = lines[++i].text;
      if (scan.continued) {
        text.pop_back();
        while (!text.empty() && is_space(text.back()))
          text.pop_back();
        text += ' ';
        next = util::trim_left(next);
      } else {
        text += '\n';
      }
      scan_line(next, scan);
      text += next;
    }
    if (scan.continued)
      text.pop_back();
    heredocs = std::move(scan.heredocs);
    emit(text, first.line, column, first_length, case_depth, out);
  }
  return out;
}

} // namespace tacit::facts::ci
