//! Every row of ground truth §D ("accepted by corosync but wrong") that is not
//! about quorum/qdevice (D31–D41, see tests/quorum.rs) or about several files
//! (D49, see tests/changes.rs) is caught by a rule. Each row has a minimal
//! config that corosync 3.1.7 accepts (or, for D50/D52, where 3.1.7 crashes or
//! refuses) and the rule that must report it.

use corolint::lint::{self, Analysis};
use corolint::rules::Profile;
use corolint::source::SourceFile;

const TOTEM: &str =
    "totem {\n version: 2\n cluster_name: lab\n config_version: 1\n crypto_cipher: aes256\n crypto_hash: sha256\n}\n";
const NODES: &str = "nodelist {\n node {\n  name: a\n  nodeid: 1\n  ring0_addr: 10.0.0.1\n }\n node {\n  name: b\n  nodeid: 2\n  ring0_addr: 10.0.0.2\n }\n}\n";
const QUORUM: &str = "quorum {\n provider: corosync_votequorum\n two_node: 1\n}\n";

fn base() -> String {
    format!("{TOTEM}{NODES}{QUORUM}")
}

/// (row, rule that must fire, config).
fn rows() -> Vec<(&'static str, &'static str, String)> {
    let b = base();
    vec![
        ("D1", "trailing-comment", b.replace("cluster_name: lab", "cluster_name: lab # production")),
        ("D2", "quoted-value", b.replace("cluster_name: lab", "cluster_name: \"lab\"")),
        ("D3", "duplicate-key", b.replace("cluster_name: lab", "cluster_name: lab\n cluster_name: lab2")),
        ("D4", "duplicate-section", format!("{b}totem {{\n token: 3000\n}}\n")),
        ("D5", "multiple-nodelists", format!("{b}nodelist {{\n node {{\n  name: c\n  nodeid: 3\n  ring0_addr: 10.0.0.3\n }}\n}}\n")),
        ("D6", "node-without-address", b.replace("nodelist {\n", "nodelist {\n node {\n }\n")),
        ("D7", "node-without-address", b.replace("  ring0_addr: 10.0.0.2\n", "")),
        ("D8", "duplicate-node-name", b.replace("name: b", "name: a")),
        ("D9", "duplicate-address", b.replace("10.0.0.2", "10.0.0.1")),
        ("D10", "interface-without-link", b.replace(" version: 2\n", " version: 2\n interface {\n  linknumber: 3\n }\n")),
        ("D11", "interface-without-link", b.replace(" version: 2\n", " version: 2\n interface {\n  knet_link_priority: 5\n }\n")),
        ("D12", "interface-ringnumber", b.replace(" version: 2\n", " version: 2\n interface {\n  ringnumber: 1\n  knet_link_priority: 5\n }\n")),
        ("D13", "numbered-ring-key", b.replace("ring0_addr: 10.0.0.1", "ring00_addr: 10.0.0.1")),
        ("D14", "transport-option-mismatch", b.replace(" version: 2\n", " version: 2\n interface {\n  linknumber: 0\n  mcastaddr: 239.1.1.1\n }\n")),
        (
            "D15",
            "transport-option-mismatch",
            b.replace(" crypto_cipher: aes256\n crypto_hash: sha256\n", " transport: udpu\n interface {\n  linknumber: 0\n  knet_ping_interval: 200\n }\n"),
        ),
        ("D16", "misplaced-key", b.replace(" version: 2\n", " version: 2\n two_node: 1\n")),
        ("D17", "unknown-key", b.replace("cluster_name: lab", "cluster_name: lab\n tokn: 3000")),
        ("D17", "unknown-section", format!("{b}mystery {{\n foo: bar\n}}\n")),
        ("D18", "invalid-value", b.replace(" crypto_cipher: aes256\n crypto_hash: sha256\n", " secauth: yes\n")),
        ("D19", "invalid-value", b.replace(" version: 2\n", " version: 2\n block_unlisted_ips: maybe\n")),
        ("D20", "invalid-value", b.replace(" version: 2\n", " version: 2\n clear_node_high_bit: on\n")),
        ("D21", "invalid-config-version", b.replace("config_version: 1", "config_version: -1")),
        ("D22", "no-encryption", b.replace(" crypto_cipher: aes256\n crypto_hash: sha256\n", "")),
        ("D23", "no-encryption", b.replace(" crypto_cipher: aes256\n", "")),
        ("D24", "consensus-too-small", b.replace(" version: 2\n", " version: 2\n token: 10000\n consensus: 5000\n")),
        ("D25", "knet-ping-timers", b.replace(" version: 2\n", " version: 2\n interface {\n  linknumber: 0\n  knet_ping_interval: 1000\n  knet_ping_timeout: 500\n }\n")),
        ("D26", "packet-limits", b.replace(" version: 2\n", " version: 2\n window_size: 10\n max_messages: 20\n")),
        ("D27", "token-warning-disabled", b.replace(" version: 2\n", " version: 2\n token_warning: 0\n")),
        ("D28", "suspicious-value", b.replace(" version: 2\n", " version: 2\n interface {\n  linknumber: 0\n  mcastport: 0\n }\n")),
        // D29 (the name matches this host's name but ring0_addr is not local) needs the host: not checkable offline.
        ("D30", "hostname-address", b.replace("ring0_addr: 10.0.0.2", "ring0_addr: node-b.example.com")),
        ("D42", "logging-inconsistent", format!("{b}logging {{\n to_logfile: no\n logfile: /var/log/corosync.log\n}}\n")),
        ("D43", "logging-inconsistent", format!("{b}logging {{\n to_logfile: yes\n}}\n")),
        ("D44", "logging-inconsistent", format!("{b}logging {{\n logger_subsys {{\n  subsys: QUORUM\n  timestamp: on\n }}\n}}\n")),
        ("D44", "unknown-logger-subsys", format!("{b}logging {{\n logger_subsys {{\n  subsys: QUORUMM\n  debug: on\n }}\n}}\n")),
        ("D45", "suspicious-value", b.replace(" version: 2\n", " version: 2\n knet_compression_model: zlib\n knet_compression_level: 42\n")),
        ("D46", "invalid-value", format!("{b}resources {{\n watchdog_timeout: 500\n}}\n")),
        ("D46", "nozzle-incomplete", format!("{b}nozzle {{\n name: noz0\n}}\n")),
        ("D47", "brace-in-value", b.replace("cluster_name: lab", "cluster_name: lab {\n }")),
        ("D48", "section-colon", b.replace("totem {", "totem: {")),
        ("D50", "invalid-unsigned-integer", b.replace(" version: 2\n", " version: 2\n config_version: abc\n")),
        ("D50", "logger-subsys-subsection", format!("{b}logging {{\n logger_subsys {{\n  subsys: QUORUM\n  x {{\n   subsys: KNET\n  }}\n }}\n}}\n")),
        ("D50", "empty-key", b.replace(" version: 2\n", " version: 2\n : junk\n")),
        ("D51", "ignored-key", format!("{b}pload {{\n count: x\n}}\n")),
        ("D52", "invalid-enum-value", b.replace(" version: 2\n", " version: 2\n knet_compression_model: none\n")),
    ]
}

#[test]
fn every_single_file_row_of_section_d_is_caught() {
    let mut missing = Vec::new();
    for (row, rule, config) in rows() {
        assert!(corolint::rules::find(rule).is_some(), "{row}: no rule named {rule}");
        let analysis = Analysis::new(SourceFile::new(format!("{row}.conf"), config.into_bytes()));
        let report = lint::lint(&analysis, Profile::Generic, |_| true);
        if !report.diagnostics.iter().any(|d| d.rule == rule) {
            let fired: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
            missing.push(format!("{row}: `{rule}` did not fire (fired: {fired:?})"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn the_base_config_is_clean() {
    let analysis = Analysis::new(SourceFile::new("base.conf", base().into_bytes()));
    let report = lint::lint(&analysis, Profile::Generic, |r| r.name != "not-formatted");
    let fired: Vec<(&str, &str)> = report.diagnostics.iter().map(|d| (d.rule, d.message.as_str())).collect();
    assert!(fired.is_empty(), "{fired:?}");
}
