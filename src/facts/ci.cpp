// CI facts: the plumbing tables, the files the extractors read, and extract_ci over every CI system.

#include "ci_internal.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <span>
#include <tuple>

namespace tacit::facts {

namespace {

// A command that never needs documenting: the program, and the first positional words that make it plumbing
// (space-separated; "a.b" is "a" then "b"; "<none>" is the program with no positional word; "" is any use).
struct Plumbing {
  std::string_view program;
  std::string_view subcommands;
};

constexpr std::array k_plumbing{
    // Shell bookkeeping.
    Plumbing{"echo", ""}, Plumbing{"printf", ""}, Plumbing{"cd", ""}, Plumbing{"pushd", ""},
    Plumbing{"popd", ""}, Plumbing{"mkdir", ""}, Plumbing{"ls", ""}, Plumbing{"cat", ""}, Plumbing{"cp", ""},
    Plumbing{"mv", ""}, Plumbing{"rm", ""}, Plumbing{"ln", ""}, Plumbing{"touch", ""}, Plumbing{"pwd", ""},
    Plumbing{"export", ""}, Plumbing{"unset", ""}, Plumbing{"set", ""}, Plumbing{"shopt", ""},
    Plumbing{"source", ""}, Plumbing{".", ""}, Plumbing{"chmod", ""}, Plumbing{"chown", ""},
    Plumbing{"tee", ""}, Plumbing{"test", ""}, Plumbing{"[", ""}, Plumbing{"[[", ""}, Plumbing{"true", ""},
    Plumbing{"false", ""}, Plumbing{":", ""}, Plumbing{"exit", ""}, Plumbing{"sleep", ""},
    Plumbing{"read", ""}, Plumbing{"ulimit", ""}, Plumbing{"umask", ""}, Plumbing{"which", ""},
    Plumbing{"type", ""}, Plumbing{"hash", ""}, Plumbing{"alias", ""}, Plumbing{"trap", ""},
    Plumbing{"wait", ""}, Plumbing{"printenv", ""}, Plumbing{"whoami", ""}, Plumbing{"uname", ""},
    Plumbing{"nproc", ""}, Plumbing{"df", ""}, Plumbing{"free", ""}, Plumbing{"date", ""},
    // A shell reading its script from a pipe (`curl -sSf URL | sh`).
    Plumbing{"sh", "<none>"}, Plumbing{"bash", "<none>"}, Plumbing{"zsh", "<none>"},
    // Downloads.
    Plumbing{"curl", ""}, Plumbing{"wget", ""},
    // System package managers and toolchain managers.
    Plumbing{"apt-get", ""}, Plumbing{"apt", ""}, Plumbing{"yum", ""}, Plumbing{"dnf", ""},
    Plumbing{"apk", ""}, Plumbing{"zypper", ""}, Plumbing{"pacman", ""}, Plumbing{"brew", ""},
    Plumbing{"choco", ""}, Plumbing{"port", ""}, Plumbing{"snap", "install"}, Plumbing{"rustup", ""},
    Plumbing{"nvm", ""}, Plumbing{"corepack", ""}, Plumbing{"sdk", "install use"},
    // Dependency installs.
    Plumbing{"pip", "install download freeze list show cache config"}, Plumbing{"pipx", "install"},
    Plumbing{"uv", "sync venv pip.install pip.sync"}, Plumbing{"poetry", "install"},
    Plumbing{"pipenv", "install sync"}, Plumbing{"venv", ""}, Plumbing{"virtualenv", ""},
    Plumbing{"conda", "install create activate env"}, Plumbing{"mamba", "install create activate env"},
    Plumbing{"micromamba", "install create activate env"}, Plumbing{"npm", "ci install i"},
    Plumbing{"yarn", "install <none>"}, Plumbing{"pnpm", "install i"}, Plumbing{"bun", "install i"},
    Plumbing{"gem", "install"}, Plumbing{"bundle", "install config"}, Plumbing{"composer", "install"},
    Plumbing{"cargo", "install binstall fetch"}, Plumbing{"go", "mod.download install env version"},
    Plumbing{"dotnet", "restore"},
    // Repository and registry bookkeeping.
    Plumbing{"git", "config fetch submodule lfs clone remote pull"}, Plumbing{"docker", "login logout"}};

// Actions that are plumbing, as globs over the lower-cased "owner/name[/path]" before '@'.
constexpr std::array<std::string_view, 10> k_plumbing_actions{
    "actions/checkout", "*/setup-*",     "*/*-setup",   "*/*cache*",           "*/*cache*/*",
    "*/*-artifact",     "*/*-toolchain", "*/toolchain", "docker/login-action", "actions/configure-pages"};

// Orb steps that are plumbing, as globs over the command after the orb's name ("node/install-packages").
constexpr std::array<std::string_view, 8> k_plumbing_orb_steps{
    "install*", "setup*", "*cache*", "*workspace*", "*artifact*", "*login*", "notify*", "checkout"};

// Azure Pipelines tasks that are plumbing, as globs over the lower-cased name before '@'.
constexpr std::array<std::string_view, 13> k_plumbing_tasks{
    "use*",       "*toolinstaller",  "*tool",         "*authenticate", "cache*",
    "*artifact*", "publish*results", "*files",        "install*",      "docker*login*",
    "checkout",   "download*",       "*tokenfromfile"};

// Shells whose scripts are shell commands; `shell: python` and the like run another language.
constexpr std::array<std::string_view, 6> k_shells{"bash", "sh", "pwsh", "powershell", "cmd", "zsh"};

bool matches_any(std::string_view name, std::span<const std::string_view> patterns) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](std::string_view pattern) { return util::glob_match(pattern, name); });
}

