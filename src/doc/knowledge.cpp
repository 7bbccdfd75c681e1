#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace tacit::doc {

namespace {

// Wrappers that run another program: the program follows the listed words (flags in between skipped).
struct Wrapper {
  std::string_view program;
  std::string_view subcommand; // empty: the wrapped program follows directly
};
constexpr std::array k_wrappers{
    Wrapper{"python", "-m"},   Wrapper{"npx", ""},     Wrapper{"bunx", ""},      Wrapper{"pnpx", ""},
    Wrapper{"pnpm", "exec"},   Wrapper{"pnpm", "dlx"}, Wrapper{"yarn", "exec"},  Wrapper{"yarn", "dlx"},
    Wrapper{"uv", "run"},      Wrapper{"uvx", ""},     Wrapper{"poetry", "run"}, Wrapper{"hatch", "run"},
    Wrapper{"pipx", "run"},    Wrapper{"pdm", "run"},  Wrapper{"rye", "run"},    Wrapper{"pipenv", "run"},
    Wrapper{"bundle", "exec"}, Wrapper{"npm", "exec"}, Wrapper{"bun", "x"},      Wrapper{"yarn", ""},
};

// Leading words that only change how a command runs.
constexpr std::array<std::string_view, 8> k_prefix_commands{"sudo",    "time", "nohup", "exec",
                                                            "command", "env",  "nice",  "builtin"};

// Canonical names for programs that come under several names.
struct Alias {
  std::string_view from;
  std::string_view to;
};
constexpr std::array k_aliases{Alias{"gradlew", "gradle"}, Alias{"gradlew.bat", "gradle"},
                               Alias{"mvnw", "mvn"},       Alias{"mvnw.cmd", "mvn"},
                               Alias{"py.test", "pytest"}, Alias{"python3", "python"},
                               Alias{"py", "python"},      Alias{"pip3", "pip"}};

bool is_env_assignment(std::string_view word) {
  const auto eq = word.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return false;
  for (std::size_t i = 0; i < eq; ++i) {
    const unsigned char c = word[i];
    if (!(std::isalnum(c) || c == '_') || (i == 0 && std::isdigit(c)))
      return false;
  }
  return true;
}

bool is_flag(std::string_view word) {
  return word.size() > 1 && word.front() == '-';
}

// Options of the prefix commands that take a value as the next word.
bool option_takes_value(std::string_view command, std::string_view flag) {
  struct Entry {
    std::string_view command;
    std::string_view flags; // space-separated
  };
  constexpr std::array k_entries{
      Entry{"sudo", " -u -g -C -D -h -p -r -t -U --user --group --chdir --host --prompt "},
      Entry{"nice", " -n --adjustment "},
      Entry{"env", " -u -C -S --unset --chdir --split-string "},
      Entry{"time", " -f -o --format --output "},
      Entry{"nohup", " "},
      Entry{"exec", " -a "},
      Entry{"command", " "},
      Entry{"builtin", " "}};
  for (const auto& entry : k_entries)
    if (entry.command == command)
      return entry.flags.find(fmt::format(" {} ", flag)) != std::string_view::npos;
  return false;
}

// Shell-like tokenizer: quotes, escapes, operators (&& || ; | &) end a command, # starts a comment,
// redirections are dropped.
std::vector<std::vector<std::string>> tokenize(std::string_view line) {
  std::vector<std::vector<std::string>> commands(1);
  std::string word;
  bool in_word = false;
  bool skip_next_word = false; // the target of a redirection
  auto end_word = [&] {
    if (in_word) {
      if (!skip_next_word)
        commands.back().push_back(word);
      skip_next_word = false;
    }
    word.clear();
    in_word = false;
  };
  auto end_command = [&] {
    end_word();
    if (!commands.back().empty())
      commands.emplace_back();
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\'' || c == '"') {
      const auto close = line.find(c, i + 1);
      const auto end = close == std::string_view::npos ? line.size() : close;
      word.append(line.substr(i + 1, end - i - 1));
      in_word = true;
      i = end;
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      end_word();
    } else if (c == '#' && !in_word) {
      break;
    } else if (c == ';' || c == '|' || c == '&' || c == '(' || c == ')' || c == '`') {
      if (c == '&' && i > 0 && line[i - 1] == '>')
        continue; // ">&" redirection
      end_command();
    } else if ((c == '>' || c == '<') && !skip_next_word) {
      // "2>" or ">" or ">>": drop the redirection and its target.
      if (in_word && !word.empty() && std::isdigit(static_cast<unsigned char>(word.back())) &&
          word.size() == 1) {
        word.clear();
        in_word = false;
      } else {
        end_word();
      }
      while (i + 1 < line.size() && (line[i + 1] == '>' || line[i + 1] == '&'))
        ++i;
      // "2>&1": the target is a descriptor, nothing to skip.
      if (i + 1 < line.size() && std::isdigit(static_cast<unsigned char>(line[i + 1])) && line[i] == '&') {
        ++i;
        continue;
      }
      skip_next_word = true;
    } else {
      word += c;
      in_word = true;
    }
  }
  end_word();
  if (commands.back().empty())
    commands.pop_back();
  return commands;
}

