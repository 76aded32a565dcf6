//! Source excerpts with labels and help, drawn by miette.

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::RenderOptions;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::source::SourceFile;

/// Adapter from our [`Diagnostic`] to `miette::Diagnostic`.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: NamedSource<String>,
    code: String,
}

impl std::fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Report<'_> {}

fn span(s: crate::source::Span) -> SourceSpan {
    SourceSpan::new(s.start_usize().into(), s.len())
}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.diag.help.as_ref().map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(
            Some(self.diag.primary.message.clone()).filter(|m| !m.is_empty()),
            span(self.diag.primary.span),
        );
        let rest = self
            .diag
            .secondary
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()).filter(|m| !m.is_empty()), span(l.span)));
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
}

/// The file as text for miette: invalid UTF-8 bytes become U+FFFD one for one
/// is not possible, so each invalid byte is replaced by `?` to keep offsets.
fn lossy_same_length(source: &SourceFile) -> String {
    match std::str::from_utf8(&source.bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let mut out = String::with_capacity(source.bytes.len());
            for chunk in source.bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                out.extend(std::iter::repeat_n('?', chunk.invalid().len()));
            }
            out
        }
    }
}

/// Renders every diagnostic with its source excerpt, then the summary.
pub fn render(reports: &[FileReport], opts: RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let theme = if opts.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false);
    for report in reports {
        if report.diagnostics.is_empty() {
            continue;
        }
        let text = lossy_same_length(&report.source);
        for d in &report.diagnostics {
            let r = Report {
                diag: d,
                source: NamedSource::new(report.source.name.clone(), text.clone()),
                code: format!("{}[{}]", d.rule, d.code),
            };
            let mut buf = String::new();
            handler.render_report(&mut buf, &r).map_err(io::Error::other)?;
            writeln!(out, "{buf}")?;
        }
    }
    if opts.summary {
        writeln!(out, "{}", super::summary_line(reports))?;
    }
    Ok(())
}
