// .gitignore rules on top of glob_match (glob.cpp): anchoring, negation, directory-only patterns, and git's
// rule that nothing under an excluded directory is re-included.

#include "glob_internal.hpp"

#include <tacit/util/glob.hpp>

#include <algorithm>
#include <string>

namespace tacit::util {

namespace {

std::string_view strip_dot_slash(std::string_view path) {
  while (path.starts_with("./")) {
    path.remove_prefix(2);
  }
  return path;
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
  m_rules.push_back(std::move(rule));
  return true;
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

bool IgnoreRules::matches(std::string_view path, bool is_dir) const {
  path = strip_dot_slash(path);
  while (!path.empty() && path.back() == '/') {
    path.remove_suffix(1);
    is_dir = true;
  }
  if (path.empty())
    return false;
  for (auto it = m_rules.rbegin(); it != m_rules.rend(); ++it)
    if (match_one(*it, path, is_dir))
      return !it->negated;
  return false;
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
  // The last matching rule decides; no rule means "not ignored".
  auto excluded = [this](std::string_view candidate, bool directory) {
    for (auto it = m_rules.rbegin(); it != m_rules.rend(); ++it) {
      if (match_one(*it, candidate, directory)) {
        return !it->negated;
      }
    }
    return false;
  };
  // A file under an excluded directory stays excluded, whatever a later '!' rule says (git never looks
  // inside that directory).
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    if (excluded(path.substr(0, slash), true)) {
      return true;
    }
  }
  return excluded(path, is_dir);
}

} // namespace tacit::util
