// Language modules of the synthetic monorepo: services, packages, crates, each with docs, build file and
// tests.
#include "synth_planner.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tacit::bench {
namespace {

struct Layout {
  std::string dir;
  std::vector<std::string> source_dirs;
  std::string test_dir;
};

Lang pick_lang(Rng& rng) {
  const std::uint64_t roll = rng.below(100);
  if (roll < 28) {
    return Lang::go;
  }
  if (roll < 48) {
    return Lang::python;
  }
  if (roll < 72) {
    return Lang::typescript;
  }
  if (roll < 82) {
    return Lang::cpp;
  }
  if (roll < 92) {
    return Lang::rust;
  }
  return Lang::java;
}

Layout make_layout(Rng& rng, Lang lang, const std::string& name) {
  const std::string_view domain = rng.pick(words::domains);
  Layout layout;
  std::vector<std::string> bases;
  switch (lang) {
  case Lang::go:
    layout.dir = fmt::format("services/{}/{}", domain, name);
    bases = {layout.dir + "/internal", layout.dir + "/pkg"};
    break;
  case Lang::python:
    layout.dir = fmt::format("python/{}/{}", domain, name);
    bases = {fmt::format("{}/src/{}", layout.dir, snake(name))};
    layout.test_dir = layout.dir + "/tests";
    break;
  case Lang::typescript:
    layout.dir = fmt::format("web/{}/{}", rng.percent(70) ? "packages" : "apps", name);
    bases = {layout.dir + "/src"};
    break;
  case Lang::cpp:
    layout.dir = fmt::format("native/{}", name);
    bases = {layout.dir + "/src"};
    layout.test_dir = layout.dir + "/tests";
    break;
  case Lang::rust:
    layout.dir = fmt::format("crates/{}", name);
    bases = {layout.dir + "/src"};
    layout.test_dir = layout.dir + "/tests";
    break;
  case Lang::java:
    layout.dir = fmt::format("java/{}/{}", domain, name);
    bases = {fmt::format("{}/src/main/java/com/example/{}/{}", layout.dir, domain, snake(name))};
    layout.test_dir = fmt::format("{}/src/test/java/com/example/{}/{}", layout.dir, domain, snake(name));
    break;
  }
  layout.source_dirs = bases;
  return layout;
}

// Grows the directory tree of a module: each new directory nests under an existing one, up to 4 levels below.
void grow_dirs(Rng& rng, Layout& layout, std::uint64_t count) {
  const std::size_t roots = layout.source_dirs.size();
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::string& parent = layout.source_dirs[rng.below(layout.source_dirs.size())];
    if (std::count(parent.begin(), parent.end(), '/') >
        std::count(layout.dir.begin(), layout.dir.end(), '/') + 5) {
      continue;
    }
    layout.source_dirs.push_back(fmt::format("{}/{}", parent, rng.pick(words::nouns)));
  }
  if (layout.source_dirs.size() > roots && rng.percent(80)) {
    // Code rarely sits directly in the root source directory of a larger module.
    layout.source_dirs.erase(layout.source_dirs.begin(),
                             layout.source_dirs.begin() + static_cast<long>(roots));
  }
}

std::string stem_for(Rng& rng, Lang lang) {
  const std::string_view noun = rng.pick(words::nouns);
  const std::string_view other = rng.percent(50) ? rng.pick(words::verbs) : rng.pick(words::adjectives);
  switch (lang) {
  case Lang::typescript:
    return rng.percent(50) ? std::string{noun} : fmt::format("{}-{}", other, noun);
  case Lang::java:
    return camel(fmt::format("{}-{}", other, noun));
  default:
    return rng.percent(40) ? std::string{noun} : fmt::format("{}_{}", noun, other);
  }
}

std::string_view source_ext(Rng& rng, Lang lang) {
  switch (lang) {
  case Lang::go:
    return ".go";
  case Lang::python:
    return ".py";
  case Lang::typescript:
    return rng.percent(20) ? ".tsx" : ".ts";
  case Lang::cpp:
    return ".cpp";
  case Lang::rust:
    return ".rs";
  case Lang::java:
    return ".java";
  }
  return ".txt";
}

