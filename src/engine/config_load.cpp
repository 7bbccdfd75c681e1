// The `extends` chain: built-in profiles, local files (from the filesystem for --config, from the scanned
// source for the repository's .tacit.yaml), cycle detection, and the merge of the layers.

#include "config_internal.hpp"

#include <tacit/engine/rule.hpp>
#include <tacit/repo/snapshot.hpp>
#include <tacit/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace tacit::engine {

namespace {

constexpr std::array<std::string_view, 2> k_profiles{"recommended", "strict"};
constexpr std::size_t k_max_depth = 16;
// A configuration file larger than this is refused rather than cut (the snapshot's default read cap).
constexpr std::uint64_t k_max_config_bytes = 8u << 20;

bool names_file(std::string_view value) {
  return value.find('/') != std::string_view::npos || value.ends_with(".yaml") || value.ends_with(".yml");
}

// `value` relative to the directory of the including file `from`.
std::string resolve(std::string_view from, std::string_view value) {
  const std::filesystem::path target(value);
  const auto joined = target.is_absolute() ? target : std::filesystem::path(from).parent_path() / target;
  return joined.lexically_normal().generic_string();
}

Result<std::string> fail_read(const std::filesystem::path& path, std::string reason) {
  return make_error(ErrorCode::config, std::move(reason), path.string());
}

// The file at `path` (links followed: the caller named it), or why it cannot be read.
Result<std::string> read_file(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const auto status = fs::status(path, error);
  if (!fs::exists(status))
    return fail_read(path, "no such file");
  if (fs::is_directory(status))
    return fail_read(path, "is a directory");
  if (fs::is_character_file(status) || fs::is_block_file(status))
    return fail_read(path, "is a device, not a regular file");
  if (fs::is_fifo(status) || fs::is_socket(status))
    return fail_read(path, "is a FIFO or a socket, not a regular file");
  if (!fs::is_regular_file(status))
    return fail_read(path, "is not a regular file");
  if (fs::file_size(path, error) > k_max_config_bytes)
    return fail_read(path, fmt::format("is larger than {} bytes", k_max_config_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail_read(path, std::strerror(errno));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// "cannot read 'x' (reason)", or "'x' is a directory" when the reason says what the file is.
std::string read_failure(std::string_view what, std::string_view path, std::string_view reason) {
  if (reason.starts_with("is "))
    return fmt::format("{}'{}' {}", what, path, reason);
  return fmt::format("{}cannot read '{}' ({})", what, path, reason);
}

// Loads a chain depth first, each file (and profile) once per run, then merges its layers base first, each
// once at its last place: every merge lets the later layer win, so an earlier copy of a layer changes
// nothing, and a file extended many times over costs one read, not one per path to it.
class Loader {
public:
  Loader(const ConfigReader& read, std::span<const RuleMeta* const> rules) : m_read(read), m_rules(rules) {}

  Result<Config> load(std::string_view text, const std::string& path) {
    if (auto loaded = visit(text, path); !loaded)
      return std::unexpected(loaded.error());
    std::vector<const Config*> order; // reversed: the top file first
    std::set<std::string, std::less<>> seen;
    collect(path, order, seen);
    Config merged;
    for (auto it = order.rbegin(); it != order.rend(); ++it)
      merged = merge_configs(std::move(merged), **it);
    return merged;
  }

private:
  // One file's own settings and the layers it names, in order (file paths, or "profile NAME").
  struct Layer {
    Config own;
    std::vector<std::string> extends;
  };

  Result<void> visit(std::string_view text, const std::string& path) {
    auto parsed = detail::parse_config_file(text, path);
    if (!parsed)
      return std::unexpected(parsed.error());
    m_stack.push_back(path);
    Layer layer;
    for (const auto& entry : parsed->extends) {
      auto key = visit_extended(entry, path);
      if (!key)
        return std::unexpected(key.error());
      layer.extends.push_back(std::move(*key));
    }
    m_stack.pop_back();
    layer.own = std::move(parsed->config);
    layer.own.extends = {path};
    m_layers.insert_or_assign(path, std::move(layer));
    return {};
  }

  // Loads what `entry` names (unless loaded already) and returns its key in m_layers.
  Result<std::string> visit_extended(const ConfigEntry& entry, const std::string& from) {
    if (!names_file(entry.value)) {
      if (auto profile = builtin_profile(entry.value, m_rules)) {
        auto key = profile->extends.front();
        m_layers.try_emplace(key, Layer{std::move(*profile), {}});
        return key;
      }
      const auto best = util::closest_match(entry.value, {k_profiles.begin(), k_profiles.end()});
      return std::unexpected(detail::located(
          entry.origin,
          fmt::format("unknown profile '{}'{}; profiles: recommended, strict (a local file ends in .yaml)",
                      entry.value, best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best))));
    }
    const auto target = resolve(from, entry.value);
    if (std::find(m_stack.begin(), m_stack.end(), target) != m_stack.end()) {
      auto chain = m_stack;
      chain.erase(chain.begin(), std::find(chain.begin(), chain.end(), target));
      chain.push_back(target);
      return std::unexpected(
          detail::located(entry.origin, fmt::format("'extends' cycle: {}", util::join(chain, " -> "))));
    }
    if (m_layers.contains(target))
      return target; // loaded once per run
    if (m_stack.size() >= k_max_depth)
      return std::unexpected(
          detail::located(entry.origin, fmt::format("'extends' nests deeper than {} files", k_max_depth)));
    auto text = m_read ? m_read(target) : make_error(ErrorCode::config, "no such file");
    if (!text && text.error().message == "no such file")
      return std::unexpected(detail::located(
          entry.origin,
          fmt::format("'extends': cannot read '{}' (no such file; paths are relative to {})", target, from)));
    if (!text)
      return std::unexpected(
          detail::located(entry.origin, read_failure("'extends': ", target, text.error().message)));
    if (auto loaded = visit(*text, target); !loaded)
      return std::unexpected(loaded.error());
    return target;
  }

  // The layers under `key`, in reverse merge order: a layer met again is skipped with all it extends (they
  // were all collected, later in the merge, when it was first met).
  void collect(const std::string& key, std::vector<const Config*>& order,
               std::set<std::string, std::less<>>& seen) const {
    if (!seen.insert(key).second)
      return;
    const auto& layer = m_layers.at(key);
    order.push_back(&layer.own);
    for (auto it = layer.extends.rbegin(); it != layer.extends.rend(); ++it)
      collect(*it, order, seen);
  }

  const ConfigReader& m_read;
  std::span<const RuleMeta* const> m_rules;
  std::vector<std::string> m_stack;
  std::map<std::string, Layer, std::less<>> m_layers;
};

} // namespace

std::span<const std::string_view> profile_names() {
  return k_profiles;
}

std::optional<Config> builtin_profile(std::string_view name, std::span<const RuleMeta* const> rules) {
  Config profile;
  const ConfigOrigin origin{fmt::format("profile {}", name), 0, 0};
  profile.extends = {origin.file};
  if (name == "recommended")
    return profile; // every rule at its default severity; fail on warnings
  if (name != "strict")
    return std::nullopt;
  // strict: every rule (those outside the default profile too), every built-in `info` rule raised to
  // `warning`, and any finding fails the run.
  profile.select = std::vector<ConfigEntry>{ConfigEntry{"ALL", origin}};
  for (const auto* rule : rules)
    if (rule->severity == Severity::info)
      profile.severity.push_back({std::string(rule->id), Severity::warning, origin});
  profile.fail_on = FailOnSetting{Severity::info, origin};
  return profile;
}

Config merge_configs(Config base, const Config& over) {
  if (!over.source.empty())
    base.source = over.source;
  base.extends.insert(base.extends.end(), over.extends.begin(), over.extends.end());
  if (over.select) {
    base.select = over.select; // a selection replaces the one below it, its ignores included
    base.ignore = over.ignore;
  } else {
    base.ignore.insert(base.ignore.end(), over.ignore.begin(), over.ignore.end());
  }
  for (const auto& setting : over.severity) {
    std::erase_if(base.severity, [&](const SeveritySetting& s) { return s.selector == setting.selector; });
    base.severity.push_back(setting);
  }
  if (over.fail_on)
    base.fail_on = over.fail_on;
  base.per_path.insert(base.per_path.end(), over.per_path.begin(), over.per_path.end());
  for (const auto& [rule, settings] : over.options) {
    auto& merged = base.options[rule];
    for (const auto& [name, setting] : settings)
      merged[name] = setting;
  }
  for (const auto& [rule, origin] : over.option_rule_origins)
    base.option_rule_origins[rule] = origin;
  base.exclude.insert(base.exclude.end(), over.exclude.begin(), over.exclude.end());
  base.exclude_origins.insert(base.exclude_origins.end(), over.exclude_origins.begin(),
                              over.exclude_origins.end());
  for (std::size_t i = 0; i < over.rule_dirs.size(); ++i)
    if (std::find(base.rule_dirs.begin(), base.rule_dirs.end(), over.rule_dirs[i]) == base.rule_dirs.end()) {
      base.rule_dirs.push_back(over.rule_dirs[i]);
      base.rule_dir_origins.push_back(i < over.rule_dir_origins.size() ? over.rule_dir_origins[i]
                                                                       : ConfigOrigin{});
    }
  for (const auto& [name, patterns] : over.filesets) {
    base.filesets[name] = patterns;
    if (auto it = over.fileset_origins.find(name); it != over.fileset_origins.end())
      base.fileset_origins[name] = it->second;
  }
  for (const auto& [name, weight] : over.audit_pillars)
    base.audit_pillars[name] = weight;
  for (const auto& [name, weight] : over.audit_severity)
    base.audit_severity[name] = weight;
  if (!over.suppressions_origin.file.empty()) {
    base.suppression_reason_required = over.suppression_reason_required;
    base.suppressions_origin = over.suppressions_origin;
  }
  return base;
}

Result<Config> load_config(std::string_view text, std::string_view path, const ConfigReader& read,
                           std::span<const RuleMeta* const> rules) {
  return Loader(read, rules).load(text, std::string(path));
}

Result<Config> parse_config(std::string_view text, std::string_view path,
                            std::span<const RuleMeta* const> rules) {
  return load_config(text, path, {}, rules);
}

Result<Config> load_config_file(const std::string& path, std::span<const RuleMeta* const> rules,
                                const std::filesystem::path& beneath) {
  const ConfigReader reader = [&beneath](const std::string& target) -> Result<std::string> {
    if (beneath.empty())
      return read_file(target);
    const auto relative = std::filesystem::path(target).lexically_relative(beneath).generic_string();
    if (relative.empty() || relative == ".." || relative.starts_with("../"))
      return make_error(ErrorCode::config, "is outside the repository", target);
    auto content = repo::read_beneath(beneath, relative, k_max_config_bytes);
    if (!content)
      return std::unexpected(content.error());
    if (content->truncated)
      return make_error(ErrorCode::config, fmt::format("is larger than {} bytes", k_max_config_bytes),
                        target);
    return std::move(content->bytes);
  };
  const auto text = reader(path);
  if (!text)
    return make_error(ErrorCode::config,
                      fmt::format("cannot read the configuration file ({})", text.error().message), path);
  return load_config(*text, path, reader, rules);
}

Result<Config> load_repository_config(const repo::Snapshot& snapshot,
                                      std::span<const RuleMeta* const> rules) {
  // Files come from the snapshot's source; a link in the worktree is followed, never out of the repository.
  const auto read = [&snapshot](const std::string& path) -> Result<std::string> {
    const auto* file = snapshot.find(path);
    // A link in the worktree is followed (only inside the repository), tracked or not.
    const bool follow =
        !file || (file->mode == 0120000 && snapshot.source() == repo::ContentSource::worktree);
    auto content = follow ? snapshot.read_untracked(path, k_max_config_bytes) : snapshot.read(*file);
    if (!content)
      return std::unexpected(content.error());
    if (content->truncated)
      return make_error(ErrorCode::config, fmt::format("is larger than {} bytes", k_max_config_bytes), path);
    return std::move(content->bytes);
  };
  const ConfigReader reader = [&snapshot, &read](const std::string& path) -> Result<std::string> {
    if (path.empty() || path.starts_with('/') || path.starts_with("../") || path == "..")
      return make_error(ErrorCode::config, "is outside the repository", path);
    if (!snapshot.find(path) && !snapshot.exists_untracked(path))
      return make_error(ErrorCode::config, "no such file", path);
    return read(path);
  };
  const std::string path(k_config_file_name);
  if (!snapshot.find(path) && !snapshot.exists_untracked(path))
    return Config{};
  auto text = read(path);
  if (!text)
    return make_error(ErrorCode::config,
                      fmt::format("cannot read the configuration file ({})", text.error().message), path);
  return load_config(*text, path, reader, rules);
}

} // namespace tacit::engine
