//! Comparisons between files: `diff`, `drift`, `check --git-base`,
//! `check --local-copy`. Fixture sets live in `testdata/changes/`; rendered
//! output is snapshotted in `tests/snapshots/changes/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use corolint::changes::{self, diff, drift, local_copy, reload::Effect};
use corolint::diagnostic::FileReport;
use corolint::lint::Analysis;
use corolint::render::{self, OutputFormat, RenderOptions};
use corolint::source::SourceFile;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn load(rel: &str) -> Analysis {
    let bytes = std::fs::read(root().join(rel)).expect("fixture");
    Analysis::new(SourceFile::new(rel, bytes))
}

fn render(reports: &[FileReport], format: OutputFormat) -> String {
    let mut out = Vec::new();
    render::render(reports, format, RenderOptions { color: false, summary: true }, &mut out).expect("render");
    String::from_utf8_lossy(&out).into_owned()
}

fn snapshot(name: &str, text: String) {
    insta::with_settings!({ snapshot_path => "snapshots/changes", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name.to_string(), text);
    });
}

fn rules_of(reports: &[FileReport]) -> Vec<&'static str> {
    reports.iter().flat_map(|r| &r.diagnostics).map(|d| d.rule).collect()
}

/// Runs `diff` on `testdata/changes/diff/<case>/{old,new}.conf`, snapshots the
/// table and the diagnostics, and returns the diff and the reports.
fn diff_case(case: &str) -> (diff::Diff<'static>, Vec<FileReport>) {
    // The diff borrows both analyses; a test keeps them for its whole run.
    let old: &'static Analysis = Box::leak(Box::new(load(&format!("testdata/changes/diff/{case}/old.conf"))));
    let new: &'static Analysis = Box::leak(Box::new(load(&format!("testdata/changes/diff/{case}/new.conf"))));
    let d = diff::compare(&old.cmap, &new.cmap);
    let reports = corolint::cli::diff::reports(old, new, &d);
    let mut table = Vec::new();
    corolint::cli::diff::write_table(&mut table, old, new, &d).expect("table");
    snapshot(
        &format!("diff__{case}"),
        format!(
            "{}{}---- concise ----\n{}",
            String::from_utf8_lossy(&table),
            render(&reports, OutputFormat::Full),
            render(&reports, OutputFormat::Concise)
        ),
    );
    (d, reports)
}

#[test]
fn version_not_bumped_is_an_error() {
    let (d, reports) = diff_case("not-bumped");
    assert_eq!(d.changes.len(), 1);
    assert_eq!(rules_of(&reports), vec!["config-version-not-bumped"]);
}

#[test]
fn version_decreased_is_an_error() {
    let (_, reports) = diff_case("decreased");
    assert_eq!(rules_of(&reports), vec!["config-version-decreased"]);
}

#[test]
fn restart_keys_are_reported_one_by_one() {
    let (d, reports) = diff_case("restart");
    let restart: Vec<&str> = d.changes.iter().filter(|c| c.effect == Effect::Restart).map(|c| c.key.as_str()).collect();
    assert_eq!(restart, vec!["quorum.wait_for_all", "totem.cluster_name", "totem.interface.0.mcastport"]);
    assert_eq!(rules_of(&reports), vec!["reload-unsafe-change"; 3]);
}

#[test]
fn node_address_and_knet_transport_make_the_reload_fail() {
    let (d, reports) = diff_case("reload-fails");
    let fails: Vec<&str> =
        d.changes.iter().filter(|c| c.effect == Effect::ReloadFails).map(|c| c.key.as_str()).collect();
    assert_eq!(fails, vec!["nodelist.node.1.ring0_addr", "totem.interface.0.knet_transport"]);
    assert_eq!(rules_of(&reports), vec!["reload-unsafe-change"; 2]);
}

#[test]
fn live_changes_with_a_bump_are_clean() {
    let (d, reports) = diff_case("live");
    assert!(d.changes.iter().all(|c| matches!(c.effect, Effect::Live | Effect::Version)));
    assert!(d.changes.iter().any(|c| c.key == "nodelist.node.0.name" && c.kind() == "added"));
    assert!(rules_of(&reports).is_empty());
}

#[test]
fn reformatted_and_reordered_copy_is_no_change() {
    let (d, reports) = diff_case("reformatted");
    assert!(d.changes.is_empty(), "{:?}", d.changes);
    assert!(rules_of(&reports).is_empty());
}

