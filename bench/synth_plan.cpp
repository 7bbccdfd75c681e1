// Layout of the synthetic monorepo: which paths exist, of what kind and size. See synth.hpp.
#include "synth_planner.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tacit::bench {

FileSpec make(std::string path, FileKind kind, std::uint32_t size) {
  FileSpec spec;
  spec.path = std::move(path);
  spec.kind = kind;
  spec.size = size;
  return spec;
}

namespace {

void plan_root(Planner& p) {
  const FileSpec root[] = {
      make("README.md", FileKind::root_readme, 6000),
      make("AGENTS.md", FileKind::agents, 5000),
      make("CLAUDE.md", FileKind::claude),
      make("CONTRIBUTING.md", FileKind::contributing, 4000),
      make(".gitignore", FileKind::gitignore),
      make("Makefile", FileKind::makefile),
      make("package.json", FileKind::package_json),
      make("go.mod", FileKind::go_mod),
      make("Cargo.toml", FileKind::cargo_toml),
      make("pyproject.toml", FileKind::pyproject),
      make("CMakeLists.txt", FileKind::cmake),
      make(".editorconfig", FileKind::editorconfig),
      make(".gitattributes", FileKind::gitattributes),
      make(".github/workflows/ci.yml", FileKind::workflow),
      make("go.sum", FileKind::go_sum),
      make("LICENSE", FileKind::license),
      make("CHANGELOG.md", FileKind::changelog, 8000),
      make("docs/architecture.md", FileKind::architecture, 9000),
      make(".github/CODEOWNERS", FileKind::codeowners),
      make(".github/workflows/release.yml", FileKind::workflow),
      make(".github/workflows/lint.yml", FileKind::workflow),
      make(".pre-commit-config.yaml", FileKind::precommit),
      make(".golangci.yml", FileKind::tool_config),
      make(".prettierrc.json", FileKind::tool_config),
      make(".clang-format", FileKind::tool_config),
      make("rustfmt.toml", FileKind::tool_config),
      make("ruff.toml", FileKind::tool_config),
      make("tsconfig.base.json", FileKind::tsconfig),
      make("docker-compose.yml", FileKind::compose),
      make(".github/copilot-instructions.md", FileKind::module_agents, 2000),
      make("scripts/bootstrap.sh", FileKind::shell_script),
      make("scripts/release.sh", FileKind::shell_script),
      make("scripts/check-licenses.sh", FileKind::shell_script),
      make("scripts/windows/setup.bat", FileKind::crlf_script),
  };
  for (FileSpec spec : root) {
    spec.executable = spec.kind == FileKind::shell_script;
    if (!p.add(std::move(spec))) {
      return;
    }
  }
  FileSpec gemini = make("GEMINI.md", FileKind::symlink);
  gemini.target = "AGENTS.md";
  p.add(std::move(gemini));
}

void plan_workflows(Planner& p, std::uint64_t count) {
  p.plan().workflows = {".github/workflows/ci.yml", ".github/workflows/release.yml",
                        ".github/workflows/lint.yml"};
  static constexpr std::string_view k_kinds[] = {"deploy", "nightly", "e2e", "docs", "security", "perf"};
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto [kind, domain] = std::tuple{p.rng().pick(std::span{k_kinds}), p.rng().pick(words::domains)};
    const std::string path = p.unique(".github/workflows", fmt::format("{}-{}", kind, domain), ".yml");
    if (!p.add(path, FileKind::workflow)) {
      return;
    }
    p.plan().workflows.push_back(path);
  }
}

void plan_docs(Planner& p, std::uint64_t count) {
  static constexpr std::string_view k_fixed[] = {
      "docs/index.md", "docs/getting-started.md", "docs/development/testing.md",
      "docs/development/releasing.md", "docs/development/style.md"};
  std::uint64_t made = 0;
  for (const std::string_view path : k_fixed) {
    if (made++ >= count || !p.add(std::string{path}, FileKind::doc, p.rng().log_size(1500, 12000))) {
      return;
    }
  }
  int adr = 1;
  Rng& rng = p.rng();
  while (made++ < count) {
    FileSpec spec;
    spec.kind = FileKind::doc;
    spec.size = rng.log_size(1000, 14000);
    const auto [category, domain, verb, noun] =
        std::tuple{rng.below(5), rng.pick(words::domains), rng.pick(words::verbs), rng.pick(words::nouns)};
    switch (category) {
    case 0:
      spec.kind = FileKind::adr;
      spec.path = fmt::format("docs/adr/{:04}-{}-{}.md", adr++, verb, noun);
      break;
    case 1:
      spec.path = p.unique("docs/runbooks", fmt::format("{}-{}", domain, noun), ".md");
      break;
    case 2:
      spec.path = p.unique("docs/api", noun, ".md");
      break;
    default:
      spec.path = p.unique(fmt::format("docs/guides/{}", domain), fmt::format("{}-{}", verb, noun), ".md");
      break;
    }
    // One Windows-edited document, as real trees have.
    spec.crlf = made == 9;
    if (!p.add(std::move(spec))) {
      return;
    }
  }
}