// Prints a version and nothing else: `node --version`, `go version`.
bool is_version_query(const std::vector<std::string>& words) {
  return words.size() == 2 && (words[1] == "--version" || words[1] == "-version" || words[1] == "-v" ||
                               words[1] == "-V" || words[1] == "version");
}

bool matches_entry(const std::vector<std::string>& words, const Plumbing& entry) {
  if (words.empty() || words.front() != entry.program)
    return false;
  if (entry.subcommands.empty())
    return true;
  // Positional words up to `--`; a word after a flag may be that flag's value, so the next one counts too.
  std::vector<std::string_view> positional;
  bool first_after_flag = false;
  for (std::size_t i = 1; i < words.size() && words[i] != "--"; ++i) {
    if (words[i].size() > 1 && words[i].front() == '-')
      continue;
    if (positional.empty())
      first_after_flag = words[i - 1].size() > 1 && words[i - 1].front() == '-' &&
                         words[i - 1].find('=') == std::string::npos;
    positional.push_back(words[i]);
  }
  for (auto sub : util::split_words(entry.subcommands)) {
    if (sub == "<none>") {
      if (positional.empty())
        return true;
      continue;
    }
    const auto parts = util::split(sub, '.');
    for (std::size_t start = 0; start < (first_after_flag ? 2u : 1u); ++start) {
      bool all = start + parts.size() <= positional.size();
      for (std::size_t k = 0; all && k < parts.size(); ++k)
        all = positional[start + k] == parts[k];
      if (all)
        return true;
    }
  }
  return false;
}

bool matches_table(const std::vector<std::string>& words) {
  if (is_version_query(words))
    return true;
  return std::any_of(k_plumbing.begin(), k_plumbing.end(),
                     [&](const Plumbing& entry) { return matches_entry(words, entry); });
}

} // namespace

bool is_plumbing_command(const std::vector<std::string>& words) {
  const auto normalized = doc::normalize_command(words);
  if (normalized.empty())
    return false;
  if (matches_table(normalized))
    return true;
  // `python -m pip install`, `python -m venv .venv`. Other wrappers are not peeled: `yarn test` is no `test`.
  if (normalized.size() > 2 && normalized[0] == "python" && normalized[1] == "-m")
    return matches_table(std::vector<std::string>(normalized.begin() + 2, normalized.end()));
  return false;
}

bool is_plumbing_action(std::string_view uses) {
  if (uses.starts_with("./") || uses.starts_with("docker://"))
    return false;
  if (uses.starts_with("orb:"))
    return matches_any(util::to_lower(uses.substr(uses.find_last_of(":/") + 1)), k_plumbing_orb_steps);
  if (uses.starts_with("task:")) {
    const auto task = uses.substr(5);
    return matches_any(util::to_lower(task.substr(0, task.find('@'))), k_plumbing_tasks);
  }
  return matches_any(util::to_lower(uses.substr(0, uses.find('@'))), k_plumbing_actions);
}

