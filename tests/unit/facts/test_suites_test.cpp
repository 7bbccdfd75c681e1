// Tests for the test-suite extractor (facts/test_suites): which runners a repository's tests use, the
// suggested command, and the evidence, over in-memory file lists read through a FileReader lambda.

#include "ci_test_support.hpp"

#include <tacit/facts/facts.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

using namespace tacit;
using facts::TestSuite;

namespace {

// An in-memory repository (the shared test one) that also lists its test suites.
class Files : public test::CiRepo {
public:
  using CiRepo::CiRepo;
  std::vector<TestSuite> suites() const { return facts::extract_test_suites(files(), reader()); }
  facts::Facts all() const { return facts(); }
};

// "runner dir 'command'" for each suite.
std::vector<std::string> summary(const std::vector<TestSuite>& suites) {
  std::vector<std::string> out;
  for (const auto& suite : suites)
    out.push_back(suite.runner + " [" + suite.project_dir + "] " + suite.suggested_command);
  return out;
}

std::vector<std::string> evidence(const TestSuite& suite) {
  std::vector<std::string> out;
  for (const auto& e : suite.evidence)
    out.push_back(e.path + ":" + std::to_string(e.line));
  return out;
}

using Strings = std::vector<std::string>;

} // namespace

TEST_CASE("extract_test_suites: nothing to find") {
  CHECK(Files{}.suites().empty());
  CHECK(Files{{"README.md", "# hi\n"}, {"src/main.c", "int main(void) { return 0; }\n"}}.suites().empty());
  CHECK(Files{{"README.md", "# hi\n"}}.all().test_suites.empty());
}

TEST_CASE("extract_test_suites: ctest via add_test in CMakeLists.txt") {
  const Files files{{"CMakeLists.txt", "cmake_minimum_required(VERSION 3.20)\n"
                                       "project(x)\n"
                                       "add_executable(x main.c)\n"
                                       "add_test(NAME x COMMAND x)\n"},
                    {"main.c", "int main(void) { return 0; }\n"}};
  const auto suites = files.suites();
  REQUIRE(summary(suites) == Strings{"ctest [] ctest --test-dir build"});
  CHECK(evidence(suites[0]) == Strings{"CMakeLists.txt:4"});
  CHECK(suites[0].evidence[0].note == "CMake registers tests for ctest");
  CHECK(suites[0].script.empty());
}

TEST_CASE("extract_test_suites: ctest markers, the first one gives the line") {
  for (const auto& [content, line] : std::vector<std::pair<std::string, int>>{
           {"project(x)\nenable_testing()\nadd_test(NAME a COMMAND a)\n", 2},
           {"project(x)\n\ninclude(CTest)\n", 3},
           {"project(x)\nADD_TEST(a a)\n", 2},
           {"add_test (a a)\n", 1},
           {"project(x)\ngtest_discover_tests(t)\n", 2},
           {"project(x)\n\n\ndoctest_discover_tests(t)\n", 4},
           {"catch_discover_tests(t)\n", 1}}) {
    INFO(content);
    const Files files{{"CMakeLists.txt", content}};
    const auto suites = files.suites();
    REQUIRE(suites.size() == 1);
    CHECK(suites[0].runner == "ctest");
    CHECK(suites[0].evidence.at(0).line == line);
  }
  CHECK(Files{{"CMakeLists.txt", "project(x)\nadd_executable(x main.c)\n"}}.suites().empty());
  // Only files named CMakeLists.txt count.
  CHECK(Files{{"cmake/Tests.cmake", "add_test(NAME a COMMAND a)\n"}}.suites().empty());
}

TEST_CASE("extract_test_suites: ctest evidence is the shallowest CMakeLists.txt that registers tests") {
  const Files nested{{"CMakeLists.txt", "project(x)\nadd_subdirectory(tests)\n"},
                     {"tests/CMakeLists.txt", "add_test(NAME a COMMAND a)\n"}};
  auto suites = nested.suites();
  REQUIRE(suites.size() == 1);
  CHECK(evidence(suites[0]) == Strings{"tests/CMakeLists.txt:1"});

  const Files both{{"A/CMakeLists.txt", "add_test(NAME a COMMAND a)\n"},
                   {"CMakeLists.txt", "project(x)\nenable_testing()\n"},
                   {"z/deep/CMakeLists.txt", "add_test(NAME b COMMAND b)\n"}};
  suites = both.suites();
  REQUIRE(suites.size() == 1);
  CHECK(suites[0].project_dir == "");
  CHECK(evidence(suites[0]) == Strings{"CMakeLists.txt:2"});
}

