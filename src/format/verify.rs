//! Checks a formatted file before it is written: it must parse without
//! error, keep every comment, and give corosync the same cmap view as the
//! input (in `pve` style, nodes may change places: they are compared as a
//! multiset of their key/value sets).

use std::collections::BTreeMap;

use crate::cmap::{self, CmapView, Value};
use crate::source::display_bytes;
use crate::syntax::{self, LineKind, SyntaxTree};

/// Why a formatted file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The output does not parse cleanly (formatter bug or a line made too long).
    Invalid(String),
    /// A comment was lost or changed.
    Comments,
    /// The cmap view differs; names the first differing key.
    Meaning(String),
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mismatch::Invalid(m) => write!(f, "the formatted file would not parse: {m}"),
            Mismatch::Comments => f.write_str("the comments would change"),
            Mismatch::Meaning(m) => f.write_str(m),
        }
    }
}

/// Every full-line comment text of a tree, sorted (a multiset).
pub fn comment_texts<'a>(tree: &'a SyntaxTree, src: &'a [u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    tree.for_each_line(&mut |line| {
        if let LineKind::Comment { text } = line.kind {
            out.push(src.get(text.range()).unwrap_or_default());
        }
    });
    out.sort_unstable();
    out
}

/// Checks `output` against the input's comments and cmap view.
pub fn verify(
    input_comments: &[&[u8]],
    input_view: &CmapView,
    output: &[u8],
    nodes_may_move: bool,
    facts: &crate::version::VersionFacts,
) -> Result<(), Mismatch> {
    let parsed = syntax::parse_for(output, facts);
    let view = cmap::build_shared_for(&parsed.tree, output.into(), facts);
    if let Some(e) = parsed.errors.first().or(view.errors.first()) {
        return Err(Mismatch::Invalid(e.message.clone()));
    }
    if comment_texts(&parsed.tree, output) != input_comments {
        return Err(Mismatch::Comments);
    }
    let same = if nodes_may_move { same_modulo_node_order(input_view, &view) } else { input_view.same_meaning(&view) };
    if same { Ok(()) } else { Err(Mismatch::Meaning(describe(input_view, &view, nodes_may_move))) }
}

/// The node index of a `nodelist.node.<N>.<key>` entry, and the key.
fn node_key(key: &str) -> Option<(u32, &str)> {
    let rest = key.strip_prefix("nodelist.node.")?;
    let (n, k) = rest.split_once('.')?;
    Some((n.parse().ok()?, k))
}

type NodeSet<'a> = Vec<Vec<(&'a str, Value<'a>)>>;

/// Entries outside the nodelist, and the nodes as a sorted multiset.
fn split(view: &CmapView) -> (Vec<(&str, Value<'_>)>, NodeSet<'_>) {
    let mut rest = Vec::new();
    let mut nodes: BTreeMap<u32, Vec<(&str, Value<'_>)>> = BTreeMap::new();
    for (k, e) in view.iter() {
        match node_key(k) {
            Some((n, key)) => nodes.entry(n).or_default().push((key, e.value)),
            None => rest.push((k, e.value)),
        }
    }
    let mut nodes: NodeSet<'_> = nodes.into_values().collect();
    nodes.sort();
    (rest, nodes)
}

/// Same cmap view, except that nodes may have other indices.
pub fn same_modulo_node_order(a: &CmapView, b: &CmapView) -> bool {
    split(a) == split(b)
}

/// A sentence naming the first key whose value differs.
fn describe(before: &CmapView, after: &CmapView, nodes_may_move: bool) -> String {
    let show = |v: &Value<'_>| display_bytes(&v.to_bytes()).chars().flat_map(char::escape_debug).collect::<String>();
    let skip = |k: &str| nodes_may_move && node_key(k).is_some();
    let mut keys: Vec<&str> = before.keys().chain(after.keys()).filter(|k| !skip(k)).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        match (before.get(key), after.get(key)) {
            (Some(a), Some(b)) if a.value == b.value => {}
            (Some(a), Some(b)) => {
                return format!("{key}: `{}` would become `{}`", show(&a.value), show(&b.value));
            }
            (Some(a), None) => return format!("{key}: `{}` would be lost", show(&a.value)),
            (None, Some(b)) => return format!("{key}: `{}` would appear", show(&b.value)),
            (None, None) => {}
        }
    }
    "nodelist.node: the set of nodes would change".into()
}
