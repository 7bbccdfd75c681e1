#!/usr/bin/env bash
# Golden CLI test: turns an example tree into a real git repository in a temp dir, runs tacit in it, and
# compares the exit code, stdout and stderr with the recorded .out file. TACIT_UPDATE_GOLDEN=1 rewrites it.
#
# usage: run_golden.sh TACIT_BINARY CASE_FILE
# A case file has the lines `example: NAME` (a folder of examples/, or `none`), `args: ARGS...` (split on
# spaces; `{ROOT}` is the repository's temp path, `{SOURCE}` the source tree's, printed as <SOURCE>) and
# optionally `git: no` (leave the copy a plain directory) and `history: NAME`: before the example's own
# commit, replay the commit subjects of tests/golden/histories/NAME.txt (one per line, oldest first; blank
# lines skipped), each commit changing a scratch file that the example's commit removes, with the same fixed
# author and date (or the date a subject starts with: `@2025-04-10 subject`), so commit ids are stable. `repos: NAME...` (with `example: none`) makes each example its own git repository in a folder of
# that name under the temp dir, which stays a plain directory (for `tacit audit` over several repositories).
# Output paths under the temp dir print as <ROOT>.
set -euo pipefail

tacit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case_file=$2
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
expected_file=${case_file%.case}.out

example=$(sed -n 's/^example: *//p' "$case_file")
args_line=$(sed -n 's/^args: *//p' "$case_file")
git_init=$(sed -n 's/^git: *//p' "$case_file")
history=$(sed -n 's/^history: *//p' "$case_file")
repos=$(sed -n 's/^repos: *//p' "$case_file")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root=$scratch/repo
mkdir -p "$root"
if [ "$example" != "none" ] && [ "$git_init" != "no" ]; then
  export GIT_AUTHOR_NAME="tacit tests" GIT_AUTHOR_EMAIL="tests@tacit.invalid" \
    GIT_COMMITTER_NAME="tacit tests" GIT_COMMITTER_EMAIL="tests@tacit.invalid" \
    GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" \
    HOME="$scratch" GIT_CONFIG_NOSYSTEM=1
  git -C "$root" -c init.defaultBranch=main init -q
  if [ -n "$history" ]; then
    source "$here/replay_history.sh"
    replay_history "$root" "$here/histories/$history.txt"
  fi
fi
if [ "$example" != "none" ]; then
  cp -R "$source_dir/examples/$example/." "$root/"
fi
if [ "$example" != "none" ] && [ "$git_init" != "no" ]; then
  git -C "$root" add -A
  git -C "$root" -c commit.gpgsign=false commit -q -m "example: $example"
fi
for name in $repos; do
  mkdir -p "$root/$name"
  cp -R "$source_dir/examples/$name/." "$root/$name/"
  git -C "$root/$name" -c init.defaultBranch=main init -q
  GIT_AUTHOR_NAME="tacit tests" GIT_AUTHOR_EMAIL="tests@tacit.invalid" GIT_COMMITTER_NAME="tacit tests" \
    GIT_COMMITTER_EMAIL="tests@tacit.invalid" GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" \
    GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" HOME="$scratch" GIT_CONFIG_NOSYSTEM=1 \
    git -C "$root/$name" -c commit.gpgsign=false add -A
  GIT_AUTHOR_NAME="tacit tests" GIT_AUTHOR_EMAIL="tests@tacit.invalid" GIT_COMMITTER_NAME="tacit tests" \
    GIT_COMMITTER_EMAIL="tests@tacit.invalid" GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" \
    GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" HOME="$scratch" GIT_CONFIG_NOSYSTEM=1 \
    git -C "$root/$name" -c commit.gpgsign=false commit -q -m "example: $name"
done

args=()
for word in $args_line; do
  word=${word//\{ROOT\}/$root}
  args+=("${word//\{SOURCE\}/$source_dir}")
done

set +e
(cd "$root" && NO_COLOR= TERM=dumb "$tacit" "${args[@]}") >"$scratch/stdout" 2>"$scratch/stderr"
code=$?
set -e

normalize() { sed -e "s|$root|<ROOT>|g" -e "s|$scratch|<TMP>|g" -e "s|$source_dir|<SOURCE>|g" -e 's|"commit": "[^"]*"|"commit": "<COMMIT>"|' -e '/"version": "2\.1\.0",$/!s|"version": "[0-9][^"]*"|"version": "<VERSION>"|' -e 's|"semanticVersion": "[0-9][^"]*"|"semanticVersion": "<VERSION>"|' -e 's|tacit [0-9][0-9.]* ([0-9a-z]*)|tacit <VERSION> (<COMMIT>)|'; }
{
  echo "exit: $code"
  echo "--- stdout"
  normalize <"$scratch/stdout"
  echo "--- stderr"
  normalize <"$scratch/stderr"
} >"$scratch/actual"

if [ "${TACIT_UPDATE_GOLDEN:-}" = "1" ]; then
  cp "$scratch/actual" "$expected_file"
  echo "updated $expected_file"
  exit 0
fi
if [ ! -f "$expected_file" ]; then
  echo "no expected output $expected_file; run with TACIT_UPDATE_GOLDEN=1 to record it" >&2
  cat "$scratch/actual"
  exit 1
fi
if ! diff -u "$expected_file" "$scratch/actual"; then
  echo "golden mismatch for $case_file (TACIT_UPDATE_GOLDEN=1 rewrites it; review the diff)" >&2
  exit 1
fi
