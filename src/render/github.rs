//! GitHub Actions workflow commands (`::error file=...::message`), which the
//! runner turns into annotations on the pull request.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::source::SourceFile;

/// Escapes a command's data (the text after `::`): `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: like [`escape_data`], plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The annotation level for a severity.
pub const fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One workflow command for `d` in `source`. Columns are given only when the
/// span starts and ends on the same line (GitHub ignores them otherwise).
pub fn command(source: &SourceFile, d: &Diagnostic) -> String {
    let (start, end) = super::region(source, d.primary.span);
    let file = escape_property(&source.name);
    let title = escape_property(&format!("corolint {} ({})", d.code, d.rule));
    let position = if start.line == end.line {
        format!("line={},col={},endLine={},endColumn={}", start.line, start.column, end.line, end.column)
    } else {
        format!("line={},endLine={}", start.line, end.line)
    };
    let mut message = format!("{}:{}:{}: {} {}", source.name, start.line, start.column, d.code, d.message);
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::{} title={title},file={file},{position}::{}", level(d.severity), escape_data(&message))
}

/// Writes one workflow command per diagnostic.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for r in reports {
        for d in &r.diagnostics {
            writeln!(out, "{}", command(&r.source, d))?;
        }
    }
    Ok(())
}
