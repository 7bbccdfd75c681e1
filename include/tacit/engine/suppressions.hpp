#pragma once
// Inline suppressions: comments in the repository's own files that silence one finding (or a rule for a
// region or a whole file), each with a reason. The pass runs after the rules: it reads the files that hold a
// finding and the in-scope docs and configuration files (source code only where a finding points), parses
// those that contain the bytes "tacit" (a byte search first), drops the findings that a valid suppression
// covers, and reports suppressions that cover nothing (META001) or that are malformed (META002). Comment
// syntax is chosen by file name from a data table (see docs/suppressions.md).

#include <tacit/engine/finding.hpp>

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::engine {

class Context;
struct Selection;
class RuleSet;

/// How comments are written in one family of files.
struct CommentSyntax {
  std::string_view name;                     ///< "markdown", "hash", "c"...: for tests and hints
  std::span<const std::string_view> leaders; ///< line comments: "#", "//"
  std::span<const std::string_view> openers; ///< block comments: "/*", "<!--"
  std::span<const std::string_view> closers; ///< the closer of openers[i]
  bool markdown = false;                     ///< fenced code blocks and inline code are not comments
  /// Source code (not docs or configuration): read only when a finding points into the file, so that the
  /// pass does not read every source file of a large tree.
  bool code = false;
};

/// The comment syntax of a file, by its name then its extension; nullptr when tacit reads no suppression
/// in it (JSON, binary formats, unknown extensions).
const CommentSyntax* comment_syntax(std::string_view path);

/// True when `token` (an id such as CTX002 or a category such as CTX, upper case) names a known rule.
using KnownRule = std::function<bool(std::string_view token)>;

/// One valid suppression of a file.
struct Suppression {
  int line = 0;   ///< where the comment is (1-based)
  int column = 0; ///< of the comment opener (1-based, bytes)
  int first = 0;  ///< first line covered; 0 with a whole-file suppression (findings at line 0 too)
  int last = 0;   ///< last line covered, inclusive
  std::vector<std::string> rules; ///< rule ids or categories, upper case, as written
  std::string reason;             ///< the text after " -- " (may be empty when no reason is required)
};

/// A malformed suppression: it does not apply, and is reported as META002.
struct SuppressionProblem {
  int line = 0;
  int column = 0;
  std::string message; ///< what is wrong
  std::string hint;    ///< the form to write instead
};

/// The suppressions of one file.
struct FileSuppressions {
  std::string path;
  std::vector<Suppression> suppressions;
  std::vector<SuppressionProblem> problems;
};

/// What the parser checks besides syntax.
struct SuppressionRules {
  bool reason_required = true; ///< engine::Config::suppression_reason_required
  KnownRule is_known;          ///< e.g. RuleSet::matches_any; unset accepts every well-shaped id
};

/// Parses the suppression comments of one file. Linear in the text's size; never throws on any input.
FileSuppressions parse_suppressions(std::string_view path, std::string_view text, const CommentSyntax& syntax,
                                    const SuppressionRules& rules);

/// Drops the findings that a suppression covers (same path, line in range, rule matched by an id or a
/// category) and adds META001 for each suppressed rule that covered nothing although it was selected, and
/// META002 for each problem, when those META rules are selected. Returns the findings sorted, with
/// fingerprints. META findings are never suppressed. The META rules are looked up in `rules` (the run's).
std::vector<Finding> apply_suppressions(std::vector<Finding> findings,
                                        std::span<const FileSuppressions> files, const Selection& selection,
                                        const RuleSet& rules);

/// Reads the suppressions of the files that hold a finding and, when a META rule is selected, of the
/// in-scope docs and configuration files (not source code: see CommentSyntax::code), in the first MiB of
/// each file that contains "tacit".
std::vector<FileSuppressions> collect_suppressions(const Context& context, std::span<const Finding> findings,
                                                   const Selection& selection, const KnownRule& is_known,
                                                   unsigned jobs);

/// True for the ids of the findings the suppression pass itself reports (META001, META002; any META id):
/// whether one occurs depends on every other finding of the run and on every in-scope doc, not on one rule.
bool is_suppression_finding(std::string_view rule_id);

/// Whether suppress_findings reports META001 and META002 (when selected), or only drops what the
/// suppressions cover (and then reads only the files that hold a finding).
enum class SuppressionReport { meta, covered_only };

/// The whole pass over a run's findings: collect_suppressions (a token is known when it names a rule of
/// `rules`), then apply_suppressions. With SuppressionReport::covered_only the pass drops the same findings
/// and reports no META finding (the base of a diff-aware run that needs the findings of some rules only).
std::vector<Finding> suppress_findings(const Context& context, std::vector<Finding> findings,
                                       const Selection& selection, const RuleSet& rules, unsigned jobs,
                                       SuppressionReport report = SuppressionReport::meta);

} // namespace tacit::engine
