//! Where things are in the file, for diagnostics about keys that are missing.

use crate::cmap::CmapView;
use crate::rules::Context;
use crate::source::Span;
use crate::syntax::Node;

/// The opening line of the first section at `path` (e.g. `["quorum", "device"]`).
pub fn section_open(ctx: &Context, path: &[&str]) -> Option<Span> {
    let mut found = None;
    ctx.parsed.tree.walk(&ctx.source.bytes, &mut |at, node| {
        if found.is_some() {
            return;
        }
        if let Node::Section(s) = node
            && at.len() + 1 == path.len()
            && at.iter().zip(path).all(|(a, b)| *a == b.as_bytes())
            && path.last().is_some_and(|last| ctx.source.slice(s.name()) == last.as_bytes())
        {
            found = Some(crate::source::Span::new(s.name().start.max(s.open.text.start), s.open.text.end));
        }
    });
    found
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
