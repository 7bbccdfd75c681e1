#!/usr/bin/env bash
# Validates SARIF files with the pinned SARIF Multitool (tests/tools/tools.lock), with its SARIF rules and
# its GitHub code scanning rules. Fails on any error or warning it reports: the tool itself exits 0 even
# when it finds errors, so its output is read.
#
# usage: tests/tools/validate_sarif.sh VALIDATOR FILE...
set -euo pipefail

validator=$1
shift
if [[ ! -x "$validator" ]]; then
  echo "SARIF validator not installed: $validator" >&2
  echo "  cmake installs it at configure time (tests/tools/install.sh, from the npm registry); re-run cmake" >&2
  echo "  with network access, or configure with -DTACIT_SARIF_VALIDATION=OFF where it cannot run" >&2
  exit 1
fi
# A self-contained .NET program: no ICU needed, no telemetry, its extraction directory out of $HOME.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_BUNDLE_EXTRACT_BASE_DIR=${TMPDIR:-/tmp}/tacit-sarif-multitool
status=0
for file in "$@"; do
  if ! output=$("$validator" validate --rule-kind "Sarif;Gh" "$file" 2>&1); then
    printf '%s\n' "$output" >&2
    echo "validate_sarif: the validator failed on $file" >&2
    status=1
    continue
  fi
  if ! grep -q 'Analysis completed successfully' <<<"$output"; then
    printf '%s\n' "$output" >&2
    echo "validate_sarif: the validator did not complete on $file" >&2
    status=1
  elif grep -E ': (error|warning) [A-Z]+[0-9]+' <<<"$output" >&2; then
    echo "validate_sarif: $file is not clean SARIF for GitHub code scanning" >&2
    status=1
  else
    echo "valid: $file"
  fi
done
exit $status
