//! `corolint quorum` and the quorum rules against corosync 3.1.7's recorded behaviour:
//! (b) the verdict of every live-daemon case (testdata/quorum/runtime-cases.json, a copy of
//! the shared corosync-runtime-cases.json), (c) the numbers votequorum reported, and (d)
//! snapshots of the report for worked examples.

use std::path::Path;

use corolint::diagnostic::Diagnostic;
use corolint::lint::{self, Analysis};
use corolint::quorum::QuorumModel;
use corolint::quorum_report as report;
use corolint::rules::{Category, Profile};
use corolint::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// corosync exits at start.
    Fatal,
    /// corosync starts and logs a warning or critical line about quorum.
    Warning,
    /// corosync starts without a word about quorum.
    Fine,
}

struct Case {
    name: String,
    observed: String,
    content: String,
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/quorum/runtime-cases.json");
    let text = std::fs::read_to_string(path).expect("runtime cases");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| Case {
            name: c["name"].as_str().expect("name").to_string(),
            observed: c["runtime_observed"].as_str().expect("observed").to_string(),
            content: c["content"].as_str().expect("content").to_string(),
        })
        .collect()
}

/// Cases whose outcome is not about quorum, with the reason.
const OUT_OF_SCOPE: &[(&str, &str)] = &[
    ("V21_priority_bad", "exit 8 from system.priority, checked by the system rules, not by votequorum"),
    ("V28_nozzle_partial", "the logged error is about the nozzle device, not quorum"),
    ("V29_watchdog_timeout_range", "the logged warning is about the watchdog, not quorum"),
    ("V30_compression_level_bad", "the logged error is about knet compression, not quorum"),
    ("V31_ping_timers_inconsistent", "about knet ping timers, not quorum"),
    ("L02_empty_node_first", "aborts in totemsrp because of an empty node, not quorum"),
];

/// What corosync did, read from the recorded text.
fn recorded(observed: &str) -> Verdict {
    if observed.starts_with("exit 20") {
        Verdict::Fatal
    } else if observed.starts_with("runs; crit") || observed.starts_with("runs; warning") {
        Verdict::Warning
    } else {
        assert!(observed.starts_with("runs"), "unclassified outcome: {observed}");
        Verdict::Fine
    }
}

fn quorum_diagnostics(content: &str) -> Vec<Diagnostic> {
    let analysis = Analysis::new(SourceFile::new("case.conf", content.as_bytes().to_vec()));
    assert!(analysis.is_valid(), "runtime cases are all valid for corosync -t");
    lint::lint(&analysis, Profile::Generic, |r| matches!(r.category, Category::Quorum | Category::Qdevice)).diagnostics
}

/// Our verdict from the rules that fired: help texts of conditions that stop corosync say
/// "corosync exits at start"; those it only logs say "corosync starts and logs".
fn ours(diags: &[Diagnostic]) -> Verdict {
    let help = |d: &Diagnostic| d.help.clone().unwrap_or_default();
    if diags.iter().any(|d| help(d).contains("corosync exits at start")) {
        Verdict::Fatal
    } else if diags.iter().any(|d| help(d).contains("corosync starts and logs")) {
        Verdict::Warning
    } else {
        Verdict::Fine
    }
}

