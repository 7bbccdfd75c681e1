#pragma once
// When a doc explains how to set up the development environment, for TASK105 setup-undocumented.

#include <tacit/engine/context.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tacit::rules::setup {

/// True when a doc explains setup for every ecosystem at once: a setup target or script (`make setup`,
/// `./script/bootstrap`), a multi-tool manager's install (`asdf install`, `mise install`), a Nix shell, or
/// the repository's dev container.
bool generally_explained(const engine::Context& context);

/// True when a doc explains setup for `ecosystem` (node, python, rust, go, java, ruby, php, or a version
/// manager for other tools): one of its install commands or version managers, or a setup section that names
/// it or one of the pinned `tools`.
bool ecosystem_explained(const engine::Context& context, std::string_view ecosystem,
                         const std::vector<std::string>& tools);

} // namespace tacit::rules::setup
