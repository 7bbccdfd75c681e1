// .gitignore rules on top of glob_match (glob.cpp): anchoring, negation, directory-only patterns, and git's
// rule that nothing under an excluded directory is re-included.

#include "glob_internal.hpp"

#include <tacit/util/glob.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>

namespace tacit::util {

namespace {

std::string_view strip_dot_slash(std::string_view path) {
  while (path.starts_with("./")) {
    path.remove_prefix(2);
  }
  return path;
}

constexpr std::string_view k_special = "*?[\\";

bool is_literal(std::string_view text) {
  return text.find_first_of(k_special) == std::string_view::npos;
}

// The extension a name's index key is: what follows its last '.', or nullopt without one.
std::optional<std::string_view> extension_of(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? std::nullopt : std::optional(name.substr(dot + 1));
}

// The rules of `buckets` under `key`, appended to `out`.
template <class Buckets>
void add_bucket(const Buckets& buckets, std::string_view key, std::vector<std::uint32_t>& out) {
  if (const auto it = buckets.find(std::string(key)); it != buckets.end())
    out.insert(out.end(), it->second.begin(), it->second.end());
}

} // namespace

using glob_detail::is_valid_pattern;

bool IgnoreRules::add(std::string_view line, std::string_view base) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
    line.remove_suffix(1);
  }
  if (line.empty() || line.front() == '#') {
    return true;
  }
  // Trailing spaces go unless escaped with a backslash.
  std::size_t end = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      ++i;
      end = i + 1;
    } else if (line[i] != ' ') {
      end = i + 1;
    }
  }
  line = line.substr(0, end);
  if (line.empty()) {
    return true;
  }
  Rule rule;
  base = strip_dot_slash(base);
  while (!base.empty() && base.back() == '/') {
    base.remove_suffix(1);
  }
  rule.base = std::string(base);
  if (line.front() == '!') {
    rule.negated = true;
    line.remove_prefix(1);
  }
  if (!line.empty() && line.back() == '/') {
    rule.dir_only = true;
    line.remove_suffix(1);
  }
  if (!line.empty() && line.front() == '/') {
    rule.anchored = true;
    line.remove_prefix(1);
  } else {
    rule.anchored = line.find('/') != std::string_view::npos;
  }
  if (line.empty() || !is_valid_pattern(line)) {
    return false;
  }
  rule.pattern = std::string(line);
  index(rule, static_cast<std::uint32_t>(m_rules.size()));
  m_rules.push_back(std::move(rule));
  return true;
}

void IgnoreRules::index(const Rule& rule, std::uint32_t at) {
  // The last segment of the pattern: a path it matches ends in a name that this segment matches.
  const std::string_view pattern = rule.pattern;
  const auto slash = pattern.rfind('/');
  const auto name = slash == std::string_view::npos ? pattern : pattern.substr(slash + 1);
  if (is_literal(name)) { // "bar", "**/bar", "d*/f*/x.md"
    m_by_name[std::string(name)].push_back(at);
    return;
  }
  if (rule.anchored) {
    // The directories a matching path starts with: the literal prefix up to its last '/', under the rule's
    // base ("gen12" of "gen12/**/*.cpp").
    const std::string full = rule.base.empty() ? rule.pattern : rule.base + "/" + rule.pattern;
    const auto key = full.rfind('/', full.find_first_of(k_special));
    if (key != std::string::npos && key > 0) {
      m_by_directory[full.substr(0, key)].push_back(at);
      return;
    }
  }
  // "*.o", "**/*-generated.ts": any name it matches ends with the literal, hence with its extension.
  if (name.starts_with('*') && is_literal(name.substr(1)) && name.find('.') != std::string_view::npos) {
    m_by_extension[std::string(*extension_of(name))].push_back(at);
    return;
  }
  m_others.push_back(at);
}

void IgnoreRules::add_file(std::string_view content, std::string_view base) {
  if (content.starts_with("\xEF\xBB\xBF")) {
    content.remove_prefix(3);
  }
  while (!content.empty()) {
    const std::size_t newline = content.find('\n');
    add(content.substr(0, newline), base);
    if (newline == std::string_view::npos) {
      break;
    }
    content.remove_prefix(newline + 1);
  }
}

