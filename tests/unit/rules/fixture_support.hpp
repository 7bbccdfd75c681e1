#pragma once
// What the rule fixture tests share: a case tree made a git repository, the findings of rules on it, the
// expected file read. Header-only, for tests/unit/rules/ and tests/unit/fix/.

#include <tacit/catalog/catalog.hpp>
#include <tacit/engine/context.hpp>
#include <tacit/engine/runner.hpp>
#include <tacit/engine/suppressions.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/util/strings.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

namespace tacit_test {

namespace fs = std::filesystem;

inline const fs::path k_fixtures = fs::path(TACIT_SOURCE_DIR) / "tests" / "rules";

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Commits one subject per line of `history` in `root`, each changing the scratch file .history; a line
// `subject :: path...` changes those files instead (a line appended to each, folders made as needed), which
// builds the co-changes of history-based rules.
inline void replay_history(const fs::path& root, const fs::path& history) {
  int n = 0;
  bool scratch = false;
  const auto content = slurp(history);
  for (auto line : tacit::util::split_lines(content)) {
    auto subject = tacit::util::trim(line);
    if (subject.empty())
      continue;
    std::vector<std::string_view> paths;
    if (const auto at = subject.find(" :: "); at != std::string_view::npos) {
      paths = tacit::util::split_words(subject.substr(at + 4));
      subject = tacit::util::trim(subject.substr(0, at));
    }
    ++n;
    if (paths.empty()) {
      paths.emplace_back(".history");
      scratch = true;
    }
    std::string add;
    for (const auto path : paths) {
      fs::create_directories((root / path).parent_path());
      std::ofstream(root / path, std::ios::app) << "change " << n << '\n';
      add += fmt::format(" '{}'", path);
    }
    std::ofstream(root / ".subject") << subject << '\n';
    const auto command = fmt::format("cd '{}' && git add{} && git -c user.name=t -c user.email=t@t -c "
                                     "commit.gpgsign=false commit -q -F .subject && rm .subject",
                                     root.string(), add);
    REQUIRE(std::system(command.c_str()) == 0);
  }
  if (scratch)
    REQUIRE(std::system(fmt::format("cd '{}' && git rm -q .history", root.string()).c_str()) == 0);
}

// Copies the case tree into a fresh git repository and commits it (after the case's history, if any).
inline fs::path make_repository(const fs::path& tree) {
  const auto root = fs::temp_directory_path() /
                    fmt::format("tacit-fixture-{}-{}", ::getpid(), std::hash<std::string>{}(tree.string()));
  fs::remove_all(root);
  fs::create_directories(root);
  REQUIRE(std::system(
              fmt::format("cd '{}' && git -c init.defaultBranch=main init -q", root.string()).c_str()) == 0);
  if (fs::exists(tree.parent_path() / "history"))
    replay_history(root, tree.parent_path() / "history");
  // A `before` tree is the state committed first: the tree then replaces it whole, so the last commit
  // deletes, renames (git's rename detection) and changes files as the two trees differ.
  if (const auto before = tree.parent_path() / "before"; fs::exists(before)) {
    fs::copy(before, root, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    const auto commit = fmt::format("cd '{}' && git add -A && git -c user.name=t -c user.email=t@t -c "
                                    "commit.gpgsign=false commit -q -m before",
                                    root.string());
    REQUIRE(std::system(commit.c_str()) == 0);
    for (const auto& entry : fs::directory_iterator(root))
      if (entry.path().filename() != ".git")
        fs::remove_all(entry.path());
  }
  // A file the history made and the tree holds too: the tree's content is the last commit's.
  fs::copy(tree, root,
           fs::copy_options::recursive | fs::copy_options::copy_symlinks |
               fs::copy_options::overwrite_existing);
  const auto command = fmt::format("cd '{}' && git add -A && git "
                                   "-c user.name=t -c user.email=t@t "
                                   "-c commit.gpgsign=false commit -q -m fixture",
                                   root.string());
  REQUIRE(std::system(command.c_str()) == 0);
  return root;
}

// The findings of the rules `ids` on the repository at `root`, suppressions applied.
inline std::vector<tacit::engine::Finding> run_findings(const fs::path& root, std::vector<std::string> ids) {
  tacit::repo::SnapshotOptions options;
  options.path = root;
  auto snapshot = tacit::repo::Snapshot::open(options);
  REQUIRE(snapshot.has_value());
  std::vector<std::string> notes;
  const auto& rules = tacit::catalog::builtin();
  tacit::engine::AnalyzeOptions analyze_options{2};
  analyze_options.rules = rules.metas();
  auto context = tacit::engine::analyze(std::move(*snapshot), analyze_options, notes);
  REQUIRE(context.has_value());
  const tacit::engine::Selection selection{std::move(ids), {}};
  return tacit::engine::suppress_findings(
      **context, tacit::engine::run_rules(**context, rules.rules(), selection, 2), selection, rules, 2);
}

inline std::vector<std::string> run_rule(const fs::path& root, std::vector<std::string> ids) {
  std::vector<std::string> out;
  for (const auto& finding : run_findings(root, std::move(ids)))
    out.push_back(fmt::format("{}:{}:{} {}", finding.location.path, finding.location.line,
                              finding.location.column, finding.rule_id));
  return out;
}

inline std::vector<std::string> read_expected(const fs::path& file) {
  std::vector<std::string> out;
  const auto content = slurp(file);
  for (auto line : tacit::util::split_lines(content))
    if (auto trimmed = tacit::util::trim(line); !trimmed.empty() && !trimmed.starts_with('#'))
      out.emplace_back(trimmed);
  return out;
}

// The rule under test and the ones named by `# also-run:` lines.
inline std::vector<std::string> rules_to_run(const fs::path& file, std::string_view id) {
  std::vector<std::string> ids{std::string(id)};
  const auto content = slurp(file);
  for (auto line : tacit::util::split_lines(content))
    if (auto trimmed = tacit::util::trim(line); trimmed.starts_with("# also-run:"))
      for (auto word : tacit::util::split_words(trimmed.substr(11)))
        ids.emplace_back(word);
  return ids;
}

} // namespace tacit_test
