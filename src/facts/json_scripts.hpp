#pragma once
// package.json reading for the extractors: top-level string fields and the "scripts" object, with lines.

#include "yaml_util.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tacit::facts {

/// A string value and the line of its key.
struct JsonString {
  std::string value;
  int line = 0;
};

/// What the extractors need from a package.json.
struct PackageJson {
  bool valid = false;
  std::map<std::string, JsonString> scripts; ///< name -> command
  std::map<std::string, JsonString> fields;  ///< top-level string fields ("packageManager", "name")
  bool has_workspaces = false;
  std::map<std::string, int> keys;           ///< every top-level key -> its line ("eslintConfig", "prettier")
  std::map<std::string, JsonString> engines; ///< "engines": tool -> version range ("node": ">=20")
};

/// Parses a package.json with tree-sitter-json; invalid JSON gives valid=false.
PackageJson parse_package_json(std::string_view content);

/// Parses any JSON document with tree-sitter-json into the plain tree the YAML adapter gives (objects are
/// maps in file order, arrays sequences, strings unquoted, other values as written; 1-based lines); nullopt
/// for invalid JSON or nesting deeper than yaml::k_max_depth.
std::optional<yaml::Node> parse_json_tree(std::string_view content);

} // namespace tacit::facts
