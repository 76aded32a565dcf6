//! `corolint status` on states recorded from the real three-node test cluster
//! (`tests/e2e/cluster.sh` with `COROLINT_RECORD_DIR`, see
//! `testdata/live/README.md`). Every `testdata/live/<rule-name>/<case>.json` is
//! a recorded state and `<case>.conf` the node's file at that moment; an
//! optional `<case>.down` holds the `--down` list. The summary and the findings
//! (full and concise) are snapshotted, and the rule the folder is named for
//! must fire (`clean`: nothing may).

use std::path::{Path, PathBuf};

use corolint::cli::status::status_report;
use corolint::diagnostic::FileReport;
use corolint::lint::Analysis;
use corolint::live::{self, LiveSource, Recorded};
use corolint::render::{self, OutputFormat, RenderOptions};
use corolint::source::SourceFile;

fn render(report: &FileReport, format: OutputFormat) -> String {
    let mut out = Vec::new();
    render::render(std::slice::from_ref(report), format, RenderOptions { color: false, summary: false }, &mut out)
        .expect("render");
    String::from_utf8_lossy(&out).into_owned()
}

fn cases() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/live");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).expect("testdata/live") {
        let dir = dir.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        let rule = dir.file_name().and_then(|n| n.to_str()).expect("utf-8").to_string();
        for f in std::fs::read_dir(&dir).expect("dir") {
            let f = f.expect("entry").path();
            if f.extension().is_some_and(|e| e == "json") {
                out.push((rule.clone(), f));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn recorded_states_render_as_snapshotted() {
    let cases = cases();
    assert!(cases.len() >= 10, "testdata/live holds too few recorded states: {}", cases.len());
    let mut failures = Vec::new();
    for (rule, json) in cases {
        let stem = json.file_stem().and_then(|s| s.to_str()).expect("stem").to_string();
        let state = Recorded { path: json.clone() }.read().expect("recorded state");
        let conf = json.with_extension("conf");
        let bytes = std::fs::read(&conf).unwrap_or_else(|e| panic!("{}: {e}", conf.display()));
        let analysis = Analysis::new(SourceFile::new("corosync.conf", bytes));
        let down_names: Option<Vec<String>> = std::fs::read_to_string(json.with_extension("down"))
            .ok()
            .map(|t| t.trim().split(',').map(str::to_string).collect());
        let down = match &down_names {
            Some(names) => live::what_if::resolve(&state, names).expect("known nodes"),
            None => Vec::new(),
        };
        let report = status_report(&analysis, &state, &down);
        let hits = report.diagnostics.iter().filter(|d| d.rule == rule).count();
        if rule == "clean" {
            if !report.diagnostics.is_empty() {
                failures.push(format!("clean/{stem}: {} findings", report.diagnostics.len()));
            }
        } else {
            assert!(corolint::rules::find(&rule).is_some(), "testdata/live/{rule}: no rule of that name");
            if hits == 0 {
                failures.push(format!("{rule}/{stem}: `{rule}` did not fire"));
            }
        }
        let what_if = down_names.is_some().then(|| live::what_if::evaluate(&state, &down));
        let version = analysis.is_valid().then(|| corolint::changes::version::Version::of(&analysis.cmap).value);
        let text = format!(
            "{}\n---- full ----\n{}\n---- concise ----\n{}",
            live::summary::render(&state, "corosync.conf", version, what_if.as_ref()),
            render(&report, OutputFormat::Full),
            render(&report, OutputFormat::Concise)
        );
        insta::with_settings!({ snapshot_path => "snapshots/live", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(format!("{rule}__{stem}"), text);
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every `live-*` rule has at least one recorded state that fires it.
#[test]
fn every_live_rule_has_a_recorded_state() {
    let cases = cases();
    let missing: Vec<&str> = corolint::rules::all()
        .iter()
        .filter(|e| e.rule.category == corolint::rules::Category::Live)
        .map(|e| e.rule.name)
        .filter(|name| !cases.iter().any(|(r, _)| r == name))
        .collect();
    assert!(missing.is_empty(), "live rules without testdata/live/<rule>/: {missing:?}");
}
