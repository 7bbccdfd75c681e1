#include "format_util.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace tacit::report::detail {

void JsonWriter::newline() {
  if (!m_pretty)
    return;
  m_out += '\n';
  m_out.append(2 * m_empty.size(), ' ');
}

void JsonWriter::before_value() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_empty.empty()) {
    if (!m_empty.back())
      m_out += m_pretty ? "," : ", ";
    m_empty.back() = false;
    newline();
  }
}

void JsonWriter::open(char bracket) {
  before_value();
  m_out += bracket;
  m_empty.push_back(true);
}

void JsonWriter::close(char bracket) {
  const bool empty = m_empty.back();
  m_empty.pop_back();
  if (!empty)
    newline();
  m_out += bracket;
}

void JsonWriter::key(std::string_view name) {
  before_value();
  m_out += '"';
  m_out += json_escape(name);
  m_out += "\": ";
  m_after_key = true;
}

void JsonWriter::string(std::string_view value) {
  before_value();
  m_out += '"';
  m_out += json_escape(value);
  m_out += '"';
}

void JsonWriter::number(long long value) {
  before_value();
  m_out += std::to_string(value);
}

void JsonWriter::boolean(bool value) {
  before_value();
  m_out += value ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  m_out += "null";
}

std::string JsonWriter::take() {
  if (m_pretty)
    m_out += '\n';
  return std::move(m_out);
}

std::string valid_utf8(std::string_view text) {
  if (util::is_valid_utf8(text))
    return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80             ? 1
                            : (c & 0xE0) == 0xC0 ? 2
                            : (c & 0xF0) == 0xE0 ? 3
                            : (c & 0xF8) == 0xF0 ? 4
                                                 : 0;
    if (len > 0 && i + len <= text.size() && util::is_valid_utf8(text.substr(i, len))) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  const auto valid = valid_utf8(text);
  // Balanced backticks are code spans (hints quote commands that way): their text is literal, so only a
  // '|' (which would end the table cell) and line breaks need care there.
  const bool spans = std::count(valid.begin(), valid.end(), '`') % 2 == 0;
  bool in_code = false;
  std::string out;
  for (char c : valid) {
    if (spans && c == '`') {
      in_code = !in_code;
      out += c;
      continue;
    }
    if (in_code) {
      out += c == '|'                 ? std::string_view("\\|")
             : c == '\n' || c == '\r' ? std::string_view(" ")
                                      : std::string_view(&c, 1);
      continue;
    }
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '@': // no @mention pings from a PR comment: a zero-width space after the @
      out += "@&#8203;";
      break;
    case '\r':
      break;
    case '\n':
      out += "<br>";
      break;
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '|':
    case '~':
    case '#':
    case '!':
      out += '\\';
      out += c;
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20)
        out += ' ';
      else
        out += c;
    }
  }
  return out;
}

std::string location_label(const engine::Location& location) {
  const std::string path = location.path.empty() ? "." : location.path;
  if (location.line <= 0)
    return path;
  if (location.column <= 0)
    return fmt::format("{}:{}", path, location.line);
  return fmt::format("{}:{}:{}", path, location.line, location.column);
}

std::string message_with_evidence(const engine::Finding& finding) {
  std::string out = finding.message;
  if (!finding.hint.empty())
    out += "\nhint: " + finding.hint;
  for (const auto& related : finding.related)
    out += fmt::format("\nevidence: {}{}{}", related.path.empty() ? "" : location_label(related),
                       !related.path.empty() && !related.note.empty() ? ": " : "", related.note);
  return out;
}

std::array<std::size_t, 3> count_by_severity(const std::vector<engine::Finding>& findings) {
  std::array<std::size_t, 3> counts{0, 0, 0};
  for (const auto& finding : findings)
    ++counts[static_cast<std::size_t>(finding.severity)];
  return counts;
}

std::vector<RunRule> run_rules(const std::vector<engine::Finding>& findings, const RunInfo& info) {
  std::map<std::string, RunRule, std::less<>> rules;
  for (const auto* meta : info.selected_rules)
    if (meta)
      rules.try_emplace(std::string(meta->id), RunRule{std::string(meta->id), std::string(meta->name),
                                                       meta->severity, meta, std::nullopt});
  for (const auto& finding : findings)
    rules.try_emplace(finding.rule_id,
                      RunRule{finding.rule_id, finding.rule_name, finding.severity, nullptr, std::nullopt});
  for (const auto& status : info.statuses)
    if (status.state == engine::RuleState::not_applicable)
      if (auto rule = rules.find(status.rule->id); rule != rules.end())
        rule->second.not_applicable = status.reason;
  std::vector<RunRule> out;
  out.reserve(rules.size());
  for (auto& [id, rule] : rules)
    out.push_back(std::move(rule));
  return out;
}

namespace {

std::string json_quoted(std::string_view text) {
  return fmt::format("\"{}\"", json_escape(text));
}

std::string location_json(const engine::Location& location, bool with_note) {
  std::string out = fmt::format("{{\"path\": {}, \"line\": {}, \"column\": {}", json_quoted(location.path),
                                location.line, location.column);
  if (with_note)
    out += fmt::format(", \"note\": {}", json_quoted(location.note));
  out += "}";
  return out;
}

} // namespace

// A finding's fix: its description and edits; an edit's text includes the heading it writes (`header`),
// as a consumer that applies this one fix alone must write it.
std::string fix_json(const engine::Fix& fix) {
  std::string edits;
  for (std::size_t k = 0; k < fix.edits.size(); ++k) {
    const auto& edit = fix.edits[k];
    edits +=
        fmt::format("{}{{\"path\": {}, \"line\": {}, \"column\": {}, \"end_line\": {}, \"end_column\": {}, "
                    "\"original\": {}, \"text\": {}}}",
                    k ? ", " : "", json_quoted(edit.path), edit.begin.line, edit.begin.column, edit.end.line,
                    edit.end.column, json_quoted(edit.original), json_quoted(edit.header + edit.text));
  }
  return fmt::format("{{\"description\": {}, \"edits\": [{}]}}", json_quoted(fix.description), edits);
}

std::string finding_json(const engine::Finding& f) {
  std::string related;
  for (std::size_t k = 0; k < f.related.size(); ++k)
    related += (k ? ", " : "") + location_json(f.related[k], true);
  return fmt::format("{{\"rule\": {}, \"name\": {}, \"severity\": {}, \"message\": {}, \"location\": {}, "
                     "\"related\": [{}], \"subject\": {}, \"hint\": {}, \"fingerprint\": {}{}}}",
                     json_quoted(f.rule_id), json_quoted(f.rule_name),
                     json_quoted(engine::to_string(f.severity)), json_quoted(f.message),
                     location_json(f.location, false), related, json_quoted(f.subject), json_quoted(f.hint),
                     json_quoted(f.fingerprint), f.fix ? ", \"fix\": " + fix_json(*f.fix) : std::string());
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

} // namespace tacit::report::detail
