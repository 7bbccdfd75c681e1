#!/usr/bin/env bash
# Measures `tacit check REPO --jobs 2` against the floor `rg -j1 -c TODO REPO` on a warm page cache.
#
# usage: bench/run.sh REPO [TACIT_BIN]
#
# TACIT_BIN: second argument, else $TACIT_BIN, else $TACIT_BUILD_DIR/tacit (default build/ at the source root).
# "none" skips tacit and reports it as pending. Other settings (environment):
#   TACIT_BUILD_DIR      build tree holding tacit and bench/tacit-bench-measure (default: <source root>/build)
#   TACIT_BENCH_MEASURE  path of tacit-bench-measure (default: $TACIT_BUILD_DIR/bench/, then PATH)
#   RG_BIN               ripgrep (default: rg on PATH)
#   BENCH_RUNS           measured runs per command (default 10)
#   BENCH_WARMUP         warm-up runs per command (default 2)
#   BENCH_KV_OUT         also write the figures as key=value lines to this file (used by bench/all.sh)
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(cd "$script_dir/.." && pwd)
build_dir=${TACIT_BUILD_DIR:-$source_root/build}

die() {
  echo "bench/run.sh: error: $*" >&2
  exit 1
}

if [[ $# -lt 1 || $# -gt 2 || $1 == -h || $1 == --help ]]; then
  sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
fi

repo=$1
tacit_bin=${2:-${TACIT_BIN:-$build_dir/tacit}}
rg_bin=${RG_BIN:-rg}
runs=${BENCH_RUNS:-10}
warmup=${BENCH_WARMUP:-2}

[[ -d $repo ]] || die "no such directory: $repo"
repo=$(cd "$repo" && pwd)

rg_path=$(command -v "$rg_bin" || true)
[[ -n $rg_path ]] || die "ripgrep not found ('$rg_bin'): install it (Debian: apt-get install ripgrep) or set RG_BIN"

measure_bin=${TACIT_BENCH_MEASURE:-}
if [[ -z $measure_bin ]]; then
  if [[ -x $build_dir/bench/tacit-bench-measure ]]; then
    measure_bin=$build_dir/bench/tacit-bench-measure
  elif [[ -x $build_dir/tacit-bench-measure ]]; then
    measure_bin=$build_dir/tacit-bench-measure
  else
    measure_bin=$(command -v tacit-bench-measure || true)
  fi
fi
[[ -n $measure_bin && -x $measure_bin ]] ||
  die "tacit-bench-measure not found (looked in $build_dir/bench/, $build_dir/ and PATH): build it with" \
    "'cmake --build build --target tacit-bench-measure' or set TACIT_BENCH_MEASURE"

if [[ $tacit_bin != none ]]; then
  if [[ $tacit_bin != */* ]]; then
    tacit_bin=$(command -v "$tacit_bin" || echo "$tacit_bin")
  fi
  [[ -f $tacit_bin && -x $tacit_bin ]] ||
    die "tacit binary not found or not executable: $tacit_bin (build it with 'cmake --build build'," \
      "pass its path as the second argument, or pass 'none' to measure rg only)"
fi

# Repository facts for the report: tracked files and their bytes (the index, not ignored build output).
if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
  files=$(git -C "$repo" ls-files | wc -l)
  bytes=$(cd "$repo" && git ls-files -z | du -cb --files0-from=- | tail -n 1 | cut -f 1)
else
  files=$(find "$repo" -type f -not -path '*/.git/*' | wc -l)
  bytes=$(du -sb --exclude=.git "$repo" | cut -f 1)
fi
megabytes=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

# Warm the page cache: every file of the worktree and of .git, then one pass of each tool.
find "$repo" -type f -print0 | xargs -0 -r cat >/dev/null
"$rg_path" -j1 -c TODO "$repo" >/dev/null 2>&1 || true

field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }

rg_line=$("$measure_bin" --runs "$runs" --warmup "$warmup" -- "$rg_path" -j1 -c TODO "$repo")
rg_median=$(field median_s "$rg_line")
rg_rss=$(field peak_rss_kb "$rg_line")
rg_exit=$(field exit "$rg_line")

tacit_median=pending tacit_rss=pending tacit_exit=pending ratio=pending
if [[ $tacit_bin != none ]]; then
  tacit_line=$("$measure_bin" --runs "$runs" --warmup "$warmup" -- "$tacit_bin" check "$repo" --jobs 2)
  tacit_median=$(field median_s "$tacit_line")
  tacit_rss=$(field peak_rss_kb "$tacit_line")
  tacit_exit=$(field exit "$tacit_line")
  ratio=$(awk -v t="$tacit_median" -v r="$rg_median" 'BEGIN { if (r > 0) printf "%.2fx", t / r; else print "n/a" }')
fi

mb() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f", k / 1024; else print k }'; }

echo "repo: $repo ($files tracked files, $megabytes MB; $runs runs after $warmup warm-up)"
echo
echo "| tool | median wall (s) | peak RSS (MB) | tacit/rg | exit |"
echo "|---|---|---|---|---|"
echo "| tacit check --jobs 2 | $tacit_median | $(mb "$tacit_rss") | $ratio | $tacit_exit |"
echo "| rg -j1 -c TODO | $rg_median | $(mb "$rg_rss") | 1.00x | $rg_exit |"

if [[ -n ${BENCH_KV_OUT:-} ]]; then
  cat >"$BENCH_KV_OUT" <<EOF
files=$files
bytes=$bytes
rg_median_s=$rg_median
rg_peak_rss_kb=$rg_rss
rg_exit=$rg_exit
tacit_median_s=$tacit_median
tacit_peak_rss_kb=$tacit_rss
tacit_exit=$tacit_exit
ratio=$ratio
EOF
fi
