//! The canonical cmap view used to compare files: node keys are named by the
//! node's identity (`nodelist.node[nodeid=3].ring0_addr`) instead of its
//! position, so reordering nodes is not a change. Everything else is the cmap
//! view as is: formatting, comments and key order are already gone there.

use std::collections::BTreeMap;

use crate::cmap::{CmapView, Entry};

const NODE_PREFIX: &str = "nodelist.node.";

/// A node of the nodelist and what identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeInfo {
    /// Position `N` in `nodelist.node.N`.
    pub index: u32,
    /// `nodeid`, if set and numeric.
    pub nodeid: Option<u64>,
    /// `name`, if set.
    pub name: Option<Vec<u8>>,
    /// `ring0_addr`, if set.
    pub ring0_addr: Option<Vec<u8>>,
}

/// Every node of a view, in index order.
pub fn nodes(view: &CmapView) -> Vec<NodeInfo> {
    view.node_indices()
        .into_iter()
        .map(|index| NodeInfo {
            index,
            nodeid: view.get_int(&format!("{NODE_PREFIX}{index}.nodeid")),
            name: view.get_bytes(&format!("{NODE_PREFIX}{index}.name")),
            ring0_addr: view.get_bytes(&format!("{NODE_PREFIX}{index}.ring0_addr")),
        })
        .collect()
}

/// Splits `nodelist.node.N.rest` into `(N, rest)`.
pub fn split_node_key(key: &str) -> Option<(u32, &str)> {
    let (index, rest) = key.strip_prefix(NODE_PREFIX)?.split_once('.')?;
    Some((index.parse().ok()?, rest))
}

/// The identity label of a node on its own: `nodeid=N`, else `name=X`, else `index=N`.
pub fn node_label(node: &NodeInfo) -> String {
    match (&node.nodeid, &node.name) {
        (Some(id), _) => format!("nodeid={id}"),
        (None, Some(name)) => format!("name={}", crate::source::display_bytes(name)),
        (None, None) => format!("index={}", node.index),
    }
}

/// Labels for every node of one file; a label used twice gets `#2`, `#3`… appended.
pub fn own_labels(nodes: &[NodeInfo]) -> BTreeMap<u32, String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    nodes
        .iter()
        .map(|n| {
            let base = node_label(n);
            let count = seen.entry(base.clone()).or_insert(0);
            *count += 1;
            let label = if *count == 1 { base } else { format!("{base}#{count}") };
            (n.index, label)
        })
        .collect()
}

/// An entry of the canonical view: the key as written in the file, and the entry.
#[derive(Debug, Clone, Copy)]
pub struct CanonEntry<'a> {
    /// The cmap key in this file (`nodelist.node.2.ring0_addr`).
    pub key: &'a str,
    /// The stored value and where it was set.
    pub entry: Entry<'a>,
}

/// A canonical view: canonical key → entry.
pub type Canonical<'a> = BTreeMap<String, CanonEntry<'a>>;

/// The canonical key of a node key, given the node's label.
pub fn node_key(label: &str, rest: &str) -> String {
    format!("nodelist.node[{label}].{rest}")
}

/// Renames node keys by the labels (nodes without a label keep their key).
pub fn canonicalize<'a>(view: &'a CmapView, labels: &BTreeMap<u32, String>) -> Canonical<'a> {
    view.iter()
        .map(|(key, entry)| {
            let canon = match split_node_key(key).and_then(|(i, rest)| Some((labels.get(&i)?, rest))) {
                Some((label, rest)) => node_key(label, rest),
                None => key.to_string(),
            };
            (canon, CanonEntry { key, entry })
        })
        .collect()
}

/// The canonical view of one file on its own (nodes labelled by [`own_labels`]).
pub fn canonical(view: &CmapView) -> Canonical<'_> {
    canonicalize(view, &own_labels(&nodes(view)))
}

/// Bytes that are equal exactly when two canonical views mean the same.
pub fn fingerprint(canon: &Canonical<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(canon.len() * 48);
    for (key, ce) in canon {
        let value = ce.entry.value.to_bytes();
        out.extend_from_slice(&(key.len() as u64).to_le_bytes());
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(ce.entry.value.type_name().as_bytes());
        out.extend_from_slice(&(value.len() as u64).to_le_bytes());
        out.extend_from_slice(&value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(src: &[u8]) -> CmapView {
        crate::cmap::build(&crate::syntax::parse(src).tree, src)
    }

    #[test]
    fn reordered_nodes_have_the_same_fingerprint() {
        let a = view(
            b"nodelist {\n node {\n  nodeid: 1\n  ring0_addr: a\n }\n node {\n  nodeid: 2\n  ring0_addr: b\n }\n}\n",
        );
        let b = view(
            b"nodelist {\n node {\n  ring0_addr: b\n  nodeid: 2\n }\n node {\n  nodeid: 1\n  ring0_addr: a\n }\n}\n",
        );
        assert_eq!(fingerprint(&canonical(&a)), fingerprint(&canonical(&b)));
        assert!(canonical(&a).contains_key("nodelist.node[nodeid=2].ring0_addr"));
    }

    #[test]
    fn duplicate_labels_are_numbered() {
        let v = view(b"nodelist {\n node {\n  name: x\n }\n node {\n  name: x\n }\n node {\n }\n}\n");
        let labels = own_labels(&nodes(&v));
        assert_eq!(labels.values().cloned().collect::<Vec<_>>(), vec!["name=x", "name=x#2"]);
        assert_eq!(split_node_key("nodelist.node.12.ring0_addr"), Some((12, "ring0_addr")));
        assert_eq!(split_node_key("nodelist.foo"), None);
    }
}
