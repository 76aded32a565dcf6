//! The README stays true: it lists every rule, and the output it shows for the
//! shipped example is what corolint prints today.

use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

#[test]
fn readme_lists_every_rule() {
    let readme = readme();
    let missing: Vec<&str> = corolint::rules::all()
        .iter()
        .map(|e| e.rule.name)
        .filter(|name| !readme.contains(&format!("| `{name}` |")))
        .collect();
    assert!(missing.is_empty(), "README.md's rule table lacks: {missing:?}");
}

#[test]
fn readme_shows_the_real_output_for_the_example() {
    let out = Command::new(env!("CARGO_BIN_EXE_corolint"))
        .args(["check", "--output-format", "concise", "testdata/examples/corosync.conf"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run corolint");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(readme().contains(text.trim_end()), "README.md does not show this output:\n{text}");
}

/// The `corolint status` examples are what corolint prints for the recorded states (run from
/// `testdata/live/`).
#[test]
fn readme_shows_the_real_status_output() {
    let readme = readme();
    let examples: &[&[&str]] = &[
        &["status", "--state", "live-link-down/link1-down.json", "live-link-down/link1-down.conf"],
        &[
            "status",
            "--state",
            "live-restart-required/wait-for-all-reloaded.json",
            "live-restart-required/wait-for-all-reloaded.conf",
            "--output-format",
            "concise",
        ],
        &[
            "status",
            "--state",
            "live-quorum-loss/down-node2-while-node3-cut-off.json",
            "live-quorum-loss/down-node2-while-node3-cut-off.conf",
            "--down",
            "node2",
            "--output-format",
            "concise",
        ],
    ];
    for args in examples {
        let out = Command::new(env!("CARGO_BIN_EXE_corolint"))
            .args(*args)
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/live"))
            .env("NO_COLOR", "1")
            .output()
            .expect("run corolint");
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8_lossy(&out.stdout);
        let shown = format!("$ corolint {}\n{}", args.join(" "), text.trim_end());
        assert!(readme.contains(&shown), "README.md does not show this output:\n{shown}");
    }
}
