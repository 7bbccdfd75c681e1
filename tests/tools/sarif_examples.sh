#!/usr/bin/env bash
# The SARIF of every example repository (and of a repository whose paths are not valid UTF-8) passes the
# independent validator. Each example is made a git repository in a temp dir, as the golden tests do.
#
# usage: tests/tools/sarif_examples.sh TACIT_BINARY VALIDATOR
set -euo pipefail

tacit=$1
validator=$2
here=$(cd "$(dirname "$0")" && pwd)
examples=$(cd "$here/../../examples" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export GIT_AUTHOR_NAME="tacit tests" GIT_AUTHOR_EMAIL="tests@tacit.invalid" \
  GIT_COMMITTER_NAME="tacit tests" GIT_COMMITTER_EMAIL="tests@tacit.invalid" HOME="$scratch" GIT_CONFIG_NOSYSTEM=1

make_repo() { # NAME: the git repository at $scratch/NAME from the files already there
  git -C "$scratch/$1" -c init.defaultBranch=main init -q
  git -C "$scratch/$1" add -A
  git -C "$scratch/$1" -c commit.gpgsign=false commit -q -m "$1"
}

files=()
for example in "$examples"/*/; do
  name=$(basename "$example")
  mkdir -p "$scratch/$name"
  cp -R "$example." "$scratch/$name/"
  make_repo "$name"
  status=0
  "$tacit" check "$scratch/$name" --fail-on never --quiet --format "sarif:$scratch/$name.sarif" 2>/dev/null ||
    status=$?
  if [[ $status -eq 2 ]]; then # an example of a usage or configuration error writes no report
    echo "skipped: $name (tacit exits 2 on it)"
    continue
  fi
  [[ $status -eq 0 ]] || { echo "sarif_examples: tacit failed on $name ($status)" >&2; exit 1; }
  files+=("$scratch/$name.sarif")
done

# Fixes (`fixes` on results, tacit check --fix) are in what the Multitool validates: the examples carry some.
grep -lq '"fixes": \[' "${files[@]}" || { echo "sarif_examples: no example result carries a fix" >&2; exit 1; }

# A path that is not valid UTF-8, with a space, '%' and '#'; evidence in another file; two severities.
odd="$scratch/odd"
sub="$odd/sub$(printf '\xff') 100% #1"
mkdir -p "$sub"
printf '# Odd\n\nRun `make test`.\n' >"$odd/README.md"
printf '# Agents\n\nSee [the notes](notes.md).\n' >"$sub/AGENTS.md"
printf 'test:\n\techo ok\n' >"$odd/Makefile"
make_repo odd
"$tacit" check "$odd" --fail-on never --quiet --format "sarif:$scratch/odd.sarif"
grep -q '"uri": "sub%FF%20100%25%20%231/AGENTS.md"' "$scratch/odd.sarif" ||
  { echo "sarif_examples: no finding on the non-UTF-8 path" >&2; exit 1; }
files+=("$scratch/odd.sarif")

# No README, no build file: a finding at the repository root itself ("./").
mkdir -p "$scratch/bare/sub"
printf '# Agents\n\nSee [the notes](notes.md).\n' >"$scratch/bare/sub/AGENTS.md"
make_repo bare
"$tacit" check "$scratch/bare" --fail-on never --quiet --format "sarif:$scratch/bare.sarif"
grep -q '"uri": "./"' "$scratch/bare.sarif" || { echo "sarif_examples: no finding at the root" >&2; exit 1; }
files+=("$scratch/bare.sarif")

bash "$here/validate_sarif.sh" "$validator" "${files[@]}"
