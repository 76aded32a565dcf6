//! Renderers: diagnostics in, text out. Renderers see only diagnostics and
//! the files they point into.

pub mod concise;
pub mod full;
pub mod github;
pub mod json;
mod lazy;
pub mod sarif;
pub mod statistics;

use std::io::{self, Write};

use crate::diagnostic::FileReport;
use crate::source::{LineCol, SourceFile, Span};

/// Output formats of `check`, `diff`, `drift` and `quorum`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutputFormat {
    /// Source excerpts with labels and help (miette).
    #[default]
    Full,
    /// `file:line:col: severity[name] message`, one line each.
    Concise,
    /// Versioned JSON object (`"version": 1`).
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0.
    Sarif,
}

/// How to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Print the closing summary line (human formats only).
    pub summary: bool,
}

/// Writes `reports` in `format`.
pub fn render(
    reports: &[FileReport],
    format: OutputFormat,
    opts: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Full => full::render(reports, opts, out),
        OutputFormat::Concise => concise::render(reports, opts, out),
        OutputFormat::Json => json::render(reports, out),
        OutputFormat::Github => github::render(reports, out),
        OutputFormat::Sarif => sarif::render(reports, out),
    }
}

/// `Found N problems (E errors, W warnings, I infos) in F files.` or `All checks passed.`
pub fn summary_line(reports: &[FileReport]) -> String {
    use crate::diagnostic::Severity;
    let count = |s: Severity| reports.iter().flat_map(|r| &r.diagnostics).filter(|d| d.severity == s).count();
    let (e, w, i) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    let files = reports.iter().filter(|r| !r.diagnostics.is_empty()).count();
    if e + w + i == 0 {
        let n = reports.len();
        return format!("All checks passed ({n} file{}).", if n == 1 { "" } else { "s" });
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "Found {} ({}, {}, {}) in {}.",
        plural(e + w + i, "problem"),
        plural(e, "error"),
        plural(w, "warning"),
        plural(i, "info"),
        plural(files, "file")
    )
}

/// The 1-based start and end of `span` for machine formats. A span that ends
/// with its line terminator (whole-line diagnostics) ends at the end of that
/// line, not at the start of the next one.
pub fn region(source: &SourceFile, span: Span) -> (LineCol, LineCol) {
    let bytes = source.slice(span);
    let trailing = if bytes.ends_with(b"\r\n") {
        2
    } else if bytes.ends_with(b"\n") {
        1
    } else {
        0
    };
    let end = span.end_usize().saturating_sub(trailing).max(span.start_usize());
    (source.line_col(span.start_usize()), source.line_col(end))
}
