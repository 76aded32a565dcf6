//! Byte offsets into a document ↔ LSP positions (line, character).
//!
//! The character counts UTF-16 code units (the LSP default), UTF-8 bytes or
//! code points, as negotiated at `initialize`. Lines end at `\n` only, as
//! corosync and most editors split them; a position past the end of a line
//! means the line's end (before `\r\n` or `\n`), one past the last line means
//! the end of the document, and a byte offset inside a character rounds down
//! to the character's start.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::Span;

/// How the character of a position is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 bytes.
    Utf8,
    /// UTF-16 code units (the LSP default).
    #[default]
    Utf16,
    /// Unicode code points.
    Utf32,
}

impl Encoding {
    /// The encoding for the client's `general.positionEncodings`: UTF-8 when
    /// offered (the document's own unit), else the mandatory UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The name announced in the `initialize` result.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// Code units of `c`.
    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { line_starts, len: text.len() }
    }

    /// Byte offset where 0-based `line` starts (the text's end past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset.min(self.len)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset where 0-based `line`'s content ends (before `\r\n` or `\n`).
    fn line_end(&self, text: &str, line: usize) -> usize {
        let start = self.line_start(line);
        let mut end = self.line_starts.get(line + 1).map_or(self.len, |next| next - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        end.max(start)
    }

    /// The position of byte `offset` of `text`.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            _ => text.get(start..offset).unwrap_or_default().chars().map(|c| encoding.units(c)).sum(),
        };
        Position { line: to_u32(line), character: to_u32(character) }
    }

    /// The byte offset of `position` in `text` (clamped as the module says).
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return text.len();
        }
        let start = self.line_start(line);
        let end = self.line_end(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in text.get(start..end).unwrap_or_default().char_indices() {
            if units >= wanted {
                return start + i;
            }
            units += encoding.units(c);
        }
        end
    }

    /// The range of `span` in `text`.
    pub fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        Range {
            start: self.position(text, span.start_usize(), encoding),
            end: self.position(text, span.end_usize().max(span.start_usize()), encoding),
        }
    }

    /// The byte span of `range` in `text` (start and end swapped if reversed).
    pub fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        Span::new(a.min(b), a.max(b))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_counts_surrogate_pairs_and_utf8_counts_bytes() {
        // é is 2 bytes / 1 UTF-16 unit; 😀 is 4 bytes / 2 units / 1 code point.
        let text = "a: é😀x\nb\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap_or_default();
        assert_eq!(index.position(text, x, Encoding::Utf16), pos(0, 6));
        assert_eq!(index.position(text, x, Encoding::Utf8), pos(0, 9));
        assert_eq!(index.position(text, x, Encoding::Utf32), pos(0, 5));
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(index.offset(text, index.position(text, x, enc), enc), x, "{enc:?}");
        }
        assert_eq!(index.position(text, text.len(), Encoding::Utf16), pos(2, 0));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        // Past the end of line 0: before the \r\n.
        assert_eq!(index.offset(text, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(index.offset(text, pos(1, 99), Encoding::Utf16), 6);
        assert_eq!(index.offset(text, pos(7, 0), Encoding::Utf16), 6);
        // Inside a surrogate pair: the character after it.
        let emoji = "😀z";
        let index = LineIndex::new(emoji);
        assert_eq!(index.offset(emoji, pos(0, 1), Encoding::Utf16), 4);
        // A byte offset inside a character rounds down.
        assert_eq!(index.position(emoji, 2, Encoding::Utf16), pos(0, 0));
    }

    #[test]
    fn negotiates_utf8_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16, PositionEncodingKind::UTF8])),
            Encoding::Utf8
        );
    }
}
