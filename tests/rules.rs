//! Rule fixtures: every `testdata/rules/<rule-name>/*.conf` is linted with only
//! that rule enabled and the rendered output (full and concise) is snapshotted.
//! Files named `fire*` must trigger the rule, files named `clean*` must not.
//! Files whose name contains `pve` are linted with the `pve` profile.

use std::path::Path;

use corolint::diagnostic::FileReport;
use corolint::lint::{self, Analysis};
use corolint::render::{self, OutputFormat, RenderOptions};
use corolint::rules::{self, Category, Profile};
use corolint::source::SourceFile;

fn render(report: &FileReport, format: OutputFormat) -> String {
    let mut out = Vec::new();
    render::render(std::slice::from_ref(report), format, RenderOptions { color: false, summary: false }, &mut out)
        .expect("render");
    String::from_utf8_lossy(&out).into_owned()
}

fn fixtures() -> Vec<(String, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rules");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).expect("testdata/rules") {
        let dir = dir.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        let rule = dir.file_name().and_then(|n| n.to_str()).expect("utf-8 dir").to_string();
        for f in std::fs::read_dir(&dir).expect("rule dir") {
            let f = f.expect("entry").path();
            if f.extension().is_some_and(|e| e == "conf") {
                out.push((rule.clone(), f));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn rule_fixtures_render_as_snapshotted() {
    let mut failures = Vec::new();
    for (rule, path) in fixtures() {
        assert!(rules::find(&rule).is_some(), "testdata/rules/{rule}: no rule of that name");
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem").to_string();
        let bytes = std::fs::read(&path).expect("read fixture");
        let source = SourceFile::new(format!("testdata/rules/{rule}/{stem}.conf"), bytes);
        let profile = if stem.contains("pve") { Profile::Pve } else { Profile::Generic };
        let analysis = Analysis::new(source);
        let report = lint::lint(&analysis, profile, |r| r.name == rule);
        let hits = report.diagnostics.iter().filter(|d| d.rule == rule).count();
        if stem.starts_with("fire") && hits == 0 {
            failures.push(format!("{rule}/{stem}: expected `{rule}` to fire"));
        }
        if stem.starts_with("clean") && hits > 0 {
            failures.push(format!("{rule}/{stem}: expected no `{rule}`, got {hits}"));
        }
        let text = format!(
            "{}\n---- concise ----\n{}",
            render(&report, OutputFormat::Full),
            render(&report, OutputFormat::Concise)
        );
        insta::with_settings!({ snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(format!("{rule}__{stem}"), text);
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule that checks single files has fixtures: one that fires, one that is clean.
#[test]
fn every_rule_has_fixtures() {
    let fx = fixtures();
    let mut missing = Vec::new();
    for e in rules::all() {
        if matches!(e.rule.category, Category::Changes | Category::Host) {
            continue; // multi-file rules and host checks have their own fixture sets
        }
        let name = e.rule.name;
        let stems: Vec<String> = fx
            .iter()
            .filter(|(r, _)| r == name)
            .filter_map(|(_, p)| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
            .collect();
        if !stems.iter().any(|s| s.starts_with("fire")) || !stems.iter().any(|s| s.starts_with("clean")) {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "rules without fire*/clean* fixtures in testdata/rules/<name>/: {missing:?}");
}

/// Every rule is documented in the fixed sections.
#[test]
fn every_rule_has_sectioned_docs() {
    for e in rules::all() {
        for section in ["## What it does", "## Why it matters", "## Example", "## Fix"] {
            assert!(e.doc.contains(section), "rule `{}` lacks `{section}` in its doc comment", e.rule.name);
        }
        assert!(
            e.rule.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "rule name `{}` is not kebab-case",
            e.rule.name
        );
    }
    let mut codes: Vec<&str> = rules::all().iter().map(|e| e.rule.code).collect();
    codes.sort_unstable();
    let before = codes.len();
    codes.dedup();
    assert_eq!(before, codes.len(), "duplicate rule codes");
}
