// Build files, CI workflows and tool configs: the machine-readable facts tacit derives procedures from.
#include "synth.hpp"

#include <fmt/format.h>

namespace tacit::bench {
namespace {

std::string_view base_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string upper_snake(std::string_view text) {
  std::string out = snake(text);
  for (char& c : out) {
    c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

const Module* module_of(const Plan& plan, const FileSpec& spec) {
  return spec.module < 0 ? nullptr : &plan.modules[static_cast<std::size_t>(spec.module)];
}

std::vector<const Module*> modules_in(const Plan& plan, Lang lang, std::size_t limit) {
  std::vector<const Module*> out;
  for (const Module& m : plan.modules) {
    if (m.lang == lang && out.size() < limit) {
      out.push_back(&m);
    }
  }
  return out;
}

constexpr std::string_view k_ci = R"(name: CI

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  go:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
      - name: Build
        run: go build ./...
      - name: Test
        run: go test -race -count=1 ./...
  node:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npm run build
      - run: npm test -- --coverage
  python:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.11", "3.12"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.python }}
      - name: Install
        run: |
          python -m pip install --upgrade pip
          pip install -e '.[dev]'
      - name: Test
        run: pytest -q --maxfail=1
  rust:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: cargo build --workspace --locked
      - run: cargo test --workspace
  cpp:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: sudo apt-get install -y ninja-build
      - run: cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
      - run: cmake --build build
      - run: ctest --test-dir build --output-on-failure
  java:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-java@v4
        with:
          distribution: temurin
          java-version: 21
      - run: ./gradlew test --no-daemon
)";

constexpr std::string_view k_lint = R"(name: Lint

on: [pull_request]

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: golangci/golangci-lint-action@v6
      - run: pip install ruff==0.6.9 && ruff check . && ruff format --check .
      - run: npm ci && npm run lint
      - run: cargo fmt --all -- --check
      - run: cargo clippy --all-targets -- -D warnings
      - run: find native -name '*.cpp' | xargs clang-format --dry-run -Werror
      - run: make check-generated
)";

constexpr std::string_view k_release = R"(name: Release

on:
  push:
    tags: ["v*"]

jobs:
  release:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - run: ./scripts/release.sh "${GITHUB_REF_NAME}"
        env:
          RELEASE_TOKEN: ${{ secrets.RELEASE_TOKEN }}
      - run: npm publish --workspaces --access public
)";

std::string workflow(const Plan& plan, const FileSpec& spec, Rng& rng) {
  const std::string_view name = base_name(spec.path);
  if (name == "ci.yml") {
    return std::string{k_ci};
  }
  if (name == "lint.yml") {
    return std::string{k_lint};
  }
  if (name == "release.yml") {
    return std::string{k_release};
  }
  const Module& m = plan.modules.empty() ? Module{"services/core", "core", Lang::go}
                                         : plan.modules[rng.below(plan.modules.size())];
  std::string out = fmt::format("name: {}\n\non:\n", name.substr(0, name.size() - 4));
  if (name.starts_with("nightly")) {
    const auto [minute, hour] = std::tuple{rng.range(0, 59), rng.range(0, 6)};
    out += fmt::format("  schedule:\n    - cron: \"{} {} * * *\"\n", minute, hour);
  } else {
    out += fmt::format("  push:\n    branches: [main]\n    paths:\n      - \"{}/**\"\n", m.dir);
  }
  out +=
      fmt::format("\njobs:\n  {}:\n    runs-on: ubuntu-latest\n    env:\n      {}_ENV: staging\n    steps:\n"
                  "      - uses: actions/checkout@v4\n",
                  m.name, upper_snake(m.name));
  out += fmt::format(
      "      - name: Build image\n        run: docker build -t ghcr.io/example/{}:${{{{ github.sha }}}} "
      "{}\n",
      m.name, m.dir);
  out += "      - name: Integration tests\n        run: make test-integration\n";
  out += fmt::format(
      "      - name: Deploy\n        run: ./scripts/deploy.sh {} staging\n        env:\n          "
      "DEPLOY_KEY: ${{{{ secrets.DEPLOY_KEY }}}}\n",
      m.name);
  return out;
}

std::string makefile(const Plan& plan, const FileSpec& spec) {
  if (const Module* m = module_of(plan, spec)) {
    return fmt::format(
        ".PHONY: build test run\n\nbuild:\n\tgo build -o bin/{0} ./cmd/{0}\n\ntest:\n\tgo test "
        "-race ./...\n\nrun: build\n\t./bin/{0} --config config/local.yaml\n",
        m->name);
  }
  return R"(.PHONY: bootstrap build test lint fmt generate clean docker-build test-integration bench check-generated

GO ?= go
NPM ?= npm

bootstrap:
	./scripts/bootstrap.sh

build:
	$(GO) build ./...
	$(NPM) run build
	cargo build --workspace
	cmake -S . -B build -G Ninja && cmake --build build

test:
	$(GO) test ./...
	$(NPM) test
	pytest -q
	cargo test --workspace
	ctest --test-dir build

lint:
	golangci-lint run
	ruff check .
	$(NPM) run lint

fmt:
	gofmt -w services
	ruff format .
	cargo fmt --all

generate:
	$(GO) generate ./...

check-generated: generate
	git diff --exit-code

test-integration:
	$(GO) test -tags=integration ./services/...

bench:
	$(GO) test -run=NONE -bench=. ./...

docker-build:
	docker compose build

clean:
	rm -rf build bin target
)";
}