std::string strip_prompt(std::string_view line, bool* had_prompt, bool root_prompt_ok) {
  auto text = util::trim_left(line);
  *had_prompt = false;
  // "> " is not a prompt: npm prints its script lines that way, and shells use it for continuations.
  for (std::string_view prompt : {"$ ", "% ", "PS> ", "❯ ", "➜ "}) {
    if (text.starts_with(prompt)) {
      *had_prompt = true;
      return std::string(util::trim(text.substr(prompt.size())));
    }
  }
  if (text == "$" || text == "%") {
    *had_prompt = true;
    return {};
  }
  if (root_prompt_ok && text.starts_with("# ")) {
    *had_prompt = true;
    return std::string(util::trim(text.substr(2)));
  }
  return std::string(util::trim(text));
}

bool is_shell_info(std::string_view info) {
  const auto lang = util::to_lower(util::split_words(info).empty() ? "" : util::split_words(info).front());
  constexpr std::array<std::string_view, 22> k_shells{
      "",          "sh",   "bash",          "shell",        "console",
      "zsh",       "fish", "shell-session", "shellsession", "sh-session",
      "terminal",  "cmd",  "bat",           "batch",        "powershell",
      "ps",        "ps1",  "pwsh",          "text",         "txt",
      "plaintext", "plain"};
  for (auto shell : k_shells)
    if (lang == shell)
      return true;
  // `{bash}` / `bash title="x"` style info strings.
  return lang.starts_with("{bash") || lang.starts_with("{sh") || lang.starts_with("{shell") ||
         lang.starts_with("{console");
}

bool is_console_info(std::string_view info) {
  const auto lang = util::to_lower(util::trim(info));
  return lang.starts_with("console") || lang.starts_with("shell-session") || lang.starts_with("sh-session") ||
         lang.starts_with("shellsession") || lang.starts_with("terminal");
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

} // namespace

// A link target that names a repository path: no scheme, not protocol-relative, not anchor-only.
std::string link_path(std::string_view target) {
  auto text = util::trim(target);
  if (text.starts_with('<') && text.ends_with('>'))
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.starts_with('#') || text.starts_with("//"))
    return {};
  // A scheme (http:, mailto:, vscode:...): letters then ':'; a Windows drive letter is not a repo path
  // either.
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = text[i];
    if (c == ':')
      return {};
    if (!(std::isalnum(c) || c == '+' || c == '.' || c == '-'))
      break;
  }
  const auto cut = text.find_first_of("#?");
  // Markdown backslash escapes (`docs/a\_b.md` is docs/a_b.md).
  std::string unescaped;
  const auto raw = text.substr(0, cut);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && std::ispunct(static_cast<unsigned char>(raw[i + 1])))
      ++i;
    unescaped += raw[i];
  }
  return percent_decode(unescaped);
}

namespace {

// A name with a placeholder part: "0.MINOR.x.md", "v1.x.x", "NAME.md", "YYYY-MM-DD-title.md".
bool has_placeholder_part(std::string_view name) {
  constexpr std::array<std::string_view, 12> k_placeholders{
      "MAJOR", "MINOR", "PATCH", "VERSION", "NAME", "XXX", "YYYY", "MM", "DD", "NNNN", "N", "X"};
  std::size_t start = 0;
  bool lone_x = false;
  const auto parts = name.substr(0, name.rfind('.'));
  while (start <= parts.size()) {
    auto end = parts.find_first_of(".-_", start);
    if (end == std::string_view::npos)
      end = parts.size();
    const auto part = parts.substr(start, end - start);
    for (auto placeholder : k_placeholders)
      if (part == placeholder)
        return true;
    lone_x = lone_x || (part == "x" && start > 0);
    start = end + 1;
  }
  return lone_x;
}

// "v1.2.3", "1.x", "v1.x.x": a version or a version pattern, not a file name.
bool is_version_like(std::string_view name) {
  if (name.starts_with('v') || name.starts_with('V'))
    name.remove_prefix(1);
  if (name.empty() || !std::isdigit(static_cast<unsigned char>(name.front())))
    return false;
  return name.find_first_not_of("0123456789.xX*") == std::string_view::npos;
}

bool has_extension(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= name.size() || name.size() - dot > 11)
    return false;
  for (auto c : name.substr(dot + 1))
    if (!std::isalnum(static_cast<unsigned char>(c)))
      return false;
  return true;
}

} // namespace

