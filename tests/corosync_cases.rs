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
        let analysis = Analysis::new(SourceFile::new(name, bytes));
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

/// Refusals after the parser whose verdict depends on the machine the case was
/// recorded on (hostname `vm`, only 127.0.0.1 local, its files and DNS), each
/// with the reason. Host checks (`--host-checks`) cover them on a real node.
const HOST_DEPENDENT: &[(&str, &str)] = &[
    ("68_local_not_found", "no node's name or ring0_addr is the recording host; on a member of this cluster it starts"),
    ("74_unresolvable_addr", "ring0_addr is a hostname: whether it resolves depends on the host's DNS and /etc/hosts"),
    ("84_crypto_no_keyfile", "the keyfile is read from the host's disk"),
    ("113_iface_mcastaddr_bad", "mcastaddr is a hostname: resolved through the host's DNS"),
    ("139_keyfile_short", "the keyfile's length is on the host's disk"),
    ("166_log_logfile_unwritable", "the logfile's directory is on the host's disk"),
    ("167_log_logfile_without_to_logfile", "the logfile's directory is on the host's disk"),
    ("185_sys_state_dir_missing", "the state directory is on the host's disk"),
    (
        "270_two_nodelists",
        "after the second nodelist overwrites the first, no node is the recording host `vm`; another host may be one",
    ),
    (
        "289_knet_link1_only_ifaces",
        "without ring0_addr the local node is found by name only: on a host named `a` or `b` it starts (like case 134)",
    ),
];

/// corosync's message of a refusal after the parser, without the log prefix,
/// `parse error in config: ` and a trailing period.
fn startup_message(output: &[serde_json::Value]) -> Option<String> {
    let line = output.iter().filter_map(|l| l.as_str()).find(|l| {
        !l.contains("exiting with status") && (l.starts_with("error") || l.starts_with("parse error in config"))
    })?;
    let msg = line.split_once("] ").map_or(line, |(_, m)| m);
    let msg = msg.strip_prefix("parse error in config: ").unwrap_or(msg);
    Some(msg.trim().trim_end_matches('.').to_string())
}

/// Every case corosync refuses after its parser accepted the file, where the
/// verdict does not depend on the host, gets an error carrying corosync's own
/// message (in the message or the help); every case corosync accepts gets no
/// error from the startup model.
#[test]
fn startup_refusals_are_errors_with_corosyncs_message() {
    use corolint::diagnostic::Severity;
    use corolint::rules::Profile;
    let mut failures = Vec::new();
    let mut refused = 0;
    for case in cases() {
        let name = case["name"].as_str().expect("name");
        let rc = case["corosync_t_rc"].as_i64().expect("rc");
        let output: Vec<serde_json::Value> = case["output"].as_array().cloned().unwrap_or_default();
        let content = case["content"].as_str().expect("content");
        let analysis = Analysis::new(SourceFile::new(name, rebuild_bytes(name, content)));
        let net = corolint::nodes::Network::new(&analysis.cmap, &analysis.parsed.tree, &analysis.source.bytes);
        let model = corolint::startup::refusals(&analysis.cmap, &net);
        if rc == 0 {
            if let Some(r) = model.first() {
                failures.push(format!("{name}: corosync accepts it; the startup model says `{}`", r.message));
            }
            continue;
        }
        if matches!(rc, -6 | -11) || parser_verdict(&output).is_some() {
            continue;
        }
        if let Some((_, reason)) = HOST_DEPENDENT.iter().find(|(n, _)| *n == name) {
            assert!(!reason.is_empty());
            continue;
        }
        refused += 1;
        let Some(message) = startup_message(&output) else {
            failures.push(format!("{name}: no message recorded"));
            continue;
        };
        let report = corolint::lint::lint(&analysis, Profile::Generic, |_| true);
        let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        let carries = |d: &&corolint::diagnostic::Diagnostic| {
            d.message.contains(&message) || d.help.as_deref().is_some_and(|h| h.contains(&message))
        };
        if !errors.iter().any(carries) {
            let got: Vec<String> = errors.iter().map(|d| format!("{}: {}", d.rule, d.message)).collect();
            failures.push(format!("{name}: corosync says `{message}`; errors: {got:?}"));
        }
    }
    assert!(refused >= 70, "only {refused} host-independent startup refusals replayed");
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}
