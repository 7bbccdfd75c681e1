// When a doc explains how to set up the development environment (for TASK105 setup-undocumented): install
// and setup commands per ecosystem, setup targets and scripts, dev containers, and setup sections that name
// the toolchain.

#include "setup_explained.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace tacit::rules::setup {

namespace {

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
      // rustup and go install a pinned toolchain themselves: a documented build through a task runner is
      // enough.
      {"rust",
       {{"cargo", {}}, {"rustup", {}}, {"cross", {}}, {"make", {}}, {"just", {}}, {"task", {}}},
       {"rust", "rustup", "cargo", "rust-toolchain"}},
      {"go",
       {{"go", {}}, {"goenv", {}}, {"gvm", {}}, {"make", {}}, {"just", {}}, {"task", {}}, {"mage", {}}},
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
      bool under_setup = false;
      for (const auto* at = &section; at != nullptr && at->level > 0 && !under_setup;
           at = at->parent < 0 ? nullptr : &document.sections[static_cast<std::size_t>(at->parent)])
        under_setup = is_setup_heading(at->heading);
      if (!under_setup)
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

} // namespace

bool generally_explained(const engine::Context& context) {
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

bool ecosystem_explained(const engine::Context& context, std::string_view name,
                         const std::vector<std::string>& tools) {
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
  for (const auto& tool : tools)
    words.push_back(util::to_lower(tool));
  if (name == "go")
    words.push_back("go");
  return setup_section_names(context, words);
}

} // namespace tacit::rules::setup
