//! The parser as it was before the one-pass scanner (commit 8894909): a
//! plain classifier that scans each line several times and a tree builder
//! with one growing `Vec` per section. Kept, unchanged, only as the oracle
//! for the differential tests in `syntax::tests`; not compiled outside tests.

use nom::{
    IResult, Parser,
    bytes::complete::{tag, take_till, take_while},
    combinator::{opt, rest},
};

use super::error::{ErrorKind, SyntaxError};
use super::tree::{Line, LineKind, Node, Section, SyntaxTree};
use crate::source::{Span, display_bytes, offset_u32};

/// corosync reads lines with `fgets` into a 512-byte buffer: 511 bytes or
/// more before the newline is `Line too long`.
const MAX_LINE_CONTENT: usize = 510;

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Content up to (not including) the next `\n` (found with SIMD `memchr`).
fn till_newline(input: &[u8]) -> IResult<&[u8], &[u8]> {
    let end = memchr::memchr(b'\n', input).unwrap_or(input.len());
    Ok((&input[end..], &input[..end]))
}

/// A parser result over bytes.
type ByteResult<'a, T> = IResult<&'a [u8], T>;

/// One physical line: content up to (not including) `\n`, and the `\n` if present.
fn physical_line(input: &[u8]) -> ByteResult<'_, (&[u8], Option<&[u8]>)> {
    (till_newline, opt(tag(&b"\n"[..]))).parse(input)
}

/// First positions of the bytes that decide a line's class, found in one pass.
#[derive(Default)]
struct Landmarks {
    open: Option<usize>,
    colon: Option<usize>,
    close: Option<usize>,
}

fn landmarks(body: &[u8]) -> Landmarks {
    let mut m = Landmarks::default();
    for (i, &b) in body.iter().enumerate() {
        match b {
            b'{' => {
                m.open = Some(i);
                break; // `{` decides the class; nothing after it matters
            }
            b':' if m.colon.is_none() => m.colon = Some(i),
            b'}' if m.close.is_none() => m.close = Some(i),
            _ => {}
        }
    }
    m
}

/// Leading blanks (space and tab only; corosync 3.1.7 knows no other whitespace).
fn blanks(input: &[u8]) -> IResult<&[u8], &[u8]> {
    take_while(is_ws)(input)
}

