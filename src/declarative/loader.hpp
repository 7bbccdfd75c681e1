#pragma once
// What the two halves of the rule file loader share: located errors, strict key checks and typed reads over
// the YAML adapter's plain nodes. Inside the loader an error is thrown as LoadError and caught once, at the
// top, into a Result.

#include "../facts/yaml_util.hpp"
#include "spec.hpp"

#include <tacit/declarative/rules.hpp>
#include <tacit/util/error.hpp>

#include <array>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

namespace tacit::declarative::load {

using facts::yaml::Node;

/// A located error inside the loader.
struct LoadError {
  Error error;
};

/// What one load reads: the file's path and lines (for block scalars) and the options.
struct Reader {
  std::string_view path;
  const LoadOptions& options;
  std::vector<std::string_view> lines;
  /// The rule's `options` (name, default, description), read before any condition refers to them.
  std::vector<std::array<std::string, 3>> declared_options;

  [[noreturn]] void fail(int line, int column, std::string message) const;
  [[noreturn]] void fail(const Node& node, std::string message) const {
    fail(node.line, node.column, message);
  }

  /// Fails on a key of `map` that is not in `known` (with "did you mean"), or when `map` is not a map.
  void keys(const Node& map, std::string_view what, std::initializer_list<std::string_view> known) const;
  /// The scalar string at `key` (required unless `optional`); empty when absent.
  std::string string(const Node& map, std::string_view key, bool required) const;
  /// A scalar or a list of scalars (`in: docs` or `in: [docs, readme]`).
  std::vector<std::string> strings(const Node& node, std::string_view key) const;
  /// A non-negative integer.
  long integer(const Node& node, std::string_view key, long max) const;
  bool boolean(const Node& node, std::string_view key) const;
  /// Compiles an RE2 regex; a bad one fails at the node.
  std::shared_ptr<const RE2> regex(const Node& node, std::string_view key) const;
  /// Checks a list of glob patterns.
  std::vector<std::string> globs(const Node& node, std::string_view key) const;
  /// Fails unless `name` is a built-in or configured fileset.
  void fileset(const Node& node, std::string_view name) const;
};

/// Parses a `when:` condition (a mapping, or a list meaning all of them).
Condition condition(const Reader& reader, const Node& node);
/// Parses a `check:` mapping.
Check check(const Reader& reader, const Node& node);
/// Parses a mentions check's `source:` mapping (load_source.cpp).
Source parse_source(const Reader& reader, const Node& node);
/// The placeholders a check type provides besides the global ones.
std::set<std::string, std::less<>> placeholders(const Check& check);
/// Fails unless `name` is a known fact kind.
void fact_kind(const Reader& reader, const Node& node, std::string_view name);

} // namespace tacit::declarative::load
