//! End-to-end tests of `corolint check`, `rules` and `rule` through the real
//! binary, over the fixtures in `testdata/cli/`. Most runs use
//! `--config testdata/cli/engine-only.toml`, which keeps only syntax errors and
//! the suppression rules, so the expectations do not move when rules are added.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const ENGINE_ONLY: &str = "testdata/cli/engine-only.toml";
const CLEAN: &str = "testdata/cli/clean/corosync.conf";
const FINDINGS: &str = "testdata/cli/findings/corosync.conf";
const SYNTAX: &str = "testdata/cli/syntax/corosync.conf";
const EXAMPLE: &str = "testdata/examples/corosync.conf";

/// The binary, run from the crate root with no colour or format variables inherited.
fn corolint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_corolint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    for var in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COROLINT_OUTPUT_FORMAT", "TERM"] {
        cmd.env_remove(var);
    }
    cmd.stdin(Stdio::null());
    cmd
}

fn run(args: &[&str]) -> Output {
    corolint().args(args).output().expect("run corolint")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = corolint()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn corolint");
    child.stdin.take().expect("stdin").write_all(input).expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(o)))
}

/// `(file, rule)` of every diagnostic in a JSON report.
fn findings(o: &Output) -> Vec<(String, String)> {
    json(o)["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| (d["file"].as_str().unwrap_or("").to_string(), d["rule"].as_str().unwrap_or("").to_string()))
        .collect()
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_path => "snapshots/cli", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name, text);
    });
}

// ---- exit codes ----

#[test]
fn clean_file_exits_0() {
    let o = run(&["check", "--config", ENGINE_ONLY, CLEAN]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "All checks passed (1 file).\n");
    assert_eq!(stderr(&o), "");
}

#[test]
fn findings_exit_1_and_check_is_the_default_command() {
    let o = run(&["--config", ENGINE_ONLY, FINDINGS]);
    assert_eq!(code(&o), 1);
    let o = run(&["check", "--config", ENGINE_ONLY, SYNTAX]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("unexpected-close-brace[E006]"), "{}", stdout(&o));
}

#[test]
fn missing_file_is_one_line_on_stderr_and_the_others_still_run() {
    let o =
        run(&["check", "--config", ENGINE_ONLY, "--output-format", "concise", "testdata/cli/missing.conf", FINDINGS]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), "corolint: error: testdata/cli/missing.conf: No such file or directory\n");
    assert!(stdout(&o).contains("findings/corosync.conf:8:23: warning[unused-suppression]"), "{}", stdout(&o));
}

