#!/usr/bin/env bash
# The layers point one way (ARCHITECTURE.md): each module of src/ and include/tacit/ may include only the
# modules below it. Fails with every include that reaches the wrong way.
#
# usage: check_layers.sh PROJECT_DIR
set -euo pipefail
root=${1:?usage: check_layers.sh PROJECT_DIR}
cd "$root"

# module -> the modules it may include (itself included)
declare -A allowed=(
  [util]="util"
  [repo]="util repo"
  [doc]="util repo doc"
  [facts]="util repo doc facts"
  [engine]="util repo doc facts engine"
  [rules]="util repo doc facts engine rules"
  [declarative]="util repo doc facts engine declarative"
  [catalog]="util repo doc facts engine rules declarative catalog"
  [audit]="util repo doc facts engine audit"
  [report]="util repo doc facts engine audit report"
  [init]="util repo doc facts engine init"
  [fix]="util repo doc facts engine fix"
  [cli]="util repo doc facts engine rules declarative catalog audit report init fix cli"
)

status=0
for dir in src/* include/tacit/*; do
  [ -d "$dir" ] || continue
  module=$(basename "$dir")
  if [ -z "${allowed[$module]+x}" ]; then
    echo "$dir: a module this check does not know: add it to tests/layers/check_layers.sh" >&2
    status=1
    continue
  fi
  # '#include <tacit/X/...>' and '#include "../X/..."'
  while IFS=: read -r file line text; do
    target=$(sed -E 's/^[[:space:]]*#include[[:space:]]*[<"](tacit\/|\.\.\/)([a-z_]+)\/.*/\2/' <<<"$text")
    if [[ " ${allowed[$module]} " != *" $target "* ]]; then
      echo "$file:$line: $module includes $target, which is not below it: $text" >&2
      status=1
    fi
  done < <(grep -rnE '^[[:space:]]*#include[[:space:]]*[<"](tacit/|\.\./)[a-z_]+/' "$dir" || true)
done
[ $status -eq 0 ] && echo "layers: every include points down"
exit $status
