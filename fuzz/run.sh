#!/usr/bin/env bash
# Fuzz one target with AFL++ from its committed seed corpus:
#
#   fuzz/run.sh TARGET [SECONDS]     (TARGET: ci, commands, config, json, markdown, rules; default 60 s)
#
# Configures and builds build-fuzz/ (override with BUILD_DIR; JOBS sets the build's parallelism) with AFL++'s
# compilers (a Release build: the assembler instrumentation is slow on debug info), then runs afl-fuzz on
# fuzz/corpus/TARGET; findings land in build-fuzz/findings/TARGET/default/{crashes,hangs}. Reproduce one
# with any build: build/fuzz/tacit-fuzz TARGET FILE. A crash or hang found becomes a seed of the corpus
# (and a fix), so that fuzz/replay-seeds replays it in every test run.
#
# Needs Debian's afl++ (apt-get install afl++; run as root, this script installs it). The GCC plugin
# compilers (afl-g++-fast) are used when they work; Debian 12's afl++ 4.04c plugin was built against an
# older gcc-12 than the one Debian ships now and refuses to load ("GCC and plugin have incompatible
# versions"), so the script then falls back to afl-g++ (AFL's assembler instrumentation). clang 14 cannot
# build tacit (std::expected), so the LLVM modes are no option. Either way each execution runs one input
# (fork server, no persistent mode): ~150-300 executions a second per idle core (fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-60}
build_dir=${BUILD_DIR:-build-fuzz}
[ -d "fuzz/corpus/$target" ] || { echo "fuzz/run.sh: no target '$target' (see fuzz/corpus/)" >&2; exit 2; }

if ! command -v afl-fuzz >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "fuzz/run.sh: needs afl++: sudo apt-get install afl++" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
fi

# The plugin compilers when they can build a program, else the assembler instrumentation.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
echo 'int main() { return 0; }' >"$probe/probe.cpp"
if AFL_QUIET=1 afl-g++-fast "$probe/probe.cpp" -o "$probe/probe" >/dev/null 2>&1; then
  cc=afl-gcc-fast cxx=afl-g++-fast
else
  cc=afl-gcc cxx=afl-g++
fi

if [ ! -f "$build_dir/CMakeCache.txt" ] || ! grep -q "CMAKE_CXX_COMPILER:.*$cxx\$" "$build_dir/CMakeCache.txt"; then
  rm -rf "$build_dir"
  launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  CC=$cc CXX=$cxx cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTACIT_BUILD_TESTS=OFF \
    -DTACIT_FUZZ=ON "${launcher[@]}" >/dev/null
fi
AFL_QUIET=1 cmake --build "$build_dir" --target tacit-fuzz -j "${JOBS:-$(nproc)}"

findings="$build_dir/findings/$target"
mkdir -p "$findings"
# -V: stop after SECONDS; -t: 2 s per input (hangs); AFL_SKIP_CPUFREQ and co.: run unprivileged and in
# containers without tuning the machine.
AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
  afl-fuzz -V "$seconds" -t 2000 -m none -i "fuzz/corpus/$target" -o "$findings" -- \
  "$build_dir/fuzz/tacit-fuzz" "$target" @@
crashes=$(find "$findings" -path '*/crashes/id:*' | wc -l)
hangs=$(find "$findings" -path '*/hangs/id:*' | wc -l)
echo "fuzz/run.sh: $target: $crashes crashes, $hangs hangs in $findings"
[ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ]
