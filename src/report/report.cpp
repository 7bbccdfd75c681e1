#include <tacit/report/report.hpp>

#include <array>
#include <utility>

namespace tacit::report {

namespace {
// Names in the order --help lists them.
constexpr std::array<std::pair<std::string_view, Format>, 9> k_formats{{{"text", Format::text},
                                                                        {"json", Format::json},
                                                                        {"json-lines", Format::json_lines},
                                                                        {"sarif", Format::sarif},
                                                                        {"github", Format::github},
                                                                        {"gitlab", Format::gitlab},
                                                                        {"junit", Format::junit},
                                                                        {"rdjson", Format::rdjson},
                                                                        {"markdown", Format::markdown}}};

constexpr auto k_format_names = [] {
  std::array<std::string_view, k_formats.size()> names{};
  for (std::size_t i = 0; i < k_formats.size(); ++i)
    names[i] = k_formats[i].first;
  return names;
}();
} // namespace

std::span<const std::string_view> format_names() {
  return k_format_names;
}

std::optional<Format> parse_format(std::string_view name) {
  for (const auto& [known, format] : k_formats)
    if (known == name)
      return format;
  return std::nullopt;
}

std::string render(Format format, const std::vector<engine::Finding>& findings, const RunInfo& info) {
  switch (format) {
  case Format::text:
    return render_text(findings, info);
  case Format::json:
    return render_json(findings, info);
  case Format::json_lines:
    return render_json_lines(findings, info);
  case Format::sarif:
    return render_sarif(findings, info);
  case Format::github:
    return render_github(findings, info);
  case Format::gitlab:
    return render_gitlab(findings, info);
  case Format::junit:
    return render_junit(findings, info);
  case Format::rdjson:
    return render_rdjson(findings, info);
  case Format::markdown:
    return render_markdown(findings, info);
  }
  return {};
}

} // namespace tacit::report
