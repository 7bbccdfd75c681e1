#!/usr/bin/env bash
# A ';' in a doctest TEST_CASE name splits the name that doctest_discover_tests hands to ctest (a CMake
# list): ctest then runs `--test-case=<the part before it>`, which matches nothing, and passes. Refuse them.
set -euo pipefail
dir="${1:?usage: check_test_names.sh TESTS_UNIT_DIR}"
if grep -rn --include='*.cpp' 'TEST_CASE("[^"]*;' "$dir"; then
  echo "check_test_names: a TEST_CASE name above holds ';': ctest would run none of it; use ',' instead" >&2
  exit 1
fi
