//! Formatting: the whole document in the configured `fmt` style, or the
//! lines of a range. Reordering is not local to a range, so a range is
//! formatted with the whitespace rules alone (the `keep-order` style), and
//! only the changed lines inside the range are edited; the result is
//! verified like every `fmt` output (same comments, same cmap view).

use lsp_types::TextEdit;
use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::documents::Document;
use super::position::Encoding;
use crate::config::Config;
use crate::format::{self, FormatError, Style};
use crate::source::Span;

/// The `[format] style` of a configuration (default `pve`).
pub fn style_of(config: &Config) -> Result<Style, String> {
    match config.format.style.as_deref() {
        None => Ok(Style::default()),
        Some(name) => <Style as clap::ValueEnum>::from_str(name, false).map_err(|_| {
            format!("invalid `[format] style = \"{name}\"` in the configuration: expected `pve` or `keep-order`")
        }),
    }
}

/// Why a document was not formatted, for the user.
pub fn refusal(e: &FormatError) -> String {
    match e {
        FormatError::Invalid { .. } => format!("corolint: cannot format: {e}"),
        FormatError::ChangesMeaning(_) => format!("corolint: not formatted: {e}"),
    }
}

/// The edits that format the whole document in `style`.
pub fn format_document(document: &Document, style: Style, encoding: Encoding) -> Result<Vec<TextEdit>, String> {
    refuse_deep(document)?;
    let formatted = format::format(document.analysis(), style).map_err(|e| refusal(&e))?;
    let formatted =
        String::from_utf8(formatted).map_err(|_| "corolint: the formatted text is not UTF-8".to_string())?;
    Ok(line_edits(document, &formatted, None, encoding))
}

/// The edits that format the lines of `range` (a byte span of the document).
pub fn format_range(document: &Document, range: Span, encoding: Encoding) -> Result<Vec<TextEdit>, String> {
    refuse_deep(document)?;
    let formatted = format::format(document.analysis(), Style::KeepOrder).map_err(|e| refusal(&e))?;
    let formatted =
        String::from_utf8(formatted).map_err(|_| "corolint: the formatted text is not UTF-8".to_string())?;
    let index = document.index();
    let lines = (index.line_of(range.start_usize()), index.line_of(range.end_usize().max(range.start_usize())));
    let edits = line_edits(document, &formatted, Some(lines), encoding);
    // Only part of the changes is applied: check that the result still means the same.
    let mut result = document.text().to_string();
    for edit in edits.iter().rev() {
        let span = document.span(edit.range, encoding);
        result.replace_range(span.range(), &edit.new_text);
    }
    let analysis = document.analysis();
    let comments = format::verify::comment_texts(&analysis.parsed.tree, &analysis.source.bytes);
    format::verify::verify(&comments, &analysis.cmap, result.as_bytes(), false, analysis.facts())
        .map_err(|m| format!("corolint: not formatted: formatting only this range would change the meaning: {m}"))?;
    Ok(edits)
}

fn refuse_deep(document: &Document) -> Result<(), String> {
    match document.too_deep() {
        Some(_) => Err("corolint: cannot format: sections are nested too deeply (fix the errors first)".into()),
        None => Ok(()),
    }
}

/// The line-level edits that turn the document's text into `new`; with
/// `only` (first and last 0-based line), just the changes that touch those lines.
fn line_edits(document: &Document, new: &str, only: Option<(usize, usize)>, encoding: Encoding) -> Vec<TextEdit> {
    let old = document.text();
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut old_starts = Vec::with_capacity(old_lines.len() + 1);
    let mut at = 0;
    for line in &old_lines {
        old_starts.push(at);
        at += line.len();
    }
    old_starts.push(at);
    let mut edits = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_lines, &new_lines) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        // A block of changed lines that keeps its line count is edited line by line.
        let hunks: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> =
            if tag == DiffTag::Replace && old_range.len() == new_range.len() {
                old_range.clone().zip(new_range.clone()).map(|(o, n)| (o..o + 1, n..n + 1)).collect()
            } else {
                vec![(old_range, new_range)]
            };
        for (old_range, new_range) in hunks {
            if let Some((first, last)) = only {
                // An insertion touches the line it is inserted before.
                let (a, b) = (old_range.start, old_range.end.max(old_range.start + 1) - 1);
                if b < first || a > last {
                    continue;
                }
            }
            let new_text: String = new_lines[new_range].concat();
            if old_lines[old_range.clone()].concat() == new_text {
                continue;
            }
            let span = Span::new(old_starts[old_range.start], old_starts[old_range.end]);
            edits.push(TextEdit { range: document.range(span, encoding), new_text });
        }
    }
    edits
}