std::string package_json(const Plan& plan, const FileSpec& spec, Rng& rng) {
  const Module* m = module_of(plan, spec);
  if (m == nullptr) {
    return R"({
  "name": "example-mono",
  "private": true,
  "workspaces": ["web/packages/*", "web/apps/*"],
  "scripts": {
    "build": "npm run build --workspaces --if-present",
    "test": "npm test --workspaces --if-present",
    "lint": "eslint web --ext .ts,.tsx",
    "typecheck": "tsc -b",
    "format": "prettier --write ."
  },
  "devDependencies": {
    "eslint": "^8.57.0",
    "prettier": "^3.3.3",
    "typescript": "^5.5.4",
    "vitest": "^2.0.5"
  }
}
)";
  }
  std::string deps;
  for (const Module* other : modules_in(plan, Lang::typescript, 40)) {
    if (other != m && rng.percent(15)) {
      deps += fmt::format("    \"@example/{}\": \"workspace:*\",\n", other->name);
    }
  }
  return fmt::format(R"({{
  "name": "@example/{}",
  "version": "0.{}.0",
  "type": "module",
  "main": "dist/index.js",
  "scripts": {{
    "build": "tsc -p tsconfig.json",
    "test": "vitest run",
    "lint": "eslint src",
    "dev": "vite"
  }},
  "dependencies": {{
{}    "zod": "^3.23.8"
  }}
}}
)",
                     m->name, rng.range(1, 30), deps);
}

std::string cmake(const Plan& plan, const FileSpec& spec) {
  if (const Module* m = module_of(plan, spec)) {
    return fmt::format(
        "file(GLOB {0}_SOURCES CONFIGURE_DEPENDS src/*.cpp)\nadd_library({0} ${{{0}_SOURCES}})\n"
        "target_include_directories({0} PUBLIC include)\n\nif(BUILD_TESTING)\n  file(GLOB "
        "{0}_TESTS CONFIGURE_DEPENDS tests/*.cpp)\n  add_executable({0}_tests ${{{0}_TESTS}})\n"
        "  target_link_libraries({0}_tests PRIVATE {0} doctest::doctest)\n  add_test(NAME {0} "
        "COMMAND {0}_tests)\nendif()\n",
        snake(m->name));
  }
  std::string out = "cmake_minimum_required(VERSION 3.25)\nproject(example_native LANGUAGES CXX)\n\n"
                    "set(CMAKE_CXX_STANDARD 20)\ninclude(CTest)\nfind_package(doctest CONFIG)\n\n";
  for (const Module* m : modules_in(plan, Lang::cpp, 1000)) {
    out += fmt::format("add_subdirectory({})\n", m->dir);
  }
  return out;
}

