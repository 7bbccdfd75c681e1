// Tool configs: which formatters, linters and type checkers the repository configures, from their config
// files, the sections they read in shared files (pyproject.toml, setup.cfg, tox.ini), package.json keys and
// Maven/Gradle plugins. The tables are data; the table of what runs each tool is here too (known_tools).

#include "json_scripts.hpp"
#include "toml_util.hpp"

#include <tacit/facts/tools.hpp>
#include <tacit/facts/vendored.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <deque>
#include <map>

namespace tacit::facts {

namespace {

using Files = std::vector<const repo::FileEntry*>;

// One row of the tool table; lists are `|`-separated.
struct ToolRow {
  std::string_view tool;
  std::string_view kind;
  std::string_view suggested_command;
  std::string_view commands;
  std::string_view implied_by;
  std::string_view hooks;
};

constexpr std::string_view k_jvm_checks = "gradle check|gradle build|mvn verify|mvn install";

constexpr std::array k_tool_rows{
    ToolRow{"clang-format", "format", "clang-format -i $(git ls-files '*.c' '*.cc' '*.cpp' '*.h' '*.hpp')",
            "clang-format|git clang-format|git-clang-format", "", "clang-format"},
    ToolRow{"clang-tidy", "lint", "run-clang-tidy -p build", "clang-tidy|run-clang-tidy|run-clang-tidy.py",
            "", "clang-tidy"},
    ToolRow{"eslint", "lint", "npx eslint .", "eslint|next lint", "", "eslint"},
    ToolRow{"prettier", "format", "npx prettier --check .", "prettier", "", "prettier"},
    ToolRow{"biome", "lint", "npx @biomejs/biome check .", "biome|@biomejs/biome", "",
            "biome-check|biome-ci|biome-format|biome-lint"},
    ToolRow{"stylelint", "lint", "npx stylelint \"**/*.css\"", "stylelint", "", "stylelint"},
    ToolRow{"ruff", "lint", "ruff check . && ruff format --check .", "ruff", "",
            "ruff|ruff-check|ruff-format"},
    ToolRow{"black", "format", "black --check .", "black", "", "black|black-jupyter"},
    ToolRow{"isort", "format", "isort --check-only .", "isort", "", "isort"},
    ToolRow{"mypy", "typecheck", "mypy .", "mypy|dmypy", "", "mypy"},
    ToolRow{"flake8", "lint", "flake8 .", "flake8", "", "flake8"},
    ToolRow{"pylint", "lint", "pylint $(git ls-files '*.py')", "pylint", "", "pylint"},
    ToolRow{"pyright", "typecheck", "pyright", "pyright|basedpyright", "", "pyright|basedpyright"},
    ToolRow{"golangci-lint", "lint", "golangci-lint run", "golangci-lint", "",
            "golangci-lint|golangci-lint-full|golangci-lint-fmt"},
    ToolRow{"gofmt", "format", "gofmt -l .", "gofmt|go fmt|gofumpt|goimports", "", "go-fmt|gofmt|gofumpt"},
    ToolRow{"go vet", "lint", "go vet ./...", "go vet", "", "go-vet"},
    ToolRow{"staticcheck", "lint", "staticcheck ./...", "staticcheck", "", "staticcheck"},
    ToolRow{"rustfmt", "format", "cargo fmt --all --check", "cargo fmt|rustfmt", "", "fmt|rustfmt|cargo-fmt"},
    // `cargo lclippy`: cargo-limit's clippy.
    ToolRow{"clippy", "lint", "cargo clippy --all-targets -- -D warnings",
            "cargo clippy|cargo lclippy|clippy-driver", "", "clippy|cargo-clippy"},
    ToolRow{"markdownlint", "lint", "npx markdownlint-cli2 \"**/*.md\"",
            "markdownlint|markdownlint-cli|markdownlint-cli2", "",
            "markdownlint|markdownlint-cli2|markdownlint-fix"},
    ToolRow{"yamllint", "lint", "yamllint .", "yamllint", "", "yamllint"},
    ToolRow{"shellcheck", "lint", "shellcheck $(git ls-files '*.sh')", "shellcheck", "", "shellcheck"},
    ToolRow{"swiftlint", "lint", "swiftlint", "swiftlint", "", "swiftlint"},
    ToolRow{"rubocop", "lint", "bundle exec rubocop", "rubocop", "", "rubocop"},
    ToolRow{"ktlint", "lint", "./gradlew ktlintCheck", "ktlint|gradle ktlint*|mvn ktlint:*", k_jvm_checks,
            "ktlint"},
    ToolRow{"detekt", "lint", "./gradlew detekt", "detekt|gradle detekt*", k_jvm_checks, "detekt"},
    ToolRow{"checkstyle", "lint", "mvn checkstyle:check", "checkstyle|mvn checkstyle:*|gradle checkstyle*",
            k_jvm_checks, ""},
    ToolRow{"spotless", "format", "mvn spotless:check", "mvn spotless:*|gradle spotless*", k_jvm_checks, ""},
    ToolRow{"vale", "lint", "vale .", "vale", "", "vale"},
    ToolRow{"typos", "lint", "typos", "typos", "", "typos"},
    ToolRow{"codespell", "lint", "codespell", "codespell", "", "codespell"},
    ToolRow{"hadolint", "lint", "hadolint Dockerfile", "hadolint", "", "hadolint|hadolint-docker"},
    ToolRow{"actionlint", "lint", "actionlint", "actionlint", "", "actionlint|actionlint-docker"},
    ToolRow{"pre-commit", "lint", "pre-commit run --all-files", "pre-commit|prek", "", ""},
};

// A config file name and its tool. `prefix`: the name may go on with a `.suffix` (.eslintrc.json).
struct ConfigName {
  std::string_view name;
  std::string_view tool;
  bool prefix = false;
};

constexpr std::array k_config_names{
    ConfigName{".clang-format", "clang-format"},
    ConfigName{"_clang-format", "clang-format"},
    ConfigName{".clang-tidy", "clang-tidy"},
    ConfigName{".eslintrc", "eslint", true},
    ConfigName{"eslint.config", "eslint", true},
    ConfigName{".prettierrc", "prettier", true},
    ConfigName{"prettier.config", "prettier", true},
    ConfigName{"biome.json", "biome"},
    ConfigName{"biome.jsonc", "biome"},
    ConfigName{".stylelintrc", "stylelint", true},
    ConfigName{"stylelint.config", "stylelint", true},
    ConfigName{"ruff.toml", "ruff"},
    ConfigName{".ruff.toml", "ruff"},
    ConfigName{"mypy.ini", "mypy"},
    ConfigName{".mypy.ini", "mypy"},
    ConfigName{".flake8", "flake8"},
    ConfigName{".pylintrc", "pylint"},
    ConfigName{"pylintrc", "pylint"},
    ConfigName{"pyrightconfig.json", "pyright"},
    ConfigName{".isort.cfg", "isort"},
    ConfigName{".golangci", "golangci-lint", true},
    ConfigName{"rustfmt.toml", "rustfmt"},
    ConfigName{".rustfmt.toml", "rustfmt"},
    ConfigName{"clippy.toml", "clippy"},
    ConfigName{".clippy.toml", "clippy"},
    ConfigName{".markdownlint", "markdownlint", true},
    ConfigName{".markdownlint-cli2", "markdownlint", true},
    ConfigName{".markdownlintrc", "markdownlint"},
    ConfigName{".yamllint", "yamllint", true},
    ConfigName{".shellcheckrc", "shellcheck"},
    ConfigName{".swiftlint.yml", "swiftlint"},
    ConfigName{".swiftlint.yaml", "swiftlint"},
    ConfigName{".rubocop.yml", "rubocop"},
    ConfigName{"detekt.yml", "detekt"},
    ConfigName{"detekt.yaml", "detekt"},
    ConfigName{".vale.ini", "vale"},
    ConfigName{"typos.toml", "typos"},
    ConfigName{"_typos.toml", "typos"},
    ConfigName{".typos.toml", "typos"},
    ConfigName{".codespellrc", "codespell"},
    ConfigName{".hadolint.yaml", "hadolint"},
    ConfigName{".hadolint.yml", "hadolint"},
};

// pyproject.toml [tool.X] tables and their tool.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> k_pyproject_tables{{
    {"ruff", "ruff"},
    {"black", "black"},
    {"isort", "isort"},
    {"mypy", "mypy"},
    {"pylint", "pylint"},
    {"pyright", "pyright"},
    {"basedpyright", "pyright"},
    {"codespell", "codespell"},
    {"flake8", "flake8"},
    {"typos", "typos"},
}};

