#pragma once
// A small INI reader for tox.ini and setup.cfg: sections and keys with 1-based lines, continuation lines
// (indented) joined into multi-line values, `#` and `;` comment lines skipped.

#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts::ini {

/// One key and its value (continuation lines joined with newlines), at the line of the key.
struct Key {
  std::string name;
  std::string value;
  int line = 0;
};

/// One `[section]` and its keys.
struct Section {
  std::string name;
  int line = 0;
  std::vector<Key> keys;

  /// The value of `key`, or nullptr.
  const Key* find(std::string_view key) const;
};

/// Parses `text`; lines are counted from `first_line` (for INI text embedded in another file).
std::vector<Section> parse(std::string_view text, int first_line = 1);

} // namespace tacit::facts::ini
