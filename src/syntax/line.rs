//! Layer 1 of the grammar (grammar/corosync.conf.ebnf): bytes to classified
//! lines, exactly as corosync 3.1.7's `parse_section` reads them.
//!
//! [`Lines`] walks the input once, 64 bytes at a time, through bit masks of
//! the bytes that matter (`\n`, the delimiters `:`, `{`, `}` and NUL, and the
//! blanks; see `scan`). Each line is read from a 64-bit window of
//! the masks that starts at its first byte: the line end, the indent and the
//! delimiters are bit positions. The common lines (`key: value`, `name {`,
//! `}`) are classified from the window alone; every other line goes to
//! [`classify`], which decides from the positions the scanner found, and
//! whose nom parsers split the line at the delimiter.

use nom::{
    IResult,
    bytes::complete::{take, take_while},
    character::complete::char,
    combinator::rest,
};

use super::error::{ErrorKind, SyntaxError};
use super::scan::{BLOCK, HIGH, Masks, ONES, Simd, nonzero_bytes};
use super::tree::{Line, LineKind};
use crate::source::{MAX_INPUT_LEN, Span, display_bytes};

/// corosync reads lines with `fgets` into a 512-byte buffer: 511 bytes or
/// more before the newline is `Line too long`.
pub const MAX_LINE_CONTENT: usize = 510;

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// A parser result over bytes.
type ByteResult<'a, T> = IResult<&'a [u8], T>;

/// Leading blanks (space and tab only; corosync 3.1.7 knows no other whitespace).
fn blanks(input: &[u8]) -> ByteResult<'_, &[u8]> {
    take_while(is_ws)(input)
}

/// The number of leading blanks of `line` (the [`blanks`] parser, eight bytes
/// per step: every line has an indent, so this is on the hot path).
fn leading_blanks(line: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = line.get(n..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        let not_blank =
            nonzero_bytes(word ^ (u64::from(b' ') * ONES)) & nonzero_bytes(word ^ (u64::from(b'\t') * ONES));
        let blank = !not_blank & HIGH;
        if blank != HIGH {
            return n + ((!blank & HIGH).trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + line.get(n..).map_or(0, |rest| blanks(rest).map_or(0, |(_, b)| b.len()))
}

/// Splits at the delimiter `delim` found at offset `at` (the first one; the
/// scanner already knows where it is): the text before it, and the text
/// after it with its leading blanks skipped (corosync's `strchr_rs`).
fn split_at_delimiter(at: usize, delim: u8) -> impl Fn(&[u8]) -> ByteResult<'_, (&[u8], &[u8])> {
    move |input: &[u8]| {
        let (input, before) = take(at)(input)?;
        let (input, _) = char(char::from(delim))(input)?;
        let (input, _) = blanks(input)?;
        let (input, after) = rest(input)?;
        Ok((input, (before, after)))
    }
}

/// corosync's `remove_whitespace(s, 1)` applied to `s[start..end]`: strips
/// trailing blanks, `:` and `{`, but never the first byte.
fn trim_name_end(src: &[u8], start: usize, mut end: usize) -> usize {
    while end > start + 1 && matches!(src[end - 1], b' ' | b'\t' | b':' | b'{') {
        end -= 1;
    }
    end
}

/// One physical line as the scanner found it: where it ends and where the
/// bytes that decide its class are (all offsets into the whole input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawLine {
    /// Offset of the line's first byte.
    pub start: usize,
    /// Offset of the `\n` that ends the line, or the end of the input.
    pub end: usize,
    /// Offset of the next line (past the `\n`, if there is one).
    pub next: usize,
    /// The first NUL byte in the line.
    pub nul: Option<usize>,
    /// The first `{` before the first NUL (corosync never sees what follows a NUL).
    pub open: Option<usize>,
    /// The first `:` before the first NUL.
    pub colon: Option<usize>,
    /// The first `}` before the first NUL.
    pub close: Option<usize>,
}

impl RawLine {
    /// Whether a `\n` ended the line (the last line of a file may lack one).
    pub fn terminated(&self) -> bool {
        self.next > self.end
    }

    /// The line `start..end` (next line at `next`), given the offsets of its
    /// delimiter bytes (`:`, `{`, `}`, NUL) in order; other offsets are skipped.
    fn new(src: &[u8], start: usize, end: usize, next: usize, delimiters: impl Iterator<Item = usize>) -> RawLine {
        let (mut nul, mut open, mut colon, mut close) = (None, None, None, None);
        for at in delimiters {
            let first = match src.get(at) {
                Some(0) => &mut nul,
                Some(b'{') => &mut open,
                Some(b':') => &mut colon,
                Some(b'}') => &mut close,
                _ => continue,
            };
            first.get_or_insert(at);
        }
        // corosync never sees what follows a NUL.
        let before_nul = |at: Option<usize>| at.filter(|&at| nul.is_none_or(|nul| at < nul));
        RawLine { start, end, next, nul, open: before_nul(open), colon: before_nul(colon), close: before_nul(close) }
    }
}

/// The offsets `base + i` of the set bits `i` of `bits`, in order.
fn set_bits(mut bits: u64, base: usize) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let at = base + bits.trailing_zeros() as usize;
        (bits != 0).then(|| {
            bits &= bits - 1;
            at
        })
    })
}