TEST_CASE("extract_test_suites: pytest by test files") {
  const Files files{{"pkg/__init__.py", ""},
                    {"pkg/core.py", "def f(): pass\n"},
                    {"tests/test_core.py", "def test_f(): pass\n"},
                    {"tests/util_test.py", "def test_g(): pass\n"}};
  const auto suites = files.suites();
  REQUIRE(summary(suites) == Strings{"pytest [] pytest"});
  CHECK(evidence(suites[0]) == Strings{"tests/test_core.py:1"});
  CHECK(suites[0].evidence[0].note == "one of 2 Python test files");

  const Files single{{"test_app.py", "def test(): pass\n"}};
  REQUIRE(single.suites().size() == 1);
  CHECK(single.suites()[0].evidence[0].note == "a Python test file");

  const Files conftest{{"tests/conftest.py", "import pytest\n"}};
  CHECK(summary(conftest.suites()) == Strings{"pytest [] pytest"});
}

TEST_CASE("extract_test_suites: pytest configuration adds evidence") {
  const Files files{{"pyproject.toml", "[project]\n"
                                       "name = \"x\"\n"
                                       "\n"
                                       "[tool.pytest.ini_options]\n"
                                       "addopts = \"-q\"\n"},
                    {"tests/test_x.py", "def test(): pass\n"}};
  const auto suites = files.suites();
  REQUIRE(suites.size() == 1);
  CHECK(suites[0].runner == "pytest");
  CHECK(evidence(suites[0]) == Strings{"pyproject.toml:4", "tests/test_x.py:1"});
  CHECK(suites[0].evidence[0].note == "pytest is configured here");

  const Files ini{{"pytest.ini", "[pytest]\n"},
                  {"setup.cfg", "[metadata]\n[tool:pytest]\n"},
                  {"tox.ini", "[tox]\n[pytest]\n"},
                  {"test_a.py", ""}};
  CHECK(evidence(ini.suites().at(0)) == Strings{"pytest.ini:1", "setup.cfg:2", "tox.ini:2", "test_a.py:1"});

  // Configuration below the root does not count; a pyproject.toml without pytest adds nothing.
  const Files nested{{"sub/pytest.ini", "[pytest]\n"}, {"pyproject.toml", "[project]\n"}, {"test_a.py", ""}};
  CHECK(evidence(nested.suites().at(0)) == Strings{"test_a.py:1"});
}

TEST_CASE("extract_test_suites: pytest configuration without any test file is no suite") {
  const Files files{{"pyproject.toml", "[tool.pytest.ini_options]\n"}, {"src/app.py", "print(1)\n"}};
  CHECK(files.suites().empty());
  // Files that only look like tests.
  CHECK(Files{{"src/testing.py", ""}, {"src/contest.py", ""}, {"test_data.json", ""}}.suites().empty());
}

TEST_CASE("extract_test_suites: npm test script") {
  const Files files{{"package.json", "{\n"
                                     "  \"name\": \"pixel\",\n"
                                     "  \"scripts\": {\n"
                                     "    \"build\": \"tsc\",\n"
                                     "    \"test\": \"jest --coverage\"\n"
                                     "  }\n"
                                     "}\n"}};
  const auto suites = files.suites();
  REQUIRE(summary(suites) == Strings{"npm [] npm test"});
  CHECK(suites[0].script == "jest --coverage");
  CHECK(evidence(suites[0]) == Strings{"package.json:5"});
  CHECK(suites[0].evidence[0].note == "the \"test\" script runs 'jest --coverage'");
}

