#pragma once
// The outputs of `tacit audit` (docs/audit.md, "Outputs"): a text table with what explains each score,
// JSON Lines (one object per repository), Markdown for a pull request or a wiki, and one self-contained
// HTML file. Like every reporter they know no specific rule: only pillars, statuses and findings.

#include <tacit/audit/audit.hpp>
#include <tacit/util/error.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::report {

/// The formats of `tacit audit`.
enum class AuditFormat { text, json_lines, markdown, html };

/// Every audit format's name, for --help and errors.
std::span<const std::string_view> audit_format_names();
std::optional<AuditFormat> parse_audit_format(std::string_view name);

/// Renders the repositories of an audit (in the order given) in a format. Deterministic: no clock, no
/// absolute path but each repository's root in json-lines.
std::string render_audit(AuditFormat format, std::span<const audit::Repository> repositories);

/// The schema version of the json-lines objects (docs/audit.md).
inline constexpr int k_audit_schema_version = 1;

/// A repository read back from a json-lines file, and where.
struct AuditLine {
  audit::Repository repository;
  std::string path;
  int line = 0;
};

/// Reads the json-lines output of `tacit audit` (blank lines skipped) into `out`; returns the errors, one
/// per bad line at its path:line:column (not JSON, not an object, another schema version, a field missing
/// or of the wrong type). Used by `tacit audit merge`.
std::vector<Error> read_audit_json_lines(std::string_view text, const std::string& path,
                                         std::vector<AuditLine>& out);

} // namespace tacit::report