#[test]
fn verdicts_match_the_recorded_daemon_outcomes() {
    let mut mismatches = Vec::new();
    let mut compared = 0;
    for case in cases() {
        if OUT_OF_SCOPE.iter().any(|(n, _)| *n == case.name) {
            continue;
        }
        let expected = recorded(&case.observed);
        let diags = quorum_diagnostics(&case.content);
        let got = ours(&diags);
        compared += 1;
        if got != expected {
            let fired: Vec<&str> = diags.iter().map(|d| d.rule).collect();
            mismatches.push(format!(
                "{}: corosync {expected:?}, we say {got:?} ({fired:?}); observed: {}",
                case.name, case.observed
            ));
        }
        // Every fatal case must also be an error-severity finding.
        if expected == Verdict::Fatal {
            assert!(
                diags.iter().any(|d| d.severity == corolint::diagnostic::Severity::Error),
                "{}: fatal at start but no error",
                case.name
            );
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert_eq!(compared + OUT_OF_SCOPE.len(), cases().len(), "every case is compared or skipped with a reason");
}

#[test]
fn the_fatal_message_is_the_one_corosync_printed() {
    for case in cases().iter().filter(|c| c.observed.starts_with("exit 20")) {
        let analysis = Analysis::new(SourceFile::new("case.conf", case.content.as_bytes().to_vec()));
        let model = QuorumModel::from_cmap(&analysis.cmap);
        let fatal = model.fatal.unwrap_or_else(|| panic!("{}: no fatal condition", case.name));
        let key = fatal.message().trim_start_matches("configuration error: ");
        assert!(
            case.observed.contains(key),
            "{}: we say `{}`, corosync said `{}`",
            case.name,
            fatal.message(),
            case.observed
        );
    }
}

/// (c) Numbers votequorum reported (ev_barrier = expected votes at start).
#[test]
fn numbers_match_votequorum() {
    struct Want {
        name: &'static str,
        expected_at_start: u64,
        expected: u64,
        quorum: u64,
        qdevice_votes: Option<u64>,
        two_node: bool,
        wait_for_all: bool,
    }
    let wants = [
        // runtime two_node=1, wait_for_all_status=1, ev_barrier=3
        Want {
            name: "V13_two_node_3nodes",
            expected_at_start: 3,
            expected: 3,
            quorum: 2,
            qdevice_votes: None,
            two_node: true,
            wait_for_all: true,
        },
        // 3 nodes, qdevice votes auto=2, expected (ev_barrier)=5
        Want {
            name: "V14_qdevice_ok_auto_votes",
            expected_at_start: 5,
            expected: 5,
            quorum: 3,
            qdevice_votes: Some(2),
            two_node: false,
            wait_for_all: false,
        },
        // expected_votes 1 with 3 nodes => ev_barrier 1
        Want {
            name: "V25_expected_votes_lower",
            expected_at_start: 1,
            expected: 3,
            quorum: 2,
            qdevice_votes: None,
            two_node: false,
            wait_for_all: false,
        },
        // node with quorum_votes 0, expected=1
        Want {
            name: "V26_quorum_votes_zero",
            expected_at_start: 1,
            expected: 1,
            quorum: 1,
            qdevice_votes: None,
            two_node: false,
            wait_for_all: false,
        },
        // expected votes 2 until the qdevice registers
        Want {
            name: "V40_qdev_explicit_votes_2n",
            expected_at_start: 2,
            expected: 3,
            quorum: 2,
            qdevice_votes: Some(1),
            two_node: false,
            wait_for_all: false,
        },
        // 2 nodes, auto qdevice votes 1 => expected 3
        Want {
            name: "V41_qdev_auto_votes_3n",
            expected_at_start: 3,
            expected: 3,
            quorum: 2,
            qdevice_votes: Some(1),
            two_node: false,
            wait_for_all: false,
        },
        // Quorum 1, flags 2Node WaitForAll
        Want {
            name: "V42_two_node_2n",
            expected_at_start: 2,
            expected: 2,
            quorum: 1,
            qdevice_votes: None,
            two_node: true,
            wait_for_all: true,
        },
        // runtime two_node=0 (disabled by ATB)
        Want {
            name: "V10_two_node_atb",
            expected_at_start: 2,
            expected: 2,
            quorum: 2,
            qdevice_votes: None,
            two_node: false,
            wait_for_all: true,
        },
        // empty model: qdevice not configured, two_node stays on
        Want {
            name: "V23_qdevice_model_empty",
            expected_at_start: 2,
            expected: 2,
            quorum: 1,
            qdevice_votes: None,
            two_node: true,
            wait_for_all: true,
        },
        Want {
            name: "V24_qdevice_votes_no_model",
            expected_at_start: 2,
            expected: 2,
            quorum: 1,
            qdevice_votes: None,
            two_node: true,
            wait_for_all: true,
        },
    ];
    let all = cases();
    for w in wants {
        let case = all.iter().find(|c| c.name == w.name).unwrap_or_else(|| panic!("{} missing", w.name));
        let analysis = Analysis::new(SourceFile::new(w.name, case.content.as_bytes().to_vec()));
        let r = report::build(&analysis, Profile::Generic, None).expect("report");
        assert_eq!(r.expected_votes.at_start, w.expected_at_start, "{}: ev_barrier", w.name);
        assert_eq!(r.expected_votes.effective, w.expected, "{}: expected votes", w.name);
        assert_eq!(r.quorum, w.quorum, "{}: quorum", w.name);
        assert_eq!(r.qdevice.as_ref().map(|q| q.votes), w.qdevice_votes, "{}: qdevice votes", w.name);
        assert_eq!(r.features.two_node, w.two_node, "{}: two_node", w.name);
        assert_eq!(r.features.wait_for_all, w.wait_for_all, "{}: wait_for_all", w.name);
    }
    // V03: ATB disabled (runtime.votequorum.atb_type=0).
    let v03 = all.iter().find(|c| c.name == "V03_atb_odd_no_wfa").expect("V03");
    let a = Analysis::new(SourceFile::new("V03", v03.content.as_bytes().to_vec()));
    assert_eq!(QuorumModel::from_cmap(&a.cmap).auto_tie_breaker, None);
    // V22: no provider, always quorate.
    let v22 = all.iter().find(|c| c.name == "V22_no_quorum_section").expect("V22");
    let a = Analysis::new(SourceFile::new("V22", v22.content.as_bytes().to_vec()));
    let r = report::build(&a, Profile::Generic, Some(&["n1".to_string()])).expect("report");
    assert!(r.what_if.expect("what-if").rest.quorate);
}

fn worked(name: &str) -> Analysis {
    let rel = format!("testdata/quorum/{name}.conf");
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(&rel)).expect("example");
    Analysis::new(SourceFile::new(rel, bytes))
}

/// (d) The report for each worked example.
#[test]
fn worked_example_reports() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/quorum");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_string))
        .filter(|n| !n.starts_with("runtime-cases"))
        .collect();
    names.sort();
    assert!(names.len() >= 7);
    for name in names {
        let r = report::build(&worked(&name), Profile::Generic, None).expect("report");
        insta::with_settings!({ snapshot_path => "snapshots/quorum", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name.clone(), report::render_text(&r));
        });
    }
}

