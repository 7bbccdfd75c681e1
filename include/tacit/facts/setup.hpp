#pragma once
// Facts about setting up a development environment: root toolchain pins, files that need an install step
// (lockfiles, dev containers, environment managers) and the package manager of a JavaScript project.

#include <tacit/facts/provenance.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// A toolchain version the repository pins for its developers (root files only: a nested .nvmrc belongs to an
/// example or a subproject).
struct ToolchainPin {
  std::string tool; ///< node, python, rust, go, java, ruby, pnpm... (asdf names mapped: nodejs -> node)
  std::string
      ecosystem;       ///< node, python, rust, go, java, ruby, php; for other tools the manager (asdf, mise)
  std::string version; ///< as written ("20", "lts/iron", "1.98.0", ">=3.10"); may be empty
  std::string manager; ///< what reads the pin: nvm, fnm, pyenv, rustup, goenv, jenv, sdkman, rbenv, asdf,
                       ///< mise, corepack; "" for a range the tool itself checks
  bool weak = false;   ///< a supported range or a pin the build tool honours by itself (engines.node,
                       ///< requires-python, go.mod's go and toolchain lines): evidence, not a setup step
  Provenance evidence;
};

/// A root file that needs a setup step before the project builds: a lockfile to install from, a dev
/// container, an environment manager (Cargo.lock and go.sum are not: cargo and go fetch on build).
struct SetupFile {
  std::string kind;            ///< lockfile, devcontainer, env-manager
  std::string tool;            ///< npm, pnpm, yarn, bun, uv, poetry, pipenv, pdm, bundler, composer,
                               ///< devcontainer, nix
  std::string ecosystem;       ///< node, python, ruby, php; "" for a dev container or an environment manager
  std::string install_command; ///< the command that sets it up ("npm ci", "uv sync")
  Provenance evidence;
};

/// The toolchain pin extractor (root .nvmrc, .python-version, rust-toolchain.toml, .tool-versions, mise.toml,
/// package.json engines and packageManager, pyproject requires-python, go.mod...).
std::vector<ToolchainPin> extract_toolchain_pins(const std::vector<const repo::FileEntry*>& files,
                                                 const FileReader& read);

/// The setup file extractor (root lockfiles that need an install step, dev containers, Nix shells).
std::vector<SetupFile> extract_setup_files(const std::vector<const repo::FileEntry*>& files,
                                           const FileReader& read);

/// The package manager of the JavaScript project in `dir` ("" for the root): the lockfile nearest at or above
/// it (pnpm, yarn, bun, npm), else `package_manager` (its package.json's packageManager field), else the
/// nearest packageManager field above it, else npm. A workspace package gets its root's manager.
std::string node_package_manager(const std::vector<const repo::FileEntry*>& files, std::string_view dir,
                                 std::string_view package_manager, const FileReader& read);

} // namespace tacit::facts
