// Emitter's option accessors: a rule reads its thresholds from the configuration, with the defaults of its
// RuleMeta::options.

#include <tacit/engine/rule.hpp>

#include <fmt/format.h>

#include <charconv>
#include <stdexcept>

namespace tacit::engine {

std::string_view Emitter::option_text(std::string_view name) const {
  for (const auto& option : m_meta.options) {
    if (option.name != name)
      continue;
    if (m_options)
      if (auto it = m_options->find(name); it != m_options->end())
        return it->second;
    return option.default_value;
  }
  throw std::logic_error(fmt::format("rule {} reads option '{}' that it does not declare", m_meta.id, name));
}

std::int64_t Emitter::option_int(std::string_view name) const {
  const auto text = option_text(name);
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size())
    throw std::logic_error(fmt::format("option '{}' of {} is not an integer: '{}'", name, m_meta.id, text));
  return value;
}

double Emitter::option_number(std::string_view name) const {
  const auto text = option_text(name);
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size())
    throw std::logic_error(fmt::format("option '{}' of {} is not a number: '{}'", name, m_meta.id, text));
  return value;
}

bool Emitter::option_bool(std::string_view name) const {
  const auto text = option_text(name);
  if (text != "true" && text != "false")
    throw std::logic_error(
        fmt::format("option '{}' of {} is not true or false: '{}'", name, m_meta.id, text));
  return text == "true";
}

std::string Emitter::option_string(std::string_view name) const {
  return std::string(option_text(name));
}

} // namespace tacit::engine