/// A line with no `\n` in the 64 bytes from its start (rare): found byte by byte.
#[cold]
#[inline(never)]
fn long_line(src: &[u8], start: usize) -> RawLine {
    let rest = src.get(start..).unwrap_or_default();
    let (end, next) = match memchr::memchr(b'\n', rest) {
        Some(len) => (start + len, start + len + 1),
        None => (src.len(), src.len()),
    };
    let line = src.get(start..end).unwrap_or_default();
    let delimiters = line.iter().enumerate().filter(|(_, b)| matches!(b, 0 | b'{' | b':' | b'}'));
    RawLine::new(src, start, end, next, delimiters.map(|(i, _)| start + i))
}

/// Where a line that ends within the 64 bytes of its window ends.
struct ShortLine {
    end: usize,
    next: usize,
    /// The window's delimiters inside the line.
    delimiters: u64,
}

/// The physical lines of an input, in order (see [`lines`]). It looks at
/// the input 64 bytes at a time, through bit masks of the byte classes that
/// matter (`Masks`); each line is read from a 64-byte window of the masks
/// that starts at its first byte.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    src: &'a [u8],
    /// Where the next line starts.
    pos: usize,
    /// Offset of the block `here` describes (a multiple of 64, at most `pos`).
    base: usize,
    /// The masks of the block at `base`.
    here: Masks,
    /// The masks of the block after it.
    after: Masks,
    /// The vector instructions the masks may use.
    simd: Simd,
}

impl<'a> Lines<'a> {
    fn new(src: &'a [u8], simd: Simd) -> Self {
        let (here, after) = (Masks::of_block(src, 0, simd), Masks::of_block(src, BLOCK, simd));
        Lines { src, pos: 0, base: 0, here, after, simd }
    }

    /// The masks of the 64 bytes from `at` (`at >= self.base`).
    #[inline]
    fn window(&mut self, at: usize) -> Masks {
        if at - self.base >= BLOCK {
            let base = at - at % BLOCK;
            self.here = if base == self.base + BLOCK { self.after } else { Masks::of_block(self.src, base, self.simd) };
            self.after = Masks::of_block(self.src, base + BLOCK, self.simd);
            self.base = base;
        }
        self.here.join(self.after, at - self.base)
    }

    /// The end of the line at `start` from its window, if it ends within it.
    #[inline]
    fn short_line(&self, start: usize, window: &Masks) -> Option<ShortLine> {
        if window.newline == 0 {
            return None;
        }
        // At most the end of the input: the bytes past it read as `\n`.
        let len = window.newline.trailing_zeros() as usize;
        let end = start + len;
        let next = end + usize::from(end < self.src.len());
        Some(ShortLine { end, next, delimiters: window.delimiter & ((1u64 << len) - 1) })
    }

