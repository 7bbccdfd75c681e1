// The JSON format: one document, schema version k_json_schema_version (docs/json-format.md).

#include "format_util.hpp"

#include <tacit/report/report.hpp>
#include <tacit/util/strings.hpp>
#include <tacit/version.hpp>

#include <fmt/format.h>

namespace tacit::report {

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20)
          out += fmt::format("\\u{:04x}", c);
        else
          out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool valid = len > 0 && i + len <= text.size();
    for (std::size_t k = 1; valid && k < len; ++k)
      valid = (s[i + k] & 0xC0) == 0x80;
    // Overlong forms, surrogates and values above U+10FFFF are invalid too.
    valid = valid && util::is_valid_utf8(text.substr(i, len));
    if (valid) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\\ufffd";
      ++i;
    }
  }
  return out;
}

namespace {

std::string json_quoted(std::string_view text) {
  return fmt::format("\"{}\"", json_escape(text));
}

} // namespace

std::string render_json(const std::vector<engine::Finding>& findings, const RunInfo& info) {
  std::string out;
  std::size_t counts[3] = {0, 0, 0};
  fmt::format_to(
      std::back_inserter(out),
      "{{\n  \"schema_version\": {},\n  \"tool\": {{\"name\": \"tacit\", \"version\": {}, \"commit\": {}}},\n"
      "  \"root\": {},\n  \"source\": {},\n  \"findings\": [",
      k_json_schema_version, json_quoted(k_version), json_quoted(k_commit), json_quoted(info.root),
      json_quoted(info.source));
  for (std::size_t i = 0; i < findings.size(); ++i) {
    ++counts[static_cast<int>(findings[i].severity)];
    fmt::format_to(std::back_inserter(out), "{}\n    {}", i ? "," : "", detail::finding_json(findings[i]));
  }
  out += findings.empty() ? "],\n  \"rules\": [" : "\n  ],\n  \"rules\": [";
  for (std::size_t i = 0; i < info.statuses.size(); ++i) {
    const auto& status = info.statuses[i];
    fmt::format_to(
        std::back_inserter(out),
        "{}\n    {{\"id\": {}, \"name\": {}, \"category\": {}, \"status\": {}, \"findings\": {}{}}}",
        i ? "," : "", json_quoted(status.rule->id), json_quoted(status.rule->name),
        json_quoted(status.rule->category), json_quoted(engine::to_string(status.state)), status.findings,
        status.state == engine::RuleState::not_applicable
            ? fmt::format(", \"reason\": {}", json_quoted(status.reason))
            : std::string());
  }
  fmt::format_to(std::back_inserter(out),
                 "{}],\n  \"summary\": {{\"files\": {}, \"rules\": {}, \"findings\": {}, \"error\": {}, "
                 "\"warning\": {}, "
                 "\"info\": {}}}\n}}\n",
                 info.statuses.empty() ? "" : "\n  ", info.files, info.rules, findings.size(), counts[2],
                 counts[1], counts[0]);
  return out;
}

} // namespace tacit::report
