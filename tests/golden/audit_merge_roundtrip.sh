#!/usr/bin/env bash
# `tacit audit merge` makes the reports `tacit audit` makes: audits four example repositories (one with a
# dated history, audited with --history) and a path that is not a repository in every format, splits the
# json-lines output into two shards, merges them in every format, and compares the outputs byte for byte and
# the exit codes (2 both: the error row).
#
# usage: tests/golden/audit_merge_roundtrip.sh TACIT_BINARY SOURCE_DIR
set -euo pipefail

tacit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source_dir=$(cd "$2" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export GIT_AUTHOR_NAME="tacit tests" GIT_AUTHOR_EMAIL="tests@tacit.invalid" \
  GIT_COMMITTER_NAME="tacit tests" GIT_COMMITTER_EMAIL="tests@tacit.invalid" \
  GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" GIT_CONFIG_NOSYSTEM=1 \
  HOME="$scratch"
source "$source_dir/tests/golden/replay_history.sh"
mkdir -p "$scratch/repos"
for example in well-documented no-context python-service decision-records; do
  root="$scratch/repos/$example"
  mkdir -p "$root"
  git -C "$root" -c init.defaultBranch=main init -q
  [ "$example" = well-documented ] && replay_history "$root" "$source_dir/tests/golden/histories/dated.txt"
  cp -R "$source_dir/examples/$example/." "$root/"
  git -C "$root" add -A
  git -C "$root" -c commit.gpgsign=false commit -q -m "example: $example"
done
mkdir -p "$scratch/repos/not-a-repository"
cd "$scratch/repos"
formats=(text markdown html json-lines)

set +e
args=()
for format in "${formats[@]}"; do args+=(--format "$format:$scratch/direct.$format"); done
"$tacit" audit well-documented no-context python-service decision-records not-a-repository --history 3 \
  --jobs 2 "${args[@]}" 2>"$scratch/direct.stderr"
direct=$?
head -n 2 "$scratch/direct.json-lines" >"$scratch/shard-1.jsonl"
tail -n +3 "$scratch/direct.json-lines" >"$scratch/shard-2.jsonl"
args=()
for format in "${formats[@]}"; do args+=(--format "$format:$scratch/merged.$format"); done
"$tacit" audit merge "$scratch/shard-1.jsonl" "$scratch/shard-2.jsonl" "${args[@]}" 2>"$scratch/merged.stderr"
merged=$?
set -e

status=0
if [ "$direct" -ne 2 ] || [ "$merged" -ne "$direct" ]; then
  echo "audit-merge-roundtrip: exit codes: audit $direct, merge $merged (both should be 2: one error row)" >&2
  cat "$scratch/direct.stderr" "$scratch/merged.stderr" >&2
  status=1
fi
grep -q '"history": \[{' "$scratch/direct.json-lines" || { echo "audit-merge-roundtrip: no trend in the audit" >&2; status=1; }
for format in "${formats[@]}"; do
  if ! cmp -s "$scratch/direct.$format" "$scratch/merged.$format"; then
    echo "audit-merge-roundtrip: $format differs between the audit and the merge of its shards:" >&2
    diff -u "$scratch/direct.$format" "$scratch/merged.$format" | head -40 >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "audit-merge-roundtrip: ${#formats[@]} formats identical"
exit "$status"