#[test]
fn what_if_partitions() {
    let down = |file: &str, names: &[&str]| {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        report::build(&worked(file), Profile::Generic, Some(&names)).expect("report").what_if.expect("what-if").rest
    };
    assert!(down("3-nodes", &["pve1"]).quorate);
    assert!(!down("3-nodes", &["pve1", "pve2"]).quorate);
    assert!(down("3-nodes-qdevice", &["pve1", "2"]).quorate, "lms: a lone node with the qdevice");
    assert!(!down("3-nodes-qdevice", &["pve1", "qdevice"]).quorate);
    assert!(down("2-nodes-two-node", &["pve2"]).quorate);
    assert!(!down("2-nodes", &["pve2"]).quorate);
    assert!(down("4-nodes-qdevice", &["pve3", "pve4"]).quorate);
    assert!(!down("4-nodes", &["pve3", "pve4"]).quorate);
    assert!(down("4-nodes-atb", &["pve3", "pve4"]).quorate, "ATB: the half with nodeid 1");
    assert!(!down("4-nodes-atb", &["pve1", "pve2"]).quorate);
    assert!(report::build(&worked("3-nodes"), Profile::Generic, Some(&["nosuch".to_string()])).is_err());
}

#[test]
fn json_report_has_the_numbers() {
    let r = report::build(&worked("4-nodes-qdevice"), Profile::Generic, None).expect("report");
    let v = serde_json::to_value(&r).expect("json");
    assert_eq!(v["quorum"], 3);
    assert_eq!(v["expected_votes"]["effective"], 5);
    assert_eq!(v["qdevice"]["algorithm"], "ffsplit");
    assert_eq!(v["survives"]["qdevice_up"], 2);
    assert_eq!(v["survives"]["qdevice_down"], 1);
}

