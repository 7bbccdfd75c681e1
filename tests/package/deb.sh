#!/usr/bin/env bash
# The Debian package (issue 16, part 4), offline: `cpack -G DEB` builds tacit_VERSION_ARCH.deb from the build
# tree; it holds /usr/bin/tacit; its Depends names the package of every shared library the binary links
# (readelf's NEEDED, ldd's path, then `dpkg -S`: the Debian 12 names are libgit2-1.5, libyaml-cpp0.7, libfmt9, libre2-9,
# libtomlplusplus3, libstdc++6, libgcc-s1, libc6) and nothing is left to chance; the packaged binary runs.
# Exit 77 (skipped) without dpkg-shlibdeps (package dpkg-dev), which computes Depends.
#
# usage: tests/package/deb.sh BUILD_DIR
set -euo pipefail
build_dir=$(cd "$1" && pwd)
command -v dpkg-shlibdeps >/dev/null 2>&1 || {
  echo "skipped: dpkg-shlibdeps is missing (apt-get install dpkg-dev): it computes the package's Depends"
  exit 77
}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$out" && cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1) || {
  cat "$out/cpack.log" >&2
  exit 1
}
debs=("$out"/tacit_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || { echo "FAIL: cpack made no tacit_*.deb" >&2; ls "$out" >&2; exit 1; }
deb=${debs[0]}
status=0
dpkg-deb -c "$deb" | grep ' \./usr/bin/tacit$' >/dev/null || { echo "FAIL: the package holds no /usr/bin/tacit" >&2; status=1; }
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# Every shared library the binary links (its NEEDED entries; what those load in turn is their packages'
# business) belongs to a package that Depends names.
needed=$(readelf -d "$build_dir/tacit" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p')
packages=$(sed 's/ *([^)]*)//g; s/, */\n/g' <<<"$depends")
[ -n "$needed" ] || { echo "FAIL: readelf found no NEEDED entry in $build_dir/tacit" >&2; status=1; }
for soname in $needed; do
  lib=$(ldd "$build_dir/tacit" | awk -v so="$soname" '$1 == so && $3 ~ /^\// { print $3 }')
  package=
  for candidate in "$lib" "$(readlink -f "$lib")"; do
    [ -n "$package" ] || package=$(dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1) || package=
  done
  if [ -z "$package" ]; then
    echo "FAIL: no package owns $soname ($lib), which the binary links" >&2
    status=1
  elif ! grep -qxF "$package" <<<"$packages"; then
    echo "FAIL: the binary links $soname from $package, which Depends does not name" >&2
    status=1
  fi
done
mkdir "$out/root"
dpkg-deb -x "$deb" "$out/root"
"$out/root/usr/bin/tacit" version | grep -q '^tacit ' || { echo "FAIL: the packaged tacit does not run" >&2; status=1; }
[ $status -eq 0 ] && echo "package: $(basename "$deb") holds /usr/bin/tacit, Depends covers every library it links"
exit $status
