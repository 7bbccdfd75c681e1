#pragma once
// What a file is for, from its path alone: the files that set up a development environment and the root build
// files a context file describes. The path history watches them (when each last changed, when each was
// created), so that a rule can tell what changed after a context file last did.

#include <string_view>

namespace tacit::facts {

/// A file that sets up a development environment: a dev container's configuration, Dockerfile or scripts
/// (`.devcontainer.json`, `.devcontainer/**`), a bootstrap or setup script at the root or in `script/`,
/// `scripts/`, `bin/`, `tools/` (`bootstrap`, `setup.sh`, `dev-setup.sh`...), a development Dockerfile
/// (`Dockerfile.dev`, `dev.Dockerfile`).
bool is_setup_file(std::string_view path);

/// A build file of the repository as a whole: a root Makefile, justfile, Taskfile, package.json,
/// CMakeLists.txt, pyproject.toml, setup.py, tox.ini, noxfile.py, Cargo.toml, go.mod, Gradle, Maven, Meson or
/// Bazel file... (one that adds or removes a build system or a task runner when it comes or goes).
bool is_root_build_file(std::string_view path);

} // namespace tacit::facts
