#!/usr/bin/env bash
# `corolint status` against a real three-node corosync cluster on this machine
# (see cluster-lib.sh for the namespaces). Each case changes the cluster or the
# files, then asserts the exit code and the findings of `corolint status` run
# inside a node's namespaces. The cluster is torn down on every exit.
#
# Environment:
#   COROLINT_BIN                the corolint to test (built with `--features live`)
#                               [default: target/debug/corolint]
#   COROLINT_REQUIRE_CLUSTER=1  fail instead of skipping when root, ip, unshare,
#                               nsenter or corosync is missing
#   COROLINT_RECORD_DIR=DIR     also save each case's state there (`--save-state`)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
checkout="$(cd "$here/../.." && pwd)"
bin="${COROLINT_BIN:-$checkout/target/debug/corolint}"
record="${COROLINT_RECORD_DIR:-}"

# shellcheck source=tests/e2e/lib.sh
source "$here/lib.sh"
skip() { e2e_skip cluster COROLINT_REQUIRE_CLUSTER "$1"; }
[ "$(id -u)" = 0 ] || skip "needs root (network and mount namespaces)"
for tool in ip unshare nsenter corosync-cfgtool corosync-quorumtool; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done
[ -x /usr/sbin/corosync ] || skip "corosync is not installed"
[ -x "$bin" ] || skip "$bin does not exist (build with --features live)"

# shellcheck source=tests/e2e/cluster-lib.sh
source "$here/cluster-lib.sh"
trap cl_teardown EXIT
trap 'exit 130' INT TERM

failures=0
recorded=0
case_name=""
start_case() {
  case_name="$1"
  printf '\n=== cluster: %s\n' "$1"
}
fail() {
  echo "cluster: FAIL [$case_name]: $1" >&2
  failures=$((failures + 1))
}

# status NODE EXPECTED_EXIT [ARGS...]: runs `corolint status --output-format
# concise ARGS` on NODE; the output is in $out, the exit code is checked.
status() {
  local node="$1" want="$2"
  shift 2
  local rc=0
  out="$(on_node "$node" "$bin" status --output-format concise "$@" 2>&1)" || rc=$?
  printf '%s\n' "$out" | sed 's/^/    /'
  [ "$rc" = "$want" ] || fail "node$node: exit $rc, expected $want"
  if [ -n "$record" ]; then
    mkdir -p "$record"
    local stem
    recorded=$((recorded + 1))
    stem="$record/$(printf %02d "$recorded")-node$node"
    on_node "$node" "$bin" status --save-state "$stem.json" >/dev/null 2>&1 || true
    cp "$(cl_conf "$node")" "$stem.conf"
  fi
}
# has PATTERN: the last status output matches PATTERN (grep -E).
has() { grep -Eq -- "$1" <<<"$out" || fail "expected /$1/ in the output"; }
# lacks PATTERN: it does not.
lacks() { ! grep -Eq -- "$1" <<<"$out" || fail "unexpected /$1/ in the output"; }

reload() {
  on_node "$1" corosync-cfgtool -R >/dev/null
}
# Edits every node's file in place (the bind mount keeps showing it).
edit_all() {
  local n
  for n in "${cl_nodes[@]}"; do sed -i "$1" "$(cl_conf "$n")"; done
}
wait_all() {
  local n
  for n in "${cl_nodes[@]}"; do cl_wait "$n" 3 Yes links; done
}

cl_setup
cl_write_all 1
for n in "${cl_nodes[@]}"; do cl_start "$n"; done
wait_all

start_case "in sync"
status 1 0
lacks "live-"
out="$(on_node 1 "$bin" status)" || fail "status (full) did not exit 0"
printf '%s\n' "$out" | sed 's/^/    /'
has "^Quorate: +Yes"
has "node1 \(local\)"

start_case "edited and bumped, not reloaded"
edit_all 's/token: 1000/token: 2000/; s/config_version: 1/config_version: 2/'
status 1 1
has "live-reload-pending.*config_version. 2.*the 1 corosync runs"
has "live-reload-pending.*totem.token. is .2000. in the file but .1000."

start_case "reloaded"
reload 1
status 1 0
status 3 0
lacks "live-"