// Inline code that is clearly a repository path: a relative path with a directory part whose last part has
// an extension (or which ends with '/'), no spaces, no glob or placeholder characters.
std::string inline_code_path(std::string_view code) {
  auto text = util::trim(code);
  while (!text.empty() && (text.back() == '.' || text.back() == ',' || text.back() == ':'))
    text.remove_suffix(1);
  // "src/main.cpp:42" points at a line.
  if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
    const auto tail = text.substr(colon + 1);
    if (!tail.empty() && tail.find_first_not_of("0123456789") == std::string_view::npos)
      text = text.substr(0, colon);
  }
  if (text.empty() || text.find('/') == std::string_view::npos)
    return {};
  if (text.find_first_of(" \t*?[]{}<>$|;=`'\"\\@%!,()~^") != std::string_view::npos)
    return {};
  if (text.starts_with('/') || text.starts_with('-') || text.find("://") != std::string_view::npos ||
      text.find("...") != std::string_view::npos)
    return {};
  const auto lower = util::to_lower(text);
  if (lower.find("path/to") != std::string::npos || lower.find("your") != std::string::npos ||
      lower.starts_with("foo/") || lower.find("/foo") != std::string::npos)
    return {};
  if (text.ends_with('/'))
    return std::string(text);
  const auto name = util::base_name(text);
  if (!has_extension(name) || is_version_like(name) || has_placeholder_part(name))
    return {};
  // Domain-like first segments (github.com/x/y.go) are not repository paths.
  const auto first = text.substr(0, text.find('/'));
  if (first.find('.') != std::string_view::npos && !first.starts_with('.'))
    return {};
  return std::string(text);
}

std::vector<std::vector<std::string>> split_commands(std::string_view line) {
  std::vector<std::vector<std::string>> out;
  for (auto& words : tokenize(line)) {
    auto normalized = normalize_command(std::move(words));
    if (!normalized.empty())
      out.push_back(std::move(normalized));
  }
  return out;
}

std::vector<std::string> normalize_command(std::vector<std::string> words) {
  std::size_t start = 0;
  while (start < words.size()) {
    const auto& word = words[start];
    if (is_env_assignment(word)) {
      ++start;
      continue;
    }
    bool prefix = false;
    for (auto p : k_prefix_commands)
      prefix = prefix || word == p;
    if (prefix) {
      const auto command = words[start];
      ++start;
      // Flags of sudo/env/nice ("sudo -E", "env -i"), and the values of those that take one
      // ("sudo -u postgres", "nice -n 10", "time -f %e").
      while (start < words.size() && is_flag(words[start])) {
        const auto& flag = words[start];
        ++start;
        if (flag.find('=') == std::string::npos && option_takes_value(command, flag) && start < words.size())
          ++start;
      }
      continue;
    }
    break;
  }
  std::vector<std::string> out(words.begin() + static_cast<std::ptrdiff_t>(start), words.end());
  if (out.empty())
    return out;
  auto& program = out.front();
  while (program.starts_with("./"))
    program.erase(0, 2);
  if (program.starts_with("python3.") || program.starts_with("python2."))
    program = "python";
  for (const auto& alias : k_aliases)
    if (program == alias.from)
      program = std::string(alias.to);
  return out;
}

std::vector<std::string> peel_wrappers(const std::vector<std::string>& words) {
  std::vector<std::string> current = words;
  for (int depth = 0; depth < 4 && !current.empty(); ++depth) {
    bool peeled = false;
    for (const auto& wrapper : k_wrappers) {
      if (current.front() != wrapper.program)
        continue;
      std::size_t i = 1;
      if (!wrapper.subcommand.empty()) {
        // `python -m X`: flags may come before -m (python -X dev -m pytest is rare; accept -u/-B style).
        while (i < current.size() && is_flag(current[i]) && current[i] != wrapper.subcommand)
          ++i;
        if (i >= current.size() || current[i] != wrapper.subcommand)
          continue;
        ++i;
      }
      while (i < current.size() && (is_flag(current[i]) || current[i] == "--"))
        ++i;
      if (i >= current.size())
        continue;
      current = normalize_command(
          std::vector<std::string>(current.begin() + static_cast<std::ptrdiff_t>(i), current.end()));
      peeled = true;
      break;
    }
    if (!peeled)
      break;
  }
  return current;
}

