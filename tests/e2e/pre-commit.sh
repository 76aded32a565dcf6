#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit (from PyPI).
#
# It creates a throwaway git repository that uses THIS checkout as the hook
# repository (`repo: <checkout>`, `rev: <HEAD>`), so commit your work first:
# pre-commit clones the checkout at HEAD and builds corolint there with
# `cargo install --path .` (a few minutes on 2 cores). Then it shows that
#   1. a broken corosync.conf blocks the commit,
#   2. an unformatted one is rewritten by corolint-fmt (the commit stops, the
#      re-added file passes),
#   3. a change without a config_version bump is blocked,
#   4. the same change with the bump passes,
#   5. on a commit range (`pre-commit run --from-ref A --to-ref B`, as in CI)
#      the hook compares with A (pre-commit's PRE_COMMIT_FROM_REF), not HEAD:
#      a range whose commits changed the file without a bump fails, and passes
#      once the range holds a bump.
#   6. with the corolint-fix hook, a change without a bump is fixed to
#      config_version + 1 (the commit stops, the re-added file passes).
#
# Environment:
#   COROLINT_REQUIRE_PRECOMMIT=1  fail instead of skipping when pip/pre-commit/git is unavailable
#   COROLINT_E2E_SKIP_FMT=1       leave out the corolint-fmt hook (for branches where `fmt` is a stub)
#   PRE_COMMIT_HOME               reuse a pre-commit cache (default: a fresh temporary one)
set -euo pipefail

checkout="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
skip_fmt="${COROLINT_E2E_SKIP_FMT:-0}"

# shellcheck source=tests/e2e/lib.sh
source "$checkout/tests/e2e/lib.sh"
skip() { e2e_skip e2e COROLINT_REQUIRE_PRECOMMIT "$1"; }
fail() {
  echo "e2e: FAIL: $1" >&2
  exit 1
}
step() { printf '\n=== e2e: %s\n' "$1"; }

command -v git >/dev/null 2>&1 || skip "git is not installed"
command -v cargo >/dev/null 2>&1 || skip "cargo is not installed (language: rust hooks need it)"
python="$(command -v python3 || command -v python || true)"
[ -n "$python" ] || skip "python is not installed"
"$python" -m pip --version >/dev/null 2>&1 || skip "pip is not available"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$tmp/pre-commit-cache}"

step "installing pre-commit from PyPI"
if "$python" -m venv "$tmp/venv" >/dev/null 2>&1; then
  "$tmp/venv/bin/python" -m pip install -q pre-commit || skip "pip install pre-commit failed"
  precommit="$tmp/venv/bin/pre-commit"
else
  "$python" -m pip install -q --user pre-commit || skip "pip install pre-commit failed"
  precommit="$("$python" -c 'import sysconfig; print(sysconfig.get_path("scripts", "posix_user"))')/pre-commit"
fi
"$precommit" --version

rev="$(git -C "$checkout" rev-parse HEAD)"
if [ -n "$(git -C "$checkout" status --porcelain)" ]; then
  echo "e2e: note: $checkout has uncommitted changes; pre-commit uses the committed HEAD $rev"
fi

repo="$tmp/repo"
mkdir -p "$repo/cluster"
cd "$repo"
git init -q
git config user.name "corolint e2e"
git config user.email "e2e@example.invalid"
git config commit.gpgsign false

hooks="      - id: corolint
        args: [--fail-on, error]"
if [ "$skip_fmt" != 1 ]; then
  hooks="$hooks
      - id: corolint-fmt"
fi
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $checkout
    rev: $rev
    hooks:
$hooks
YAML
cat .pre-commit-config.yaml
"$precommit" install
git add .pre-commit-config.yaml
git commit -qm "pre-commit config"

step "building the hooks (cargo install inside pre-commit's cache; this takes minutes)"
"$precommit" install-hooks

# A valid three-node knet cluster, written in canonical form.
write_good() {
  cat > cluster/corosync.conf <<CONF
logging {
  debug: off
  to_syslog: yes
}

nodelist {
  node {
    name: node1
    nodeid: 1
    quorum_votes: 1
    ring0_addr: 10.0.0.1
  }
  node {
    name: node2
    nodeid: 2
    quorum_votes: 1
    ring0_addr: 10.0.0.2
  }
  node {
    name: node3
    nodeid: 3
    quorum_votes: 1
    ring0_addr: 10.0.0.3
  }
}

quorum {
  provider: corosync_votequorum
}

totem {
  cluster_name: e2e
  config_version: 1
  crypto_cipher: aes256
  crypto_hash: sha256
  interface {
    linknumber: 0
  }
  ip_version: ipv4-6
  link_mode: passive
  token: 3000
  version: 2
}
CONF
}