std::string module_build(const Plan& plan, const FileSpec& spec, Rng& rng) {
  const Module* m = module_of(plan, spec);
  const std::string name = m == nullptr ? "example-mono" : m->name;
  switch (spec.kind) {
  case FileKind::go_mod: {
    const auto [org, lib, minor, patch] =
        std::tuple{rng.pick(words::people), rng.pick(words::nouns), rng.range(0, 20), rng.range(0, 9)};
    return fmt::format(
        "module github.com/example/mono{}\n\ngo 1.22\n\nrequire (\n\tgithub.com/{}/{} v1.{}.{}\n\t"
        "github.com/stretchr/testify v1.9.0\n\tgolang.org/x/sync v0.8.0\n)\n",
        m == nullptr ? "" : "/" + m->dir, org, lib, minor, patch);
  }
  case FileKind::cargo_toml:
    if (m == nullptr) {
      return "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n\n[workspace.dependencies]\nserde = { "
             "version = \"1\", features = [\"derive\"] }\ntokio = { version = \"1\", features = [\"full\"] "
             "}\n";
    }
    return fmt::format(
        "[package]\nname = \"{}\"\nversion = \"0.{}.0\"\nedition = \"2021\"\n\n[dependencies]\n"
        "serde.workspace = true\ntokio.workspace = true\n\n[dev-dependencies]\nproptest = \"1\"\n",
        name, rng.range(1, 20));
  case FileKind::pyproject:
    return fmt::format(
        "[project]\nname = \"{}\"\nversion = \"0.{}.0\"\nrequires-python = \">=3.11\"\n"
        "dependencies = [\"httpx>=0.27\", \"pydantic>=2\"]\n\n[project.optional-dependencies]\n"
        "dev = [\"pytest>=8\", \"ruff>=0.6\", \"mypy>=1.11\"]\n\n[build-system]\nrequires = "
        "[\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n[tool.pytest.ini_options]\n"
        "testpaths = [\"{}\"]\naddopts = \"-ra --strict-markers\"\n",
        snake(name), rng.range(1, 40), m == nullptr ? "python" : "tests");
  case FileKind::gradle:
    return "plugins {\n    id 'java-library'\n}\n\ndependencies {\n    implementation "
           "'com.google.guava:guava:33.2.1-jre'\n"
           "    testImplementation 'org.junit.jupiter:junit-jupiter:5.10.3'\n}\n\ntest {\n    "
           "useJUnitPlatform()\n}\n";
  case FileKind::tsconfig:
    return m == nullptr
               ? "{\n  \"compilerOptions\": {\n    \"target\": \"ES2022\",\n    \"module\": \"NodeNext\",\n"
                 "    \"strict\": true,\n    \"declaration\": true\n  }\n}\n"
               : "{\n  \"extends\": \"../../../tsconfig.base.json\",\n  \"compilerOptions\": {\n    "
                 "\"outDir\": \"dist\",\n    \"rootDir\": \"src\"\n  },\n  \"include\": [\"src\"]\n}\n";
  case FileKind::dockerfile:
    return m != nullptr && m->lang == Lang::go
               ? fmt::format("FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/{0} "
                             "./{1}/cmd/{0}\n\nFROM gcr.io/distroless/base\nCOPY --from=build /out/{0} /{0}\n"
                             "ENTRYPOINT [\"/{0}\"]\n",
                             name, m->dir)
               : "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\nCMD "
                 "[\"python\", \"-m\", \"app\"]\n";
  default:
    return {};
  }
}

std::string tool_config(const FileSpec& spec) {
  const std::string_view name = base_name(spec.path);
  if (name == ".golangci.yml") {
    return "run:\n  timeout: 5m\nlinters:\n  enable:\n    - errcheck\n    - govet\n    - staticcheck\n    - "
           "revive\n";
  }
  if (name == ".prettierrc.json") {
    return "{\n  \"semi\": true,\n  \"singleQuote\": false,\n  \"printWidth\": 100\n}\n";
  }
  if (name == ".clang-format") {
    return "BasedOnStyle: Google\nColumnLimit: 100\n";
  }
  if (name == "rustfmt.toml") {
    return "edition = \"2021\"\nmax_width = 100\n";
  }
  return "line-length = 100\ntarget-version = \"py311\"\n\n[lint]\nselect = [\"E\", \"F\", \"I\", \"B\", "
         "\"UP\"]\n";
}

} // namespace

