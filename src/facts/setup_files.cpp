// Setup files at the repository root: lockfiles that need an install step before anything builds, dev
// containers and Nix shells; and the package manager of a JavaScript project. Root files only: a nested
// lockfile belongs to an example, a docs site or a workspace package, not to the repository's own setup.

#include "file_lookup.hpp"
#include "json_scripts.hpp"

#include <tacit/facts/setup.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace tacit::facts {

namespace {

using Files = std::vector<const repo::FileEntry*>;

struct LockfileKind {
  std::string_view file;
  std::string_view tool;
  std::string_view ecosystem;
  std::string_view install;
};

// Lockfiles that an install step reads; Cargo.lock and go.sum are not among them (cargo and go fetch on
// build).
constexpr std::array k_lockfiles{
    LockfileKind{"package-lock.json", "npm", "node", "npm ci"},
    LockfileKind{"npm-shrinkwrap.json", "npm", "node", "npm ci"},
    LockfileKind{"pnpm-lock.yaml", "pnpm", "node", "pnpm install --frozen-lockfile"},
    LockfileKind{"yarn.lock", "yarn", "node", "yarn install --frozen-lockfile"},
    LockfileKind{"bun.lock", "bun", "node", "bun install --frozen-lockfile"},
    LockfileKind{"bun.lockb", "bun", "node", "bun install --frozen-lockfile"},
    LockfileKind{"uv.lock", "uv", "python", "uv sync"},
    LockfileKind{"poetry.lock", "poetry", "python", "poetry install"},
    LockfileKind{"Pipfile.lock", "pipenv", "python", "pipenv sync --dev"},
    LockfileKind{"pdm.lock", "pdm", "python", "pdm install"},
    LockfileKind{"Gemfile.lock", "bundler", "ruby", "bundle install"},
    LockfileKind{"composer.lock", "composer", "php", "composer install"},
};

} // namespace

std::vector<SetupFile> extract_setup_files(const Files& files, const FileReader& read) {
  std::vector<SetupFile> out;
  for (const auto& lock : k_lockfiles) {
    if (!find_file(files, lock.file))
      continue;
    std::string install(lock.install);
    // Yarn 2+ (a .yarnrc.yml next to it) replaced --frozen-lockfile with --immutable.
    if (lock.tool == "yarn" && find_file(files, ".yarnrc.yml"))
      install = "yarn install --immutable";
    out.push_back(SetupFile{"lockfile", std::string(lock.tool), std::string(lock.ecosystem), install,
                            Provenance{std::string(lock.file), 1,
                                       fmt::format("{} locks dependencies for {}", lock.file, lock.tool)}});
  }
  const repo::FileEntry* devcontainer = find_file(files, ".devcontainer/devcontainer.json");
  if (!devcontainer)
    devcontainer = find_file(files, ".devcontainer.json");
  for (const auto* file : files)
    if (!devcontainer && file->path.starts_with(".devcontainer/") &&
        file->path.ends_with("/devcontainer.json") &&
        std::count(file->path.begin(), file->path.end(), '/') == 2)
      devcontainer = file;
  if (devcontainer)
    out.push_back(SetupFile{"devcontainer", "devcontainer", "", "devcontainer up --workspace-folder .",
                            Provenance{devcontainer->path, 1, "a dev container"}});
  // Nix shells; a flake only when it defines a development shell (else it packages the project for users).
  for (std::string_view path : {"shell.nix", "devenv.nix", "flake.nix"}) {
    const auto* file = find_file(files, path);
    if (!file || (path == "flake.nix" && !util::contains(read(*file), "devShell")))
      continue;
    const std::string command = path == "shell.nix"    ? "nix-shell"
                                : path == "devenv.nix" ? "devenv shell"
                                                       : "nix develop";
    out.push_back(
        SetupFile{"env-manager", "nix", "", command,
                  Provenance{std::string(path), 1, fmt::format("{} defines a development shell", path)}});
  }
  return out;
}

std::string node_package_manager(const Files& files, std::string_view dir, std::string_view package_manager,
                                 const FileReader& read) {
  // The lockfiles at and above the project, nearest first.
  std::vector<std::string> dirs{std::string(dir)};
  while (!dirs.back().empty())
    dirs.push_back(std::string(util::dir_name(dirs.back())));
  for (const auto& d : dirs) {
    if (find_file(files, join_dir(d, "pnpm-lock.yaml")))
      return "pnpm";
    if (find_file(files, join_dir(d, "yarn.lock")))
      return "yarn";
    if (find_file(files, join_dir(d, "bun.lockb")) || find_file(files, join_dir(d, "bun.lock")))
      return "bun";
    if (find_file(files, join_dir(d, "package-lock.json")) ||
        find_file(files, join_dir(d, "npm-shrinkwrap.json")))
      return "npm";
  }
  const auto from_field = [](std::string_view value) -> std::string {
    for (std::string_view pm : {"pnpm", "yarn", "bun", "npm"})
      if (value.starts_with(pm) && (value.size() == pm.size() || value[pm.size()] == '@'))
        return std::string(pm);
    return {};
  };
  if (auto pm = from_field(package_manager); !pm.empty())
    return pm;
  for (std::size_t i = 1; i < dirs.size(); ++i) {
    if (const auto* file = find_file(files, join_dir(dirs[i], "package.json"))) {
      const auto& package = read.package_json(*file);
      if (const auto it = package.fields.find("packageManager"); it != package.fields.end())
        if (auto pm = from_field(it->second.value); !pm.empty())
          return pm;
    }
  }
  return "npm";
}

} // namespace tacit::facts
