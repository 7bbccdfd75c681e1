// TASK102 test-undocumented: tests exist and no doc gives a command to run them.

#include "fix_support.hpp"
#include "procedure_support.hpp"

#include <tacit/doc/knowledge.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <map>
#include <set>

namespace tacit::rules {

namespace {

constexpr engine::RuleMeta k_meta{
    .id = "TASK102",
    .name = "test-undocumented",
    .category = "TASK",
    .severity = engine::Severity::warning,
    .summary = "tests exist and no doc gives a command to run them",
    .docs =
        {
            .what_it_does =
                "Detects test suites (CMake tests run by ctest, pytest, npm/pnpm/yarn/bun `test` scripts, Go "
                "`_test.go` files, Cargo tests, Maven and Gradle `src/test/`, tox test environments, nox "
                "test "
                "sessions, "
                "CMake test presets, a Taskfile `test` task, a Swift package's Tests/ run by `swift test`, "
                "which replaces the ctest suite of a CMake build beside it, the test projects of a .NET "
                "solution (`*.Tests.csproj`) run by `dotnet test` or by the repository's documented build "
                "script) and checks that some doc "
                "(README, "
                "CONTRIBUTING, docs/, an agent context file; Markdown, reStructuredText, AsciiDoc or text) "
                "shows "
                "a "
                "command that runs them. Commands are matched on their normalised head, so `uv run pytest "
                "-x` "
                "documents pytest, and a command that runs tests through a task runner counts too (`make "
                "test`, "
                "`make check`, `tox`, `nox`, `just test`, `npm test`, `mvn verify`, `gradle check`...), as "
                "does "
                "a documented repository script or task-runner target that runs them (`./scripts/test` whose "
                "lines run pytest, `pnpm test` whose package.json script runs `cargo test`, a bare `mvn` "
                "whose "
                "pom.xml <defaultGoal> is `clean verify`). "
                "Where "
                "tacit recognises no suite (a C project's `make check`, a shell test runner) but gating CI "
                "runs "
                "the tests (`make test`, `pytest`, `go test`...), that is a suite too: prose that says \"run "
                "the "
                "test suite\" without a command does not document it. A doc written for the project's users "
                "(a tutorial, a user guide, a page on testing the users' own applications such as \"Testing "
                "Flask "
                "Applications\") documents none of the repository's procedures: its commands do not count.",
            .why_it_matters =
                "An agent that cannot run the tests cannot check its own work. It either skips verification "
                "or "
                "guesses a command, and a wrong guess (the wrong runner, a missing build step) looks like a "
                "broken "
                "test suite.",
            .example =
                "A Go module with `_test.go` files whose README only says `go build`:\n\n"
                "```\nREADME.md:1:1: TASK102 tests run with go test (pkg/api/api_test.go) but no doc says "
                "how "
                "to run them\n  hint: add `go test ./...` to AGENTS.md under a \"Testing\" section\n```",
            .how_to_fix =
                "Write the exact command that runs the tests, in a code block, in the context file an agent "
                "reads first (or in README/CONTRIBUTING), with any setup it needs before.",
        },
    .fixable = true,
};

using Patterns = std::vector<doc::CommandPattern>;

// Commands that run tests whatever the runner: task runners' test targets.
const Patterns& generic_patterns() {
  static const Patterns patterns{
      {"make", {"test", "check", "unittest", "unit"}, true},
      {"just", {"test", "check"}, true},
      {"task", {"test", "check"}, true},
      {"tox", {}},
      {"nox", {}},
      {"bazel", {"test"}},
      {"bazelisk", {"test"}},
      {"meson", {"test"}},
      {"ninja", {"test", "check"}, true},
      {"earthly", {"+test"}, true},
      {"mage", {"test"}, true},
      {"invoke", {"test"}, true},
      {"inv", {"test"}, true},
      {"poe", {"test"}, true},
      {"rake", {"test", "spec"}, true},
  };
  return patterns;
}

// Commands that run one runner's tests, keyed by runner family.
const std::map<std::string, Patterns>& runner_patterns() {
  static const std::map<std::string, Patterns> patterns{
      {"ctest", {{"ctest", {}}, {"cmake", {"test", "check"}}}},
      {"pytest",
       {{"pytest", {}},
        {"unittest", {}},
        {"python", {"test", "unittest"}},
        {"hatch", {"test"}},
        {"nose2", {}},
        {"tox", {}},
        {"nox", {}}}},
      {"javascript",
       {{"npm", {"test", "t", "tst"}, true},
        {"pnpm", {"test", "t"}, true},
        {"yarn", {"test"}, true},
        {"bun", {"test"}, true},
        {"turbo", {"test"}, true},
        {"nx", {"test"}, true},
        {"lerna", {"test"}, true}}},
      {"go", {{"go", {"test"}}, {"gotestsum", {}}, {"ginkgo", {}}, {"richgo", {"test"}}}},
      {"cargo", {{"cargo", {"test", "t", "nextest"}}, {"cargo-nextest", {}}}},
      {"maven", {{"mvn", {"test", "verify", "install", "package", "integration-test"}}}},
      {"gradle", {{"gradle", {"test", "check", "build"}, true}}},
      {"task", {{"task", {"test"}, true}}},
      {"swift", {{"swift", {"test"}}}},
      {"dotnet", {{"dotnet", {"test"}}, {"vstest.console", {}}, {"dotnet-coverage", {}}}},
  };
  return patterns;
}

std::string family_of(std::string_view runner) {
  if (runner == "npm" || runner == "pnpm" || runner == "yarn" || runner == "bun")
    return "javascript";
  if (runner == "tox" || runner == "nox") // they run the Python tests
    return "pytest";
  return std::string(runner);
}

std::string display_name(std::string_view family, const facts::TestSuite& suite) {
  if (family == "javascript")
    return fmt::format("{} test scripts", suite.runner);
  if (family == "go")
    return "go test";
  if (family == "cargo")
    return "cargo test";
  if (family == "swift")
    return "swift test";
  if (family == "dotnet")
    return "dotnet test";
  if (family == "pytest" || family == "task")
    return suite.runner;
  return std::string(family);
}

// A program whose name says it runs tests: scripts/run-tests.sh, ./test.sh, hack/test-unit.
bool is_test_script(const std::vector<std::string>& words) {
  if (words.empty())
    return false;
  const auto name = util::to_lower(util::base_name(words.front()));
  return name.find("test") != std::string::npos && name != "test" && name != "[";
}

// The build script of a .NET repository (build.ps1, ./build, build.cmd, Build.sh: Cake, Nuke, psake,
// Bullseye) builds and runs the tests (AutoMapper's Build.ps1, xunit's `./build`); build-docs.cmd does not.
bool is_dotnet_build_script(const std::vector<std::string>& words) {
  if (words.empty())
    return false;
  const auto name = util::to_lower(util::base_name(words.front()));
  return name.substr(0, name.find('.')) == "build";
}

// The commands that the repository scripts and task-runner targets the docs show run (`./scripts/test` runs
// `uv run pytest`, `pnpm test` runs its package.json script), with wrappers peeled: a documented script or
// target that runs the tests documents them.
std::vector<std::vector<std::string>> script_commands(const engine::Context& context) {
  std::vector<std::vector<std::string>> out;
  std::set<std::string> seen;
  for (const auto& mention : context.knowledge().commands()) {
    const auto path = procedure::script_path(mention.words);
    if (path.empty() || !seen.insert(path).second)
      continue;
    const auto recipe = procedure::recipe_of(context, "script", path, true); // the lines view it
    for (const auto line : util::split_lines(recipe))
      for (auto& words : doc::split_commands(line)) {
        out.push_back(doc::peel_wrappers(words));
        out.push_back(std::move(words));
      }
  }
  // What the documented task-runner targets run: `pnpm test` whose package.json script is `cargo test &&
  // vitest run` documents the Cargo tests too (tailwindcss).
  const auto& recipes = procedure::documented_recipes(context, true); // the lines view it
  for (const auto line : util::split_lines(recipes))
    for (auto& words : doc::split_commands(line)) {
      out.push_back(doc::peel_wrappers(words));
      out.push_back(std::move(words));
    }
  return out;
}

bool runs_any(const std::vector<std::vector<std::string>>& commands, const Patterns& patterns) {
  for (const auto& words : commands)
    for (const auto& pattern : patterns)
      if (!words.empty() && doc::matches(words, pattern))
        return true;
  return false;
}

// The commands that run a test suite when tacit knows no suite of the repository: what gating CI runs.
const Patterns& ci_test_patterns() {
  static const Patterns patterns = [] {
    Patterns out = generic_patterns();
    const Patterns more{{"pytest", {}},
                        {"ctest", {}},
                        {"go", {"test"}},
                        {"cargo", {"test", "nextest"}},
                        {"npm", {"test", "t"}, true},
                        {"pnpm", {"test"}, true},
                        {"yarn", {"test"}, true},
                        {"bun", {"test"}, true},
                        {"mvn", {"test", "verify"}},
                        {"gradle", {"test", "check"}, true},
                        {"jest", {}},
                        {"vitest", {}},
                        {"mocha", {}},
                        {"dotnet", {"test"}}};
    out.insert(out.end(), more.begin(), more.end());
    return out;
  }();
  return patterns;
}

// No suite tacit recognises (a C project's `make check`, a shell test runner), but gating CI runs the tests:
// the procedure is done, and no doc gives it.
void check_ci_tests(const engine::Context& context, engine::Emitter& out) {
  const auto& patterns = ci_test_patterns();
  const auto evidence = procedure::ci_evidence(context, patterns);
  if (evidence.empty())
    return out.not_applicable("no test suite and no CI test step");
  if (context.knowledge().find(patterns) || runs_any(script_commands(context), patterns))
    return;
  for (const auto& mention : context.knowledge().commands())
    if (is_test_script(mention.words) || is_test_script(mention.peeled))
      return;
  // The CI line itself (as it is written), not the evidence's note.
  std::string command;
  for (const auto& line : context.ci().commands)
    if (line.path == evidence.front().path && line.line == evidence.front().line) {
      command = std::string(util::trim(line.text));
      break;
    }
  auto& finding = out.emit(fmt::format("CI runs the tests (`{}`) but no doc says how to run them", command),
                           context.repository_anchor(), "ci");
  finding.hint =
      fmt::format("add `{}` to {} under a \"Testing\" section", command, context.primary_context_file());
  finding.fix = fixes::procedure_fix(context, "Testing", command);
  for (const auto& location : evidence)
    finding.related.push_back(location);
}

class TestUndocumented final : public engine::Rule {
public:
  const engine::RuleMeta& meta() const override { return k_meta; }

