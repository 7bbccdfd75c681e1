// What the procedure rules share, part one: command heads, what the docs show and what documented
// task-runner targets run; procedure_ci.cpp has the gating CI, procedure_tools.cpp the tool table lookups.

#include "procedure_support.hpp"

#include "runner_requests.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

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

// Options whose value is the next word, per program (only those that come before a subcommand).
bool takes_value(std::string_view program, std::string_view option) {
  static const std::map<std::string_view, std::set<std::string_view>> k_value_options{
      {"make",
       {"-C", "--directory", "-f", "--file", "--makefile", "-I", "--include-dir", "-o", "-W", "-j", "-l"}},
      {"go", {"-C"}},
      {"cargo", {"-Z", "--config", "-C", "--color"}},
      {"npm", {"--prefix", "-w", "--workspace", "-C"}},
      {"pnpm", {"--filter", "-F", "-C", "--dir", "-w", "--workspace"}},
      {"yarn", {"--cwd"}},
      {"bun", {"--cwd", "--filter"}},
      {"gradle",
       {"-p", "--project-dir", "-b", "--build-file", "-c", "--settings-file", "-x", "--exclude-task", "-I",
        "--init-script", "-g", "--gradle-user-home"}},
      {"mvn",
       {"-f", "--file", "-pl", "--projects", "-s", "--settings", "-T", "--threads", "-rf", "-P",
        "--activate-profiles", "-gs", "-t"}},
      {"just", {"-f", "--justfile", "-d", "--working-directory", "--set"}},
      {"task", {"-d", "--dir", "-t", "--taskfile", "-o", "--output", "-C", "--concurrency"}},
      {"bazel", {"--bazelrc", "--output_base", "--output_user_root"}},
      {"docker", {"-H", "--host", "--context", "-c", "--config", "-l", "--log-level"}},
      {"git", {"-C", "-c", "--git-dir", "--work-tree"}},
      {"dotnet", {}},
      {"uv", {"--directory", "--project", "-p", "--python"}},
      {"poetry", {"-C", "--directory", "-P", "--project"}},
      {"hatch", {"-e", "--env"}},
  };
  const auto it = k_value_options.find(program);
  return it != k_value_options.end() && it->second.contains(option);
}

// tox's head is the environment it runs: `tox -e lint`, `tox run -e lint`, `tox r -e lint` and
// `tox -elint` are {"tox", "lint"}; a list stays one word ("lint,py312": documented_heads splits it); no
// environment, or one computed at run time, is {"tox"}.
std::vector<std::string> tox_head(const std::vector<std::string>& words) {
  std::vector<std::string> head{"tox"};
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto& word = words[i];
    std::string env;
    if ((word == "-e" || word == "--env" || word == "-f" || word == "--factor") && i + 1 < words.size())
      env = words[++i];
    else if (word.starts_with("--env=") || (word.starts_with("-e") && word.size() > 2))
      env = word.substr(word.starts_with("--env=") ? 6 : 2);
    else if (word == "run" || word == "r" || word == "run-parallel" || word == "p" || word.starts_with('-'))
      continue;
    else if (i == 1 && word != "--")
      env = word; // the head as older tacit wrote it: `tox lint` stands for `tox -e lint`
    if (env.empty())
      continue;
    if (env.find_first_of("$`{") != std::string::npos)
      return head; // computed at run time
    head.push_back(env);
    return head;
  }
  return head;
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

// True when a make pattern (`clippy-%`) matches `target` (`clippy-full`).
bool matches_pattern(std::string_view pattern, std::string_view target) {
  const auto percent = pattern.find('%');
  if (percent == std::string_view::npos || pattern.size() == 1)
    return false; // `%:` matches anything: no evidence of what a target runs
  const auto prefix = pattern.substr(0, percent);
  const auto suffix = pattern.substr(percent + 1);
  return target.size() > prefix.size() + suffix.size() && target.starts_with(prefix) &&
         target.ends_with(suffix);
}

// The recipe of `target`: its own, else that of the first pattern rule that matches it (make).
const std::string* find_recipe(const facts::TargetSet& set, const std::string& target, bool patterns) {
  if (const auto it = set.recipes.find(target); it != set.recipes.end())
    return &it->second;
  if (!patterns || set.targets.contains(target))
    return nullptr;
  for (const auto& pattern : set.patterns)
    if (matches_pattern(pattern, target))
      if (const auto it = set.recipes.find(pattern); it != set.recipes.end())
        return &it->second;
  return nullptr;
}

