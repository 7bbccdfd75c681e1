// What the procedure rules share, about tools: which formatters, linters and type checkers a command runs,
// by name or through the recipe of the task-runner target it runs (the tool table is facts::known_tools).

#include "procedure_support.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace tacit::rules::procedure {

namespace {

// The program a command runs. A tool installed into a bin directory runs under its own name
// (node_modules/.bin/eslint, $(GOBIN)/golangci-lint); any other path is a script of the repository
// (.githooks/pre-commit).
std::string_view program_of(std::string_view word) {
  if (const auto dir = util::base_name(util::dir_name(word));
      dir == "bin" || dir == ".bin" || dir.find("BIN") != std::string_view::npos)
    word = util::base_name(word);
  // A versioned install runs the tool: clang-format-21, clang-tidy-18.1.
  if (const auto dash = word.rfind('-');
      dash != std::string_view::npos && dash + 1 < word.size() && word.find('/') == std::string_view::npos) {
    const auto version = word.substr(dash + 1);
    if (std::all_of(version.begin(), version.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; }) &&
        std::isdigit(static_cast<unsigned char>(version.front())))
      return word.substr(0, dash);
  }
  return word;
}

// One command pattern of the tool table, split: "gradle spotless*" -> gradle, spotless, prefix.
struct Pattern {
  std::string_view program;
  std::string_view sub; // "" = the program alone
  bool prefix = false;
  const facts::ToolInfo* tool = nullptr;
  bool implied = false;
};

Pattern parse_pattern(std::string_view text) {
  Pattern pattern;
  const auto space = text.find(' ');
  pattern.program = text.substr(0, space);
  if (space != std::string_view::npos) {
    pattern.sub = text.substr(space + 1);
    if (pattern.sub.ends_with('*')) {
      pattern.sub.remove_suffix(1);
      pattern.prefix = true;
    }
  }
  return pattern;
}

// True when `words` (whose program is the pattern's) run the pattern's subcommand.
bool matches_sub(const std::vector<std::string>& words, const Pattern& pattern) {
  if (pattern.sub.empty())
    return true;
  const bool anywhere = pattern.program == "gradle" || pattern.program == "mvn"; // `gradle build ktlintCheck`
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::string_view word = words[i];
    if (word.starts_with('-') || word.starts_with('+') || word.find('=') != std::string_view::npos)
      continue;
    if (pattern.program == "gradle" && word.rfind(':') != std::string_view::npos)
      word = word.substr(word.rfind(':') + 1); // :app:ktlintCheck
    if (pattern.prefix ? word.starts_with(pattern.sub) : word == pattern.sub)
      return true;
    if (!anywhere)
      return false;
  }
  return false;
}

// Every pattern of the tool table, by program.
const std::multimap<std::string_view, Pattern>& pattern_index() {
  static const auto index = [] {
    std::multimap<std::string_view, Pattern> out;
    for (const auto& tool : facts::known_tools()) {
      for (const auto& text : tool.commands) {
        auto pattern = parse_pattern(text);
        pattern.tool = &tool;
        out.emplace(pattern.program, pattern);
      }
      for (const auto& text : tool.implied_by) {
        auto pattern = parse_pattern(text);
        pattern.tool = &tool;
        pattern.implied = true;
        out.emplace(pattern.program, pattern);
      }
    }
    return out;
  }();
  return index;
}

} // namespace

bool runs_command(const std::vector<std::string>& words, std::span<const std::string_view> patterns) {
  if (words.empty())
    return false;
  const auto program = program_of(words.front());
  for (const auto text : patterns)
    if (const auto pattern = parse_pattern(text); pattern.program == program && matches_sub(words, pattern))
      return true;
  return false;
}

void add_tools_named(const std::vector<std::string>& words, bool implied,
                     std::vector<const facts::ToolInfo*>& out) {
  if (words.empty())
    return;
  const auto [begin, end] = pattern_index().equal_range(program_of(words.front()));
  for (auto it = begin; it != end; ++it)
    if ((implied || !it->second.implied) && matches_sub(words, it->second) &&
        std::find(out.begin(), out.end(), it->second.tool) == out.end())
      out.push_back(it->second.tool);
}

std::vector<const facts::ToolInfo*> tools_run_by(const engine::Context& context,
                                                 const std::vector<std::string>& words, bool deep) {
  std::vector<const facts::ToolInfo*> tools;
  if (deep && !words.empty() && words.front() == "xargs") {
    // `find ... | xargs clang-format -i`: xargs runs the command that follows its options.
    std::size_t i = 1;
    while (i < words.size() && words[i].starts_with('-'))
      i += (words[i] == "-n" || words[i] == "-P" || words[i] == "-I" || words[i] == "-L" ||
            words[i] == "-d" || words[i] == "-s")
               ? 2
               : 1;
    if (i >= words.size())
      return tools;
    return tools_run_by(
        context, std::vector<std::string>(words.begin() + static_cast<std::ptrdiff_t>(i), words.end()), deep);
  }
  const auto peeled = doc::peel_wrappers(words);
  add_tools_named(words, false, tools);
  add_tools_named(peeled, false, tools);
  if (!tools.empty())
    return tools;
  std::string recipe;
  if (!deep) {
    const auto [runner, target] = target_of(head_of(peeled.empty() ? words : peeled));
    if (!runner.empty())
      recipe = recipe_of(context, runner, target);
  } else {
    for (const auto& [runner, target] : runner_targets(words))
      recipe += recipe_of(context, runner, target, true);
    if (peeled != words)
      for (const auto& [runner, target] : runner_targets(peeled))
        recipe += recipe_of(context, runner, target, true);
  }
  if (recipe.empty())
    return tools;
  for (const auto& tool : facts::known_tools())
    if (recipe_runs(recipe, tool.commands))
      tools.push_back(&tool);
  return tools;
}

} // namespace tacit::rules::procedure
