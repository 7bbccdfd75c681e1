#!/usr/bin/env bash
# Measures `tacit audit` against `tacit check` in one run (docs/audit.md "Speed", issue 15's budgets):
#   1. scoring: `tacit audit REPO --jobs 2` against `tacit check REPO --jobs 2` on the first repository (budget:
#      scoring adds < 5%);
#   2. many repositories: `tacit audit R1..RN --jobs J` against `tacit check Ri --jobs 1` on each in turn (budget:
#      the audit's wall time <= the sum of the checks' / J, and its CPU time <= their sum; peak RSS < 1 GB);
#   3. `tacit audit HISTORY_REPO --history 12 --jobs 2` (budget: < 5 s on moby).
# CPU time (user + system of the process tree, wait4) is the figure to compare on a shared machine; wall time
# is printed too and is as noisy as the machine is busy.
#
# usage: bench/audit.sh [REPO...]
#
# Default repositories: $BENCH_AUDIT_REPOS (space-separated paths), else 12 checkouts of the judged corpus under
# $TACIT_CORPUS_DIR/repos (default /work/corpus/repos). Settings (environment):
#   TACIT_BIN            tacit binary (default: $TACIT_BUILD_DIR/tacit)
#   TACIT_BUILD_DIR      build tree holding tacit and bench/tacit-bench-measure (default: <source root>/build)
#   TACIT_BENCH_MEASURE  path of tacit-bench-measure (default: $TACIT_BUILD_DIR/bench/, then PATH)
#   BENCH_RUNS           measured runs per command (default 3)
#   BENCH_WARMUP         warm-up runs per command (default 1)
#   BENCH_JOBS           --jobs of the many-repository audit (default 2)
#   BENCH_HISTORY_REPO   repository of the --history run (default: the first repository whose name has "moby")
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(cd "$script_dir/.." && pwd)
build_dir=${TACIT_BUILD_DIR:-$source_root/build}
tacit=${TACIT_BIN:-$build_dir/tacit}
runs=${BENCH_RUNS:-3}
warmup=${BENCH_WARMUP:-1}
jobs=${BENCH_JOBS:-2}

die() {
  echo "bench/audit.sh: error: $*" >&2
  exit 1
}
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,23s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
fi
[[ -x $tacit ]] || die "no tacit binary at $tacit (build it, or set TACIT_BIN)"
measure=${TACIT_BENCH_MEASURE:-}
if [[ -z $measure ]]; then
  if [[ -x $build_dir/bench/tacit-bench-measure ]]; then
    measure=$build_dir/bench/tacit-bench-measure
  else
    measure=$(command -v tacit-bench-measure || true)
  fi
fi
[[ -n $measure && -x $measure ]] || die "tacit-bench-measure not found: cmake --build build --target tacit-bench-measure"