bool IgnoreRules::match_one(const Rule& rule, std::string_view path, bool is_dir) const {
  if (rule.dir_only && !is_dir) {
    return false;
  }
  if (!rule.base.empty()) {
    if (path.size() <= rule.base.size() || !path.starts_with(rule.base) || path[rule.base.size()] != '/') {
      return false;
    }
    path.remove_prefix(rule.base.size() + 1);
  }
  if (!rule.anchored) {
    const std::size_t slash = path.rfind('/');
    if (slash != std::string_view::npos) {
      path.remove_prefix(slash + 1);
    }
    return glob_match(rule.pattern, path);
  }
  // As git does (dir.c, match_pathname): compare the literal prefix first, then match the rest as a
  // pattern of its own. Besides being quick, this keeps git's reading of a `**` right after the prefix
  // ("foo**/bar") as a whole segment.
  const std::string_view pattern = rule.pattern;
  const std::size_t prefix = std::min(pattern.find_first_of("*?[\\"), pattern.size());
  if (path.size() < prefix || path.substr(0, prefix) != pattern.substr(0, prefix)) {
    return false;
  }
  if (prefix == pattern.size()) {
    return path.size() == prefix;
  }
  return glob_match(pattern.substr(prefix), path.substr(prefix));
}

std::vector<IgnoreRules::DirectoryHit> IgnoreRules::directory_hits(std::string_view path) const {
  // The rules keyed by a leading directory of the path (or the whole path): the only anchored rules with a
  // literal directory that can match it or a directory above it.
  std::vector<DirectoryHit> hits;
  if (m_by_directory.empty())
    return hits;
  for (std::size_t end = path.find('/');; end = path.find('/', end + 1)) {
    const auto prefix = path.substr(0, end == std::string_view::npos ? path.size() : end);
    if (const auto it = m_by_directory.find(std::string(prefix)); it != m_by_directory.end())
      hits.emplace_back(prefix.size(), &it->second);
    if (end == std::string_view::npos)
      break;
  }
  return hits;
}

std::optional<bool> IgnoreRules::last_match(std::string_view candidate, bool is_dir,
                                            const std::vector<DirectoryHit>& hits,
                                            std::vector<std::uint32_t>& candidates) const {
  candidates = m_others;
  for (const auto& [length, rules] : hits)
    if (length <= candidate.size())
      candidates.insert(candidates.end(), rules->begin(), rules->end());
  const auto slash = candidate.rfind('/');
  const auto name = slash == std::string_view::npos ? candidate : candidate.substr(slash + 1);
  add_bucket(m_by_name, name, candidates);
  if (const auto extension = extension_of(name))
    add_bucket(m_by_extension, *extension, candidates);
  std::ranges::sort(candidates, std::greater<>());
  for (const auto at : candidates)
    if (match_one(m_rules[at], candidate, is_dir))
      return !m_rules[at].negated;
  return std::nullopt;
}

bool IgnoreRules::matches(std::string_view path, bool is_dir) const {
  path = strip_dot_slash(path);
  while (!path.empty() && path.back() == '/') {
    path.remove_suffix(1);
    is_dir = true;
  }
  if (path.empty() || m_rules.empty())
    return false;
  std::vector<std::uint32_t> candidates;
  return last_match(path, is_dir, directory_hits(path), candidates).value_or(false);
}

bool IgnoreRules::ignored(std::string_view path, bool is_dir) const {
  path = strip_dot_slash(path);
  while (!path.empty() && path.back() == '/') {
    path.remove_suffix(1);
    is_dir = true;
  }
  if (path.empty() || m_rules.empty()) {
    return false;
  }
  const auto hits = directory_hits(path);
  std::vector<std::uint32_t> candidates;
  // A file under an excluded directory stays excluded, whatever a later '!' rule says (git never looks
  // inside that directory). The last matching rule decides; no rule means "not ignored".
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    if (last_match(path.substr(0, slash), true, hits, candidates).value_or(false)) {
      return true;
    }
  }
  return last_match(path, is_dir, hits, candidates).value_or(false);
}

} // namespace tacit::util
