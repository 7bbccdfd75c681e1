// Tests for the toolchain pin and setup file extractors (facts/toolchains) and the package manager inference,
// over in-memory repositories.

#include "ci_test_support.hpp"

#include <tacit/facts/facts.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace tacit;
using test::CiRepo;
using test::joined;

namespace {

// "path:line tool ecosystem version manager [weak]" for each pin.
std::string pins(const CiRepo& repo) {
  std::vector<std::string> out;
  for (const auto& p : facts::extract_toolchain_pins(repo.files(), repo.reader()))
    out.push_back(fmt::format("{}:{} {} {} {} {}{}", p.evidence.path, p.evidence.line, p.tool, p.ecosystem,
                              p.version, p.manager, p.weak ? " [weak]" : ""));
  return joined(out);
}

// "path:line kind tool ecosystem: install" for each setup file.
std::string setup(const CiRepo& repo) {
  std::vector<std::string> out;
  for (const auto& f : facts::extract_setup_files(repo.files(), repo.reader()))
    out.push_back(fmt::format("{}:{} {} {} {}: {}", f.evidence.path, f.evidence.line, f.kind, f.tool,
                              f.ecosystem, f.install_command));
  return joined(out);
}

std::string manager(const CiRepo& repo, std::string_view dir, std::string_view field = "") {
  return facts::node_package_manager(repo.files(), dir, field, repo.reader());
}

} // namespace

TEST_CASE("toolchain pins: version files at the root") {
  const CiRepo repo{{".nvmrc", "# team default\n\nv20.11.0\n"},
                    {".python-version", "3.12\n3.11\n"},
                    {".go-version", "1.26.4\n"},
                    {".java-version", "17\n"},
                    {".ruby-version", "ruby-3.3.0\n"},
                    {".node-version", "20\n"}};
  CHECK(pins(repo) == ".nvmrc:3 node node v20.11.0 nvm\n"
                      ".node-version:1 node node 20 fnm\n"
                      ".python-version:1 python python 3.12 pyenv\n"
                      ".go-version:1 go go 1.26.4 goenv\n"
                      ".java-version:1 java java 17 jenv\n"
                      ".ruby-version:1 ruby ruby ruby-3.3.0 rbenv\n");
}

TEST_CASE("toolchain pins: nested pins belong to examples, not to the repository") {
  const CiRepo repo{{"examples/web/.nvmrc", "18\n"}, {"packages/a/.python-version", "3.10\n"}};
  CHECK(pins(repo).empty());
  CHECK(repo.reads().empty());
}

TEST_CASE("toolchain pins: empty, comment-only and binary pin files are skipped") {
  CHECK(pins(CiRepo{{".nvmrc", ""}, {".python-version", "# nothing\n\n"}}).empty());
  CHECK(pins(CiRepo{{".ruby-version", std::string(200, 'x')}}).empty());
  CHECK(pins(CiRepo{{".java-version", "\xff\xfe"}}).empty());
  CHECK(pins(CiRepo{{".tool-versions", "nodejs \xff\xfe\n"}, {".sdkmanrc", std::string("java=1\0", 7)}})
            .empty());
  CHECK(pins(CiRepo{{"go.mod", "go \xc3\n"}}).empty());
}

TEST_CASE("toolchain pins: rust-toolchain.toml and the legacy rust-toolchain file") {
  CHECK(pins(CiRepo{
            {"rust-toolchain.toml", "[toolchain]\nchannel = \"1.98.0\"\ncomponents = [\"clippy\"]\n"}}) ==
        "rust-toolchain.toml:2 rust rust 1.98.0 rustup\n");
  CHECK(pins(CiRepo{{"rust-toolchain", "nightly-2024-01-01\n"}}) ==
        "rust-toolchain:1 rust rust nightly-2024-01-01 rustup\n");
  CHECK(pins(CiRepo{{"rust-toolchain", "[toolchain]\n\nchannel = \"stable\"\n"}}) ==
        "rust-toolchain:3 rust rust stable rustup\n");
  // No channel: still a pin (components, targets); invalid TOML is skipped.
  CHECK(pins(CiRepo{{"rust-toolchain.toml", "[toolchain]\ncomponents = [\"rustfmt\"]\n"}}) ==
        "rust-toolchain.toml:1 rust rust  rustup\n");
  CHECK(pins(CiRepo{{"rust-toolchain.toml", "[toolchain\nchannel =\n"}}).empty());
}

