#include "runtime_paths.hpp"

#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <span>

namespace tacit::rules {

namespace {

// Commands whose (non-option) arguments are all files the procedure creates or removes.
constexpr std::array<std::string_view, 5> k_all_args{"rm", "touch", "mkdir", "mv", "tee"};
// Commands whose last argument is the file they create.
constexpr std::array<std::string_view, 4> k_last_arg{"cp", "ln", "install", "rsync"};
// Options whose value is the file a command writes (`-o out.po`, `--output=report.json`).
constexpr std::array<std::string_view, 5> k_output_options{"-o", "--output", "--output-file", "--out",
                                                           "--outfile"};
// test / [ operators whose operand is a file that may or may not be there.
constexpr std::array<std::string_view, 6> k_file_tests{"-f", "-e", "-s", "-d", "-r", "-w"};

// Shell words of one line: quotes removed, redirections split off as their own word ("2>>", ">"), a
// comment ends the line. Enough for the literal paths and variables a doc's procedure uses.
std::vector<std::string> shell_words(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  const auto flush = [&] {
    if (in_word)
      words.push_back(std::move(word));
    word.clear();
    in_word = false;
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == quote)
        quote = 0;
      else
        word += c;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      flush();
    } else if (c == '#' && !in_word) {
      break;
    } else if (c == ';' || c == '|' || c == '&' || c == '(' || c == ')' || c == '{' || c == '}') {
      flush();
      words.emplace_back(1, c == '&' && i + 1 < line.size() && line[i + 1] == '>' ? '>' : ';');
    } else if (c == '>' || c == '<') {
      // "2>", ">>", ">|": a redirection operator of its own.
      if (in_word && std::ranges::all_of(word, [](char d) { return d >= '0' && d <= '9'; }))
        word.clear(), in_word = false;
      flush();
      std::string op(1, c);
      while (i + 1 < line.size() && (line[i + 1] == '>' || line[i + 1] == '|'))
        op += line[++i];
      if (i + 1 < line.size() && line[i + 1] == '&') // 2>&1
        op += line[++i];
      words.push_back(std::move(op));
    } else {
      word += c;
      in_word = true;
    }
  }
  flush();
  return words;
}

// `$NAME`, `${NAME}` (and `${NAME}.suffix`) replaced by the values assigned in the block; "" when a variable
// has no known value.
std::string expand(std::string_view word, const std::map<std::string, std::string, std::less<>>& vars) {
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word[i] != '$') {
      out += word[i];
      continue;
    }
    std::size_t start = i + 1;
    std::size_t end = start;
    const bool braced = start < word.size() && word[start] == '{';
    if (braced)
      end = ++start;
    while (end < word.size() && (std::isalnum(static_cast<unsigned char>(word[end])) || word[end] == '_'))
      ++end;
    if (end == start || (braced && (end >= word.size() || word[end] != '}')))
      return {};
    const auto it = vars.find(word.substr(start, end - start));
    if (it == vars.end())
      return {};
    out += it->second;
    i = braced ? end : end - 1;
  }
  return out;
}

bool is_assignment(std::string_view word) {
  const auto eq = word.find('=');
  if (eq == 0 || eq == std::string_view::npos)
    return false;
  const auto name = word.substr(0, eq);
  return !std::isdigit(static_cast<unsigned char>(name.front())) && std::ranges::all_of(name, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool looks_like_file(std::string_view value) {
  return !value.empty() && value.find_first_of("/.") != std::string_view::npos &&
         value.find_first_of(" $`(") == std::string_view::npos && !value.starts_with('-') &&
         value.find("://") == std::string_view::npos && value != "." && value != "..";
}

void scan_block(std::string_view text, std::vector<std::string>& out) {
  std::map<std::string, std::string, std::less<>> vars;
  const auto add = [&](std::string_view word) {
    auto value = expand(word, vars);
    if (value.starts_with('/') || !looks_like_file(value) || value.starts_with("/dev/"))
      return;
    if (auto path = util::normalize_path(value); !path.empty() && path != ".")
      out.push_back(std::move(path));
  };
  for (auto raw : util::split_lines(text)) {
    auto line = util::trim(raw);
    if (line.starts_with("$ ") || line.starts_with("% ") || line.starts_with("> "))
      line.remove_prefix(2);
    const auto words = shell_words(line);
    std::size_t command_start = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
      const auto& word = words[i];
      if (word == ";") {
        command_start = i + 1;
        continue;
      }
      if (word.starts_with('>') && word != ">&") {
        if (i + 1 < words.size())
          add(words[i + 1]);
        continue;
      }
      if (i == command_start &&
          (word == "export" || word == "local" || word == "readonly" || word == "then" || word == "do" ||
           word == "else" || word == "!" || word == "if" || word == "while" || word == "elif")) {
        command_start = i + 1;
        continue;
      }
      if (i == command_start && is_assignment(word)) {
        const auto eq = word.find('=');
        if (auto value = expand(std::string_view(word).substr(eq + 1), vars); !value.empty())
          vars[word.substr(0, eq)] = std::move(value);
        command_start = i + 1;
        continue;
      }
      if (i != command_start)
        continue;
      // The command's own words, up to the next command or redirection.
      std::size_t end = i + 1;
      while (end < words.size() && words[end] != ";" && !words[end].starts_with('>') &&
             !words[end].starts_with('<'))
        ++end;
      const auto args = std::span(words).subspan(i + 1, end - i - 1);
      const auto program = util::base_name(word);
      const auto is_program = [&](auto& table) { return std::ranges::find(table, program) != table.end(); };
      if (is_program(k_all_args)) {
        for (const auto& arg : args)
          if (!arg.starts_with('-'))
            add(arg);
      } else if (is_program(k_last_arg)) {
        if (!args.empty() && !args.back().starts_with('-'))
          add(args.back());
      } else if (program == "test" || program == "[" || program == "[[") {
        for (std::size_t a = 0; a + 1 < args.size(); ++a)
          if (std::ranges::find(k_file_tests, args[a]) != k_file_tests.end())
            add(args[a + 1]);
      }
      for (std::size_t a = 0; a < args.size(); ++a) {
        const std::string_view arg = args[a];
        for (auto option : k_output_options) {
          if (arg == option && a + 1 < args.size())
            add(args[a + 1]);
          else if (option.starts_with("--") && arg.starts_with(option) && arg.size() > option.size() &&
                   arg[option.size()] == '=')
            add(arg.substr(option.size() + 1));
        }
      }
    }
  }
}

} // namespace

std::vector<std::string> runtime_paths(const doc::Document& doc) {
  std::vector<std::string> out;
  for (const auto& block : doc.code_blocks)
    scan_block(block.text, out);
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool matches_runtime_path(const std::vector<std::string>& paths, std::string_view path) {
  for (const auto& entry : paths)
    if (entry == path || (entry.find_first_of("*?[") != std::string::npos && util::glob_match(entry, path)))
      return true;
  return false;
}

} // namespace tacit::rules
