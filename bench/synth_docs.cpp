// Markdown documents: READMEs, agent context files, guides, ADRs. They carry what tacit reads: headings,
// fenced commands, inline code with paths, relative links (a few broken), and a few stale commands.
#include "synth.hpp"

#include <fmt/format.h>

#include <array>

namespace tacit::bench {
namespace {

constexpr std::array k_commands = std::to_array<std::string_view>({
    "make build",
    "make test",
    "make lint",
    "make fmt",
    "make generate",
    "make test-integration",
    "npm ci",
    "npm run build",
    "npm test",
    "npm run lint",
    "npm run typecheck",
    "go test ./...",
    "go build ./...",
    "go vet ./...",
    "golangci-lint run",
    "pytest -q",
    "ruff check .",
    "mypy src",
    "pip install -e '.[dev]'",
    "cargo build --workspace",
    "cargo test --workspace",
    "cargo clippy --all-targets -- -D warnings",
    "cargo fmt --all -- --check",
    "cmake -S . -B build -G Ninja",
    "cmake --build build",
    "ctest --test-dir build --output-on-failure",
    "./gradlew build",
    "./gradlew test",
    "pre-commit run --all-files",
    "docker compose up -d",
});
// Commands the repository no longer has: what a stale doc looks like.
constexpr std::array k_stale = std::to_array<std::string_view>({
    "make e2e",
    "npm run test:legacy",
    "./scripts/setup-dev.sh",
    "make proto-gen",
    "yarn build",
    "tox -e py38",
});
constexpr std::array k_sections = std::to_array<std::string_view>({
    "Overview",        "Setup",       "Building",       "Testing",     "Configuration",
    "Troubleshooting", "Deployment",  "Design",         "Monitoring",  "Rollback",
    "Release process", "Security",    "Data model",     "Limitations", "Local development",
    "Dependencies",    "Performance", "Error handling", "FAQ",         "Ownership",
});

std::string_view command(Rng& rng) {
  return rng.percent(4) ? rng.pick(std::span{k_stale}) : rng.pick(std::span{k_commands});
}

std::string title_of(std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::string_view stem = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  if (stem == "README.md" && slash != std::string_view::npos) {
    const std::size_t prev = path.rfind('/', slash - 1);
    stem = path.substr(prev == std::string_view::npos ? 0 : prev + 1, slash - (prev + 1));
  }
  std::string title{stem.substr(0, stem.find('.'))};
  for (char& c : title) {
    c = c == '-' || c == '_' ? ' ' : c;
  }
  if (!title.empty() && title[0] >= 'a' && title[0] <= 'z') {
    title[0] = static_cast<char>(title[0] - 'a' + 'A');
  }
  return title;
}

void link(std::string& out, const Plan& plan, const FileSpec& spec, Rng& rng) {
  if (plan.docs.empty() || rng.percent(15)) {
    const auto [domain, noun, id] =
        std::tuple{rng.pick(words::domains), rng.pick(words::nouns), rng.range(100, 999)};
    out += fmt::format("[the {} dashboard](https://grafana.example.com/d/{}-{})", domain, noun, id);
    return;
  }
  const std::string& target = rng.pick(plan.docs);
  std::string href = relative_link(spec.path, target);
  if (rng.percent(5)) {
    const auto [domain, noun] = std::tuple{rng.pick(words::domains), rng.pick(words::nouns)};
    href = relative_link(spec.path, fmt::format("docs/{}/{}.md", domain, noun));
  } else if (rng.percent(4)) {
    href += "#setup";
  }
  out += fmt::format("[{}]({})", title_of(target), href);
}

void inline_path(std::string& out, const Plan& plan, Rng& rng) {
  if (plan.code_paths.empty() || rng.percent(5)) {
    const auto [noun, verb] = std::tuple{rng.pick(words::nouns), rng.pick(words::verbs)};
    out += fmt::format("`src/{}/{}.go`", noun, verb);
    return;
  }
  out += fmt::format("`{}`", rng.pick(plan.code_paths));
}

void paragraph(std::string& out, const Plan& plan, const FileSpec& spec, Rng& rng) {
  const int sentences = rng.range(2, 6);
  for (int i = 0; i < sentences; ++i) {
    append_sentence(out, rng);
    switch (rng.below(7)) {
    case 0:
      out += "See ";
      link(out, plan, spec, rng);
      out += ". ";
      break;
    case 1:
      out += "The code lives in ";
      inline_path(out, plan, rng);
      out += ". ";
      break;
    case 2:
      out += fmt::format("Run `{}` after changing it. ", command(rng));
      break;
    default:
      break;
    }
  }
  out.back() = '\n';
  out += '\n';
}

void code_block(std::string& out, Rng& rng, std::span<const std::string> extra) {
  out += rng.percent(80) ? "```sh\n" : (rng.percent(50) ? "```bash\n" : "```\n");
  const int lines = rng.range(1, 5);
  for (int i = 0; i < lines; ++i) {
    if (!extra.empty() && rng.percent(50)) {
      out += extra[rng.below(extra.size())];
    } else {
      out += command(rng);
    }
    out += '\n';
  }
  out += "```\n\n";
}

void bullet_list(std::string& out, const Plan& plan, const FileSpec& spec, Rng& rng) {
  const int items = rng.range(2, 7);
  for (int i = 0; i < items; ++i) {
    out += "- ";
    switch (rng.below(3)) {
    case 0:
      inline_path(out, plan, rng);
      out += ": ";
      break;
    case 1:
      link(out, plan, spec, rng);
      out += ": ";
      break;
    default:
      break;
    }
    append_sentence(out, rng);
    out.back() = '\n';
  }
  out += '\n';
}

void table(std::string& out, Rng& rng) {
  out += "| name | default | description |\n| --- | --- | --- |\n";
  const int rows = rng.range(2, 6);
  for (int i = 0; i < rows; ++i) {
    std::string sentence;
    append_sentence(sentence, rng);
    sentence.pop_back();
    const auto [noun, adjective, value] =
        std::tuple{rng.pick(words::nouns), rng.pick(words::adjectives), rng.range(0, 500)};
    out += fmt::format("| `{}_{}` | `{}` | {} |\n", noun, adjective, value, sentence);
  }
  out += '\n';
}

// Commands that only make sense inside one module.
std::vector<std::string> module_commands(const Plan& plan, const FileSpec& spec) {
  if (spec.module < 0) {
    return {};
  }
  const Module& m = plan.modules[static_cast<std::size_t>(spec.module)];
  switch (m.lang) {
  case Lang::go:
    return {fmt::format("go test ./{}/...", m.dir), fmt::format("go run ./{}/cmd/{}", m.dir, m.name)};
  case Lang::python:
    return {fmt::format("cd {} && pytest", m.dir), fmt::format("pip install -e {}", m.dir)};
  case Lang::typescript:
    return {fmt::format("npm run build -w @example/{}", m.name),
            fmt::format("npm test -w @example/{}", m.name)};
  case Lang::cpp:
    return {fmt::format("cmake --build build --target {}", m.name), fmt::format("ctest -R {}", m.name)};
  case Lang::rust:
    return {fmt::format("cargo test -p {}", m.name), fmt::format("cargo build -p {} --release", m.name)};
  case Lang::java:
    return {fmt::format("./gradlew :{}:test", m.name), fmt::format("./gradlew :{}:build", m.name)};
  }
  return {};
}

void section(std::string& out, const Plan& plan, const FileSpec& spec, Rng& rng, std::string_view heading,
             std::span<const std::string> extra) {
  out += fmt::format("## {}\n\n", heading);
  paragraph(out, plan, spec, rng);
  const bool commands = heading == "Setup" || heading == "Building" || heading == "Testing";
  if (commands || rng.percent(35)) {
    code_block(out, rng, extra);
  }
  if (rng.percent(35)) {
    bullet_list(out, plan, spec, rng);
  }
  if (rng.percent(10)) {
    table(out, rng);
  }
  if (rng.percent(25)) {
    const auto [adjective, noun] = std::tuple{rng.pick(words::adjectives), rng.pick(words::nouns)};
    out += fmt::format("### {} {}\n\n", camel(adjective), noun);
    paragraph(out, plan, spec, rng);
  }
}

void fill(std::string& out, const Plan& plan, const FileSpec& spec, Rng& rng,
          std::span<const std::string> extra) {
  while (out.size() < spec.size) {
    section(out, plan, spec, rng, rng.pick(std::span{k_sections}), extra);
  }
}

std::string render_agents(const Plan& plan, const FileSpec& spec, Rng& rng) {
  std::string out =
      "# AGENTS.md\n\nGuidance for coding agents working in this monorepo.\n\n## Project overview\n\n";
  paragraph(out, plan, spec, rng);
  out += "## Setup commands\n\n```sh\nmake bootstrap\nnpm ci\npip install -e '.[dev]'\n```\n\n";
  out += "## Build and test\n\n```sh\nmake build\nmake test\nnpm run build\ngo test ./...\npytest -q\n";
  out += fmt::format("{}\n```\n\n", rng.pick(std::span{k_stale}));
  out += "## Code style\n\n- Go: `gofmt` and `golangci-lint run` (config in `.golangci.yml`).\n- Python: "
         "`ruff check "
         ".` and `ruff format`.\n- TypeScript: Prettier (`.prettierrc.json`) and `npm run lint`.\n- Rust: "
         "`cargo "
         "fmt --all`.\n- C++: `.clang-format`, run `make fmt`.\n\n";
  out +=
      "## Pull requests\n\n- Keep changes small; run `make lint` and `make test` before pushing.\n- Update "
      "`CHANGELOG.md` for user-visible changes.\n- See [CONTRIBUTING.md](CONTRIBUTING.md) and "
      "[the architecture notes](docs/architecture.md).\n\n## Directory map\n\n";
  for (std::size_t i = 0; i < plan.modules.size() && i < 12; ++i) {
    out += fmt::format("- `{}/`: the {} module ([README]({}/README.md))\n", plan.modules[i].dir,
                       plan.modules[i].name, plan.modules[i].dir);
  }
  out += "- `tools/legacy/`: old scripts, do not use\n\n";
  fill(out, plan, spec, rng, {});
  return out;
}

std::string render_changelog(Rng& rng, std::uint32_t size) {
  std::string out = "# Changelog\n\nAll notable changes to this project are documented in this file.\n\n";
  for (int minor = 40; out.size() < size && minor > 0; --minor) {
    const auto [month, day] = std::tuple{rng.range(1, 12), rng.range(1, 28)};
    out += fmt::format("## [1.{}.0] - 2024-{:02}-{:02}\n\n", minor, month, day);
    for (const std::string_view kind : {"Added", "Changed", "Fixed"}) {
      out += fmt::format("### {}\n\n", kind);
      for (int i = rng.range(1, 4); i > 0; --i) {
        out += "- ";
        append_sentence(out, rng);
        out.back() = '\n';
      }
      out += '\n';
    }
  }
  return out;
}

} // namespace

std::string render_doc(const Plan& plan, const FileSpec& spec, Rng& rng) {
  const std::vector<std::string> extra = module_commands(plan, spec);
  std::string out;
  switch (spec.kind) {
  case FileKind::agents:
    return render_agents(plan, spec, rng);
  case FileKind::claude:
    return "@AGENTS.md\n\n# Claude Code notes\n\n- Run `make test` before you commit.\n- Never edit files "
           "under "
           "`vendor/` or `third_party/`.\n- Generated code lives in `gen/`; regenerate with `make "
           "generate`.\n";
  case FileKind::changelog:
    return render_changelog(rng, spec.size);
  case FileKind::adr: {
    const auto [month, day, accepted] = std::tuple{rng.range(1, 12), rng.range(1, 28), rng.percent(80)};
    out = fmt::format("# {}\n\nDate: 2023-{:02}-{:02}\n\n## Status\n\n{}\n\n## Context\n\n",
                      title_of(spec.path), month, day, accepted ? "Accepted" : "Superseded");
    paragraph(out, plan, spec, rng);
    out += "## Decision\n\n";
    paragraph(out, plan, spec, rng);
    out += "## Consequences\n\n";
    break;
  }
  case FileKind::root_readme:
    out = "# Example monorepo\n\n[![CI](https://github.com/example/mono/actions/workflows/ci.yml/badge.svg)]"
          "(https://github.com/example/mono/actions)\n\n";
    paragraph(out, plan, spec, rng);
    out += "## Getting started\n\n```sh\nmake bootstrap\nmake build\nmake test\n```\n\nRead "
           "[AGENTS.md](AGENTS.md), [CONTRIBUTING.md](CONTRIBUTING.md) and [the docs](docs/index.md).\n\n";
    break;
  case FileKind::module_readme: {
    const Module& m = plan.modules[static_cast<std::size_t>(spec.module)];
    out = fmt::format("# {}\n\n", m.name);
    paragraph(out, plan, spec, rng);
    out += "## Usage\n\n";
    code_block(out, rng, extra);
    break;
  }
  case FileKind::module_agents:
    out = "# Agent instructions\n\n";
    out += extra.empty() ? "Run `make test` from the repository root.\n\n"
                         : fmt::format("Always run `{}` before finishing a change.\n\n", extra[0]);
    break;
  default:
    out = fmt::format("# {}\n\n", title_of(spec.path));
    paragraph(out, plan, spec, rng);
    break;
  }
  fill(out, plan, spec, rng, extra);
  return out;
}

} // namespace tacit::bench