/// Every valid real file compared with a re-indented copy with extra comment lines is no change.
#[test]
fn reindented_and_commented_copy_is_no_change_on_the_corpus() {
    let corpus = root().join("testdata/corpus/real");
    let entries = std::fs::read_dir(&corpus).expect("testdata/corpus/real");
    let mut compared = 0;
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).expect("read");
        let a = Analysis::new(SourceFile::new("a", bytes.clone()));
        let mut variant = Vec::new();
        for line in bytes.split_inclusive(|&b| b == b'\n') {
            variant.extend_from_slice(b"  ");
            variant.extend_from_slice(line);
            if line.trim_ascii_end().ends_with(b"{") {
                variant.extend_from_slice(b"# added comment\n");
            }
        }
        let b = Analysis::new(SourceFile::new("b", variant));
        if !a.is_valid() || !b.is_valid() {
            continue;
        }
        compared += 1;
        let d = diff::compare(&a.cmap, &b.cmap);
        assert!(d.changes.is_empty(), "{}: {:?}", entry.path().display(), d.changes);
        assert!(diff::compare(&a.cmap, &a.cmap).changes.is_empty());
    }
    assert!(compared > 50, "only {compared} corpus files compared");
}

fn drift_case(case: &str) -> drift::Drift {
    let dir = root().join("testdata/changes/drift").join(case);
    let mut paths: Vec<PathBuf> = walk(&dir);
    paths.sort();
    let sources = paths
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(root()).expect("under root").display().to_string();
            SourceFile::new(rel, std::fs::read(p).expect("read"))
        })
        .collect();
    let d = drift::analyze(sources);
    let mut overview = Vec::new();
    corolint::cli::drift::write_overview(&mut overview, &d).expect("overview");
    snapshot(
        &format!("drift__{case}"),
        format!(
            "{}{}---- concise ----\n{}",
            String::from_utf8_lossy(&overview),
            render(&d.reports, OutputFormat::Full),
            render(&d.reports, OutputFormat::Concise)
        ),
    );
    d
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn three_nodes_one_drifted_one_stale() {
    let d = drift_case("three-nodes");
    assert_eq!(d.newest, 5);
    let per_file: Vec<Vec<&str>> = d.reports.iter().map(|r| r.diagnostics.iter().map(|x| x.rule).collect()).collect();
    assert_eq!(per_file, vec![vec![], vec!["node-drift"], vec!["stale-config"]]);
    assert!(d.files.get(2).is_some_and(|f| f.stale));
}

#[test]
fn same_meaning_different_text_is_info() {
    let d = drift_case("in-sync");
    assert_eq!(d.groups.len(), 1);
    assert_eq!(rules_of(&d.reports), vec!["text-drift"]);
    assert!(d.reports.iter().flat_map(|r| &r.diagnostics).all(|x| x.severity == corolint::diagnostic::Severity::Info));
}

#[test]
fn cluster_name_drift_is_reported() {
    let d = drift_case("cluster-name");
    assert_eq!(rules_of(&d.reports), vec!["cluster-name-drift"]);
}

#[test]
fn drift_handles_many_files() {
    let base = std::fs::read_to_string(root().join("testdata/changes/drift/in-sync/pve1/corosync.conf")).expect("read");
    let sources: Vec<SourceFile> = (0..300)
        .map(|i| {
            let text = if i == 7 { base.replace("config_version: 5", "config_version: 4") } else { base.clone() };
            SourceFile::new(format!("node{i}.conf"), text.into_bytes())
        })
        .collect();
    let d = drift::analyze(sources);
    assert_eq!(d.groups.len(), 2);
    assert_eq!(rules_of(&d.reports), vec!["stale-config"]);
}

fn local_case(case: &str) -> Vec<FileReport> {
    let pve = load(&format!("testdata/changes/local-copy/{case}/pve.conf"));
    let local = load(&format!("testdata/changes/local-copy/{case}/local.conf"));
    let report = FileReport { source: pve.source.clone(), diagnostics: local_copy::compare(&pve, &local) };
    let reports = vec![report];
    snapshot(&format!("local_copy__{case}"), render(&reports, OutputFormat::Full));
    reports
}

#[test]
fn local_copy_reasons() {
    for case in ["lower", "equal", "missing"] {
        let reports = local_case(case);
        assert_eq!(rules_of(&reports), vec!["local-copy-out-of-sync"], "{case}");
    }
    assert!(rules_of(&local_case("in-sync")).is_empty());
}

#[test]
fn pmxcfs_comment_quirk() {
    let pve = load("testdata/changes/pve-quirk/etc/pve/corosync.conf");
    let local = load("testdata/changes/pve-quirk/etc/corosync/corosync.conf");
    let mut report =
        corolint::lint::lint(&pve, corolint::rules::Profile::Pve, |r| r.name == "commented-config-version");
    report.diagnostics.extend(local_copy::compare(&pve, &local));
    report.sort();
    let reports = vec![report];
    assert_eq!(rules_of(&reports), vec!["commented-config-version", "local-copy-out-of-sync"]);
    snapshot("pve_quirk", render(&reports, OutputFormat::Full));
}

