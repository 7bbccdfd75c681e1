#pragma once
// Reporters turn findings into output. One file per format in src/report/; a reporter never knows a
// specific rule. The exit code never depends on the format.

#include <tacit/engine/finding.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/engine/rule_status.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::report {

/// What every reporter may show besides the findings.
struct RunInfo {
  std::string root;        ///< absolute repository root
  std::string source;      ///< "worktree", "index", "revision main (1a2b3c4d)"
  std::size_t files = 0;   ///< files in scope
  std::size_t rules = 0;   ///< rules that ran
  bool color = false;      ///< ANSI colour (text only)
  bool summary = true;     ///< the closing summary line (text only; --quiet turns it off)
  bool statistics = false; ///< text: one line per rule with its count instead of the findings (--statistics)
  /// Every rule of the run (built-in or not), for formats that describe them (sarif, junit). A finding
  /// whose rule is missing here is still described, from the finding alone.
  std::vector<const engine::RuleMeta*> selected_rules;
  /// Each rule's status in this run (fail, pass, n/a with the reason), in the order of selected_rules; the
  /// json format lists them (`rules`) and junit marks a rule that did not apply as skipped.
  std::vector<engine::RuleStatus> statuses;
};

/// The output formats. Each renders every finding it is given, sorted, and is deterministic.
enum class Format { text, json, json_lines, sarif, github, gitlab, junit, rdjson, markdown };

/// Every format's name, for --help and errors.
std::span<const std::string_view> format_names();
std::optional<Format> parse_format(std::string_view name);

/// Renders findings (sorted, fingerprinted) in a format.
std::string render(Format format, const std::vector<engine::Finding>& findings, const RunInfo& info);

/// `path:line:col: SEVERITY ID message`, the hint and the evidence, then a summary line; with
/// info.statistics, one line per rule instead (count, id, highest severity, name), most findings first.
std::string render_text(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// The versioned JSON document described in docs/json-format.md.
std::string render_json(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// `tacit rules --format json`: every rule given (sorted by the caller) with its metadata and options, in a
/// document of schema version k_json_schema_version (docs/json-format.md, "Rules").
std::string render_rules_json(std::span<const engine::RuleMeta* const> rules);

/// The JSON schema version render_json writes.
inline constexpr int k_json_schema_version = 2;

/// One finding per line, the same object as render_json's findings[] (JSON Lines).
std::string render_json_lines(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (docs/formats.md).
std::string render_sarif(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// GitHub Actions workflow commands (::error file=...::...), capped at what GitHub shows per step.
std::string render_github(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// GitLab Code Quality JSON (a Code Climate subset).
std::string render_gitlab(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// JUnit XML: one testsuite per rule of the run, one failing testcase per finding.
std::string render_junit(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// reviewdog's Diagnostic Format (rdjson: a DiagnosticResult).
std::string render_rdjson(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// A Markdown summary for pull request comments and $GITHUB_STEP_SUMMARY: counts by severity, then the
/// findings in a collapsible table (cut before GitHub's comment size limit).
std::string render_markdown(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// How many annotations of each kind (error, warning, notice) the github format emits at most: what
/// GitHub shows of one step. The rest are listed as plain log lines after an overflow notice.
inline constexpr std::size_t k_github_annotations_per_kind = 10;

/// Escapes GitHub workflow-command data (the message): %, CR and LF.
std::string github_escape_data(std::string_view text);

/// Escapes a GitHub workflow-command property value (file, title): data escapes plus ':' and ','.
std::string github_escape_property(std::string_view text);

/// Escapes text for XML content and attribute values; characters XML 1.0 cannot hold and invalid UTF-8
/// become U+FFFD.
std::string xml_escape(std::string_view text);

/// Percent-encodes a repository-relative path into a relative URI reference (RFC 3986): every byte
/// outside the unreserved set and '/' becomes %XX, so paths that are not valid UTF-8 survive exactly.
std::string uri_path_escape(std::string_view path);

/// Escapes a string for JSON (invalid UTF-8 bytes become U+FFFD).
std::string json_escape(std::string_view text);

} // namespace tacit::report