bool matches(const std::vector<std::string>& words, const CommandPattern& pattern) {
  if (words.empty() || words.front() != pattern.program)
    return false;
  if (pattern.subcommands.empty())
    return true;
  // A positional word counts: the first one, and later ones unless they follow a flag (whose value they
  // may be: `cargo build --features test` does not run `cargo test`). Build-tool targets are the exception
  // (`cmake --build build --target test`).
  bool first_positional = true;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto& word = words[i];
    if (is_flag(word))
      continue;
    const auto& previous = words[i - 1];
    const bool counts = first_positional || i == 1 || !is_flag(previous) ||
                        previous.find('=') != std::string::npos || previous == "--target" || previous == "-t";
    first_positional = false;
    if (!counts)
      continue;
    for (auto sub : pattern.subcommands) {
      if (word == sub || (pattern.subcommand_prefix && word.starts_with(sub)))
        return true;
    }
  }
  return false;
}

void KnowledgeIndex::add_command_text(const Document& doc, std::string_view text, int line, int column,
                                      bool code_block) {
  for (auto& words : split_commands(text)) {
    CommandMention mention;
    if (auto peeled = peel_wrappers(words); peeled != words)
      mention.peeled = std::move(peeled);
    mention.words = std::move(words);
    mention.doc = doc.path;
    mention.line = line;
    mention.column = column;
    mention.in_code_block = code_block;
    m_commands.push_back(std::move(mention));
  }
}

void KnowledgeIndex::add(const Document& doc) {
  for (const auto& block : doc.code_blocks) {
    if (!is_shell_info(block.info))
      continue;
    const bool console = is_console_info(block.info);
    const auto lines = util::split_lines(block.text);
    // With prompts, only prompted lines are commands; the rest is output.
    bool prompted = false;
    for (auto line : lines) {
      bool had = false;
      strip_prompt(line, &had, false);
      prompted = prompted || had;
    }
    std::string joined;
    int joined_line = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      bool had = false;
      auto text = strip_prompt(lines[i], &had, console);
      const int line = block.line + static_cast<int>(i);
      if (joined.empty()) {
        if (prompted && !had)
          continue;
        joined_line = line;
      }
      if (text.ends_with('\\') || text.ends_with(" ^") || text.ends_with(" `")) {
        text.pop_back();
        joined += text;
        joined += ' ';
        continue;
      }
      joined += text;
      add_command_text(doc, joined, joined_line, block.column, true);
      joined.clear();
    }
    if (!joined.empty())
      add_command_text(doc, joined, joined_line, block.column, true);
  }
  for (const auto& code : doc.inline_code) {
    add_command_text(doc, code.text, code.line, code.column, false);
    if (auto path = inline_code_path(code.text); !path.empty())
      m_paths.push_back(
          PathMention{std::move(path), doc.path, code.line, code.column, PathMentionKind::inline_code});
  }
  for (const auto& link : doc.links) {
    if (auto path = link_path(link.target); !path.empty())
      m_paths.push_back(
          PathMention{std::move(path), doc.path, link.line, link.column, PathMentionKind::link});
  }
  for (const auto& import : doc.imports)
    m_paths.push_back(
        PathMention{import.target, doc.path, import.line, import.column, PathMentionKind::import});
}

void KnowledgeIndex::merge(KnowledgeIndex&& other) {
  m_commands.insert(m_commands.end(), std::make_move_iterator(other.m_commands.begin()),
                    std::make_move_iterator(other.m_commands.end()));
  m_paths.insert(m_paths.end(), std::make_move_iterator(other.m_paths.begin()),
                 std::make_move_iterator(other.m_paths.end()));
}

const CommandMention* KnowledgeIndex::find(std::span<const CommandPattern> patterns) const {
  for (const auto& mention : m_commands)
    for (const auto& pattern : patterns)
      if (matches(mention.words, pattern) || matches(mention.peeled, pattern))
        return &mention;
  return nullptr;
}

} // namespace tacit::doc
