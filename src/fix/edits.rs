//! Building edits on the lossless tree: lines found by offset, values
//! replaced, lines inserted above others with the same indentation and line
//! terminator, trailing comments moved to their own line, `config_version`
//! set. Rules use these so that every fix writes lines the same way.

use crate::cmap::CmapView;
use crate::source::Span;
use crate::syntax::{Line, LineKind, Node, SyntaxTree};

use super::{Edit, Intent};

/// The line of `tree` whose bytes contain `offset`.
pub fn line_at(tree: &SyntaxTree, offset: u32) -> Option<&Line> {
    let mut found = None;
    tree.for_each_line(&mut |line| {
        if found.is_none() && line.span.start <= offset && offset < line.span.end.max(line.span.start + 1) {
            found = Some(line);
        }
    });
    found
}

/// The line terminator of `line` (`\n` or `\r\n`); `\n` for a last line without one.
pub fn terminator<'a>(src: &'a [u8], line: &Line) -> &'a [u8] {
    match src.get(line.text.end_usize()..line.span.end_usize()) {
        Some(t) if !t.is_empty() => t,
        _ => b"\n",
    }
}

/// Inserts the line `text` (without terminator) above `line`, with `line`'s
/// indentation and terminator.
pub fn insert_line_above(src: &[u8], line: &Line, text: &[u8]) -> Edit {
    let mut new = src.get(line.indent.range()).unwrap_or_default().to_vec();
    new.extend_from_slice(text);
    new.extend_from_slice(terminator(src, line));
    Edit::insert(line.span.start, new)
}

/// Deletes the whole of `line`, terminator included.
pub fn delete_line(line: &Line) -> Edit {
    Edit::delete(line.span)
}

/// A trailing comment moved to a line of its own above its line: the edits
/// and the comment text (from `#` to the end of the value), or `None` when
/// `comment` does not end the value of a `key: value` line.
pub fn move_trailing_comment(src: &[u8], line: &Line, comment: Span) -> Option<(Vec<Edit>, Vec<u8>)> {
    let LineKind::Pair { value, .. } = line.kind else { return None };
    if comment.end != value.end || comment.start <= value.start || src.get(comment.start_usize()) != Some(&b'#') {
        return None;
    }
    let text = src.get(comment.range())?.to_vec();
    // Remove the blanks between the value and the `#` too.
    let kept = src.get(value.start_usize()..comment.start_usize())?;
    let blanks = kept.iter().rev().take_while(|b| matches!(b, b' ' | b'\t')).count();
    let cut = Span::new(comment.start_usize() - blanks, comment.end_usize());
    Some((vec![insert_line_above(src, line, &text), Edit::delete(cut)], text))
}

/// The `key: value` line that set the cmap entry `key`, if any.
pub fn entry_line<'t>(tree: &'t SyntaxTree, view: &CmapView, key: &str) -> Option<&'t Line> {
    let entry = view.get(key)?;
    let line = line_at(tree, entry.span().start)?;
    matches!(line.kind, LineKind::Pair { .. }).then_some(line)
}

/// The cmap key whose value in effect was set by `line`, if any.
pub fn key_set_by<'v>(view: &'v CmapView, line: &Line) -> Option<&'v str> {
    view.iter().find(|(_, e)| line.span.start <= e.span().start && e.span().start < line.span.end).map(|(k, _)| k)
}

/// The offset of a `#` that starts a trailing comment in `value` (the first
/// `#` at the start or after a blank), if any.
pub fn trailing_comment_start(value: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'#', value).find(|&i| i == 0 || matches!(value.get(i - 1), Some(b' ' | b'\t')))
}

/// The value of a `key: value` line with a trailing comment cut off (and
/// the blanks before it), or `None` without one.
pub fn value_without_comment<'s>(src: &'s [u8], line: &Line) -> Option<(&'s [u8], Span)> {
    let LineKind::Pair { value, .. } = line.kind else { return None };
    let bytes = src.get(value.range())?;
    let at = trailing_comment_start(bytes)?;
    let kept = bytes.get(..at)?;
    let kept = &kept[..kept.len() - kept.iter().rev().take_while(|b| matches!(b, b' ' | b'\t')).count()];
    Some((kept, Span::new(value.start_usize() + at, value.end_usize())))
}

