// Test suites and build commands that the task runners' targets show: `tox -e py`, `nox -s tests`,
// `task test`, `ctest --preset X`, `cmake --preset X && cmake --build --preset Y`.

#include "runners.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace tacit::facts {

namespace {

// The root set of `runner` (the first one whose file is at the root), or nullptr.
const TargetSet* root_set(const Facts& facts, std::string_view runner) {
  for (const auto& set : facts.target_sets)
    if (set.runner == runner && set.path.find('/') == std::string::npos && !set.targets.empty())
      return &set;
  return nullptr;
}

// The target written first in the file (targets are sorted by name).
std::pair<std::string, int> first_target(const TargetSet& set, const auto& accept) {
  std::pair<std::string, int> best{"", 0};
  for (const auto& [name, line] : set.targets)
    if (accept(name) && (best.first.empty() || line < best.second))
      best = {name, line};
  return best;
}

bool looks_like_tests(std::string_view name, std::string_view recipe) {
  const auto lower = util::to_lower(name);
  return util::contains(lower, "test") || lower == "unit" || util::contains(recipe, "pytest") ||
         util::contains(recipe, "unittest");
}

void add_suite(Facts& facts, TestSuite suite, bool first) {
  auto& suites = facts.test_suites;
  suites.insert(first ? suites.begin() : suites.end(), std::move(suite));
}

void python_suites(Facts& facts) {
  if (const auto* tox = root_set(facts, "tox")) {
    const auto python_only = [](const std::string& env) {
      const auto factors = util::split(env, '-');
      return std::all_of(factors.begin(), factors.end(), is_tox_python_factor);
    };
    auto [name, line] = first_target(*tox, python_only);
    if (name.empty())
      std::tie(name, line) = first_target(*tox, [](const std::string& env) {
        const auto factors = util::split(env, '-');
        return std::any_of(factors.begin(), factors.end(), is_tox_python_factor);
      });
    if (name.empty())
      std::tie(name, line) = first_target(*tox, [&](const std::string& env) {
        return looks_like_tests(env, tox->recipes.contains(env) ? tox->recipes.at(env) : std::string());
      });
    if (!name.empty()) {
      TestSuite suite{"tox", "", fmt::format("tox -e {}", python_only(name) ? "py" : name), {}, {}};
      suite.evidence.push_back(Provenance{tox->path, line, fmt::format("tox runs the tests in '{}'", name)});
      add_suite(facts, std::move(suite), true);
      return;
    }
  }
  if (const auto* nox = root_set(facts, "nox")) {
    const auto [name, line] =
        first_target(*nox, [](const std::string& session) { return looks_like_tests(session, {}); });
    if (!name.empty()) {
      TestSuite suite{"nox", "", fmt::format("nox -s {}", name), {}, {}};
      suite.evidence.push_back(Provenance{nox->path, line, fmt::format("nox session '{}' runs tests", name)});
      add_suite(facts, std::move(suite), true);
    }
  }
}

void cmake_presets(Facts& facts) {
  if (const auto* tests = root_set(facts, "cmake-test-preset")) {
    const auto [name, line] = first_target(*tests, [](const auto&) { return true; });
    Provenance evidence{tests->path, line, fmt::format("test preset '{}'", name)};
    auto it = std::find_if(facts.test_suites.begin(), facts.test_suites.end(),
                           [](const auto& suite) { return suite.runner == "ctest"; });
    if (it == facts.test_suites.end()) {
      add_suite(facts, TestSuite{"ctest", "", "", {}, {}}, false);
      it = facts.test_suites.end() - 1;
    }
    it->suggested_command = fmt::format("ctest --preset {}", name);
    // The last evidence names the suite in TASK102's message: keep the CMakeLists.txt there.
    it->evidence.insert(it->evidence.begin(), std::move(evidence));
  }
  const auto* configure = root_set(facts, "cmake-configure-preset");
  auto build = std::find_if(facts.build_systems.begin(), facts.build_systems.end(),
                            [](const auto& system) { return system.kind == "cmake"; });
  if (!configure || build == facts.build_systems.end())
    return;
  const auto [preset, line] = first_target(*configure, [](const auto&) { return true; });
  std::string build_step;
  if (const auto* builds = root_set(facts, "cmake-build-preset")) {
    const auto [name, build_line] = first_target(*builds, [&](const std::string& candidate) {
      return builds->recipes.contains(candidate) && builds->recipes.at(candidate) == preset;
    });
    if (!name.empty())
      build_step = fmt::format("cmake --build --preset {}", name);
  }
  if (build_step.empty()) {
    auto dir = configure->recipes.contains(preset) ? configure->recipes.at(preset) : std::string();
    for (auto [macro, value] : {std::pair<std::string_view, std::string_view>{"${sourceDir}/", ""},
                                {"${sourceDir}", "."},
                                {"${presetName}", preset}})
      for (auto at = dir.find(macro); at != std::string::npos; at = dir.find(macro))
        dir.replace(at, macro.size(), value);
    build_step = dir.empty() || dir.find('$') != std::string::npos ? "cmake --build <the preset's binaryDir>"
                                                                   : fmt::format("cmake --build {}", dir);
  }
  build->suggested_command = fmt::format("cmake --preset {} && {}", preset, build_step);
  build->evidence.note = fmt::format("a CMake project with presets ({}:{})", configure->path, line);
}

} // namespace

void add_runner_facts(Facts& facts) {
  python_suites(facts);
  if (const auto* task = root_set(facts, "task"); task && task->targets.contains("test")) {
    TestSuite suite{"task", "", "task test", {}, {}};
    suite.evidence.push_back(Provenance{task->path, task->targets.at("test"), "the Taskfile's test task"});
    add_suite(facts, std::move(suite), false);
  }
  cmake_presets(facts);
}

} // namespace tacit::facts