    /// Classifies every line (as [`classify`] does; the common lines take a
    /// shorter way, straight from the masks) and hands it to `sink`, in order.
    #[inline]
    pub fn classify_each<S: LineSink>(mut self, errors: &mut Vec<SyntaxError>, sink: &mut S) {
        let src = self.src;
        loop {
            let start = self.pos;
            if start >= src.len() {
                return;
            }
            let window = self.window(start);
            let raw = match self.short_line(start, &window) {
                Some(short) => {
                    self.pos = short.next;
                    if common_line(src, start, &short, window.nonblank, errors, sink) {
                        continue;
                    }
                    RawLine::new(src, start, short.end, short.next, set_bits(short.delimiters, start))
                }
                None => long_line(src, start),
            };
            self.pos = raw.next;
            let line = classify(src, &raw, errors);
            sink.line(line, errors);
        }
    }
}

/// Receives the lines [`Lines::classify_each`] classifies. It is called
/// from several places with a known line kind, so an inlined `line` gets
/// its match on the kind decided at compile time.
pub trait LineSink {
    /// Takes the next line; `errors` is where its problems go.
    fn line(&mut self, line: Line, errors: &mut Vec<SyntaxError>);
}

impl Iterator for Lines<'_> {
    type Item = RawLine;

    fn next(&mut self) -> Option<RawLine> {
        let start = self.pos;
        if start >= self.src.len() {
            return None;
        }
        let window = self.window(start);
        let raw = match self.short_line(start, &window) {
            Some(short) => RawLine::new(self.src, start, short.end, short.next, set_bits(short.delimiters, start)),
            None => long_line(self.src, start),
        };
        self.pos = raw.next;
        Some(raw)
    }
}

/// Splits `src` into physical lines lazily, in one pass over the bytes.
///
/// Only the first [`MAX_INPUT_LEN`] bytes are split (inputs of 4 GiB or more
/// are refused when read): every offset of a [`RawLine`] fits in `u32`,
/// which `to_span` and `to_u32` rely on.
pub fn lines(src: &[u8]) -> Lines<'_> {
    Lines::new(src.get(..MAX_INPUT_LEN).unwrap_or(src), Simd::detect())
}

/// [`lines`] with the masks built by `simd` (tests compare the arms).
#[cfg(test)]
pub(super) fn lines_with(src: &[u8], simd: Simd) -> Lines<'_> {
    Lines::new(src.get(..MAX_INPUT_LEN).unwrap_or(src), simd)
}

/// A span from line offsets. Lossless: [`lines`] checks the input length
/// once up front, so every offset it yields is at most `u32::MAX`.
#[inline(always)]
const fn to_span(start: usize, end: usize) -> Span {
    Span { start: to_u32(start), end: to_u32(end) }
}

/// A line offset as `u32`. Lossless: [`lines`] caps the input at
/// [`MAX_INPUT_LEN`] bytes, so the hot path needs no saturation.
#[inline(always)]
const fn to_u32(offset: usize) -> u32 {
    offset as u32
}

