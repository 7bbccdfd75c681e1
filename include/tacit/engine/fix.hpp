#pragma once
// A fix: what a rule proposes to write, as data. Rules never write files: the one applier (src/fix/) applies
// the fixes of a run, resolves conflicts and writes. Fixes edit docs and context files only, never code or
// CI.

#include <string>
#include <vector>

namespace tacit::engine {

/// A position in a file: 1-based line, 1-based column counting bytes (as Location does). The position just
/// past the last byte of a file that ends with a newline is (number of lines + 1, 1).
struct TextPosition {
  int line = 1;
  int column = 1;
  friend bool operator==(const TextPosition&, const TextPosition&) = default;
};

/// One edit of one file: the bytes from `begin` to `end` (exclusive; equal: an insertion) become `text`.
/// Text is written with '\n' line ends; the applier writes the file's own.
struct TextEdit {
  std::string path;     ///< repository-relative, '/'-separated
  TextPosition begin;   ///< first byte replaced (or where the insertion goes)
  TextPosition end;     ///< one past the last byte replaced
  std::string original; ///< the bytes the range holds when the rule saw the file ('\n' line ends)
  std::string text;     ///< what replaces them
  /// Written once before the first of the insertions at the same place in the same file that share it: a
  /// section heading several findings insert under (two fixes that each add a command to a new "Build"
  /// section make one section).
  std::string header;
};

/// What a finding's fix does: a one-line description ("insert `make test` under \"Testing\" in AGENTS.md")
/// and its edits, applied together or not at all.
struct Fix {
  std::string description;
  std::vector<TextEdit> edits;
};

} // namespace tacit::engine
