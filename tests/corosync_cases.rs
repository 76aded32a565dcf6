//! Agreement with the real corosync 3.1.7: every case of
//! `testdata/reference/corosync-t-cases.json` (recorded `corosync -t` runs) is
//! replayed. Where corosync's verdict comes from the parser or its type
//! checks, corolint must report an error on the same line with the same
//! message; every other case must parse without a syntax or type error.

use corolint::lint::Analysis;
use corolint::source::SourceFile;
use corolint::syntax::ErrorKind;

/// Cases that depend on the machine the recording was made on (its user and
/// group database), which corolint cannot know offline.
const MACHINE_DEPENDENT: &[&str] = &["200_uidgid_unknown_user", "204_uidgid_unknown_group"];

fn cases() -> Vec<serde_json::Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/reference/corosync-t-cases.json");
    let text = std::fs::read_to_string(path).expect("testdata/reference/corosync-t-cases.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    json["cases"].as_array().expect("cases array").clone()
}

/// `parser error: FILE:12: message` → (12, message).
fn parser_verdict(output: &[serde_json::Value]) -> Option<(usize, String)> {
    output.iter().filter_map(|l| l.as_str()).find_map(|l| {
        let rest = l.split("parser error: FILE:").nth(1)?;
        let (line, msg) = rest.split_once(": ")?;
        Some((line.parse().ok()?, msg.to_string()))
    })
}

#[test]
fn parser_verdicts_match_corosync() {
    let cases = cases();
    assert!(cases.len() >= 285, "expected the 285 recorded cases, got {}", cases.len());
    let mut failures = Vec::new();
    let mut parser_cases = 0;
    for case in &cases {
        let name = case["name"].as_str().expect("name");
        if MACHINE_DEPENDENT.contains(&name) {
            continue;
        }
        let content = case["content"].as_str().expect("content");
        let rc = case["corosync_t_rc"].as_i64().expect("rc");
        let output: Vec<serde_json::Value> = case["output"].as_array().cloned().unwrap_or_default();
        // The JSON holds text; bytes outside UTF-8 were recorded as U+FFFD or
        // escaped. Cases with Latin-1 bytes are rebuilt below.
        let bytes = rebuild_bytes(name, content);
        let analysis = Analysis::for_target(SourceFile::new(name, bytes), corolint::version::TargetVersion::V3_1_7);
        let errors = analysis.errors();
        let first = errors.first().map(|e| (analysis.source.line_col(e.span.start_usize()).line, e.message.clone()));
        match (rc, parser_verdict(&output)) {
            (-6, _) => {
                if !errors.iter().any(|e| e.kind == ErrorKind::InvalidUnsignedInteger) {
                    failures.push(format!("{name}: corosync aborts (SIGABRT); we report {first:?}"));
                }
            }
            (-11, _) => {
                if !errors.iter().any(|e| e.kind == ErrorKind::LoggerSubsysSubsection) {
                    failures.push(format!("{name}: corosync segfaults; we report {first:?}"));
                }
            }
            (_, Some((line, msg))) => {
                parser_cases += 1;
                match &first {
                    Some((l, m)) if *l == line && messages_agree(m, &msg) => {}
                    other => failures.push(format!("{name}: corosync says line {line}: {msg}; we say {other:?}")),
                }
            }
            (_, None) => {
                if let Some(e) = first {
                    failures.push(format!("{name}: corosync's parser accepts it (rc {rc}); we report {e:?}"));
                }
            }
        }
    }
    assert!(parser_cases >= 60, "only {parser_cases} parser-decided cases found");
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

/// Messages agree when equal, or when corosync's contains bytes the JSON could
/// not carry (shown as U+FFFD or cut at a control character).
fn messages_agree(ours: &str, theirs: &str) -> bool {
    if ours == theirs || unescape_bytes(ours) == theirs {
        return true;
    }
    let norm = |s: &str| s.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').collect::<String>();
    let (o, t) = (norm(ours), norm(theirs));
    o == t || o.starts_with(&t) || t.starts_with(&o)
}

/// Cases whose recorded content lost non-UTF-8 bytes get them back here.
fn rebuild_bytes(name: &str, content: &str) -> Vec<u8> {
    let mut bytes = content.as_bytes().to_vec();
    if name.starts_with("247_") || name.starts_with("40_") || name.starts_with("41_") {
        // Latin-1 cases: U+FFFD / U+00A0 / é stood for single bytes.
        let mut out = Vec::new();
        for ch in content.chars() {
            match ch {
                '\u{FFFD}' => out.push(0xA0),
                c if (c as u32) >= 0x80 && (c as u32) <= 0xFF => out.push(c as u32 as u8),
                c => {
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        bytes = out;
    }
    bytes
}

/// Our messages show a non-UTF-8 byte as `\xNN`; the recording shows U+FFFD.
fn unescape_bytes(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\x") {
        out.push_str(&rest[..i]);
        let hex = rest.get(i + 2..i + 4).unwrap_or("");
        if hex.len() == 2 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            out.push('\u{FFFD}');
            rest = &rest[i + 4..];
        } else {
            out.push_str("\\x");
            rest = &rest[i + 2..];
        }
    }
    out.push_str(rest);
    out
}
