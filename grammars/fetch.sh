#!/usr/bin/env bash
# Fetch the pinned tree-sitter runtime and grammars listed in grammars.lock (next to this script).
#
# Usage: grammars/fetch.sh DEST_DIR [CACHE_DIR]
#
# For each lock entry, DEST_DIR/<package name without scope>/ receives only the C sources the build
# needs (src/**, */src/**, common/**, LICENSE; for the runtime package: vendor/tree-sitter/lib/**).
# Tarballs come from `npm pack NAME@VERSION`, are checked against the sha512 integrity in the lock,
# and are kept in CACHE_DIR (default: ${XDG_CACHE_HOME:-$HOME/.cache}/tacit/npm) for reuse.
# A stamp file per package makes re-runs a no-op. Nothing is written outside DEST_DIR and CACHE_DIR.
#
# TACIT_LOCK_FILE=FILE reads another lock of the same format; a package whose symbols column is `tool`
# is extracted whole (tests/tools/tools.lock pins test-only tools that way).
set -euo pipefail

die() {
  printf 'tacit grammars: error: %s\n' "$1" >&2
  shift
  local arg line
  for arg in "$@"; do
    while IFS= read -r line; do
      printf '  %s\n' "$line" >&2
    done <<<"$arg"
  done
  exit 1
}

