//! SARIF 2.1.0 output, for code-scanning services. Rule ids are the stable
//! rule codes; artifact URIs are relative to the working directory when the
//! file is inside it (absolute paths become `file://` URIs).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use super::lazy::LazySeq;
use crate::diagnostic::{Diagnostic, FileReport, Label, Severity};
use crate::source::SourceFile;

/// The SARIF schema the output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log: one run whose `results` are written one finding at a
/// time. Fields are in key order, as a `serde_json::Value` object writes them.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

/// The run of a [`Log`].
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    results: LazySeq<'a>,
    tool: Value,
}

fn log(reports: &[FileReport]) -> Log<'_> {
    let all = crate::rules::all();
    let rules: Vec<Value> = all
        .iter()
        .map(|e| {
            json!({
                "id": e.rule.code,
                "name": e.rule.name,
                "shortDescription": { "text": e.rule.summary },
                "fullDescription": { "text": e.rule.summary },
                "help": { "text": e.doc, "markdown": e.doc },
                "defaultConfiguration": { "level": level(e.rule.severity) },
                "properties": { "category": e.rule.category.as_str() }
            })
        })
        .collect();
    let results = reports.iter().flat_map(|r| r.diagnostics.iter().map(move |d| result(r, d)));
    Log {
        schema: SCHEMA,
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results: LazySeq::new(results),
            tool: json!({ "driver": {
                "name": "corolint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/corolint/corolint",
                "rules": rules
            }}),
        }],
        version: "2.1.0",
    }
}

/// The SARIF `result` for one diagnostic of `r`.
fn result(r: &FileReport, d: &Diagnostic) -> Value {
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [location(&r.source, &d.primary)],
    });
    if let Some(index) = crate::rules::position(d.rule) {
        result["ruleIndex"] = json!(index);
    }
    if !d.secondary.is_empty() {
        let related: Vec<Value> = d
            .secondary
            .iter()
            .enumerate()
            .map(|(id, label)| {
                let mut loc = location(&r.source, label);
                loc["id"] = json!(id);
                loc
            })
            .collect();
        result["relatedLocations"] = Value::Array(related);
    }
    if let Some(fix) = &d.fix {
        result["fixes"] = json!([sarif_fix(&r.source, fix)]);
    }
    result
}

/// Builds the SARIF log for `reports` (the document [`render`] writes).
pub fn to_value(reports: &[FileReport]) -> Value {
    serde_json::to_value(log(reports)).unwrap_or(Value::Null)
}

/// A SARIF `location` for a label (its text becomes the location's message).
fn location(source: &SourceFile, label: &Label) -> Value {
    let (start, end) = super::region(source, label.span);
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": artifact_uri_bytes(source.raw_name()) },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column
            }
        }
    });
    if !label.message.is_empty() {
        loc["message"] = json!({ "text": label.message });
    }
    loc
}

/// A SARIF `fix`: one `artifactChange` for the file, one `replacement` per
/// edit (an empty `deletedRegion` is an insertion point). Regions carry both
/// line/column and byte offsets.
fn sarif_fix(source: &SourceFile, fix: &crate::fix::Fix) -> Value {
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            let (start, end) = (source.line_col(e.span.start_usize()), source.line_col(e.span.end_usize()));
            json!({
                "deletedRegion": {
                    "startLine": start.line,
                    "startColumn": start.column,
                    "endLine": end.line,
                    "endColumn": end.column,
                    "byteOffset": e.span.start_usize(),
                    "byteLength": e.span.len()
                },
                "insertedContent": { "text": String::from_utf8_lossy(&e.replacement) }
            })
        })
        .collect();
    json!({
        "description": { "text": fix.message },
        "artifactChanges": [{
            "artifactLocation": { "uri": artifact_uri(&source.name) },
            "replacements": replacements
        }],
        "properties": { "applicability": fix.applicability.as_str() }
    })
}

/// The SARIF level for a severity.
pub const fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A URI reference for a displayed file name: relative names stay relative
/// (with `/` separators and no leading `./`), absolute ones become `file://`
/// URIs; bytes outside the unreserved set and `/` are percent-encoded.
pub fn artifact_uri(name: &str) -> String {
    artifact_uri_bytes(name.as_bytes())
}

/// [`artifact_uri`] of a file name's own bytes: bytes that are not UTF-8
/// are percent-encoded as they are (`%FF`), not as a replacement character.
pub fn artifact_uri_bytes(name: &[u8]) -> String {
    let name: Vec<u8> = name.iter().map(|&b| if b == b'\\' { b'/' } else { b }).collect();
    let mut relative: &[u8] = &name;
    while let Some(rest) = relative.strip_prefix(b"./") {
        relative = rest;
    }
    let prefix = if relative.starts_with(b"/") { "file://" } else { "" };
    let mut out = String::from(prefix);
    for &b in relative {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Writes the SARIF document, one finding at a time.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(reports))?;
    writeln!(out)
}
