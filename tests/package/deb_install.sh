#!/usr/bin/env bash
# The Debian package installed as a user installs it (issue 16, part 4): in a bare Debian 12 root (made with
# `debootstrap --variant=minbase bookworm ROOT MIRROR`, see README.md, "Install"), `apt-get install ./tacit_*.deb`
# pulls the dependencies Depends names from the Debian archive, then `tacit check` runs on an example (one
# with findings: exit 1 and its findings; one without: exit 0). The root is left as bare as it was (the
# package and what it pulled are purged).
#
# This needs root (chroot, mounts) and the Debian archive (apt-get), so it runs only when TACIT_DEB_ROOT
# names such a root; otherwise it is skipped (exit 77) and says why.
#
# usage: TACIT_DEB_ROOT=/path/to/bookworm-root tests/package/deb_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
root=${TACIT_DEB_ROOT:-}
if [ -z "$root" ]; then
  echo "skipped: set TACIT_DEB_ROOT to a bare Debian 12 root (debootstrap --variant=minbase bookworm DIR" \
    "MIRROR) to install the package there; it needs root and the Debian archive"
  exit 77
fi
[ "$(id -u)" -eq 0 ] || { echo "skipped: installing into TACIT_DEB_ROOT needs root (chroot, mounts)"; exit 77; }
grep -q '^VERSION_CODENAME=bookworm' "$root/etc/os-release" 2>/dev/null || {
  echo "FAIL: TACIT_DEB_ROOT=$root is not a Debian 12 (bookworm) root" >&2
  exit 1
}
command -v dpkg-shlibdeps >/dev/null 2>&1 || { echo "skipped: dpkg-shlibdeps (dpkg-dev) is missing"; exit 77; }

work=$root/tmp/tacit-deb-test
rm -rf "$work"
mkdir -p "$work"
mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[$i]}" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
(cd "$work" && cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log" >&2
  exit 1
}
cp "$work"/pkg/tacit_*.deb "$work/"
cp -R "$source_dir/examples/no-context" "$source_dir/examples/well-documented" "$work/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
for dir in proc sys dev dev/pts; do
  mount --bind "/$dir" "$root/$dir"
  mounted+=("$root/$dir")
done
# The machine's own TLS trust settings, if any (the Debian archive is plain HTTP and needs none).
in_root() {
  chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root DEBIAN_FRONTEND=noninteractive \
    LANG=C.UTF-8 bash -c "$1"
}
in_root 'dpkg -s tacit >/dev/null 2>&1 && { echo "FAIL: tacit is already installed in the root" >&2; exit 1; }; true'
in_root 'cd /tmp/tacit-deb-test && apt-get update -qq && apt-get install -y -qq ./tacit_*.deb >/dev/null'
status=0
set +e
in_root 'command -v tacit && tacit version'
in_root 'cd /tmp/tacit-deb-test/no-context && tacit check --color never'
code=$?
[ $code -eq 1 ] || { echo "FAIL: tacit check on no-context exited $code, not 1" >&2; status=1; }
in_root 'cd /tmp/tacit-deb-test/well-documented && tacit check --color never'
code=$?
[ $code -eq 0 ] || { echo "FAIL: tacit check on well-documented exited $code, not 0" >&2; status=1; }
set -e
in_root 'apt-get purge -y -qq --autoremove tacit >/dev/null'
[ $status -eq 0 ] && echo "package: installed with apt-get in a bare Debian 12 root, tacit check ran"
exit $status