/// Every line that assigns the cmap key `key` deleted, and the intent that
/// it is unset afterwards; `None` when it is not set or a line is not a
/// plain `key: value` line.
pub fn remove_key(tree: &SyntaxTree, view: &CmapView, key: &str) -> Option<(Vec<Edit>, Intent)> {
    let entry = view.get(key)?;
    let mut edits = Vec::new();
    for span in entry.spans {
        let line = line_at(tree, span.start).filter(|l| matches!(l.kind, LineKind::Pair { .. }))?;
        let edit = delete_line(line);
        if !edits.contains(&edit) {
            edits.push(edit);
        }
    }
    Some((edits, Intent::unchanged().and_remove(key)))
}

/// Replaces the value of a `key: value` line.
pub fn replace_value(line: &Line, value: &[u8]) -> Option<Edit> {
    let LineKind::Pair { value: span, .. } = line.kind else { return None };
    Some(Edit::replace(span, value.to_vec()))
}

/// The first top-level section named `name`.
pub fn top_section<'t>(tree: &'t SyntaxTree, src: &[u8], name: &[u8]) -> Option<&'t crate::syntax::Section> {
    tree.nodes.iter().find_map(|n| match n {
        Node::Section(s) if src.get(s.name().range()) == Some(name) => Some(&**s),
        _ => None,
    })
}

/// The edits that make `totem.config_version` `value`: its value replaced
/// where it is set, else a `config_version: N` line added as the first entry
/// of the first `totem` section, with the indentation of its entries. `None`
/// when there is no `totem` section to put it in.
pub fn set_config_version(tree: &SyntaxTree, src: &[u8], view: &CmapView, value: u64) -> Option<(Vec<Edit>, Intent)> {
    const KEY: &str = "totem.config_version";
    let digits = value.to_string();
    let intent = Intent::set(KEY, digits.as_bytes());
    if let Some(line) = entry_line(tree, view, KEY) {
        return Some((vec![replace_value(line, digits.as_bytes())?], intent));
    }
    let totem = top_section(tree, src, b"totem")?;
    let text = format!("config_version: {digits}");
    let first_entry = totem.children.iter().map(Node::first_line).find(|l| !matches!(l.kind, LineKind::Blank));
    let edit = match first_entry {
        Some(line) => insert_line_above(src, line, text.as_bytes()),
        None => {
            let open = &totem.open;
            let mut new = src.get(open.indent.range()).unwrap_or_default().to_vec();
            new.extend_from_slice(b"  ");
            new.extend_from_slice(text.as_bytes());
            new.extend_from_slice(terminator(src, open));
            let at = if src.get(open.text.end_usize()..open.span.end_usize()).is_some_and(|t| !t.is_empty()) {
                open.span.end
            } else {
                return None; // `totem {` is the last line, without a newline: not ours to repair
            };
            Edit::insert(at, new)
        }
    };
    Some((vec![edit], intent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::apply::apply_edits;

    fn fixed(src: &str, edits: &[Edit]) -> String {
        String::from_utf8_lossy(&apply_edits(src.as_bytes(), edits).unwrap_or_default()).into_owned()
    }

    #[test]
    fn moves_a_trailing_comment_above_with_its_indent_and_crlf() {
        let src = "totem {\r\n\tcluster_name: prod   # main\r\n}\r\n";
        let parsed = crate::syntax::parse(src.as_bytes());
        let at = src.find('#').unwrap_or(0);
        let line = line_at(&parsed.tree, at as u32).unwrap_or_else(|| panic!("line"));
        let comment = Span::new(at, src.find("\r\n}").unwrap_or(0));
        let (edits, text) = move_trailing_comment(src.as_bytes(), line, comment).unwrap_or_else(|| panic!("moved"));
        assert_eq!(text, b"# main");
        assert_eq!(fixed(src, &edits), "totem {\r\n\t# main\r\n\tcluster_name: prod\r\n}\r\n");
    }

    #[test]
    fn sets_or_adds_config_version() {
        for (src, want) in [
            ("totem {\n  config_version: 3\n}\n", "totem {\n  config_version: 9\n}\n"),
            ("totem {\n    version: 2\n}\n", "totem {\n    config_version: 9\n    version: 2\n}\n"),
            ("totem {\n}\n", "totem {\n  config_version: 9\n}\n"),
        ] {
            let parsed = crate::syntax::parse(src.as_bytes());
            let view = crate::cmap::build(&parsed.tree, src.as_bytes());
            let (edits, _) =
                set_config_version(&parsed.tree, src.as_bytes(), &view, 9).unwrap_or_else(|| panic!("{src}"));
            assert_eq!(fixed(src, &edits), want);
        }
        let parsed = crate::syntax::parse(b"logging {\n}\n");
        let view = crate::cmap::build(&parsed.tree, b"logging {\n}\n");
        assert!(set_config_version(&parsed.tree, b"logging {\n}\n", &view, 1).is_none());
    }
}
