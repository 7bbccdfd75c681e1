#pragma once
// Factories of the built-in C++ rules, one per file in src/rules/. Registered in engine/registry.cpp.

#include <tacit/engine/rule.hpp>

#include <memory>

namespace tacit::rules {

std::unique_ptr<engine::Rule> make_build_undocumented();     // TASK101
std::unique_ptr<engine::Rule> make_ci_step_undocumented();   // TASK104
std::unique_ptr<engine::Rule> make_broken_path_reference();  // CTX002
std::unique_ptr<engine::Rule> make_test_undocumented();      // TASK102
std::unique_ptr<engine::Rule> make_setup_undocumented();     // TASK105
std::unique_ptr<engine::Rule> make_unknown_command_target(); // CTX003

// TASK103
std::unique_ptr<engine::Rule> make_lint_format_undocumented();

std::unique_ptr<engine::Rule> make_placeholder_content();        // CTX008
std::unique_ptr<engine::Rule> make_secret_in_context();          // CTX009
std::unique_ptr<engine::Rule> make_machine_specific_path();      // CTX010
std::unique_ptr<engine::Rule> make_context_file_misnamed();      // CTX012
std::unique_ptr<engine::Rule> make_decision_record_incomplete(); // ARCH303
std::unique_ptr<engine::Rule> make_decision_link_broken();       // ARCH304
std::unique_ptr<engine::Rule> make_broken_import();              // CTX011
std::unique_ptr<engine::Rule> make_coding_standards_missing();   // QUAL201
std::unique_ptr<engine::Rule> make_definition_of_done_missing(); // QUAL203
std::unique_ptr<engine::Rule> make_commit_convention_implicit(); // TASK107
std::unique_ptr<engine::Rule> make_release_undocumented();       // TASK108
// TASK109
std::unique_ptr<engine::Rule> make_generated_code_undocumented();

std::unique_ptr<engine::Rule> make_unused_suppression();  // META001
std::unique_ptr<engine::Rule> make_invalid_suppression(); // META002

} // namespace tacit::rules
