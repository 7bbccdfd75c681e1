// `tacit config`: the effective configuration as YAML, each setting with where it was written.

#include <tacit/engine/config.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace tacit::engine {

namespace {

constexpr std::array<std::string_view, 12> k_reserved{"true", "false", "null", "yes", "no", "on",
                                                      "off",  "y",     "n",    "~",   "",   "<<"};

// A YAML scalar: plain when that is unambiguous, else single-quoted.
std::string scalar(std::string_view text, bool allow_keywords = false) {
  bool plain = !text.empty() && (std::isalnum(static_cast<unsigned char>(text.front())) ||
                                 text.front() == '_' || text.front() == '/' || text.front() == '.');
  for (const char c : text)
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
                      c == '/' || c == '+');
  if (plain && !allow_keywords)
    for (auto word : k_reserved)
      plain = plain && !util::iequals(text, word);
  if (plain)
    return std::string(text);
  std::string quoted = "'";
  for (const char c : text)
    quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

std::string where(const ConfigOrigin& origin) {
  if (origin.file.empty())
    return "  # default";
  if (origin.line == 0)
    return fmt::format("  # {}", origin.file);
  return fmt::format("  # {}:{}:{}", origin.file, origin.line, origin.column);
}

std::string severity_text(const std::optional<Severity>& severity) {
  return severity ? std::string(to_string(*severity)) : std::string("off");
}

void print_entries(std::string& out, std::string_view indent, std::string_view key,
                   const std::vector<ConfigEntry>& entries) {
  if (entries.empty()) {
    out += fmt::format("{}{}: []\n", indent, key);
    return;
  }
  out += fmt::format("{}{}:\n", indent, key);
  for (const auto& entry : entries)
    out += fmt::format("{}  - {}{}\n", indent, scalar(entry.value), where(entry.origin));
}

void print_severities(std::string& out, std::string_view indent, const std::vector<SeveritySetting>& list) {
  if (list.empty()) {
    out += fmt::format("{}severity: {{}}\n", indent);
    return;
  }
  out += fmt::format("{}severity:\n", indent);
  for (const auto& setting : list)
    out += fmt::format("{}  {}: {}{}\n", indent, setting.selector, severity_text(setting.severity),
                       where(setting.origin));
}

std::vector<ConfigEntry> with_origins(const std::vector<std::string>& values,
                                      const std::vector<ConfigOrigin>& origins) {
  std::vector<ConfigEntry> out;
  for (std::size_t i = 0; i < values.size(); ++i)
    out.push_back({values[i], i < origins.size() ? origins[i] : ConfigOrigin{}});
  return out;
}

} // namespace

std::string format_config(const Config& config) {
  std::string out = "# The effective configuration of tacit";
  out += config.extends.empty() ? std::string(": the defaults (profile recommended)")
                                : fmt::format(", merged from: {}", util::join(config.extends, ", "));
  out += ".\n# Each setting ends with where it was written; later files win (docs/configuration.md).\n";
  out += "version: 1\n";
  if (config.select)
    print_entries(out, "", "select", *config.select);
  else
    out += "# select: every rule (not set)\n";
  print_entries(out, "", "ignore", config.ignore);
  print_severities(out, "", config.severity);
  if (config.options.empty())
    out += "options: {}\n";
  else
    out += "options:\n";
  for (const auto& [rule, settings] : config.options) {
    out += fmt::format("  {}:{}\n", rule, settings.empty() ? " {}" : "");
    for (const auto& [name, setting] : settings)
      out += fmt::format("    {}: {}{}\n", scalar(name), scalar(setting.value, true), where(setting.origin));
  }
  if (config.per_path.empty())
    out += "per-path: []\n";
  else
    out += "per-path:\n";
  for (const auto& entry : config.per_path) {
    out += fmt::format("  -{}\n", where(entry.origin));
    print_entries(out, "    ", "paths", entry.paths);
    if (!entry.select.empty())
      print_entries(out, "    ", "select", entry.select);
    if (!entry.ignore.empty())
      print_entries(out, "    ", "ignore", entry.ignore);
    if (!entry.severity.empty())
      print_severities(out, "    ", entry.severity);
  }
  print_entries(out, "", "exclude", with_origins(config.exclude, config.exclude_origins));
  print_entries(out, "", "rule-dirs", with_origins(config.rule_dirs, config.rule_dir_origins));
  if (config.fail_on)
    out += fmt::format("fail-on: {}{}\n", config.fail_on->level ? to_string(*config.fail_on->level) : "never",
                       where(config.fail_on->origin));
  else
    out += "fail-on: warning  # default\n";
  if (config.filesets.empty())
    out += "filesets: {}\n";
  else
    out += "filesets:\n";
  for (const auto& [name, patterns] : config.filesets) {
    const auto origin = config.fileset_origins.find(name);
    out +=
        fmt::format("  {}:{}\n", name, origin == config.fileset_origins.end() ? "" : where(origin->second));
    for (const auto& pattern : patterns)
      out += fmt::format("    - {}\n", scalar(pattern));
  }
  out += fmt::format("suppressions:\n  require-reason: {}{}\n", config.suppression_reason_required,
                     where(config.suppressions_origin));
  if (!config.audit_pillars.empty() || !config.audit_severity.empty()) {
    out += "audit:\n";
    for (const auto& [title, weights] :
         {std::pair{"pillars", &config.audit_pillars}, std::pair{"severity", &config.audit_severity}}) {
      if (weights->empty())
        continue;
      out += fmt::format("  {}:\n", title);
      for (const auto& [name, weight] : *weights)
        out += fmt::format("    {}: {}{}\n", name, weight.value, where(weight.origin));
    }
  }
  return out;
}

} // namespace tacit::engine
