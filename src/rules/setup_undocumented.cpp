// TASK105 setup-undocumented: toolchain pins or lockfiles exist and no doc explains the setup.

#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/rules/builtin.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "TASK105",
    .name = "setup-undocumented",
    .category = "TASK",
    .severity = engine::Severity::warning,
    .summary = "toolchain pins or lockfiles exist and no doc explains the setup",
    .docs = {
        .what_it_does =
            "Reads the root files that say what a developer must install before anything builds: toolchain "
            "pins (.nvmrc, .node-version, package.json `packageManager`, .python-version, "
            "rust-toolchain.toml, "
            ".go-version, .java-version, .sdkmanrc, .ruby-version, .tool-versions, mise.toml) and lockfiles "
            "that need an install step (package-lock.json, pnpm-lock.yaml, yarn.lock, bun.lock, uv.lock, "
            "poetry.lock, Pipfile.lock, pdm.lock, Gemfile.lock, composer.lock). It reports each ecosystem "
            "for which no doc explains the setup. A doc explains it with any install or setup command of the "
            "ecosystem (`npm ci`, `pnpm install`, `uv sync`, `pip install -e .`, `bundle install`, `nvm "
            "use`, "
            "`asdf install`, `mise install`...), a setup target (`make setup`, `just bootstrap`, "
            "`./script/bootstrap`), a dev container or Nix shell it names, or by naming the toolchain in a "
            "setup section (Setup, Installation, Getting started, Prerequisites, Requirements, Development). "
            "Ranges that the tools check by themselves (engines.node, requires-python, go.mod's `go` line) "
            "are evidence only and Cargo.lock and go.sum need no install step; for Rust and Go any "
            "documented "
            "cargo or go command is enough (rustup installs a pinned toolchain on first use, go downloads "
            "the one go.mod asks for). Files below the root (an example's .nvmrc, a workspace package's "
            "lockfile) are not the "
            "repository's setup.",
        .why_it_matters =
            "An agent starts in a fresh checkout. Without the setup step it runs the tests against the wrong "
            "Node or Python, or with no dependencies installed, or installs them with the wrong package "
            "manager and rewrites the lockfile, and then debugs failures that are not in the code.",
        .example = "A pnpm project that pins Node 20 and whose README only shows `pnpm test`:\n\n"
                   "```\n.nvmrc:1:1: TASK105 the repository pins node 20 (.nvmrc) and locks dependencies "
                   "with pnpm (pnpm-lock.yaml) but no doc says how to set up the environment\n  hint: add "
                   "`nvm use && pnpm install --frozen-lockfile` to AGENTS.md under a \"Setup\" section\n```",
        .how_to_fix =
            "Write the setup commands (toolchain first, then dependencies) in a \"Setup\" section of "
            "the context file an agent reads first, or of README/CONTRIBUTING.",
    }};

using Patterns = std::vector<doc::CommandPattern>;

// What a doc shows to set up one ecosystem: its install commands and version managers, and the words that
// name it in a setup section.
struct Ecosystem {
  std::string_view name;
  Patterns commands;
  std::vector<std::string_view> words;
};

const std::vector<Ecosystem>& ecosystems() {
  static const std::vector<Ecosystem> table{
      {"node",
       {{"npm", {"install", "i", "ci", "add", "isntall"}},
        {"pnpm", {"install", "i", "add"}},
        {"yarn", {"install", "add"}},
        {"bun", {"install", "i", "add"}},
        {"nvm", {}},
        {"fnm", {}},
        {"volta", {}},
        {"nodenv", {}},
        {"corepack", {}}},
       {"node", "node.js", "nodejs", "npm", "pnpm", "yarn", "bun", ".nvmrc", ".node-version"}},
      {"python",
       {{"pip", {"install"}},
        {"pip3", {"install"}},
        {"pipx", {"install"}},
        {"uv", {}},
        {"poetry", {"install", "sync"}},
        {"pipenv", {"install", "sync"}},
        {"pdm", {"install", "sync"}},
        {"hatch", {}},
        {"rye", {"sync"}},
        {"pyenv", {}},
        {"conda", {"create", "install", "env"}},
        {"mamba", {}},
        {"micromamba", {}},
        {"virtualenv", {}},
        {"venv", {}},
        {"python", {"venv"}},
        {"tox", {}},
        {"nox", {}}},
       {"python", "uv", "poetry", "pipenv", "pdm", "pip", "conda", ".python-version"}},
      {"rust", {{"cargo", {}}, {"rustup", {}}, {"cross", {}}}, {"rust", "rustup", "cargo", "rust-toolchain"}},
      {"go",
       {{"go", {}}, {"goenv", {}}, {"gvm", {}}},
       {"golang", ".go-version", "go toolchain", "go version"}},
      {"java",
       {{"sdk", {}}, {"jenv", {}}},
       {"java", "jdk", "openjdk", "temurin", "sdkman", ".sdkmanrc", ".java-version"}},
      {"ruby",
       {{"bundle", {"install"}}, {"bundler", {"install"}}, {"gem", {"install"}}, {"rbenv", {}}, {"rvm", {}}},
       {"ruby", "bundler", "rbenv", ".ruby-version"}},
      {"php", {{"composer", {"install", "i", "update", "require"}}}, {"php", "composer"}},
  };
  return table;
}

