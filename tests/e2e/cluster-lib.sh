# Shared by tests/e2e/cluster.sh: a three-node corosync 3 cluster on one
# machine, in namespaces that exist only for the run.
#
# Layout (PREFIX is unique per run):
#   PREFIX-br          network namespace holding two bridges, br1 and br2
#   PREFIX-n1..n3      one network namespace per node; eth1 (10.99.1.N/24) and
#                      eth2 (10.99.2.N/24) are veth pairs into br1 and br2
# Each node runs `corosync -f` in its own network namespace and a private
# mount namespace (`unshare -m`) where /etc/corosync is a bind mount of the
# node's own folder (its corosync.conf and authkey) and /run and
# /var/lib/corosync are tmpfs. The host's /etc/corosync is never written.
# Commands run on a node with `on_node N CMD...` (nsenter into the corosync
# process's network and mount namespaces).
#
# Needs root, iproute2, util-linux (unshare, nsenter) and corosync.

cl_prefix="cl$$"
cl_work=""
cl_nodes=(1 2 3)
declare -A cl_pid

# Creates the namespaces, bridges and veth pairs, and one folder per node.
cl_setup() {
  cl_work="$(mktemp -d /tmp/corolint-cluster.XXXXXX)"
  ip netns add "$cl_prefix-br"
  ip -n "$cl_prefix-br" link set lo up
  for link in 1 2; do
    ip -n "$cl_prefix-br" link add "br$link" type bridge
    ip -n "$cl_prefix-br" link set "br$link" up
  done
  for n in "${cl_nodes[@]}"; do
    local ns="$cl_prefix-n$n"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    for link in 1 2; do
      ip -n "$cl_prefix-br" link add "n${n}l$link" type veth peer name "eth$link" netns "$ns"
      ip -n "$cl_prefix-br" link set "n${n}l$link" master "br$link" up
      ip -n "$ns" addr add "10.99.$link.$n/24" dev "eth$link"
      ip -n "$ns" link set "eth$link" up
    done
    mkdir -p "$cl_work/n$n/etc" "$cl_work/n$n/run" "$cl_work/n$n/lib"
  done
  head -c 256 /dev/urandom >"$cl_work/authkey"
  for n in "${cl_nodes[@]}"; do
    install -m 0400 "$cl_work/authkey" "$cl_work/n$n/etc/authkey"
  done
}

# The node's corosync.conf on the host side (edit it in place: the bind mount
# shows the same inode to corosync).
cl_conf() { echo "$cl_work/n$1/etc/corosync.conf"; }

# Writes the same corosync.conf to every node: `cl_write_all VERSION [EXTRA_QUORUM_LINES]`.
cl_write_all() {
  for n in "${cl_nodes[@]}"; do
    cl_template "$1" "${2:-}" >"$(cl_conf "$n")"
  done
}

# The test cluster's configuration: version $1, extra lines $2 in `quorum`.
cl_template() {
  cat <<EOF
totem {
	version: 2
	cluster_name: colint
	config_version: $1
	transport: knet
	crypto_cipher: aes256
	crypto_hash: sha256
	token: 1000
	interface {
		linknumber: 0
	}
	interface {
		linknumber: 1
	}
}

logging {
	to_stderr: yes
	to_syslog: no
	timestamp: on
}

quorum {
	provider: corosync_votequorum
$2}

nodelist {
	node {
		name: node1
		nodeid: 1
		ring0_addr: 10.99.1.1
		ring1_addr: 10.99.2.1
	}
	node {
		name: node2
		nodeid: 2
		ring0_addr: 10.99.1.2
		ring1_addr: 10.99.2.2
	}
	node {
		name: node3
		nodeid: 3
		ring0_addr: 10.99.1.3
		ring1_addr: 10.99.2.3
	}
}
EOF
}

# Starts corosync on node $1 (in the background; its stderr goes to the node's log).
cl_start() {
  local n="$1" dir="$cl_work/n$1"
  ip netns exec "$cl_prefix-n$n" unshare -m --propagation private sh -c '
    mount --bind "$1/etc" /etc/corosync &&
    mount -t tmpfs tmpfs /run &&
    mkdir -p /run/corosync &&
    mount -t tmpfs tmpfs /var/lib/corosync &&
    exec /usr/sbin/corosync -f' sh "$dir" >>"$dir/log" 2>&1 &
  cl_pid[$n]=$!
}

# Stops corosync on node $1 and waits for it to exit.
cl_stop() {
  local n="$1" pid="${cl_pid[$1]:-}"
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  cl_pid[$n]=""
}

# Runs a command on node $1 inside its corosync's network and mount namespaces.
on_node() {
  local n="$1"
  shift
  local pid="${cl_pid[$n]:-}"
  if [ -z "$pid" ]; then
    ip netns exec "$cl_prefix-n$n" "$@"
  else
    nsenter -t "$pid" -n -m -- "$@"
  fi
}

# Waits until node $1 sees $2 members, quorate ($3 = Yes/No), and, with 4th
# argument `links`, every link to every member connected. Fails after 60 s.
cl_wait() {
  local n="$1" members="$2" quorate="$3" links="${4:-}" i out
  for i in $(seq 1 300); do
    out="$(on_node "$n" corosync-quorumtool -s 2>/dev/null || true)"
    if grep -Eq "^Nodes: +$members\$" <<<"$out" && grep -Eq "^Quorate: +$quorate\$" <<<"$out"; then
      if [ "$links" != links ] || ! on_node "$n" corosync-cfgtool -s 2>/dev/null | grep -q disconnected; then
        return 0
      fi
    fi
    sleep 0.2
  done
  echo "cluster: node $n did not reach $members members, quorate $quorate within 60 s" >&2
  on_node "$n" corosync-quorumtool -s >&2 || true
  on_node "$n" corosync-cfgtool -s >&2 || true
  return 1
}

# Stops every corosync and removes the namespaces and folders. Safe to call twice.
cl_teardown() {
  local n
  for n in "${cl_nodes[@]}"; do
    cl_stop "$n"
  done
  for n in "${cl_nodes[@]}"; do
    ip netns del "$cl_prefix-n$n" 2>/dev/null || true
  done
  ip netns del "$cl_prefix-br" 2>/dev/null || true
  if [ -n "$cl_work" ] && [ -d "$cl_work" ]; then
    if [ -n "${COROLINT_CLUSTER_KEEP_LOGS:-}" ]; then
      mkdir -p "$COROLINT_CLUSTER_KEEP_LOGS"
      for n in "${cl_nodes[@]}"; do cp "$cl_work/n$n/log" "$COROLINT_CLUSTER_KEEP_LOGS/node$n.log" 2>/dev/null || true; done
    fi
    rm -rf "$cl_work"
  fi
  cl_work=""
}
