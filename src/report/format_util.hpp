#pragma once
// What several reporters share: a small pretty-printing JSON writer, UTF-8 repair, escaping for Markdown,
// severity counts and the table of the run's rules. Internal to src/report/.

#include <tacit/engine/rule.hpp>
#include <tacit/report/report.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::report::detail {

/// Writes JSON with two-space indentation (or on one line); keys in the order they are written.
class JsonWriter {
public:
  explicit JsonWriter(bool pretty = true) : m_pretty(pretty) {}
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view name);
  void string(std::string_view value);
  void number(long long value);
  void boolean(bool value);
  void null();
  void member(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }
  void member_number(std::string_view name, long long value) {
    key(name);
    number(value);
  }
  /// Starts `"name": {` or `"name": [`.
  void object_member(std::string_view name) {
    key(name);
    begin_object();
  }
  void array_member(std::string_view name) {
    key(name);
    begin_array();
  }
  /// The document, with a final newline when pretty.
  std::string take();

private:
  void open(char bracket);
  void close(char bracket);
  void before_value();
  void newline();

  std::string m_out;
  std::vector<bool> m_empty; ///< per open container: nothing written in it yet
  bool m_after_key = false;
  bool m_pretty;
};

/// The text with every invalid UTF-8 byte replaced by U+FFFD (as json_escape does).
std::string valid_utf8(std::string_view text);

/// Escapes text for one cell of a Markdown table: HTML and Markdown punctuation are neutralised, newlines
/// become <br>, @mentions do not ping, so no input can break the table or inject markup. Balanced
/// backticks stay code spans.
std::string markdown_escape(std::string_view text);

/// `path:line:column` as the text format prints it (`.` for the repository root).
std::string location_label(const engine::Location& location);

/// The message, then `hint: ...` and one `evidence: path:line: note` line per related location, for
/// formats that have no place of their own for them.
std::string message_with_evidence(const engine::Finding& finding);

/// "1 finding", "2 findings": `n` and `word`, with an s unless n is 1.
std::string plural(std::size_t n, std::string_view word);

/// Findings per severity, indexed by engine::Severity.
std::array<std::size_t, 3> count_by_severity(const std::vector<engine::Finding>& findings);

/// A rule of the run: its metadata when known, else what the findings say about it.
struct RunRule {
  std::string id;
  std::string name;
  engine::Severity severity = engine::Severity::warning;
  const engine::RuleMeta* meta = nullptr;
  std::optional<std::string> not_applicable; ///< why the rule did not apply (RunInfo::statuses)
};

/// Every rule of the run (RunInfo::selected_rules) plus any rule only seen in a finding, sorted by id.
std::vector<RunRule> run_rules(const std::vector<engine::Finding>& findings, const RunInfo& info);

/// The json format's object for one finding, on one line (shared by json and json-lines).
std::string finding_json(const engine::Finding& finding);

} // namespace tacit::report::detail