start_case "read-only key changed and reloaded"
edit_all 's/cluster_name: colint/cluster_name: colint2/; s/config_version: 2/config_version: 3/'
reload 1
status 2 1
has "live-restart-required.*totem.cluster_name. is .colint2. in the file but corosync runs .colint."
lacks "live-reload-pending"
edit_all 's/cluster_name: colint2/cluster_name: colint/; s/config_version: 3/config_version: 4/'
reload 1
status 2 0

start_case "startup-only votequorum option changed and reloaded"
edit_all 's/provider: corosync_votequorum/provider: corosync_votequorum\n\twait_for_all: 1/; s/config_version: 4/config_version: 5/'
reload 1
status 1 1
has "live-restart-required.*quorum.wait_for_all. is on in the file but votequorum runs with it off"
edit_all '/wait_for_all: 1/d; s/config_version: 5/config_version: 6/'
reload 1
status 1 0

start_case "one node's file changed alone"
sed -i 's/token: 2000/token: 3000/; s/config_version: 6/config_version: 7/' "$(cl_conf 3)"
reload 1
status 1 1
has "live-members-disagree.*node3 runs 7"
status 3 1
has "live-members-disagree.*this node \(node3\) runs 7"
edit_all 's/token: [0-9]*/token: 3000/; s/config_version: [0-9]*/config_version: 8/'
reload 1
status 1 0

start_case "a link down"
ip -n "$cl_prefix-n3" link set eth2 down
for i in $(seq 1 150); do
  on_node 1 corosync-cfgtool -s | grep -A4 "LINK ID 1" | grep -q "3:.*disconnected" && break
  sleep 0.2
done
status 1 1
has "live-link-down.*link 1 to node3 \(10.99.2.3\) is down; node3 is still reachable over link 0"
lacks "live-node-down"
ip -n "$cl_prefix-n3" link set eth2 up
wait_all

start_case "a node cut off"
ip -n "$cl_prefix-n3" link set eth1 down
ip -n "$cl_prefix-n3" link set eth2 down
cl_wait 1 2 Yes
cl_wait 3 1 No
status 1 1
has "live-node-down.*node3 \(nodeid 3\) is not a member"
lacks "live-not-quorate"
status 3 1
has "live-not-quorate.*has 1 vote and needs 2"
has "live-node-down.*node1"

start_case "what-if"
status 1 1 --down node2
has "live-quorum-loss.*if node2 stops now.*node1 keeps 1 vote, quorum is 2"
has "bring node3 back first"
ip -n "$cl_prefix-n3" link set eth1 up
ip -n "$cl_prefix-n3" link set eth2 up
wait_all
status 1 0 --down node2
lacks "live-quorum-loss"
status 1 1 --down node2,node3
has "live-quorum-loss.*keep node3 up|live-quorum-loss.*keep node2 up"
status 1 2 --down nodde2
has "did you mean .node2."

start_case "a reload that failed"
sed -i 's/^}$/}}/' "$(cl_conf 1)"
if on_node 1 corosync-cfgtool -R >/dev/null 2>&1; then fail "corosync-cfgtool -R accepted a broken file"; fi
status 1 1
has "live-reload-failed.*corosync would refuse this file at the next reload"
has "live-reload-failed.*the last .corosync-cfgtool -R. was refused"
cl_template 8 "" | sed 's/token: 1000/token: 3000/' >"$(cl_conf 1)"

start_case "no daemon"
cl_stop 2
t0=$(date +%s%N)
rc=0
out="$(on_node 2 "$bin" status 2>&1)" || rc=$?
t1=$(date +%s%N)
printf '%s\n' "$out" | sed 's/^/    /'
[ "$rc" = 2 ] || fail "exit $rc, expected 2"
[ "$(wc -l <<<"$out")" = 1 ] || fail "expected one line"
has "^corolint: error: corosync is not running or not reachable"
echo "cluster: no daemon: answered in $(((t1 - t0) / 1000000)) ms"

if [ "$failures" != 0 ]; then
  echo "cluster: $failures check(s) failed" >&2
  exit 1
fi
echo
echo "cluster: all cases passed"