commit() { git commit -m "$1" >"$tmp/out" 2>&1; }

step "1. a broken corosync.conf blocks the commit"
printf 'totem {\n  version: 2\n  cluster_name: e2e\n\nnodelist {\n}\n' > cluster/corosync.conf
git add cluster/corosync.conf
if commit "broken"; then
  cat "$tmp/out"
  fail "the broken file was committed"
fi
cat "$tmp/out"
grep -q "corolint" "$tmp/out" || fail "the commit was not stopped by corolint"
git rm -q --cached cluster/corosync.conf
rm cluster/corosync.conf

if [ "$skip_fmt" != 1 ]; then
  step "2. corolint-fmt rewrites an unformatted file"
  write_good
  # Same content, badly indented, with tabs and trailing blank lines.
  sed -e 's/^  */\t  /' cluster/corosync.conf > "$tmp/messy" && printf '\n\n' >> "$tmp/messy"
  cp "$tmp/messy" cluster/corosync.conf
  git add cluster/corosync.conf
  if commit "unformatted"; then
    cat "$tmp/out"
    fail "the unformatted file was committed without being rewritten"
  fi
  cat "$tmp/out"
  cmp -s "$tmp/messy" cluster/corosync.conf && fail "corolint-fmt did not rewrite the file"
  git add cluster/corosync.conf
  commit "formatted" || { cat "$tmp/out"; fail "the formatted file was rejected"; }
  cat "$tmp/out"
else
  step "2. (corolint-fmt left out: COROLINT_E2E_SKIP_FMT=1) committing a valid file"
  write_good
  git add cluster/corosync.conf
  commit "valid" || { cat "$tmp/out"; fail "the valid file was rejected"; }
  cat "$tmp/out"
fi

step "3. a change without a config_version bump is blocked"
sed -i -e 's/token: 3000/token: 5000/' cluster/corosync.conf
git add cluster/corosync.conf
if commit "token without bump"; then
  cat "$tmp/out"
  fail "a change without a config_version bump was committed"
fi
cat "$tmp/out"
grep -q "config-version-not-bumped" "$tmp/out" || fail "expected config-version-not-bumped in the hook output"

step "4. the same change with the bump passes"
sed -i -e 's/config_version: 1$/config_version: 2/' cluster/corosync.conf
git add cluster/corosync.conf
commit "token with bump" || { cat "$tmp/out"; fail "the bumped change was rejected"; }
cat "$tmp/out"

step "5. a commit range: the bump check compares with --from-ref"
base="$(git rev-parse HEAD)"
sed -i -e 's/token: 5000/token: 7000/' cluster/corosync.conf
git add cluster/corosync.conf
git commit -q --no-verify -m "token without bump (hooks skipped)"
# The working tree equals HEAD: compared with HEAD nothing changed, so only a
# comparison with the range's start finds the missing bump.
if "$precommit" run corolint --from-ref "$base" --to-ref HEAD >"$tmp/out" 2>&1; then
  cat "$tmp/out"
  fail "a range without a config_version bump passed"
fi
cat "$tmp/out"
grep -q "config-version-not-bumped" "$tmp/out" || fail "expected config-version-not-bumped for the range"
sed -i -e 's/config_version: 2$/config_version: 3/' cluster/corosync.conf
git add cluster/corosync.conf
git commit -q --no-verify -m "bump"
"$precommit" run corolint --from-ref "$base" --to-ref HEAD >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "the range with a bump was rejected"; }
cat "$tmp/out"

step "6. corolint-fix bumps a forgotten config_version"
sed -i -e 's/      - id: corolint$/      - id: corolint-fix/' .pre-commit-config.yaml
grep -q "id: corolint-fix" .pre-commit-config.yaml || fail "could not switch to the corolint-fix hook"
git add .pre-commit-config.yaml
git commit -qm "use corolint-fix" --no-verify
sed -i -e 's/token: 7000/token: 6000/' cluster/corosync.conf
git add cluster/corosync.conf
if commit "token without bump, fixed by the hook"; then
  cat "$tmp/out"
  fail "corolint-fix did not stop the commit"
fi
cat "$tmp/out"
grep -q "config_version: 4$" cluster/corosync.conf || fail "corolint-fix did not set config_version to 4"
git add cluster/corosync.conf
commit "token with the hook's bump" || { cat "$tmp/out"; fail "the fixed file was rejected"; }
cat "$tmp/out"

step "all pre-commit checks behaved as expected"
git log --oneline
