// File roles from paths: setup files and the repository's root build files (facts/file_roles.hpp).

#include <tacit/facts/file_roles.hpp>
#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>

namespace tacit::facts {

namespace {

// Script names (without .sh/.bash/.ps1) that set up a development environment.
constexpr std::array k_setup_script_names{"bootstrap", "setup",     "dev-setup", "setup-dev",
                                          "dev_setup", "setup_dev", "devsetup",  "install-dev",
                                          "init-dev",  "setup-env", "dev-env"};
constexpr std::array k_setup_script_dirs{"", "script/", "scripts/", "bin/", "tools/"};
constexpr std::array k_dev_dockerfiles{"Dockerfile.dev", "dev.Dockerfile", "Dockerfile.devcontainer",
                                       "Dockerfile.development"};

constexpr std::array k_root_build_files{
    "Makefile",          "GNUmakefile",         "makefile",      "justfile",     "Justfile",
    ".justfile",         "Taskfile.yml",        "Taskfile.yaml", "package.json", "CMakeLists.txt",
    "CMakePresets.json", "pyproject.toml",      "setup.py",      "setup.cfg",    "tox.ini",
    "noxfile.py",        "Cargo.toml",          "go.mod",        "build.gradle", "build.gradle.kts",
    "settings.gradle",   "settings.gradle.kts", "pom.xml",       "meson.build",  "MODULE.bazel",
    "WORKSPACE",         "WORKSPACE.bazel",     "BUILD.bazel",   "Rakefile",     "Gemfile",
    "composer.json",     "build.sbt",           "mix.exs",       "deno.json",    "pnpm-workspace.yaml"};

bool is_role_name(std::string_view name, const auto& names) {
  return std::ranges::find(names, name) != names.end();
}

} // namespace

bool is_setup_file(std::string_view path) {
  if (path == ".devcontainer.json" || path.starts_with(".devcontainer/"))
    return true;
  const auto slash = path.rfind('/');
  const auto dir = slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash + 1);
  const auto name = path.substr(dir.size());
  if (dir.empty() && is_role_name(name, k_dev_dockerfiles))
    return true;
  if (!is_role_name(dir, k_setup_script_dirs))
    return false;
  auto stem = name;
  for (const std::string_view extension : {".sh", ".bash", ".ps1"})
    if (stem.ends_with(extension)) {
      stem.remove_suffix(extension.size());
      break;
    }
  return is_role_name(stem, k_setup_script_names);
}

bool is_root_build_file(std::string_view path) {
  return is_role_name(path, k_root_build_files);
}

} // namespace tacit::facts