/// The common lines, classified from the masks alone and handed to `sink`:
/// `key: value`, `name {`, `}`, a comment, an empty line, when the line has
/// at most one delimiter, no NUL and no CR or blank at its end. Returns
/// `false` for every other line, which [`classify`] takes. `nonblank` is
/// the line's window.
#[inline]
fn common_line<S: LineSink>(
    src: &[u8],
    start: usize,
    short: &ShortLine,
    nonblank: u64,
    errors: &mut Vec<SyntaxError>,
    sink: &mut S,
) -> bool {
    let ShortLine { end, next, delimiters } = *short;
    let span = to_span(start, next);
    let text = to_span(start, end);
    let len = end - start;
    if len == 0 {
        sink.line(Line { span, text, indent: text, kind: LineKind::Blank }, errors);
        return true;
    }
    if matches!(src.get(end - 1), Some(b' ' | b'\t' | b'\r')) || delimiters & delimiters.wrapping_sub(1) != 0 {
        return false;
    }
    // Below `len`: the last byte is not blank.
    let indent = nonblank.trailing_zeros() as usize;
    let body = start + indent;
    let line = |kind| Line { span, text, indent: to_span(start, body), kind };
    let Some(&first) = src.get(body) else {
        return false;
    };
    if delimiters == 0 {
        if first != b'#' {
            return false;
        }
        sink.line(line(LineKind::Comment { text: to_span(body, end) }), errors);
        return true;
    }
    // `at < len <= 63`.
    let at = delimiters.trailing_zeros() as usize;
    let delimiter = start + at;
    let byte = match src.get(delimiter) {
        Some(&byte) if byte != 0 => byte,
        _ => return false,
    };
    if first == b'#' {
        sink.line(line(LineKind::Comment { text: to_span(body, end) }), errors);
        return true;
    }
    // Past the last non-blank byte before the delimiter (the byte at
    // `indent` is one): the key or name with its trailing blanks trimmed.
    let trimmed = || start + (u64::BITS - (nonblank & ((1u64 << at) - 1)).leading_zeros()) as usize;
    match byte {
        b':' if at > indent => {
            // The first non-blank byte after the colon; the window's `\n` at
            // `len` is one, so the value may be empty.
            let value = start + (nonblank & (!0u64 << (at + 1))).trailing_zeros() as usize;
            let kind =
                LineKind::Pair { key: to_span(body, trimmed()), colon: to_u32(delimiter), value: to_span(value, end) };
            sink.line(line(kind), errors);
        }
        b'{' if at > indent && at + 1 == len => {
            sink.line(line(LineKind::Open { name: to_span(body, trimmed()), brace: to_u32(delimiter) }), errors);
        }
        b'}' if at == indent && at + 1 == len => sink.line(line(LineKind::Close { brace: to_u32(delimiter) }), errors),
        _ => return false,
    }
    true
}