// INI sections of setup.cfg and tox.ini and their tool (`pylint.` sections are prefixes).
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_ini_sections{{
    {"[flake8]", "flake8"},
    {"[mypy]", "mypy"},
    {"[isort]", "isort"},
    {"[tool:isort]", "isort"},
    {"[codespell]", "codespell"},
    {"[pylint.", "pylint"},
}};

// Build-file plugins (a needle in pom.xml or a Gradle build script) and their tool and command.
struct PluginNeedle {
  std::string_view needle;
  std::string_view tool;
  std::string_view command;
  bool gradle = false;
};

constexpr std::array k_plugins{
    PluginNeedle{"maven-checkstyle-plugin", "checkstyle", "mvn checkstyle:check"},
    PluginNeedle{"spotless-maven-plugin", "spotless", "mvn spotless:check"},
    PluginNeedle{"ktlint-maven-plugin", "ktlint", "mvn ktlint:check"},
    PluginNeedle{"'checkstyle'", "checkstyle", "./gradlew checkstyleMain", true},
    PluginNeedle{"\"checkstyle\"", "checkstyle", "./gradlew checkstyleMain", true},
    PluginNeedle{"com.diffplug.spotless", "spotless", "./gradlew spotlessCheck", true},
    PluginNeedle{"org.jlleitschuh.gradle.ktlint", "ktlint", "./gradlew ktlintCheck", true},
    PluginNeedle{"io.gitlab.arturbosch.detekt", "detekt", "./gradlew detekt", true},
    PluginNeedle{"dev.detekt", "detekt", "./gradlew detekt", true},
};

