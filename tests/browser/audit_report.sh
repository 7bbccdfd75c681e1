#!/usr/bin/env bash
# The browser test of the HTML audit report: audits four example repositories, one with a history dated
# over the last year (its trend: no-context, then python-service, then well-documented at HEAD), and a path
# that is not a repository with tacit (`--history 4`), then loads the report in Debian's headless chromium, driven by puppeteer-core
# (pinned with its integrity in package-lock.json next to this script, installed with `npm ci` into
# WORK_DIR; it downloads no browser), and checks the DOM against the json-lines output of the same run.
# Skipped (77) when chromium is not installed, except under CI (CI=true), where that is a failure.
#
# usage: tests/browser/audit_report.sh TACIT_BINARY SOURCE_DIR WORK_DIR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tacit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source_dir=$(cd "$2" && pwd)
work_dir=$3
mkdir -p "$work_dir"

chromium=${TACIT_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "audit-report: $chromium is missing (.ci/setup installs Debian's chromium)" >&2
    exit 1
  fi
  echo "audit-report: skipped: $chromium is not installed (apt-get install chromium)" >&2
  exit 77
fi
command -v npm >/dev/null 2>&1 || { echo "audit-report: npm is needed (.ci/setup installs it)" >&2; exit 1; }
stamp="$work_dir/node_modules/.tacit-lock"
if ! cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null; then
  cp "$here/package.json" "$here/package-lock.json" "$work_dir/"
  (cd "$work_dir" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
  cp "$here/package-lock.json" "$stamp"
fi
cp "$here/audit_report.mjs" "$work_dir/audit_report.mjs"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export GIT_AUTHOR_NAME="tacit tests" GIT_AUTHOR_EMAIL="tests@tacit.invalid" \
  GIT_COMMITTER_NAME="tacit tests" GIT_COMMITTER_EMAIL="tests@tacit.invalid" \
  GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$scratch/repos"
for example in well-documented no-context python-service decision-records; do
  cp -R "$source_dir/examples/$example" "$scratch/repos/$example"
  git -C "$scratch/repos/$example" -c init.defaultBranch=main init -q
  git -C "$scratch/repos/$example" add -A
  git -C "$scratch/repos/$example" -c commit.gpgsign=false commit -q -m "example: $example"
done
# trending: three commits of the main line, each a different example's tree.
trending="$scratch/repos/trending"
mkdir -p "$trending"
git -C "$trending" -c init.defaultBranch=main init -q
for step in no-context@2025-02-01 python-service@2025-08-01 well-documented@2026-01-01; do
  example=${step%@*}
  date="${step#*@}T12:00:00Z"
  git -C "$trending" rm -rq --ignore-unmatch .
  cp -R "$source_dir/examples/$example/." "$trending/"
  git -C "$trending" add -A
  GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date git -C "$trending" -c commit.gpgsign=false commit -q -m "$example"
done
mkdir -p "$scratch/repos/not-a-repository"
cd "$scratch/repos"
set +e
"$tacit" audit well-documented no-context python-service decision-records trending not-a-repository --history 4 \
  --format "html:$scratch/audit.html" --format "json-lines:$scratch/audit.jsonl" 2>"$scratch/stderr"
code=$?
set -e
# The row that is not a repository makes the exit code 2, after the reports are written.
if [ "$code" -ne 2 ]; then
  echo "audit-report: tacit audit exited $code, expected 2 (one error row)" >&2
  cat "$scratch/stderr" >&2
  exit 1
fi
cd "$work_dir"
node audit_report.mjs "$chromium" "$scratch/audit.html" "$scratch/audit.jsonl" "${TACIT_SCREENSHOT:-}"
