#!/usr/bin/env bash
# The fuzz driver itself: it lists the targets, writes out an input that crashes or hangs (so that it can
# become a seed), and runs a bounded, seeded mutation loop. Usage: test_driver.sh TACIT_FUZZ CORPUS_DIR
set -uo pipefail
fuzz=$1
corpus=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

list=$("$fuzz" --list | tr '\n' ' ')
[ "$list" = "ci commands config json markdown rules " ] || fail "--list gave: $list"

printf abort >"$work/abort"
"$fuzz" _selftest --artifacts "$work" "$work/abort" 2>"$work/err" && fail "an aborting input exited 0"
[ "$(cat "$work/crash-_selftest" 2>/dev/null)" = abort ] || fail "the crashing input was not written: $(cat "$work/err")"

printf hang >"$work/hang"
"$fuzz" _selftest --timeout 1 --artifacts "$work" "$work/hang" 2>"$work/err"
[ $? -eq 3 ] || fail "a hanging input did not exit 3"
[ "$(cat "$work/hang-_selftest" 2>/dev/null)" = hang ] || fail "the hanging input was not written"
grep -q "longer than the timeout" "$work/err" || fail "no message for the hang"

out=$("$fuzz" json --mutate --iterations 300 --seed 7 "$corpus/json") || fail "the mutation loop failed"
echo "$out" | grep -q "300 mutants" || fail "the mutation loop said: $out"
"$fuzz" nosuch "$work/abort" 2>/dev/null && fail "an unknown target exited 0"
echo "ok"