// ---- command line ----

fn corolint(args: &[&str], dir: &Path, envs: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_corolint"));
    cmd.args(args).current_dir(dir).env_remove("COROLINT_OUTPUT_FORMAT").env("NO_COLOR", "1");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run corolint");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

fn json_rules(text: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(text).expect("json");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["rule"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn cli_diff_exit_codes_and_json() {
    let dir = root().join("testdata/changes/diff");
    let (code, out) = corolint(&["diff", "reformatted/old.conf", "reformatted/new.conf"], &dir, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no semantic change"), "{out}");
    let (code, out) =
        corolint(&["diff", "not-bumped/old.conf", "not-bumped/new.conf", "--output-format", "json"], &dir, &[]);
    assert_eq!(code, 1);
    assert_eq!(json_rules(&out), vec!["config-version-not-bumped"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["diff"]["changes"][0]["key"], "totem.token");
    assert_eq!(v["diff"]["changes"][0]["effect"], "live");
    let (code, out) = corolint(&["diff", "restart/old.conf", "missing.conf"], &dir, &[]);
    assert_eq!(code, 2, "{out}");
    let (code, out) = corolint(&["diff", "restart/old.conf", "restart/new.conf", "--unified"], &dir, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("+totem.cluster_name = production"), "{out}");
}

#[test]
fn cli_drift_directory_json_and_github() {
    let dir = root().join("testdata/changes/drift");
    let (code, out) = corolint(&["drift", "three-nodes", "--output-format", "json"], &dir, &[]);
    assert_eq!(code, 1);
    assert_eq!(json_rules(&out), vec!["node-drift", "stale-config"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["drift"]["newest_config_version"], 5);
    assert_eq!(v["drift"]["differences"][1]["values"]["three-nodes/pve2/corosync.conf"], "10000");
    let (code, out) = corolint(&["drift", "three-nodes", "--output-format", "github"], &dir, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("::error title=corolint C805 (stale-config),file=three-nodes/pve3/corosync.conf"), "{out}");
    let (code, out) = corolint(&["drift", "in-sync"], &dir, &[]);
    assert_eq!(code, 0, "{out}");
    let (code, _) = corolint(&["drift", "in-sync/pve1/corosync.conf"], &dir, &[]);
    assert_eq!(code, 2);
}

#[test]
fn cli_local_copy_and_pve_path_override() {
    let dir = root().join("testdata/changes");
    let (code, out) = corolint(
        &[
            "check",
            "--output-format",
            "concise",
            "--local-copy",
            "local-copy/lower/local.conf",
            "local-copy/lower/pve.conf",
        ],
        &dir,
        &[],
    );
    assert_eq!(code, 1);
    assert!(out.contains("error[local-copy-out-of-sync]") && out.contains("local corosync.conf is newer"), "{out}");
    let envs = [
        (local_copy::PVE_CONF_ENV, "pve-quirk/etc/pve/corosync.conf"),
        (local_copy::LOCAL_CONF_ENV, "pve-quirk/etc/corosync/corosync.conf"),
    ];
    let (code, out) = corolint(
        &["check", "--profile", "pve", "--output-format", "json", "pve-quirk/etc/pve/corosync.conf"],
        &dir,
        &envs,
    );
    assert_eq!(code, 1);
    let rules = json_rules(&out);
    assert!(
        rules.contains(&"commented-config-version".to_string())
            && rules.contains(&"local-copy-out-of-sync".to_string()),
        "{out}"
    );
    let (code, out) = corolint(&["check", "--local-copy", "nope.conf", "local-copy/lower/pve.conf"], &dir, &[]);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn cli_missing_local_copy_is_reported() {
    let dir = root().join("testdata/changes");
    let pve = "pve-quirk/etc/pve/corosync.conf";
    // (`--profile generic`: the content shows Proxmox VE, whose profile reports the commented config_version.)
    let args = ["check", "--profile", "generic", "--output-format", "concise", pve];
    // The local copy does not exist: one info, exit 0 (info does not fail by default).
    let envs = [(local_copy::PVE_CONF_ENV, pve), (local_copy::LOCAL_CONF_ENV, "pve-quirk/etc/corosync/absent.conf")];
    let (code, out) = corolint(&args, &dir, &envs);
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("local-copy-missing")).collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("pve-quirk/etc/pve/corosync.conf:1:1: info[local-copy-missing]"), "{out}");
    assert!(lines[0].contains("pve-quirk/etc/corosync/absent.conf` does not exist"), "{out}");
    let (code, out) = corolint(&["check", "--profile", "generic", "--output-format", "full", pve], &dir, &envs);
    assert_eq!(code, 0, "{out}");
    // Only this rule's block (the file has other, unrelated findings).
    let shown: String = out
        .lines()
        .skip_while(|l| !l.starts_with("local-copy-missing["))
        .take_while(|l| {
            !l.starts_with("interface-without-link[") && !l.starts_with("not-formatted[") && !l.starts_with("Found ")
        })
        .collect::<Vec<_>>()
        .join("\n");
    snapshot("local_copy__absent_copy", shown);
    // With the local copy present, the comparison runs instead.
    let envs = [(local_copy::PVE_CONF_ENV, pve), (local_copy::LOCAL_CONF_ENV, "pve-quirk/etc/corosync/corosync.conf")];
    let (_, out) = corolint(&args, &dir, &envs);
    assert!(!out.contains("local-copy-missing") && out.contains("local-copy-out-of-sync"), "{out}");
    // A file that is not the cluster-wide one, or an explicit --local-copy, never asks for it.
    let (_, out) = corolint(&["check", "--output-format", "concise", "local-copy/lower/pve.conf"], &dir, &envs);
    assert!(!out.contains("local-copy-missing"), "{out}");
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

#[test]
fn cli_git_base_compares_with_the_committed_version() {
    if Command::new("git").arg("--version").output().is_err() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    std::fs::create_dir_all(repo.join("cluster")).expect("mkdir");
    let base = std::fs::read_to_string(root().join("testdata/changes/diff/not-bumped/old.conf")).expect("read");
    let conf = repo.join("cluster/corosync.conf");
    std::fs::write(&conf, &base).expect("write");
    // Nothing committed yet: skipped.
    let (code, out) =
        corolint(&["check", "--fail-on", "error", "--git-base", "HEAD", "cluster/corosync.conf"], repo, &[]);
    assert_eq!(code, 0, "{out}");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-qm", "base"]);
    // A change without a bump, checked from another directory.
    std::fs::write(&conf, base.replace("  version: 2\n", "  token: 5000\n  version: 2\n")).expect("write");
    let (code, out) = corolint(
        &["check", "--output-format", "concise", "--git-base", "HEAD", "corosync.conf"],
        &repo.join("cluster"),
        &[],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[config-version-not-bumped]") && out.contains("since HEAD"), "{out}");
    // `--git-base` without a value means HEAD.
    let (code, out) = corolint(&["check", "--fail-on", "error", "cluster/corosync.conf", "--git-base"], repo, &[]);
    assert_eq!(code, 1, "{out}");
    // With the bump it passes.
    std::fs::write(
        &conf,
        base.replace("  version: 2\n", "  token: 5000\n  version: 2\n")
            .replace("config_version: 4", "config_version: 5"),
    )
    .expect("write");
    let (code, out) =
        corolint(&["check", "--fail-on", "error", "--git-base", "HEAD", "cluster/corosync.conf"], repo, &[]);
    assert_eq!(code, 0, "{out}");
    // Lower than HEAD.
    std::fs::write(&conf, base.replace("config_version: 4", "config_version: 3")).expect("write");
    let (code, out) =
        corolint(&["check", "--output-format", "concise", "--git-base=HEAD", "cluster/corosync.conf"], repo, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("config-version-decreased"), "{out}");
    // Untracked files are skipped; an unknown revision is a usage error.
    std::fs::write(repo.join("new.conf"), base.replace("config_version: 4", "config_version: 1")).expect("write");
    let (code, out) = corolint(&["check", "--fail-on", "error", "--git-base", "HEAD", "new.conf"], repo, &[]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = corolint(&["check", "--git-base=nope", "cluster/corosync.conf"], repo, &[]);
    assert_eq!(code, 2, "{out}");
    let _ = changes::version::KEY;
}

/// `diff` of every parseable corpus file against its own `corolint fmt` output
/// (both styles) reports no semantic change.
#[test]
fn diff_against_own_fmt_output_is_empty_over_the_corpus() {
    let dir = root().join("testdata/corpus/real");
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).expect("testdata/corpus/real").flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "conf") {
            continue;
        }
        let original = Analysis::new(SourceFile::new("old", std::fs::read(&path).expect("read")));
        if !original.is_valid() {
            continue;
        }
        for style in [corolint::format::Style::Pve, corolint::format::Style::KeepOrder] {
            let Ok(bytes) = corolint::format::format(&original, style) else { continue };
            let formatted = Analysis::new(SourceFile::new("new", bytes));
            let d = diff::compare(&original.cmap, &formatted.cmap);
            assert!(d.changes.is_empty(), "{}: {style:?} formatting shows as {:?}", path.display(), d.changes);
            compared += 1;
        }
    }
    assert!(compared > 150, "only {compared} comparisons");
}