#[test]
fn no_paths_is_a_usage_error() {
    let o = run(&["check"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no input files"), "{}", stderr(&o));
    let o = run(&["check", "--output-format", "yaml", CLEAN]);
    assert_eq!(code(&o), 2, "clap rejects unknown values with 2");
}

#[test]
fn bad_config_exits_2_naming_file_and_field() {
    let o = run(&["check", "testdata/cli/badconfig/corosync.conf"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "corolint: error: testdata/cli/badconfig/corolint.toml:3:1: unknown field `disabel`, \
         expected one of `disable`, `enable`, `severity`, `fixable`, `unfixable`\n"
    );
    assert_eq!(stdout(&o), "", "nothing is linted with a broken configuration");
}

#[test]
fn unknown_rule_in_config_exits_2_with_a_suggestion() {
    let o = run(&["check", "testdata/cli/unknownrule/corosync.conf"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "corolint: error: testdata/cli/unknownrule/corolint.toml: [rules] disable: unknown rule \
         `unused-supression` (did you mean `unused-suppression`?)\n"
    );
}

#[test]
fn missing_config_file_exits_2() {
    let o = run(&["check", "--config", "testdata/cli/nope.toml", CLEAN]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "corolint: error: testdata/cli/nope.toml: cannot read configuration: No such file or directory\n"
    );
}

#[test]
fn config_and_isolated_conflict() {
    let o = run(&["check", "--config", ENGINE_ONLY, "--isolated", CLEAN]);
    assert_eq!(code(&o), 2);
}

// ---- --fail-on and severities ----

#[test]
fn fail_on_sets_the_failing_level() {
    let o = run(&["check", "--config", ENGINE_ONLY, "--fail-on", "error", FINDINGS]);
    assert_eq!(code(&o), 0, "only a warning");
    let o = run(&["check", "--config", ENGINE_ONLY, "--fail-on", "error", SYNTAX]);
    assert_eq!(code(&o), 1, "syntax errors are errors");
    let o = run(&["check", "--config", ENGINE_ONLY, "--fail-on", "loud", SYNTAX]);
    assert_eq!(code(&o), 2);
}

#[test]
fn config_is_discovered_by_walking_up() {
    // discover/.corolint.toml re-grades unused-suppression to info: exit 0 at the default level.
    let file = "testdata/cli/discover/sub/corosync.conf";
    let o = run(&["check", "--output-format", "concise", file]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).starts_with(&format!("{file}:5:23: info[unused-suppression] ")), "{}", stdout(&o));
    let o = run(&["check", "--fail-on", "info", file]);
    assert_eq!(code(&o), 1, "--fail-on beats the configuration");
    let o = run(&["check", "--isolated", "--output-format", "concise", file]);
    assert_eq!(code(&o), 1, "--isolated ignores the configuration: a warning again");
    assert!(stdout(&o).contains(":5:23: warning[unused-suppression]"), "{}", stdout(&o));
}

// ---- suppressions ----

#[test]
fn suppressions_used_unused_and_file_wide() {
    let o = run(&["check", "--config", ENGINE_ONLY, "--output-format", "json", FINDINGS]);
    // The misspelt directive on line 6 is invalid, but the file-wide directive silences it;
    // the directive on line 8 suppresses nothing.
    let d = json(&o);
    let diags = d["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diags.len(), 1, "{d}");
    assert_eq!(diags[0]["rule"], "unused-suppression");
    assert_eq!(diags[0]["line"], 8);
    // Without the file-wide directive, the invalid one shows.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FINDINGS)).expect("read");
    let without = text.replace("# corolint: disable-file=invalid-suppression\n", "");
    let o = run_stdin(&["check", "--config", ENGINE_ONLY, "--output-format", "json", "-"], without.as_bytes());
    let rules: Vec<String> = findings(&o).into_iter().map(|(_, r)| r).collect();
    assert_eq!(rules, ["invalid-suppression", "unused-suppression"]);
}

#[test]
fn syntax_errors_cannot_be_suppressed() {
    let src = "# corolint: disable-file=unexpected-close-brace\ntotem {\n}\n}\n";
    let o = run_stdin(&["check", "--config", ENGINE_ONLY, "--output-format", "json", "-"], src.as_bytes());
    assert_eq!(code(&o), 1);
    let rules: Vec<String> = findings(&o).into_iter().map(|(_, r)| r).collect();
    assert_eq!(rules, ["invalid-suppression", "unexpected-close-brace"]);
}

// ---- stdin ----

#[test]
fn stdin_with_a_display_name() {
    let src = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(FINDINGS)).expect("read");
    let args =
        ["check", "--config", ENGINE_ONLY, "--output-format", "concise", "--stdin-filename", "etc/corosync.conf", "-"];
    let o = run_stdin(&args, &src);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).starts_with("etc/corosync.conf:8:23: warning[unused-suppression]"), "{}", stdout(&o));
    let o = run_stdin(&["check", "--config", ENGINE_ONLY, "--output-format", "concise", "-"], &src);
    assert!(stdout(&o).starts_with("-:8:23: "), "{}", stdout(&o));
}

#[test]
fn stdin_filename_finds_the_configuration() {
    let src = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/cli/discover/sub/corosync.conf"))
        .expect("read");
    let args = ["check", "--output-format", "concise", "--stdin-filename", "testdata/cli/discover/sub/x.conf", "-"];
    let o = run_stdin(&args, &src);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("info[unused-suppression]"), "{}", stdout(&o));
}

// ---- directories ----

#[test]
fn directories_are_walked_for_corosync_conf() {
    let o = run(&["check", "--config", ENGINE_ONLY, "--output-format", "json", "testdata/cli/tree"]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    assert_eq!(v["summary"]["files"], 2, "a/ and b/ corosync.conf; .hidden/ skipped: {v}");
    let files: Vec<(String, String)> = findings(&o);
    assert_eq!(files, [("testdata/cli/tree/b/corosync.conf".to_string(), "unused-suppression".to_string())]);
    let o =
        run(&["check", "--config", ENGINE_ONLY, "--output-format", "json", "--include", "*.conf", "testdata/cli/tree"]);
    assert_eq!(json(&o)["summary"]["files"], 3, "extra.conf included");
}

#[test]
fn empty_directory_warns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(&["check", "--isolated", dir.path().to_str().expect("utf-8")]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("no corosync.conf files found"), "{}", stderr(&o));
}