TEST_CASE("extract_test_suites: the `npm init` placeholder and empty scripts run no test") {
  CHECK(Files{{"package.json", R"({"scripts": {"test": "echo \"Error: no test specified\" && exit 1"}})"}}
            .suites()
            .empty());
  CHECK(Files{{"package.json", R"({"scripts": {"test": "   "}})"}}.suites().empty());
  CHECK(Files{{"package.json", R"({"scripts": {"build": "tsc"}})"}}.suites().empty());
  CHECK(Files{{"package.json", R"({"name": "x"})"}}.suites().empty());
  CHECK(Files{{"package.json", "not json at all"}}.suites().empty());
  CHECK(Files{{"package.json", ""}}.suites().empty());
  CHECK(Files{{"package.json", R"({"scripts": {"test": 42}})"}}.suites().empty());
}

TEST_CASE("extract_test_suites: the package manager comes from lockfiles, then packageManager") {
  const std::string package = R"({"scripts": {"test": "vitest"}})";
  CHECK(summary(Files{{"package.json", package}, {"pnpm-lock.yaml", ""}}.suites()) ==
        Strings{"pnpm [] pnpm test"});
  CHECK(summary(Files{{"package.json", package}, {"yarn.lock", ""}}.suites()) ==
        Strings{"yarn [] yarn test"});
  CHECK(summary(Files{{"package.json", package}, {"bun.lockb", ""}}.suites()) == Strings{"bun [] bun test"});
  CHECK(summary(Files{{"package.json", package}, {"bun.lock", ""}}.suites()) == Strings{"bun [] bun test"});
  CHECK(summary(Files{{"package.json", package}, {"package-lock.json", "{}"}}.suites()) ==
        Strings{"npm [] npm test"});
  CHECK(summary(Files{{"package.json", R"({"packageManager": "yarn@4.1.0", "scripts": {"test": "jest"}})"}}
                    .suites()) == Strings{"yarn [] yarn test"});
  CHECK(summary(Files{{"package.json", R"({"packageManager": "pnpm@9.0.0", "scripts": {"test": "jest"}})"}}
                    .suites()) == Strings{"pnpm [] pnpm test"});
  // A lockfile wins over packageManager.
  CHECK(summary(Files{{"package.json", R"({"packageManager": "yarn@4.1.0", "scripts": {"test": "jest"}})"},
                      {"pnpm-lock.yaml", ""}}
                    .suites()) == Strings{"pnpm [] pnpm test"});
}

TEST_CASE("extract_test_suites: nested JavaScript projects, lockfile next to them or at the root") {
  const Files files{{"apps/web/package.json", R"({"scripts": {"test": "vitest run"}})"},
                    {"apps/api/package.json", R"({"scripts": {"test": "jest"}})"},
                    {"apps/api/yarn.lock", ""},
                    {"pnpm-lock.yaml", ""},
                    {"package.json", R"({"private": true})"}};
  const auto suites = files.suites();
  CHECK(summary(suites) == Strings{"yarn [apps/api] yarn test", "pnpm [apps/web] pnpm test"});
  CHECK(suites.at(1).script == "vitest run");
  CHECK(evidence(suites.at(1)) == Strings{"apps/web/package.json:1"});
}

TEST_CASE("extract_test_suites: go test files") {
  const Files files{{"go.mod", "module example.com/x\n"},
                    {"cmd/x/main.go", "package main\n"},
                    {"internal/a/a_test.go", "package a\n"},
                    {"internal/b/b_test.go", "package b\n"}};
  const auto suites = files.suites();
  REQUIRE(summary(suites) == Strings{"go [] go test ./..."});
  CHECK(evidence(suites[0]) == Strings{"internal/a/a_test.go:1"});
  CHECK(suites[0].evidence[0].note == "one of 2 Go test files");
  CHECK(Files{{"x_test.go", ""}}.suites().at(0).evidence.at(0).note == "a Go test file");
  CHECK(Files{{"go.mod", ""}, {"main.go", ""}, {"testing.go", ""}}.suites().empty());
}

