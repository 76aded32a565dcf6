//! Source excerpts with labels and help, drawn by miette.

use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use super::RenderOptions;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::source::SourceFile;

/// Adapter from our [`Diagnostic`] to `miette::Diagnostic`.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: &'a IndexedSource<'a>,
    code: String,
}

/// A file's text for miette, read through the file's line index: a span is
/// read from the lines around it, not from the start of the file, so each
/// diagnostic costs the size of its excerpt, not the size of the file.
struct IndexedSource<'a> {
    /// The text, byte for byte as long as the file (see [`lossy_same_length`]).
    text: String,
    /// The file, for its line index.
    file: &'a SourceFile,
    /// Offsets of the `\r` bytes not followed by `\n`: miette counts them
    /// as line ends, the line index does not.
    lone_cr: Vec<usize>,
}

impl<'a> IndexedSource<'a> {
    fn new(file: &'a SourceFile) -> Self {
        let text = lossy_same_length(file);
        let bytes = text.as_bytes();
        let lone_cr =
            memchr::memchr_iter(b'\r', bytes).filter(|&i| bytes.get(i + 1) != Some(&b'\n')).collect::<Vec<_>>();
        IndexedSource { text, file, lone_cr }
    }
}

impl SourceCode for IndexedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // A window of whole lines with at least `before` line ends before
        // the span and `after + 1` after it: miette reads it exactly as it
        // would read the whole file (it stops `after` lines past the span).
        let first_line = self.file.line_index(start).saturating_sub(before);
        let last_line = self.file.line_index(end).saturating_add(after).saturating_add(2);
        let window_start = self.file.line_start(first_line + 1);
        let window_end = self.file.line_start(last_line + 1).max(end);
        let window = self.text.as_bytes().get(window_start..window_end).ok_or(MietteError::OutOfBounds)?;
        let inner = window.read_span(&SourceSpan::new((start - window_start).into(), span.len()), before, after)?;
        let lines_before = first_line + self.lone_cr.partition_point(|&i| i < window_start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + window_start).into(), inner.span().len()),
            inner.line() + lines_before,
            inner.column(),
            inner.line_count() + lines_before,
        )))
    }
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
        Some(self.source)
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
        let source = IndexedSource::new(&report.source);
        for d in &report.diagnostics {
            let r = Report { diag: d, source: &source, code: format!("{}[{}]", d.rule, d.code) };
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