// Directories whose configs are test data, examples or copies of other projects (facts::in_vendored_dir),
// not the repository's own.
bool in_foreign_dir(std::string_view path) {
  constexpr std::array<std::string_view, 20> k_dirs{
      "test",     "tests",     "testing",   "__tests__", "spec",         "fixtures", "fixture",
      "testdata", "test-data", "test_data", "examples",  "example",      "samples",  "sample",
      "demo",     "demos",     "templates", "template",  "node_modules", "snapshots"};
  if (in_vendored_dir(path))
    return true;
  for (auto part : util::split(util::dir_name(path), '/')) {
    const auto lower = util::to_lower(part);
    if (std::find(k_dirs.begin(), k_dirs.end(), lower) != k_dirs.end())
      return true;
    // `test cases/`, `test-projects/`, `testcases/`: test inputs, whatever the separator.
    for (std::string_view stem : {"test", "tests"})
      if (lower.size() > stem.size() + 1 && lower.starts_with(stem) &&
          (lower[stem.size()] == ' ' || lower[stem.size()] == '-' || lower[stem.size()] == '_'))
        return true;
    if (lower == "testcases")
      return true;
    // `js-monorepo-example/`, `example-app/`, `demo_site/`, `react-template/`: an example project, named so.
    for (std::string_view stem :
         {"example", "examples", "sample", "samples", "demo", "demos", "template", "templates"})
      if (lower.size() > stem.size() + 1 &&
          ((lower.starts_with(stem) && (lower[stem.size()] == '-' || lower[stem.size()] == '_')) ||
           (lower.ends_with(stem) &&
            (lower[lower.size() - stem.size() - 1] == '-' || lower[lower.size() - stem.size() - 1] == '_'))))
        return true;
  }
  return false;
}

