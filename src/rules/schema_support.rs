//! Shared helpers for the schema, value, logging and PVE rules: every
//! key/value line and every section of the tree with its section path.

use super::Context;
use crate::schema::{self, Status};
use crate::source::Span;
use crate::syntax::{Line, LineKind, Node, Section};

/// One `key: value` line with the sections around it.
#[derive(Debug, Clone)]
pub struct PairItem<'a> {
    /// Enclosing section names, outermost first, joined with `.` (lossy UTF-8).
    pub path: String,
    /// The line.
    pub line: &'a Line,
    /// The key as corosync trims it.
    pub key: Span,
    /// The value.
    pub value: Span,
    /// The whole `key: value` text (from the key to the end of the value).
    pub entry: Span,
    /// Whether every enclosing section is known and current enough to check
    /// its keys (not unknown, not a corosync 1.x section).
    pub checkable: bool,
    /// The key as text (lossy UTF-8).
    pub key_text: String,
    /// The catalogue entry for this key in this section (`schema::lookup`, computed once).
    pub def: Option<&'static crate::schema::KeyDef>,
}

/// One section with the path of its parent.
#[derive(Debug, Clone)]
pub struct SectionItem<'a> {
    /// The parent's section path (empty at the top level).
    pub parent: String,
    /// This section's own path.
    pub path: String,
    /// The section.
    pub section: &'a Section,
    /// A scope key that is the same for two sections corosync merges:
    /// the parent's scope plus the name, where repeatable sections count
    /// by instance.
    pub scope: String,
    /// Whether every enclosing section is known and checkable.
    pub parent_checkable: bool,
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() { name.to_string() } else { format!("{parent}.{name}") }
}

/// Whether keys inside a section at `path` should be checked against the catalogue.
fn section_checkable(path: &str) -> bool {
    schema::known_section(path).is_some_and(|s| !matches!(s.status, Status::Obsolete))
}

/// Every key/value line, in file order (cached in the context).
pub fn pairs<'c, 'a>(ctx: &'c Context<'a>) -> &'c [PairItem<'a>] {
    ctx.pairs()
}

/// Computes [`pairs`]; use that instead, it is cached.
pub(super) fn collect_all_pairs<'a>(ctx: &Context<'a>) -> Vec<PairItem<'a>> {
    let mut out = Vec::new();
    collect_pairs(ctx, &ctx.parsed.tree.nodes, "", true, &mut out);
    out
}

fn collect_pairs<'a>(ctx: &Context<'a>, nodes: &'a [Node], path: &str, checkable: bool, out: &mut Vec<PairItem<'a>>) {
    for node in nodes {
        match node {
            Node::Pair(line) => {
                if let LineKind::Pair { key, value, .. } = line.kind {
                    let entry = Span::new(key.start.min(value.start), value.end.max(key.end));
                    let key_text = lossy(ctx.text(key));
                    let def = crate::schema::lookup(path, &key_text);
                    out.push(PairItem { path: path.to_string(), line, key, value, entry, checkable, key_text, def });
                }
            }
            Node::Section(s) => {
                let child = join(path, &lossy(ctx.text(s.name())));
                let ok = checkable && section_checkable(&child);
                collect_pairs(ctx, &s.children, &child, ok, out);
            }
            Node::Trivia(_) | Node::Error(_) => {}
        }
    }
}

/// Every section, in file order (cached in the context).
pub fn sections<'c, 'a>(ctx: &'c Context<'a>) -> &'c [SectionItem<'a>] {
    ctx.sections()
}

/// Computes [`sections`]; use that instead, it is cached.
pub(super) fn collect_all_sections<'a>(ctx: &Context<'a>) -> Vec<SectionItem<'a>> {
    let mut out = Vec::new();
    collect_sections(ctx, &ctx.parsed.tree.nodes, "", "", true, &mut out);
    out
}

fn collect_sections<'a>(
    ctx: &Context<'a>,
    nodes: &'a [Node],
    path: &str,
    scope: &str,
    checkable: bool,
    out: &mut Vec<SectionItem<'a>>,
) {
    for node in nodes {
        if let Node::Section(s) = node {
            let name = lossy(ctx.text(s.name()));
            let child = join(path, &name);
            let repeatable = schema::known_section(&child).is_some_and(|d| d.repeatable);
            let child_scope =
                if repeatable { format!("{scope}/{name}@{}", s.open.span.start) } else { format!("{scope}/{name}") };
            out.push(SectionItem {
                parent: path.to_string(),
                path: child.clone(),
                section: s,
                scope: child_scope.clone(),
                parent_checkable: checkable,
            });
            let ok = checkable && section_checkable(&child);
            collect_sections(ctx, &s.children, &child, &child_scope, ok, out);
        }
    }
}

/// Whether the parser or the cmap builder already reported an error on the line of `line`.
pub fn has_parser_error(ctx: &Context, line: &Line) -> bool {
    let t = line.span;
    ctx.parsed.errors.iter().chain(&ctx.cmap.errors).any(|e| e.span.start >= t.start && e.span.start < t.end)
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
        Node::Section(s) if src.get(s.name().start..s.name().end) == Some(name.as_bytes()) => Some(s.as_ref()),
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
