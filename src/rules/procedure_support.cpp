#include "procedure_support.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace tacit::rules::procedure {

namespace {

// Programs whose first positional word is a subcommand that matters (go test vs go vet).
constexpr std::array<std::string_view, 22> k_subcommand_programs{
    "go",   "cargo", "make", "just",   "task", "dotnet", "bazel", "bazelisk", "mvn",    "gradle",     "npm",
    "pnpm", "yarn",  "bun",  "poetry", "uv",   "hatch",  "nox",   "tox",      "docker", "pre-commit", "git"};

// npm-family subcommands that are not scripts (`pnpm lint` runs the "lint" script; `pnpm install` does not).
bool is_npm_builtin(std::string_view word) {
  constexpr std::array<std::string_view, 24> k_builtins{
      "install", "i",       "ci",    "add",    "remove", "rm",      "uninstall", "exec",
      "dlx",     "x",       "run",   "create", "init",   "publish", "pack",      "link",
      "update",  "upgrade", "audit", "config", "why",    "info",    "view",      "version"};
  return std::find(k_builtins.begin(), k_builtins.end(), word) != k_builtins.end();
}

bool is_boundary(char c, std::string_view set) {
  return set.find(c) != std::string_view::npos;
}

// The words of a recipe that may name other targets (`lint: lint-go lint-sh`, `npm run lint:js`).
std::vector<std::string> recipe_words(std::string_view recipe) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : recipe) {
    if (is_boundary(c, " \t\n;&|()\"'")) {
      if (!word.empty())
        words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty())
    words.push_back(std::move(word));
  return words;
}

void expand_recipe(const facts::TargetSet& set, const std::string& target, int depth,
                   std::set<std::string>& seen, std::string& out) {
  if (depth > 4 || !seen.insert(target).second)
    return;
  const auto it = set.recipes.find(target);
  if (it == set.recipes.end())
    return;
  out += it->second + "\n";
  for (const auto& word : recipe_words(it->second))
    if (word != target && set.targets.contains(word))
      expand_recipe(set, word, depth + 1, seen, out);
}

} // namespace

std::string family(std::string_view program) {
  if (program == "pnpm" || program == "yarn" || program == "bun")
    return "npm";
  return std::string(program);
}

Head head_of(const std::vector<std::string>& words) {
  if (words.empty())
    return {};
  Head head{family(words.front())};
  if (std::find(k_subcommand_programs.begin(), k_subcommand_programs.end(), words.front()) ==
      k_subcommand_programs.end())
    return head;
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (words[i].starts_with('-') || words[i].find('=') != std::string::npos)
      continue;
    if (words[i].find_first_of("$`") != std::string::npos)
      break; // computed at run time (`tox -e ci-py$(...)`): the program alone identifies it
    head.push_back(words[i]);
    if (head.back() == "run" && head.front() == "npm")
      continue; // npm run SCRIPT
    break;
  }
  return head;
}

bool is_lint_command(const Head& head) {
  static const std::set<std::string_view> k_linters{
      "ruff",       "black",        "flake8",        "mypy",       "pylint",       "isort",
      "eslint",     "prettier",     "golangci-lint", "gofmt",      "clang-format", "clang-tidy",
      "shellcheck", "markdownlint", "yamllint",      "actionlint", "hadolint",     "rustfmt",
      "stylelint",  "biome",        "pre-commit",    "cppcheck",   "codespell",    "typos"};
  if (k_linters.contains(head.front()))
    return true;
  return head.size() >= 2 &&
         ((head[0] == "cargo" && (head[1] == "clippy" || head[1] == "fmt")) ||
          (head[0] == "go" && (head[1] == "vet" || head[1] == "fmt")) || head.back().starts_with("lint") ||
          head.back().starts_with("fmt") || head.back().starts_with("format"));
}

std::set<Head> documented_heads(const engine::Context& context) {
  std::set<Head> heads;
  for (const auto& mention : context.knowledge().commands()) {
    // A wrapper's own head (`uv run`, `poetry run`) documents nothing: only what it runs counts.
    if (mention.peeled.empty() || mention.peeled == mention.words)
      heads.insert(head_of(mention.words));
    else
      heads.insert(head_of(mention.peeled));
  }
  return heads;
}

std::pair<std::string, std::string> target_of(const Head& head) {
  if (head.size() == 2 &&
      (head[0] == "make" || head[0] == "just" || head[0] == "task" || head[0] == "tox" || head[0] == "nox"))
    return {head[0], head[1]};
  if (head.size() == 3 && head[0] == "npm" && head[1] == "run")
    return {"npm", head[2]};
  if (head.size() == 2 && head[0] == "npm" && (head[1] == "test" || !is_npm_builtin(head[1])))
    return {"npm", head[1]};
  return {};
}

std::string recipe_of(const engine::Context& context, const std::string& runner, const std::string& target) {
  std::string text;
  for (const auto& set : context.facts().target_sets) {
    if (set.runner != runner)
      continue;
    std::set<std::string> seen;
    expand_recipe(set, target, 0, seen, text);
  }
  return text;
}

std::string documented_recipes(const engine::Context& context) {
  std::string text;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& mention : context.knowledge().commands()) {
    const auto target = target_of(head_of(mention.words));
    if (target.first.empty() || !seen.insert(target).second)
      continue;
    text += recipe_of(context, target.first, target.second);
  }
  return text;
}

bool runs_through_recipe(const std::string& recipes, std::string_view program) {
  for (std::size_t pos = recipes.find(program); pos != std::string::npos;
       pos = recipes.find(program, pos + 1)) {
    const bool start = pos == 0 || is_boundary(recipes[pos - 1], " \t\n;&|(/");
    const auto end = pos + program.size();
    const bool finish = end >= recipes.size() || is_boundary(recipes[end], " \t\n;&|)");
    if (start && finish)
      return true;
  }
  return false;
}

