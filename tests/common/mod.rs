//! What the differential tests against corosync share: the recorded cases
//! of every version, the real corpus, the substitution that makes a file's
//! first node local, and how a `corosync -t` verdict is read.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use corolint::lint::Analysis;
use corolint::version::TargetVersion;

/// The releases corosync was recorded with (and the differential tests run).
pub const ORACLE_VERSIONS: [TargetVersion; 3] = [TargetVersion::V3_1_7, TargetVersion::V3_1_9, TargetVersion::V3_1_10];

/// One configuration with a name.
pub struct Case {
    /// `01_empty_file`, `probe:P12_…` or `corpus/real/NNN-….conf`.
    pub name: String,
    /// The bytes corosync read.
    pub bytes: Vec<u8>,
}

/// What `corosync -t` made of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// rc 0.
    Accepted,
    /// The parser or its type checks refused the file at this line.
    ParserRefused(usize, String),
    /// Killed by a signal (SIGSEGV, SIGABRT).
    Crashed(i64),
    /// Refused after parsing (totem or votequorum checks), with corosync's message.
    Refused(String),
}

/// Why corolint's parser disagrees with a parser-stage `verdict` of corosync
/// on `analysis`, if it does: corosync accepts → corolint reports no syntax
/// error; its parser refuses line N → corolint's first error is on line N
/// (unless the message is one of `machine_dependent`); it crashes → corolint
/// reports an error. `None` for a refusal after parsing: each test judges those.
pub fn parser_disagreement(analysis: &Analysis, verdict: &Verdict, machine_dependent: &[&str]) -> Option<String> {
    let errors = analysis.errors();
    let first = errors.first().map(|e| (analysis.source.line_col(e.span.start_usize()).line, e.message.clone()));
    match verdict {
        Verdict::Accepted => first.map(|e| format!("corosync accepts it; corolint reports {e:?}")),
        Verdict::ParserRefused(_, message) if machine_dependent.iter().any(|m| message.contains(m)) => None,
        Verdict::ParserRefused(line, message) => match &first {
            Some((l, _)) if l == line => None,
            other => Some(format!("corosync's parser refuses line {line} ({message}); corolint reports {other:?}")),
        },
        Verdict::Crashed(rc) => {
            first.is_none().then(|| format!("corosync crashes (rc {rc}); corolint reports no error"))
        }
        Verdict::Refused(_) => None,
    }
}

impl Verdict {
    /// The verdict of a run: its rc (negative: killed by that signal) and
    /// output, where the config file is shown as `file`.
    pub fn of(rc: i64, output: &[String], file: &str) -> Verdict {
        let marker = format!("parser error: {file}:");
        for line in output {
            if let Some(rest) = line.split(&marker).nth(1)
                && let Some((n, msg)) = rest.split_once(": ")
                && let Ok(n) = n.parse()
            {
                return Verdict::ParserRefused(n, msg.to_string());
            }
        }
        match rc {
            0 => Verdict::Accepted,
            rc if rc < 0 => Verdict::Crashed(rc),
            _ => Verdict::Refused(output.iter().find(|l| !l.contains("warning")).cloned().unwrap_or_default()),
        }
    }
}

fn reference(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/reference").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

/// The recorded runs of every case of `corosync-t-cases-versions.json`.
pub fn versions_json() -> serde_json::Value {
    reference("corosync-t-cases-versions.json")
}

fn decode(entry: &serde_json::Value) -> Vec<u8> {
    match entry["content_b64"].as_str() {
        Some(b64) => decode_base64(b64),
        None => entry["content"].as_str().expect("content").as_bytes().to_vec(),
    }
}

/// Standard base64 (with `=` padding) to bytes.
fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c:#04x}"),
        }
    };
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace() && *b != b'=').collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk.iter().fold(0u32, |acc, &c| acc << 6 | value(c)) << (6 * (4 - chunk.len()));
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

/// The 285 recorded cases (bytes exact: `content_b64` where the text lost bytes).
pub fn recorded_cases() -> Vec<Case> {
    let json = reference("corosync-t-cases.json");
    let cases = json["cases"].as_array().expect("cases");
    cases.iter().map(|c| Case { name: c["name"].as_str().expect("name").to_string(), bytes: decode(c) }).collect()
}

/// The version probes, named `probe:NAME` as in the JSON's `differing` list.
pub fn probes() -> Vec<Case> {
    let json = versions_json();
    let probes = json["probes"].as_object().expect("probes");
    probes.iter().map(|(name, p)| Case { name: format!("probe:{name}"), bytes: decode(p) }).collect()
}

/// The real corpus files, named `corpus/real/FILE`, with their first node made local.
pub fn corpus_cases() -> Vec<Case> {
    corpus_files()
        .into_iter()
        .map(|path| {
            let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            let bytes = std::fs::read(&path).expect("read corpus file");
            Case { name: format!("corpus/real/{file}"), bytes: localize(&bytes) }
        })
        .collect()
}

/// The `.conf` files of `testdata/corpus/real`, sorted.
pub fn corpus_files() -> Vec<PathBuf> {
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

/// The substitution of `testdata/corpus/real/README.md`: the value of the
/// first `ring0_addr:` (else the first `ringN_addr:`) becomes 127.0.0.1.
pub fn localize(bytes: &[u8]) -> Vec<u8> {
    let find = |name: &[u8]| bytes.windows(name.len()).position(|w| w == name);
    let at = find(b"ring0_addr:").or_else(|| (1..8u8).filter_map(|n| find(format!("ring{n}_addr:").as_bytes())).min());
    let Some(at) = at else { return bytes.to_vec() };
    let Some(colon) = bytes[at..].iter().position(|&b| b == b':') else { return bytes.to_vec() };
    let value_start = at + colon + 1;
    let line_end =
        bytes[value_start..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(bytes.len(), |e| value_start + e);
    [&bytes[..value_start], b" 127.0.0.1", &bytes[line_end..]].concat()
}