void plan_odd(Planner& p, std::uint64_t count) {
  Rng& rng = p.rng();
  const FileSpec fixed[] = {
      make("assets/logo.png", FileKind::png, rng.log_size(20000, 200000)),
      make("web/dist/bundle.min.js", FileKind::minified_js, rng.log_size(300000, 900000)),
      make("testdata/fixtures/large.json", FileKind::large_json, rng.log_size(800000, 2000000)),
      make("docs/legacy/notes-utf16.txt", FileKind::utf16_text, 3000),
      make("testdata/latin1.txt", FileKind::latin1_text, 2000),
      make("testdata/empty.txt", FileKind::empty),
  };
  std::uint64_t made = 0;
  for (const FileSpec& spec : fixed) {
    if (made++ >= count || !p.add(spec)) {
      return;
    }
  }
  while (made++ < count) {
    const auto [png, domain, noun] =
        std::tuple{rng.percent(50), rng.pick(words::domains), rng.pick(words::nouns)};
    if (png) {
      p.add(p.unique("assets/icons", noun, ".png"), FileKind::png, rng.log_size(500, 40000));
    } else {
      p.add(p.unique(fmt::format("testdata/{}", domain), noun, ".bin"), FileKind::binary_blob,
            rng.log_size(1000, 64000));
    }
  }
}

// Vendored third-party code: tracked, but not the project's own (tacit should skip it).
void plan_vendor(Planner& p, std::uint64_t go_files, std::uint64_t c_files) {
  Rng& rng = p.rng();
  if (go_files > 0 && p.add("vendor/modules.txt", FileKind::vendor_modules_txt)) {
    --go_files;
  }
  auto fill = [&](std::uint64_t budget, bool go) {
    while (budget > 0) {
      const std::string lib = p.fresh_name();
      const std::string dir = go ? fmt::format("vendor/github.com/{}/{}", rng.pick(words::people), lib)
                                 : fmt::format("third_party/{}", lib);
      const std::uint64_t size =
          std::min<std::uint64_t>(budget, static_cast<std::uint64_t>(rng.range(4, 40)));
      for (std::uint64_t i = 0; i < size; ++i) {
        FileSpec spec;
        spec.kind = FileKind::vendor_source;
        spec.lang = go ? Lang::go : Lang::cpp;
        spec.size = rng.log_size(1000, 30000);
        if (i == 0) {
          spec.kind = FileKind::doc;
          spec.path = dir + "/README.md";
        } else if (i == 1) {
          spec.kind = FileKind::license;
          spec.path = dir + "/LICENSE";
        } else {
          const auto [nested, sub, stem, header] =
              std::tuple{rng.percent(30), rng.pick(words::nouns), rng.pick(words::nouns), rng.percent(40)};
          spec.path = p.unique(nested ? fmt::format("{}/{}", dir, sub) : dir, stem,
                               go ? ".go" : (header ? ".h" : ".c"));
        }
        if (!p.add(std::move(spec))) {
          return;
        }
      }
      budget -= size;
    }
  };
  fill(go_files, true);
  fill(c_files, false);
}

} // namespace

Plan plan_repository(std::uint64_t tracked_files, std::uint64_t seed) {
  Planner p(tracked_files, seed);
  plan_root(p);
  const std::uint64_t n = tracked_files;
  plan_workflows(p, std::min<std::uint64_t>(p.left(), std::min<std::uint64_t>(40, 2 + n / 4000)));
  plan_docs(p, std::min<std::uint64_t>(p.left(), std::max<std::uint64_t>(6, n * 3 / 100)));
  plan_odd(p, std::min<std::uint64_t>(p.left(), std::min<std::uint64_t>(80, 6 + n / 2000)));
  if (n >= 200) {
    plan_vendor(p, std::min<std::uint64_t>(p.left(), n * 6 / 100),
                std::min<std::uint64_t>(p.left(), n * 3 / 200));
  }
  plan_modules(p);
  // Untracked, ignored build output: on disk like in a developer's checkout, but never in the index.
  Rng& rng = p.rng();
  const bool has_gitignore =
      std::any_of(p.plan().files.begin(), p.plan().files.end(),
                  [](const FileSpec& spec) { return spec.kind == FileKind::gitignore; });
  const std::uint64_t ignored = has_gitignore ? std::clamp<std::uint64_t>(n / 100, 10, 2000) : 0;
  for (std::uint64_t i = 0; i < ignored; ++i) {
    const auto [package, stem, size] =
        std::tuple{rng.pick(words::nouns), rng.pick(words::verbs), rng.log_size(500, 20000)};
    FileSpec spec = make(p.unique(fmt::format("web/node_modules/{}/lib", package), stem, ".js"),
                         FileKind::vendor_source, size);
    spec.lang = Lang::typescript;
    spec.tracked = false;
    p.add(std::move(spec));
  }
  for (const FileSpec& spec : p.plan().files) {
    if (spec.tracked && spec.kind != FileKind::symlink && spec.path.ends_with(".md") &&
        !spec.path.starts_with("vendor/") && !spec.path.starts_with("third_party/")) {
      p.plan().docs.push_back(spec.path);
    }
  }
  return std::move(p.plan());
}

} // namespace tacit::bench
