//! The real corpus (`testdata/corpus/real`, 125 files from public repositories):
//! parse → print is byte-identical, corosync's parser verdicts are matched,
//! and no file corosync's parser accepts gets a syntax error from corolint.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use corolint::lint::Analysis;
use corolint::source::SourceFile;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/corpus/real")
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(corpus_dir())
        .expect("testdata/corpus/real")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "conf"))
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (name, std::fs::read(&p).expect("read corpus file"))
        })
        .collect();
    files.sort();
    files
}

/// file → (line, message) of corosync's parser error, from COROSYNC_VERDICTS.tsv.
fn verdicts() -> HashMap<String, Option<(usize, String)>> {
    let text = std::fs::read_to_string(corpus_dir().join("COROSYNC_VERDICTS.tsv")).expect("verdicts");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let file = cols.first()?.to_string();
            let message = cols.get(3).copied().unwrap_or("");
            let parser = message.strip_prefix("parser error: <file>:").and_then(|rest| {
                let (line, msg) = rest.split_once(": ")?;
                Some((line.parse().ok()?, msg.to_string()))
            });
            Some((file, parser))
        })
        .collect()
}

#[test]
fn every_file_round_trips_byte_for_byte() {
    let files = corpus();
    assert_eq!(files.len(), 125, "the corpus has 125 files");
    for (name, bytes) in files {
        let parsed = corolint::syntax::parse(&bytes);
        assert!(parsed.tree.print(&bytes) == bytes, "{name}: printing the tree does not give the input back");
    }
}

#[test]
fn parser_verdicts_match_corosync() {
    let verdicts = verdicts();
    let mut failures = Vec::new();
    let mut refused = 0;
    for (name, bytes) in corpus() {
        let verdict = verdicts.get(&name).unwrap_or_else(|| panic!("{name} has no verdict"));
        let analysis = Analysis::new(SourceFile::new(name.clone(), bytes));
        let first =
            analysis.errors().first().map(|e| (analysis.source.line_col(e.span.start_usize()).line, e.message.clone()));
        match (verdict, first) {
            // The uidgid user look-ups depend on the machine's user database.
            (Some((_, msg)), _) if msg.contains("is not found in /etc/") => {}
            (Some((line, msg)), Some((l, m))) => {
                refused += 1;
                // The TSV collapses runs of blanks in messages.
                let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                if *line != l || squash(msg) != squash(&m) {
                    failures.push(format!("{name}: corosync {line}: {msg}; corolint {l}: {m}"));
                }
            }
            (Some((line, msg)), None) => failures.push(format!("{name}: corosync {line}: {msg}; corolint accepts it")),
            (None, Some((l, m))) => failures.push(format!("{name}: corosync's parser accepts it; corolint {l}: {m}")),
            (None, None) => {}
        }
    }
    assert_eq!(refused, 9, "nine corpus files fail corosync's parser (besides the uidgid look-ups)");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn accepted_by_corosync() -> Vec<String> {
    let text = std::fs::read_to_string(corpus_dir().join("COROSYNC_VERDICTS.tsv")).expect("verdicts");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.get(2) == Some(&"0")).then(|| cols[0].to_string())
        })
        .collect()
}

/// How often each rule fires over the whole corpus (generic profile), kept as a
/// snapshot so that any change in what corolint reports on real files is reviewed.
#[test]
fn rules_fired_over_the_corpus() {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    for (name, bytes) in corpus() {
        let analysis = Analysis::new(SourceFile::new(name, bytes));
        let report = corolint::lint::lint(&analysis, corolint::rules::Profile::Generic, |_| true);
        for d in &report.diagnostics {
            *counts.entry((d.rule.to_string(), d.severity.as_str())).or_default() += 1;
        }
    }
    let summary: String = counts.iter().map(|((rule, sev), n)| format!("{n:>4} {sev:<7} {rule}\n")).collect();
    insta::assert_snapshot!("corpus_rules_fired", summary);
}

/// Errors on files that the real corosync accepts were each reviewed; this is
/// the reviewed list (file, rule), every one a real mistake corosync ignores.
#[test]
fn errors_on_corosync_accepted_files_are_the_reviewed_ones() {
    let accepted = accepted_by_corosync();
    assert_eq!(accepted.len(), 35);
    let mut found = Vec::new();
    for (name, bytes) in corpus() {
        if !accepted.contains(&name) {
            continue;
        }
        let analysis = Analysis::new(SourceFile::new(name.clone(), bytes));
        let report = corolint::lint::lint(&analysis, corolint::rules::Profile::Generic, |_| true);
        for d in report.diagnostics.iter().filter(|d| d.severity == corolint::diagnostic::Severity::Error) {
            let line = analysis.source.line_col(d.primary.span.start_usize()).line;
            found.push(format!("{name}:{line} {} {}", d.rule, d.message));
        }
    }
    insta::assert_snapshot!("corpus_errors_on_accepted_files", found.join("\n"));
}
