#pragma once
// A small adapter over toml++ for the extractors (pyproject.toml, Cargo.toml, .cargo/config.toml,
// rust-toolchain.toml, ruff.toml...). It loads a TOML file into the same plain tree the YAML adapter gives
// (facts::yaml::Node), so that extractors walk one shape: tables are maps (keys in file order as toml++ keeps
// them sorted, so order is by line), arrays are sequences, every other value is a scalar in its TOML text
// (strings unquoted, `true`, `3`, dates as written). Marks are 1-based and point at the value. toml++ is only
// included by toml_util.cpp: it is a heavy header.

#include "yaml_util.hpp"

#include <tacit/util/error.hpp>

#include <string_view>

namespace tacit::facts::toml {

/// Loads `text`. A syntax error (or any exception from the parser) is an ErrorCode::parse error with the
/// path, line and column.
Result<yaml::Node> load(std::string_view text, std::string_view path);

} // namespace tacit::facts::toml
