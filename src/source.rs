//! Source files as bytes, with the line index that turns byte offsets into
//! 1-based line and column numbers.

use std::sync::Arc;

/// The largest input, in bytes, whose offsets a [`Span`] can hold: inputs of
/// this size or more (4 GiB) are refused when read (see [`check_input_len`]).
pub const MAX_INPUT_LEN: usize = u32::MAX as usize;

/// A half-open byte range `start..end` into a source file.
///
/// Offsets are stored as `u32` to keep syntax trees small; inputs of 4 GiB or
/// more are refused when files are read. [`Span::new`] saturates offsets
/// beyond `u32::MAX` instead of panicking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

/// Converts a byte offset to the `u32` a [`Span`] stores, saturating at
/// `u32::MAX` (only reachable for inputs of 4 GiB or more, which are refused
/// when read).
#[inline]
pub const fn offset_u32(offset: usize) -> u32 {
    if offset > u32::MAX as usize { u32::MAX } else { offset as u32 }
}

impl Span {
    /// Creates a span from `start` to `end` (`end` is exclusive); offsets
    /// beyond `u32::MAX` saturate.
    #[inline]
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start: offset_u32(start), end: offset_u32(end) }
    }

    /// The one-byte span at `offset` (saturating at `u32::MAX`).
    #[inline]
    pub const fn byte(offset: u32) -> Self {
        Span { start: offset, end: offset.saturating_add(1) }
    }

    /// First byte of the range as a `usize`.
    #[inline]
    pub const fn start_usize(self) -> usize {
        self.start as usize
    }

    /// One past the last byte of the range as a `usize`.
    #[inline]
    pub const fn end_usize(self) -> usize {
        self.end as usize
    }

    /// The range `start..end` as `usize` offsets, for slicing.
    #[inline]
    pub const fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length of the span in bytes.
    #[inline]
    pub const fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// Refuses an input of `len` bytes that [`Span`] offsets cannot address
/// (4 GiB or more), with an I/O error of kind `InvalidData`.
pub fn check_input_len(len: usize) -> std::io::Result<()> {
    if len > MAX_INPUT_LEN {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("input is {len} bytes; corolint reads at most {MAX_INPUT_LEN} bytes (4 GiB - 1)"),
        ))
    } else {
        Ok(())
    }
}

/// One input file: its display name, its bytes and a line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Name shown in diagnostics (a path relative to the working directory, or `-`).
    pub name: String,
    /// The exact bytes of the file; never decoded or normalised.
    pub bytes: Arc<[u8]>,
    /// Offset of the first byte of every line (4 bytes a line: offsets are
    /// `u32`, see [`MAX_INPUT_LEN`]).
    line_starts: Vec<u32>,
    /// For every [`COLUMN_BLOCK`] bytes, the number of UTF-8 continuation
    /// bytes before the block, and last the total: a column is then found
    /// by scanning at most two blocks, however long its line.
    continuations_before_block: Vec<u32>,
    /// Whether the file has any UTF-8 continuation byte (else columns are byte offsets).
    has_continuations: bool,
    /// The file name's own bytes when `name` had to escape some of them.
    raw_name: Option<Box<[u8]>>,
}

/// The block size of [`SourceFile`]'s column index.
const COLUMN_BLOCK: usize = 4096;

/// Whether `b` continues a UTF-8 sequence (columns do not count it).
const fn is_continuation(b: u8) -> bool {
    (b & 0xC0) == 0x80
}