/// Classifies one physical line found by [`lines`]. The common lines (pairs,
/// opens, closes, blanks) take no branch into the error reporting below,
/// which lives in cold functions so that this one stays small enough to inline.
#[inline]
pub fn classify(src: &[u8], raw: &RawLine, errors: &mut Vec<SyntaxError>) -> Line {
    // Offsets stay `usize` here and fit in `u32`: they come from `lines`.
    let full = to_span(raw.start, raw.next);
    let (content_start, content_end) = (raw.start, raw.end);
    let content_len = content_end - content_start;
    let mut text_end = content_end;
    if text_end > content_start && src[text_end - 1] == b'\r' {
        text_end -= 1;
    }
    let text = to_span(content_start, text_end);
    let indent_len = leading_blanks(&src[content_start..text_end]);
    let indent = to_span(content_start, content_start + indent_len);
    let line = |kind| Line { span: full, text, indent, kind };

    // What the C string holds: up to the first NUL, then one trailing CR removed.
    let nul = raw.nul;
    if nul == Some(content_start) {
        // strlen() == 0: corosync skips every check and ignores the line.
        return line(LineKind::Blank);
    }
    if content_len > MAX_LINE_CONTENT {
        report_line_too_long(errors, text, content_len);
    } else if let Some(at) = nul
        && raw.terminated()
    {
        report_nul_byte(errors, at);
    }
    let mut c_end = match nul {
        Some(at) if at > content_start && src[at - 1] == b'\r' => at - 1,
        Some(at) => at,
        None => text_end,
    };
    // Trailing blanks are cut first.
    while c_end > content_start && is_ws(src[c_end - 1]) {
        c_end -= 1;
    }
    // The scanner's positions all lie in `start..c_end`: the indent and the
    // trimmed tail are blanks (and one CR), and nothing after a NUL counts.
    let start = content_start + indent_len.min(c_end - content_start);
    let body = &src[start..c_end];
    let Some(&first) = body.first() else {
        return line(LineKind::Blank);
    };
    if first == b'#' {
        return line(LineKind::Comment { text: to_span(start, c_end) });
    }
    if let Some(brace) = raw.open
        && let Ok((_, (before, after))) = split_at_delimiter(brace - start, b'{')(body)
    {
        let brace = start + before.len();
        let after_start = c_end - after.len();
        // corosync cuts the line at `loc - 1`: the `{` itself, or the last blank after it.
        let cut = if after_start == brace + 1 { brace } else { after_start - 1 };
        let name_end = if cut == start { start } else { trim_name_end(src, start, cut) };
        let name = to_span(start, name_end);
        if name.is_empty() {
            report_missing_section_name(errors, brace);
        } else if !after.is_empty() && report_extra_after_open(errors, body, after, to_span(after_start, c_end)) {
            return line(LineKind::Invalid);
        }
        return line(LineKind::Open { name, brace: to_u32(brace) });
    }
    if let Some(colon) = raw.colon
        && let Ok((_, (before, after))) = split_at_delimiter(colon - start, b':')(body)
    {
        let colon = start + before.len();
        let value_start = c_end - after.len();
        let key_end = if before.is_empty() {
            // `: v` stores the key ":"; `:v` stores an empty key.
            if value_start > colon + 1 { colon + 1 } else { colon }
        } else {
            let mut e = colon;
            while e > start + 1 && is_ws(src[e - 1]) {
                e -= 1;
            }
            e
        };
        let key = if before.is_empty() { to_span(colon, key_end) } else { to_span(start, key_end) };
        return line(LineKind::Pair { key, colon: to_u32(colon), value: to_span(value_start, c_end) });
    }
    if let Some(brace) = raw.close {
        if body != b"}" {
            report_extra_around_close(errors, to_span(start, c_end));
        }
        return line(LineKind::Close { brace: to_u32(brace) });
    }
    report_invalid_line(errors, to_span(start, c_end), body);
    line(LineKind::Invalid)
}

#[cold]
#[inline(never)]
fn report_line_too_long(errors: &mut Vec<SyntaxError>, text: Span, len: usize) {
    errors.push(
        SyntaxError::new(
            ErrorKind::LineTooLong,
            text,
            "Line too long",
            format!("{len} bytes; corosync reads at most {MAX_LINE_CONTENT}"),
        )
        .with_help(
            "corosync reads lines into a 512-byte buffer; split the value or shorten it (CRLF files have one byte less)",
        ),
    );
}

#[cold]
#[inline(never)]
fn report_nul_byte(errors: &mut Vec<SyntaxError>, at: usize) {
    errors.push(
        SyntaxError::new(ErrorKind::NulByte, Span::new(at, at + 1), "Line too long", "NUL byte here")
            .with_help("corosync stops reading the line at a NUL byte and reports `Line too long`; remove the byte"),
    );
}

#[cold]
#[inline(never)]
fn report_missing_section_name(errors: &mut Vec<SyntaxError>, brace: usize) {
    errors.push(
        SyntaxError::new(
            ErrorKind::MissingSectionName,
            Span::new(brace, brace + 1),
            "Missing section name before opening bracket '{'",
            "section without a name",
        )
        .with_help("write the section name on the same line: `totem {`; corosync does not join lines"),
    );
}

