#!/bin/sh
# Generates DIR/cNNNNN/corosync.conf: COUNT small valid 3-node clusters, for
# timing `corolint check DIR` (e.g. `hyperfine 'corolint check DIR'`).
# Usage: scripts/bench-tree.sh DIR [COUNT]   (COUNT defaults to 10000)
set -eu
dir=$1
count=${2:-10000}
i=0
while [ "$i" -lt "$count" ]; do
    d=$(printf '%s/c%05d' "$dir" "$i")
    mkdir -p "$d"
    a=$((i / 250 % 250))
    b=$((i % 250))
    cat >"$d/corosync.conf" <<CONF
logging {
  debug: off
  to_syslog: yes
}

nodelist {
  node {
    name: node1
    nodeid: 1
    quorum_votes: 1
    ring0_addr: 10.$a.$b.1
  }
  node {
    name: node2
    nodeid: 2
    quorum_votes: 1
    ring0_addr: 10.$a.$b.2
  }
  node {
    name: node3
    nodeid: 3
    quorum_votes: 1
    ring0_addr: 10.$a.$b.3
  }
}

quorum {
  provider: corosync_votequorum
}

totem {
  cluster_name: cluster$i
  config_version: 3
  ip_version: ipv4-6
  link_mode: passive
  secauth: on
  version: 2
}

CONF
    i=$((i + 1))
done
