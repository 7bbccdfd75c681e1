#!/usr/bin/env bash
# README.md's rule table (under "## Rules") is built from the rules' own metadata (`tacit rules`): one row per
# rule, `| [ID](docs/rules/ID.md) | name | default severity | summary |` (`off` for a rule outside the default
# profile), grouped by category in the order
# of RuleMeta::category's comment (CTX, TASK, QUAL, ARCH, IMPL, META; others after, by name) and by id
# within one. This test fails with a diff when the table differs; TACIT_UPDATE_GOLDEN=1 rewrites the table
# in README.md in place.
#
# usage: check_readme_rules.sh TACIT_BINARY README
set -euo pipefail
tacit=$(realpath "$1")
readme=$2
header='| id | name | default | fires when |'

# Outside any repository, so that `tacit rules` lists the shipped rules only (not a repository's own).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
listing=$(cd "$scratch" && "$tacit" rules)

category_rank() {
  case $1 in
  CTX) echo 1 ;; TASK) echo 2 ;; QUAL) echo 3 ;; ARCH) echo 4 ;; IMPL) echo 5 ;; META) echo 6 ;; *) echo 9 ;;
  esac
}

# The expected rows; `read` keeps the summary's inner spacing and backslashes, and a '|' in it is escaped.
expected=$(tail -n +2 <<<"$listing" | while read -r id name category severity default _fix summary; do
  [ "$default" = on ] || severity=off
  printf '%s\t%s\t| [%s](docs/rules/%s.md) | %s | %s | %s |\n' "$(category_rank "$category")" "$category" \
    "$id" "$id" "$name" "$severity" "${summary//|/\\|}"
done | LC_ALL=C sort -t $'\t' -k1,1n -k2,2 -s | cut -f3-)

if ! grep -qxF "$header" "$readme"; then
  echo "$readme has no rule table (a line '$header')" >&2
  exit 1
fi
# The rows now in README.md: the '|' lines after the header and its delimiter row.
actual=$(awk -v header="$header" '
  $0 == header { in_table = 1; skip = 1; next }
  in_table && skip { skip = 0; next }
  in_table && /^\|/ { print; next }
  { in_table = 0 }' "$readme")

if [ "$actual" = "$expected" ]; then
  exit 0
fi
if [ "${TACIT_UPDATE_GOLDEN:-}" = "1" ]; then
  rows="$scratch/rows"
  printf '%s\n' "$expected" >"$rows"
  awk -v header="$header" -v rows="$rows" '
    $0 == header { print; in_table = 1; skip = 1; next }
    in_table && skip { print; skip = 0; while ((getline row < rows) > 0) print row; next }
    in_table && /^\|/ { next }
    { in_table = 0; print }' "$readme" >"$scratch/README"
  cat "$scratch/README" >"$readme"
  echo "rewrote the rule table in $readme" >&2
  exit 0
fi
echo "README.md's rule table differs from the rules' metadata (tacit rules):" >&2
diff -u --label "README.md (rule table)" --label "tacit rules" <(printf '%s\n' "$actual") \
  <(printf '%s\n' "$expected") >&2 || true
echo "rewrite it with TACIT_UPDATE_GOLDEN=1 ctest --test-dir build -R docs/readme-rules" >&2
exit 1