#[test]
fn cli_exit_codes() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_corolint"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .output()
            .expect("run corolint")
    };
    let ok = run(&["quorum", "testdata/quorum/3-nodes.conf", "--down", "pve1"]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stdout).contains(": QUORATE"));
    let lost = run(&["quorum", "testdata/quorum/3-nodes.conf", "--down", "pve1,3"]);
    assert_eq!(lost.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&lost.stdout).contains("NOT QUORATE"));
    let unknown = run(&["quorum", "testdata/quorum/3-nodes.conf", "--down", "pve9"]);
    assert_eq!(unknown.status.code(), Some(2));
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.conf");
    std::fs::write(&bad, "totem {\n version: 2\n").expect("write");
    let bad = run(&["quorum", bad.to_str().expect("utf-8")]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("missing-close-brace"));
    let json = run(&["quorum", "--output-format", "json", "testdata/quorum/5-nodes.conf"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["reports"][0]["quorum"], 3);
    assert_eq!(v["reports"][0]["survives"]["qdevice_down"], 2);
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    const KEYS: &[&str] = &[
        "two_node",
        "wait_for_all",
        "last_man_standing",
        "auto_tie_breaker",
        "allow_downscale",
        "expected_votes",
        "auto_tie_breaker_node",
    ];

    fn config(keys: &[(usize, u8)], atb: &str, nodes: &[u8], device: Option<(Option<u8>, u8)>) -> String {
        let mut s =
            String::from("totem {\n version: 2\n cluster_name: p\n}\nquorum {\n provider: corosync_votequorum\n");
        for &(k, v) in keys {
            let key = KEYS[k % KEYS.len()];
            if key == "auto_tie_breaker_node" {
                s.push_str(&format!(" {key}: {atb}\n"));
            } else {
                s.push_str(&format!(" {key}: {}\n", v % 6));
            }
        }
        if let Some((votes, alg)) = device {
            s.push_str(" device {\n  model: net\n");
            if let Some(v) = votes {
                s.push_str(&format!("  votes: {}\n", v % 5));
            }
            let alg = ["ffsplit", "lms", "2nodelms", "Bogus"][usize::from(alg % 4)];
            s.push_str(&format!("  net {{\n   host: q\n   algorithm: {alg}\n  }}\n }}\n"));
        }
        s.push_str("}\nnodelist {\n");
        for (i, v) in nodes.iter().enumerate() {
            s.push_str(&format!(" node {{\n  nodeid: {}\n  name: n{i}\n  quorum_votes: {}\n }}\n", i + 1, v % 4));
        }
        s.push_str("}\n");
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn model_rules_and_report_never_panic_and_stay_consistent(
            keys in proptest::collection::vec((0usize..7, 0u8..255), 0..6),
            atb in "[0-9 ,a-z]{0,8}",
            nodes in proptest::collection::vec(0u8..4, 0..9),
            device in proptest::option::of((proptest::option::of(0u8..5), 0u8..4)),
        ) {
            let text = config(&keys, &atb, &nodes, device);
            let analysis = Analysis::new(SourceFile::new("p.conf", text.into_bytes()));
            let _ = quorum_diagnostics_any(&analysis);
            let r = report::build(&analysis, Profile::Generic, None).expect("report");
            let m = QuorumModel::from_cmap(&analysis.cmap);
            prop_assert!(m.expected_votes >= m.total_votes);
            prop_assert!(m.quorum >= 1);
            if let Some(s) = r.survives.qdevice_down {
                prop_assert!(s <= m.nodes.len());
            }
            let _ = report::render_text(&r);
        }

        #[test]
        fn arbitrary_bytes_in_the_quorum_section_never_panic(body in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut text = b"quorum {\n".to_vec();
            text.extend_from_slice(&body);
            text.extend_from_slice(b"\n}\nnodelist {\n node {\n  nodeid: 1\n }\n}\n");
            let analysis = Analysis::new(SourceFile::new("p.conf", text));
            let _ = quorum_diagnostics_any(&analysis);
            let _ = report::build(&analysis, Profile::Generic, Some(&["1".to_string()]));
        }
    }

    fn quorum_diagnostics_any(analysis: &Analysis) -> Vec<Diagnostic> {
        lint::lint(analysis, Profile::Generic, |r| matches!(r.category, Category::Quorum | Category::Qdevice))
            .diagnostics
    }
}