void expand_recipe(const facts::TargetSet& set, const std::string& target, int depth,
                   std::set<std::string>& seen, std::string& out, bool patterns = false) {
  if (depth > 4 || !seen.insert(target).second)
    return;
  const auto* recipe = find_recipe(set, target, patterns);
  if (!recipe)
    return;
  out += *recipe + "\n";
  for (auto word : recipe_words(*recipe)) {
    while (word.starts_with("./"))
      word.erase(0, 2); // a script that runs another: `./scripts/sync-version`
    if (word != target &&
        (set.targets.contains(word) || (patterns && set.runner == "make" && find_recipe(set, word, true))))
      expand_recipe(set, word, depth + 1, seen, out, patterns);
  }
}

// The package scripts a workspace runner of `words` runs in each package: `nx run-many --targets=lint,test`,
// `nx affected -t lint test`, `turbo run lint test`, `lerna run lint`.
std::vector<std::string> delegated_scripts(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  const auto add = [&](std::string_view list) {
    for (const auto name : util::split(list, ','))
      if (!name.empty() && !name.starts_with('-'))
        out.emplace_back(name);
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& runner = words[i];
    if (runner != "nx" && runner != "turbo" && runner != "lerna")
      continue;
    const auto end = std::min(words.size(), i + 8);
    for (std::size_t k = i + 1; k < end; ++k) {
      const std::string_view word = words[k];
      if (word.starts_with("--target=") || word.starts_with("--targets="))
        add(word.substr(word.find('=') + 1));
      else if (word == "-t" || word == "--target" || word == "--targets" || (runner != "nx" && word == "run"))
        for (++k; k < end && !words[k].starts_with('-'); ++k)
          add(words[k]);
    }
  }
  return out;
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
  if (words.front() == "nr") { // @antfu/ni's `nr SCRIPT`: the project's package manager's `run SCRIPT`
    Head head{"npm", "run"};
    for (std::size_t i = 1; i < words.size(); ++i)
      if (!words[i].starts_with('-')) {
        head.push_back(words[i]);
        break;
      }
    return head;
  }
  Head head{family(words.front())};
  if (words.front() == "tox")
    return tox_head(words);
  if (std::find(k_subcommand_programs.begin(), k_subcommand_programs.end(), words.front()) ==
      k_subcommand_programs.end())
    return head;
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (takes_value(words.front(), words[i])) {
      // `make -C DIR TARGET`, `gradle -p DIR TASK`: the value is no subcommand. `make -j 4`: a number is
      // the value; `make -j test` runs test.
      if (i + 1 < words.size() && ((words[i] != "-j" && words[i] != "-l") ||
                                   std::isdigit(static_cast<unsigned char>(words[i + 1].front()))))
        ++i;
      continue;
    }
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

std::vector<std::string> selecting_arguments(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  if (words.size() < 2)
    return out;
  const auto& program = words.front();
  // `--name value`, `--name=value` and (for short options) `-Nvalue`; the value split at `split` characters.
  const auto take = [&](std::size_t& i, std::string_view name, std::string_view shown,
                        std::string_view split) {
    const auto& word = words[i];
    std::string value;
    if (word == name) {
      if (i + 1 >= words.size())
        return false;
      value = words[++i];
    } else if (word.size() > name.size() + 1 && word.starts_with(name) && word[name.size()] == '=') {
      value = word.substr(name.size() + 1);
    } else if (name.size() == 2 && !name.starts_with("--") && word.size() > 2 && word.starts_with(name)) {
      value = word.substr(2);
    } else {
      return false;
    }
    if (value.find_first_of("$`") != std::string::npos)
      return true; // computed at run time: no variant that a doc could give
    if (split.empty()) {
      out.push_back(fmt::format("{} {}", shown, value));
      return true;
    }
    std::string part;
    for (const char c : value + std::string(1, split.front())) {
      if (split.find(c) != std::string_view::npos) {
        if (!part.empty())
          out.push_back(fmt::format("{} {}", shown, part));
        part.clear();
      } else {
        part += c;
      }
    }
    return true;
  };
  const auto family_program = family(program);
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto& word = words[i];
    if (word == "--")
      break;
    if (word.starts_with("${{")) { // `${{ matrix.args }}`: computed by the CI, no variant a doc could give
      while (i < words.size() && !words[i].ends_with("}}"))
        ++i;
      continue;
    }
    if (program == "cargo") {
      if (word == "--all-features" || word == "--no-default-features")
        out.push_back(word);
      else if (!take(i, "--package", "-p", "") && !take(i, "-p", "-p", "") &&
               !take(i, "--features", "--features", ", ") && !take(i, "-F", "--features", ", "))
        take(i, "--test", "--test", "");
    } else if (program == "go" && words[1] == "test") {
      if (!take(i, "-tags", "-tags", ", "))
        take(i, "--tags", "-tags", ", ");
    } else if (program == "pytest") {
      if (!take(i, "-m", "-m", ""))
        take(i, "-k", "-k", "");
    } else if (family_program == "npm") {
      if (!take(i, "--filter", "--filter", "") && !(program == "pnpm" && take(i, "-F", "--filter", "")) &&
          !take(i, "--workspace", "--workspace", ""))
        (void)(program == "npm" && take(i, "-w", "--workspace", ""));
    } else if (program == "cmake") {
      if (!take(i, "--target", "--target", ""))
        (void)(words[1] == "--build" && take(i, "-t", "--target", ""));
    } else if (program == "gradle" || program == "mvn") {
      if (takes_value(program, word)) {
        ++i;
        continue;
      }
      if (!word.starts_with('-') && word.find_first_of("$`='\"") == std::string::npos)
        out.push_back(word);
    }
  }
  if ((program == "gradle" || program == "mvn") && !out.empty())
    out.erase(out.begin()); // the first task or goal is the head's
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
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

const std::set<Head>& documented_heads(const engine::Context& context) {
  return context.shared<std::set<Head>>("procedure: documented heads", [&] {
    std::set<Head> heads;
    for (const auto& mention : context.knowledge().commands()) {
      // A wrapper's own head (`uv run`, `poetry run`) documents nothing: only what it runs counts.
      auto head =
          head_of(mention.peeled.empty() || mention.peeled == mention.words ? mention.words : mention.peeled);
      if (head.size() == 2 && head[0] == "tox" && head[1].find(',') != std::string::npos) {
        for (auto env : util::split(head[1], ','))
          heads.insert(Head{"tox", std::string(util::trim(env))});
        continue;
      }
      heads.insert(std::move(head));
    }
    return heads;
  });
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

bool names_program(std::string_view word) {
  const auto name = util::base_name(word);
  if (name.size() != word.size())
    return true; // a path
  if (const auto dot = name.rfind('.'); dot != std::string_view::npos) {
    // An extension (build.ps1, run-tests.sh), not a member (`IWriterConfiguration.BuildRequiredQuoteChars`).
    const auto extension = name.substr(dot + 1);
    return !extension.empty() && extension.size() <= 4 && std::ranges::all_of(extension, [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
  }
  return std::ranges::none_of(name.substr(std::min<std::size_t>(1, name.size())),
                              [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string script_path(const std::vector<std::string>& words) {
  if (words.empty())
    return {};
  const auto is_script = [](std::string_view word) {
    return !word.empty() && !word.starts_with('/') && !word.starts_with("..") &&
           word.find_first_of("$`*{}<>") == std::string_view::npos &&
           (word.find('/') != std::string_view::npos || word.ends_with(".sh") || word.ends_with(".py"));
  };
  const auto& program = words.front();
  if (program == "bash" || program == "sh" || program == "zsh" || program == "python") {
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (words[i].starts_with('-'))
        continue; // `bash -e x.sh`; `python -m x` is peeled before
      auto path = words[i];
      while (path.starts_with("./"))
        path.erase(0, 2);
      return is_script(path) ? path : std::string();
    }
    return {};
  }
  return is_script(program) ? program : std::string();
}

std::vector<std::pair<std::string, std::string>> runner_targets(const std::vector<std::string>& words) {
  std::vector<std::pair<std::string, std::string>> out;
  if (words.empty())
    return out;
  if (auto target = target_of(head_of(words));
      !target.first.empty() && target.first != "tox" && target.first != "nox" && target.first != "task") {
    out.push_back(std::move(target));
    return out;
  }
  const auto& program = words.front();
  if (program == "tox" || program == "nox" || program == "task" || program == "cargo") {
    for (auto& request : runner_requests(words))
      out.emplace_back(std::move(request.runner), std::move(request.target));
    if (program == "task" || !out.empty())
      return out;
  }
  if (program == "nox" || program == "tox") {
    // `nox lint` is no session request; `tox typing` is not valid tox 4. Only `-e`/`-s` name one.
    return out;
  }
  if (program == "poe" && words.size() >= 2 && !words[1].starts_with('-'))
    out.emplace_back("poe", words[1]);
  else if ((program == "hatch" || program == "pdm") && words.size() >= 3 && words[1] == "run" &&
           !words[2].starts_with('-'))
    out.emplace_back(program, words[2]);
  else if (auto path = script_path(words); !path.empty())
    out.emplace_back("script", std::move(path));
  else if (program == "mvn" && std::ranges::all_of(words.begin() + 1, words.end(), [](const auto& word) {
             return word.starts_with('-') && word != "-f" && word != "--file" && !word.starts_with("-f=");
           }))
    out.emplace_back("maven", std::string(facts::k_maven_default_goal)); // a bare `mvn`: the default goal
  return out;
}

std::string recipe_of(const engine::Context& context, const std::string& runner, const std::string& target,
                      bool deep) {
  std::string text;
  if (runner == "script" && deep) {
    std::set<std::string> seen;
    expand_recipe(context.facts().scripts, target, 0, seen, text);
    return text;
  }
  for (const auto& set : context.facts().target_sets) {
    if (set.runner != runner)
      continue;
    std::set<std::string> seen;
    expand_recipe(set, target, 0, seen, text, deep);
  }
  if (deep && runner == "npm" && !text.empty()) {
    // A workspace runner runs the packages' scripts of that name (`nx run-many --targets=lint,test`).
    std::set<std::string> names;
    for (const auto& name : delegated_scripts(recipe_words(text)))
      names.insert(name);
    for (const auto& set : context.facts().target_sets)
      if (set.runner == "npm")
        for (const auto& name : names) {
          std::set<std::string> seen;
          expand_recipe(set, name, 1, seen, text);
        }
  }
  if (deep && !text.empty() && runner != "script") {
    // A target that runs a repository script (`lint: ./scripts/lint.sh`) runs what the script runs.
    std::string scripts;
    std::set<std::string> seen;
    for (auto word : recipe_words(text)) {
      while (word.starts_with("./"))
        word.erase(0, 2);
      if (context.facts().scripts.targets.contains(word))
        expand_recipe(context.facts().scripts, word, 0, seen, scripts);
    }
    text += scripts;
  }
  return text;
}

const std::string& documented_recipes(const engine::Context& context, bool deep) {
  return context.shared<std::string>(
      deep ? "procedure: documented recipes, deep" : "procedure: documented recipes", [&] {
        std::string text;
        std::set<std::pair<std::string, std::string>> seen;
        for (const auto& mention : context.knowledge().commands()) {
          auto targets =
              deep ? runner_targets(mention.words)
                   : std::vector<std::pair<std::string, std::string>>{target_of(head_of(mention.words))};
          if (deep && !mention.peeled.empty()) // `uv run tox -e typing`
            for (auto& target : runner_targets(mention.peeled))
              targets.push_back(std::move(target));
          for (const auto& target : targets)
            if (!target.first.empty() && seen.insert(target).second)
              text += recipe_of(context, target.first, target.second, deep);
        }
        return text;
      });
}

namespace {

// True when the text at `pos` is what an `echo` or `printf` prints (a help target's "spell_check - run
// codespell"), not a command: the line starts with one and no operator comes between.
bool printed_at(const std::string& recipes, std::size_t pos) {
  const auto begin = recipes.rfind('\n', pos);
  auto line = util::trim_left(std::string_view(recipes).substr(
      begin == std::string::npos ? 0 : begin + 1, pos - (begin == std::string::npos ? 0 : begin + 1)));
  while (!line.empty() && (line.front() == '@' || line.front() == '-' || line.front() == '+'))
    line = util::trim_left(line.substr(1));
  return (line.starts_with("echo ") || line.starts_with("printf ")) &&
         line.find_first_of(";&|`") == std::string_view::npos && line.find("$(") == std::string_view::npos;
}

} // namespace

bool runs_through_recipe(const std::string& recipes, std::string_view program) {
  for (std::size_t pos = recipes.find(program); pos != std::string::npos;
       pos = recipes.find(program, pos + 1)) {
    const bool start = pos == 0 || is_boundary(recipes[pos - 1], " \t\n;&|(/");
    const auto end = pos + program.size();
    const bool finish = end >= recipes.size() || is_boundary(recipes[end], " \t\n;&|)");
    if (start && finish && !printed_at(recipes, pos))
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

bool recipe_runs(const std::string& recipes, std::span<const std::string_view> patterns) {
  for (auto pattern : patterns) {
    if (pattern.ends_with('*')) {
      pattern.remove_suffix(1);
      for (auto pos = recipes.find(pattern); pos != std::string::npos; pos = recipes.find(pattern, pos + 1))
        if ((pos == 0 || is_boundary(recipes[pos - 1], " \t\n;&|(/")) && !printed_at(recipes, pos))
          return true;
    } else if (runs_through_recipe(recipes, pattern)) {
      return true;
    }
  }
  return false;
}

} // namespace tacit::rules::procedure
