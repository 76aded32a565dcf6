//! The versioned JSON contract: `{"version": 1, "diagnostics": [...]}`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Value, json};

use super::lazy::LazySeq;

use crate::diagnostic::FileReport;

/// Version of the JSON schema. Bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

/// One diagnostic in JSON.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    /// Kebab-case rule name.
    pub rule: &'a str,
    /// Short code.
    pub code: &'a str,
    /// `error`, `warning` or `info`.
    pub severity: &'a str,
    /// File as given on the command line.
    pub file: &'a str,
    /// 1-based start line.
    pub line: usize,
    /// 1-based start column.
    pub column: usize,
    /// 1-based end line.
    pub end_line: usize,
    /// 1-based end column (exclusive).
    pub end_column: usize,
    /// Byte offset of the start.
    pub offset: usize,
    /// Byte offset of the end.
    pub end_offset: usize,
    /// The message.
    pub message: &'a str,
    /// Fix hint.
    pub help: Option<&'a str>,
    /// Other locations.
    pub related: Vec<JsonLabel<'a>>,
    /// The fix offered for it (`null`: none). Added in contract version 1
    /// without a version bump (additive).
    pub fix: Option<JsonFix<'a>>,
}

/// A fix in JSON: apply the edits (all of them, on the file as checked) to
/// repair the finding.
#[derive(Debug, Serialize)]
pub struct JsonFix<'a> {
    /// `safe`, `unsafe` or `display-only`.
    pub applicability: &'a str,
    /// What it does.
    pub message: &'a str,
    /// The edits, in file order, not overlapping.
    pub edits: Vec<JsonEdit>,
}

/// One edit: replace the bytes from `start` to `end` with `content`.
#[derive(Debug, Serialize)]
pub struct JsonEdit {
    /// Where the replaced range starts.
    pub start: JsonPosition,
    /// Where it ends (exclusive; equal to `start` for an insertion).
    pub end: JsonPosition,
    /// The new text (empty for a deletion); invalid UTF-8 as U+FFFD.
    pub content: String,
}

/// A position: 1-based line and column (characters), and byte offset.
#[derive(Debug, Serialize)]
pub struct JsonPosition {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Byte offset from the start of the file.
    pub offset: usize,
}

impl JsonPosition {
    /// The position of byte `offset` of `source`.
    pub fn at(source: &crate::source::SourceFile, offset: usize) -> Self {
        let p = source.line_col(offset);
        JsonPosition { line: p.line, column: p.column, offset }
    }
}

/// The JSON form of a fix on `source`.
pub fn json_fix<'a>(source: &crate::source::SourceFile, fix: &'a crate::fix::Fix) -> JsonFix<'a> {
    JsonFix {
        applicability: fix.applicability.as_str(),
        message: &fix.message,
        edits: fix
            .edits
            .iter()
            .map(|e| JsonEdit {
                start: JsonPosition::at(source, e.span.start_usize()),
                end: JsonPosition::at(source, e.span.end_usize()),
                content: String::from_utf8_lossy(&e.replacement).into_owned(),
            })
            .collect(),
    }
}

/// A secondary location.
#[derive(Debug, Serialize)]
pub struct JsonLabel<'a> {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Label text.
    pub message: &'a str,
}

/// The JSON form of one diagnostic of `r`.
fn diagnostic<'a>(r: &'a FileReport, d: &'a crate::diagnostic::Diagnostic) -> JsonDiagnostic<'a> {
    let (start, end) = super::region(&r.source, d.primary.span);
    JsonDiagnostic {
        rule: d.rule,
        code: d.code,
        severity: d.severity.as_str(),
        file: &r.source.name,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        offset: d.primary.span.start_usize(),
        end_offset: d.primary.span.end_usize(),
        message: &d.message,
        help: d.help.as_deref(),
        related: d
            .secondary
            .iter()
            .map(|l| {
                let p = r.source.line_col(l.span.start_usize());
                JsonLabel { line: p.line, column: p.column, message: &l.message }
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| json_fix(&r.source, f)),
    }
}

/// The whole document: `diagnostics` is written one finding at a time, the
/// other top-level members (small) are values; members come in key order,
/// as a `serde_json::Value` object writes them.
struct Document<'a> {
    reports: &'a [FileReport],
    members: BTreeMap<String, Value>,
}

impl<'a> Document<'a> {
    fn new(reports: &'a [FileReport]) -> Self {
        let mut members = BTreeMap::new();
        members.insert("version".to_owned(), json!(JSON_VERSION));
        members.insert("tool".to_owned(), json!({ "name": "corolint", "version": env!("CARGO_PKG_VERSION") }));
        members.insert(
            "summary".to_owned(),
            json!({
                "files": reports.len(),
                "errors": count(reports, "error"),
                "warnings": count(reports, "warning"),
                "infos": count(reports, "info"),
            }),
        );
        Document { reports, members }
    }

    fn diagnostics(&self) -> LazySeq<'a> {
        let reports = self.reports;
        LazySeq::new(
            reports.iter().flat_map(|r| r.diagnostics.iter().map(move |d| (r, d))).map(|(r, d)| {
                serde_json::to_value(diagnostic(r, d)).unwrap_or_else(|e| json!({ "error": e.to_string() }))
            }),
        )
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const DIAGNOSTICS: &str = "diagnostics";
        let mut map = serializer.serialize_map(Some(self.members.len() + 1))?;
        let mut written = false;
        for (key, value) in &self.members {
            if !written && key.as_str() > DIAGNOSTICS {
                map.serialize_entry(DIAGNOSTICS, &self.diagnostics())?;
                written = true;
            }
            map.serialize_entry(key, value)?;
        }
        if !written {
            map.serialize_entry(DIAGNOSTICS, &self.diagnostics())?;
        }
        map.end()
    }
}

/// Builds the JSON value for `reports` (the document [`render`] writes).
pub fn to_value(reports: &[FileReport]) -> Value {
    serde_json::to_value(Document::new(reports)).unwrap_or(Value::Null)
}

fn count(reports: &[FileReport], sev: &str) -> usize {
    reports.iter().flat_map(|r| &r.diagnostics).filter(|d| d.severity.as_str() == sev).count()
}

/// Writes the JSON document, one finding at a time.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Document::new(reports))?;
    writeln!(out)
}

/// Writes the JSON document with one more top-level member (`"diff"`, `"drift"`,
/// `"cluster"`) beside `version` and `diagnostics`.
pub fn render_with(reports: &[FileReport], key: &str, extra: Value, out: &mut dyn Write) -> io::Result<()> {
    let mut document = Document::new(reports);
    document.members.insert(key.to_owned(), extra);
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
