//! Every key/value line and every section of a syntax tree, with its section
//! path and catalogue entry: what the schema, value, logging and PVE rules
//! iterate over. Computed once per file and cached in the rule context.

use std::sync::Arc;

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

/// The bytes of `span` in `src`, clamped to `src` (as `SourceFile::slice`).
fn slice(src: &[u8], span: Span) -> &[u8] {
    let end = span.end_usize().min(src.len());
    let start = span.start_usize().min(end);
    src.get(start..end).unwrap_or_default()
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

/// State of one walk that collects [`PairItem`]s.
struct PairWalk<'a> {
    src: &'a [u8],
    paths: Paths,
    /// `schema::lookup` results by (path id, key).
    defs: FastMap<(usize, &'a str), Option<&'static KeyDef>>,
    buf: String,
    out: Vec<PairItem<'a>>,
}

/// Every key/value line under `nodes` (the tree of `src`), in file order.
/// Rules read them through `Context::pairs`, which computes them once.
pub(super) fn collect_all_pairs<'a>(src: &'a [u8], nodes: &'a [Node]) -> Vec<PairItem<'a>> {
    let mut walk =
        PairWalk { src, paths: Paths::default(), defs: FastMap::default(), buf: String::new(), out: Vec::new() };
    let root = walk.paths.id("");
    walk.collect(nodes, root, true);
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
                            TextRepr::Borrowed(k) => {
                                *self.defs.entry((path, k)).or_insert_with(|| schema::lookup(path_text.as_str(), k))
                            }
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

/// Every section under `nodes` (the tree of `src`) with its paths, in file
/// order. Rules read them through `Context::sections`, which computes them once.
pub(super) fn collect_all_sections<'a>(src: &'a [u8], nodes: &'a [Node]) -> Vec<SectionItem<'a>> {
    let mut paths = Paths::default();
    let root = paths.id("");
    let mut out = Vec::new();
    collect_sections(src, nodes, &mut paths, &mut String::new(), root, "", true, &mut out);
    out
}

#[allow(clippy::too_many_arguments)]
fn collect_sections<'a>(
    src: &'a [u8],
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
            let name = slice(src, s.name());
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
            collect_sections(src, &s.children, paths, buf, child, &child_scope, ok, out);
            buf.truncate(parent_len);
        }
    }
}
