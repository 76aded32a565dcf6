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

/// The most bytes of context an excerpt shows around its span: longer lines
/// are cut to [`CLIP_CONTEXT`] bytes on each side of the span, so a file of
/// a few very long lines with many findings renders in linear time.
const MAX_WINDOW: usize = 16 * 1024;

/// Bytes of context kept on each side of a span on a line that is cut.
const CLIP_CONTEXT: usize = 120;

impl IndexedSource<'_> {
    /// The excerpt of `start..end` when its lines are too long to show: the
    /// span with up to [`CLIP_CONTEXT`] bytes of its own line(s) on each
    /// side, numbered as in the file.
    fn read_clipped(&self, start: usize, end: usize) -> Result<Box<dyn SpanContents<'_> + '_>, MietteError> {
        let text = &self.text;
        let bytes = text.as_bytes();
        let mut clip_start = start.saturating_sub(CLIP_CONTEXT);
        if let Some(nl) = bytes.get(clip_start..start).and_then(|b| memchr::memrchr2(b'\n', b'\r', b)) {
            clip_start += nl + 1;
        }
        while !text.is_char_boundary(clip_start) {
            clip_start += 1;
        }
        let mut clip_end = end.saturating_add(CLIP_CONTEXT).min(bytes.len());
        if let Some(nl) = bytes.get(end..clip_end).and_then(|b| memchr::memchr2(b'\n', b'\r', b)) {
            clip_end = end + nl;
        }
        while !text.is_char_boundary(clip_end) {
            clip_end -= 1;
        }
        let clipped = text.get(clip_start..clip_end.max(end)).ok_or(MietteError::OutOfBounds)?;
        let inner = clipped.read_span(&SourceSpan::new((start - clip_start).into(), end - start), 0, 0)?;
        let at = self.file.line_col(clip_start);
        let lines_before = (at.line - 1) + self.lone_cr.partition_point(|&i| i < clip_start);
        let column = if inner.line() == 0 { inner.column() + at.column - 1 } else { inner.column() };
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + clip_start).into(), inner.span().len()),
            inner.line() + lines_before,
            column,
            lines_shown(&*inner),
        )))
    }
}

/// The number of lines an excerpt shows. miette's own `line_count` counts
/// every line end from the start of the text, and miette joins two labels'
/// excerpts into one when `line + line_count` reaches the second one: two
/// labels thousands of lines apart (a duplicate key, its first and its last
/// assignment) printed every line between them, so output grew with the
/// square of the file. Counting only the lines shown joins excerpts that
/// touch and keeps the others apart.
fn lines_shown(inner: &dyn SpanContents<'_>) -> usize {
    inner.line_count().saturating_sub(inner.line())
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
        if window_end - window_start > MAX_WINDOW + span.len() {
            return self.read_clipped(start, end);
        }
        let window = self.text.as_bytes().get(window_start..window_end).ok_or(MietteError::OutOfBounds)?;
        let inner = window.read_span(&SourceSpan::new((start - window_start).into(), span.len()), before, after)?;
        let lines_before = first_line + self.lone_cr.partition_point(|&i| i < window_start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + window_start).into(), inner.span().len()),
            inner.line() + lines_before,
            inner.column(),
            lines_shown(&*inner),
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

/// The most lines a label is drawn across: a longer span (a whole section
/// of thousands of lines) is drawn on its first line only, so every excerpt
/// stays a few lines long however big the file is.
const MAX_LABEL_LINES: usize = 12;

impl Report<'_> {
    /// The span miette draws for `s`: itself, or its first line when it
    /// covers more than [`MAX_LABEL_LINES`] lines.
    fn shown(&self, s: crate::source::Span) -> SourceSpan {
        let (start, end) = (s.start_usize(), s.start_usize() + s.len());
        let source = self.source;
        let first = source.file.line_index(start);
        // miette also ends a line at a `\r` the line index does not count.
        let lone_cr = &source.lone_cr;
        let cr_from = lone_cr.partition_point(|&i| i < start);
        let crs = lone_cr[cr_from..].partition_point(|&i| i < end);
        if source.file.line_index(end) - first + crs < MAX_LABEL_LINES {
            return SourceSpan::new(start.into(), s.len());
        }
        let line = source.file.line_span(first + 1);
        let mut first_end = line.start_usize() + line.len();
        if let Some(&cr) = lone_cr.get(cr_from) {
            first_end = first_end.min(cr);
        }
        let first_end = first_end.clamp(start, end);
        SourceSpan::new(start.into(), first_end - start)
    }
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
            self.shown(self.diag.primary.span),
        );
        let rest =
            self.diag.secondary.iter().map(|l| {
                LabeledSpan::new_with_span(Some(l.message.clone()).filter(|m| !m.is_empty()), self.shown(l.span))
            });
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
