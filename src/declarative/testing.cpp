// `tacit test`: the valid / invalid cases embedded in a rule file, each a small file tree written into a
// temporary directory and analysed as a plain directory, with that one rule.

#include "rule.hpp"

#include <tacit/engine/runner.hpp>

#include <fmt/format.h>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace tacit::declarative {

namespace {

namespace fs = std::filesystem;

// A temporary directory, removed with everything in it.
class TempDir {
public:
  TempDir() {
    auto pattern = (fs::temp_directory_path() / "tacit-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()))
      m_path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!m_path.empty())
      fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }

private:
  fs::path m_path;
};

Result<std::vector<engine::Finding>> run_case(const engine::Rule& rule, const TestCase& test) {
  TempDir dir;
  if (dir.path().empty())
    return make_error(ErrorCode::io, "cannot create a temporary directory for the test case");
  for (const auto& [path, content] : test.files) {
    const auto file = dir.path() / path;
    std::error_code error;
    fs::create_directories(file.parent_path(), error);
    std::ofstream out(file, std::ios::binary);
    out << content;
    if (!out)
      return make_error(ErrorCode::io, fmt::format("cannot write {} of test case '{}'", path, test.name));
  }
  repo::SnapshotOptions options;
  options.path = dir.path();
  auto snapshot = repo::Snapshot::open(options);
  if (!snapshot)
    return std::unexpected(snapshot.error());
  std::vector<std::string> notes;
  auto context = engine::analyze(std::move(*snapshot), engine::AnalyzeOptions{1}, notes);
  if (!context)
    return std::unexpected(context.error());
  engine::Emitter emitter(rule.meta());
  rule.check(**context, emitter);
  auto findings = std::move(emitter.findings());
  engine::sort_findings(findings);
  return findings;
}

} // namespace

Result<std::vector<CaseResult>> test_rule_file(std::string_view text, std::string_view path,
                                               const LoadOptions& options) {
  auto spec = parse_rule_spec(text, path, options);
  if (!spec)
    return std::unexpected(spec.error());
  auto tests = spec->tests;
  const auto rule = make_rule(std::move(*spec));
  std::vector<CaseResult> out;
  for (const auto& test : tests) {
    CaseResult result;
    result.rule_file = std::string(path);
    result.rule_id = std::string(rule->meta().id);
    result.case_name = test.name;
    result.valid = test.valid;
    result.expected = test.expected;
    auto findings = run_case(*rule, test);
    if (!findings)
      return std::unexpected(findings.error());
    std::vector<std::string> locations;
    for (const auto& finding : *findings) {
      const auto at =
          fmt::format("{}:{}:{}", finding.location.path, finding.location.line, finding.location.column);
      locations.push_back(at);
      result.actual.push_back(fmt::format("{} {}", at, finding.message));
    }
    auto expected = test.expected;
    std::sort(expected.begin(), expected.end());
    std::sort(locations.begin(), locations.end());
    result.passed = test.valid ? findings->empty() : locations == expected;
    out.push_back(std::move(result));
  }
  return out;
}

} // namespace tacit::declarative