/// Splits at the first occurrence of `delim`: the text before it, and the
/// text after it with its leading blanks skipped (corosync's `strchr_rs`).
fn split_at_first(delim: u8) -> impl Fn(&[u8]) -> ByteResult<'_, (&[u8], &[u8])> {
    move |input: &[u8]| {
        let (input, before) = take_till(|b| b == delim)(input)?;
        let (input, _) = tag(&[delim][..])(input)?;
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

/// Splits `src` into physical lines: `(whole line incl. newline, content without newline)`.
fn split_lines(src: &[u8]) -> Vec<(Span, Span, bool)> {
    let mut out = Vec::with_capacity(src.len() / 24 + 1);
    let mut pos = 0;
    while pos < src.len() {
        let Ok((_, (content, newline))) = physical_line(&src[pos..]) else { break };
        let full = content.len() + newline.map_or(0, <[u8]>::len);
        out.push((Span::new(pos, pos + full), Span::new(pos, pos + content.len()), newline.is_some()));
        pos += full;
    }
    out
}

/// Classifies one physical line. `full` includes the newline, `content`
/// excludes it; `terminated` says whether a newline followed.
fn classify(src: &[u8], full: Span, content: Span, terminated: bool, errors: &mut Vec<SyntaxError>) -> Line {
    let (content_start, content_end) = (content.start_usize(), content.end_usize());
    let mut text_end = content_end;
    if text_end > content_start && src[text_end - 1] == b'\r' {
        text_end -= 1;
    }
    let text = Span::new(content_start, text_end);
    let indent_len = blanks(&src[content_start..text_end]).map(|(_, i)| i.len()).unwrap_or(0);
    let indent = Span::new(content_start, content_start + indent_len);
    let line = |kind| Line { span: full, text, indent, kind };

    // What the C string holds: up to the first NUL, then one trailing CR removed.
    let raw = &src[content_start..content_end];
    let nul = memchr::memchr(0, raw);
    if nul == Some(0) {
        // strlen() == 0: corosync skips every check and ignores the line.
        return line(LineKind::Blank);
    }
    if content.len() > MAX_LINE_CONTENT {
        errors.push(
            SyntaxError::new(
                ErrorKind::LineTooLong,
                text,
                "Line too long",
                format!("{} bytes; corosync reads at most {MAX_LINE_CONTENT}", content.len()),
            )
            .with_help("corosync reads lines into a 512-byte buffer; split the value or shorten it (CRLF files have one byte less)"),
        );
    } else if let Some(n) = nul
        && terminated
    {
        let at = content_start + n;
        errors.push(
            SyntaxError::new(ErrorKind::NulByte, Span::new(at, at + 1), "Line too long", "NUL byte here").with_help(
                "corosync stops reading the line at a NUL byte and reports `Line too long`; remove the byte",
            ),
        );
    }
    let mut c_end = content_start + nul.unwrap_or(raw.len());
    if nul.is_some() && c_end > content_start && src[c_end - 1] == b'\r' {
        c_end -= 1;
    } else if nul.is_none() {
        c_end = text_end;
    }
    // Trailing blanks are cut first.
    while c_end > content_start && is_ws(src[c_end - 1]) {
        c_end -= 1;
    }
    let start = content_start + indent_len.min(c_end - content_start);
    let body = &src[start..c_end];
    if body.is_empty() {
        return line(LineKind::Blank);
    }
    if body[0] == b'#' {
        return line(LineKind::Comment { text: Span::new(start, c_end) });
    }
    let marks = landmarks(body);
    if marks.open.is_some()
        && let Ok((_, (before, after))) = split_at_first(b'{')(body)
    {
        let brace = start + before.len();
        let after_start = c_end - after.len();
        // corosync cuts the line at `loc - 1`: the `{` itself, or the last blank after it.
        let cut = if after_start == brace + 1 { brace } else { after_start - 1 };
        let name_end = if cut == start { start } else { trim_name_end(src, start, cut) };
        let name = Span::new(start, name_end);
        if name.is_empty() {
            errors.push(
                SyntaxError::new(
                    ErrorKind::MissingSectionName,
                    Span::new(brace, brace + 1),
                    "Missing section name before opening bracket '{'",
                    "section without a name",
                )
                .with_help("write the section name on the same line: `totem {`; corosync does not join lines"),
            );
            return line(LineKind::Open { name, brace: offset_u32(brace) });
        }
        if !after.is_empty() {
            let opens = memchr::memchr_iter(b'{', body).count();
            let closes = memchr::memchr_iter(b'}', body).count();
            errors.push(
                SyntaxError::new(
                    ErrorKind::ExtraAfterOpenBrace,
                    Span::new(after_start, c_end),
                    "Extra characters after opening bracket '{'",
                    "nothing may follow `{` on its line",
                )
                .with_help(format!(
                    "corosync opens a section at any `{{`, even inside a value, and then refuses `{}`; put each entry and the closing `}}` on a line of its own",
                    display_bytes(after)
                )),
            );
            if closes >= opens {
                return line(LineKind::Invalid);
            }
        }
        return line(LineKind::Open { name, brace: offset_u32(brace) });
    }
    if marks.colon.is_some()
        && let Ok((_, (before, after))) = split_at_first(b':')(body)
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
        return line(LineKind::Pair { key, colon: offset_u32(colon), value: Span::new(value_start, c_end) });
    }
    if let Some(p) = marks.close {
        let brace = start + p;
        if body != b"}" {
            errors.push(
                SyntaxError::new(
                    ErrorKind::ExtraAroundCloseBrace,
                    Span::new(start, c_end),
                    "Extra characters before or after closing bracket '}'",
                    "`}` must stand alone on its line",
                )
                .with_help("corosync has no trailing comments and no `;`: put `}` alone on its line and any comment on a line of its own"),
            );
        }
        return line(LineKind::Close { brace: offset_u32(brace) });
    }
    errors.push(
        SyntaxError::new(
            ErrorKind::InvalidLine,
            Span::new(start, c_end),
            "Line is not opening or closing section or key value",
            "not a `section {`, `key: value`, `}` or `# comment`",
        )
        .with_help(invalid_line_help(body)),
    );
    line(LineKind::Invalid)
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

/// The reference parse: `(tree, errors)` exactly as the pre-scanner parser produced them.
pub fn parse(src: &[u8]) -> (SyntaxTree, Vec<SyntaxError>) {
    let mut errors = Vec::new();
    let mut stack: Vec<Section> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let mut last_text = Span::new(0, 0);
    let mut too_deep = 0usize;

    for (full, content, terminated) in split_lines(src) {
        let line = classify(src, full, content, terminated, &mut errors);
        last_text = line.text;
        let deeper = matches!(line.kind, LineKind::Open { .. }) && stack.len() >= super::MAX_DEPTH;
        if too_deep > 0 || deeper {
            match line.kind {
                LineKind::Open { .. } => {
                    if too_deep == 0 {
                        errors.push(super::too_deep_error(&line));
                    }
                    too_deep += 1;
                }
                LineKind::Close { .. } => too_deep -= 1,
                _ => {}
            }
            if let Some(parent) = stack.last_mut() {
                parent.children.push(Node::Error(line));
            }
            continue;
        }
        let node = match line.kind {
            LineKind::Blank | LineKind::Comment { .. } => Node::Trivia(line),
            LineKind::Pair { .. } => Node::Pair(line),
            LineKind::Invalid => Node::Error(line),
            LineKind::Open { .. } => {
                stack.push(Section { open: line, children: Vec::new(), close: None });
                continue;
            }
            LineKind::Close { brace } => match stack.pop() {
                Some(mut section) => {
                    section.close = Some(line);
                    Node::Section(Box::new(section))
                }
                None => {
                    errors.push(
                        SyntaxError::new(
                            ErrorKind::UnexpectedCloseBrace,
                            Span::byte(brace),
                            "Unexpected closing brace",
                            "no open section to close",
                        )
                        .with_help("remove this `}` or add the missing `name {` line above"),
                    );
                    Node::Error(line)
                }
            },
        };
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => top.push(node),
        }
    }

    if let Some(innermost) = stack.last() {
        let name = innermost.name();
        let name_text = crate::source::display_bytes(&src[name.range()]);
        errors.push(
            SyntaxError::new(ErrorKind::MissingCloseBrace, last_text, "Missing closing brace", "file ends here")
                .with_related(innermost.open.text, format!("section `{name_text}` opened here is never closed"))
                .with_help(format!(
                    "add `}}` to close `{name_text}`; corosync reports this at the last line of the file"
                )),
        );
    }
    while let Some(section) = stack.pop() {
        let node = Node::Section(Box::new(section));
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => top.push(node),
        }
    }

    (SyntaxTree { nodes: top }, errors)
}
