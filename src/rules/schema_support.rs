//! Shared helpers for the schema, value, logging and PVE rules: every
//! key/value line and every section of the tree with its section path.

use std::sync::Arc;

use super::Context;
use super::fast_hash::FastMap;
use crate::schema::{self, KeyDef, SectionDef, Status};
use crate::source::Span;
use crate::syntax::{Line, LineKind, Node, Section};

/// A piece of text in a [`PairItem`] or [`SectionItem`]: borrowed from the
/// file or the catalogue when possible, else shared between the items that
/// have it (a section path is the same for every key of the section). It
/// reads like a `&str` (`as_str`, `Deref`, comparison with `&str`/`String`,
/// `Display`), so rules use it as they would a `String`.
#[derive(Clone)]
pub struct Text<'a>(TextRepr<'a>);

#[derive(Clone)]
enum TextRepr<'a> {
    Borrowed(&'a str),
    Shared(Arc<str>),
}

impl<'a> Text<'a> {
    /// Text borrowed from the file or the catalogue.
    pub fn borrowed(text: &'a str) -> Self {
        Text(TextRepr::Borrowed(text))
    }

    /// Text kept in one shared allocation.
    pub fn shared(text: &str) -> Self {
        Text(TextRepr::Shared(Arc::from(text)))
    }

    /// Bytes as lossy UTF-8 text, borrowed when they are valid UTF-8.
    pub fn lossy(bytes: &'a [u8]) -> Self {
        match std::str::from_utf8(bytes) {
            Ok(text) => Text::borrowed(text),
            Err(_) => Text::shared(&String::from_utf8_lossy(bytes)),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            TextRepr::Borrowed(text) => text,
            TextRepr::Shared(text) => text,
        }
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text<'_> {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text<'_> {}

impl PartialEq<str> for Text<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text<'_> {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::hash::Hash for Text<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Text<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// One `key: value` line with the sections around it.
#[derive(Debug, Clone)]
pub struct PairItem<'a> {
    /// Enclosing section names, outermost first, joined with `.` (lossy UTF-8).
    pub path: Text<'static>,
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
    pub key_text: Text<'a>,
    /// The catalogue entry for this key in this section (`schema::lookup`, computed once).
    pub def: Option<&'static crate::schema::KeyDef>,
}

/// One section with the path of its parent.
#[derive(Debug, Clone)]
pub struct SectionItem<'a> {
    /// The parent's section path (empty at the top level).
    pub parent: Text<'static>,
    /// This section's own path.
    pub path: Text<'static>,
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

/// What the walks know about one distinct section path.
struct PathInfo {
    /// The path (borrowed from the catalogue when it names a known section exactly).
    text: Text<'static>,
    /// Its catalogue entry.
    def: Option<&'static SectionDef>,
}

/// Section paths met during one walk of the tree, each looked up in the
/// catalogue once (a file has few distinct paths and many sections).
#[derive(Default)]
struct Paths {
    infos: Vec<PathInfo>,
    by_text: FastMap<String, usize>,
}

impl Paths {
    /// The id of `path` (`path` is a joined section path).
    fn id(&mut self, path: &str) -> usize {
        if let Some(&id) = self.by_text.get(path) {
            return id;
        }
        let def = schema::known_section(path);
        let text = match def {
            Some(d) if d.path == path => Text::borrowed(d.path),
            _ if path.is_empty() => Text::borrowed(""),
            _ => Text::shared(path),
        };
        self.infos.push(PathInfo { text, def });
        let id = self.infos.len() - 1;
        self.by_text.insert(path.to_string(), id);
        id
    }

    fn info(&self, id: usize) -> Option<&PathInfo> {
        self.infos.get(id)
    }

    /// Whether keys inside the section at path `id` should be checked against the catalogue.
    fn checkable(&self, id: usize) -> bool {
        self.info(id).and_then(|i| i.def).is_some_and(|s| !matches!(s.status, Status::Obsolete))
    }

    fn text(&self, id: usize) -> Text<'static> {
        self.info(id).map_or(Text::borrowed(""), |i| i.text.clone())
    }
}

/// Appends `.name` to the path in `buf` (just `name` when the path is empty).
fn push_name(buf: &mut String, name: &[u8]) {
    if !buf.is_empty() {
        buf.push('.');
    }
    match std::str::from_utf8(name) {
        Ok(text) => buf.push_str(text),
        Err(_) => buf.push_str(&String::from_utf8_lossy(name)),
    }
}

