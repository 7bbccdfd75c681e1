#!/usr/bin/env bash
# The `Run tacit` step of action.yml, taken from the file and run with bash as the runner would, in a scratch
# repository: `fail-on` left empty lets the repository's .tacit.yaml decide, a given one wins, and with
# `since` the annotations and the exit code cover only new findings while the SARIF file holds the full run.
# Skipped (exit 77) without python3's yaml module (Debian: python3-yaml, which pre-commit pulls in).
#
# usage: tests/integrations/action_run.sh TACIT_BINARY SOURCE_DIR
set -euo pipefail

python3 -c "import yaml" 2>/dev/null || { echo "python3-yaml is not installed: skipped"; exit 77; }
tacit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source_dir=$(cd "$2" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME=$scratch GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t.invalid GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@t.invalid
python3 - "$source_dir/action.yml" >"$scratch/run.sh" <<'PY'
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
defaults = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
step = next(s for s in action["runs"]["steps"] if s.get("name") == "Run tacit")
print("# defaults: " + " ".join(f"{k}={v}" for k, v in sorted(defaults.items())))
print(step["run"])
PY
grep -q "^# defaults: .*fail-on= " "$scratch/run.sh" || { echo "FAIL: fail-on has a default"; head -1 "$scratch/run.sh"; exit 1; }

repo=$scratch/repo
git -c init.defaultBranch=main init -q "$repo"
cd "$repo"
# A warning (CTX001: no agent context file) and a fail level of error in the repository's own configuration.
printf 'version: 1\nfail-on: error\n' >.tacit.yaml
printf '# demo\n' >README.md
git add -A && git -c commit.gpgsign=false commit -q -m one

failures=0
run() { # run NAME EXPECTED_CODE INPUT=VALUE...: the step with those inputs; its exit-code output is checked
  local name=$1 expected=$2
  shift 2
  : >"$scratch/output"
  env TACIT="$tacit" GITHUB_OUTPUT="$scratch/output" INPUT_PATH=. INPUT_CONFIG= INPUT_FAIL_ON= INPUT_SINCE= \
    INPUT_BASELINE= INPUT_FORMAT=text INPUT_SARIF=tacit.sarif "$@" bash -e "$scratch/run.sh" >"$scratch/log" 2>&1
  local code
  code=$(sed -n 's/^exit-code=//p' "$scratch/output")
  if [ "$code" != "$expected" ]; then
    cat "$scratch/log"
    echo "FAIL: $name: exit-code $code, expected $expected"
    failures=$((failures + 1))
  fi
}

run "fail-on empty: .tacit.yaml's fail-on decides" 0
grep -q CTX001 tacit.sarif || { echo "FAIL: the SARIF file lacks the finding"; failures=$((failures + 1)); }
run "fail-on given: it wins" 1 INPUT_FAIL_ON=warning
run "since: nothing new, the exit code is 0" 0 INPUT_FAIL_ON=warning INPUT_SINCE=HEAD
grep -q CTX001 "$scratch/log" && { echo "FAIL: since: the log shows an old finding"; failures=$((failures + 1)); }
grep -q CTX001 tacit.sarif || { echo "FAIL: since: the SARIF file is not the full run"; failures=$((failures + 1)); }
[ "$failures" -eq 0 ] || exit 1
echo "3 passed, 0 failed"
