#!/usr/bin/env bash
# Tests scripts/action.sh, the shell logic of the composite GitHub Action
# (action.yml), the way GitHub runs it on a pull request: a repository whose
# PR branch changes a corosync.conf, with the base branch at origin/main.
#
#   1. `install` installs corolint with cargo (from this checkout, into a
#      temporary root) and appends the bin folder to $GITHUB_PATH; with
#      corolint then on PATH, `install: auto` uses it;
#   2. `run` on the PR without a config_version bump: exit 1, GitHub
#      annotations with config-version-not-bumped against origin/main;
#   3. with the bump: exit 0;
#   4. a base revision that was not fetched: exit 2 with the fetch-depth hint.
#
# Environment: CARGO_TARGET_DIR is honoured (CI points it at the target folder
# that already holds the release build, so `cargo install` only copies).
set -euo pipefail

checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
action="$checkout/scripts/action.sh"
fail() { echo "e2e action: FAIL: $1" >&2; exit 1; }
step() { printf '\n=== e2e action: %s\n' "$1"; }
command -v git >/dev/null 2>&1 || fail "git is required"
command -v cargo >/dev/null 2>&1 || fail "cargo is required"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

step "1. install"
export GITHUB_PATH="$tmp/github_path"
: > "$GITHUB_PATH"
COROLINT_INSTALL=always COROLINT_SOURCE="$checkout" COROLINT_ROOT="$tmp/root" "$action" install
[ -x "$tmp/root/bin/corolint" ] || fail "corolint was not installed into the root"
grep -qx "$tmp/root/bin" "$GITHUB_PATH" || fail "the bin folder was not added to GITHUB_PATH"
export PATH="$tmp/root/bin:$PATH"
COROLINT_INSTALL=auto "$action" install | grep -q "using $tmp/root/bin/corolint" || fail "install: auto reinstalled"

step "a pull request repository: main has the config, the PR changes it"
repo="$tmp/repo"
mkdir -p "$repo/cluster"
cd "$repo"
git init -q -b main
git config user.name "corolint e2e"
git config user.email "e2e@example.invalid"
git config commit.gpgsign false
cat > cluster/corosync.conf <<'CONF'
totem {
  version: 2
  cluster_name: prod
  config_version: 1
  crypto_cipher: aes256
  crypto_hash: sha256
}

nodelist {
  node {
    name: a
    nodeid: 1
    ring0_addr: 10.0.0.1
  }
}

quorum {
  provider: corosync_votequorum
}
CONF
git add cluster && git commit -qm base
git update-ref refs/remotes/origin/main main
git switch -q -c pr
sed -i -e 's/cluster_name: prod/cluster_name: production/' cluster/corosync.conf
git commit -qam "rename the cluster without a bump"
export GITHUB_BASE_REF=main

step "2. run: the change without a bump fails with an annotation"
set +e
COROLINT_ARGS="--fail-on error" COROLINT_PATHS="cluster" "$action" run > "$tmp/out" 2> "$tmp/err"
status=$?
set -e
cat "$tmp/err" "$tmp/out"
[ "$status" = 1 ] || fail "expected exit 1, got $status"
grep -q -- "--git-base=origin/main" "$tmp/err" || fail "the bump check did not use origin/\$GITHUB_BASE_REF"
grep -qF '::error title=corolint C801 (config-version-not-bumped),file=cluster/corosync.conf' "$tmp/out" || fail "no config-version-not-bumped annotation"

step "3. run: with the bump it passes"
sed -i -e 's/config_version: 1$/config_version: 2/' cluster/corosync.conf
git commit -qam "bump"
COROLINT_ARGS="--fail-on error" COROLINT_PATHS="cluster" "$action" run || fail "the bumped change was rejected"

step "4. run: a base that was not fetched is exit 2 with the fetch-depth hint"
set +e
GITHUB_BASE_REF=release COROLINT_PATHS="cluster" "$action" run 2> "$tmp/err"
status=$?
set -e
cat "$tmp/err"
[ "$status" = 2 ] || fail "expected exit 2, got $status"
grep -q "fetch-depth: 0" "$tmp/err" || fail "no fetch-depth hint"

step "the action script behaved as expected"
