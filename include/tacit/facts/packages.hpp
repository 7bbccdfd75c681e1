#pragma once
// The name a package manifest gives its package: what `pnpm --filter NAME`, `npm -w NAME`, `yarn workspace
// NAME` and `cargo -p NAME` select.

#include <string>
#include <string_view>

namespace tacit::facts {

/// True when `file_name` (a base name) is a manifest package_name reads: package.json or Cargo.toml.
bool is_package_manifest(std::string_view file_name);

/// The package name of the manifest `file_name` (a base name) whose text is `text`: a package.json's
/// top-level "name", a Cargo.toml's `[package] name`; "" when it has none, does not parse, or is another
/// file.
std::string package_name(std::string_view file_name, std::string_view text);

} // namespace tacit::facts
