// CI facts: the plumbing tables (setup, install, cache and upload commands and actions that never need
// documenting) and is_plumbing_command / is_plumbing_action over them.

#include <tacit/doc/knowledge.hpp>
#include <tacit/facts/ci.hpp>
#include <tacit/util/glob.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <span>

namespace tacit::facts {

namespace {

// A command that never needs documenting: the program, and the first positional words that make it plumbing
// (space-separated; "a.b" is "a" then "b"; "<none>" is the program with no positional word; "<options>" is
// the program followed by an option or nothing, so that what it configures or prints is about itself and no
// command it wraps; "" is any use).
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
    Plumbing{"type", ""}, Plumbing{"hash", ""}, Plumbing{"command", "<options>"}, Plumbing{"alias", ""},
    Plumbing{"trap", ""}, Plumbing{"wait", ""}, Plumbing{"printenv", ""}, Plumbing{"whoami", ""},
    Plumbing{"uname", ""}, Plumbing{"nproc", ""}, Plumbing{"df", ""}, Plumbing{"free", ""},
    Plumbing{"date", ""},
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
    Plumbing{"pip", "install uninstall download freeze list show cache config"},
    Plumbing{"pipx", "install uninstall"},
    Plumbing{"uv", "sync venv pip.install pip.uninstall pip.sync pip.show pip.list pip.freeze tool.install "
                   "tool.uninstall"},
    Plumbing{"poetry", "install"}, Plumbing{"pipenv", "install sync"}, Plumbing{"venv", ""},
    Plumbing{"virtualenv", ""}, Plumbing{"conda", "install create activate env"},
    Plumbing{"mamba", "install create activate env"}, Plumbing{"micromamba", "install create activate env"},
    Plumbing{"npm", "ci install i"}, Plumbing{"yarn", "install <none>"}, Plumbing{"pnpm", "install i"},
    Plumbing{"bun", "install i"}, Plumbing{"gem", "install"}, Plumbing{"bundle", "install config"},
    Plumbing{"composer", "install"}, Plumbing{"cargo", "install binstall fetch"},
    Plumbing{"go", "mod.download mod.verify install env version get"}, Plumbing{"dotnet", "restore"},
    // Build caches: their configuration, statistics and server (`ccache -o cache_dir=X`, `ccache -s`,
    // `sccache --show-stats`, `sccache --start-server`) set up or report on the CI's cache, as the cache
    // actions do; a contributor's machine keeps its own. `ccache gcc -c x.c` compiles: not plumbing here.
    // cachix (Nix's binary cache): its set-up and uploads; `cachix watch-exec` wraps a command.
    Plumbing{"ccache", "<options>"}, Plumbing{"sccache", "<options>"}, Plumbing{"buildcache", "<options>"},
    Plumbing{"cachix", "use authtoken push watch-store pin generate-keypair config"},
    // Nx Cloud's distributed runs: the CI's agents and their session (`npx nx-cloud start-ci-run
    // --distribute-on=...`); `nx-cloud record -- CMD` wraps a command and stays in scope.
    Plumbing{"nx-cloud", "start-ci-run stop-all-agents complete-ci-run start-agent fix-ci"},
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
  if (entry.subcommands == "<options>")
    return words.size() == 1 || (words[1].size() > 1 && words[1].front() == '-');
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
  // A package runner's download-and-run (`npx nx-cloud start-ci-run`, `pnpm dlx`, `bunx`): the package's
  // program, without its version (`nx-cloud@latest`).
  std::size_t at = normalized[0] == "npx" || normalized[0] == "bunx" ? 1 : 0;
  if (at == 0 && normalized.size() > 1 &&
      (((normalized[0] == "pnpm" || normalized[0] == "yarn") && normalized[1] == "dlx") ||
       (normalized[0] == "bun" && normalized[1] == "x")))
    at = 2;
  while (at > 0 && at < normalized.size() && normalized[at].starts_with('-'))
    ++at;
  if (at == 0 || at >= normalized.size())
    return false;
  std::vector<std::string> inner(normalized.begin() + static_cast<std::ptrdiff_t>(at), normalized.end());
  if (const auto version = inner[0].find('@', 1); version != std::string::npos)
    inner[0].erase(version);
  return matches_table(inner);
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

} // namespace tacit::facts