// Commands that set up every ecosystem: multi-language version managers, dev environments, setup targets.
const Patterns& generic_patterns() {
  static const Patterns patterns{
      {"asdf", {"install"}},
      {"mise", {"install", "use"}},
      {"devcontainer", {}},
      {"nix", {"develop", "shell"}},
      {"nix-shell", {}},
      {"devenv", {}},
      {"direnv", {"allow"}},
      {"make", {"setup", "bootstrap", "deps", "install", "init", "dev-setup", "venv", "env"}, true},
      {"just", {"setup", "bootstrap", "deps", "install", "init"}, true},
      {"task", {"setup", "bootstrap", "deps", "install", "init"}, true},
      {"rake", {"setup", "bootstrap"}, true},
      {"invoke", {"setup", "bootstrap", "deps", "install"}, true},
      {"npm", {"setup", "bootstrap"}, true},
      {"pnpm", {"setup", "bootstrap"}, true},
      {"yarn", {"setup", "bootstrap"}, true},
  };
  return patterns;
}

// A script whose name says it sets up the development environment: ./script/bootstrap, bin/setup,
// scripts/install-deps.sh. A path or an extension is needed: a bare `setup` is a word, not a script.
bool is_setup_script(const std::vector<std::string>& words) {
  if (words.empty())
    return false;
  const std::string_view path = words.front();
  auto name = util::to_lower(util::base_name(path));
  const auto dot = name.rfind('.');
  const bool extension = dot != std::string::npos && dot > 0;
  if (extension) {
    const auto ext = std::string_view(name).substr(dot);
    if (ext != ".sh" && ext != ".bash" && ext != ".ps1" && ext != ".py" && ext != ".cmd" && ext != ".bat")
      return false;
    if (name == "setup.py") // Python packaging, not a setup script
      return false;
    name.resize(dot);
  }
  // At the root or in a root scripts folder: scripts/benchmarks/setup.sh sets up something else.
  const auto slashes = std::count(path.begin(), path.end(), '/');
  if ((!extension && slashes == 0) || slashes > 1)
    return false;
  constexpr std::array<std::string_view, 12> k_names{
      "setup",     "bootstrap", "install-deps", "install_deps", "setup-dev",   "setup_dev",
      "dev-setup", "dev_setup", "setup-env",    "setup_env",    "install-dev", "bootstrap-dev"};
  return std::find(k_names.begin(), k_names.end(), name) != k_names.end();
}

// Bare `yarn` and `bundle` install.
bool is_bare_install(const std::vector<std::string>& words, std::string_view ecosystem) {
  return words.size() == 1 && ((ecosystem == "node" && words.front() == "yarn") ||
                               (ecosystem == "ruby" && words.front() == "bundle"));
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// `word` in `text` (lowercase) as a whole word; "go" only when a version follows ("Go 1.22", "go1.22").
bool has_word(std::string_view text, std::string_view word) {
  for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const auto end = at + word.size();
    if ((at > 0 && is_word_char(text[at - 1]) && word.front() != '.') ||
        (end < text.size() && is_word_char(text[end]) && !(word == "go" && std::isdigit(text[end]))))
      continue;
    if (word != "go")
      return true;
    auto rest = util::trim_left(text.substr(end));
    if (!rest.empty() && (std::isdigit(static_cast<unsigned char>(rest.front())) || rest.starts_with(">=")))
      return true;
  }
  return false;
}

bool is_setup_heading(std::string_view heading) {
  const auto lower = util::to_lower(heading);
  constexpr std::array<std::string_view, 17> k_words{
      "setup",      "set up",      "set-up",       "install",     "getting started", "get started",
      "prerequis",  "requirement", "dependencies", "environment", "toolchain",       "build",
      "quickstart", "quick start", "develop",      "contribut",   "hacking"};
  return std::any_of(k_words.begin(), k_words.end(), [&](auto w) { return util::contains(lower, w); });
}

