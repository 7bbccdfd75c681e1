#!/usr/bin/env bash
# A short fuzz run for CI: every target's built-in mutation loop (tacit-fuzz --mutate) over its seed corpus
# for SECONDS each, two targets at a time, seeded by the date so that each day tries other mutants (the
# seed is printed: `tacit-fuzz TARGET --mutate --seed N ...` replays a run). Usage:
#   fuzz/smoke.sh BUILD_DIR/fuzz/tacit-fuzz [SECONDS]
# CI gives each target a minute (six targets, two at a time: three minutes). A long run is fuzz/run.sh TARGET
# SECONDS (AFL++), or this script with more SECONDS.
set -uo pipefail
fuzz=${1:?usage: fuzz/smoke.sh TACIT_FUZZ [SECONDS]}
seconds=${2:-60}
corpus="$(cd "$(dirname "$0")" && pwd)/corpus"
seed=${TACIT_FUZZ_SEED:-$(date -u +%Y%m%d)}
artifacts=$(mktemp -d)
failed=0
pids=()
names=()
run() {
  "$fuzz" "$1" --mutate --seconds "$seconds" --seed "$seed" --artifacts "$artifacts" "$corpus/$1" &
  pids+=($!)
  names+=("$1")
}
wait_all() {
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      echo "fuzz smoke: ${names[$i]} failed (seed $seed); the input is in $artifacts" >&2
      failed=1
    fi
  done
  pids=()
  names=()
}
for target in $("$fuzz" --list); do
  run "$target"
  [ ${#pids[@]} -ge 2 ] && wait_all
done
wait_all
if [ "$failed" -ne 0 ]; then
  for file in "$artifacts"/*; do
    [ -f "$file" ] && { echo "--- $file (base64)"; base64 -w 76 "$file" | head -200; } >&2
  done
  exit 1
fi
rm -rf "$artifacts"
