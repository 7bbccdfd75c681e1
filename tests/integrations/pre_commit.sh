#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself (`pre-commit try-repo`) in a
# scratch repository. `tacit-staged`: a commit that introduces a finding is blocked, one on top of old findings
# is not. `tacit`: `pre-commit run --all-files` (CI, pre-commit.ci) fails once an error is committed.
# Skipped (exit 77) when pre-commit is not installed (Debian: apt-get install pre-commit).
#
# usage: tests/integrations/pre_commit.sh TACIT_BINARY SOURCE_DIR
set -euo pipefail

command -v pre-commit >/dev/null 2>&1 || { echo "pre-commit is not installed: skipped"; exit 77; }
tacit_dir=$(cd "$(dirname "$1")" && pwd)
source_dir=$(cd "$2" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME=$scratch PRE_COMMIT_HOME=$scratch/cache PATH="$tacit_dir:$PATH" GIT_CONFIG_NOSYSTEM=1 \
  GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t.invalid
repo=$scratch/repo
git -c init.defaultBranch=main init -q "$repo"
cd "$repo"
# Old findings: no agent context file, an undocumented CI step (warnings; only errors fail here).
printf 'version: 1\nfail-on: error\n' >.tacit.yaml
printf '# demo\n\nBuild with `make build`.\n' >README.md
printf 'build:\n\techo build\nlint:\n\techo lint\n' >Makefile
mkdir -p .github/workflows
printf 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n' >.github/workflows/ci.yml
git add -A && git -c commit.gpgsign=false commit -q -m one

try() { pre-commit try-repo "$source_dir" tacit-staged --verbose; }
all_files() { pre-commit try-repo "$source_dir" "$1" --all-files --verbose; }

# The whole-repository hook passes under --all-files while nothing fails the fail level.
if ! out=$(all_files tacit 2>&1); then echo "$out"; echo "FAIL: --all-files failed on a clean repository"; exit 1; fi

# A staged change that adds nothing new passes, although the repository has old findings.
printf '# demo\n\nBuild with `make build`. More words.\n' >README.md
git add README.md
if ! out=$(try 2>&1); then echo "$out"; echo "FAIL: a clean change was blocked"; exit 1; fi

# A staged change that breaks `make build` is blocked, and the output names the finding.
printf 'compile:\n\techo build\nlint:\n\techo lint\n' >Makefile
git add Makefile
if out=$(try 2>&1); then echo "$out"; echo "FAIL: a change introducing a finding passed"; exit 1; fi
grep -q "CTX003" <<<"$out" || { echo "$out"; echo "FAIL: the finding is not shown"; exit 1; }

# Once that error is committed, --all-files fails with the whole-repository hook (the staged one sees nothing
# new: the index equals HEAD, which is why it is not the hook for CI).
git -c commit.gpgsign=false commit -q -m "break make build"
if out=$(all_files tacit 2>&1); then echo "$out"; echo "FAIL: --all-files passed with an error committed"; exit 1; fi
grep -q "CTX003" <<<"$out" || { echo "$out"; echo "FAIL: --all-files does not show the finding"; exit 1; }
if ! out=$(all_files tacit-staged 2>&1); then echo "$out"; echo "FAIL: tacit-staged failed on nothing new"; exit 1; fi
echo "4 passed, 0 failed"
