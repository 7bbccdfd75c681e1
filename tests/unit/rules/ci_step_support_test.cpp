// Tests for what TASK104 asks of a CI command of no known tool (rules/ci_step_support): which programs are
// everyday ones, which steps say they check, and which names a script defines as shell functions.

#include "../../../src/rules/ci_step_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace tacit::rules::procedure;
using Words = std::vector<std::string>;

TEST_CASE("is_everyday_program: builtins, utilities, runtimes, package managers and clients, not tools") {
  for (const char* program : {"echo", "sed", "xargs", "timeout", "bash", "python3", "node", "pnpm", "brew",
                              "git", "docker", "jq", "make", "cmake"})
    CHECK_MESSAGE(is_everyday_program(program), program);
  for (const char* program : {"zizmor", "pyspelling", "editorconfig-checker", "addlicense", "reuse"})
    CHECK_MESSAGE(!is_everyday_program(program), program);
}

TEST_CASE(
    "is_everyday_program: PowerShell's own cmdlets, keywords and cmd.exe builtins, not a module's runner") {
  for (const char* program :
       {"Select-String", "Get-ChildItem", "Write-Output", "Set-Content", "Test-Path", "Measure-Object",
        "ForEach-Object", "Where-Object", "ConvertTo-Json", "Out-Null", "Expand-Archive", "Invoke-WebRequest",
        "Exit", "Throw", "ECHO", "iwr",
        // The cmdlets PowerShell ships, in any case.
        "select-string", "test-path", "get-childitem", "invoke-webrequest"})
    CHECK_MESSAGE(is_everyday_program(program), program);
  // A module's runner (Invoke- with a noun of its own), a lower-case program named like a cmdlet of no
  // shipped noun, a verb PowerShell does not approve, and a noun that is not one word stay programs.
  for (const char* program :
       {"Invoke-ScriptAnalyzer", "Invoke-Pester", "invoke-pester", "test-driver", "format-check",
        "build-docs", "Check-Links", "Test-", "Get-thing", "Test-Path.ps1"})
    CHECK_MESSAGE(!is_everyday_program(program), program);
}

TEST_CASE("says_it_checks: the step's name, the program's name or the command's words") {
  CHECK(says_it_checks("Spell check", Words{"pyspelling", "--config", "x.yaml"}));
  CHECK(says_it_checks("Lint workflows", Words{"zizmor", "."}));
  CHECK(says_it_checks("", Words{"editorconfig-checker"}));
  CHECK(says_it_checks("", Words{"addlicense", "-check", "src"}));
  CHECK(says_it_checks("", Words{"conftest", "verify"}));
  CHECK(says_it_checks("Run checks", Words{"tool"}));
  // A step that verifies the runner or an install says nothing of the code.
  CHECK(!says_it_checks("Verify KVM", Words{"kvm-ok"}));
  CHECK(!says_it_checks("Validate install", Words{"tool", "--list"}));
  CHECK(!says_it_checks("Count lines", Words{"tokei", "src"}));
  // The paths a command names are not what it does.
  CHECK(!says_it_checks("", Words{"tool", "scripts/check.sh"}));
  CHECK(!says_it_checks("", Words{"tool", "check.txt"}));
}

TEST_CASE("shell_functions: the definitions of a script, with or without the function keyword") {
  const auto names = shell_functions("run: |\n  assert-nothing-changed() {\n    \"$@\"\n  }\n"
                                     "  commentPR () {\n    gh pr comment\n  }\n  function notify {\n  }\n"
                                     "  function cleanup\n  echo done\n");
  CHECK(names == Words{"assert-nothing-changed", "commentPR", "notify", "cleanup"});
  CHECK(shell_functions("steps:\n  - run: make test\n").empty());
}