/// Every key/value line, in file order (cached in the context).
pub fn pairs<'c, 'a>(ctx: &'c Context<'a>) -> &'c [PairItem<'a>] {
    ctx.pairs()
}

/// State of one walk that collects [`PairItem`]s.
struct PairWalk<'a> {
    src: &'a [u8],
    paths: Paths,
    /// `schema::lookup` results by (path id, key).
    defs: FastMap<(usize, &'a str), Option<&'static KeyDef>>,
    buf: String,
    out: Vec<PairItem<'a>>,
}

/// Computes [`pairs`]; use that instead, it is cached.
pub(super) fn collect_all_pairs<'a>(ctx: &Context<'a>) -> Vec<PairItem<'a>> {
    let mut walk =
        PairWalk { src: &ctx.source.bytes, paths: Paths::default(), defs: FastMap::default(), buf: String::new(), out: Vec::new() };
    let root = walk.paths.id("");
    walk.collect(&ctx.parsed.tree.nodes, root, true);
    walk.out
}

impl<'a> PairWalk<'a> {
    fn text(&self, span: Span) -> &'a [u8] {
        self.src.get(span.range()).unwrap_or_default()
    }

    /// Collects the pairs under `nodes`; `self.buf` holds the text of `path`.
    fn collect(&mut self, nodes: &'a [Node], path: usize, checkable: bool) {
        let path_text = self.paths.text(path);
        for node in nodes {
            match node {
                Node::Pair(line) => {
                    if let LineKind::Pair { key, value, .. } = line.kind {
                        let entry = Span { start: key.start.min(value.start), end: value.end.max(key.end) };
                        let key_text = Text::lossy(self.text(key));
                        let def = match key_text.0 {
                            TextRepr::Borrowed(k) => *self
                                .defs
                                .entry((path, k))
                                .or_insert_with(|| schema::lookup(path_text.as_str(), k)),
                            TextRepr::Shared(_) => schema::lookup(path_text.as_str(), key_text.as_str()),
                        };
                        self.out.push(PairItem {
                            path: path_text.clone(),
                            line,
                            key,
                            value,
                            entry,
                            checkable,
                            key_text,
                            def,
                        });
                    }
                }
                Node::Section(s) => {
                    let parent_len = self.buf.len();
                    let name = self.text(s.name());
                    push_name(&mut self.buf, name);
                    let child = self.paths.id(&self.buf);
                    let ok = checkable && self.paths.checkable(child);
                    self.collect(&s.children, child, ok);
                    self.buf.truncate(parent_len);
                }
                Node::Trivia(_) | Node::Error(_) => {}
            }
        }
    }
}

/// Every section, in file order (cached in the context).
pub fn sections<'c, 'a>(ctx: &'c Context<'a>) -> &'c [SectionItem<'a>] {
    ctx.sections()
}

/// Computes [`sections`]; use that instead, it is cached.
pub(super) fn collect_all_sections<'a>(ctx: &Context<'a>) -> Vec<SectionItem<'a>> {
    let mut paths = Paths::default();
    let root = paths.id("");
    let mut out = Vec::new();
    collect_sections(ctx, &ctx.parsed.tree.nodes, &mut paths, &mut String::new(), root, "", true, &mut out);
    out
}

#[allow(clippy::too_many_arguments)]
fn collect_sections<'a>(
    ctx: &Context<'a>,
    nodes: &'a [Node],
    paths: &mut Paths,
    buf: &mut String,
    path: usize,
    scope: &str,
    checkable: bool,
    out: &mut Vec<SectionItem<'a>>,
) {
    for node in nodes {
        if let Node::Section(s) = node {
            let name = ctx.text(s.name());
            let parent_len = buf.len();
            push_name(buf, name);
            let child = paths.id(buf);
            let repeatable = paths.info(child).and_then(|i| i.def).is_some_and(|d| d.repeatable);
            let mut child_scope = String::with_capacity(scope.len() + name.len() + 12);
            child_scope.push_str(scope);
            child_scope.push('/');
            child_scope.push_str(&String::from_utf8_lossy(name));
            if repeatable {
                child_scope.push('@');
                child_scope.push_str(&s.open.span.start.to_string());
            }
            out.push(SectionItem {
                parent: paths.text(path),
                path: paths.text(child),
                section: s,
                scope: child_scope.clone(),
                parent_checkable: checkable,
            });
            let ok = checkable && paths.checkable(child);
            collect_sections(ctx, &s.children, paths, buf, child, &child_scope, ok, out);
            buf.truncate(parent_len);
        }
    }
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