namespace ci {

Workspace::Workspace(const std::vector<const repo::FileEntry*>& files, const FileReader& read, CiFacts& facts)
    : m_files(files), m_read(read), m_facts(facts) {
  const auto by_path = [](const repo::FileEntry* a, const repo::FileEntry* b) { return a->path < b->path; };
  if (!std::is_sorted(m_files.begin(), m_files.end(), by_path))
    std::sort(m_files.begin(), m_files.end(), by_path);
}

const repo::FileEntry* Workspace::find(std::string_view path) const {
  const auto it =
      std::lower_bound(m_files.begin(), m_files.end(), path,
                       [](const repo::FileEntry* file, std::string_view p) { return file->path < p; });
  return it != m_files.end() && (*it)->path == path ? *it : nullptr;
}

bool Workspace::claim(std::string_view path) {
  return m_claimed.emplace(std::string(path), true).second;
}

const Source* Workspace::parse(std::string_view path) {
  if (const auto it = m_sources.find(path); it != m_sources.end())
    return it->second.get();
  auto& slot = m_sources[std::string(path)];
  const auto* file = find(path);
  if (file == nullptr)
    return nullptr;
  // The size the snapshot knows saves reading a huge file; the content's size covers an unknown one.
  auto content = file->size > k_max_ci_file_bytes ? std::string() : m_read(*file);
  const auto size = std::max<std::uint64_t>(file->size, content.size());
  if (size > k_max_ci_file_bytes) {
    note(path, 1,
         fmt::format("not parsed: {} bytes is over the {} byte limit for CI files", size,
                     k_max_ci_file_bytes));
    return nullptr;
  }
  auto source = std::make_unique<Source>();
  source->path = std::string(path);
  source->text = std::move(content);
  source->lines = util::split_lines(source->text);
  auto loaded = yaml::load(source->text, path);
  if (!loaded) {
    note(path, loaded.error().line, fmt::format("not parsed: invalid YAML: {}", loaded.error().message));
    return nullptr;
  }
  source->document = std::move(*loaded);
  for (const auto& issue : source->document.issues)
    note(path, issue.line, issue.message);
  slot = std::move(source);
  return slot.get();
}

const yaml::Node* Workspace::mapping(const Source& source, std::string_view what) {
  const auto& root = source.document.root();
  if (root.is_map())
    return &root;
  if (!root.is_null())
    note(source.path, root.line, fmt::format("not {}: the top level is not a mapping", what));
  return nullptr;
}

void Workspace::note(std::string_view path, int line, std::string_view message) {
  m_facts.notes.push_back(fmt::format("{}:{}: {}", path, std::max(line, 1), message));
}

void add_script(Workspace& workspace, const yaml::Node& script, const Source& source,
                const ScriptContext& context) {
  for (auto& line : shell_lines(yaml::scalar_lines(script, source.lines))) {
    const auto commands = doc::split_commands(line.text);
    if (commands.empty())
      continue;
    const bool plumbing = std::all_of(commands.begin(), commands.end(),
                                      [](const auto& words) { return is_plumbing_command(words); });
    workspace.facts().commands.push_back(CiCommand{
        std::move(line.text), source.path, line.line, line.column, context.job, context.step,
        context.working_directory, plumbing, context.pipeline.empty() ? source.path : context.pipeline});
  }
}

std::string_view scalar_at(const yaml::Node& node, std::string_view key) {
  const auto* value = node.find(key);
  return value != nullptr ? value->scalar() : std::string_view();
}

bool runs_shell(std::string_view shell) {
  const auto words = util::split_words(shell);
  if (words.empty())
    return true;
  auto program = words.front();
  if (const auto slash = program.find_last_of("/\\"); slash != std::string_view::npos)
    program = program.substr(slash + 1);
  if (program.ends_with(".exe"))
    program.remove_suffix(4);
  return std::find(k_shells.begin(), k_shells.end(), program) != k_shells.end();
}

std::string join_values(const yaml::Node& node) {
  if (node.is_scalar())
    return node.value;
  std::vector<std::string> values;
  for (const auto& item : node.items)
    if (item.is_scalar())
      values.push_back(item.value);
  return util::join(values, ", ");
}

} // namespace ci

CiFacts extract_ci(const std::vector<const repo::FileEntry*>& files, const FileReader& read) {
  CiFacts facts;
  ci::Workspace workspace(files, read, facts);
  ci::extract_github_actions(workspace);
  ci::extract_gitlab_ci(workspace);
  ci::extract_circleci(workspace);
  ci::extract_azure_pipelines(workspace);
  // A command, action or trigger written once is reported once (anchors, templates, shared defaults).
  std::set<std::tuple<std::string, int, int, std::string>> seen;
  std::erase_if(facts.commands,
                [&](const CiCommand& c) { return !seen.emplace(c.path, c.line, c.column, c.text).second; });
  seen.clear();
  std::erase_if(facts.actions,
                [&](const CiAction& a) { return !seen.emplace(a.path, a.line, 0, a.uses).second; });
  seen.clear();
  std::erase_if(facts.triggers, [&](const CiTrigger& t) {
    return !seen.emplace(t.path, t.line, 0, t.event + '\n' + t.detail + '\n' + t.job).second;
  });
  std::set<std::string> notes;
  std::erase_if(facts.notes, [&](const std::string& n) { return !notes.insert(n).second; });
  return facts;
}

} // namespace tacit::facts