TEST_CASE("toolchain pins: .tool-versions, mise.toml and .sdkmanrc") {
  CHECK(pins(CiRepo{{".tool-versions",
                     "nodejs 20.11.0 # lts\n# comment\n\ngolang 1.22.1\nterraform 1.5.7 1.5.6\n"
                     "broken\n"}}) == ".tool-versions:1 node node 20.11.0 asdf\n"
                                      ".tool-versions:4 go go 1.22.1 asdf\n"
                                      ".tool-versions:5 terraform asdf 1.5.7 asdf\n");
  CHECK(pins(CiRepo{{"mise.toml", "[env]\nX = \"1\"\n[tools]\nnode = \"22\"\npython = [\"3.12\", \"3.11\"]\n"
                                  "go = { version = \"1.22\" }\n\"npm:prettier\" = \"3\"\n"}}) ==
        "mise.toml:4 node node 22 mise\n"
        "mise.toml:5 python python 3.12 mise\n"
        "mise.toml:6 go go 1.22 mise\n"
        "mise.toml:7 npm:prettier mise 3 mise\n");
  CHECK(pins(CiRepo{{".mise.toml", "[tools\n"}}).empty());
  CHECK(pins(CiRepo{{".sdkmanrc", "# sdk env\njava=17.0.2-tem\nmaven = 3.9.6\nnonsense\n"}}) ==
        ".sdkmanrc:2 java java 17.0.2-tem sdkman\n"
        ".sdkmanrc:3 maven java 3.9.6 sdkman\n");
}

