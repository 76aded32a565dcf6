//! The command-line overrides of `corolint check` (`--select`, `--ignore`,
//! `--extend-select`, `--exit-zero`, `--statistics`, `--show-settings`) through
//! the real binary, alone and combined with a configuration file. Each run is
//! an insta snapshot of its exit code, stdout and stderr.
//!
//! Fixtures: `testdata/examples/corosync.conf` (three findings: `two-node-misuse`,
//! `interface-without-link`, the syntax error `invalid-integer`) and
//! `testdata/cli/selection/`, the same file under a `corolint.toml` that
//! disables the quorum category and sets `fail-on = "error"`.

use std::process::{Command, Stdio};

const EXAMPLE: &str = "testdata/examples/corosync.conf";
const CONFIGURED: &str = "testdata/cli/selection/corosync.conf";
const ENGINE_ONLY: &str = "testdata/cli/engine-only.toml";

/// Runs the binary from the crate root without inherited colour or format
/// variables, and returns `exit N`, stdout and stderr as one text.
fn run(args: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_corolint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(args).stdin(Stdio::null());
    for var in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COROLINT_OUTPUT_FORMAT", "TERM"] {
        cmd.env_remove(var);
    }
    let o = cmd.output().expect("run corolint");
    format!(
        "$ corolint {}\nexit {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        o.status.code().map_or("signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_path => "snapshots/cli_overrides", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name, text);
    });
}

fn concise(extra: &[&str], file: &str) -> String {
    let mut args = vec!["check", "--output-format", "concise"];
    args.extend_from_slice(extra);
    args.push(file);
    run(&args)
}

#[test]
fn select_by_name_keeps_only_that_rule_and_syntax_errors() {
    snapshot("select_name", &concise(&["--select", "two-node-misuse"], EXAMPLE));
}

#[test]
fn select_takes_codes_prefixes_and_categories_comma_separated_and_repeated() {
    let text = concise(&["--select", "Q6,n31", "--select", "totem"], EXAMPLE);
    snapshot("select_prefixes", &text);
    let without_command = |t: &str| t.split_once('\n').map(|(_, rest)| rest.to_string());
    let same = concise(&["--select", "quorum,N315", "--select", "T2"], EXAMPLE);
    assert_eq!(without_command(&text), without_command(&same));
}

#[test]
fn ignore_removes_rules() {
    snapshot("ignore", &concise(&["--ignore", "two-node-misuse,nodelist"], EXAMPLE));
}

#[test]
fn extend_select_adds_to_the_configured_set() {
    snapshot("extend_select", &concise(&["--config", ENGINE_ONLY, "--extend-select", "Q604"], EXAMPLE));
}

#[test]
fn command_line_selection_wins_over_the_configuration() {
    // The configuration disables the quorum category: two-node-misuse is gone ...
    let configured = concise(&[], CONFIGURED);
    assert!(!configured.contains("two-node-misuse"), "{configured}");
    // ... --extend-select brings it back, --select replaces the configured set.
    snapshot("config_extend_select", &concise(&["--extend-select", "two-node-misuse"], CONFIGURED));
    snapshot("config_select", &concise(&["--select", "quorum"], CONFIGURED));
}

#[test]
fn the_more_specific_selector_wins() {
    // A rule beats its category, either way round; on a tie, ignore wins.
    // (The generic profile: under pve, detected from the example's content,
    // interface-without-link is quiet.)
    let text = concise(&["--profile", "generic", "--select", "quorum,nodelist", "--ignore", "Q604"], EXAMPLE);
    assert!(!text.contains("two-node-misuse") && text.contains("interface-without-link"), "{text}");
    let text = concise(&["--select", "Q604", "--ignore", "quorum"], EXAMPLE);
    assert!(text.contains("two-node-misuse"), "{text}");
    let text = concise(&["--select", "quorum", "--ignore", "quorum"], EXAMPLE);
    assert!(!text.contains("two-node-misuse"), "{text}");
}

#[test]
fn exit_zero_keeps_the_output_but_exits_0() {
    snapshot("exit_zero", &concise(&["--exit-zero"], EXAMPLE));
    let missing = concise(&["--exit-zero"], "testdata/cli/missing.conf");
    assert!(missing.contains("\nexit 2\n"), "{missing}");
}

#[test]
fn statistics_count_findings_per_rule() {
    snapshot(
        "statistics",
        &run(&["check", "--statistics", EXAMPLE, "testdata/cli/selection/corosync.conf", "--isolated"]),
    );
    snapshot("statistics_json", &run(&["check", "--statistics", "--output-format", "json", EXAMPLE]));
    // No findings: no lines (as ruff), exit 0.
    snapshot(
        "statistics_clean",
        &run(&["check", "--statistics", "--select", "E0", "testdata/cli/clean/corosync.conf"]),
    );
}

#[test]
fn statistics_refuse_formats_without_a_layout_for_them() {
    snapshot("statistics_sarif", &run(&["check", "--statistics", "--output-format", "sarif", EXAMPLE]));
}

#[test]
fn show_settings_prints_the_resolved_settings_without_linting() {
    snapshot("show_settings_defaults", &run(&["check", "--show-settings", "--isolated", "--select", "E0", EXAMPLE]));
    snapshot(
        "show_settings_config",
        &run(&["check", "--show-settings", "--select", "Q604,E001", "--extend-select", "N315", CONFIGURED]),
    );
    snapshot(
        "show_settings_overrides",
        &run(&[
            "check",
            "--show-settings",
            "--config",
            ENGINE_ONLY,
            "--profile",
            "pve",
            "--fail-on",
            "info",
            "--output-format",
            "json",
            "--ignore",
            "X902",
            "testdata/cli/does-not-exist.conf",
        ]),
    );
}

#[test]
fn show_settings_without_paths_uses_the_current_directory() {
    let text = run(&["check", "--show-settings"]);
    assert!(text.contains("exit 0\n--- stdout\nSettings for .\n"), "{text}");
    let all = corolint::rules::all().len();
    assert!(text.contains(&format!("  enabled rules  {all} of {all}\n")), "{text}");
}

#[test]
fn an_unknown_rule_is_exit_2_with_a_suggestion() {
    snapshot("unknown_select", &run(&["check", "--select", "two-node-misus", EXAMPLE]));
    snapshot("unknown_ignore", &run(&["check", "--ignore", "quroum", EXAMPLE]));
    snapshot("unknown_extend_select", &run(&["check", "--extend-select", "Q9", EXAMPLE]));
    snapshot("unknown_show_settings", &run(&["check", "--show-settings", "--select", "al"]));
}

#[test]
fn syntax_rules_cannot_be_ignored() {
    snapshot("ignore_syntax", &run(&["check", "--ignore", "invalid-integer", EXAMPLE]));
    let all = concise(&["--ignore", "all"], EXAMPLE);
    assert!(all.contains("invalid-integer") && !all.contains("two-node-misuse"), "{all}");
}
