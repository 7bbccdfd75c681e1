#include "runner_requests.hpp"

#include <tacit/util/strings.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace tacit::rules {

namespace {

bool is_placeholder(std::string_view word) {
  return word.empty() || word.find_first_of("<>${}*[]|") != std::string_view::npos || word.starts_with('-') ||
         util::contains(word, "...");
}

// The value of `--flag X` or `--flag=X` at `i`, or "" (advancing `i` past a separate value).
std::string flag_value(const std::vector<std::string>& words, std::size_t& i, std::string_view flag) {
  const auto& word = words[i];
  if (word == flag && i + 1 < words.size())
    return words[++i];
  if (word.starts_with(flag) && word.size() > flag.size() && word[flag.size()] == '=')
    return word.substr(flag.size() + 1);
  return {};
}

void add(std::vector<RunnerRequest>& out, std::string_view runner, std::string_view target) {
  if (!is_placeholder(target))
    out.push_back(RunnerRequest{std::string(runner), std::string(target)});
}

std::vector<RunnerRequest> cmake_presets(const std::vector<std::string>& words) {
  const auto& program = words.front();
  std::string_view runner = program == "ctest"   ? "cmake-test-preset"
                            : program == "cpack" ? "cmake-package-preset"
                                                 : "cmake-configure-preset";
  std::string preset;
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (program == "cmake" && words[i] == "--build")
      runner = "cmake-build-preset";
    else if (program == "cmake" && words[i] == "--workflow")
      runner = "cmake-workflow-preset";
    else if (auto value = flag_value(words, i, "--preset"); !value.empty())
      preset = value;
  }
  std::vector<RunnerRequest> out;
  if (!preset.empty())
    add(out, runner, preset);
  return out;
}

std::vector<RunnerRequest> tox_envs(const std::vector<std::string>& words) {
  std::vector<RunnerRequest> out;
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (words[i] == "--")
      break;
    if (words[i] == "-c" || words[i] == "--conf" || words[i] == "--root" || words[i].starts_with("--conf="))
      return {}; // another configuration
    auto value = flag_value(words, i, "-e");
    if (value.empty())
      value = flag_value(words, i, "--env");
    if (value.empty() && words[i].starts_with("-e") && words[i].size() > 2)
      value = words[i].substr(2);
    for (auto env : util::split(value, ','))
      if (auto trimmed = util::trim(env); trimmed != "ALL" && trimmed != "ALL_ENVS")
        add(out, "tox", trimmed);
  }
  return out;
}

std::vector<RunnerRequest> nox_sessions(const std::vector<std::string>& words) {
  std::vector<RunnerRequest> out;
  bool sessions = false;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto& word = words[i];
    if (word == "--")
      break;
    if (word == "-f" || word == "--noxfile" || word.starts_with("--noxfile="))
      return {};
    if (word == "-s" || word == "-e" || word == "--session" || word == "--sessions") {
      sessions = true;
      continue;
    }
    for (auto flag : {"--session=", "--sessions="})
      if (word.starts_with(flag))
        add(out, "nox", word.substr(std::string_view(flag).size()));
    if (word.starts_with('-')) {
      sessions = false;
      continue;
    }
    if (sessions)
      add(out, "nox", word);
  }
  return out;
}

std::vector<RunnerRequest> tasks(const std::vector<std::string>& words) {
  static constexpr std::array<std::string_view, 9> k_value_flags{"-o",
                                                                 "--output",
                                                                 "-C",
                                                                 "--concurrency",
                                                                 "--sort",
                                                                 "--interval",
                                                                 "--output-group-begin",
                                                                 "--output-group-end",
                                                                 "--cacert"};
  std::vector<RunnerRequest> out;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto& word = words[i];
    if (word == "--")
      break;
    if (word == "-t" || word == "--taskfile" || word == "-d" || word == "--dir" || word == "-g" ||
        word == "--global" || word.starts_with("--taskfile=") || word.starts_with("--dir=") ||
        word == "--init" || word == "-i")
      return {};
    if (std::find(k_value_flags.begin(), k_value_flags.end(), word) != k_value_flags.end()) {
      ++i;
      continue;
    }
    if (word.starts_with('-') || word.find('=') != std::string::npos)
      continue;
    add(out, "task", word);
  }
  return out;
}

std::vector<RunnerRequest> cargo_alias(const std::vector<std::string>& words) {
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto& word = words[i];
    if (word.starts_with('+'))
      continue; // +nightly
    if (word == "-Z" || word == "--config" || word == "-C" || word == "--color") {
      ++i;
      continue;
    }
    if (word.starts_with('-'))
      continue;
    std::vector<RunnerRequest> out;
    if (!is_cargo_command(word))
      add(out, "cargo-alias", word);
    return out;
  }
  return {};
}

} // namespace

bool is_cargo_command(std::string_view name) {
  static constexpr std::string_view k_commands[]{
      // cargo's own
      "add", "b", "bench", "build", "c", "check", "clean", "clippy", "config", "d", "doc", "fetch", "fix",
      "fmt", "generate-lockfile", "git-checkout", "help", "info", "init", "install", "locate-project",
      "login", "logout", "metadata", "miri", "new", "owner", "package", "pkgid", "publish", "r",
      "read-manifest", "remove", "report", "rm", "run", "rustc", "rustdoc", "search", "t", "test", "tree",
      "uninstall", "update", "vendor", "verify-project", "version", "yank", "script", "-Zscript",
      // well-known plugins
      "nextest", "insta", "deny", "audit", "llvm-cov", "tarpaulin", "watch", "expand", "udeps", "machete",
      "outdated", "edit", "make", "release", "dist", "binstall", "hack", "criterion", "fuzz", "bloat",
      "flamegraph", "msrv", "semver-checks", "shear", "sort", "about", "zigbuild", "xwin", "ndk", "apk",
      "lambda", "leptos", "tauri", "pgrx", "dylint", "mutants", "careful", "public-api", "cyclonedx", "vet",
      "component", "asm", "llvm-lines", "sweep", "cache", "chef", "auditable", "cross", "wasi", "fuzzcheck",
      "geiger"};
  return std::find(std::begin(k_commands), std::end(k_commands), name) != std::end(k_commands);
}

std::string_view missing_target_phrase(std::string_view runner) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> k_what{{
      {"make", "no tracked Makefile has a target"},
      {"npm", "no package.json has a script"},
      {"just", "the justfile has no recipe"},
      {"cmake-configure-preset", "no CMake presets file has a configure preset"},
      {"cmake-build-preset", "no CMake presets file has a build preset"},
      {"cmake-test-preset", "no CMake presets file has a test preset"},
      {"cmake-package-preset", "no CMake presets file has a package preset"},
      {"cmake-workflow-preset", "no CMake presets file has a workflow preset"},
      {"tox", "the tox configuration has no environment"},
      {"nox", "the noxfile has no session"},
      {"task", "no Taskfile has a task"},
  }};
  for (const auto& [name, what] : k_what)
    if (name == runner)
      return what;
  return "cargo has no command, and .cargo/config.toml no alias, named";
}

std::vector<RunnerRequest> runner_requests(const std::vector<std::string>& words) {
  if (words.size() < 2)
    return {};
  const auto& program = words.front();
  if (program == "cmake" || program == "ctest" || program == "cpack")
    return cmake_presets(words);
  if (program == "tox")
    return tox_envs(words);
  if (program == "nox")
    return nox_sessions(words);
  if (program == "task")
    return tasks(words);
  if (program == "cargo")
    return cargo_alias(words);
  return {};
}

} // namespace tacit::rules
