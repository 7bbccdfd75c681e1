// The json-lines format: one finding per line, the same object as the json format's findings[], for
// streaming consumers (jq -c, log shippers). No findings: no output at all.

#include "format_util.hpp"

#include <tacit/report/report.hpp>

namespace tacit::report {

std::string render_json_lines(const std::vector<engine::Finding>& findings, const RunInfo& /*info*/) {
  std::string out;
  for (const auto& finding : findings) {
    out += detail::finding_json(finding);
    out += '\n';
  }
  return out;
}

} // namespace tacit::report