// A setup section of a Markdown doc that names one of `words`.
bool setup_section_names(const engine::Context& context, const std::vector<std::string>& words) {
  for (const auto& document : context.documents())
    for (const auto& section : document.sections) {
      if (!std::any_of(section.heading_path.begin(), section.heading_path.end(), is_setup_heading))
        continue;
      const auto body = util::to_lower(section.body);
      for (const auto& word : words)
        if (has_word(body, word))
          return true;
    }
  return false;
}

// A doc names the dev container (its directory, the words, or Codespaces).
bool devcontainer_documented(const engine::Context& context) {
  for (const auto& mention : context.knowledge().paths())
    if (util::contains(mention.text, ".devcontainer"))
      return true;
  for (const auto& document : context.documents()) {
    const auto text = util::to_lower(document.text);
    if (util::contains(text, "devcontainer") || util::contains(text, "dev container") ||
        util::contains(text, "codespace"))
      return true;
  }
  return false;
}

// The command that applies a pin, "" when the manager needs none or has none.
std::string pin_command(const facts::ToolchainPin& pin) {
  static const std::map<std::string_view, std::string_view> k_commands{
      {"nvm", "nvm use"},         {"fnm", "fnm use"},
      {"pyenv", "pyenv install"}, {"rustup", "rustup toolchain install"},
      {"goenv", "goenv install"}, {"sdkman", "sdk env install"},
      {"rbenv", "rbenv install"}, {"asdf", "asdf install"},
      {"mise", "mise install"},   {"corepack", "corepack enable"}};
  const auto it = k_commands.find(pin.manager);
  return it == k_commands.end() ? std::string() : std::string(it->second);
}

// The evidence of one ecosystem.
struct Group {
  std::vector<const facts::ToolchainPin*> pins; ///< strong pins
  std::vector<const facts::ToolchainPin*> weak;
  std::vector<const facts::SetupFile*> locks;
};

engine::Location location_of(const facts::Provenance& evidence) {
  return engine::Location{evidence.path, evidence.line, 1, evidence.note};
}

// A lockfile's tool with the version packageManager pins for it ("pnpm 9.1.0").
std::string lock_tool(const facts::SetupFile& lock, const Group& group) {
  for (const auto* pin : group.pins)
    if (pin->manager == "corepack" && pin->tool == lock.tool && !pin->version.empty())
      return fmt::format("{} {}", lock.tool, pin->version);
  return lock.tool;
}

// "pins node 20 (.nvmrc) and locks dependencies with pnpm 9.1.0 (pnpm-lock.yaml)". Pins from one file are
// listed together; a packageManager pin of the lockfile's own tool is said with the lockfile.
std::string describe(const Group& group) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_file; // path -> "tool version"
  for (const auto* pin : group.pins) {
    const bool with_lock = std::any_of(group.locks.begin(), group.locks.end(), [&](auto* lock) {
      return pin->manager == "corepack" && lock->tool == pin->tool;
    });
    if (with_lock)
      continue;
    auto it =
        std::find_if(by_file.begin(), by_file.end(), [&](auto& e) { return e.first == pin->evidence.path; });
    if (it == by_file.end())
      it = by_file.insert(by_file.end(), {pin->evidence.path, {}});
    it->second.push_back(pin->version.empty() ? pin->tool : fmt::format("{} {}", pin->tool, pin->version));
  }
  std::vector<std::string> pinned;
  for (const auto& [path, tools] : by_file)
    pinned.push_back(fmt::format("{} ({})", util::join(tools, " and "), path));
  std::vector<std::string> locked;
  for (const auto* lock : group.locks)
    locked.push_back(fmt::format("{} ({})", lock_tool(*lock, group), lock->evidence.path));
  std::vector<std::string> parts;
  if (!pinned.empty())
    parts.push_back("pins " + util::join(pinned, ", "));
  if (!locked.empty())
    parts.push_back("locks dependencies with " + util::join(locked, " and "));
  return util::join(parts, " and ");
}

// The setup commands to suggest: the pins' managers first, then the first lockfile's install command.
std::vector<std::string> setup_commands(const Group& group) {
  std::vector<std::string> commands;
  const auto add = [&](std::string command) {
    if (!command.empty() && std::find(commands.begin(), commands.end(), command) == commands.end())
      commands.push_back(std::move(command));
  };
  const bool uv =
      std::any_of(group.locks.begin(), group.locks.end(), [](auto* f) { return f->tool == "uv"; });
  for (const auto* pin : group.pins)
    if (!(uv && pin->manager == "pyenv")) // uv installs the pinned Python itself
      add(pin_command(*pin));
  if (!group.locks.empty())
    add(group.locks.front()->install_command);
  return commands;
}

