#pragma once
// A small adapter over yaml-cpp 0.7 for the extractors. yaml-cpp resolves no `<<:` merge keys, silently keeps
// the first of two duplicate keys, throws on bad input and follows a recursive alias (`&a [*a]`) forever.
// This adapter copies a loaded document into plain nodes with every exception caught, merges resolved
// (explicit keys win, then earlier merged maps over later ones), duplicates reported (the last one is used,
// as GitLab's and most other loaders do), hostile nesting and alias bombs bounded, and 1-based marks kept so
// that a fact points at the line where its value is written (for an alias or a merged key: where the anchor
// writes it).

#include <tacit/util/error.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts::yaml {

struct Entry;

/// A YAML value with merge keys resolved. An alias is a copy of its anchor, marks included.
struct Node {
  enum class Kind : std::uint8_t { null, scalar, sequence, map };
  Kind kind = Kind::null;
  int line = 0;               ///< 1-based line of the value (of its key for a null value)
  int column = 0;             ///< 1-based column (of the anchor or tag when the value has one)
  std::string tag;            ///< an explicit tag ("!reference"); "" for none
  std::string value;          ///< the text of a scalar
  std::vector<Node> items;    ///< the items of a sequence
  std::vector<Entry> entries; ///< the entries of a map in document order, merged keys where their `<<` was

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::map; }

  /// The value of `key` in a map, or nullptr (also for anything that is not a map).
  const Node* find(std::string_view key) const;

  /// The text of a scalar, or "" for anything else.
  std::string_view scalar() const { return is_scalar() ? std::string_view(value) : std::string_view(); }
};

/// One key of a map, with where the key is written.
struct Entry {
  std::string key;
  int line = 0;
  int column = 0;
  Node value;
};

/// A problem that did not stop the load: a duplicate key, a merge of something that is not a map.
struct Issue {
  int line = 0;
  std::string message;
};

/// A loaded file: its documents (most files have one) and what was odd about them.
struct Document {
  std::vector<Node> documents;
  std::vector<Issue> issues;

  /// The first document, or a null node for an empty file.
  const Node& root() const;
};

/// More values than this in a file, or more nodes than this once aliases are expanded, is an error (an
/// "alias bomb" stays cheap).
inline constexpr std::size_t k_max_nodes = 500'000;
/// yaml-cpp's own bound on nesting, past which it throws YAML::DeepRecursion ("bad file").
inline constexpr int k_parser_max_depth = 500;

/// Streams `text` through yaml-cpp's event parser adding its values to `values`; the 1-based line of the
/// value past k_max_nodes when there are too many (a syntax error throws as YAML::Load would).
std::optional<int> count_values(std::string_view text, std::size_t& values);
/// Deeper nesting than this is an error (it also stops a recursive alias).
inline constexpr int k_max_depth = 100;

/// Loads every document of `text`. A syntax error, nesting deeper than k_max_depth, more than k_max_nodes or
/// any exception inside yaml-cpp is an ErrorCode::parse error with the path and line.
Result<Document> load(std::string_view text, std::string_view path);

/// One line of a scalar's text and where it is written.
struct ScalarLine {
  std::string text;
  int line = 0;   ///< 1-based
  int column = 0; ///< 1-based, where `text` starts
};

/// The non-blank lines of a scalar as written in the source the node was loaded from (`lines`: that source
/// split with util::split_lines): a literal block (`|`) line by line; a folded block (`>`) in its folded
/// lines (each at the line where it starts); a quoted or plain scalar as one line per newline of its value,
/// all at the scalar's own line.
std::vector<ScalarLine> scalar_lines(const Node& node, const std::vector<std::string_view>& lines);

} // namespace tacit::facts::yaml
