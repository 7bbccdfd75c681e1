#!/usr/bin/env bash
# `tacit init` on real repositories (issue 16, part 2; development time only, not in ctest): each checkout is
# copied to a scratch folder, its root agent context files are removed (git rm, so that init may write), then
# `tacit init` writes AGENTS.md and `tacit check` runs. Prints per repository: the findings of the prevented
# rules (TASK101-105, TASK107-109, QUAL203) before init and after it, and the findings of the other rules
# that appear only after init (what the written file itself causes), by rule. Results: tests/corpus/README.md.
#
# usage: TACIT=build/tacit tests/corpus/init_check.sh CHECKOUT...   (checkouts: /work/corpus/repos/OWNER+NAME)
set -euo pipefail
tacit=$(realpath "${TACIT:-build/tacit}")
prevented=TASK101,TASK102,TASK103,TASK104,TASK105,TASK107,TASK108,TASK109,QUAL203
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
count() { # FILE: "RULE xN ..." of a JSON output
  python3 -c 'import json,sys,collections
c=collections.Counter(f["rule"] for f in json.load(open(sys.argv[1]))["findings"])
print(" ".join("%s x%d" % kv for kv in sorted(c.items())) or "none")' "$1"
}
new_findings() { # BEFORE AFTER: findings of AFTER whose (rule, subject) BEFORE lacks
  python3 -c 'import json,sys,collections
key=lambda f:(f["rule"],f["subject"])
before=collections.Counter(key(f) for f in json.load(open(sys.argv[1]))["findings"])
out=[]
for f in json.load(open(sys.argv[2]))["findings"]:
    k=key(f)
    if before[k]: before[k]-=1
    else: out.append("%s %s:%s %s" % (f["rule"], f["location"]["path"], f["location"].get("line",0), f["message"]))
print("\n".join(out) or "none")' "$1" "$2"
}
for checkout in "$@"; do
  name=$(basename "$checkout")
  repo=$scratch/$name
  cp -a "$checkout" "$repo"
  git -C "$repo" config user.name t && git -C "$repo" config user.email t@t.invalid
  for file in AGENTS.md CLAUDE.md .claude/CLAUDE.md GEMINI.md .github/copilot-instructions.md .cursorrules \
    .windsurfrules .clinerules .junie/guidelines.md .cursor/rules .windsurf/rules; do
    if [ -e "$repo/$file" ] || [ -L "$repo/$file" ]; then
      git -C "$repo" rm -rq --ignore-unmatch "$file"
      rm -rf "${repo:?}/$file"
    fi
  done
  "$tacit" check "$repo" --isolated --format json -q >"$scratch/before.json" 2>/dev/null || true
  "$tacit" check "$repo" --isolated --select "$prevented" --format json -q >"$scratch/before-p.json" 2>/dev/null || true
  "$tacit" init "$repo" >/dev/null 2>&1
  "$tacit" check "$repo" --isolated --format json -q >"$scratch/after.json" 2>/dev/null || true
  "$tacit" check "$repo" --isolated --select "$prevented" --format json -q >"$scratch/after-p.json" 2>/dev/null || true
  echo "== $name ($(wc -l <"$repo/AGENTS.md") lines)"
  echo "prevented before: $(count "$scratch/before-p.json")"
  echo "prevented after:  $(count "$scratch/after-p.json")"
  echo "new findings of other rules after init:"
  new_findings "$scratch/before.json" "$scratch/after.json" | { grep -vE '^(TASK10[1-57-9]|QUAL203) ' || echo "  none"; } | sed 's/^/  /'
  [ -n "${KEEP:-}" ] && cp "$repo/AGENTS.md" "$KEEP/$name.md"
done
