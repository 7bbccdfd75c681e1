#pragma once
// A finding: what a rule reports. Identity is the fingerprint hash(rule, path, subject, n), where n
// counts earlier findings with the same rule, path and subject; it survives lines moving.

#include <tacit/engine/fix.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::engine {

/// How serious a finding is. Ordered: info < warning < error.
enum class Severity { info, warning, error };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

/// A place in the repository. line and column are 1-based; 0 means "the whole file" / unknown. An empty
/// path means the repository root itself.
struct Location {
  std::string path;
  int line = 0;
  int column = 0;
  std::string note; ///< for evidence: what this location shows
};

/// One reported problem.
struct Finding {
  std::string rule_id;
  std::string rule_name;
  Severity severity = Severity::warning;
  std::string message;
  Location location;
  std::vector<Location> related; ///< the evidence
  std::string subject;           ///< what the finding is about (a command, a path, a name)
  std::string hint;              ///< what to write, and where
  std::string fingerprint;       ///< filled by assign_fingerprints()
  std::optional<Fix> fix;        ///< edits that resolve the finding (docs and context files only)
};

/// Sorts findings by path, line, column, rule id, subject, message (the order of every output).
void sort_findings(std::vector<Finding>& findings);

/// Fills every finding's fingerprint. Expects findings sorted.
void assign_fingerprints(std::vector<Finding>& findings);

} // namespace tacit::engine
