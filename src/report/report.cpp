#include <tacit/report/report.hpp>

#include <array>

namespace tacit::report {

namespace {
constexpr std::array<std::string_view, 2> k_format_names{"text", "json"};
}

std::span<const std::string_view> format_names() {
  return k_format_names;
}

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text")
    return Format::text;
  if (name == "json")
    return Format::json;
  return std::nullopt;
}

std::string render(Format format, const std::vector<engine::Finding>& findings, const RunInfo& info) {
  switch (format) {
  case Format::text:
    return render_text(findings, info);
  case Format::json:
    return render_json(findings, info);
  }
  return {};
}

} // namespace tacit::report
