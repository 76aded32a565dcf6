//! Layer 1 of the grammar (grammar/corosync.conf.ebnf): bytes to classified
//! lines, exactly as corosync 3.1.7's `parse_section` reads them.
//!
//! [`Lines`] walks the input once: for each physical line it finds the end,
//! the first NUL and the first `{`, `:` and `}` in the same pass (a 256-entry
//! byte table tells which bytes matter). [`classify`] then decides the class
//! from those positions without scanning the line again; the nom parsers
//! split the line at the delimiter the scanner found.

use nom::{
    IResult,
    bytes::complete::{take, take_while},
    character::complete::char,
    combinator::rest,
};

use super::error::{ErrorKind, SyntaxError};
use super::tree::{Line, LineKind};
use crate::source::{Span, display_bytes};

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

/// `0x01` in every byte of a word.
const ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// The low seven bits of every byte of a word.
const LOW7: u64 = 0x7F * ONES;
/// The high bit of every byte of a word.
const HIGH: u64 = 0x80 * ONES;

/// The high bit of each byte of `word` is set where that byte is not zero.
fn nonzero_bytes(word: u64) -> u64 {
    ((word & LOW7) + LOW7) | word
}

/// The high bit of each byte of `word` (eight input bytes, little-endian) is
/// set where that byte may matter to the line scanner: every `\n`, `:`, `{`
/// and `}` (and NUL when `nul_possible`), plus a few bytes that share their
/// bit pattern (`*`, `y`, 0x1A, 0x7F), which the scanner looks at and skips.
/// Eight bytes per step, without branches or `unsafe`.
fn candidates(word: u64, nul_possible: bool) -> u64 {
    let not_nul = if nul_possible { nonzero_bytes(word) } else { !0 };
    // `(b & 0xCF) == 0x0A` is 0x0A `\n`, 0x1A, 0x2A `*`, 0x3A `:`.
    let not_newline_or_colon = nonzero_bytes((word & (0xCF * ONES)) ^ (0x0A * ONES));
    // `(b & 0xF9) == 0x79` is 0x79 `y`, 0x7B `{`, 0x7D `}`, 0x7F.
    let not_brace = nonzero_bytes((word & (0xF9 * ONES)) ^ (0x79 * ONES));
    !(not_nul & not_newline_or_colon & not_brace) & HIGH
}

/// The offsets of the [`candidates`] of a whole input, in order.
#[derive(Debug, Clone)]
struct Candidates<'a> {
    src: &'a [u8],
    /// Offset of the word `bits` describes.
    base: usize,
    /// The candidates of that word not yet returned.
    bits: u64,
    /// Whether the input holds a NUL byte at all (almost never: then the
    /// scan has one test less per word).
    nul_possible: bool,
}

impl<'a> Candidates<'a> {
    fn new(src: &'a [u8]) -> Self {
        // Start "before" the input with no bits left: the first call loads word 0.
        let nul_possible = memchr::memchr(0, src).is_some();
        Candidates { src, base: 0usize.wrapping_sub(8), bits: 0, nul_possible }
    }
}

impl Iterator for Candidates<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.bits == 0 {
            let base = self.base.wrapping_add(8);
            let rest = self.src.get(base..).filter(|rest| !rest.is_empty())?;
            let word = match rest.first_chunk::<8>() {
                Some(bytes) => *bytes,
                None => {
                    // The last few bytes, padded with a byte that is never a candidate.
                    let mut bytes = [b'a'; 8];
                    bytes[..rest.len()].copy_from_slice(rest);
                    bytes
                }
            };
            self.base = base;
            self.bits = candidates(u64::from_le_bytes(word), self.nul_possible);
        }
        let offset = self.base + (self.bits.trailing_zeros() / 8) as usize;
        self.bits &= self.bits - 1;
        Some(offset)
    }
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
}

/// Where [`Lines`] records the first offset of each byte it stops at; every
/// other byte (the [`candidates`] look-alikes) goes to an unused slot.
const SLOT: [u8; 256] = {
    let mut table = [SLOT_OTHER as u8; 256];
    table[0] = SLOT_NUL as u8;
    table[b'{' as usize] = SLOT_OPEN as u8;
    table[b':' as usize] = SLOT_COLON as u8;
    table[b'}' as usize] = SLOT_CLOSE as u8;
    table
};
const SLOT_NUL: usize = 0;
const SLOT_OPEN: usize = 1;
const SLOT_COLON: usize = 2;
const SLOT_CLOSE: usize = 3;
const SLOT_OTHER: usize = 4;

/// The physical lines of an input, in order (see [`lines`]).
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    src: &'a [u8],
    /// Where the next line starts; `candidates` has returned every candidate before it.
    pos: usize,
    candidates: Candidates<'a>,
}

impl Iterator for Lines<'_> {
    type Item = RawLine;

    #[inline]
    fn next(&mut self) -> Option<RawLine> {
        let src = self.src;
        if self.pos >= src.len() {
            return None;
        }
        let start = self.pos;
        let (mut end, mut next) = (src.len(), src.len());
        // The first offset of each kind of byte (see `SLOT`), `usize::MAX` if none.
        let mut first = [usize::MAX; 8];
        for at in self.candidates.by_ref() {
            let byte = src.get(at).copied().unwrap_or(b'\n');
            if byte == b'\n' {
                end = at;
                next = at + 1;
                break;
            }
            let slot = usize::from(SLOT[usize::from(byte)]) & 7;
            first[slot] = first[slot].min(at);
        }
        // corosync never sees what follows a NUL.
        let nul = first[SLOT_NUL];
        let before_nul = |at: usize| (at < nul).then_some(at);
        let line = RawLine {
            start,
            end,
            next,
            nul: (nul != usize::MAX).then_some(nul),
            open: before_nul(first[SLOT_OPEN]),
            colon: before_nul(first[SLOT_COLON]),
            close: before_nul(first[SLOT_CLOSE]),
        };
        self.pos = line.next;
        Some(line)
    }
}