/// A 1-based line and column position. The column counts characters
/// (UTF-8 code points; every byte of an invalid sequence counts as one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    /// 1-based line number, counting every physical line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl SourceFile {
    /// Wraps `bytes` under the display name `name`.
    pub fn new(name: impl Into<String>, bytes: impl Into<Arc<[u8]>>) -> Self {
        let bytes: Arc<[u8]> = bytes.into();
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', &bytes).map(|i| offset_u32(i + 1)));
        let mut continuations_before_block = Vec::with_capacity(bytes.len() / COLUMN_BLOCK + 1);
        let mut seen = 0u32;
        for block in bytes.chunks(COLUMN_BLOCK) {
            continuations_before_block.push(seen);
            seen = seen.saturating_add(offset_u32(block.iter().filter(|&&b| is_continuation(b)).count()));
        }
        // The count before the block that would follow the last one: an
        // offset at the very end of a file whose length is a multiple of
        // the block size falls in that block.
        continuations_before_block.push(seen);
        let has_continuations = seen > 0;
        SourceFile {
            name: name.into(),
            bytes,
            line_starts,
            continuations_before_block,
            has_continuations,
            raw_name: None,
        }
    }

    /// Records the bytes of the file name that `name` shows (escaped where
    /// they are not UTF-8), for output that can carry them (SARIF URIs).
    pub fn with_raw_name(mut self, raw: Vec<u8>) -> Self {
        if raw != self.name.as_bytes() {
            self.raw_name = Some(raw.into_boxed_slice());
        }
        self
    }

    /// The bytes of the file name: those given to [`SourceFile::with_raw_name`],
    /// else `name`'s.
    pub fn raw_name(&self) -> &[u8] {
        self.raw_name.as_deref().unwrap_or(self.name.as_bytes())
    }

    /// The number of UTF-8 continuation bytes before `offset` (at most one
    /// block is scanned).
    fn continuations_before(&self, offset: usize) -> usize {
        if !self.has_continuations {
            return 0;
        }
        let block = offset / COLUMN_BLOCK;
        let before = self.continuations_before_block.get(block).map_or(0, |&n| n as usize);
        let from = block * COLUMN_BLOCK;
        before + self.bytes.get(from..offset).unwrap_or_default().iter().filter(|&&b| is_continuation(b)).count()
    }

    /// The bytes covered by `span` (clamped to the file).
    pub fn slice(&self, span: Span) -> &[u8] {
        let end = span.end_usize().min(self.bytes.len());
        let start = span.start_usize().min(end);
        &self.bytes[start..end]
    }

    /// Number of physical lines as corosync counts them (a final line without
    /// newline counts; an empty file has zero lines).
    pub fn line_count(&self) -> usize {
        if self.bytes.is_empty() {
            0
        } else if self.bytes.ends_with(b"\n") {
            self.line_starts.len() - 1
        } else {
            self.line_starts.len()
        }
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line.saturating_sub(1)).map_or(self.bytes.len(), |&s| s as usize)
    }

    /// The span of 1-based `line` without its line terminator.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.line_starts.get(line).map_or(self.bytes.len(), |&s| (s as usize).saturating_sub(1));
        if end > start && self.bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// Converts a byte offset to a 1-based line and column, in O(log n)
    /// for the line and constant time for the column (it scans at most two
    /// blocks of the column index, however long the line is).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.bytes.len());
        let line_idx = self.line_starts.partition_point(|&s| s as usize <= offset).saturating_sub(1);
        let start = self.line_start(line_idx + 1).min(offset);
        let (before_offset, before_start) = (self.continuations_before(offset), self.continuations_before(start));
        // The index is monotonic, so neither saturates; tests run with debug
        // assertions and catch a regression, a release build never panics.
        debug_assert!(before_start <= before_offset && before_offset - before_start <= offset - start);
        let continuations = before_offset.saturating_sub(before_start);
        let chars = (offset - start).saturating_sub(continuations);
        LineCol { line: line_idx + 1, column: chars + 1 }
    }

    /// The 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s as usize <= offset).saturating_sub(1)
    }
}

/// Renders bytes for humans: valid UTF-8 as is, every other byte as `\xNN`.
pub fn display_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The end of a file whose length is a multiple of the column index's
    /// block: the count before it is the whole file's, not zero (the fuzz
    /// target found a JSON rendering of such an end offset underflowing).
    #[test]
    fn line_col_at_the_end_of_a_whole_number_of_blocks() {
        let mut bytes = "é".repeat(COLUMN_BLOCK / 2 - 2).into_bytes();
        bytes.extend_from_slice(b"x\nab");
        assert_eq!(bytes.len(), COLUMN_BLOCK);
        let f = SourceFile::new("t", bytes);
        assert_eq!(f.line_col(COLUMN_BLOCK), LineCol { line: 2, column: 3 });
        assert_eq!(f.line_col(COLUMN_BLOCK - 3), LineCol { line: 1, column: COLUMN_BLOCK / 2 });
        let two_blocks = SourceFile::new("t", "é".repeat(COLUMN_BLOCK).into_bytes());
        assert_eq!(two_blocks.line_col(2 * COLUMN_BLOCK), LineCol { line: 1, column: COLUMN_BLOCK + 1 });
    }

    #[test]
    fn line_col_counts_lines_and_chars() {
        let f = SourceFile::new("t", b"ab\nc\xC3\xA9d\n".to_vec());
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        assert_eq!(f.line_col(6), LineCol { line: 2, column: 3 });
        assert_eq!(f.line_count(), 2);
        assert_eq!(SourceFile::new("t", b"a\nb".to_vec()).line_count(), 2);
        assert_eq!(SourceFile::new("t", Vec::new()).line_count(), 0);
    }

    /// Columns on a line longer than the column index's block, with
    /// multi-byte characters on both sides of a block boundary.
    #[test]
    fn line_col_on_long_lines_counts_chars() {
        let mut bytes = b"x\n".to_vec();
        bytes.extend("é".repeat(3000).as_bytes());
        bytes.extend(b"abc");
        let f = SourceFile::new("t", bytes.clone());
        for offset in [2, 3, 4, 4095, 4096, 4097, 6001, 6002, bytes.len()] {
            let naive = bytes[2..offset].iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1;
            assert_eq!(f.line_col(offset), LineCol { line: 2, column: naive }, "offset {offset}");
        }
    }

    #[test]
    fn span_offsets_are_u32_and_saturate() {
        assert_eq!(std::mem::size_of::<Span>(), 8);
        assert_eq!(Span::new(3, 7).range(), 3..7);
        assert_eq!(Span::new(3, 7).len(), 4);
        let far = Span::new(usize::MAX - 1, usize::MAX);
        assert_eq!((far.start, far.end), (u32::MAX, u32::MAX));
        assert!(far.is_empty());
        assert_eq!(Span::byte(u32::MAX).end, u32::MAX);
        assert_eq!(
            serde_json::to_string(&Span::new(1, 4_000_000_000)).ok().as_deref(),
            Some(r#"{"start":1,"end":4000000000}"#)
        );
    }

    #[test]
    fn input_length_limit_is_4_gib() {
        assert!(check_input_len(MAX_INPUT_LEN).is_ok());
        assert!(check_input_len(MAX_INPUT_LEN + 1).is_err());
    }

    #[test]
    fn display_bytes_escapes_invalid_utf8() {
        assert_eq!(display_bytes(b"a\xE9b"), "a\\xE9b");
    }
}
