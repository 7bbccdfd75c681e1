#!/usr/bin/env bash
# Validates action.yml, the workflows, .pre-commit-hooks.yaml and the YAML examples of docs/ci.md with the
# validators pinned (with their integrity) in package-lock.json next to this script. They are installed with
# `npm ci` into WORK_DIR (the build tree), never into the source tree; re-runs reuse them.
#
# usage: tests/integrations/validate.sh SOURCE_DIR WORK_DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$1" && pwd)
work_dir=$2
mkdir -p "$work_dir"

command -v npm >/dev/null 2>&1 || { echo "validate: npm is needed (.ci/setup installs it)" >&2; exit 1; }
stamp="$work_dir/node_modules/.tacit-lock"
if ! cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null; then
  cp "$here/package.json" "$here/package-lock.json" "$work_dir/"
  (cd "$work_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
  cp "$here/package-lock.json" "$stamp"
fi
cp "$here/validate.mjs" "$work_dir/validate.mjs"
cd "$work_dir" && node validate.mjs "$source_dir"
