#!/usr/bin/env bash
# Builds the Debian package target/debian/corolint_<version>_<arch>.deb:
#   /usr/bin/corolint
#   /usr/share/man/man1/corolint.1.gz                  (from `corolint manpage`)
#   /usr/share/bash-completion/completions/corolint    (from `corolint completions bash`)
#   /usr/share/zsh/vendor-completions/_corolint        (zsh)
#   /usr/share/fish/vendor_completions.d/corolint.fish (fish)
#   /usr/share/doc/corolint/{copyright,README.md.gz,changelog.gz}
#
# Usage: scripts/build-deb.sh    (from anywhere; prints the path of the .deb)
#
# It uses dpkg-deb, which every Debian system has, rather than cargo-deb (see
# docs/packaging.md). Everything is built and staged under the target folder
# ($CARGO_TARGET_DIR or ./target); nothing is written anywhere else.
#
# Environment:
#   CARGO_TARGET_DIR   the target folder (default: <checkout>/target)
#   COROLINT_DEB_CARGO_PROFILE  cargo profile of the packaged binary (default: release)
set -euo pipefail

checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$checkout"
target="${CARGO_TARGET_DIR:-$checkout/target}"
profile="${COROLINT_DEB_CARGO_PROFILE:-release}"

for tool in cargo dpkg dpkg-deb gzip objdump; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build-deb: $tool is required but not installed" >&2; exit 1; }
done

work="$target/debian"
stage="$work/stage"
rm -rf "$stage" "$work/tmp"
mkdir -p "$stage" "$work/tmp"
# Temporary files of dpkg-deb and gzip stay in the target folder too.
export TMPDIR="$work/tmp"

echo "build-deb: cargo build --profile $profile --locked" >&2
cargo build --profile "$profile" --locked --bin corolint
case "$profile" in
  dev) bin="$target/debug/corolint" ;;
  *) bin="$target/$profile/corolint" ;;
esac

version="$("$bin" --version | awk '{print $2}')"
arch="$(dpkg --print-architecture)"
deb="$work/corolint_${version}_${arch}.deb"

install -D -m 0755 "$bin" "$stage/usr/bin/corolint"
strip --strip-debug "$stage/usr/bin/corolint" 2>/dev/null || true

mkdir -p "$stage/usr/share/man/man1"
"$bin" manpage | gzip -9n > "$stage/usr/share/man/man1/corolint.1.gz"

install -d "$stage/usr/share/bash-completion/completions" \
  "$stage/usr/share/zsh/vendor-completions" \
  "$stage/usr/share/fish/vendor_completions.d"
"$bin" completions bash > "$stage/usr/share/bash-completion/completions/corolint"
"$bin" completions zsh > "$stage/usr/share/zsh/vendor-completions/_corolint"
"$bin" completions fish > "$stage/usr/share/fish/vendor_completions.d/corolint.fish"

doc="$stage/usr/share/doc/corolint"
install -d "$doc"
gzip -9n < README.md > "$doc/README.md.gz"
gzip -9n < CHANGELOG.md > "$doc/changelog.gz"
{
  cat <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: corolint
Source: https://github.com/corolint/corolint

Files: *
Copyright: the corolint contributors
License: MIT or Apache-2.0

License: MIT
COPYRIGHT
  sed -e 's/^$/./' -e 's/^/ /' LICENSE-MIT
  cat <<COPYRIGHT

License: Apache-2.0
 On Debian systems, the full text of the Apache License, Version 2.0 is in
 /usr/share/common-licenses/Apache-2.0 (and in LICENSE-APACHE upstream).
COPYRIGHT
} > "$doc/copyright"

# The oldest glibc symbol version the binary needs is its libc6 dependency.
glibc="$(objdump -T "$stage/usr/bin/corolint" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)"
depends="libc6 (>= ${glibc:-2.17})"
if objdump -p "$stage/usr/bin/corolint" | grep -q 'NEEDED *libgcc_s'; then
  depends="$depends, libgcc-s1"
fi

mkdir -p "$stage/DEBIAN"
installed_size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: corolint
Version: $version
Architecture: $arch
Maintainer: corolint contributors <corolint@example.invalid>
Installed-Size: $installed_size
Depends: $depends
Section: admin
Priority: optional
Homepage: https://github.com/corolint/corolint
Description: parser, linter and formatter for corosync.conf
 corolint parses corosync.conf exactly like corosync 3.1.7, reports what
 corosync silently ignores or refuses at start (with line and column),
 explains what the votes allow, formats files to the Proxmox VE layout and
 checks config_version bumps, node copies and drift.
CONTROL

dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
rm -rf "$work/tmp"
echo "$deb"