/// Reports the text `after` (at `span`) that follows the `{` of `body`, and
/// returns whether the line is invalid rather than an open: as many `}` as
/// `{` on it, so it cannot leave a section open.
#[cold]
#[inline(never)]
fn report_extra_after_open(errors: &mut Vec<SyntaxError>, body: &[u8], after: &[u8], span: Span) -> bool {
    let opens = memchr::memchr_iter(b'{', body).count();
    let closes = memchr::memchr_iter(b'}', body).count();
    errors.push(
        SyntaxError::new(
            ErrorKind::ExtraAfterOpenBrace,
            span,
            "Extra characters after opening bracket '{'",
            "nothing may follow `{` on its line",
        )
        .with_help(format!(
            "corosync opens a section at any `{{`, even inside a value, and then refuses `{}`; put each entry and the closing `}}` on a line of its own",
            display_bytes(after)
        )),
    );
    closes >= opens
}

#[cold]
#[inline(never)]
fn report_extra_around_close(errors: &mut Vec<SyntaxError>, span: Span) {
    errors.push(
        SyntaxError::new(
            ErrorKind::ExtraAroundCloseBrace,
            span,
            "Extra characters before or after closing bracket '}'",
            "`}` must stand alone on its line",
        )
        .with_help("corosync has no trailing comments and no `;`: put `}` alone on its line and any comment on a line of its own"),
    );
}

#[cold]
#[inline(never)]
fn report_invalid_line(errors: &mut Vec<SyntaxError>, span: Span, body: &[u8]) {
    errors.push(
        SyntaxError::new(
            ErrorKind::InvalidLine,
            span,
            "Line is not opening or closing section or key value",
            "not a `section {`, `key: value`, `}` or `# comment`",
        )
        .with_help(invalid_line_help(body)),
    );
}

