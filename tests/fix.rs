//! Fixes: per rule (`testdata/fix/<rule>/*.conf`), a snapshot of the diff
//! `--fix` makes, of the re-check (the finding is gone) and of a second
//! `--fix` (nothing changes); over the real corpus, fixing never adds an
//! error, never drops a comment and is idempotent, and `--fix --diff` never
//! writes; through git, `check --fix --git-base HEAD` bumps `config_version`.
//!
//! Fixture names: `safe*` fixtures are fixed with `--fix`, `unsafe*` with
//! `--fix --unsafe-fixes` (and must not change with `--fix` alone); names
//! containing `pve` use the `pve` profile.

use std::path::{Path, PathBuf};
use std::process::Command;

use corolint::autofix::engine::{FixOutcome, fix_file};
use corolint::diagnostic::FileReport;
use corolint::fix::{Applicability, FixAvailability};
use corolint::format::verify::comment_texts;
use corolint::lint::{self, Analysis};
use corolint::render::{self, OutputFormat, RenderOptions};
use corolint::rules::{self, Profile};
use corolint::source::SourceFile;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fixes `bytes` with only `rule` enabled (every rule for `None`).
fn fix_with(bytes: &[u8], name: &str, rule: Option<&str>, profile: Profile, unsafe_fixes: bool) -> FixOutcome {
    let lint = |a: &Analysis| lint::lint(a, profile, |r| rule.is_none_or(|n| r.name == n)).diagnostics;
    fix_file(SourceFile::new(name, bytes.to_vec()), lint, |_, f| f.applicability == Applicability::Safe || unsafe_fixes)
}

fn concise(report: &FileReport) -> String {
    let mut out = Vec::new();
    let opts = RenderOptions { color: false, summary: false };
    render::render(std::slice::from_ref(report), OutputFormat::Concise, opts, &mut out).expect("render");
    let text = String::from_utf8_lossy(&out).into_owned();
    if text.is_empty() { "(nothing)\n".into() } else { text }
}

fn diff(old: &[u8], new: &[u8], name: &str) -> String {
    let d = corolint::format::diff::unified(old, new, &format!("a/{name}"), &format!("b/{name}"));
    if d.is_empty() { "(no change)\n".into() } else { String::from_utf8_lossy(&d).into_owned() }
}

