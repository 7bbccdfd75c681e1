#pragma once
// Facts about the code style that configs enforce: line length and indentation, from the root .editorconfig,
// .clang-format, ruff/black (pyproject.toml, ruff.toml), prettier and rustfmt configs. QUAL202 compares what
// the docs state with them.

#include <tacit/facts/provenance.hpp>

#include <string>
#include <vector>

namespace tacit::facts {

/// One style setting a config enforces.
struct StyleSetting {
  std::string setting; ///< line-length, indent-width, indent-style
  std::string value;   ///< "100", "4", "tab" or "space"
  std::string tool;    ///< editorconfig, clang-format, ruff, black, prettier, rustfmt
  std::string
      scope; ///< the files it applies to: "" all (editorconfig's [*], a tool's own files), else a glob
  Provenance evidence;
};

/// The style setting extractor (root config files only).
std::vector<StyleSetting> extract_style_settings(const std::vector<const repo::FileEntry*>& files,
                                                 const FileReader& read);

} // namespace tacit::facts
