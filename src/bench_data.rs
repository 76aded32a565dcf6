//! Generated inputs for benchmarks and scripts.

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