TEST_CASE("extract_test_suites: cargo with #[test] in a source file") {
  const Files files{{"Cargo.toml", "[package]\nname = \"x\"\n"},
                    {"src/lib.rs", "pub fn add(a: i32, b: i32) -> i32 { a + b }\n"
                                   "\n"
                                   "#[cfg(test)]\n"
                                   "mod tests {\n"
                                   "    #[test]\n"
                                   "    fn adds() {}\n"
                                   "}\n"},
                    {"src/main.rs", "fn main() {}\n"}};
  const auto suites = files.suites();
  REQUIRE(summary(suites) == Strings{"cargo [] cargo test"});
  CHECK(evidence(suites[0]) == Strings{"Cargo.toml:1", "src/lib.rs:3"});
  CHECK(Files{{"Cargo.toml", ""}, {"src/a.rs", "#[tokio::test]\nasync fn t() {}\n"}}
            .suites()
            .at(0)
            .evidence.at(1)
            .line == 1);
}

TEST_CASE("extract_test_suites: cargo with integration tests under tests/") {
  const Files files{{"Cargo.toml", "[package]\n"},
                    {"src/lib.rs", "pub fn f() {}\n"},
                    {"tests/it.rs", "#[test]\nfn works() {}\n"}};
  const auto suites = files.suites();
  REQUIRE(suites.size() == 1);
  CHECK(evidence(suites[0]) == Strings{"Cargo.toml:1", "tests/it.rs:1"});

  const Files workspace{{"Cargo.toml", "[workspace]\n"},
                        {"crates/core/Cargo.toml", "[package]\n"},
                        {"crates/core/tests/api.rs", "#[test]\nfn t() {}\n"}};
  const auto ws = workspace.suites();
  REQUIRE(ws.size() == 1);
  CHECK(ws[0].project_dir == "");
  CHECK(ws[0].suggested_command == "cargo test"); // a virtual manifest tests every member
  CHECK(ws[0].evidence[0].note == "a Cargo workspace (0 member patterns)");
  CHECK(evidence(ws[0]) == Strings{"Cargo.toml:1", "crates/core/tests/api.rs:1"});

  // A root package that is also a workspace: `cargo test` would test the root package only.
  const Files rooted{{"Cargo.toml", "[package]\nname = \"cli\"\n\n[workspace]\nmembers = [\"crates/*\"]\n"},
                     {"crates/core/Cargo.toml", "[package]\n"},
                     {"crates/core/tests/api.rs", "#[test]\nfn t() {}\n"}};
  const auto root = rooted.suites();
  REQUIRE(root.size() == 1);
  CHECK(root[0].suggested_command == "cargo test --workspace");
  CHECK(root[0].evidence[0].note == "a Cargo workspace (1 member patterns)");
}

TEST_CASE("extract_test_suites: cargo without tests, or tests without Cargo.toml") {
  CHECK(Files{{"Cargo.toml", "[package]\n"}, {"src/main.rs", "fn main() {}\n"}}.suites().empty());
  CHECK(Files{{"src/lib.rs", "#[test]\nfn t() {}\n"}}.suites().empty());
}

TEST_CASE("extract_test_suites: a JVM suite needs a JVM test source (not a template test, not Rust)") {
  const Files only_template{
      {"mobile/android/build.gradle.kts", "plugins { id(\"com.android.library\") }\n"},
      {"mobile/android/src/test/java/app/ExampleUnitTest.kt", "class ExampleUnitTest\n"},
      {"mobile/android/src/androidTest/java/app/ExampleInstrumentedTest.kt",
       "class ExampleInstrumentedTest\n"}};
  CHECK(only_template.suites().empty());

  const Files beside{{"build.gradle.kts", ""},
                     {"src/test/java/app/ExampleUnitTest.kt", "class ExampleUnitTest\n"},
                     {"src/test/java/app/ParserTest.kt", "class ParserTest\n"}};
  const auto suites = beside.suites();
  REQUIRE(summary(suites) == Strings{"gradle [] gradle test"});
  CHECK(evidence(suites[0]) == Strings{"build.gradle.kts:1", "src/test/java/app/ParserTest.kt:1"});

  // A Rust crate's src/test/ module beside an Android library's Gradle build (tauri): no JVM test.
  const Files rust{{"crates/app/mobile/android/build.gradle.kts", ""},
                   {"crates/app/src/test/mock_runtime.rs", "pub struct MockRuntime;\n"}};
  CHECK(rust.suites().empty());
}

