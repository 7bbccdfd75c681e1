// `tacit test [PATHS]`: runs the valid / invalid cases embedded in YAML rule files. PATHS are rule files or
// folders of rule files; with none, the rule-dirs of the repository around the current directory.

#include "commands.hpp"

#include <tacit/catalog/catalog.hpp>
#include <tacit/cli/app.hpp>
#include <tacit/declarative/rules.hpp>
#include <tacit/repo/snapshot.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tacit::cli {

namespace {

namespace fs = std::filesystem;

struct RuleFile {
  std::string path; ///< as shown
  std::string text;
};

bool is_rule_file(const fs::path& path) {
  return path.extension() == ".yaml" || path.extension() == ".yml";
}

Result<std::vector<RuleFile>> files_from_paths(const std::vector<std::string>& paths) {
  std::vector<RuleFile> out;
  for (const auto& given : paths) {
    std::error_code error;
    std::vector<fs::path> found;
    if (fs::is_directory(given, error)) {
      for (fs::recursive_directory_iterator it(given, error), end; !error && it != end; it.increment(error))
        if (it->is_regular_file() && is_rule_file(it->path()))
          found.push_back(it->path());
      std::sort(found.begin(), found.end());
      if (found.empty())
        return make_error(ErrorCode::usage,
                          fmt::format("{}: no rule file (*.yaml, *.yml) in this folder", given));
    } else if (fs::is_regular_file(given, error)) {
      found.emplace_back(given);
    } else {
      return make_error(ErrorCode::usage, fmt::format("{}: no such file or folder", given));
    }
    for (const auto& path : found) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      if (!in && !in.eof())
        return make_error(ErrorCode::io, fmt::format("cannot read {}", path.string()));
      out.push_back({path.string(), buffer.str()});
    }
  }
  return out;
}

// The configuration of the repository around the current directory (defaults when it has none).
Result<std::unique_ptr<repo::Snapshot>> open_here() {
  repo::SnapshotOptions options;
  options.path = ".";
  return repo::Snapshot::open(options);
}

// The .tacit.yaml nearest above `path` (up to the top of its git repository), for the filesets the rules
// name; defaults when there is none. It and what it extends are read beneath the repository's top (the
// configuration's folder outside git), a link followed only inside it.
Result<engine::Config> config_near(const std::string& path) {
  std::error_code error;
  auto dir = fs::absolute(path, error).lexically_normal();
  if (!fs::is_directory(dir, error))
    dir = dir.parent_path();
  fs::path found;
  for (; !dir.empty(); dir = dir.parent_path()) {
    const auto file = dir / engine::k_config_file_name;
    if (found.empty() && fs::exists(fs::symlink_status(file, error)))
      found = file;
    if (fs::exists(dir / ".git", error) || dir == dir.parent_path())
      break;
  }
  if (found.empty())
    return engine::Config{};
  const auto top = fs::exists(dir / ".git", error) ? dir : found.parent_path();
  return engine::load_config_file(found.string(), catalog::builtin().metas(), top);
}

} // namespace

int run_test(const std::vector<std::string>& paths) {
  // With PATHS: the configuration nearest above the first one; without: the repository's here.
  Result<std::unique_ptr<repo::Snapshot>> snapshot = std::unique_ptr<repo::Snapshot>{};
  if (paths.empty()) {
    snapshot = open_here();
    if (!snapshot)
      return fail(to_string(snapshot.error()));
  }
  auto parsed = paths.empty() ? engine::load_repository_config(**snapshot, catalog::builtin().metas())
                              : config_near(paths.front());
  if (!parsed)
    return fail(to_string(parsed.error()));
  auto config = std::move(*parsed);

  std::vector<RuleFile> files;
  if (paths.empty()) {
    if (config.rule_dirs.empty())
      return fail(
          "no rule files to test: give rule files or folders (tacit test rules/), or set `rule-dirs` in "
          ".tacit.yaml");
    for (const auto& dir : config.rule_dirs) {
      const auto prefix = dir.ends_with('/') ? dir : dir + "/";
      for (const auto& file : (*snapshot)->files())
        if ((file.path.starts_with(prefix) || dir == ".") && is_rule_file(file.path))
          if (auto content = (*snapshot)->read(file))
            files.push_back({file.path, std::move(content->bytes)});
    }
  } else {
    auto found = files_from_paths(paths);
    if (!found)
      return fail(to_string(found.error()));
    files = std::move(*found);
  }

  std::size_t passed = 0;
  std::size_t failed = 0;
  for (const auto& file : files) {
    declarative::LoadOptions options;
    options.filesets = &config.filesets;
    // A clash with a C++ rule, or with a shipped YAML rule other than this very file.
    options.id_taken = [&file](std::string_view id) {
      const auto* rule = catalog::builtin().find(id);
      const auto* declared = dynamic_cast<const declarative::DeclarativeRule*>(rule);
      return rule != nullptr && !(declared && file.path.ends_with(declared->path()));
    };
    auto results = declarative::test_rule_file(file.text, file.path, options);
    if (!results)
      return fail(to_string(results.error()));
    if (results->empty())
      fmt::print("NOTE {}: no test cases\n", file.path);
    for (const auto& result : *results) {
      (result.passed ? passed : failed) += 1;
      fmt::print("{} {} {} {}: {}\n", result.passed ? "PASS" : "FAIL", result.rule_file, result.rule_id,
                 result.valid ? "valid" : "invalid", result.case_name);
      if (result.passed)
        continue;
      fmt::print("  expected: {}\n", result.expected.empty()
                                         ? "no finding"
                                         : fmt::format("{}", fmt::join(result.expected, ", ")));
      if (result.actual.empty())
        fmt::print("  actual:   no finding\n");
      for (const auto& actual : result.actual)
        fmt::print("  actual:   {}\n", actual);
    }
  }
  if (passed + failed == 0) // nothing was tested: never a pass
    return fail(files.empty()
                    ? "no rule files (*.yaml, *.yml) in the rule-dirs of .tacit.yaml: nothing to test"
                    : fmt::format("no test cases in {} rule file{}: add `tests:` with `valid` and "
                                  "`invalid` cases (docs/configuration.md#rule-files)",
                                  files.size(), files.size() == 1 ? "" : "s"));
  fmt::print("{} test case{}: {} passed, {} failed\n", passed + failed, passed + failed == 1 ? "" : "s",
             passed, failed);
  return failed > 0 ? k_exit_findings : k_exit_clean;
}

} // namespace tacit::cli
