#pragma once
// What TASK109 (generated-code-undocumented) asks of the docs: whether they say how generated files are
// regenerated. Internal to src/rules/.

#include <tacit/engine/context.hpp>
#include <tacit/facts/generated.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules::generated {

/// True for a path inside a copy of another project (vendored, third-party stubs such as typeshed), a
/// directory of templates, or test data (testdata/, fixtures/, golden/, snapshots/, expected/, and test
/// inputs and expected outputs under a test folder: tests/cases/x.expected.go, tests/input/): markers there
/// are not the project's generated code.
bool in_foreign_dir(std::string_view path);

/// True for a word that says it generates code (`gen`, `generate-files`, `codegen`, `regen`); not shell
/// completions.
bool is_generate_word(std::string_view word);

/// A command that regenerates without naming one generator: a subcommand or target that says so (`go
/// generate ./...`, `make generate-files`, `cargo dev generate-all`) or a script named so
/// (`hack/generate.sh`).
bool is_generate_command(const std::vector<std::string>& words);

/// What the docs say about regenerating, read once per run.
class Documentation {
public:
  explicit Documentation(const engine::Context& context);

  /// True when the docs document a group: a regenerate command in a doc that speaks for its files, a
  /// command that runs its generator, or a paragraph that says "generated" and names its directories,
  /// files or file suffixes.
  bool documents(const std::vector<facts::GeneratedFile>& files, const facts::GeneratedGroup& group) const;

  /// True when some doc shows a regenerate command or says generated files are not edited by hand.
  bool any() const { return !m_scopes.empty(); }

private:
  const engine::Context& m_context;
  std::vector<std::string> m_scopes; ///< directories the regenerate commands speak for ("" for all)
  /// Found once per generator, for all the groups it made: whether a doc's command runs it.
  mutable std::map<std::string, bool, std::less<>> m_generator_named;
  /// The docs' paragraphs that say "generated", gathered on first use.
  mutable std::optional<std::vector<std::string_view>> m_generated_paragraphs;
};

} // namespace tacit::rules::generated
