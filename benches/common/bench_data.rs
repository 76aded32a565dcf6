//! Generated inputs for the benchmarks and for tests of the library (not part of its API).

/// The largest configuration corosync supports: `nodes` nodes, each with an
/// address on each of `links` links (corosync's limits are 384 and 8), in the
/// Proxmox layout.
pub fn large_config(nodes: usize, links: usize) -> Vec<u8> {
    let mut s = String::with_capacity(nodes * links * 40 + 1024);
    s.push_str("logging {\n  debug: off\n  to_syslog: yes\n}\n\nnodelist {\n");
    for n in 1..=nodes {
        s.push_str(&format!("  node {{\n    name: node{n:03}\n    nodeid: {n}\n    quorum_votes: 1\n"));
        for l in 0..links {
            s.push_str(&format!("    ring{l}_addr: 10.{}.{}.{}\n", l, n / 250, n % 250 + 1));
        }
        s.push_str("  }\n");
    }
    s.push_str(
        "}\n\nquorum {\n  provider: corosync_votequorum\n}\n\ntotem {\n  cluster_name: big\n  config_version: 1\n",
    );
    for l in 0..links {
        s.push_str(&format!("  interface {{\n    knet_link_priority: {}\n    linknumber: {l}\n  }}\n", l + 1));
    }
    s.push_str("  ip_version: ipv4-6\n  link_mode: passive\n  secauth: on\n  version: 2\n}\n\n");
    s.into_bytes()
}

/// A small valid Proxmox-style cluster of `nodes` nodes with two links:
/// cluster `cluster` (its name and addresses derive from the number),
/// `config_version` `version`, and `token` as the totem token timeout.
pub fn small_cluster(cluster: usize, nodes: usize, version: u32, token: u32) -> Vec<u8> {
    let mut s = String::with_capacity(512 + nodes * 128);
    s.push_str("logging {\n  debug: off\n  to_syslog: yes\n}\n\nnodelist {\n");
    for n in 1..=nodes {
        s.push_str(&format!(
            "  node {{\n    name: c{cluster}n{n}\n    nodeid: {n}\n    quorum_votes: 1\n    ring0_addr: 10.{}.{}.{n}\n    ring1_addr: 10.{}.{}.{n}\n  }}\n",
            cluster / 250 * 2,
            cluster % 250,
            cluster / 250 * 2 + 1,
            cluster % 250,
        ));
    }
    s.push_str(&format!(
        "}}\n\nquorum {{\n  provider: corosync_votequorum\n}}\n\ntotem {{\n  cluster_name: cluster{cluster}\n  config_version: {version}\n  interface {{\n    linknumber: 0\n  }}\n  interface {{\n    linknumber: 1\n  }}\n  ip_version: ipv4-6\n  link_mode: passive\n  secauth: on\n  token: {token}\n  version: 2\n}}\n"
    ));
    s.into_bytes()
}

/// The copies collected from every node of `clusters` clusters of
/// `nodes_per_cluster` nodes, as `(name, bytes)`: `c<cluster>/node<n>.conf`.
/// A few copies have drifted: every 25th cluster has a node with a stale
/// `config_version`, and every 40th a node with a different token timeout.
pub fn drift_copies(clusters: usize, nodes_per_cluster: usize) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::with_capacity(clusters * nodes_per_cluster);
    for c in 0..clusters {
        for n in 1..=nodes_per_cluster {
            let last = n == nodes_per_cluster;
            let version = if last && c % 25 == 3 { 4 } else { 5 };
            let token = if last && c % 40 == 7 { 5000 } else { 3000 };
            out.push((format!("c{c}/node{n}.conf"), small_cluster(c, nodes_per_cluster, version, token)));
        }
    }
    out
}
