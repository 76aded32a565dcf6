//! `corolint status` and `check --live` from the command line, on states
//! recorded from the real test cluster (`testdata/live/`).

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corolint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run corolint")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const CLEAN: [&str; 3] = ["--state", "testdata/live/clean/in-sync.json", "testdata/live/clean/in-sync.conf"];

#[test]
fn consistent_and_quorate_is_exit_0_with_a_summary() {
    let out = run(&["status", CLEAN[0], CLEAN[1], CLEAN[2]]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Quorate:          Yes"), "{stdout}");
    assert!(stdout.contains("node1 (local)"), "{stdout}");
}

#[test]
fn findings_are_exit_1() {
    let out = run(&[
        "status",
        "--state",
        "testdata/live/live-reload-pending/edited-not-reloaded.json",
        "testdata/live/live-reload-pending/edited-not-reloaded.conf",
        "--output-format",
        "concise",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("warning[live-reload-pending]"));
}

#[test]
fn json_is_checks_contract_plus_cluster() {
    let out = run(&["status", CLEAN[0], CLEAN[1], CLEAN[2], "--output-format", "json", "--down", "node3"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["version"], 1);
    assert!(v["diagnostics"].as_array().is_some_and(|d| d.is_empty()));
    let c = &v["cluster"];
    assert_eq!(c["quorate"], true);
    assert_eq!(c["expected_votes"], 3);
    assert_eq!(c["total_votes"], 3);
    assert_eq!(c["quorum"], 2);
    assert_eq!(c["members"][0], serde_json::json!({"nodeid": 1, "name": "node1", "votes": 1}));
    assert_eq!(c["config_version"], serde_json::json!({"file": 1, "running": 1}));
    assert_eq!(c["what_if"]["quorate"], true);
}

#[test]
fn unknown_down_node_is_exit_2_with_did_you_mean() {
    let out = run(&["status", CLEAN[0], CLEAN[1], CLEAN[2], "--down", "nod3"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("did you mean `node3`?"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn unreadable_file_is_exit_2() {
    let out = run(&["status", CLEAN[0], CLEAN[1], "testdata/live/does-not-exist.conf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("corolint: error: "));
}

/// Without a corosync on this machine (the test host has none running), or
/// without the `live` feature, `status` is exit 2 and one line.
#[test]
fn no_corosync_is_exit_2_and_one_line() {
    let out = run(&["status", "testdata/live/clean/in-sync.conf"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    if cfg!(feature = "live") {
        assert!(err.contains("corosync is not running or not reachable"), "{err}");
    } else {
        assert!(err.contains("built without live support"), "{err}");
        assert!(err.contains("--features live"), "{err}");
    }
}

#[test]
fn check_live_adds_live_findings_to_the_lint() {
    let out = run(&[
        "check",
        "--live",
        "--live-state",
        "testdata/live/live-restart-required/cluster-name-reloaded.json",
        "--output-format",
        "concise",
        "testdata/live/live-restart-required/cluster-name-reloaded.conf",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("warning[live-restart-required]"), "{}", text(&out.stdout));
    let plain =
        run(&["check", "--output-format", "concise", "testdata/live/live-restart-required/cluster-name-reloaded.conf"]);
    assert!(!text(&plain.stdout).contains("[live-"), "{}", text(&plain.stdout));
}

#[test]
fn broken_file_is_an_error_shown_with_what_runs() {
    let out = run(&[
        "status",
        "--state",
        "testdata/live/live-reload-failed/parse-error-reload.json",
        "testdata/live/live-reload-failed/parse-error-reload.conf",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Config version:   8 running, unreadable"), "{stdout}");
    assert!(stdout.contains("live-reload-failed"), "{stdout}");
    assert!(stdout.contains("extra-around-close-brace"), "{stdout}");
}
