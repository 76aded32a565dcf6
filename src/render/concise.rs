//! `file:line:col: severity[name] message`, one line per diagnostic.

use std::io::{self, Write};

use super::RenderOptions;
use crate::diagnostic::{FileReport, Severity};

/// Writes one line per diagnostic, then the summary.
pub fn render(reports: &[FileReport], opts: RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            let pos = report.source.line_col(d.primary.span.start_usize());
            let sev = d.severity.as_str();
            let sev = if opts.color {
                let code = match d.severity {
                    Severity::Error => "31",
                    Severity::Warning => "33",
                    Severity::Info => "36",
                };
                format!("\x1b[1;{code}m{sev}\x1b[0m")
            } else {
                sev.to_string()
            };
            writeln!(out, "{}:{}:{}: {sev}[{}] {}", report.source.name, pos.line, pos.column, d.rule, d.message)?;
        }
    }
    if opts.summary {
        writeln!(out, "{}", super::summary_line(reports))?;
    }
    Ok(())
}
