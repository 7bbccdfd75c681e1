// Test suites: which known runners the repository's tests use, with the evidence.

#include "json_scripts.hpp"
#include "runners.hpp"
#include "toml_util.hpp"

#include <tacit/facts/facts.hpp>
#include <tacit/facts/vendored.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/util/timing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

namespace tacit::facts {

namespace {

using Files = std::vector<const repo::FileEntry*>;

// The 1-based line of the first occurrence of any needle (case-insensitive), or 0.
int find_line(std::string_view content, std::initializer_list<std::string_view> needles) {
  const auto lower = util::to_lower(content);
  std::size_t best = std::string::npos;
  for (auto needle : needles)
    best = std::min(best, lower.find(needle));
  if (best == std::string::npos)
    return 0;
  return static_cast<int>(
             std::count(lower.begin(), lower.begin() + static_cast<std::ptrdiff_t>(best), '\n')) +
         1;
}

bool has_file(const Files& files, std::string_view path) {
  return std::binary_search(files.begin(), files.end(), path, [](const auto& a, const auto& b) {
    if constexpr (std::is_same_v<std::decay_t<decltype(a)>, std::string_view>)
      return a < std::string_view(b->path);
    else
      return std::string_view(a->path) < b;
  });
}

std::string join_dir(std::string_view dir, std::string_view name) {
  return dir.empty() ? std::string(name) : fmt::format("{}/{}", dir, name);
}

// Example, sample and fixture projects, and copies of other projects (facts::in_vendored_dir), are not the
// repository's own test suites.
bool in_example_dir(std::string_view path) {
  constexpr std::array<std::string_view, 14> k_example_dirs{
      "examples", "example",       "samples",       "sample",    "fixtures", "__fixtures__", "demo",
      "demos",    "test-fixtures", "test_fixtures", "templates", "template", "contrib",      "submodules"};
  if (in_vendored_dir(path))
    return true;
  for (auto part : util::split(util::dir_name(path), '/')) {
    const auto lower = util::to_lower(part);
    for (auto name : k_example_dirs)
      if (lower == name)
        return true;
  }
  return false;
}

bool is_python_test_file(std::string_view path) {
  const auto name = util::base_name(path);
  return name.ends_with(".py") &&
         (name.starts_with("test_") || name.ends_with("_test.py") || name == "conftest.py");
}

void detect_ctest(const Files& files, const FileReader& read, std::vector<TestSuite>& out) {
  // One suite for the repository, evidenced by the shallowest CMakeLists.txt that registers tests.
  std::optional<Provenance> best;
  for (const auto* file : files) {
    if (util::base_name(file->path) != "CMakeLists.txt")
      continue;
    if (best && std::count(file->path.begin(), file->path.end(), '/') >=
                    std::count(best->path.begin(), best->path.end(), '/'))
      continue;
    const auto content = read(*file);
    const int line =
        find_line(content, {"add_test(", "add_test (", "enable_testing(", "doctest_discover_tests(",
                            "gtest_discover_tests(", "catch_discover_tests(", "include(ctest)"});
    if (line > 0)
      best = Provenance{file->path, line, "CMake registers tests for ctest"};
  }
  if (!best)
    return;
  TestSuite suite{"ctest", std::string(util::dir_name(best->path)), "ctest --test-dir build", {}, {}};
  suite.evidence.push_back(std::move(*best));
  out.push_back(std::move(suite));
}

void detect_pytest(const Files& files, const FileReader& read, std::vector<TestSuite>& out) {
  TestSuite suite{"pytest", "", "pytest", {}, {}};
  std::size_t test_files = 0;
  const repo::FileEntry* first_test = nullptr;
  for (const auto* file : files) {
    const auto name = util::base_name(file->path);
    if (is_python_test_file(file->path)) {
      if (!first_test)
        first_test = file;
      ++test_files;
    }
    const bool config_candidate =
        name == "pytest.ini" || name == "pyproject.toml" || name == "setup.cfg" || name == "tox.ini";
    if (!config_candidate || file->path.find('/') != std::string::npos)
      continue;
    const auto content = read(*file);
    int line = 0;
    if (name == "pytest.ini")
      line = 1;
    else if (name == "pyproject.toml")
      line = find_line(content, {"[tool.pytest"});
    else if (name == "setup.cfg")
      line = find_line(content, {"[tool:pytest]"});
    else
      line = find_line(content, {"[pytest]"});
    if (line > 0)
      suite.evidence.push_back(Provenance{file->path, line, "pytest is configured here"});
  }
  if (test_files == 0)
    return;
  suite.evidence.push_back(Provenance{
      first_test->path, 1,
      test_files == 1 ? "a Python test file" : fmt::format("one of {} Python test files", test_files)});
  out.push_back(std::move(suite));
}

void detect_npm(const Files& files, const FileReader& read, std::vector<TestSuite>& out) {
  for (const auto* file : files) {
    if (util::base_name(file->path) != "package.json")
      continue;
    const auto& package = read.package_json(*file);
    const auto it = package.scripts.find("test");
    if (it == package.scripts.end())
      continue;
    // `npm init`'s placeholder runs no test.
    if (util::contains(it->second.value, "no test specified") || util::trim(it->second.value).empty())
      continue;
    const auto dir = std::string(util::dir_name(file->path));
    const auto field = package.fields.find("packageManager");
    const auto pm =
        node_package_manager(files, dir, field == package.fields.end() ? "" : field->second.value, read);
    TestSuite suite{pm, dir, fmt::format("{} test", pm), it->second.value, {}};
    suite.evidence.push_back(Provenance{file->path, it->second.line,
                                        fmt::format("the \"test\" script runs '{}'", it->second.value)});
    out.push_back(std::move(suite));
  }
}

void detect_go(const Files& files, std::vector<TestSuite>& out) {
  std::size_t count = 0;
  const repo::FileEntry* first = nullptr;
  for (const auto* file : files) {
    if (file->path.ends_with("_test.go")) {
      if (!first)
        first = file;
      ++count;
    }
  }
  if (!first)
    return;
  TestSuite suite{"go", "", "go test ./...", {}, {}};
  suite.evidence.push_back(Provenance{
      first->path, 1, count == 1 ? "a Go test file" : fmt::format("one of {} Go test files", count)});
  out.push_back(std::move(suite));
}

void detect_cargo(const Files& files, const FileReader& read, std::vector<TestSuite>& out) {
  const repo::FileEntry* manifest = nullptr;
  for (const auto* file : files)
    if (util::base_name(file->path) == "Cargo.toml" &&
        (!manifest || file->path.size() < manifest->path.size()))
      manifest = file;
  if (!manifest)
    return;
  // Integration tests (tests/*.rs) first; else the first source file with a unit test.
  const repo::FileEntry* evidence = nullptr;
  int line = 1;
  for (const auto* file : files) {
    if (file->path.ends_with(".rs") &&
        (file->path.starts_with("tests/") || util::contains(file->path, "/tests/"))) {
      evidence = file;
      break;
    }
  }
  if (!evidence) {
    for (const auto* file : files) {
      if (!file->path.ends_with(".rs"))
        continue;
      const auto content = read(*file);
      if (const int found = find_line(content, {"#[test]", "#[cfg(test)]", "#[tokio::test"}); found > 0) {
        evidence = file;
        line = found;
        break;
      }
    }
  }
  if (!evidence)
    return;
  // In a workspace whose root manifest is also a package, `cargo test` tests only that package.
  std::string command = "cargo test";
  std::string note = "a Cargo project";
  if (const auto& doc = read.toml(*manifest); doc && doc->find("workspace")) {
    const auto* members = doc->find("workspace")->find("members");
    note = fmt::format("a Cargo workspace ({} member patterns)", members ? members->items.size() : 0);
    if (doc->find("package"))
      command = "cargo test --workspace";
  }
  TestSuite suite{"cargo", std::string(util::dir_name(manifest->path)), command, {}, {}};
  suite.evidence.push_back(Provenance{manifest->path, 1, note});
  suite.evidence.push_back(Provenance{evidence->path, line, "Rust tests"});
  out.push_back(std::move(suite));
}

// A JVM test source under src/test/: Java, Kotlin, Scala or Groovy (a Rust crate's src/test/mock.rs is none),
// and not the test Android Studio's project template writes (`ExampleUnitTest.kt`: assertEquals(4, 2 + 2)),
// which tests nothing of the project, so a Gradle build with only it has no tests to run.
bool is_jvm_test_source(std::string_view path) {
  if (!path.starts_with("src/test/") && !util::contains(path, "/src/test/"))
    return false;
  const auto name = util::base_name(path);
  if (name.starts_with("ExampleUnitTest.") || name.starts_with("ExampleInstrumentedTest."))
    return false;
  for (std::string_view extension : {".java", ".kt", ".kts", ".scala", ".groovy"})
    if (name.ends_with(extension))
      return true;
  return false;
}

void detect_jvm(const Files& files, std::vector<TestSuite>& out) {
  const repo::FileEntry* pom = nullptr;
  const repo::FileEntry* gradle = nullptr;
  const repo::FileEntry* test_source = nullptr;
  for (const auto* file : files) {
    const auto name = util::base_name(file->path);
    if (name == "pom.xml" && (!pom || file->path.size() < pom->path.size()))
      pom = file;
    if ((name == "build.gradle" || name == "build.gradle.kts" || name == "settings.gradle" ||
         name == "settings.gradle.kts") &&
        (!gradle || file->path.size() < gradle->path.size()))
      gradle = file;
    if (!test_source && is_jvm_test_source(file->path))
      test_source = file;
  }
  if (!test_source)
    return;
  if (pom) {
    TestSuite suite{"maven", std::string(util::dir_name(pom->path)), "mvn test", {}, {}};
    suite.evidence.push_back(Provenance{pom->path, 1, "a Maven build"});
    suite.evidence.push_back(Provenance{test_source->path, 1, "test sources under src/test/"});
    out.push_back(std::move(suite));
  }
  if (gradle) {
    const auto dir = std::string(util::dir_name(gradle->path));
    const bool wrapper = has_file(files, join_dir(dir, "gradlew")) || has_file(files, "gradlew");
    TestSuite suite{"gradle", dir, wrapper ? "./gradlew test" : "gradle test", {}, {}};
    suite.evidence.push_back(Provenance{gradle->path, 1, "a Gradle build"});
    suite.evidence.push_back(Provenance{test_source->path, 1, "test sources under src/test/"});
    out.push_back(std::move(suite));
  }
}

// A Swift package's tests (Tests/**/*.swift) run with `swift test`; a CMake build beside it registers the
// same tests for toolchains (`include(CTest)`), so its ctest suite is no suite of its own.
void detect_swift(const Files& files, std::vector<TestSuite>& out) {
  if (!is_swift_package(files))
    return;
  const auto test = std::ranges::find_if(files, [](const repo::FileEntry* file) {
    return file->path.starts_with("Tests/") && file->path.ends_with(".swift");
  });
  if (test == files.end())
    return;
  std::erase_if(out,
                [](const TestSuite& suite) { return suite.runner == "ctest" && suite.project_dir.empty(); });
  TestSuite suite{"swift", "", "swift test", {}, {}};
  suite.evidence.push_back(Provenance{"Package.swift", 1, "a Swift package"});
  suite.evidence.push_back(Provenance{(*test)->path, 1, "Swift tests under Tests/"});
  out.push_back(std::move(suite));
}

// A .NET test project by its name, as the .NET templates and most repositories name them:
// AutoMapper.UnitTests, Serilog.Tests, Polly.Core.Tests, xunit.v3.core.tests, FSharp.Core.Test.
bool is_dotnet_test_project(std::string_view path) {
  const auto name = util::base_name(path);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos)
    return false;
  const auto extension = name.substr(dot);
  if (extension != ".csproj" && extension != ".fsproj" && extension != ".vbproj")
    return false;
  const auto stem = util::to_lower(name.substr(0, dot));
  for (const auto part : util::split(stem, '.'))
    if (part.ends_with("tests") || part == "test" || part.ends_with("specs") || part == "spec")
      return true;
  return false;
}

// The test projects of a .NET build run with `dotnet test`, from the solution at the root.
void detect_dotnet(const Files& files, const FileReader& read, std::vector<TestSuite>& out) {
  const auto solution = dotnet_build(files, read);
  if (!solution)
    return;
  // The shortest name shows the main one (Newtonsoft.Json.Tests, not Newtonsoft.Json.FuzzTests).
  const repo::FileEntry* test = nullptr;
  for (const auto* file : files)
    if (is_dotnet_test_project(file->path) &&
        (!test || util::base_name(file->path).size() < util::base_name(test->path).size()))
      test = file;
  if (!test)
    return;
  TestSuite suite{
      "dotnet", "", solution->target.empty() ? "dotnet test" : "dotnet test " + solution->target, {}, {}};
  suite.evidence.push_back(solution->evidence);
  suite.evidence.push_back(Provenance{test->path, 1, "a .NET test project"});
  out.push_back(std::move(suite));
}

} // namespace