std::string test_path(Planner& p, const Layout& layout, Lang lang, const std::string& dir,
                      const std::string& stem) {
  switch (lang) {
  case Lang::go:
    return p.unique(dir, stem + "_test", ".go");
  case Lang::python:
    return p.unique(layout.test_dir, "test_" + stem, ".py");
  case Lang::typescript:
    return p.unique(dir, stem + ".test", ".ts");
  case Lang::cpp:
    return p.unique(layout.test_dir, stem + "_test", ".cpp");
  case Lang::rust:
    return p.unique(layout.test_dir, stem, ".rs");
  case Lang::java:
    return p.unique(layout.test_dir, stem + "Test", ".java");
  }
  return p.unique(dir, stem, ".txt");
}

// Module-level files in priority order: README first, then the build file, then extras.
std::vector<FileSpec> overhead_files(Rng& rng, Lang lang, const Layout& layout, const std::string& name) {
  std::vector<FileSpec> out;
  out.push_back(make(layout.dir + "/README.md", FileKind::module_readme, rng.log_size(1200, 9000)));
  switch (lang) {
  case Lang::go:
    if (rng.percent(40)) {
      out.push_back(make(layout.dir + "/Makefile", FileKind::makefile));
    }
    if (rng.percent(10)) {
      out.push_back(make(layout.dir + "/go.mod", FileKind::go_mod));
    }
    out.push_back(make(fmt::format("{}/cmd/{}/main.go", layout.dir, name), FileKind::source, 2500));
    out.back().lang = Lang::go;
    break;
  case Lang::python:
    out.push_back(make(layout.dir + "/pyproject.toml", FileKind::pyproject));
    out.push_back(make(fmt::format("{}/src/{}/__init__.py", layout.dir, snake(name)), FileKind::empty));
    break;
  case Lang::typescript:
    out.push_back(make(layout.dir + "/package.json", FileKind::package_json));
    out.push_back(make(layout.dir + "/tsconfig.json", FileKind::tsconfig));
    break;
  case Lang::cpp:
    out.push_back(make(layout.dir + "/CMakeLists.txt", FileKind::cmake));
    break;
  case Lang::rust:
    out.push_back(make(layout.dir + "/Cargo.toml", FileKind::cargo_toml));
    break;
  case Lang::java:
    out.push_back(make(layout.dir + "/build.gradle", FileKind::gradle));
    break;
  }
  if (lang != Lang::rust && lang != Lang::cpp && rng.percent(45)) {
    out.push_back(make(layout.dir + "/Dockerfile", FileKind::dockerfile));
  }
  if (rng.percent(8)) {
    out.push_back(make(layout.dir + "/AGENTS.md", FileKind::module_agents, rng.log_size(800, 4000)));
  }
  return out;
}

void plan_module(Planner& p, std::uint64_t budget) {
  Rng& rng = p.rng();
  const Lang lang = pick_lang(rng);
  const std::string name = p.fresh_name();
  Layout layout = make_layout(rng, lang, name);
  const int module = static_cast<int>(p.plan().modules.size());
  p.plan().modules.push_back(Module{layout.dir, name, lang});

  std::uint64_t used = 0;
  for (FileSpec spec : overhead_files(rng, lang, layout, name)) {
    if (used >= budget) {
      return;
    }
    spec.module = module;
    spec.executable = false;
    p.add(std::move(spec));
    ++used;
  }
  grow_dirs(rng, layout, std::max<std::uint64_t>(1, (budget - used) / 9));
  while (used < budget) {
    FileSpec spec;
    spec.lang = lang;
    spec.module = module;
    const std::string& dir = rng.pick(layout.source_dirs);
    const std::string stem = stem_for(rng, lang);
    if (rng.percent(27)) {
      spec.kind = FileKind::test;
      spec.path = test_path(p, layout, lang, dir, stem);
      spec.size = rng.log_size(900, 16000);
    } else {
      spec.kind = FileKind::source;
      if (lang == Lang::cpp && rng.percent(35)) {
        spec.path = p.unique(fmt::format("{}/include/{}", layout.dir, snake(name)), stem, ".hpp");
      } else {
        spec.path = p.unique(dir, stem, source_ext(rng, lang));
      }
      spec.size = rng.percent(1) ? rng.log_size(20000, 120000) : rng.log_size(1000, 20000);
      p.plan().code_paths.push_back(spec.path);
    }
    if (!p.add(std::move(spec))) {
      return;
    }
    ++used;
  }
}

} // namespace

void plan_modules(Planner& p) {
  Rng& rng = p.rng();
  while (p.left() > 0) {
    const std::uint64_t size = rng.percent(8) ? static_cast<std::uint64_t>(rng.range(60, 400))
                                              : static_cast<std::uint64_t>(rng.range(8, 60));
    plan_module(p, std::min(size, p.left()));
  }
}

} // namespace tacit::bench
