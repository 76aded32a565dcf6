#!/usr/bin/env bash
# Installs the corosync releases the differential tests compare against, each
# in a minimal Debian chroot:
#
#   DIR/trixie   Debian 13, corosync 3.1.9  (Proxmox VE 9)
#   DIR/sid      Debian unstable, corosync 3.1.10
#
# corosync 3.1.7 (Debian 12, Proxmox VE 8) is the host's own /usr/sbin/corosync.
#
# Usage: scripts/install-corosync-versions.sh [DIR]
#   DIR defaults to $COROLINT_COROSYNC_VERSIONS, else /var/tmp/corolint-corosync-versions
#   (the tests look in the same place). A chroot that is already complete is
#   kept, so a second run takes a fraction of a second. From scratch: about
#   3 minutes and 500 MB.
#
# Needs root (debootstrap and chroot) and debootstrap (installed with apt-get
# when missing). The Debian archive is $DEBIAN_MIRROR, else the first
# non-security Debian archive of this host's apt sources. Exits non-zero when
# a version cannot be had: CI must not pass without its oracles.
set -euo pipefail

dir=${1:-${COROLINT_COROSYNC_VERSIONS:-/var/tmp/corolint-corosync-versions}}
suites=(trixie sid)

fail() {
    echo "install-corosync-versions: error: $*" >&2
    exit 1
}

# The first Debian archive of this host's apt sources (one-line or deb822 format).
apt_archive() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] && cat "$f"
    done | awk '$1 == "deb" || $1 == "URIs:" {
        for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($i !~ /-security/) { print $i; exit } else break }
    }'
}

[ "$(id -u)" -eq 0 ] || fail "run as root: debootstrap and chroot need it"
if ! command -v debootstrap >/dev/null 2>&1; then
    echo "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null ||
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; } ||
        fail "debootstrap is missing and apt-get could not install it"
fi
archive=${DEBIAN_MIRROR:-$(apt_archive)}
[ -n "$archive" ] || fail "no Debian archive in the apt sources; set DEBIAN_MIRROR"
mkdir -p "$dir"

install_suite() {
    local suite=$1 root log
    root=$dir/$suite
    log=$dir/$suite.log
    if [ -x "$root/usr/sbin/corosync" ] && [ -e "$root/.corolint-complete" ]; then
        echo "$suite: present"
    else
        # An interrupted earlier run leaves a half-built tree: start it again.
        if [ -e "$root" ] && [ ! -e "$root/.corolint-complete" ]; then
            echo "$suite: removing the incomplete chroot $root"
            rm -rf --one-file-system "$root"
        fi
        echo "$suite: debootstrap --variant=minbase from $archive (log: $log)"
        debootstrap --variant=minbase "$suite" "$root" "$archive" >"$log" 2>&1 ||
            fail "debootstrap $suite failed; see $log"
        # Package scripts must never start a daemon inside the chroot.
        printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
        chmod 755 "$root/usr/sbin/policy-rc.d"
        echo "$suite: apt-get install corosync"
        # Archives often serve a sid Release file whose Valid-Until has passed.
        chroot "$root" apt-get -q -o Acquire::Check-Valid-Until=false update >>"$log" 2>&1 ||
            fail "apt-get update in $root failed; see $log"
        chroot "$root" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends corosync >>"$log" 2>&1 ||
            fail "installing corosync in $root failed; see $log"
        chroot "$root" apt-get clean
        touch "$root/.corolint-complete"
    fi
    # `corosync -t` resolves names and needs its state and log directories;
    # sid's package leaves the last two to systemd (StateDirectory=, LogsDirectory=).
    cp /etc/hosts "$root/etc/hosts"
    mkdir -p "$root/var/lib/corosync" "$root/var/log/corosync" "$root/var/log/cluster"
}

# Both chroots at once: the time goes to downloads and unpacking, not CPU.
pids=()
for suite in "${suites[@]}"; do
    install_suite "$suite" &
    pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
    wait "$pid" || status=1
done
[ "$status" -eq 0 ] || fail "a chroot could not be installed (see the messages above)"

echo "corosync releases in $dir:"
for suite in "${suites[@]}"; do
    version=$(chroot "$dir/$suite" /usr/sbin/corosync -v | sed -n "s/.*version '\([^']*\)'.*/\1/p")
    [ -n "$version" ] || fail "corosync in $dir/$suite does not run"
    package=$(chroot "$dir/$suite" dpkg-query -W -f='${Version}' corosync)
    echo "  $suite: corosync $version (Debian package $package)"
done
