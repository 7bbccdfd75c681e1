#pragma once
// Factories of the built-in C++ rules, one per file in src/rules/. Registered in engine/registry.cpp.

#include <tacit/engine/rule.hpp>

#include <memory>

namespace tacit::rules {

std::unique_ptr<engine::Rule> make_build_undocumented();     // TASK101
std::unique_ptr<engine::Rule> make_ci_step_undocumented();   // TASK104
std::unique_ptr<engine::Rule> make_context_file_missing();   // CTX001
std::unique_ptr<engine::Rule> make_broken_path_reference();  // CTX002
std::unique_ptr<engine::Rule> make_test_undocumented();      // TASK102
std::unique_ptr<engine::Rule> make_setup_undocumented();     // TASK105
std::unique_ptr<engine::Rule> make_unknown_command_target(); // CTX003

// TASK103
std::unique_ptr<engine::Rule> make_lint_format_undocumented();

// TASK109
std::unique_ptr<engine::Rule> make_generated_code_undocumented();

} // namespace tacit::rules
