#pragma once
// Where a path belongs: its module, and whether it is code for the project's users rather than the project.
// Shared by the rules that read the code (IMPL401, IMPL402).

#include <tacit/facts/architecture.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tacit::facts {

/// True for code written for the project's users rather than the project itself (examples/, samples/, a
/// root docs/ folder), and CI's own plumbing under a dot folder (.github/, .azure-pipelines/).
bool is_user_code_path(std::string_view path);

/// The module of a path: the deepest source module that holds it, else its top-level folder ("" at the
/// root).
std::string module_of(std::string_view path, const std::vector<SourceModule>& modules);

} // namespace tacit::facts
