// The command line's helpers around CLI11: "did you mean" for what it did not expect, --format lists and
// case-insensitive levels.

#include "options.hpp"

#include <tacit/util/strings.hpp>

#include <fmt/format.h>

namespace tacit::cli {

namespace {

// The subcommand the arguments reached: the deepest one parsed.
const CLI::App* reached(const CLI::App& app) {
  const CLI::App* at = &app;
  for (bool deeper = true; deeper;) {
    deeper = false;
    for (const auto* sub : at->get_subcommands())
      if (sub->parsed()) {
        at = sub;
        deeper = true;
        break;
      }
  }
  return at;
}

std::string command_name(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* at = &app; at != nullptr && at->get_parent() != nullptr; at = at->get_parent())
    names.insert(names.begin(), at->get_name());
  return names.empty() ? std::string("tacit") : fmt::format("tacit {}", fmt::join(names, " "));
}

} // namespace

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& names) {
  const auto best = util::closest_match(word, names);
  return best.empty() ? std::string{} : fmt::format(" (did you mean '{}'?)", best);
}

std::string unexpected_arguments_message(const CLI::App& app) {
  const auto* command = reached(app);
  std::vector<std::string> options;
  for (const auto* option : command->get_options()) {
    for (const auto& name : option->get_lnames())
      options.push_back("--" + name);
    for (const auto& name : option->get_snames())
      options.push_back("-" + name);
  }
  std::vector<std::string_view> option_names(options.begin(), options.end());
  std::vector<std::string> subcommands;
  for (const auto* sub : command->get_subcommands([](const CLI::App*) { return true; }))
    subcommands.push_back(sub->get_name());
  std::vector<std::string_view> subcommand_names(subcommands.begin(), subcommands.end());
  std::vector<std::string> parts;
  for (const auto& argument : app.remaining(true)) {
    if (argument.starts_with('-')) {
      const auto name = argument.substr(0, argument.find('='));
      parts.push_back(fmt::format("unknown option '{}' for `{}`{}", argument, command_name(*command),
                                  did_you_mean(name, option_names)));
    } else {
      parts.push_back(fmt::format("unexpected argument '{}' for `{}`{}", argument, command_name(*command),
                                  did_you_mean(argument, subcommand_names)));
    }
  }
  if (parts.empty())
    return "unexpected arguments";
  return fmt::format("{}\n  see: {} --help", fmt::join(parts, "\n  "), command_name(*command));
}

std::vector<std::string> split_format_list(const std::vector<std::string>& values,
                                           bool (*known)(std::string_view)) {
  std::vector<std::string> out;
  for (const auto& value : values) {
    bool first = true;
    for (auto part : util::split(value, ',')) {
      if (util::trim(part).empty())
        continue;
      const auto name = util::trim(part.substr(0, part.find(':')));
      // A comma inside a file name: the part before it named a file and this one is no format.
      if (!first && !known(name) && !out.empty() && out.back().find(':') != std::string::npos) {
        out.back() += ',';
        out.back() += part;
        continue;
      }
      first = false;
      out.emplace_back(util::trim(part));
    }
  }
  return out;
}

std::optional<std::string> canonical_level(std::string_view value) {
  for (std::string_view level : {"error", "warning", "info", "never"})
    if (util::iequals(value, level))
      return std::string(level);
  if (util::iequals(value, "warn"))
    return std::string("warning");
  return std::nullopt;
}

} // namespace tacit::cli
