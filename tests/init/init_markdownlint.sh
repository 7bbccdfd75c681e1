#!/usr/bin/env bash
# The AGENTS.md files `tacit init` writes for the examples pass markdownlint-cli2 (pinned with its integrity
# in tests/tools/markdownlint/package-lock.json, installed with `npm ci` into WORK_DIR, never into the source
# tree). Its default rules apply, with one setting: MD013 (line length, 80) does not measure fenced code,
# since a command is written as the repository runs it and never wrapped; prose is wrapped at 80 columns.
#
# usage: tests/init/init_markdownlint.sh TACIT SOURCE_DIR WORK_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tacit=$(realpath "$1")
source_dir=$(cd "$2" && pwd)
work_dir=$3
tools=$source_dir/tests/tools/markdownlint
mkdir -p "$work_dir"
command -v npm >/dev/null 2>&1 || { echo "init markdownlint: npm is needed (.ci/setup installs it)" >&2; exit 1; }
stamp="$work_dir/node_modules/.tacit-lock"
if ! cmp -s "$tools/package-lock.json" "$stamp" 2>/dev/null; then
  cp "$tools/package.json" "$tools/package-lock.json" "$work_dir/"
  (cd "$work_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
  cp "$tools/package-lock.json" "$stamp"
fi
lint_dir=$(mktemp -d)
trap 'rm -rf "$lint_dir"' EXIT
bash "$here/init_examples.sh" "$tacit" "$source_dir" "$lint_dir" >/dev/null
count=$(find "$lint_dir" -name '*.md' | wc -l)
[ "$count" -ge 10 ] || { echo "init markdownlint: only $count files to lint" >&2; exit 1; }
printf '{ "config": { "MD013": { "code_blocks": false } } }\n' >"$lint_dir/.markdownlint-cli2.jsonc"
cd "$lint_dir"
node "$work_dir/node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs" "*.md"
echo "init markdownlint: $count AGENTS.md files pass"