TEST_CASE(
    "toolchain pins: package.json packageManager and engines, pyproject and go.mod are weak or strong") {
  CHECK(pins(CiRepo{{"package.json", R"({
  "name": "x",
  "packageManager": "pnpm@9.1.0+sha512.abc",
  "engines": {"node": ">=20", "pnpm": ">=9"}
})"}}) == "package.json:3 pnpm node 9.1.0 corepack\n"
          "package.json:4 node node >=20  [weak]\n");
  CHECK(pins(CiRepo{{"package.json", R"({"packageManager": "something-else@1"})"}}).empty());
  CHECK(pins(CiRepo{{"package.json", "{ not json"}}).empty());
  CHECK(pins(CiRepo{{"pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.10\"\n"}}) ==
        "pyproject.toml:3 python python >=3.10  [weak]\n");
  CHECK(pins(CiRepo{{"pyproject.toml", "[tool.black]\n"}}).empty());
  CHECK(pins(CiRepo{
            {"go.mod", "module x\n\ngo 1.22 // minimum\n\ntoolchain go1.22.3\n\nrequire (\n\tgo v1\n)\n"}}) ==
        "go.mod:3 go go 1.22  [weak]\n"
        "go.mod:5 go go 1.22.3  [weak]\n");
}

TEST_CASE("setup files: root lockfiles that need an install step") {
  const CiRepo repo{{"Cargo.lock", ""},     {"go.sum", ""},        {"package-lock.json", "{}"},
                    {"uv.lock", ""},        {"Gemfile.lock", ""},  {"composer.lock", ""},
                    {"web/yarn.lock", ""},  {"poetry.lock", ""},   {"Pipfile.lock", ""},
                    {"pnpm-lock.yaml", ""}, {"bun.lockb", "\x00"}, {"pdm.lock", ""}};
  CHECK(setup(repo) == "package-lock.json:1 lockfile npm node: npm ci\n"
                       "pnpm-lock.yaml:1 lockfile pnpm node: pnpm install --frozen-lockfile\n"
                       "bun.lockb:1 lockfile bun node: bun install --frozen-lockfile\n"
                       "uv.lock:1 lockfile uv python: uv sync\n"
                       "poetry.lock:1 lockfile poetry python: poetry install\n"
                       "Pipfile.lock:1 lockfile pipenv python: pipenv sync --dev\n"
                       "pdm.lock:1 lockfile pdm python: pdm install\n"
                       "Gemfile.lock:1 lockfile bundler ruby: bundle install\n"
                       "composer.lock:1 lockfile composer php: composer install\n");
  // Lockfiles are not read.
  CHECK(repo.reads().empty());
  CHECK(setup(CiRepo{{"yarn.lock", ""}}) ==
        "yarn.lock:1 lockfile yarn node: yarn install --frozen-lockfile\n");
  CHECK(setup(CiRepo{{".yarnrc.yml", ""}, {"yarn.lock", ""}}) ==
        "yarn.lock:1 lockfile yarn node: yarn install --immutable\n");
}

TEST_CASE("setup files: dev containers and Nix development shells") {
  CHECK(
      setup(CiRepo{{".devcontainer/devcontainer.json", "{ // jsonc\n}"},
                   {".devcontainer/post-create.sh", ""}}) ==
      ".devcontainer/devcontainer.json:1 devcontainer devcontainer : devcontainer up --workspace-folder .\n");
  CHECK(setup(CiRepo{{".devcontainer/cpu/devcontainer.json", "{}"}}) ==
        ".devcontainer/cpu/devcontainer.json:1 devcontainer devcontainer : devcontainer up "
        "--workspace-folder .\n");
  CHECK(setup(CiRepo{{".devcontainer.json", "{}"}}) ==
        ".devcontainer.json:1 devcontainer devcontainer : devcontainer up --workspace-folder .\n");
  CHECK(setup(CiRepo{{"docs/.devcontainer/devcontainer.json", "{}"}}).empty());
  CHECK(setup(CiRepo{{"shell.nix", ""}}) == "shell.nix:1 env-manager nix : nix-shell\n");
  // A flake without a development shell packages the project for users.
  CHECK(setup(CiRepo{{"flake.nix", "{ outputs = { self }: { packages = {}; }; }"}}).empty());
  CHECK(setup(CiRepo{{"flake.nix", "{ outputs = { self }: { devShells.default = 1; }; }"}}) ==
        "flake.nix:1 env-manager nix : nix develop\n");
}

TEST_CASE("node_package_manager: the nearest lockfile, then packageManager, workspaces included") {
  const CiRepo pnpm{{"package.json", "{}"}, {"packages/a/package.json", "{}"}, {"pnpm-lock.yaml", ""}};
  CHECK(manager(pnpm, "") == "pnpm");
  CHECK(manager(pnpm, "packages/a") == "pnpm");
  const CiRepo nested{{"apps/api/yarn.lock", ""}, {"package-lock.json", ""}};
  CHECK(manager(nested, "apps/api") == "yarn");
  CHECK(manager(nested, "apps/web") == "npm");
  // A lockfile wins over packageManager; without one, the package's own field, then the nearest above.
  CHECK(manager(pnpm, "", "yarn@4.1.0") == "pnpm");
  const CiRepo corepack{{"package.json", R"({"packageManager": "yarn@4.1.0"})"},
                        {"packages/a/package.json", "{}"}};
  CHECK(manager(corepack, "") == "npm");
  CHECK(manager(corepack, "", "bun@1.1.0") == "bun");
  CHECK(manager(corepack, "packages/a") == "yarn");
  CHECK(manager(corepack, "packages/a", "pnpmx@1") == "yarn");
  CHECK(manager(CiRepo{{"bun.lock", ""}}, "") == "bun");
  CHECK(manager(CiRepo{{"npm-shrinkwrap.json", ""}}, "x") == "npm");
}

TEST_CASE("extract_facts: pins and setup files are wired in") {
  const CiRepo repo{{".nvmrc", "20\n"}, {"package.json", "{}"}, {"package-lock.json", "{}"}};
  const auto facts = facts::extract_facts(repo.files(), repo.reader());
  REQUIRE(facts.toolchain_pins.size() == 1);
  REQUIRE(facts.setup_files.size() == 1);
  CHECK(facts.setup_files[0].tool == "npm");
}

TEST_CASE("extract_build_systems: a build script runs with the inferred package manager") {
  const CiRepo corepack{{"package.json", R"({"packageManager": "pnpm@9.1.0", "scripts": {"build": "tsc"}})"}};
  auto systems = facts::extract_build_systems(corepack.files(), corepack.reader());
  REQUIRE(systems.size() == 1);
  CHECK(systems[0].suggested_command == "pnpm run build");
  const CiRepo yarn{{"package.json", R"({"scripts": {"build": "tsc"}})"}, {"yarn.lock", ""}};
  systems = facts::extract_build_systems(yarn.files(), yarn.reader());
  REQUIRE(systems.size() == 1);
  CHECK(systems[0].suggested_command == "yarn run build");
}

TEST_CASE("extract_build_systems: a build script that does nothing builds nothing") {
  for (const auto* script : {"echo OK", "true", "echo 'nothing to build' && exit 0", ":"}) {
    const CiRepo repo{{"package.json", fmt::format(R"({{"scripts": {{"build": "{}"}}}})", script)}};
    CAPTURE(script);
    CHECK(facts::extract_build_systems(repo.files(), repo.reader()).empty());
  }
  const CiRepo real{{"package.json", R"({"scripts": {"build": "echo building && tsc"}})"}};
  CHECK(facts::extract_build_systems(real.files(), real.reader()).size() == 1);
}

TEST_CASE("extract_build_systems: a pyproject.toml whose backend compiles an extension") {
  const CiRepo maturin{{"pyproject.toml", "[build-system]\nrequires = [\"maturin>=1.5\"]\n"
                                          "build-backend = \"maturin\"\n"}};
  auto systems = facts::extract_build_systems(maturin.files(), maturin.reader());
  REQUIRE(systems.size() == 1);
  CHECK(systems[0].kind == "maturin");
  CHECK(systems[0].suggested_command == "maturin develop");
  CHECK(systems[0].evidence.line == 3);
  const CiRepo hatch{{"pyproject.toml", "[build-system]\nbuild-backend = \"hatchling.build\"\n"}};
  CHECK(facts::extract_build_systems(hatch.files(), hatch.reader()).empty()); // pure Python: nothing to build
  const CiRepo broken{{"pyproject.toml", "[build-system\n"}};
  CHECK(facts::extract_build_systems(broken.files(), broken.reader()).empty());
}
