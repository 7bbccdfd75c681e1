// Validation of what a configuration says about rules, once every rule (built-in and declarative) is known:
// rule ids and prefixes in select, ignore, severity, options and per-path, and option names and values.

#include "config_internal.hpp"

#include <tacit/engine/config.hpp>
#include <tacit/engine/rule.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace tacit::engine {

namespace {

std::string suggestion(std::string_view word, const std::vector<std::string_view>& candidates) {
  const auto best = util::closest_match(word, candidates);
  return best.empty() ? std::string{} : fmt::format(" (did you mean '{}'?)", best);
}

class Validator {
public:
  explicit Validator(std::span<const RuleMeta* const> rules) : m_rules(rules) {
    for (const auto* rule : rules)
      m_ids.push_back(rule->id);
  }

  const RuleMeta* find(std::string_view id) const {
    for (const auto* rule : m_rules)
      if (util::iequals(rule->id, id))
        return rule;
    return nullptr;
  }

  std::optional<tacit::Error> selector(std::string_view value, const ConfigOrigin& origin,
                                       std::string_view key) const {
    if (util::iequals(value, "ALL"))
      return std::nullopt;
    for (const auto* rule : m_rules)
      if (rule->id.size() >= value.size() && util::iequals(rule->id.substr(0, value.size()), value))
        return std::nullopt;
    return detail::located(origin, fmt::format("'{}': unknown rule or category '{}'{}; see `tacit rules`",
                                               key, value, suggestion(value, m_ids)));
  }

  std::optional<tacit::Error> entries(const std::vector<ConfigEntry>& list, std::string_view key) const {
    for (const auto& entry : list)
      if (auto error = selector(entry.value, entry.origin, key))
        return error;
    return std::nullopt;
  }

  std::optional<tacit::Error> severities(const std::vector<SeveritySetting>& list,
                                         std::string_view key) const {
    for (const auto& setting : list)
      if (auto error = selector(setting.selector, setting.origin, key))
        return error;
    return std::nullopt;
  }

  std::optional<tacit::Error> options(const Config& config) const {
    for (const auto& [id, settings] : config.options) {
      const auto* rule = find(id);
      if (!rule) {
        const auto known = config.option_rule_origins.find(id);
        const auto origin = known != config.option_rule_origins.end() ? known->second
                            : settings.empty()                        ? ConfigOrigin{config.source}
                                                                      : settings.begin()->second.origin;
        return detail::located(
            origin, fmt::format("'options': unknown rule '{}'{}; options are set per rule id (see `tacit "
                                "rule ID`)",
                                id, suggestion(id, m_ids)));
      }
      for (const auto& [name, setting] : settings) {
        const auto* option = find_option(*rule, name);
        if (!option) {
          std::vector<std::string_view> names;
          for (const auto& known : rule->options)
            names.push_back(known.name);
          std::vector<std::string> listed(names.begin(), names.end());
          return detail::located(
              setting.origin,
              fmt::format("{} has no option '{}'{}; {}", rule->id, name, suggestion(name, names),
                          listed.empty() ? std::string("it has no options")
                                         : fmt::format("its options: {}", util::join(listed, ", "))));
        }
        const auto type = option_type(option->default_value);
        if (!option_value_fits(type, setting.value))
          return detail::located(
              setting.origin, fmt::format("option '{}' of {} takes a {} (like the default, {}); "
                                          "'{}' is not one",
                                          name, rule->id, type == "integer" ? "non-negative integer" : type,
                                          option->default_value, setting.value));
      }
    }
    return std::nullopt;
  }

  static const RuleOption* find_option(const RuleMeta& rule, std::string_view name) {
    for (const auto& option : rule.options)
      if (option.name == name)
        return &option;
    return nullptr;
  }

private:
  std::span<const RuleMeta* const> m_rules;
  std::vector<std::string_view> m_ids;
};

} // namespace

std::string_view option_type(std::string_view default_value) {
  if (default_value == "true" || default_value == "false")
    return "boolean";
  if (option_value_fits("integer", default_value))
    return "integer";
  if (option_value_fits("number", default_value))
    return "number";
  return "string";
}

bool option_value_fits(std::string_view type, std::string_view value) {
  if (type == "boolean")
    return value == "true" || value == "false";
  if (type == "integer") {
    std::uint64_t number = 0;
    const auto* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, number);
    return !value.empty() && ec == std::errc{} && ptr == end && number <= 1'000'000'000u;
  }
  if (type == "number") {
    double number = 0;
    const auto* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, number);
    return !value.empty() && ec == std::errc{} && ptr == end && number == number;
  }
  return !value.empty();
}

Result<void> validate_config(const Config& config, std::span<const RuleMeta* const> rules) {
  const Validator check(rules);
  std::optional<tacit::Error> error;
  if (config.select)
    error = check.entries(*config.select, "select");
  if (!error)
    error = check.entries(config.ignore, "ignore");
  if (!error)
    error = check.severities(config.severity, "severity");
  for (const auto& entry : config.per_path) {
    if (!error)
      error = check.entries(entry.select, "per-path select");
    if (!error)
      error = check.entries(entry.ignore, "per-path ignore");
    if (!error)
      error = check.severities(entry.severity, "per-path severity");
  }
  if (!error)
    error = check.options(config);
  if (error)
    return std::unexpected(*error);
  return {};
}

} // namespace tacit::engine