std::string_view config_tool(std::string_view name) {
  for (const auto& config : k_config_names) {
    if (name == config.name)
      return config.tool;
    if (config.prefix && name.starts_with(config.name) && name.size() > config.name.size() &&
        name[config.name.size()] == '.' && !name.ends_with("ignore"))
      return config.tool;
  }
  return {};
}

int line_at(std::string_view content, std::size_t offset) {
  return static_cast<int>(
             std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) +
         1;
}

class Collector {
public:
  void add(std::string_view tool, const std::string& path, int line, std::string_view command = {}) {
    const auto* info = find_tool(tool);
    if (!info)
      return;
    ToolConfig config{std::string(info->tool), std::string(info->kind), path, line,
                      std::string(command.empty() ? info->suggested_command : command)};
    auto [it, inserted] = m_tools.emplace(config.tool, config);
    if (!inserted && depth(path) < depth(it->second.path))
      it->second = std::move(config);
  }

  std::vector<ToolConfig> take() {
    std::vector<ToolConfig> out;
    for (auto& [tool, config] : m_tools)
      out.push_back(std::move(config));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.path != b.path ? a.path < b.path : a.line != b.line ? a.line < b.line : a.tool < b.tool;
    });
    return out;
  }

private:
  static long depth(std::string_view path) { return std::count(path.begin(), path.end(), '/'); }
  std::map<std::string, ToolConfig> m_tools;
};

void scan_pyproject(const repo::FileEntry& file, const Result<yaml::Node>& doc, Collector& out) {
  if (!doc)
    return;
  const auto* tool = doc->find("tool");
  if (!tool)
    return;
  for (const auto& entry : tool->entries)
    for (const auto& [table, name] : k_pyproject_tables)
      if (entry.key == table)
        out.add(name, file.path, entry.line > 0 ? entry.line : 1);
}

void scan_ini(const repo::FileEntry& file, std::string_view content, Collector& out) {
  int line_no = 0;
  for (auto line : util::split_lines(content)) {
    ++line_no;
    const auto text = util::to_lower(util::trim(line));
    for (const auto& [section, tool] : k_ini_sections)
      if (text.starts_with(section))
        out.add(tool, file.path, line_no);
  }
}

void scan_build_file(const repo::FileEntry& file, std::string_view content, bool gradle, Collector& out) {
  for (const auto& plugin : k_plugins)
    if (plugin.gradle == gradle)
      if (const auto pos = content.find(plugin.needle); pos != std::string_view::npos)
        out.add(plugin.tool, file.path, line_at(content, pos), plugin.command);
  // Gradle Kotlin DSL: `plugins { checkstyle }`.
  if (gradle) {
    int line_no = 0;
    for (auto line : util::split_lines(content)) {
      ++line_no;
      if (util::trim(line) == "checkstyle")
        out.add("checkstyle", file.path, line_no, "./gradlew checkstyleMain");
    }
  }
}

} // namespace

std::span<const ToolInfo> known_tools() {
  struct Table {
    std::deque<std::vector<std::string_view>> lists; // stable addresses for the spans
    std::vector<ToolInfo> tools;
  };
  static const Table table = [] {
    Table t;
    const auto list = [&t](std::string_view text) {
      auto& items = t.lists.emplace_back();
      if (!text.empty())
        for (auto item : util::split(text, '|'))
          items.push_back(item);
      return std::span<const std::string_view>(items);
    };
    for (const auto& row : k_tool_rows)
      t.tools.push_back(ToolInfo{row.tool, row.kind, row.suggested_command, list(row.commands),
                                 list(row.implied_by), list(row.hooks)});
    return t;
  }();
  return table.tools;
}

