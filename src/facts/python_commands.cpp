// Repository scripts: the commands a Python script runs. A script runs a program through an argument list
// (`subprocess.run(["ruff", "check", "."])`, `[sys.executable, "-m", "mypy", "src"]`) or a command string
// handed to a runner (`os.system("pylint src")`, `c.run("ruff check .")`). Every other string literal is
// prose or data: a docstring, a log message, `shutil.which("pylint")`, a requirement `f"pylint=={v}"`. The
// argument lists that install, query or remove a package (`[uv, "pip", "uninstall", "pylint"]`) run no tool.

#include "runners.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/facts/ci.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace tacit::facts {

namespace {

// Functions that run the command they are handed (`subprocess.run`, `os.system`, invoke's `c.run`).
bool is_runner_call(std::string_view callee) {
  static constexpr std::array<std::string_view, 17> k_runners{
      "system",       "popen",       "Popen",           "run",    "call",        "check_call",
      "check_output", "getoutput",   "getstatusoutput", "spawn",  "execv",       "execvp",
      "execlp",       "run_command", "run_cmd",         "runcmd", "exec_command"};
  return std::ranges::find(k_runners, callee) != k_runners.end();
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

// One open bracket of the script: an argument list (`[...]`), a runner's call (`run(...)`), or anything else
// (a subscript, another call, a tuple, a dict), whose literals are no command.
struct Group {
  bool list = false;
  bool call = false;
  std::vector<std::string> literals;
  std::string program;       // the first element when it is a name (`sys.executable`, `uv`): the program
  int element = 0;           // the index of the element being read
  bool element_used = false; // the element has a token already
  bool keyword = false;      // the element is a keyword argument (`cwd="x"`): its literals are no command
};

// The program a name stands for: `sys.executable` is python, `uv` is uv, `self.python` is python.
std::string program_of_name(std::string_view name) {
  auto last =
      util::to_lower(name.substr(name.rfind('.') == std::string_view::npos ? 0 : name.rfind('.') + 1));
  return last == "executable" ? std::string("python") : last;
}

// The command lines a closed group runs, appended to `out`.
void emit_group(const Group& group, std::string& out) {
  if (group.literals.empty() || (!group.list && !group.call))
    return;
  std::vector<std::vector<std::string>> commands;
  if (group.call && group.program.empty() && group.literals.size() == 1 &&
      group.literals.front().find(' ') != std::string::npos) {
    commands = doc::split_commands(group.literals.front()); // `os.system("pylint src && ruff check")`
  } else {
    // In an argument list each element is one word: a first literal with blanks is a message, not a program.
    if (group.program.empty() && group.literals.front().find_first_of(" \t") != std::string::npos)
      return;
    std::vector<std::string> words;
    if (!group.program.empty())
      words.push_back(group.program);
    words.insert(words.end(), group.literals.begin(), group.literals.end());
    commands.push_back(std::move(words));
  }
  for (auto& words : commands) {
    if (words.empty())
      continue;
    // `[python, "-m", "mypy"]` whose program is an expression (`[opts.python, "-m", "mypy"]`).
    if (words.front() == "-m" && words.size() > 1)
      words.erase(words.begin());
    const auto& head = words.front();
    // A capitalised word starts a sentence (`["Checking that pylint is installed"]`); a program name is
    // plain: letters, digits and `_-./+`.
    if (std::isupper(static_cast<unsigned char>(head.front())) || !std::ranges::all_of(head, [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
                 c == '/' || c == '+';
        }))
      continue;
    if (is_plumbing_command(words))
      continue; // `pip show pylint`, `uv pip uninstall pylint`: the package, not the tool
    out.append(util::join(words, " ")).append("\n");
  }
}

// The prefix letters of a string literal (`f"..."`, `rb'...'`).
bool is_string_prefix(std::string_view word) {
  return !word.empty() && word.size() <= 2 && std::ranges::all_of(word, [](char c) {
    return std::string_view("rRbBfFuU").find(c) != std::string_view::npos;
  });
}

} // namespace

std::string python_script_commands(std::string_view content) {
  std::string out;
  std::vector<Group> groups;
  char previous = 0;     // the last significant character outside strings and comments ('a': a name)
  std::string last_name; // the name just read, when `previous` is 'a'
  const auto element_token = [&](bool literal, std::string text) {
    if (groups.empty())
      return;
    auto& group = groups.back();
    if (literal && !group.keyword)
      group.literals.push_back(std::move(text));
    else if (!literal && group.list && group.element == 0 && !group.element_used)
      group.program = program_of_name(text);
    group.element_used = true;
  };
  for (std::size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (c == '#') {
      i = content.find('\n', i);
      if (i == std::string_view::npos)
        break;
      continue;
    }
    if (c == '"' || c == '\'') {
      if (content.substr(i, 3) == std::string_view(std::string(3, c))) {
        // A triple-quoted string (a docstring, a block of text): prose, never a command.
        const auto close = content.find(std::string(3, c), i + 3);
        i = close == std::string_view::npos ? content.size() : close + 2;
        element_token(false, "");
      } else {
        std::string text;
        std::size_t j = i + 1;
        for (; j < content.size() && content[j] != c && content[j] != '\n'; ++j) {
          if (content[j] == '\\' && j + 1 < content.size())
            ++j;
          text += content[j];
        }
        i = j;
        element_token(true, std::move(text));
      }
      previous = '"';
      continue;
    }
    if (is_name_char(c)) {
      // A name (`sys.executable`), a number, or a string's prefix (`f` of `f"..."`: the literal follows).
      std::size_t j = i;
      while (j < content.size() && is_name_char(content[j]))
        ++j;
      last_name = std::string(content.substr(i, j - i));
      i = j - 1;
      if (j < content.size() && (content[j] == '"' || content[j] == '\'') && is_string_prefix(last_name))
        continue;
      const bool number = std::isdigit(static_cast<unsigned char>(c)) != 0;
      element_token(false, number ? std::string() : last_name);
      previous = number ? '0' : 'a';
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)))
      continue;
    if (c == '[' || c == '(' || c == '{') {
      element_token(false, "");
      Group group;
      // After a value a bracket subscripts or calls it; after a keyword (`else [...]`) it opens a display.
      static constexpr std::array<std::string_view, 13> k_keywords{"else", "if",  "in",    "return", "and",
                                                                   "or",   "not", "yield", "lambda", "await",
                                                                   "is",   "for", "assert"};
      const bool keyword = previous == 'a' && std::ranges::find(k_keywords, last_name) != k_keywords.end();
      const bool after_value =
          (previous == 'a' && !keyword) || previous == ')' || previous == ']' || previous == '"';
      // `x["key"]` is a subscript; `for name in ["pylint", "numpy"]` iterates over data, as `x in [...]`
      // tests membership.
      if (c == '[')
        group.list = !after_value && !(previous == 'a' && last_name == "in");
      else if (c == '(' && previous == 'a') {
        const auto dot = last_name.rfind('.');
        group.call = is_runner_call(dot == std::string::npos ? last_name : last_name.substr(dot + 1));
      }
      groups.push_back(std::move(group));
    } else if (c == ']' || c == ')' || c == '}') {
      if (!groups.empty()) {
        emit_group(groups.back(), out);
        groups.pop_back();
      }
    } else if (c == ',' && !groups.empty()) {
      auto& group = groups.back();
      ++group.element;
      group.element_used = false;
      group.keyword = false;
    } else if (c == '=' && !groups.empty() && previous == 'a' && i + 1 < content.size() &&
               content[i + 1] != '=') {
      groups.back().keyword = true; // `cwd="x"`, `shell=True`
    } else if (c == ';') {
      // A statement ends; brackets stay open across lines and statements alike.
    } else if (!groups.empty()) {
      groups.back().element_used = true; // an operator: the element is an expression
    }
    previous = c;
  }
  return out;
}

} // namespace tacit::facts
