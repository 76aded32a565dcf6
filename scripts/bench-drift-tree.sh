#!/bin/sh
# Generates DIR/cNNN/nodeN.conf: the copies of CLUSTERS 4-node clusters, for
# timing `corolint drift DIR` (e.g. `hyperfine 'corolint drift DIR'`). Like
# `drift_copies` in benches/common/bench_data.rs: every 25th cluster has a node with a
# stale config_version, every 40th a node with a different token.
# Usage: scripts/bench-drift-tree.sh DIR [CLUSTERS]   (CLUSTERS defaults to 250)
set -eu
dir=$1
clusters=${2:-250}
c=0
while [ "$c" -lt "$clusters" ]; do
    mkdir -p "$dir/c$c"
    n=1
    while [ "$n" -le 4 ]; do
        version=5
        token=3000
        if [ "$n" -eq 4 ] && [ $((c % 25)) -eq 3 ]; then version=4; fi
        if [ "$n" -eq 4 ] && [ $((c % 40)) -eq 7 ]; then token=5000; fi
        {
            printf 'logging {\n  debug: off\n  to_syslog: yes\n}\n\nnodelist {\n'
            m=1
            while [ "$m" -le 4 ]; do
                printf '  node {\n    name: c%sn%s\n    nodeid: %s\n    quorum_votes: 1\n    ring0_addr: 10.0.%s.%s\n    ring1_addr: 10.1.%s.%s\n  }\n' \
                    "$c" "$m" "$m" "$c" "$m" "$c" "$m"
                m=$((m + 1))
            done
            printf '}\n\nquorum {\n  provider: corosync_votequorum\n}\n\ntotem {\n  cluster_name: cluster%s\n  config_version: %s\n' "$c" "$version"
            printf '  interface {\n    linknumber: 0\n  }\n  interface {\n    linknumber: 1\n  }\n'
            printf '  ip_version: ipv4-6\n  link_mode: passive\n  secauth: on\n  token: %s\n  version: 2\n}\n' "$token"
        } >"$dir/c$c/node$n.conf"
        n=$((n + 1))
    done
    c=$((c + 1))
done
