#pragma once
// Glob patterns with .gitignore semantics, used for .gitignore files (plain directories), the default
// excludes and the `exclude` globs of .tacit.yaml.
//
// A pattern is matched against '/'-separated repository-relative paths:
//   - `*` matches within one path segment, `?` one character, `[a-z]` / `[!a]` a class, `**` any segments;
//   - a pattern without a '/' (other than a trailing one) matches a file or directory name at any depth;
//   - a pattern with a '/' is anchored to the directory of the file that holds it;
//   - a trailing '/' matches directories only; a leading '!' re-includes; everything under a matched
//     directory is matched too.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tacit::util {

/// Matches one glob against a whole path (no gitignore anchoring rules): `**` spans segments.
bool glob_match(std::string_view pattern, std::string_view path);

/// An ordered list of gitignore-style rules; the last matching rule wins. The rules are indexed by what a
/// path must hold for them to match (a literal leading directory, a file name, an extension), so a path is
/// matched against the few rules that can match it: 100k `exclude` globs over 2,000 files take milliseconds.
class IgnoreRules {
public:
  /// Adds one pattern line as if it were in a .gitignore file in directory `base` ("" for the root).
  /// Blank lines and comments are ignored. Returns false for a line that is not a valid pattern.
  bool add(std::string_view line, std::string_view base = {});

  /// Adds every line of a .gitignore file that lives in directory `base`.
  void add_file(std::string_view content, std::string_view base = {});

  /// True when `path` (or a directory above it) is ignored. `is_dir` says whether path is a directory.
  bool ignored(std::string_view path, bool is_dir = false) const;

  /// The rules' verdict on `path` alone (the last rule that matches it), leaving the directories above it
  /// out: ignored(p) == ignored(dir_name(p), true) || matches(p). For callers that decide each folder once.
  bool matches(std::string_view path, bool is_dir = false) const;

  bool empty() const { return m_rules.empty(); }

private:
  struct Rule {
    std::string base;
    std::string pattern;
    bool negated = false;
    bool dir_only = false;
    bool anchored = false;
  };
  // Rule indices (ascending) by what the rule needs of a path; a rule is in exactly one of these.
  using Buckets = std::unordered_map<std::string, std::vector<std::uint32_t>>;
  // A leading directory of a path (its length) and the rules keyed by it.
  using DirectoryHit = std::pair<std::size_t, const std::vector<std::uint32_t>*>;
  bool match_one(const Rule& rule, std::string_view path, bool is_dir) const;
  void index(const Rule& rule, std::uint32_t at);
  std::vector<DirectoryHit> directory_hits(std::string_view path) const;
  // The verdict of the last rule that matches `candidate` (a leading part of the path of `hits`), if any.
  std::optional<bool> last_match(std::string_view candidate, bool is_dir,
                                 const std::vector<DirectoryHit>& hits,
                                 std::vector<std::uint32_t>& candidates) const;
  std::vector<Rule> m_rules;
  Buckets m_by_directory; ///< anchored rules by their literal leading directories ("gen12" of "gen12/**")
  Buckets m_by_name;      ///< rules that match one literal file name ("bar", "**/bar")
  Buckets m_by_extension; ///< rules that match names ending in a literal extension ("*.o": "o")
  std::vector<std::uint32_t> m_others; ///< every other rule: tried on every path
};

} // namespace tacit::util
