// Toolchain pins at the repository root: the versions its developers must install. Root files only: a nested
// .nvmrc belongs to an example or a subproject, not to the repository's own setup.

#include "file_lookup.hpp"
#include "json_scripts.hpp"
#include "toml_util.hpp"

#include <tacit/facts/setup.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

namespace tacit::facts {

namespace {

using Files = std::vector<const repo::FileEntry*>;

// A version longer than this is not a version (a binary or an unrelated file under a pin's name).
constexpr std::size_t k_max_version = 80;

// The ecosystem of a tool as version managers name it (asdf, mise, sdkman), or "" when it has none.
std::string ecosystem_of(std::string_view tool) {
  struct Entry {
    std::string_view tool;
    std::string_view ecosystem;
  };
  static constexpr std::array k_table{
      Entry{"node", "node"},     Entry{"nodejs", "node"}, Entry{"pnpm", "node"},     Entry{"yarn", "node"},
      Entry{"bun", "node"},      Entry{"deno", "node"},   Entry{"python", "python"}, Entry{"uv", "python"},
      Entry{"poetry", "python"}, Entry{"rust", "rust"},   Entry{"go", "go"},         Entry{"golang", "go"},
      Entry{"java", "java"},     Entry{"maven", "java"},  Entry{"gradle", "java"},   Entry{"kotlin", "java"},
      Entry{"ruby", "ruby"},     Entry{"php", "php"},
  };
  for (const auto& entry : k_table)
    if (entry.tool == tool)
      return std::string(entry.ecosystem);
  return {};
}

// The name a pin reports for a manager's tool name.
std::string canonical_tool(std::string_view tool) {
  if (tool == "nodejs")
    return "node";
  if (tool == "golang")
    return "go";
  return std::string(tool);
}

ToolchainPin make_pin(std::string_view tool, std::string_view version, std::string_view manager,
                      Provenance evidence) {
  const auto name = canonical_tool(tool);
  auto ecosystem = ecosystem_of(name);
  if (ecosystem.empty())
    ecosystem = manager;
  return ToolchainPin{name,  ecosystem,          std::string(version), std::string(manager),
                      false, std::move(evidence)};
}

// The first line that is neither blank nor a comment, and its 1-based number (0 when none).
std::pair<std::string, int> first_value_line(std::string_view content) {
  int number = 0;
  for (auto line : util::split_lines(content)) {
    ++number;
    const auto text = util::trim(line);
    if (!text.empty() && !text.starts_with('#'))
      return {std::string(text), number};
  }
  return {{}, 0};
}

// A file that holds one version: .nvmrc, .python-version, .ruby-version...
void read_version_file(const Files& files, const FileReader& read, std::string_view path,
                       std::string_view tool, std::string_view manager, std::vector<ToolchainPin>& out) {
  const auto* file = find_file(files, path);
  if (!file)
    return;
  const auto [version, line] = first_value_line(read(*file));
  if (line == 0 || version.size() > k_max_version || !util::is_valid_utf8(version))
    return;
  out.push_back(
      make_pin(tool, version, manager,
               Provenance{std::string(path), line, fmt::format("{} pins {} {}", path, tool, version)}));
}

// rust-toolchain.toml, or rust-toolchain (one channel, or the same TOML).
void read_rust_toolchain(const Files& files, const FileReader& read, std::vector<ToolchainPin>& out) {
  for (std::string_view path : {"rust-toolchain.toml", "rust-toolchain"}) {
    const auto* file = find_file(files, path);
    if (!file)
      continue;
    const auto content = read(*file);
    std::string version;
    int line = 1;
    if (path.ends_with(".toml") || util::contains(content, "[toolchain]")) {
      const auto& tree = read.toml(*file);
      if (!tree)
        continue;
      if (const auto* channel =
              tree->find("toolchain") ? tree->find("toolchain")->find("channel") : nullptr) {
        version = channel->scalar();
        line = channel->line;
      }
    } else {
      std::tie(version, line) = first_value_line(content);
      if (line == 0 || version.size() > k_max_version)
        continue;
    }
    auto note = version.empty() ? fmt::format("{} pins the rust toolchain", path)
                                : fmt::format("{} pins rust {}", path, version);
    out.push_back(make_pin("rust", version, "rustup", Provenance{std::string(path), line, std::move(note)}));
    return; // rustup reads only one of them
  }
}

// A file of `tool version` lines with `#` comments: .tool-versions (asdf, also read by mise: `nodejs 20.11.0
// 20.10.0`, the first version wins) and .sdkmanrc (`java=17.0.2-tem`, `separator` '=').
void read_pin_lines(const Files& files, const FileReader& read, std::string_view path,
                    std::string_view manager, char separator, std::vector<ToolchainPin>& out) {
  const auto* file = find_file(files, path);
  if (!file)
    return;
  const auto content = read(*file);
  if (!util::is_valid_utf8(content) || util::looks_binary(content))
    return;
  int number = 0;
  for (auto line : util::split_lines(content)) {
    ++number;
    const auto text = util::trim(line.substr(0, line.find('#')));
    std::string_view tool;
    std::string_view version;
    if (separator == ' ') {
      const auto words = util::split_words(text);
      if (words.size() >= 2)
        std::tie(tool, version) = std::pair{words[0], words[1]};
    } else if (const auto at = text.find(separator); at != std::string_view::npos) {
      tool = util::trim(text.substr(0, at));
      version = util::trim(text.substr(at + 1));
    }
    if (tool.empty() || version.empty() || version.size() > k_max_version)
      continue;
    out.push_back(make_pin(
        tool, version, manager,
        Provenance{file->path, number, fmt::format("{} pins {} {}", path, canonical_tool(tool), version)}));
  }
}

// mise.toml / .mise.toml: the [tools] table (`node = "20"`, `python = ["3.12", "3.11"]`,
// `"npm:prettier" = "3"`, `go = { version = "1.22" }`).
void read_mise(const Files& files, const FileReader& read, std::vector<ToolchainPin>& out) {
  for (std::string_view path : {"mise.toml", ".mise.toml"}) {
    const auto* file = find_file(files, path);
    if (!file)
      continue;
    const auto& tree = read.toml(*file);
    if (!tree)
      continue;
    const auto* tools = tree->find("tools");
    if (!tools || !tools->is_map())
      continue;
    for (const auto& entry : tools->entries) {
      const yaml::Node* value = &entry.value;
      if (value->is_sequence() && !value->items.empty())
        value = &value->items.front();
      else if (value->is_map() && value->find("version"))
        value = value->find("version");
      const auto version = std::string(value->scalar());
      // A backend-qualified tool (npm:prettier, cargo:x) is a tool the manager installs, not a toolchain.
      const auto tool = entry.key.find(':') == std::string::npos ? entry.key : std::string("mise");
      auto pin = make_pin(
          tool, version, "mise",
          Provenance{file->path, entry.line, fmt::format("{} pins {} {}", path, entry.key, version)});
      if (entry.key.find(':') != std::string::npos)
        pin.tool = entry.key;
      out.push_back(std::move(pin));
    }
  }
}

// package.json: packageManager (corepack pins a package manager) and engines.node (a supported range).
void read_package_json(const Files& files, const FileReader& read, std::vector<ToolchainPin>& out) {
  const auto* file = find_file(files, "package.json");
  if (!file)
    return;
  const auto& package = read.package_json(*file);
  if (const auto it = package.fields.find("packageManager"); it != package.fields.end()) {
    const std::string_view value = it->second.value;
    const auto at = value.find('@');
    const auto tool = value.substr(0, at);
    auto version = at == std::string_view::npos ? std::string_view() : value.substr(at + 1);
    version = version.substr(0, version.find('+')); // the integrity hash
    if (!ecosystem_of(tool).empty() || tool == "npm")
      out.push_back(ToolchainPin{
          std::string(tool), "node", std::string(version), "corepack", false,
          Provenance{file->path, it->second.line, fmt::format("packageManager pins {} {}", tool, version)}});
  }
  if (const auto it = package.engines.find("node"); it != package.engines.end())
    out.push_back(ToolchainPin{"node", "node", it->second.value, "", true,
                               Provenance{file->path, it->second.line,
                                          fmt::format("engines.node requires node {}", it->second.value)}});
}

// pyproject.toml's requires-python: the versions the package supports.
void read_pyproject(const Files& files, const FileReader& read, std::vector<ToolchainPin>& out) {
  const auto* file = find_file(files, "pyproject.toml");
  if (!file)
    return;
  const auto& tree = read.toml(*file);
  if (!tree)
    return;
  const auto* project = tree->find("project");
  const auto* range = project ? project->find("requires-python") : nullptr;
  if (!range || !range->is_scalar())
    return;
  out.push_back(
      ToolchainPin{"python", "python", range->value, "", true,
                   Provenance{file->path, range->line, fmt::format("requires-python is {}", range->value)}});
}

// go.mod's `go` and `toolchain` lines: go checks the first and downloads the second by itself.
void read_go_mod(const Files& files, const FileReader& read, std::vector<ToolchainPin>& out) {
  const auto* file = find_file(files, "go.mod");
  if (!file)
    return;
  const auto content = read(*file);
  if (!util::is_valid_utf8(content) || util::looks_binary(content))
    return;
  int number = 0;
  bool in_block = false;
  for (auto line : util::split_lines(content)) {
    ++number;
    const auto words = util::split_words(util::trim(line.substr(0, line.find("//"))));
    // Directives only, not the modules of a require ( ... ) block.
    if (!words.empty() && words.back() == "(")
      in_block = true;
    else if (!words.empty() && words.front() == ")")
      in_block = false;
    if (in_block || words.size() != 2 || (words[0] != "go" && words[0] != "toolchain") ||
        words[1].size() > k_max_version)
      continue;
    auto version = words[1];
    if (version.starts_with("go"))
      version.remove_prefix(2);
    out.push_back(ToolchainPin{
        "go", "go", std::string(version), "", true,
        Provenance{file->path, number, fmt::format("go.mod's {} line asks for go {}", words[0], version)}});
  }
}

} // namespace

std::vector<ToolchainPin> extract_toolchain_pins(const Files& files, const FileReader& read) {
  std::vector<ToolchainPin> pins;
  read_version_file(files, read, ".nvmrc", "node", "nvm", pins);
  read_version_file(files, read, ".node-version", "node", "fnm", pins);
  read_package_json(files, read, pins);
  read_version_file(files, read, ".python-version", "python", "pyenv", pins);
  read_pyproject(files, read, pins);
  read_rust_toolchain(files, read, pins);
  read_version_file(files, read, ".go-version", "go", "goenv", pins);
  read_go_mod(files, read, pins);
  read_version_file(files, read, ".java-version", "java", "jenv", pins);
  read_pin_lines(files, read, ".sdkmanrc", "sdkman", '=', pins);
  read_version_file(files, read, ".ruby-version", "ruby", "rbenv", pins);
  read_pin_lines(files, read, ".tool-versions", "asdf", ' ', pins);
  read_mise(files, read, pins);
  return pins;
}

} // namespace tacit::facts