fn invalid_line_help(body: &[u8]) -> String {
    if body.contains(&b'=') {
        "corosync separates keys and values with `:`, not `=`".into()
    } else if body.ends_with(b"\\") {
        "corosync has no line continuation; write the whole entry on one line".into()
    } else if body.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-' || *b == b'.') {
        format!(
            "if `{}` names a section, the `{{` must be on the same line; if it is a key, it needs `: value`",
            display_bytes(body)
        )
    } else {
        "every line must be `name {`, `key: value`, `}`, blank, or a comment starting with `#`".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &[u8]) -> (Line, Vec<SyntaxError>) {
        let mut errors = Vec::new();
        let raw = lines(s).next().unwrap();
        (classify(s, &raw, &mut errors), errors)
    }

    fn pair(s: &[u8]) -> (Vec<u8>, Vec<u8>) {
        match one(s).0.kind {
            LineKind::Pair { key, value, .. } => (s[key.range()].to_vec(), s[value.range()].to_vec()),
            k => panic!("not a pair: {k:?}"),
        }
    }

    fn open(s: &[u8]) -> (Vec<u8>, usize) {
        let (l, e) = one(s);
        match l.kind {
            LineKind::Open { name, .. } => (s[name.range()].to_vec(), e.len()),
            k => panic!("not open: {k:?}"),
        }
    }

    #[test]
    fn leading_blanks_is_the_blanks_parser() {
        let pieces: [&[u8]; 6] = [b" ", b"\t", b"x", b"\xA0", b"\r", b"  \t "];
        let mut line = Vec::new();
        for i in 0..4096usize {
            line.clear();
            let mut k = i;
            while k > 0 {
                line.extend_from_slice(pieces[k % 6]);
                k /= 6;
            }
            let expected = blanks(&line).map_or(0, |(_, b)| b.len());
            assert_eq!(leading_blanks(&line), expected, "{line:?}");
        }
        assert_eq!(leading_blanks(&[b' '; 40]), 40);
        assert_eq!(leading_blanks(&[[b'\t'; 17].as_slice(), b"k"].concat()), 17);
    }

    #[test]
    fn lines_find_every_line_end_and_first_delimiters() {
        let src = b"a:b{c}\n\n x\0:{\nlast}";
        let all: Vec<RawLine> = lines(src).collect();
        assert_eq!(all.len(), 4);
        assert_eq!((all[0].start, all[0].end, all[0].next), (0, 6, 7));
        assert_eq!((all[0].colon, all[0].open, all[0].close, all[0].nul), (Some(1), Some(3), Some(5), None));
        assert_eq!((all[1].start, all[1].end, all[1].next), (7, 7, 8));
        assert_eq!((all[2].start, all[2].end, all[2].nul, all[2].colon, all[2].open), (8, 13, Some(10), None, None));
        assert_eq!((all[3].start, all[3].end, all[3].next, all[3].close), (14, 19, 19, Some(18)));
        assert!(all[2].terminated() && !all[3].terminated());
    }

    #[test]
    fn pairs_split_at_first_colon() {
        assert_eq!(pair(b"  version: 2\n"), (b"version".to_vec(), b"2".to_vec()));
        assert_eq!(pair(b"a:b: c"), (b"a".to_vec(), b"b: c".to_vec()));
        assert_eq!(pair(b"version :2\r\n"), (b"version".to_vec(), b"2".to_vec()));
        assert_eq!(pair(b"ring0_addr: fe80::1"), (b"ring0_addr".to_vec(), b"fe80::1".to_vec()));
        assert_eq!(pair(b"x: a # b  \t"), (b"x".to_vec(), b"a # b".to_vec()));
        assert_eq!(pair(b": emptykey"), (b":".to_vec(), b"emptykey".to_vec()));
        assert_eq!(pair(b":emptykey"), (b"".to_vec(), b"emptykey".to_vec()));
        assert_eq!(pair(b"a :: b"), (b"a".to_vec(), b": b".to_vec()));
        assert_eq!(pair(b"cluster_name: }"), (b"cluster_name".to_vec(), b"}".to_vec()));
        assert_eq!(pair(b"version: 2\r\r\n"), (b"version".to_vec(), b"2\r".to_vec()));
    }

    #[test]
    fn sections_open_at_any_brace() {
        assert_eq!(open(b"totem {"), (b"totem".to_vec(), 0));
        assert_eq!(open(b"totem{"), (b"totem".to_vec(), 0));
        assert_eq!(open(b"totem: {"), (b"totem".to_vec(), 0));
        assert_eq!(open(b"totem:: {"), (b"totem".to_vec(), 0));
        assert_eq!(open(b"cluster_name: a {"), (b"cluster_name: a".to_vec(), 0));
        assert_eq!(open(b"totem {{"), (b"totem".to_vec(), 1));
        assert_eq!(open(b"totem { # c"), (b"totem".to_vec(), 1));
        assert_eq!(open(b":{"), (b":".to_vec(), 0));
        assert_eq!(one(b"totem { version: 2 }").0.kind, LineKind::Invalid);
        assert_eq!(one(b"{").1[0].kind, ErrorKind::MissingSectionName);
    }

    #[test]
    fn comments_blanks_and_errors() {
        assert!(matches!(one(b"   # c").0.kind, LineKind::Comment { .. }));
        assert_eq!(one(b" \t \n").0.kind, LineKind::Blank);
        assert_eq!(one(b"\0abc\n").0.kind, LineKind::Blank);
        assert_eq!(one(b"version 2").1[0].kind, ErrorKind::InvalidLine);
        assert_eq!(one(b"} # end").1[0].kind, ErrorKind::ExtraAroundCloseBrace);
        assert_eq!(one(b"}").1.len(), 0);
        assert_eq!(one(b"a\0b\n").1[0].kind, ErrorKind::NulByte);
        assert!(one(b"a: \0b").1.is_empty());
        let long = [b"k: ".to_vec(), vec![b'x'; 507]].concat();
        assert!(one(&long).1.is_empty());
        let long = [b"k: ".to_vec(), vec![b'x'; 508]].concat();
        assert_eq!(one(&long).1[0].kind, ErrorKind::LineTooLong);
        let crlf = [b"k: ".to_vec(), vec![b'x'; 507], b"\r\n".to_vec()].concat();
        assert_eq!(one(&crlf).1[0].kind, ErrorKind::LineTooLong);
    }
}
