#include <tacit/engine/finding.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace tacit::engine {

std::string_view to_string(Severity severity) {
  switch (severity) {
  case Severity::info:
    return "info";
  case Severity::warning:
    return "warning";
  case Severity::error:
    return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
  // Any case, and `warn` (eslint's and many configs' spelling) for warning.
  if (util::iequals(text, "info"))
    return Severity::info;
  if (util::iequals(text, "warning") || util::iequals(text, "warn"))
    return Severity::warning;
  if (util::iequals(text, "error"))
    return Severity::error;
  return std::nullopt;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.path, a.location.line, a.location.column, a.rule_id, a.subject, a.message) <
           std::tie(b.location.path, b.location.line, b.location.column, b.rule_id, b.subject, b.message);
  });
}

namespace {
// FNV-1a, 64 bits: stable across platforms and releases (fingerprints are stored in baselines).
std::uint64_t fnv1a(std::string_view data, std::uint64_t hash = 0xcbf29ce484222325ull) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}
} // namespace

void assign_fingerprints(std::vector<Finding>& findings) {
  std::map<std::tuple<std::string, std::string, std::string>, int> seen;
  for (auto& finding : findings) {
    const int n = seen[{finding.rule_id, finding.location.path, finding.subject}]++;
    const auto key =
        fmt::format("{}\x1f{}\x1f{}\x1f{}", finding.rule_id, finding.location.path, finding.subject, n);
    finding.fingerprint = fmt::format("{:016x}", fnv1a(key));
  }
}

Finding& Emitter::emit(std::string message, Location location, std::string subject) {
  Finding finding;
  finding.rule_id = std::string(m_meta.id);
  finding.rule_name = std::string(m_meta.name);
  finding.severity = m_meta.severity;
  finding.message = std::move(message);
  finding.location = std::move(location);
  finding.subject = std::move(subject);
  m_findings.push_back(std::move(finding));
  return m_findings.back();
}

} // namespace tacit::engine