TEST_CASE("extract_test_suites: maven and gradle with src/test/") {
  const Files maven{{"pom.xml", "<project/>\n"},
                    {"src/main/java/App.java", "class App {}\n"},
                    {"src/test/java/AppTest.java", "class AppTest {}\n"}};
  auto suites = maven.suites();
  REQUIRE(summary(suites) == Strings{"maven [] mvn test"});
  CHECK(evidence(suites[0]) == Strings{"pom.xml:1", "src/test/java/AppTest.java:1"});

  const Files gradle{{"build.gradle.kts", "plugins { java }\n"},
                     {"settings.gradle.kts", "rootProject.name = \"x\"\n"},
                     {"app/src/test/kotlin/AppTest.kt", "class AppTest\n"}};
  suites = gradle.suites();
  REQUIRE(summary(suites) == Strings{"gradle [] gradle test"});
  CHECK(evidence(suites[0]) == Strings{"build.gradle.kts:1", "app/src/test/kotlin/AppTest.kt:1"});

  const Files both{{"pom.xml", ""}, {"build.gradle", ""}, {"src/test/java/T.java", ""}};
  CHECK(summary(both.suites()) == Strings{"maven [] mvn test", "gradle [] gradle test"});

  const Files wrapper{{"build.gradle", ""}, {"gradlew", "#!/bin/sh\n"}, {"src/test/java/T.java", ""}};
  CHECK(summary(wrapper.suites()) == Strings{"gradle [] ./gradlew test"});

  const Files module{{"service/pom.xml", ""}, {"service/src/test/java/T.java", ""}};
  CHECK(summary(module.suites()) == Strings{"maven [service] mvn test"});
}

TEST_CASE("extract_test_suites: a JVM build without src/test/ is no suite") {
  CHECK(Files{{"pom.xml", ""}, {"src/main/java/App.java", ""}}.suites().empty());
  CHECK(Files{{"build.gradle", ""}, {"src/testing/x.java", ""}}.suites().empty());
  CHECK(Files{{"src/test/java/T.java", ""}}.suites().empty());
}

TEST_CASE("extract_test_suites: a polyglot repository, in extractor order") {
  const Files files{{"CMakeLists.txt", "enable_testing()\n"},
                    {"Cargo.toml", ""},
                    {"go.mod", ""},
                    {"native/tests/t.rs", ""},
                    {"package.json", R"({"scripts": {"test": "node --test"}})"},
                    {"pkg/x_test.go", ""},
                    {"pom.xml", ""},
                    {"python/tests/test_a.py", ""},
                    {"src/test/java/T.java", ""}};
  CHECK(summary(files.suites()) == Strings{"ctest [] ctest --test-dir build", "pytest [] pytest",
                                           "npm [] npm test", "go [] go test ./...", "cargo [] cargo test",
                                           "maven [] mvn test"});
  CHECK(summary(files.all().test_suites) == summary(files.suites()));
}

TEST_CASE("extract_test_suites: example, sample and fixture projects are not the repository's suites") {
  const Files files{{"examples/web/package.json", R"({"scripts": {"test": "jest"}})"},
                    {"examples/py/tests/test_a.py", ""},
                    {"samples/go/x_test.go", ""},
                    {"tests/fixtures/proj/CMakeLists.txt", "add_test(NAME a COMMAND a)\n"},
                    {"templates/rust/Cargo.toml", ""},
                    {"templates/rust/tests/t.rs", ""}};
  CHECK(files.suites().empty());
  const Files own{{"examples/web/package.json", R"({"scripts": {"test": "jest"}})"},
                  {"package.json", R"({"scripts": {"test": "vitest"}})"}};
  CHECK(summary(own.suites()) == Strings{"npm [] npm test"});
}

TEST_CASE("extract_test_suites: unreadable files read as empty") {
  const Files files{{"CMakeLists.txt", ""}, {"package.json", ""}, {"Cargo.toml", ""}, {"src/lib.rs", ""}};
  CHECK(files.suites().empty());
  // The reader is only asked for files an extractor needs.
  for (const auto& path : files.reads())
    CHECK((path == "CMakeLists.txt" || path == "package.json" || path == "src/lib.rs"));
}
