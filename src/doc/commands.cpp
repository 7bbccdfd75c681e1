// Command lines as docs show them: tokenizing, normalising, peeling wrappers, matching patterns.

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

// Options of the wrappers that take a value as the next word (`uv run --group lint ruff`).
bool wrapper_option_takes_value(std::string_view wrapper, std::string_view flag) {
  struct Entry {
    std::string_view wrapper;
    std::string_view flags; // space-separated
  };
  constexpr std::array k_entries{
      Entry{"uv",
            " --group --only-group --no-group --extra --with --with-editable --with-requirements --python -p "
            "--package --env-file --directory --project --index --default-index --from "},
      Entry{"uvx", " --from --with --with-editable --with-requirements --python -p --index --default-index "},
      Entry{"npx", " -p --package -c --call "},
      Entry{"pnpm", " --filter -F -C --dir "},
      Entry{"yarn", " --cwd "},
      Entry{"poetry", " -C --directory -P --project "},
      Entry{"pipx", " --spec --python --index-url "},
      Entry{"hatch", " -e --env "},
      Entry{"pdm", " -p --project "}};
  for (const auto& entry : k_entries)
    if (entry.wrapper == wrapper)
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
    } else if ((c == '$' && line.substr(i).starts_with("$((")) ||
               (c == '(' && !in_word && line.substr(i).starts_with("(("))) {
      // Arithmetic (`$(( n + 1 ))`, `(( n++ ))`) runs no program: a word, or nothing, up to its `))`.
      const auto close = line.find("))", i + 2);
      const auto end = close == std::string_view::npos ? line.size() : close + 2;
      if (c == '$') {
        word.append(line.substr(i, end - i));
        in_word = true;
      }
      i = end - 1;
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

} // namespace

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
    // `command -v ruff` looks the name up and runs nothing: the command is the lookup.
    if (word == "command" && start + 1 < words.size() &&
        (words[start + 1] == "-v" || words[start + 1] == "-V"))
      break;
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
  // rustup's toolchain override picks which cargo runs, not what it runs: `cargo +stable semver-checks` is
  // `cargo semver-checks`.
  if ((out.front() == "cargo" || out.front() == "rustc" || out.front() == "rustdoc") && out.size() > 1 &&
      out[1].size() > 1 && out[1].front() == '+')
    out.erase(out.begin() + 1);
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
      while (i < current.size() && (is_flag(current[i]) || current[i] == "--")) {
        const bool value_follows = current[i].find('=') == std::string::npos &&
                                   wrapper_option_takes_value(wrapper.program, current[i]);
        i += value_follows ? 2 : 1;
      }
      if (i >= current.size())
        continue;
      current = normalize_command(
          std::vector<std::string>(current.begin() + static_cast<std::ptrdiff_t>(i), current.end()));
      // A wrapper of nothing but environment assignments (`uv run FOO=1`) runs no command.
      if (current.empty())
        return current;
      // A package runner's pinned version: `npx prettier@3.3.3`, `uvx ruff@0.6.9`, `npx @biomejs/biome@1.9`.
      if (const auto at = current.front().rfind('@'); at != std::string::npos && at > 0)
        current.front().resize(at);
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

} // namespace tacit::doc