// Multi-tool version managers: an ecosystem they alone pin is reported with the manager's other tools.
bool only_manager_pins(const Group& group, std::string_view manager) {
  return group.locks.empty() && !group.pins.empty() &&
         std::all_of(group.pins.begin(), group.pins.end(), [&](auto* p) { return p->manager == manager; });
}

class SetupUndocumented final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& facts = context.facts();
    std::map<std::string, Group> groups;
    for (const auto& pin : facts.toolchain_pins)
      (pin.weak ? groups[pin.ecosystem].weak : groups[pin.ecosystem].pins).push_back(&pin);
    for (const auto& file : facts.setup_files)
      if (file.kind == "lockfile")
        groups[file.ecosystem].locks.push_back(&file);
    std::erase_if(groups, [](const auto& g) { return g.second.pins.empty() && g.second.locks.empty(); });
    if (groups.empty() || generally_documented(context))
      return;
    std::map<std::string, Group> undocumented;
    for (const auto& [name, group] : groups) {
      if (documented(context, name, group))
        continue;
      std::string key = name;
      for (std::string_view manager : {"asdf", "mise", "sdkman"})
        if (only_manager_pins(group, manager))
          key = manager;
      auto& target = undocumented[key];
      target.pins.insert(target.pins.end(), group.pins.begin(), group.pins.end());
      target.weak.insert(target.weak.end(), group.weak.begin(), group.weak.end());
      target.locks.insert(target.locks.end(), group.locks.begin(), group.locks.end());
    }
    for (auto& [name, group] : undocumented) {
      std::sort(group.pins.begin(), group.pins.end(), [](auto* a, auto* b) {
        return std::tie(a->evidence.path, a->evidence.line) < std::tie(b->evidence.path, b->evidence.line);
      });
      report(context, name, group, out);
    }
  }

private:
  static bool generally_documented(const engine::Context& context) {
    const auto& knowledge = context.knowledge();
    if (knowledge.find(generic_patterns()))
      return true;
    for (const auto& mention : knowledge.commands())
      if (is_setup_script(mention.words) || is_setup_script(mention.peeled))
        return true;
    const auto& files = context.facts().setup_files;
    return std::any_of(files.begin(), files.end(), [](const auto& f) { return f.kind == "devcontainer"; }) &&
           devcontainer_documented(context);
  }

  static bool documented(const engine::Context& context, std::string_view name, const Group& group) {
    std::vector<std::string> words{".tool-versions", "asdf", "mise", "devcontainer", "dev container"};
    const auto it =
        std::find_if(ecosystems().begin(), ecosystems().end(), [&](const auto& e) { return e.name == name; });
    if (it != ecosystems().end()) {
      if (context.knowledge().find(it->commands))
        return true;
      for (const auto& mention : context.knowledge().commands())
        if (is_bare_install(mention.words, name))
          return true;
      words.insert(words.end(), it->words.begin(), it->words.end());
    }
    for (const auto* pin : group.pins)
      words.push_back(util::to_lower(pin->tool));
    if (name == "go")
      words.push_back("go");
    return setup_section_names(context, words);
  }

  static void report(const engine::Context& context, std::string_view name, const Group& group,
                     engine::Emitter& out) {
    const auto& first = group.pins.empty() ? group.locks.front()->evidence : group.pins.front()->evidence;
    auto& finding = out.emit(
        fmt::format("the repository {} but no doc says how to set up the environment", describe(group)),
        engine::Location{first.path, first.line, 1, {}}, std::string(name));
    const auto commands = setup_commands(group);
    if (commands.empty())
      finding.hint =
          fmt::format("say to install {} {} ({}) in {} under a \"Setup\" section", group.pins.front()->tool,
                      group.pins.front()->version, first.path, context.primary_context_file());
    else
      finding.hint = fmt::format("add `{}` to {} under a \"Setup\" section", util::join(commands, " && "),
                                 context.primary_context_file());
    for (const auto* pin : group.pins)
      if (&pin->evidence != &first)
        finding.related.push_back(location_of(pin->evidence));
    for (const auto* lock : group.locks)
      if (&lock->evidence != &first)
        finding.related.push_back(location_of(lock->evidence));
    for (const auto* pin : group.weak)
      finding.related.push_back(location_of(pin->evidence));
    for (const auto& file : context.facts().setup_files)
      if (file.kind != "lockfile")
        finding.related.push_back(location_of(file.evidence));
  }
};

} // namespace

std::unique_ptr<engine::Rule> make_setup_undocumented() {
  return std::make_unique<SetupUndocumented>();
}

} // namespace tacit::rules