/// Splits `src` into physical lines lazily, in one pass over the bytes.
pub fn lines(src: &[u8]) -> Lines<'_> {
    Lines { src, pos: 0, candidates: Candidates::new(src) }
}

/// Classifies one physical line found by [`lines`]. The common lines (pairs,
/// opens, closes, blanks) take no branch into the error reporting below,
/// which lives in cold functions so that this one stays small enough to inline.
#[inline]
pub fn classify(src: &[u8], raw: &RawLine, errors: &mut Vec<SyntaxError>) -> Line {
    let full = Span::new(raw.start, raw.next);
    let content = Span::new(raw.start, raw.end);
    let mut text_end = content.end;
    if text_end > content.start && src[text_end - 1] == b'\r' {
        text_end -= 1;
    }
    let text = Span::new(content.start, text_end);
    let indent_len = leading_blanks(&src[text.start..text.end]);
    let indent = Span::new(text.start, text.start + indent_len);
    let line = |kind| Line { span: full, text, indent, kind };

    // What the C string holds: up to the first NUL, then one trailing CR removed.
    let nul = raw.nul;
    if nul == Some(content.start) {
        // strlen() == 0: corosync skips every check and ignores the line.
        return line(LineKind::Blank);
    }
    if content.len() > MAX_LINE_CONTENT {
        report_line_too_long(errors, text, content.len());
    } else if let Some(at) = nul
        && raw.terminated()
    {
        report_nul_byte(errors, at);
    }
    let mut c_end = match nul {
        Some(at) if at > content.start && src[at - 1] == b'\r' => at - 1,
        Some(at) => at,
        None => text_end,
    };
    // Trailing blanks are cut first.
    while c_end > content.start && is_ws(src[c_end - 1]) {
        c_end -= 1;
    }
    // The scanner's positions all lie in `start..c_end`: the indent and the
    // trimmed tail are blanks (and one CR), and nothing after a NUL counts.
    let start = content.start + indent_len.min(c_end - content.start);
    let body = &src[start..c_end];
    let Some(&first) = body.first() else {
        return line(LineKind::Blank);
    };
    if first == b'#' {
        return line(LineKind::Comment { text: Span::new(start, c_end) });
    }
    if let Some(brace) = raw.open
        && let Ok((_, (before, after))) = split_at_delimiter(brace - start, b'{')(body)
    {
        let brace = start + before.len();
        let after_start = c_end - after.len();
        // corosync cuts the line at `loc - 1`: the `{` itself, or the last blank after it.
        let cut = if after_start == brace + 1 { brace } else { after_start - 1 };
        let name_end = if cut == start { start } else { trim_name_end(src, start, cut) };
        let name = Span::new(start, name_end);
        if name.is_empty() {
            report_missing_section_name(errors, brace);
        } else if !after.is_empty() && report_extra_after_open(errors, body, after, Span::new(after_start, c_end)) {
            return line(LineKind::Invalid);
        }
        return line(LineKind::Open { name, brace });
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
        let key = if before.is_empty() { Span::new(colon, key_end) } else { Span::new(start, key_end) };
        return line(LineKind::Pair { key, colon, value: Span::new(value_start, c_end) });
    }
    if let Some(brace) = raw.close {
        if body != b"}" {
            report_extra_around_close(errors, Span::new(start, c_end));
        }
        return line(LineKind::Close { brace });
    }
    report_invalid_line(errors, Span::new(start, c_end), body);
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
            LineKind::Pair { key, value, .. } => (s[key.start..key.end].to_vec(), s[value.start..value.end].to_vec()),
            k => panic!("not a pair: {k:?}"),
        }
    }

    fn open(s: &[u8]) -> (Vec<u8>, usize) {
        let (l, e) = one(s);
        match l.kind {
            LineKind::Open { name, .. } => (s[name.start..name.end].to_vec(), e.len()),
            k => panic!("not open: {k:?}"),
        }
    }

    #[test]
    fn candidates_are_exactly_the_stop_bytes_and_their_lookalikes() {
        let lookalike = |b: u8| matches!(b, b'\n' | b':' | b'{' | b'}' | b'*' | b'y' | 0x1A | 0x7F);
        for nul_possible in [true, false] {
            for a in 0..=255u8 {
                for b in 0..=255u8 {
                    let bytes = [a, b, a, b, b, a, 0x61, 0xFF];
                    let bits = candidates(u64::from_le_bytes(bytes), nul_possible);
                    for (i, &byte) in bytes.iter().enumerate() {
                        assert_eq!(
                            bits & (0x80 << (8 * i)) != 0,
                            lookalike(byte) || (nul_possible && byte == 0),
                            "byte {byte:#04x} at {i} next to {a:#04x}/{b:#04x}"
                        );
                    }
                    assert_eq!(bits & !HIGH, 0);
                }
            }
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
