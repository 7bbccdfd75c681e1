// The sarif format: SARIF 2.1.0 as GitHub code scanning reads it (docs/formats.md). One run; the driver
// describes every rule of the run with its docs; each result points at a repository-relative URI under
// %SRCROOT% and carries the one fingerprint of DESIGN.md ("Identity") as its partial fingerprints.

#include "format_util.hpp"

#include <tacit/engine/rule_docs.hpp>
#include <tacit/report/report.hpp>
#include <tacit/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace tacit::report {

std::string uri_path_escape(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved)
      out += ch;
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

namespace {

constexpr std::string_view k_base_id = "%SRCROOT%";

std::string_view level(engine::Severity severity) {
  switch (severity) {
  case engine::Severity::error:
    return "error";
  case engine::Severity::warning:
    return "warning";
  case engine::Severity::info:
    return "note";
  }
  return "warning";
}

// The repository root itself (an empty path) is the base URI's own directory: "./".
std::string artifact_uri(std::string_view path) {
  return path.empty() ? std::string("./") : uri_path_escape(path);
}

void physical_location(detail::JsonWriter& w, const engine::Location& location, bool need_line) {
  w.object_member("physicalLocation");
  w.object_member("artifactLocation");
  w.member("uri", artifact_uri(location.path));
  w.member("uriBaseId", k_base_id);
  w.end_object();
  if (location.line > 0 || need_line) {
    w.object_member("region");
    w.member_number("startLine", std::max(location.line, 1));
    if (location.line > 0 && location.column > 0)
      w.member_number("startColumn", location.column);
    w.end_object();
  }
  w.end_object();
}

void rule_descriptor(detail::JsonWriter& w, const detail::RunRule& rule) {
  w.begin_object();
  w.member("id", rule.id);
  w.member("name", rule.name);
  // GitHub requires both descriptions to be non-empty; a user rule may leave its docs out.
  const auto fallback = fmt::format("{} {}", rule.id, rule.name);
  const auto* meta = rule.meta;
  const std::string_view summary = meta && !meta->summary.empty() ? meta->summary : fallback;
  const std::string_view full = meta && !meta->docs.what_it_does.empty() ? meta->docs.what_it_does : summary;
  w.object_member("shortDescription");
  w.member("text", summary);
  w.end_object();
  w.object_member("fullDescription");
  w.member("text", full);
  w.end_object();
  if (meta) {
    w.object_member("help");
    w.member("text", engine::rule_docs_text(*meta));
    w.member("markdown", engine::rule_docs_markdown(*meta));
    w.end_object();
  }
  w.object_member("defaultConfiguration");
  w.member("level", level(rule.severity));
  w.end_object();
  w.object_member("properties");
  w.array_member("tags");
  w.string("maintainability");
  if (rule.meta)
    w.string(rule.meta->category);
  w.end_array();
  if (rule.meta)
    w.member("category", rule.meta->category);
  w.end_object();
  w.end_object();
}

// A fix as SARIF's `fixes`: one artifactChange per file, one replacement per edit (an insertion is an empty
// deletedRegion); the inserted text includes the heading the edit writes.
void fixes(detail::JsonWriter& w, const engine::Fix& fix) {
  w.array_member("fixes");
  w.begin_object();
  w.object_member("description");
  w.member("text", fix.description);
  w.end_object();
  w.array_member("artifactChanges");
  std::vector<std::string_view> paths;
  for (const auto& edit : fix.edits)
    if (std::find(paths.begin(), paths.end(), edit.path) == paths.end())
      paths.push_back(edit.path);
  for (auto path : paths) {
    w.begin_object();
    w.object_member("artifactLocation");
    w.member("uri", artifact_uri(path));
    w.member("uriBaseId", k_base_id);
    w.end_object();
    w.array_member("replacements");
    for (const auto& edit : fix.edits) {
      if (edit.path != path)
        continue;
      w.begin_object();
      w.object_member("deletedRegion");
      w.member_number("startLine", edit.begin.line);
      w.member_number("startColumn", edit.begin.column);
      w.member_number("endLine", edit.end.line);
      w.member_number("endColumn", edit.end.column);
      w.end_object();
      w.object_member("insertedContent");
      w.member("text", edit.header + edit.text);
      w.end_object();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.end_array();
}

void result(detail::JsonWriter& w, const engine::Finding& finding, std::size_t rule_index) {
  std::string text = finding.message;
  if (!finding.hint.empty())
    text += fmt::format("\nhint: {}", finding.hint);
  for (const auto& related : finding.related)
    if (related.path.empty() && !related.note.empty())
      text += fmt::format("\nevidence: {}", related.note);

  w.begin_object();
  w.member("ruleId", finding.rule_id);
  w.member_number("ruleIndex", static_cast<long long>(rule_index));
  w.member("level", level(finding.severity));
  w.object_member("message");
  w.member("text", text);
  w.end_object();
  w.array_member("locations");
  w.begin_object();
  physical_location(w, finding.location, true);
  w.end_object();
  w.end_array();
  long long id = 0;
  bool open = false;
  for (const auto& related : finding.related) {
    if (related.path.empty())
      continue;
    if (!open)
      w.array_member("relatedLocations");
    open = true;
    w.begin_object();
    w.member_number("id", ++id);
    physical_location(w, related, false);
    if (!related.note.empty()) {
      w.object_member("message");
      w.member("text", related.note);
      w.end_object();
    }
    w.end_object();
  }
  if (open)
    w.end_array();
  if (finding.fix)
    fixes(w, *finding.fix);
  // Not primaryLocationLineHash: upload-sarif computes that one from the line's content (it also survives
  // lines moving) and logs a warning for every result whose value differs from its own.
  w.object_member("partialFingerprints");
  w.member("tacitFingerprint/v1", finding.fingerprint);
  w.end_object();
  w.end_object();
}

} // namespace

std::string render_sarif(const std::vector<engine::Finding>& findings, const RunInfo& info) {
  const auto rules = detail::run_rules(findings, info);
  std::map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < rules.size(); ++i)
    index.emplace(rules[i].id, i);

  detail::JsonWriter w;
  w.begin_object();
  w.member("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.member("version", "2.1.0");
  w.array_member("runs");
  w.begin_object();
  w.object_member("tool");
  w.object_member("driver");
  w.member("name", "tacit");
  w.member("version", k_version);
  w.member("semanticVersion", k_version);
  w.member("informationUri", k_homepage);
  w.array_member("rules");
  for (const auto& rule : rules)
    rule_descriptor(w, rule);
  w.end_array();
  w.end_object();
  w.end_object();
  if (info.root.starts_with('/')) {
    w.object_member("originalUriBaseIds");
    w.object_member(k_base_id);
    w.member("uri", fmt::format("file://{}/", uri_path_escape(info.root == "/" ? "" : info.root)));
    w.end_object();
    w.end_object();
  }
  w.array_member("results");
  for (const auto& finding : findings)
    result(w, finding, index.at(finding.rule_id));
  w.end_array();
  w.end_object();
  w.end_array();
  w.end_object();
  return w.take();
}

} // namespace tacit::report
