//! Shared helpers for the schema, value, logging and PVE rules: the key/value
//! lines and sections of the file (see [`tree_items`](super::tree_items)) and
//! small questions about them.

use super::Context;
pub use super::tree_items::{PairItem, SectionItem, Text};
use crate::source::Span;
use crate::syntax::{Line, LineKind, Node, Section};

/// Every key/value line, in file order (cached in the context).
pub fn pairs<'c, 'a>(ctx: &'c Context<'a>) -> &'c [PairItem<'a>] {
    ctx.pairs()
}

/// Every section, in file order (cached in the context).
pub fn sections<'c, 'a>(ctx: &'c Context<'a>) -> &'c [SectionItem<'a>] {
    ctx.sections()
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Whether the parser or the cmap builder already reported an error on the line of `line`.
pub fn has_parser_error(ctx: &Context, line: &Line) -> bool {
    let t = line.span;
    let starts = ctx.error_starts();
    starts.get(starts.partition_point(|&s| s < t.start)).is_some_and(|&s| s < t.end)
}

/// The key's text as a string (lossy).
pub fn text_of(ctx: &Context, span: Span) -> String {
    lossy(ctx.text(span))
}

/// The section keys directly inside `section` (key text, item), in order.
pub fn direct_pairs<'a>(ctx: &Context<'a>, section: &'a Section) -> Vec<(String, &'a Line, Span, Span)> {
    section
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Pair(line) => match line.kind {
                LineKind::Pair { key, value, .. } => Some((text_of(ctx, key), line, key, value)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The direct subsections of `section` named `name`.
pub fn subsections<'a>(
    ctx: &Context<'a>,
    section: &'a Section,
    name: &'a str,
) -> impl Iterator<Item = &'a Section> + 'a {
    let src = ctx.source.bytes.clone();
    section.children.iter().filter_map(move |n| match n {
        Node::Section(s) if src.get(s.name().range()) == Some(name.as_bytes()) => Some(s.as_ref()),
        _ => None,
    })
}

/// The top-level sections named `name`.
pub fn top_sections<'a>(ctx: &Context<'a>, name: &'a str) -> Vec<&'a Section> {
    ctx.parsed
        .tree
        .nodes
        .iter()
        .filter_map(|n| match n {
            Node::Section(s) if ctx.text(s.name()) == name.as_bytes() => Some(s.as_ref()),
            _ => None,
        })
        .collect()
}

/// Whether a section name is really a `key: value {` line (see `brace-in-value`).
pub fn looks_like_pair(name: &str) -> bool {
    name.split_once(':').is_some_and(|(_, v)| !v.trim_matches([' ', '\t']).is_empty())
}
