//! GitHub Actions workflow commands (`::error file=...::message`).

use std::io::{self, Write};

use crate::diagnostic::{FileReport, Severity};

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one workflow command per diagnostic.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for r in reports {
        for d in &r.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let start = r.source.line_col(d.primary.span.start);
            let end = r.source.line_col(d.primary.span.end);
            let file = escape_property(&r.source.name);
            let title = escape_property(&format!("corolint ({})", d.rule));
            let position = if start.line == end.line {
                format!("line={},col={},endLine={},endColumn={}", start.line, start.column, end.line, end.column)
            } else {
                format!("line={},endLine={}", start.line, end.line)
            };
            let message = escape_data(&format!(
                "{}:{}:{}: {} {}",
                r.source.name, start.line, start.column, d.rule, d.message
            ));
            writeln!(out, "::{level} title={title},file={file},{position}::{message}")?;
        }
    }
    Ok(())
}
