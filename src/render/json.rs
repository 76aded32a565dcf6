//! The versioned JSON contract: `{"version": 1, "diagnostics": [...]}`.

use std::io::{self, Write};

use serde::Serialize;

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

/// Builds the JSON value for `reports`.
pub fn to_value(reports: &[FileReport]) -> serde_json::Value {
    let mut diagnostics = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let (start, end) = super::region(&r.source, d.primary.span);
            diagnostics.push(JsonDiagnostic {
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
            });
        }
    }
    serde_json::json!({
        "version": JSON_VERSION,
        "tool": { "name": "corolint", "version": env!("CARGO_PKG_VERSION") },
        "diagnostics": diagnostics,
        "summary": {
            "files": reports.len(),
            "errors": count(reports, "error"),
            "warnings": count(reports, "warning"),
            "infos": count(reports, "info"),
        }
    })
}

fn count(reports: &[FileReport], sev: &str) -> usize {
    reports.iter().flat_map(|r| &r.diagnostics).filter(|d| d.severity.as_str() == sev).count()
}

/// Writes the JSON document.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(reports))?;
    writeln!(out)
}

/// Writes the JSON document with one more top-level member (`"diff"`, `"drift"`)
/// beside `version` and `diagnostics`.
pub fn render_with(reports: &[FileReport], key: &str, extra: serde_json::Value, out: &mut dyn Write) -> io::Result<()> {
    let mut value = to_value(reports);
    if let Some(obj) = value.as_object_mut() {
        obj.insert(key.into(), extra);
    }
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}