  void check(const engine::Context& context, engine::Emitter& out) const override {
    const auto& suites = context.facts().test_suites;
    if (suites.empty()) {
      check_ci_tests(context, out);
      return;
    }
    const auto& knowledge = context.knowledge();
    if (knowledge.find(generic_patterns()))
      return;
    for (const auto& mention : knowledge.commands())
      if (is_test_script(mention.words) || is_test_script(mention.peeled))
        return;
    const auto through_scripts = script_commands(context);
    if (runs_any(through_scripts, generic_patterns()))
      return;

    // One finding per runner family; the evidence lists every suite of that family.
    std::map<std::string, std::vector<const facts::TestSuite*>> families;
    for (const auto& suite : suites)
      families[family_of(suite.runner)].push_back(&suite);
    // A Taskfile's test task is a finding of its own only when nothing else is; otherwise the hint offers it.
    std::string task_test;
    if (families.contains("task") && families.size() > 1) {
      task_test = families.at("task").front()->suggested_command;
      families.erase("task");
    }
    for (const auto& [family, members] : families) {
      auto patterns = runner_patterns().at(family);
      // The program a JavaScript test script runs (jest, vitest...) documents it too.
      std::vector<std::string> programs;
      for (const auto* suite : members)
        if (auto commands = doc::split_commands(suite->script); !commands.empty())
          programs.push_back(doc::peel_wrappers(commands.front()).front());
      for (const auto& program : programs)
        patterns.push_back(doc::CommandPattern{program, {}});
      if (knowledge.find(patterns) || runs_any(through_scripts, patterns))
        continue;
      if (family == "dotnet" && std::ranges::any_of(knowledge.commands(), [](const auto& mention) {
            return is_dotnet_build_script(mention.words) || is_dotnet_build_script(mention.peeled);
          }))
        continue;
      const auto& first = *members.front();
      const auto& evidence = first.evidence.back();
      auto& finding = out.emit(fmt::format("tests run with {} ({}) but no doc says how to run them",
                                           display_name(family, first), evidence.path),
                               context.repository_anchor(), family);
      finding.hint = fmt::format("add `{}`{} to {} under a \"Testing\" section", first.suggested_command,
                                 task_test.empty() ? "" : fmt::format(" (or `{}`)", task_test),
                                 context.primary_context_file());
      finding.fix = fixes::procedure_fix(context, "Testing", first.suggested_command);
      for (const auto* suite : members)
        for (const auto& item : suite->evidence)
          finding.related.push_back(engine::Location{item.path, item.line, 0, item.note});
      for (auto& location : procedure::ci_evidence(context, patterns))
        finding.related.push_back(std::move(location));
    }
  }
};

} // namespace

TACIT_RULE(TestUndocumented)

} // namespace tacit::rules
