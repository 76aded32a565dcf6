//! Where things are in the file, for diagnostics about keys that are missing.

use super::Context;
use crate::cmap::CmapView;
use crate::source::{SourceFile, Span};
use crate::syntax::{Node, Section};

/// The opening line of the first section at `path` (e.g. `["quorum", "device"]`).
pub fn section_open(ctx: &Context, path: &[&str]) -> Option<Span> {
    // Depth-first in file order, descending only into sections on the path.
    fn find<'t>(nodes: &'t [Node], src: &SourceFile, path: &[&str]) -> Option<&'t Section> {
        let (first, rest) = path.split_first()?;
        nodes.iter().find_map(|node| match node {
            Node::Section(s) if src.slice(s.name()) == first.as_bytes() => {
                if rest.is_empty() {
                    Some(s.as_ref())
                } else {
                    find(&s.children, src, rest)
                }
            }
            _ => None,
        })
    }
    let s = find(&ctx.parsed.tree.nodes, ctx.source, path)?;
    Some(Span { start: s.name().start.max(s.open.text.start), end: s.open.text.end })
}

/// The span of a key's assignment in effect, if the key is set.
pub fn key(cmap: &CmapView, key: &str) -> Option<Span> {
    cmap.get(key).map(|e| e.span())
}

/// The best place for a finding about the whole quorum setup: the `quorum`
/// section, else the first line of the file.
pub fn quorum_anchor(ctx: &Context) -> Span {
    section_open(ctx, &["quorum"]).unwrap_or_else(|| first_line(ctx))
}

/// The first non-empty line of the file (or an empty span at 0).
pub fn first_line(ctx: &Context) -> Span {
    let mut found = None;
    ctx.parsed.tree.for_each_line(&mut |line| {
        if found.is_none() && !line.text.is_empty() {
            found = Some(line.text);
        }
    });
    found.unwrap_or_default()
}