std::string render_build(const Plan& plan, const FileSpec& spec, Rng& rng) {
  switch (spec.kind) {
  case FileKind::workflow:
    return workflow(plan, spec, rng);
  case FileKind::makefile:
    return makefile(plan, spec);
  case FileKind::package_json:
    return package_json(plan, spec, rng);
  case FileKind::cmake:
    return cmake(plan, spec);
  case FileKind::tool_config:
    return tool_config(spec);
  case FileKind::compose:
    return "services:\n  postgres:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "
           "example\n"
           "    ports: [\"5432:5432\"]\n  redis:\n    image: redis:7\n";
  case FileKind::editorconfig:
    return "root = true\n\n[*]\nend_of_line = lf\ninsert_final_newline = true\nindent_style = space\n"
           "indent_size = 2\n\n[*.go]\nindent_style = tab\n\n[Makefile]\nindent_style = tab\n";
  case FileKind::gitignore:
    // Must not match any tracked path of the plan: `git add -A` would silently drop it.
    return "node_modules/\n/build/\n/bin/\ntarget/\n__pycache__/\n*.pyc\n.venv/\n*.log\n.DS_Store\n/coverage/"
           "\n";
  case FileKind::gitattributes:
    return "*.png binary\n*.bin binary\nweb/dist/** linguist-generated=true\nvendor/** linguist-vendored\n"
           "third_party/** linguist-vendored\n*.go diff=golang\n";
  case FileKind::precommit:
    return "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.9\n    hooks:\n    "
           "  - id: "
           "ruff\n      - id: ruff-format\n  - repo: local\n    hooks:\n      - id: go-vet\n        name: go "
           "vet\n"
           "        entry: go vet ./...\n        language: system\n        pass_filenames: false\n";
  case FileKind::codeowners: {
    std::string out = "# Owners review changes under their directories.\n* @example/platform\n";
    for (std::size_t i = 0; i < plan.modules.size() && i < 200; ++i) {
      out += fmt::format("/{}/ @example/{}-team\n", plan.modules[i].dir, rng.pick(words::domains));
    }
    return out;
  }
  case FileKind::license:
    return "MIT License\n\nCopyright (c) 2024 Example Corp\n\nPermission is hereby granted, free of charge, "
           "to any "
           "person obtaining a copy\nof this software and associated documentation files (the \"Software\"), "
           "to "
           "deal\nin the Software without restriction.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT "
           "WARRANTY OF "
           "ANY KIND.\n";
  case FileKind::shell_script:
    return fmt::format("#!/usr/bin/env bash\n# {}\nset -euo pipefail\n\ncd \"$(dirname \"$0\")/..\"\n"
                       "command -v go >/dev/null || {{ echo 'go is required' >&2; exit 1; }}\nnpm ci\n"
                       "pip install -e '.[dev]'\nmake build\n",
                       base_name(spec.path));
  case FileKind::crlf_script:
    return "@echo off\r\nREM Windows developer setup\r\nnpm ci\r\nnpm run build\r\ngo build ./...\r\n";
  case FileKind::go_sum: {
    std::string out;
    for (int i = 0; i < 60; ++i) {
      std::string hash;
      for (int j = 0; j < 43; ++j) {
        hash.push_back("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[rng.below(64)]);
      }
      const auto [org, lib, minor, patch] =
          std::tuple{rng.pick(words::people), rng.pick(words::nouns), rng.range(0, 20), rng.range(0, 9)};
      out += fmt::format("github.com/{}/{} v1.{}.{} h1:{}=\n", org, lib, minor, patch, hash);
    }
    return out;
  }
  default:
    return module_build(plan, spec, rng);
  }
}

} // namespace tacit::bench
