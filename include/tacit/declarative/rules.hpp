#pragma once
// Declarative rules: YAML rule files (docs/configuration.md, "Rule files") loaded into engine::Rule objects.
// The shipped ones live in the top-level rules/ folder and are embedded into the binary (catalog::builtin()
// holds them); user ones come from the `rule-dirs` of .tacit.yaml, read through the snapshot so that
// --rev and --staged see the committed rule files. Loading only parses and compiles (RE2 regexes, tree-sitter
// queries): it never executes anything.

#include <tacit/engine/config.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/util/error.hpp>

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::declarative {

/// What a rule file is checked against while it loads.
struct LoadOptions {
  /// Filesets the rule may name besides the built-in ones (config.filesets).
  const std::map<std::string, std::vector<std::string>, std::less<>>* filesets = nullptr;
  /// True for an id that is already taken (a built-in rule, or a rule loaded before); null: none is.
  std::function<bool(std::string_view)> id_taken;
};

/// A rule loaded from a rule file; its RuleMeta views strings the rule owns.
class DeclarativeRule : public engine::Rule {
public:
  /// The rule file it was loaded from ("rules/ctx001.yaml" for a shipped one).
  virtual const std::string& path() const = 0;
  /// Tags from the rule file.
  virtual std::span<const std::string> tags() const = 0;
};

/// Parses and validates one rule file. Errors are ErrorCode::config, located at `path`:line:column, with a
/// "did you mean" where one fits.
Result<std::unique_ptr<DeclarativeRule>> load_rule_file(std::string_view text, std::string_view path,
                                                        const LoadOptions& options);

/// Loads every *.yaml / *.yml file under each of `config.rule_dirs` (repository-relative folders) from the
/// snapshot, sorted by path. A rule dir that holds no tracked file is an error, as is an id that `taken`
/// says a built-in rule has, or that another rule file already has. (catalog::for_repository calls this.)
Result<std::vector<std::unique_ptr<DeclarativeRule>>>
load_rule_dirs(const repo::Snapshot& snapshot, const engine::Config& config,
               const std::function<bool(std::string_view)>& taken);

/// The rules shipped in rules/ (embedded at build time), parsed once. `taken` says which ids the C++ rules
/// have. A shipped rule that does not load is a build defect: this throws std::logic_error.
std::vector<std::unique_ptr<engine::Rule>> shipped_rules(const std::function<bool(std::string_view)>& taken);

/// A built-in fileset: its name and what it holds (for docs and error messages).
struct FilesetInfo {
  std::string_view name;
  std::string_view description;
};

/// The built-in filesets, by name.
std::span<const FilesetInfo> builtin_filesets();

/// The fact kinds `when` conditions, `mentions` sources and {{facts.KIND}} placeholders may name.
std::span<const FilesetInfo> fact_kinds();

// --- tacit test ---------------------------------------------------------------------------------------

/// The outcome of one embedded test case.
struct CaseResult {
  std::string rule_file;
  std::string rule_id;
  std::string case_name;
  bool valid = true; ///< a `valid` case (must give no finding) or an `invalid` one
  bool passed = false;
  std::vector<std::string> expected; ///< "path:line:column"
  std::vector<std::string> actual;   ///< "path:line:column message"
};

/// Runs the test cases embedded in the rule file `text` (loaded with `options`). Each case's files are
/// written into a fresh temporary directory, analysed as a plain directory and checked with this rule only.
Result<std::vector<CaseResult>> test_rule_file(std::string_view text, std::string_view path,
                                               const LoadOptions& options);

} // namespace tacit::declarative