repos=("$@")
if [[ ${#repos[@]} -eq 0 ]]; then
  if [[ -n ${BENCH_AUDIT_REPOS:-} ]]; then
    read -r -a repos <<<"$BENCH_AUDIT_REPOS"
  else
    corpus=${TACIT_CORPUS_DIR:-/work/corpus}/repos
    for name in moby+moby BurntSushi+ripgrep fmtlib+fmt jqlang+jq junegunn+fzf pallets+click encode+httpx \
      expressjs+express charmbracelet+bubbletea ninja-build+ninja nlohmann+json cli+cli; do
      [[ -d $corpus/$name ]] && repos+=("$corpus/$name")
    done
  fi
fi
[[ ${#repos[@]} -ge 1 ]] || die "no repository to measure: give paths, or set BENCH_AUDIT_REPOS"
history_repo=${BENCH_HISTORY_REPO:-}
if [[ -z $history_repo ]]; then
  for repo in "${repos[@]}"; do
    if [[ $repo == *moby* ]]; then
      history_repo=$repo
      break
    fi
  done
  history_repo=${history_repo:-${repos[0]}}
fi

# Warm the page cache: every file of every repository, .git included.
for repo in "${repos[@]}"; do
  find "$repo" -type f -print0 | xargs -0 cat >/dev/null 2>&1 || true
done

# One figure: "wall cpu rss_kb" (median wall, median CPU, peak RSS) of a command.
run() {
  local line
  line=$("$measure" --runs "$runs" --warmup "$warmup" -- "$@")
  local wall cpu rss
  wall=$(sed -n 's/.*median_s=\([0-9.]*\).*/\1/p' <<<"$line")
  cpu=$(sed -n 's/.*cpu_s=\([0-9.]*\).*/\1/p' <<<"$line")
  rss=$(sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p' <<<"$line")
  echo "$wall $cpu $rss"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); runs $runs, warm-up $warmup; $("$tacit" --version | head -1)"
echo
echo "## 1. Scoring against a check ($(basename "${repos[0]}"), --jobs 2)"
echo
echo "| command | wall (s) | CPU (s) | peak RSS (MB) | CPU / check |"
echo "|---|---:|---:|---:|---:|"
read -r cw cc cr < <(run "$tacit" check "${repos[0]}" --jobs 2 --format json)
read -r aw ac ar < <(run "$tacit" audit "${repos[0]}" --jobs 2 --format json-lines)
echo "| tacit check --format json | $cw | $cc | $((cr / 1024)) | 1.000 |"
echo "| tacit audit --format json-lines | $aw | $ac | $((ar / 1024)) | $(ratio "$ac" "$cc") |"
echo
echo "## 2. ${#repos[@]} repositories: tacit audit --jobs $jobs against tacit check --jobs 1 on each in turn"
echo
echo "| command | wall (s) | CPU (s) | peak RSS (MB) |"
echo "|---|---:|---:|---:|"
sum_wall=0
sum_cpu=0
max_rss=0
for repo in "${repos[@]}"; do
  read -r w c r < <(run "$tacit" check "$repo" --jobs 1)
  echo "| check $(basename "$repo") | $w | $c | $((r / 1024)) |"
  sum_wall=$(awk -v a="$sum_wall" -v b="$w" 'BEGIN { print a + b }')
  sum_cpu=$(awk -v a="$sum_cpu" -v b="$c" 'BEGIN { print a + b }')
  ((r > max_rss)) && max_rss=$r
done
read -r mw mc mr < <(run "$tacit" audit "${repos[@]}" --jobs "$jobs" --format json-lines)
echo "| **sum of the checks** | $sum_wall | $sum_cpu | $((max_rss / 1024)) (max) |"
echo "| **tacit audit (all, --jobs $jobs)** | $mw | $mc | $((mr / 1024)) |"
echo
echo "- audit wall / (sum of check walls / $jobs): $(ratio "$mw" "$(awk -v a="$sum_wall" -v j="$jobs" 'BEGIN { print a / j }')") (budget <= 1)"
echo "- audit CPU / sum of check CPU: $(ratio "$mc" "$sum_cpu") (budget <= 1.05: scoring and presence only)"
echo "- audit peak RSS: $((mr / 1024)) MB (budget < 1024)"
echo
echo "## 3. --history 12 on $(basename "$history_repo") (--jobs 2)"
echo
echo "| command | wall (s) | CPU (s) | peak RSS (MB) | CPU / audit |"
echo "|---|---:|---:|---:|---:|"
read -r pw pc pr < <(run "$tacit" audit "$history_repo" --jobs 2 --format json-lines)
read -r hw hc hr < <(run "$tacit" audit "$history_repo" --jobs 2 --history 12 --format json-lines)
echo "| tacit audit | $pw | $pc | $((pr / 1024)) | 1.000 |"
echo "| tacit audit --history 12 | $hw | $hc | $((hr / 1024)) | $(ratio "$hc" "$pc") |"
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