std::vector<TestSuite> extract_test_suites(const Files& all_files, const FileReader& read) {
  Files files;
  for (const auto* file : all_files)
    if (!in_example_dir(file->path))
      files.push_back(file);
  std::vector<TestSuite> suites;
  detect_ctest(files, read, suites);
  detect_pytest(files, read, suites);
  detect_npm(files, read, suites);
  detect_go(files, suites);
  detect_cargo(files, read, suites);
  detect_jvm(files, suites);
  detect_swift(files, suites);
  detect_dotnet(files, read, suites);
  return suites;
}

Facts extract_facts(const Files& files, const FileReader& read) {
  Facts facts;
  // Each extractor's wall time with TACIT_TIMING=1.
  const auto timed = [](std::string_view what, auto&& extract) {
    const util::ScopedTiming timing(what);
    return extract();
  };
  facts.test_suites = timed("facts: extract_test_suites", [&] { return extract_test_suites(files, read); });
  facts.target_sets = timed("facts: extract_targets", [&] { return extract_targets(files, read); });
  facts.scripts = timed("facts: extract_scripts", [&] { return extract_scripts(files, read); });
  facts.build_systems =
      timed("facts: extract_build_systems", [&] { return extract_build_systems(files, read); });
  facts.tools = timed("facts: extract_tools", [&] { return extract_tools(files, read); });
  facts.pre_commit_hooks =
      timed("facts: extract_pre_commit_hooks", [&] { return extract_pre_commit_hooks(files, read); });
  facts.toolchain_pins =
      timed("facts: extract_toolchain_pins", [&] { return extract_toolchain_pins(files, read); });
  facts.setup_files = timed("facts: extract_setup_files", [&] { return extract_setup_files(files, read); });
  facts.style_settings =
      timed("facts: extract_style_settings", [&] { return extract_style_settings(files, read); });
  facts.contribution_files =
      timed("facts: extract_contribution_files", [&] { return extract_contribution_files(files, read); });
  facts.release_mechanisms = timed("facts: extract_release_mechanisms", [&] {
    return extract_release_mechanisms(files, read, facts.target_sets);
  });
  facts.read_only =
      timed("facts: find_read_only_statement", [&] { return find_read_only_statement(files, read); });
  for (const auto* file : files) {
    const auto name = util::base_name(file->path);
    if (name == "CMakeLists.txt" || name == "configure.ac" || name == "configure.in" ||
        name == "Makefile.am" || name == "Makefile.in" || name == "meson.build" || name.ends_with(".pro") ||
        name == "configure" || name == "Kconfig" || name == "premake5.lua" || name == "wscript") {
      facts.generated_makefiles = true;
      break;
    }
  }
  add_runner_facts(facts);
  timed("facts: extract_decision_records", [&] {
    extract_decision_records(files, read, facts);
    return 0;
  });
  facts.source_size = timed("facts: extract_source_size", [&] { return extract_source_size(files); });
  facts.architecture_docs = timed("facts: extract_architecture_docs",
                                  [&] { return extract_architecture_docs(files, read, facts.source_size); });
  return facts;
}

} // namespace tacit::facts