const ToolInfo* find_tool(std::string_view tool) {
  for (const auto& info : known_tools())
    if (info.tool == tool)
      return &info;
  return nullptr;
}

const ToolInfo* tool_of_action(std::string_view uses) {
  // CI actions that run one tool (GitHub `uses:` without its @ref, lowercase).
  struct ActionTool {
    std::string_view action;
    std::string_view tool;
  };
  static constexpr std::array k_actions{
      ActionTool{"golangci/golangci-lint-action", "golangci-lint"},
      ActionTool{"astral-sh/ruff-action", "ruff"},
      ActionTool{"chartboost/ruff-action", "ruff"},
      ActionTool{"psf/black", "black"},
      ActionTool{"isort/isort-action", "isort"},
      ActionTool{"pre-commit/action", "pre-commit"},
      ActionTool{"davidanson/markdownlint-cli2-action", "markdownlint"},
      ActionTool{"ludeeus/action-shellcheck", "shellcheck"},
      ActionTool{"crate-ci/typos", "typos"},
      ActionTool{"codespell-project/actions-codespell", "codespell"},
      ActionTool{"jidicula/clang-format-action", "clang-format"},
      ActionTool{"doozyx/clang-format-lint-action", "clang-format"},
      ActionTool{"hadolint/hadolint-action", "hadolint"},
      ActionTool{"raven-actions/actionlint", "actionlint"},
      ActionTool{"errata-ai/vale-action", "vale"},
      ActionTool{"vale-cli/vale-action", "vale"},
      ActionTool{"biomejs/setup-biome", ""}, // installs only
      ActionTool{"dominikh/staticcheck-action", "staticcheck"},
      ActionTool{"ibiqlik/action-yamllint", "yamllint"},
      ActionTool{"jakebailey/pyright-action", "pyright"},
  };
  const auto name = util::to_lower(uses.substr(0, uses.find('@')));
  for (const auto& entry : k_actions)
    if (name == entry.action)
      return entry.tool.empty() ? nullptr : find_tool(entry.tool);
  return nullptr;
}

std::vector<ToolConfig> extract_tools(const Files& files, const FileReader& read) {
  Collector out;
  // Whether a folder is foreign depends on its path alone: decided once per run of files in one folder.
  std::string_view last_dir;
  bool foreign = false; // the root's files are not foreign
  for (const auto* file : files) {
    if (const auto dir = util::dir_name(file->path); dir != last_dir) {
      last_dir = dir;
      foreign = in_foreign_dir(file->path);
    }
    if (foreign)
      continue;
    const auto name = util::base_name(file->path);
    if (name == ".pre-commit-config.yaml") {
      if (file->path == name) // pre-commit reads the root config only
        out.add("pre-commit", file->path, 1);
    } else if (const auto tool = config_tool(name); !tool.empty()) {
      out.add(tool, file->path, 1);
    } else if (name == "pyproject.toml") {
      scan_pyproject(*file, read.toml(*file), out);
    } else if (name == "setup.cfg" || name == "tox.ini") {
      scan_ini(*file, read(*file), out);
    } else if (name == "package.json") {
      const auto& package = read.package_json(*file);
      for (const auto& [key, json_tool] :
           {std::pair<std::string_view, std::string_view>{"eslintConfig", "eslint"},
            {"prettier", "prettier"},
            {"stylelint", "stylelint"}})
        if (const auto it = package.keys.find(std::string(key)); it != package.keys.end())
          out.add(json_tool, file->path, it->second);
    } else if (name == "pom.xml") {
      scan_build_file(*file, read(*file), false, out);
    } else if (name == "build.gradle" || name == "build.gradle.kts") {
      scan_build_file(*file, read(*file), true, out);
    }
  }
  return out.take();
}

} // namespace tacit::facts