fn fixtures() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(root().join("testdata/fix")).expect("testdata/fix").flatten() {
        let rule = dir.file_name().to_string_lossy().into_owned();
        for f in std::fs::read_dir(dir.path()).expect("rule dir").flatten() {
            if f.path().extension().is_some_and(|e| e == "conf") {
                out.push((rule.clone(), f.path()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn each_fix_removes_its_finding_and_is_idempotent() {
    let mut failures = Vec::new();
    for (rule, path) in fixtures() {
        let entry = rules::find(&rule).unwrap_or_else(|| panic!("testdata/fix/{rule}: no such rule"));
        assert_ne!(entry.rule.fix, FixAvailability::None, "{rule} has fixtures but says it has no fix");
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem").to_string();
        let unsafe_fixes = stem.starts_with("unsafe");
        let profile = if stem.contains("pve") { Profile::Pve } else { Profile::Generic };
        let name = format!("testdata/fix/{rule}/{stem}.conf");
        let bytes = std::fs::read(&path).expect("read");
        let before = lint::lint(&Analysis::new(SourceFile::new(&name, bytes.clone())), profile, |r| r.name == rule);
        let hits_before = before.diagnostics.iter().filter(|d| d.rule == rule).count();
        let first = fix_with(&bytes, &name, Some(&rule), profile, unsafe_fixes);
        let fixed = first.analysis.source.bytes.to_vec();
        let recheck = lint::lint(&first.analysis, profile, |r| r.name == rule);
        let hits_after = recheck.diagnostics.iter().filter(|d| d.rule == rule).count();
        let second = fix_with(&fixed, &name, Some(&rule), profile, unsafe_fixes);
        let again = second.analysis.source.bytes.to_vec();
        if hits_before == 0 || fixed == bytes {
            failures.push(format!("{rule}/{stem}: nothing to fix ({hits_before} findings)"));
        }
        if hits_after >= hits_before {
            failures.push(format!("{rule}/{stem}: still {hits_after} findings after --fix"));
        }
        if again != fixed || !second.applied.is_empty() {
            failures.push(format!("{rule}/{stem}: a second --fix changed the file"));
        }
        if !first.refused.is_empty() || !first.converged {
            failures.push(format!("{rule}/{stem}: refused {:?}", first.refused));
        }
        if unsafe_fixes {
            let safe_only = fix_with(&bytes, &name, Some(&rule), profile, false);
            if *safe_only.analysis.source.bytes != *bytes {
                failures.push(format!("{rule}/{stem}: --fix alone applied an unsafe fix"));
            }
        }
        let applied: Vec<String> =
            first.applied.iter().map(|a| format!("{} ({}): {}", a.rule, a.applicability.as_str(), a.message)).collect();
        let text = format!(
            "---- applied ----\n{}\n---- diff ----\n{}---- re-check ----\n{}---- second --fix ----\n{}",
            applied.join("\n"),
            diff(&bytes, &fixed, &name),
            concise(&recheck),
            diff(&fixed, &again, &name),
        );
        insta::with_settings!({ snapshot_path => "snapshots/fix", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(format!("{rule}__{stem}"), text);
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule that says it has a fix has a fixture here (the multi-file
/// version rules are tested through git below).
#[test]
fn every_fixable_rule_has_a_fix_fixture() {
    let have: Vec<String> = fixtures().into_iter().map(|(r, _)| r).collect();
    let missing: Vec<&str> = rules::all()
        .iter()
        .filter(|e| e.rule.fix != FixAvailability::None && e.rule.category != rules::Category::Changes)
        .map(|e| e.rule.name)
        .filter(|n| !have.iter().any(|h| h == n))
        .collect();
    assert!(missing.is_empty(), "fixable rules without testdata/fix/<rule>/: {missing:?}");
    for e in rules::all() {
        let says = e.doc.contains("--fix");
        assert_eq!(
            says,
            e.rule.fix != FixAvailability::None,
            "{}: the doc must name its fix under `## Fix`",
            e.rule.name
        );
    }
}

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("testdata/corpus/real"))
        .expect("testdata/corpus/real")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "conf"))
        .collect();
    files.sort();
    files
}

fn error_kinds(a: &Analysis) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = a.errors().iter().map(|e| e.kind.name()).collect();
    kinds.sort_unstable();
    kinds
}

/// Every corpus file, fixed with every rule and the unsafe fixes, under both
/// profiles: no new error, every comment kept, and a second pass does nothing.
#[test]
fn fixing_the_corpus_adds_no_error_keeps_comments_and_is_idempotent() {
    let files = corpus();
    assert!(files.len() >= 100, "corpus has only {} files", files.len());
    let mut changed = 0;
    let mut failures = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        let name = path.display().to_string();
        let original = Analysis::new(SourceFile::new(&name, bytes.clone()));
        for profile in [Profile::Generic, Profile::Pve] {
            let first = fix_with(&bytes, &name, None, profile, true);
            let fixed = first.analysis.source.bytes.to_vec();
            changed += usize::from(fixed != bytes);
            let (before, after) = (error_kinds(&original), error_kinds(&first.analysis));
            let mut rest = before.clone();
            for kind in &after {
                match rest.iter().position(|k| k == kind) {
                    Some(i) => {
                        rest.remove(i);
                    }
                    None => failures.push(format!("{name} ({profile:?}): new error `{kind}`")),
                }
            }
            let old_comments = comment_texts(&original.parsed.tree, &bytes);
            let new_comments = comment_texts(&first.analysis.parsed.tree, &fixed);
            let mut missing = new_comments.clone();
            for c in &old_comments {
                match missing.iter().position(|n| n == c) {
                    Some(i) => {
                        missing.remove(i);
                    }
                    None => {
                        failures.push(format!("{name} ({profile:?}): comment lost: {}", String::from_utf8_lossy(c)))
                    }
                }
            }
            let second = fix_with(&fixed, &name, None, profile, true);
            if *second.analysis.source.bytes != *fixed {
                failures.push(format!(
                    "{name} ({profile:?}): second --fix changed it:\n{}",
                    diff(&fixed, &second.analysis.source.bytes, &name)
                ));
            }
            if !first.converged {
                failures.push(format!("{name} ({profile:?}): did not converge"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(changed > 10, "only {changed} corpus fixes: the test would not notice a broken fixer");
}

fn corolint(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_corolint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("COROLINT_OUTPUT_FORMAT")
        .output()
        .expect("run corolint");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `--fix --diff` over a copy of the corpus prints diffs, exits 1, and leaves
/// every byte and modification time alone.
#[test]
fn fix_diff_never_writes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut before = Vec::new();
    for path in corpus() {
        let to = tmp.path().join(path.file_name().expect("name"));
        std::fs::copy(&path, &to).expect("copy");
        before.push((
            to.clone(),
            std::fs::read(&to).expect("read"),
            std::fs::metadata(&to).and_then(|m| m.modified()).ok(),
        ));
    }
    let (code, out, _) =
        corolint(&["check", "--isolated", "--fix", "--unsafe-fixes", "--diff", "--include", "*.conf", "."], tmp.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("\n+++ b/"), "{out}");
    for (path, bytes, mtime) in before {
        assert_eq!(std::fs::read(&path).expect("read"), bytes, "{} was written", path.display());
        assert_eq!(std::fs::metadata(&path).and_then(|m| m.modified()).ok(), mtime, "{} was touched", path.display());
    }
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".corolint"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// `--fix` writes safe fixes and reports what is left; `--fix-only` reports nothing.
#[test]
fn fix_writes_and_reports_what_is_left() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let conf = tmp.path().join("corosync.conf");
    let text = "totem: {\n  version: 2\n  cluster_name: prod # main\n}\n";
    std::fs::write(&conf, text).expect("write");
    let (code, out, err) =
        corolint(&["check", "--isolated", "--output-format", "concise", "--fix", "corosync.conf"], tmp.path());
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("fixed: corosync.conf (1 fix)"), "{err}");
    let now = std::fs::read_to_string(&conf).expect("read");
    assert!(now.starts_with("totem {\n"), "{now}");
    assert!(now.contains("cluster_name: prod # main"), "an unsafe fix was applied without --unsafe-fixes: {now}");
    assert!(out.contains("trailing-comment") && !out.contains("section-colon"), "{out}");
    let (code, out, _) =
        corolint(&["check", "--isolated", "--fix-only", "--unsafe-fixes", "corosync.conf"], tmp.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.is_empty(), "{out}");
    assert!(std::fs::read_to_string(&conf).expect("read").contains("  # main\n  cluster_name: prod\n"));
    // `[rules] unfixable` keeps a rule's fixes from being applied.
    std::fs::write(&conf, text).expect("write");
    std::fs::write(tmp.path().join("corolint.toml"), "[rules]\nunfixable = [\"section-colon\"]\n").expect("write");
    let (_, _, err) = corolint(&["check", "--fix", "corosync.conf"], tmp.path());
    assert_eq!(std::fs::read_to_string(&conf).expect("read"), text, "{err}");
    std::fs::write(tmp.path().join("corolint.toml"), "[rules]\nfixable = [\"trailing-comment\"]\n").expect("write");
    let (_, _, err) = corolint(&["check", "--fix", "--unsafe-fixes", "corosync.conf"], tmp.path());
    let now = std::fs::read_to_string(&conf).expect("read");
    assert!(now.starts_with("totem: {") && now.contains("  # main\n"), "{now}{err}");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git must be installed for this test");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A commit that changes the nodelist without a bump is fixed by
/// `check --fix --git-base HEAD` to config_version + 1, and then checks clean.
#[test]
fn git_base_fix_bumps_config_version() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    let base = std::fs::read_to_string(root().join("testdata/changes/diff/not-bumped/old.conf")).expect("read");
    assert!(base.contains("config_version: 4"), "fixture changed: {base}");
    let conf = repo.join("corosync.conf");
    std::fs::write(&conf, &base).expect("write");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-qm", "base"]);
    let (code, out, _) =
        corolint(&["check", "--isolated", "--fail-on", "error", "--git-base", "HEAD", "corosync.conf"], repo);
    assert_eq!(code, 0, "the base must check clean: {out}");
    let changed = base.replacen("    ring0_addr: 10.0.0.2", "    ring0_addr: 10.0.0.12", 1);
    assert_ne!(changed, base, "fixture has no node 10.0.0.2");
    std::fs::write(&conf, &changed).expect("write");
    let (code, out, _) =
        corolint(&["check", "--isolated", "--fail-on", "error", "--git-base", "HEAD", "corosync.conf"], repo);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("config-version-not-bumped"), "{out}");
    let (code, out, err) =
        corolint(&["check", "--isolated", "--fail-on", "error", "--fix", "--git-base", "HEAD", "corosync.conf"], repo);
    assert_eq!(code, 0, "{out}{err}");
    let fixed = std::fs::read_to_string(&conf).expect("read");
    assert_eq!(fixed, changed.replace("config_version: 4", "config_version: 5"));
    let (code, out, _) =
        corolint(&["check", "--isolated", "--fail-on", "error", "--git-base", "HEAD", "corosync.conf"], repo);
    assert_eq!(code, 0, "{out}");
    // A lowered version is fixed to base + 1 too.
    std::fs::write(&conf, base.replace("config_version: 4", "config_version: 2")).expect("write");
    let (_, _, err) = corolint(&["check", "--isolated", "--fix", "--git-base", "HEAD", "corosync.conf"], repo);
    assert!(std::fs::read_to_string(&conf).expect("read").contains("config_version: 5"), "{err}");
}

/// In `drift`, a copy that drifted at the newest version gets an unsafe fix
/// to one more than the highest version, which verifies and clears the drift.
#[test]
fn drift_offers_max_plus_one() {
    let dir = root().join("testdata/changes/drift/three-nodes");
    let mut paths: Vec<PathBuf> = Vec::new();
    for e in walkdir(&dir) {
        paths.push(e);
    }
    paths.sort();
    let sources: Vec<SourceFile> =
        paths.iter().map(|p| SourceFile::new(p.display().to_string(), std::fs::read(p).expect("read"))).collect();
    let d = corolint::changes::drift::analyze(sources);
    let drifted =
        d.reports.iter().find(|r| r.diagnostics.iter().any(|x| x.rule == "node-drift")).expect("a drifted copy");
    let diag = drifted.diagnostics.iter().find(|x| x.rule == "node-drift").expect("node-drift");
    let fix = diag.fix.as_ref().expect("node-drift has a fix");
    assert_eq!(fix.applicability, Applicability::Unsafe);
    let want = format!("{}", d.newest + 1);
    let analysis = Analysis::new(drifted.source.clone());
    let fixed = corolint::fix::apply::apply_fixes(&drifted.source.bytes, &[fix]).expect("applies");
    corolint::autofix::verify::verify(&analysis, &fixed, &[fix]).expect("verifies");
    let after = Analysis::new(SourceFile::new("x", fixed));
    assert_eq!(after.cmap.get_bytes("totem.config_version"), Some(want.into_bytes()));
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else if p.extension().is_some_and(|x| x == "conf") {
            out.push(p);
        }
    }
    out
}
