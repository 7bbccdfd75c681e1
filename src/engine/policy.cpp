// Which findings are reported, and how severe: select / ignore / severity / per-path of the configuration,
// under the command line's --select / --extend-select / --ignore.

#include <tacit/engine/policy.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/engine/rule_set.hpp>
#include <tacit/util/strings.hpp>

namespace tacit::engine {

namespace {

bool matches(std::string_view selector, std::string_view id) {
  return util::iequals(selector, "ALL") || selector_matches(selector, id);
}

bool any_matches(const std::vector<std::string>& selectors, std::string_view id) {
  return std::any_of(selectors.begin(), selectors.end(), [&](const auto& s) { return matches(s, id); });
}

bool any_matches(const std::vector<ConfigEntry>& selectors, std::string_view id) {
  return std::any_of(selectors.begin(), selectors.end(), [&](const auto& s) { return matches(s.value, id); });
}

// The most specific matching entry (the longest selector; ALL is the least specific): nullopt when none
// matches, else the setting (whose nullopt severity is `off`).
std::optional<std::optional<Severity>> resolve(const std::vector<SeveritySetting>& settings,
                                               std::string_view id) {
  const SeveritySetting* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& setting : settings) {
    if (!matches(setting.selector, id))
      continue;
    const auto length = util::iequals(setting.selector, "ALL") ? 0 : setting.selector.size();
    if (!best || length >= best_length) {
      best = &setting;
      best_length = length;
    }
  }
  if (!best)
    return std::nullopt;
  return best->severity;
}

} // namespace

Policy::Policy(const Config& config, CommandLineSelection command_line,
               std::span<const RuleMeta* const> rules)
    : m_config(config), m_command_line(std::move(command_line)) {
  for (const auto* rule : rules)
    if (!rule->in_default_profile)
      m_opt_in.emplace_back(rule->id);
  for (const auto& entry : m_config.per_path) {
    PathRule rule{{}, &entry};
    for (const auto& glob : entry.paths)
      rule.paths.add(glob.value);
    m_per_path.push_back(std::move(rule));
  }
}

bool Policy::top_selected(std::string_view id) const {
  // With no selection, the rules of the default profile.
  bool on = std::find(m_opt_in.begin(), m_opt_in.end(), id) == m_opt_in.end();
  if (!m_command_line.select.empty()) {
    on = any_matches(m_command_line.select, id);
  } else {
    if (m_config.select)
      on = any_matches(*m_config.select, id);
    on = on && !any_matches(m_config.ignore, id);
  }
  on = on || any_matches(m_command_line.extend_select, id);
  return on && !any_matches(m_command_line.ignore, id);
}

bool Policy::runs(std::string_view id) const {
  if (any_matches(m_command_line.ignore, id))
    return false;
  bool selected = top_selected(id);
  for (const auto& rule : m_per_path)
    selected = selected || (m_command_line.select.empty() && any_matches(rule.entry->select, id));
  if (!selected)
    return false;
  // Off everywhere (severity `off` at the top and in no per-path entry raised again) does not run.
  if (const auto top = resolve(m_config.severity, id); !top || *top)
    return true;
  return std::any_of(m_per_path.begin(), m_per_path.end(), [&](const PathRule& rule) {
    const auto severity = resolve(rule.entry->severity, id);
    return severity && *severity;
  });
}

std::optional<Severity> Policy::decide(std::string_view id, std::string_view path, Severity severity) const {
  bool on = top_selected(id);
  std::optional<Severity> result = severity;
  if (auto top = resolve(m_config.severity, id))
    result = *top;
  for (const auto& rule : m_per_path) {
    if (path.empty() || !rule.paths.ignored(path))
      continue;
    if (m_command_line.select.empty() && any_matches(rule.entry->select, id))
      on = true;
    if (any_matches(rule.entry->ignore, id))
      on = false;
    if (auto override_severity = resolve(rule.entry->severity, id))
      result = *override_severity;
  }
  if (!on || any_matches(m_command_line.ignore, id))
    return std::nullopt;
  return result;
}

Selection Policy::selection(std::span<const RuleMeta* const> rules) const {
  Selection selection;
  for (const auto* rule : rules)
    if (runs(rule->id))
      selection.select.emplace_back(rule->id);
  if (selection.select.empty())
    selection.ignore.emplace_back("ALL"); // nothing runs (an empty select would mean every rule)
  return selection;
}

void Policy::apply(std::vector<Finding>& findings) const {
  std::erase_if(findings, [&](Finding& finding) {
    const auto severity = decide(finding.rule_id, finding.location.path, finding.severity);
    if (!severity)
      return true;
    finding.severity = *severity;
    return false;
  });
}

} // namespace tacit::engine
