//! How much corolint says about files that real tools wrote: every corpus file
//! (`testdata/corpus/real`) and every peer-like fixture (`testdata/peers`, as
//! pcs and crmsh write them) is checked with the default settings and the
//! profile its content shows; the count per rule and severity is a reviewed
//! snapshot, so any change in noise shows in review. pcs output must be clean.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use corolint::config::Config;
use corolint::lint::{self, Analysis};
use corolint::rules::Profile;
use corolint::source::SourceFile;

fn conf_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walk(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == "conf")).collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.expect("entry").path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

/// (profile, diagnostics as `severity rule`) of one file under the defaults.
fn check(path: &Path) -> (Profile, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).expect("read");
    let name = path.strip_prefix(root).unwrap_or(path).display().to_string();
    let analysis = Analysis::new(SourceFile::new(name, bytes));
    let config = Config::default();
    let (profile, _) = config.profile_with_reason(path, &analysis.source.bytes, &analysis.cmap);
    let report = lint::lint_configured(&analysis, &config, profile);
    (profile, report.diagnostics.iter().map(|d| format!("{} {}", d.severity.as_str(), d.rule)).collect())
}

fn counts(files: &[PathBuf]) -> String {
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut profiles: BTreeMap<&'static str, usize> = BTreeMap::new();
    for f in files {
        let (profile, diags) = check(f);
        *profiles.entry(profile.as_str()).or_default() += 1;
        for d in diags {
            *by_rule.entry(d).or_default() += 1;
        }
    }
    let mut out = format!("{} files; profiles: {profiles:?}\n", files.len());
    for (rule, n) in by_rule {
        out.push_str(&format!("{n:>4} {rule}\n"));
    }
    out
}

#[test]
fn noise_over_the_corpus() {
    let files = conf_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/corpus/real"));
    assert_eq!(files.len(), 125);
    insta::assert_snapshot!("noise_corpus", counts(&files));
}

#[test]
fn noise_over_peer_fixtures() {
    let files = conf_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/peers"));
    assert!(files.len() >= 7, "the pcs and crmsh fixtures are missing");
    let mut per_file = String::new();
    for f in &files {
        let (profile, diags) = check(f);
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        per_file.push_str(&format!(
            "{name} [{}]: {}\n",
            profile.as_str(),
            if diags.is_empty() { "clean".to_string() } else { diags.join(", ") }
        ));
    }
    insta::assert_snapshot!("noise_peers", per_file);
}

/// `pcs cluster setup` output checks clean, with the pacemaker profile detected.
#[test]
fn pcs_output_is_clean_under_the_detected_profile() {
    for f in conf_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/peers/pcs")) {
        let (profile, diags) = check(&f);
        assert_eq!(profile, Profile::Pacemaker, "{}", f.display());
        assert!(diags.is_empty(), "{}: {diags:?}", f.display());
    }
}
