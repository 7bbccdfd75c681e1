#!/usr/bin/env bash
# Installs the test-only tools pinned in tests/tools/tools.lock (the SARIF validator) into DEST_DIR,
# fetching them with grammars/fetch.sh (npm pack, sha512 integrity check, tarball cache). Re-runs are a
# no-op. CMake runs it at configure time when TACIT_SARIF_VALIDATION is ON (the default).
#
# usage: tests/tools/install.sh DEST_DIR [CACHE_DIR]
# Prints nothing on success when nothing changed; exits non-zero with the reason otherwise.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)

if [[ $# -lt 1 || $# -gt 2 || -z "$1" ]]; then
  echo "usage: tests/tools/install.sh DEST_DIR [CACHE_DIR]" >&2
  exit 1
fi
case "$(uname -s)/$(uname -m)" in
Linux/x86_64) ;;
*)
  echo "tacit test tools: the pinned SARIF validator runs on Linux x86_64 only, not $(uname -s)/$(uname -m)" >&2
  echo "  configure with -DTACIT_SARIF_VALIDATION=OFF to leave the validation test out" >&2
  exit 1
  ;;
esac

TACIT_LOCK_FILE="$here/tools.lock" bash "$here/../../grammars/fetch.sh" "$@"
chmod u+x "$1/sarif-multitool-linux/Sarif.Multitool"
