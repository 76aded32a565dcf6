//! `--target-version`, `target-version` in corolint.toml and the upgrade
//! check, through the real binary over `testdata/versions/`.

use std::process::{Command, Output, Stdio};

fn corolint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corolint"))
        .env("COROLINT_NO_DETECT", "1")
        .env_remove("COROLINT_TARGET_VERSION")
        .env_remove("COROLINT_OUTPUT_FORMAT")
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .args(args)
        .output()
        .expect("run corolint")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

const UPGRADE: &str = "testdata/versions/upgrade.conf";
const ABC: &str = "testdata/versions/config-version-abc.conf";

#[test]
fn an_unknown_version_is_exit_2_listing_the_known_ones() {
    for sub in [&["check"][..], &["parse"], &["fmt", "--check"], &["quorum"]] {
        let o = corolint(&[sub, &["--target-version", "3.1.5", UPGRADE]].concat());
        assert_eq!(o.status.code(), Some(2), "{sub:?}: {}", text(&o));
        assert!(text(&o).contains("known versions are 3.1.7, 3.1.8, 3.1.9, 3.1.10"), "{}", text(&o));
    }
    let o = corolint(&["diff", "--target-version", "4", UPGRADE, UPGRADE]);
    assert_eq!(o.status.code(), Some(2));
    let o = corolint(&["check", "--config", "testdata/versions/target-unknown.toml", UPGRADE]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("unknown corosync version `3.1.5`: known versions are"), "{}", text(&o));
}

#[test]
fn a_crash_of_the_target_is_an_error_naming_the_fixing_release() {
    let o = corolint(&["check", "--isolated", "--output-format", "concise", "--target-version", "3.1.7", ABC]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o);
    assert!(
        out.contains("error[invalid-unsigned-integer] corosync 3.1.7 aborts on this value (assertion failure, SIGABRT); 3.1.10 reports `Value of key \"totem.config_version\" is expected to be unsigned integer, but \"abc\" was given`"),
        "{out}"
    );
    let o = corolint(&["check", "--isolated", "--output-format", "concise", "--target-version", "3.1.10", ABC]);
    assert!(
        text(&o).contains(
            "error[invalid-unsigned-integer] Value of key \"totem.config_version\" is expected to be unsigned integer"
        ),
        "{}",
        text(&o)
    );
}

#[test]
fn the_target_comes_from_the_flag_then_the_configuration_then_the_default() {
    // ip_dscp: EF is refused by 3.1.10 only.
    let refused = |o: &Output| text(o).contains("invalid-ip-dscp");
    assert!(refused(&corolint(&["check", "--isolated", "--target-version", "3.1.10", UPGRADE])));
    assert!(!refused(&corolint(&["check", "--isolated", UPGRADE])), "default is 3.1.9");
    let config = ["check", "--config", "testdata/versions/target-3.1.10.toml"];
    assert!(refused(&corolint(&[&config[..], &[UPGRADE]].concat())));
    assert!(!refused(&corolint(&[&config[..], &["--target-version", "3.1.9", UPGRADE]].concat())), "the flag wins");
    let env = Command::new(env!("CARGO_BIN_EXE_corolint"))
        .env("COROLINT_NO_DETECT", "1")
        .env("COROLINT_TARGET_VERSION", "3.1.10")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--isolated", UPGRADE])
        .output()
        .expect("run");
    assert!(refused(&env));
}

#[test]
fn the_parser_and_the_view_follow_the_target() {
    // 0xA0 after `3000`: part of the value in 3.1.7 (an integer error), whitespace from 3.1.8.
    let o = corolint(&["parse", "--cmap", "--target-version", "3.1.7", UPGRADE]);
    assert!(text(&o).contains("totem.token"), "{}", text(&o));
    assert!(text(&o).contains("invalid-integer"), "{}", text(&o));
    let o = corolint(&["parse", "--cmap", "--target-version", "3.1.9", UPGRADE]);
    assert!(!text(&o).contains("invalid-integer"), "{}", text(&o));
    // The node subsection: flattened (nodeid 3) through 3.1.9, kept apart in 3.1.10.
    let o = corolint(&["parse", "--cmap", "--target-version", "3.1.10", UPGRADE]);
    assert!(text(&o).contains("nodelist.node.0.sub.nodeid"), "{}", text(&o));
}

#[test]
fn the_upgrade_check_lists_what_changes() {
    let o = corolint(&[
        "check",
        "--isolated",
        "--output-format",
        "concise",
        "--target-version",
        "3.1.9",
        "--upgrade-to",
        "3.1.10",
        UPGRADE,
    ]);
    let out = text(&o);
    let upgrade: Vec<&str> = out.lines().filter(|l| l.contains("upgrade-changes-meaning")).collect();
    assert!(upgrade.iter().any(|l| l.contains(":4:") && l.contains("error[") && l.contains("ip_dscp")), "{out}");
    assert!(upgrade.iter().any(|l| l.contains("uidgid")), "{out}");
    assert!(upgrade.iter().any(|l| l.contains("nodelist.node.0.nodeid")), "{out}");
    assert_eq!(o.status.code(), Some(1));
    // The same release on both sides changes nothing.
    let o = corolint(&["check", "--isolated", "--target-version", "3.1.9", "--upgrade-to", "3.1.9", UPGRADE]);
    assert!(!text(&o).contains("upgrade-changes-meaning"), "{}", text(&o));
}