bool documents_pre_commit(const engine::Context& context) {
  if (!context.snapshot().find(".pre-commit-config.yaml"))
    return false;
  const std::array<doc::CommandPattern, 2> patterns{doc::CommandPattern{"pre-commit", {}},
                                                    doc::CommandPattern{"prek", {}}};
  return context.knowledge().find(patterns) != nullptr;
}

std::vector<engine::Location> ci_evidence(const engine::Context& context,
                                          std::span<const doc::CommandPattern> patterns, std::size_t limit) {
  std::vector<engine::Location> out;
  std::set<std::string> jobs;
  const auto& ci = context.ci();
  const Gate gate(ci);
  for (const auto& command : ci.commands) {
    if (out.size() >= limit)
      break;
    if (command.plumbing || !gate(command) || is_release_job(command) ||
        jobs.contains(command.path + "\n" + command.job))
      continue;
    for (const auto& words : doc::split_commands(without_parameters(command.text))) {
      const auto peeled = doc::peel_wrappers(words);
      const bool runs =
          std::any_of(patterns.begin(), patterns.end(), [&](const doc::CommandPattern& pattern) {
            return doc::matches(peeled, pattern) || doc::matches(words, pattern);
          });
      if (!runs)
        continue;
      jobs.insert(command.path + "\n" + command.job);
      out.push_back(
          engine::Location{command.path, command.line, command.column,
                           fmt::format("CI job '{}' runs `{}`", command.job, util::trim(command.text))});
      break;
    }
  }
  return out;
}

namespace {

bool is_gating(const facts::CiTrigger& trigger) {
  if (trigger.detail == "none")
    return false;
  return (trigger.event == "push" && !trigger.detail.starts_with("tags")) ||
         trigger.event == "pull_request" || trigger.event == "pull_request_target" ||
         trigger.event == "merge_group" || trigger.event == "workflow_call";
}

} // namespace

Gate::Gate(const facts::CiFacts& ci) {
  for (const auto& trigger : ci.triggers) {
    auto& gates = trigger.job.empty() ? m_files[trigger.path] : m_jobs[trigger.job];
    gates = gates || is_gating(trigger);
  }
}

bool Gate::operator()(const facts::CiCommand& command) const {
  const auto& pipeline = command.pipeline.empty() ? command.path : command.pipeline;
  const auto file = m_files.find(pipeline);
  if (file != m_files.end() ? !file->second : pipeline.starts_with(".github/workflows/"))
    return false;
  if (pipeline.starts_with(".github/"))
    return true; // GitHub's triggers are the workflow's, and its job names are no other system's
  const auto job = m_jobs.find(command.job);
  return job == m_jobs.end() || job->second;
}

std::string without_parameters(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto open = text.find("<<");
    const auto close = open == std::string_view::npos ? open : text.find(">>", open + 2);
    const auto inner = close == std::string_view::npos ? std::string_view()
                                                       : util::trim(text.substr(open + 2, close - open - 2));
    if (!inner.starts_with("parameters.") && !inner.starts_with("pipeline.")) {
      if (open == std::string_view::npos || close == std::string_view::npos) {
        out += text;
        break;
      }
      out += text.substr(0, open + 2);
      text.remove_prefix(open + 2);
      continue;
    }
    out += text.substr(0, open);
    out += "$PARAMETER";
    text.remove_prefix(close + 2);
  }
  return out;
}

bool is_release_job(const facts::CiCommand& command) {
  const auto names = util::to_lower(command.job + " " + command.step);
  for (std::string_view word : {"release", "publish", "deploy", "goreleaser"})
    if (names.find(word) != std::string::npos)
      return true;
  return false;
}

namespace {

// The program a command runs. A tool installed into a bin directory runs under its own name
// (node_modules/.bin/eslint, $(GOBIN)/golangci-lint); any other path is a script of the repository
// (.githooks/pre-commit).
std::string_view program_of(std::string_view word) {
  if (const auto dir = util::base_name(util::dir_name(word));
      dir == "bin" || dir == ".bin" || dir.find("BIN") != std::string_view::npos)
    return util::base_name(word);
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

bool recipe_runs(const std::string& recipes, std::span<const std::string_view> patterns) {
  for (auto pattern : patterns) {
    if (pattern.ends_with('*')) {
      pattern.remove_suffix(1);
      for (auto pos = recipes.find(pattern); pos != std::string::npos; pos = recipes.find(pattern, pos + 1))
        if (pos == 0 || is_boundary(recipes[pos - 1], " \t\n;&|(/"))
          return true;
    } else if (runs_through_recipe(recipes, pattern)) {
      return true;
    }
  }
  return false;
}

std::vector<const facts::ToolInfo*> tools_run_by(const engine::Context& context,
                                                 const std::vector<std::string>& words) {
  std::vector<const facts::ToolInfo*> tools;
  const auto peeled = doc::peel_wrappers(words);
  add_tools_named(words, false, tools);
  add_tools_named(peeled, false, tools);
  if (!tools.empty())
    return tools;
  const auto [runner, target] = target_of(head_of(peeled.empty() ? words : peeled));
  if (runner.empty())
    return tools;
  const auto recipe = recipe_of(context, runner, target);
  for (const auto& tool : facts::known_tools())
    if (recipe_runs(recipe, tool.commands))
      tools.push_back(&tool);
  return tools;
}

} // namespace tacit::rules::procedure
