//! Differential test against the installed `corosync -t` (corosync 3.1.7).
//!
//! Every real corpus file, and deterministic syntax mutations of each, is
//! written to a temporary file (with the first node's `ring0_addr` set to
//! 127.0.0.1 so corosync finds a local node) and checked by both corosync and
//! corolint. Whether corosync's parser refuses the file, and on which line,
//! must agree with corolint's first syntax or type error.
//!
//! Without `corosync` installed the test is skipped, unless
//! `COROLINT_REQUIRE_COROSYNC=1`, in which case it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use corolint::lint::Analysis;
use corolint::source::SourceFile;

fn corosync() -> Option<PathBuf> {
    let found =
        ["/usr/sbin/corosync", "/usr/bin/corosync", "/sbin/corosync"].iter().map(PathBuf::from).find(|p| p.exists());
    if found.is_none() && std::env::var("COROLINT_REQUIRE_COROSYNC").is_ok_and(|v| v == "1") {
        panic!("COROLINT_REQUIRE_COROSYNC=1 but `corosync` is not installed (apt-get install corosync)");
    }
    found
}

/// corosync's parser verdict: `Some(line)` when it refused the file in its parser,
/// `Some(0)` when it crashed in the parser, `None` when the parser accepted it.
fn corosync_parser_verdict(bin: &Path, file: &Path) -> Option<usize> {
    let out = Command::new(bin).arg("-t").arg("-c").arg(file).output().expect("run corosync");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let marker = format!("parser error: {}:", file.display());
    if let Some(rest) = text.split(&marker).nth(1) {
        return rest.split(':').next().and_then(|n| n.parse().ok());
    }
    if out.status.code().is_none() {
        return Some(0); // killed by a signal: the 3.1.7 parser crashes
    }
    None
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/corpus/real");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/corpus/real")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "conf"))
        .collect();
    files.sort();
    files
}

/// Replaces the value of the first `ring0_addr` with 127.0.0.1.
fn localize(bytes: &[u8]) -> Vec<u8> {
    let Some(pos) = bytes.windows(10).position(|w| w == b"ring0_addr") else { return bytes.to_vec() };
    let Some(colon) = bytes[pos..].iter().position(|&b| b == b':') else { return bytes.to_vec() };
    let value_start = pos + colon + 1;
    let line_end =
        bytes[value_start..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(bytes.len(), |e| value_start + e);
    [&bytes[..value_start], b" 127.0.0.1", &bytes[line_end..]].concat()
}

/// Small deterministic mutations that exercise the grammar's corners.
fn mutations(bytes: &[u8], seed: usize) -> Vec<Vec<u8>> {
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    if lines.is_empty() {
        return Vec::new();
    }
    let pick = |k: usize, pred: &dyn Fn(&[u8]) -> bool| -> Option<usize> {
        let candidates: Vec<usize> = (0..lines.len()).filter(|&i| pred(lines[i])).collect();
        (!candidates.is_empty()).then(|| candidates[(seed * 7 + k * 13) % candidates.len()])
    };
    let is_pair = |l: &[u8]| l.contains(&b':') && !l.contains(&b'{') && !l.trim_ascii_start().starts_with(b"#");
    let edit = |i: usize, new: Vec<u8>| -> Vec<u8> {
        let mut out = Vec::new();
        for (j, l) in lines.iter().enumerate() {
            if j == i {
                out.extend_from_slice(&new);
            } else {
                out.extend_from_slice(l);
            }
        }
        out
    };
    let strip_nl = |l: &[u8]| l.strip_suffix(b"\n").unwrap_or(l).to_vec();
    let mut out = Vec::new();
    if let Some(i) = pick(1, &is_pair) {
        out.push(edit(i, [strip_nl(lines[i]), b" # note\n".to_vec()].concat()));
    }
    if let Some(i) = pick(2, &|l| l.trim_ascii() == b"}") {
        out.push(edit(i, Vec::new()));
        out.push(edit(i, b"} # end\n".to_vec()));
    }
    if let Some(i) = pick(3, &is_pair) {
        let l = strip_nl(lines[i]);
        let colon = l.iter().position(|&b| b == b':').unwrap_or(0);
        out.push(edit(i, [&l[..colon], b" ", &l[colon + 1..], b"\n"].concat()));
        out.push(edit(i, [l.clone(), b" {\n".to_vec()].concat()));
        out.push(edit(i, [l.clone(), vec![b'x'; 520usize.saturating_sub(l.len())], b"\n".to_vec()].concat()));
        out.push(edit(i, [l.clone(), b"\0\n".to_vec()].concat()));
        out.push(edit(i, [b"\xA0".to_vec(), l.clone(), b"\n".to_vec()].concat()));
        out.push(edit(i, [&l[..colon], b": 0x10\n"].concat()));
        out.push(edit(i, [&l[..colon], b": \"2\"\n"].concat()));
        out.push(edit(i, [&l[..colon], b":\r\n"].concat()));
    }
    if let Some(i) = pick(4, &|l| l.contains(&b'{')) {
        let l = strip_nl(lines[i]);
        out.push(edit(i, [l.clone(), b" }\n".to_vec()].concat()));
        let name_end = l.iter().position(|&b| b == b'{').unwrap_or(0);
        out.push(edit(i, [l[..name_end].trim_ascii_end().to_vec(), b"\n{\n".to_vec()].concat()));
        out.push(edit(i, [l[..name_end].trim_ascii_end().to_vec(), b"{\n".to_vec()].concat()));
    }
    out.push([bytes, b"}\n"].concat());
    out.push([b"\xEF\xBB\xBF".as_slice(), bytes].concat());
    out
}

#[test]
fn parser_verdicts_match_installed_corosync() {
    let Some(bin) = corosync() else {
        eprintln!("skipping: corosync is not installed");
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    let mut compared = 0;
    for (n, path) in corpus_files().iter().enumerate() {
        let original = std::fs::read(path).expect("read corpus file");
        if original.windows(6).any(|w| w == b"uidgid") {
            continue; // resolved against this machine's user database
        }
        let mut variants = vec![localize(&original)];
        variants.extend(mutations(&localize(&original), n));
        for (k, bytes) in variants.iter().enumerate() {
            let file = dir.path().join(format!("case-{n}-{k}.conf"));
            std::fs::write(&file, bytes).expect("write variant");
            let theirs = corosync_parser_verdict(&bin, &file);
            let analysis = Analysis::new(SourceFile::new("x", bytes.clone()));
            let ours = analysis.errors().first().map(|e| analysis.source.line_col(e.span.start_usize()).line);
            compared += 1;
            let agree = match (theirs, ours) {
                (None, None) => true,
                (Some(0), Some(_)) => true,
                (Some(a), Some(b)) => a == b,
                _ => false,
            };
            if !agree {
                let name = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
                let _ = std::fs::copy(&file, std::env::temp_dir().join(format!("corolint-disagree-{n}-{k}.conf")));
                failures.push(format!("{name} variant {k}: corosync {theirs:?}, corolint {ours:?}"));
            }
        }
    }
    assert!(compared > 500, "only {compared} variants compared");
    assert!(failures.is_empty(), "{} of {compared} disagree:\n{}", failures.len(), failures.join("\n"));
}
