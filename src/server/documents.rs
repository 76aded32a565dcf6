//! The open documents: their text as the editor has it, kept up to date by
//! full or incremental changes, and the engine's analysis of it.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::{TextDocumentContentChangeEvent, Url};

use super::position::{Encoding, LineIndex};
use crate::lint::Analysis;
use crate::source::{SourceFile, Span};
use crate::version::TargetVersion;

/// Sections nested deeper than this are not analysed. corosync refuses a
/// section path of 255 bytes or more, so any file nested deeper than 128
/// levels is invalid; the engine's tree walks recurse once per level.
pub const MAX_DEPTH: usize = 1000;

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// Its URI.
    pub uri: Url,
    /// The version the editor gave with its last change.
    pub version: i32,
    /// The file on disk it belongs to (`file:` URIs only), for the
    /// configuration, the profile and the cross-file checks.
    pub path: Option<PathBuf>,
    text: String,
    index: LineIndex,
    too_deep: Option<usize>,
    /// The corosync release the text is read as (the document's `corolint.toml`,
    /// else the installed corosync, else the default), as `check` reads it.
    target: TargetVersion,
    analysis: OnceCell<Analysis>,
}

/// The offset of the first line that opens a section [`MAX_DEPTH`] levels
/// deep (lines classified as corosync does: `{` anywhere opens, a line with
/// `}` and neither `{` nor `:` closes, `#` first is a comment).
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if !trimmed.starts_with('#') {
            if line.contains('{') {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(at);
                }
            } else if line.contains('}') && !line.contains(':') {
                depth = depth.saturating_sub(1);
            }
        }
        at += line.len();
    }
    None
}

impl Document {
    /// A document with `text` at `version`.
    pub fn new(uri: Url, version: i32, text: String) -> Document {
        let path = if uri.scheme() == "file" { uri.to_file_path().ok() } else { None };
        let index = LineIndex::new(&text);
        let deep = too_deep(&text);
        Document {
            uri,
            version,
            path,
            text,
            index,
            too_deep: deep,
            target: TargetVersion::DEFAULT,
            analysis: OnceCell::new(),
        }
    }

    /// The text as the editor has it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line index of the text.
    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// The name diagnostics use for this document: its path, else its URI.
    pub fn name(&self) -> String {
        match &self.path {
            Some(path) => crate::files::display_name(path),
            None => self.uri.to_string(),
        }
    }

    /// The engine's analysis of the current text (computed once per version);
    /// of an empty text when the text is nested too deeply ([`Document::too_deep`]).
    pub fn analysis(&self) -> &Analysis {
        self.analysis.get_or_init(|| {
            let bytes = if self.too_deep.is_some() { Vec::new() } else { self.text.as_bytes().to_vec() };
            Analysis::for_target(SourceFile::new(self.name(), bytes), self.target)
        })
    }

    /// Reads the text as `target` from now on (the analysis is computed again
    /// when the release changes).
    pub fn set_target(&mut self, target: TargetVersion) {
        if self.target != target {
            self.target = target;
            self.analysis = OnceCell::new();
        }
    }

    /// Where the text opens a section more than [`MAX_DEPTH`] levels deep, if it does.
    pub fn too_deep(&self) -> Option<usize> {
        self.too_deep
    }

    /// Applies the changes of one `didChange`, in order: a change with a range
    /// replaces that range (positions in `encoding`, clamped to the text), one
    /// without replaces the whole text.
    pub fn apply(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = self.index.span(&self.text, range, encoding);
                    self.text.replace_range(span.range(), &change.text);
                    self.index = LineIndex::new(&self.text);
                }
                None => {
                    self.text = change.text;
                    self.index = LineIndex::new(&self.text);
                }
            }
        }
        self.version = version;
        self.too_deep = too_deep(&self.text);
        self.analysis = OnceCell::new();
    }

    /// The LSP range of a byte span of the text.
    pub fn range(&self, span: Span, encoding: Encoding) -> lsp_types::Range {
        self.index.range(&self.text, span, encoding)
    }

    /// The byte offset of an LSP position.
    pub fn offset(&self, position: lsp_types::Position, encoding: Encoding) -> usize {
        self.index.offset(&self.text, position, encoding)
    }

    /// The byte span of an LSP range.
    pub fn span(&self, range: lsp_types::Range, encoding: Encoding) -> Span {
        self.index.span(&self.text, range, encoding)
    }
}

/// Every open document, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<Url, Document>,
}

impl Documents {
    /// Opens (or reopens) a document.
    pub fn open(&mut self, document: Document) {
        self.open.insert(document.uri.clone(), document);
    }

    /// Closes a document; whether it was open.
    pub fn close(&mut self, uri: &Url) -> bool {
        self.open.remove(uri).is_some()
    }

    /// The open document at `uri`.
    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.open.get(uri)
    }

    /// The open document at `uri`, to change it.
    pub fn get_mut(&mut self, uri: &Url) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }

    /// Every open document.
    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.open.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(range: Option<((u32, u32), (u32, u32))>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((a, b), (c, d))| Range {
                start: Position { line: a, character: b },
                end: Position { line: c, character: d },
            }),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn applies_incremental_changes_in_order() {
        let uri = Url::parse("file:///tmp/corosync.conf").expect("uri");
        let mut doc = Document::new(uri, 1, "totem {\n  token: 3000\n}\n".into());
        // Replace `3000` with `5000`, then insert a line after `totem {`, in UTF-16.
        doc.apply(
            2,
            vec![change(Some(((1, 9), (1, 13))), "5000"), change(Some(((1, 0), (1, 0))), "  # é😀\n")],
            Encoding::Utf16,
        );
        assert_eq!(doc.text(), "totem {\n  # é😀\n  token: 5000\n}\n");
        // Delete the emoji (2 UTF-16 units after `é`) with a UTF-16 range.
        doc.apply(3, vec![change(Some(((1, 5), (1, 7))), "")], Encoding::Utf16);
        assert_eq!(doc.text(), "totem {\n  # é\n  token: 5000\n}\n");
        assert_eq!(doc.version, 3);
        doc.apply(4, vec![change(None, "x")], Encoding::Utf16);
        assert_eq!(doc.text(), "x");
        // Ranges past the end clamp instead of panicking.
        doc.apply(5, vec![change(Some(((9, 9), (0, 0))), "y")], Encoding::Utf8);
        assert_eq!(doc.text(), "y");
        assert_eq!(doc.analysis().source.bytes.as_ref(), b"y");
    }
}