if [[ $# -lt 1 || $# -gt 2 || -z "$1" ]]; then
  die "usage: fetch.sh DEST_DIR [CACHE_DIR]"
fi

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
lock_file=${TACIT_LOCK_FILE:-$script_dir/grammars.lock}
dest_dir=$1
if [[ $# -eq 2 && -n "$2" ]]; then
  cache_dir=$2
elif [[ -n "${XDG_CACHE_HOME:-}" ]]; then
  cache_dir="$XDG_CACHE_HOME/tacit/npm"
elif [[ -n "${HOME:-}" ]]; then
  cache_dir="$HOME/.cache/tacit/npm"
else
  die "neither XDG_CACHE_HOME nor HOME is set; pass a cache directory as the second argument" \
    "(with CMake: -DTACIT_GRAMMAR_CACHE=/some/dir)"
fi

[[ -r "$lock_file" ]] || die "cannot read the lock file $lock_file"

# Parse the lock: name version symbols integrity, one entry per line; '#' starts a comment.
names=() versions=() symbol_lists=() integrities=()
line_no=0
while IFS= read -r line || [[ -n "$line" ]]; do
  line_no=$((line_no + 1))
  line=${line%%#*}
  line=${line%$'\r'}
  [[ "$line" =~ ^[[:space:]]*$ ]] && continue
  read -r name version symbols integrity extra <<<"$line"
  if [[ -z "${integrity:-}" || -n "${extra:-}" || "$integrity" != sha512-* ]]; then
    die "$lock_file:$line_no: expected 'NAME VERSION SYMBOLS sha512-INTEGRITY'"
  fi
  names+=("$name")
  versions+=("$version")
  symbol_lists+=("$symbols")
  integrities+=("$integrity")
done <"$lock_file"

# Where a package lands in DEST_DIR: its name without the npm scope.
package_dir() {
  printf '%s\n' "${1##*/}"
}

# Fast path: every stamp already matches, so do nothing (no npm, no node).
stale=()
for i in "${!names[@]}"; do
  stamp="$dest_dir/$(package_dir "${names[$i]}")/.tacit-stamp"
  expected="${names[$i]} ${versions[$i]} ${integrities[$i]}"
  if [[ ! -f "$stamp" || "$(<"$stamp")" != "$expected" ]]; then
    stale+=("$i")
  fi
done
if [[ ${#stale[@]} -eq 0 ]]; then
  exit 0
fi

command -v npm >/dev/null 2>&1 ||
  die "npm is needed to fetch the pinned tree-sitter grammars, but it was not found on PATH" \
    "install it: apt-get install npm (or any Node.js distribution that ships npm)"
command -v node >/dev/null 2>&1 ||
  die "node is needed to verify the grammar tarballs, but it was not found on PATH" \
    "install it: apt-get install npm (it pulls in nodejs)"
command -v tar >/dev/null 2>&1 || die "tar was not found on PATH"

mkdir -p "$dest_dir" "$cache_dir" || die "cannot create $dest_dir or $cache_dir"
work_dir=$(mktemp -d "${TMPDIR:-/tmp}/tacit-grammars.XXXXXX")
staging=""
trap 'rm -rf "$work_dir" ${staging:+"$staging"}' EXIT

# Print the sha512 integrity string (as in package-lock / npm view dist.integrity) of a file.
integrity_of() {
  node -e '
    const fs = require("fs");
    const hash = require("crypto").createHash("sha512");
    hash.update(fs.readFileSync(process.argv[1]));
    process.stdout.write("sha512-" + hash.digest("base64"));
  ' "$1"
}

# npm's tarball name: @scope/pkg@1.0 -> scope-pkg-1.0.tgz
tarball_of() {
  local base="${names[$1]#@}"
  printf '%s/%s-%s.tgz\n' "$cache_dir" "${base//\//-}" "${versions[$1]}"
}

# Reuse cached tarballs whose hash matches the lock; collect the rest for one `npm pack` call.
missing=()
for i in "${stale[@]}"; do
  cached=$(tarball_of "$i")
  if [[ -f "$cached" && "$(integrity_of "$cached")" != "${integrities[$i]}" ]]; then
    printf 'tacit grammars: cached %s does not match the lock; fetching it again\n' "$cached"
    rm -f "$cached"
  fi
  [[ -f "$cached" ]] || missing+=("$i")
done

if [[ ${#missing[@]} -gt 0 ]]; then
  specs=()
  for i in "${missing[@]}"; do
    specs+=("${names[$i]}@${versions[$i]}")
  done
  printf 'tacit grammars: fetching %s\n' "${specs[@]}"
  pack_dir="$work_dir/pack"
  mkdir -p "$pack_dir"
  if ! (cd "$pack_dir" && npm pack "${specs[@]}" --ignore-scripts --loglevel=error \
    >"$work_dir/npm.out" 2>"$work_dir/npm.err"); then
    npm_said=$(grep -v '^npm [A-Za-z!]* *  *at ' "$work_dir/npm.err" | head -n 4 | sed 's/^/  /')
    die "could not fetch from the npm registry: ${specs[*]}" \
      "npm said:" "$npm_said" \
      "check your network connection or proxy, and the registry npm uses: npm config get registry" \
      "(only the tarballs pinned in grammars/grammars.lock are fetched; nothing is installed)"
  fi
  for i in "${missing[@]}"; do
    cached=$(tarball_of "$i")
    packed="$pack_dir/${cached##*/}"
    [[ -f "$packed" ]] || die "npm pack ${names[$i]}@${versions[$i]} did not produce ${packed##*/}"
    got=$(integrity_of "$packed")
    if [[ "$got" != "${integrities[$i]}" ]]; then
      rm -f "$packed"
      die "integrity mismatch for ${names[$i]}@${versions[$i]}; refusing to use it" \
        "expected: ${integrities[$i]}" \
        "got:      $got" \
        "the tarball npm fetched is not the one pinned in $lock_file" \
        "(a re-published or tampered package, a mirror serving other bytes, or a wrong integrity in the lock)." \
        "If you bumped the version on purpose: npm view ${names[$i]}@${versions[$i]} dist.integrity"
    fi
    # Copy then rename, so a concurrent configure never sees half a tarball.
    cp "$packed" "$cached.tmp.$$"
    mv -f "$cached.tmp.$$" "$cached"
  done
fi

# Extract only what the build needs into a fresh directory, then swap it in.
for i in "${stale[@]}"; do
  cached=$(tarball_of "$i")
  dir_name=$(package_dir "${names[$i]}")
  if [[ "${symbol_lists[$i]}" == tool ]]; then
    pattern='^package/.*$'
  elif [[ "${symbol_lists[$i]}" == runtime ]]; then
    pattern='^package/(vendor/tree-sitter/lib/.*|LICENSE)$'
  else
    pattern='^package/(src/.*|[^/]+/src/.*|common/.*|LICENSE)$'
  fi
  members="$work_dir/members-$i"
  tar -tzf "$cached" >"$work_dir/all-$i" || die "cannot list $cached; delete it and re-run"
  grep -E "$pattern" "$work_dir/all-$i" | grep -v '/$' >"$members" ||
    die "${names[$i]}@${versions[$i]} has none of the expected sources (src/, vendor/tree-sitter/lib/)"
  staging="$dest_dir/.$dir_name.tmp.$$"
  rm -rf "$staging"
  mkdir -p "$staging"
  tar -xzf "$cached" -C "$staging" --strip-components=1 -T "$members" ||
    die "cannot extract $cached into $staging"
  printf '%s %s %s\n' "${names[$i]}" "${versions[$i]}" "${integrities[$i]}" >"$staging/.tacit-stamp"
  rm -rf "${dest_dir:?}/$dir_name"
  mv "$staging" "$dest_dir/$dir_name"
  staging=""
done
