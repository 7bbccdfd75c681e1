#!/usr/bin/env bash
# docs/rules/<ID>.md are generated from each rule's own docs (`tacit rule ID`). This test fails when one is
# stale, missing or left over; TACIT_UPDATE_GOLDEN=1 regenerates them.
#
# usage: check_rule_docs.sh TACIT_BINARY DOCS_DIR
set -euo pipefail
tacit=$1
docs=$2
status=0
ids=$("$tacit" rules | awk 'NR > 1 { print $1 }')
for id in $ids; do
  if [ "${TACIT_UPDATE_GOLDEN:-}" = "1" ]; then
    "$tacit" rule "$id" >"$docs/$id.md"
  elif ! "$tacit" rule "$id" | diff -u "$docs/$id.md" - >/dev/null 2>&1; then
    echo "docs/rules/$id.md is stale or missing: regenerate with TACIT_UPDATE_GOLDEN=1 ctest -R docs" >&2
    status=1
  fi
done
for file in "$docs"/*.md; do
  [ -e "$file" ] || continue
  id=$(basename "$file" .md)
  if ! grep -qx "$id" <<<"$ids"; then
    echo "docs/rules/$id.md documents no rule: remove it" >&2
    status=1
  fi
done
exit $status
