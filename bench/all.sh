#!/usr/bin/env bash
# Generates synthetic repositories of 1k, 13k and 100k files and runs bench/run.sh on each; prints the results as
# a Markdown table for bench/README.md.
#
# usage: bench/all.sh [TACIT_BIN]
#
# TACIT_BIN as for bench/run.sh ("none" measures rg only and leaves tacit pending). Environment:
#   BENCH_SCRATCH     where repositories are generated and kept (default /tmp/tacit-bench); one is reused when its
#                     stamp (.git/tacit-bench-gen) matches the generator version, N and seed
#   BENCH_SEED        generator seed (default 1)
#   BENCH_SIZES       tracked-file counts (default "1000 13000 100000")
#   TACIT_BENCH_GEN   path of tacit-bench-gen (default: $TACIT_BUILD_DIR/bench/, then PATH)
#   TACIT_BUILD_DIR, TACIT_BENCH_MEASURE, RG_BIN, BENCH_RUNS, BENCH_WARMUP: passed on to bench/run.sh
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(cd "$script_dir/.." && pwd)
build_dir=${TACIT_BUILD_DIR:-$source_root/build}
scratch=${BENCH_SCRATCH:-/tmp/tacit-bench}
seed=${BENCH_SEED:-1}
sizes=${BENCH_SIZES:-1000 13000 100000}

die() {
  echo "bench/all.sh: error: $*" >&2
  exit 1
}

if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
fi
tacit_bin=${1:-${TACIT_BIN:-$build_dir/tacit}}

gen_bin=${TACIT_BENCH_GEN:-}
if [[ -z $gen_bin ]]; then
  if [[ -x $build_dir/bench/tacit-bench-gen ]]; then
    gen_bin=$build_dir/bench/tacit-bench-gen
  elif [[ -x $build_dir/tacit-bench-gen ]]; then
    gen_bin=$build_dir/tacit-bench-gen
  else
    gen_bin=$(command -v tacit-bench-gen || true)
  fi
fi
[[ -n $gen_bin && -x $gen_bin ]] ||
  die "tacit-bench-gen not found (looked in $build_dir/bench/, $build_dir/ and PATH): build it with" \
    "'cmake --build build --target tacit-bench-gen' or set TACIT_BENCH_GEN"
if [[ -z ${TACIT_BENCH_MEASURE:-} && -x $(dirname "$gen_bin")/tacit-bench-measure ]]; then
  TACIT_BENCH_MEASURE=$(dirname "$gen_bin")/tacit-bench-measure
  export TACIT_BENCH_MEASURE
fi
generator_version=$("$gen_bin" --version | awk '{ print $2 }')

stamp_value() { sed -n "s/^$1=//p" "$2" 2>/dev/null; }

# Budgets from DESIGN.md "Performance budgets", by size: a label, then a verdict on the measured figures.
budget_label() {
  case $1 in
  1000) echo "<= 0.05 s" ;;
  13000) echo "<= 3x rg and <= 0.5 s" ;;
  100000) echo "<= 2 s, peak RSS <= 300 MB" ;;
  *) echo "-" ;;
  esac
}
verdict() { # files tacit_s tacit_kb ratio
  [[ $2 == pending ]] && { echo pending; return; }
  awk -v n="$1" -v t="$2" -v kb="$3" -v ratio="${4%x}" 'BEGIN {
    ok = 1
    if (n == 1000) ok = t <= 0.05
    else if (n == 13000) ok = t <= 0.5 && ratio <= 3
    else if (n == 100000) ok = t <= 2 && kb <= 300 * 1024
    else { print "-"; exit }
    print ok ? "pass" : "FAIL"
  }'
}
mb() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f", k / 1024; else print k }'; }

mkdir -p "$scratch"
kv=$(mktemp)
trap 'rm -f "$kv"' EXIT
rows=()
for n in $sizes; do
  repo=$scratch/n$n-s$seed
  stamp=$repo/.git/tacit-bench-gen
  if [[ $(stamp_value generator "$stamp") == "$generator_version" && $(stamp_value files "$stamp") == "$n" &&
    $(stamp_value seed "$stamp") == "$seed" ]]; then
    echo "== reusing $repo" >&2
  else
    echo "== generating $repo" >&2
    rm -rf "$repo"
    "$gen_bin" --files "$n" --seed "$seed" "$repo" >&2
  fi
  gen_s=$(stamp_value gen_s "$stamp")
  echo "== measuring $repo" >&2
  BENCH_KV_OUT=$kv "$script_dir/run.sh" "$repo" "$tacit_bin" >&2
  get() { sed -n "s/^$1=//p" "$kv"; }
  tacit_s=$(get tacit_median_s)
  rows+=("| $n | $(awk -v b="$(get bytes)" 'BEGIN { printf "%.1f", b / 1e6 }') | $gen_s | $(get rg_median_s) |\
 $(mb "$(get rg_peak_rss_kb)") | $tacit_s | $(mb "$(get tacit_peak_rss_kb)") | $(get ratio) | $(budget_label "$n") |\
 $(verdict "$n" "$tacit_s" "$(get tacit_peak_rss_kb)" "$(get ratio)") |")
done

echo
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1);" \
  "$("${RG_BIN:-rg}" --version | head -n 1); load average $(cut -d ' ' -f 1-3 /proc/loadavg); seed $seed;" \
  "${BENCH_RUNS:-10} runs after ${BENCH_WARMUP:-2} warm-up, median wall time, warm cache."
echo
echo "| files | tracked MB | generate (s) | rg median (s) | rg peak RSS (MB) | tacit median (s) | tacit peak RSS (MB)" \
  "| tacit/rg | budget | verdict |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
printf '%s\n' "${rows[@]}"