#[test]
fn output_follows_input_order() {
    let order = [FINDINGS, CLEAN, SYNTAX, "testdata/cli/tree/b/corosync.conf", CLEAN, FINDINGS];
    let mut args = vec!["check", "--config", ENGINE_ONLY, "--output-format", "concise", "-q"];
    args.extend(order);
    let o = run(&args);
    let files: Vec<String> =
        stdout(&o).lines().map(|l| l.split(':').next().unwrap_or("").to_string()).collect::<Vec<_>>();
    assert_eq!(files, [FINDINGS, SYNTAX, "testdata/cli/tree/b/corosync.conf", FINDINGS]);
}

// ---- output formats ----

#[test]
fn every_format_for_the_findings_fixture() {
    for format in ["full", "concise", "json", "github", "sarif"] {
        let o = run(&["check", "--config", ENGINE_ONLY, "--output-format", format, FINDINGS, SYNTAX]);
        assert_eq!(code(&o), 1, "{format}");
        let mut text = stdout(&o).replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
        if format == "sarif" {
            // The rule table changes with every new rule: snapshot the results only.
            let mut v = json(&o);
            for result in v["runs"][0]["results"].as_array_mut().expect("results") {
                result.as_object_mut().expect("object").remove("ruleIndex");
            }
            text = serde_json::to_string_pretty(&v["runs"][0]["results"]).expect("results");
        }
        snapshot(&format!("findings_{format}"), &text);
    }
}

#[test]
fn json_contract() {
    let o = run(&["check", "--config", ENGINE_ONLY, "--output-format", "json", FINDINGS]);
    let v = json(&o);
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    let expected = [
        ("rule", serde_json::json!("unused-suppression")),
        ("code", serde_json::json!("X901")),
        ("severity", serde_json::json!("warning")),
        ("file", serde_json::json!(FINDINGS)),
        ("line", serde_json::json!(8)),
        ("column", serde_json::json!(23)),
        ("end_line", serde_json::json!(8)),
        ("end_column", serde_json::json!(27)),
        ("message", serde_json::json!("suppression of `invalid-suppression` is unused")),
    ];
    for (key, value) in expected {
        assert_eq!(d[key], value, "{key} in {d}");
    }
}

#[test]
fn sarif_output_is_schema_valid_json() {
    let o = run(&["check", "--config", ENGINE_ONLY, "--output-format", "sarif", FINDINGS, SYNTAX]);
    let v = json(&o);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"))
            .expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let uri = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, FINDINGS, "relative URI");
}

#[test]
fn output_format_from_the_environment() {
    let o = corolint()
        .args(["check", "--config", ENGINE_ONLY, FINDINGS])
        .env("COROLINT_OUTPUT_FORMAT", "json")
        .output()
        .expect("run");
    assert_eq!(json(&o)["version"], 1);
    let o = corolint()
        .args(["check", "--config", ENGINE_ONLY, "--output-format", "concise", FINDINGS])
        .env("COROLINT_OUTPUT_FORMAT", "json")
        .output()
        .expect("run");
    assert!(stdout(&o).starts_with(FINDINGS), "the flag beats the variable");
}

#[test]
fn example_config_in_every_format() {
    for format in ["full", "concise", "json", "github", "sarif"] {
        let o = run(&["check", "--isolated", "--output-format", format, EXAMPLE]);
        assert!(matches!(code(&o), 0 | 1), "{format}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{format}");
        if matches!(format, "json" | "sarif") {
            json(&o);
        }
    }
    // The example's `version: 2 # must be 2` is a value corosync cannot read as an integer.
    let o = run(&["check", "--isolated", "--output-format", "json", EXAMPLE]);
    assert_eq!(code(&o), 1);
    assert!(findings(&o).iter().any(|(_, rule)| rule == "invalid-integer"));
}

// ---- colour ----

const ESC: &str = "\u{1b}[";

#[test]
fn colour_follows_flags_and_environment() {
    let args = ["check", "--config", ENGINE_ONLY, "--output-format", "concise", FINDINGS];
    let plain = run(&args);
    assert!(!stdout(&plain).contains(ESC), "not a terminal: no colour");
    let o = corolint().args(args).env("NO_COLOR", "1").output().expect("run");
    assert!(!stdout(&o).contains(ESC), "NO_COLOR");
    let o = corolint().args(args).env("FORCE_COLOR", "1").output().expect("run");
    assert!(stdout(&o).contains(ESC), "FORCE_COLOR");
    let o = corolint().args(args).env("NO_COLOR", "1").arg("--color=always").output().expect("run");
    assert!(stdout(&o).contains(ESC), "--color always beats NO_COLOR");
    let o = corolint().args(args).env("FORCE_COLOR", "1").arg("--color=never").output().expect("run");
    assert!(!stdout(&o).contains(ESC), "--color never beats FORCE_COLOR");
    let full =
        corolint().args(["check", "--config", ENGINE_ONLY, "--color", "always", FINDINGS]).output().expect("run");
    assert!(stdout(&full).contains(ESC), "full format in colour");
    let full =
        corolint().args(["check", "--config", ENGINE_ONLY, FINDINGS]).env("NO_COLOR", "1").output().expect("run");
    assert!(!stdout(&full).contains(ESC), "full format without colour");
}

// ---- rules and rule ----

#[test]
fn rules_lists_every_rule() {
    let o = run(&["rules"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(text.starts_with("CODE  NAME"), "{text}");
    assert!(text.contains("\nX901  unused-suppression "), "{text}");
    assert!(text.contains("\nX902  invalid-suppression "), "{text}");
    let o = run(&["rules", "--output-format", "json"]);
    let v = json(&o);
    let all = v.as_array().expect("array");
    assert_eq!(all.len(), corolint::rules::all().len());
    let x901 = all.iter().find(|r| r["code"] == "X901").expect("X901");
    for key in ["name", "code", "category", "severity", "summary", "doc"] {
        assert!(x901.get(key).is_some(), "{key}");
    }
    let codes: Vec<&str> = all.iter().filter_map(|r| r["code"].as_str()).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted, "sorted by code");
}

#[test]
fn rule_explains_one_rule_by_name_or_code() {
    let o = run(&["rule", "unused-suppression"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(text.starts_with("# unused-suppression (X901)\n"), "{text}");
    assert!(text.contains("## What it does"), "{text}");
    let by_code = run(&["rule", "x901"]);
    assert_eq!(stdout(&by_code), text);
    let o = run(&["rule", "X902", "--output-format", "json"]);
    assert_eq!(json(&o)["name"], "invalid-suppression");
    let o = run(&["rule", "unused-supression"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), "corolint: error: unknown rule `unused-supression` (did you mean `unused-suppression`?)\n");
}

#[test]
fn a_directive_for_a_disabled_rule_that_would_fire_is_still_used() {
    // invalid-suppression is disabled, but the file-wide directive still silences the
    // misspelt directive, so it is not reported as unused either.
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "[rules]\ndisable = [\"all\"]\nenable = [\"unused-suppression\"]\n").expect("write");
    let src = "# corolint: disable-file=invalid-suppression\n# corolint: disabel=x\ntotem {\n}\n";
    let config = config.to_str().expect("utf-8");
    let o = run_stdin(&["check", "--config", config, "--output-format", "json", "-"], src.as_bytes());
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(findings(&o).is_empty());
    // Without the misspelt directive, the file-wide one is unused.
    let src = "# corolint: disable-file=invalid-suppression\ntotem {\n}\n";
    let o = run_stdin(&["check", "--config", config, "--output-format", "json", "-"], src.as_bytes());
    assert_eq!(findings(&o), [("-".to_string(), "unused-suppression".to_string())]);
}

/// corosync refuses a file without a nodelist (`No interfaces defined`): exit 1,
/// also with `--fail-on error`, the setting recommended for the hook.
#[test]
fn no_nodelist_exits_1_even_with_fail_on_error() {
    for args in [&["check"][..], &["check", "--fail-on", "error"][..]] {
        let mut a = args.to_vec();
        a.extend(["--isolated", "--output-format", "json", "testdata/cli/host/no-nodelist.conf"]);
        let o = run(&a);
        assert_eq!(code(&o), 1, "{}", stdout(&o));
        assert!(findings(&o).iter().any(|(_, r)| r == "missing-nodelist"), "{}", stdout(&o));
    }
}

/// Host checks run only when asked for (or for /etc/corosync, /etc/pve): the
/// file's state_dir and logfile directory do not exist and no node is this
/// machine (203.0.113.0/24 is documentation space).
#[test]
fn host_checks_only_when_asked() {
    let rules = |extra: &[&str]| -> Vec<String> {
        let mut a = vec!["check", "--isolated", "--output-format", "json"];
        a.extend(extra);
        a.push("testdata/cli/host/not-this-host.conf");
        let o = run(&a);
        findings(&o).into_iter().map(|(_, r)| r).filter(|r| r.contains('-')).collect()
    };
    let off = rules(&[]);
    assert!(!off.iter().any(|r| r.ends_with("-missing") || r == "local-node-not-found"), "{off:?}");
    let on = rules(&["--host-checks"]);
    for rule in ["state-dir-missing", "logfile-directory-missing", "local-node-not-found"] {
        assert!(on.iter().any(|r| r == rule), "{rule} missing from {on:?}");
    }
    assert!(
        run(&["check", "--host-checks", "--no-host-checks", "testdata/cli/host/no-nodelist.conf"]).status.code()
            == Some(2)
    );
}
