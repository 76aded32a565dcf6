//! Semantic diff of two versions of one cluster's config: added, removed and
//! changed cmap keys, nodes matched by `nodeid` (else `name`) instead of by
//! position, each change classified by what a reload does with it; and the
//! diagnostics of the version-bump and reload rules, attached to the new file.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::cmap::{CmapView, Value};
use crate::diagnostic::Diagnostic;
use crate::rules::changes::{CONFIG_VERSION_DECREASED, CONFIG_VERSION_NOT_BUMPED, RELOAD_UNSAFE_CHANGE};
use crate::source::{SourceFile, Span};

use super::canonical::{NodeInfo, canonicalize, nodes};
use super::reload::{ChangeRef, Effect, classify, links};
use super::version::{KEY as VERSION_KEY, Version};

/// One side of a change: the key as written in that file, its value and line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Side<'a> {
    /// The cmap key in this file.
    pub key: String,
    /// The stored value.
    #[serde(serialize_with = "serialize_value")]
    pub value: Value<'a>,
    /// The `key: value` text that set it.
    #[serde(skip)]
    pub span: Span,
}

fn serialize_value<S: serde::Serializer>(v: &Value<'_>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

/// An added, removed or changed key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change<'a> {
    /// The key as the new file numbers it (the old file's key when removed).
    pub key: String,
    /// The old side (`None`: added).
    pub old: Option<Side<'a>>,
    /// The new side (`None`: removed).
    pub new: Option<Side<'a>>,
    /// What `corosync-cfgtool -R` does with it.
    pub effect: Effect,
    /// Why, for changes that are not live (empty otherwise).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl Change<'_> {
    /// `added`, `removed` or `changed`.
    pub fn kind(&self) -> &'static str {
        match (&self.old, &self.new) {
            (None, _) => "added",
            (_, None) => "removed",
            _ => "changed",
        }
    }
}

/// The semantic difference of two configs.
#[derive(Debug, Clone)]
pub struct Diff<'a> {
    /// Every difference, nodes in the new file's order, removed nodes last.
    pub changes: Vec<Change<'a>>,
    /// The old `config_version`.
    pub old_version: Version,
    /// The new `config_version`.
    pub new_version: Version,
}

impl<'a> Diff<'a> {
    /// Changes other than `config_version` itself.
    pub fn meaningful(&self) -> impl Iterator<Item = &Change<'a>> {
        self.changes.iter().filter(|c| c.effect != Effect::Version)
    }
}

/// Pairs old and new nodes: first by `nodeid`, then by `name`, then by
/// `ring0_addr`, and nodes with neither `nodeid` nor `name` by position. Returns the
/// canonical labels of both sides and the labels matched by `nodeid`.
fn match_nodes(old: &[NodeInfo], new: &[NodeInfo]) -> (BTreeMap<u32, String>, BTreeMap<u32, String>, BTreeSet<String>) {
    let mut old_labels = BTreeMap::new();
    let new_labels: BTreeMap<u32, String> = new.iter().map(|n| (n.index, format!("n{:010}", n.index))).collect();
    let mut taken: BTreeSet<u32> = BTreeSet::new();
    let mut by_nodeid = BTreeSet::new();
    // The key a node is matched by in each pass: nodeid, name, ring0_addr,
    // then the position for nodes with neither nodeid nor name.
    let key = |n: &NodeInfo, pass: usize| -> Option<Vec<u8>> {
        match pass {
            0 => n.nodeid.map(|id| id.to_be_bytes().to_vec()),
            1 => n.name.clone(),
            2 => n.ring0_addr.clone(),
            _ => (n.nodeid.is_none() && n.name.is_none()).then(|| n.index.to_be_bytes().to_vec()),
        }
    };
    for pass in 0..4 {
        // For each key, the new nodes holding it in file order, and how many
        // of them are known to be taken: each lookup is O(1) amortised
        // (the first new node with the key that is not taken yet, as the
        // linear search found).
        let mut candidates: HashMap<Vec<u8>, (Vec<&NodeInfo>, usize)> = HashMap::new();
        for n in new {
            if let Some(k) = key(n, pass) {
                candidates.entry(k).or_default().0.push(n);
            }
        }
        for o in old {
            if old_labels.contains_key(&o.index) {
                continue;
            }
            let Some(k) = key(o, pass) else { continue };
            let Some((list, skipped)) = candidates.get_mut(&k) else { continue };
            while list.get(*skipped).is_some_and(|n| taken.contains(&n.index)) {
                *skipped += 1;
            }
            let Some(n) = list.get(*skipped).copied() else { continue };
            taken.insert(n.index);
            let label = new_labels.get(&n.index).cloned().unwrap_or_default();
            if pass == 0 {
                by_nodeid.insert(label.clone());
            }
            old_labels.insert(o.index, label);
        }
    }
    for o in old {
        old_labels.entry(o.index).or_insert_with(|| format!("o{:010}", o.index));
    }
    (old_labels, new_labels, by_nodeid)
}

/// Compares two cmap views.
pub fn compare<'a>(old: &'a CmapView, new: &'a CmapView) -> Diff<'a> {
    let (old_labels, new_labels, by_nodeid) = match_nodes(&nodes(old), &nodes(new));
    let old_canon = canonicalize(old, &old_labels);
    let new_canon = canonicalize(new, &new_labels);
    let old_links = links(old);
    let keys: BTreeSet<&String> = old_canon.keys().chain(new_canon.keys()).collect();
    let mut changes = Vec::new();
    for canon in keys {
        let o = old_canon.get(canon);
        let n = new_canon.get(canon);
        if let (Some(o), Some(n)) = (o, n)
            && o.entry.value == n.entry.value
        {
            continue;
        }
        let side = |ce: &super::canonical::CanonEntry<'a>| Side {
            key: ce.key.to_string(),
            value: ce.entry.value,
            span: ce.entry.span(),
        };
        let old_side = o.map(side);
        let new_side = n.map(side);
        let key = new_side.as_ref().or(old_side.as_ref()).map(|s| s.key.clone()).unwrap_or_default();
        let same_nodeid = canon
            .strip_prefix("nodelist.node[")
            .and_then(|r| r.split_once(']'))
            .is_some_and(|(label, _)| by_nodeid.contains(label));
        let (effect, reason) = classify(
            ChangeRef {
                key: &key,
                same_nodeid,
                old: old_side.as_ref().map(|s| s.value),
                new: new_side.as_ref().map(|s| s.value),
            },
            &old_links,
        );
        changes.push(Change { key, old: old_side, new: new_side, effect, reason });
    }
    Diff { changes, old_version: Version::of(old), new_version: Version::of(new) }
}

/// The display key of a canonical key from [`compare`]'s node labels: matched
/// and new nodes in the new file's numbering, removed nodes in the old one's.
fn display_key(canon: &str) -> String {
    if let Some(rest) = canon.strip_prefix("nodelist.node[")
        && let Some((label, tail)) = rest.split_once("].")
        && let Ok(index) = label.get(1..).unwrap_or("").parse::<u32>()
    {
        return format!("nodelist.node.{index}.{tail}");
    }
    canon.to_string()
}

/// `key = value` lines of both views (sorted alike, node keys aligned to the
/// new file's numbering), for a unified diff.
pub fn aligned_dumps(old: &CmapView, new: &CmapView) -> (String, String) {
    let (old_labels, new_labels, _) = match_nodes(&nodes(old), &nodes(new));
    let dump = |view: &CmapView, labels: &BTreeMap<u32, String>| {
        let mut out = String::new();
        for (canon, ce) in canonicalize(view, labels) {
            out.push_str(&format!("{} = {}\n", display_key(&canon), ce.entry.value));
        }
        out
    };
    (dump(old, &old_labels), dump(new, &new_labels))
}

/// A value for messages: `` `x` `` or `(unset)`.
pub fn shown(side: Option<&Side>) -> String {
    match side {
        Some(s) => format!("`{}`", s.value),
        None => "(unset)".into(),
    }
}

/// The span of the first line of a file (where file-wide findings point).
pub fn first_line(source: &SourceFile) -> Span {
    source.line_span(1)
}

/// Where a change points in the new file: its line, or for a removed key the
/// nearest remaining key of the same section, else the first line.
pub fn anchor(change: &Change, new: &CmapView, source: &SourceFile) -> Span {
    if let Some(n) = &change.new {
        return n.span;
    }
    let mut prefix = change.key.as_str();
    while let Some((head, _)) = prefix.rsplit_once('.') {
        prefix = head;
        let dotted = format!("{prefix}.");
        if let Some((_, e)) = new.prefixed(&dotted).next() {
            return e.span();
        }
    }
    first_line(source)
}

/// Which rules to run on a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffRules {
    /// `reload-unsafe-change` as well as the version rules.
    pub reload: bool,
}

/// ` (nodeid 2, pve2)` for a key of a node that is in the new file, else nothing.
fn node_of(change: &Change, new: &CmapView) -> String {
    let Some((index, _)) = change.new.as_ref().and_then(|n| super::canonical::split_node_key(&n.key)) else {
        return String::new();
    };
    let id = new.get_int(&format!("nodelist.node.{index}.nodeid")).map(|id| format!("nodeid {id}"));
    let name = new.get_bytes(&format!("nodelist.node.{index}.name")).map(|n| crate::source::display_bytes(&n));
    match (id, name) {
        (Some(id), Some(name)) => format!(" ({id}, {name})"),
        (Some(one), None) | (None, Some(one)) => format!(" ({one})"),
        (None, None) => String::new(),
    }
}

fn key_list(changes: &[&Change]) -> String {
    let names: Vec<String> = changes.iter().take(3).map(|c| format!("`{}`", c.key)).collect();
    match changes.len() {
        0 => String::new(),
        n if n <= 3 => names.join(", "),
        n => format!("{} and {} more", names.join(", "), n - 3),
    }
}

/// The diagnostics of a diff, for the new file. `old_name` names the old version in messages.
pub fn diagnostics(
    diff: &Diff,
    new: &CmapView,
    source: &SourceFile,
    old_name: &str,
    rules: DiffRules,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let meaningful: Vec<&Change> = diff.meaningful().collect();
    let (ov, nv) = (diff.old_version, diff.new_version);
    let version_span = nv.span.unwrap_or_else(|| first_line(source));
    if nv.value < ov.value {
        let message = if nv.is_set() {
            format!("`{VERSION_KEY}` went down from {} in {old_name} to {}", ov.value, nv.value)
        } else {
            format!("`{VERSION_KEY}` was removed (it was {} in {old_name}), so it is 0 now", ov.value)
        };
        out.push(
            Diagnostic::new(&CONFIG_VERSION_DECREASED, version_span, message)
                .with_label(format!("lower than {}", ov.value))
                .with_help(format!(
                    "a node with a lower non-zero config_version than another member exits when it joins, and pmxcfs refuses to copy a lower version; set `config_version: {}`",
                    ov.value.saturating_add(1)
                )),
        );
    } else if !meaningful.is_empty() && nv.value == ov.value && (ov.is_set() || nv.is_set()) {
        let n = meaningful.len();
        let mut d = Diagnostic::new(
            &CONFIG_VERSION_NOT_BUMPED,
            version_span,
            format!(
                "{n} key{} changed since {old_name} ({}) but `{VERSION_KEY}` is still {}",
                if n == 1 { "" } else { "s" },
                key_list(&meaningful),
                nv.value
            ),
        )
        .with_label("not increased")
        .with_help(format!(
            "corosync compares config_version when a node joins, so a node still running the old file at the same version joins silently with a different config; set `config_version: {}`",
            nv.value.saturating_add(1)
        ));
        for c in meaningful.iter().take(20) {
            let span = anchor(c, new, source);
            if span != version_span {
                d = d.with_secondary(span, c.kind());
            }
        }
        out.push(d);
    }
    if rules.reload {
        for c in &meaningful {
            let (what, label, advice) = match c.effect {
                Effect::Restart => (
                    "which takes effect only after corosync restarts on every node",
                    "needs a restart",
                    "restart corosync on every node to apply it (settings all nodes must share, such as cluster_name, transport or ip_version, need every node stopped first), or keep the old value",
                ),
                Effect::ReloadFails if c.key.starts_with("nodelist.") => (
                    "which makes `corosync-cfgtool -R` fail",
                    "reload fails",
                    "remove the node and reload, then add it back with the new address and reload again, or restart corosync on every node",
                ),
                Effect::ReloadFails => (
                    "which makes `corosync-cfgtool -R` fail",
                    "reload fails",
                    "remove the link from every node and reload, then add it back with the new value and reload again, or restart corosync on every node",
                ),
                Effect::Live | Effect::Version => continue,
            };
            let key = format!("`{}`{}", c.key, node_of(c, new));
            let message = match (&c.old, &c.new) {
                (Some(_), Some(_)) => {
                    format!("{key} changed from {} to {}, {what}", shown(c.old.as_ref()), shown(c.new.as_ref()))
                }
                (None, _) => format!("{key} was added as {}, {what}", shown(c.new.as_ref())),
                (_, None) => format!("{key} was removed (it was {}), {what}", shown(c.old.as_ref())),
            };
            out.push(
                Diagnostic::new(&RELOAD_UNSAFE_CHANGE, anchor(c, new, source), message)
                    .with_label(label)
                    .with_help(format!("{}; {advice}", c.reason)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(src: &[u8]) -> CmapView {
        crate::cmap::build(&crate::syntax::parse(src).tree, src)
    }

    const BASE: &[u8] = b"totem {\n version: 2\n config_version: 3\n cluster_name: c\n}\nnodelist {\n node {\n  nodeid: 1\n  name: a\n  ring0_addr: 10.0.0.1\n }\n node {\n  nodeid: 2\n  name: b\n  ring0_addr: 10.0.0.2\n }\n}\n";

    #[test]
    fn reordered_and_reformatted_is_no_change() {
        let other = b"nodelist {\n\tnode {\n\t\tring0_addr: 10.0.0.2\n\t\tname: b\n\t\tnodeid: 2\n\t}\n\tnode {\n\t\tname: a\n\t\tnodeid: 1\n\t\tring0_addr: 10.0.0.1\n\t}\n}\n# comment\ntotem {\n\tcluster_name: c\n\tconfig_version: 3\n\tversion: 2\n}\n";
        let (old, new_view) = (view(BASE), view(other));
        let d = compare(&old, &new_view);
        assert!(d.changes.is_empty(), "{:?}", d.changes);
    }

    #[test]
    fn node_address_change_fails_reload_and_uses_new_numbering() {
        let new = String::from_utf8_lossy(BASE)
            .replace("10.0.0.2", "10.0.0.22")
            .replace(" node {\n  nodeid: 1\n  name: a\n  ring0_addr: 10.0.0.1\n }\n", "")
            .replace("nodelist {\n", "nodelist {\n node {\n  nodeid: 1\n  name: a\n  ring0_addr: 10.0.0.1\n }\n");
        let (old, new_view) = (view(BASE), view(new.as_bytes()));
        let d = compare(&old, &new_view);
        assert_eq!(d.changes.len(), 1, "{:?}", d.changes);
        assert_eq!(d.changes[0].effect, Effect::ReloadFails);
        assert_eq!(d.changes[0].key, "nodelist.node.1.ring0_addr");
    }

    #[test]
    fn added_node_is_live_and_renumbered() {
        let new = String::from_utf8_lossy(BASE)
            .replace("nodelist {\n", "nodelist {\n node {\n  nodeid: 3\n  name: c\n  ring0_addr: 10.0.0.3\n }\n");
        let (old, new_view) = (view(BASE), view(new.as_bytes()));
        let d = compare(&old, &new_view);
        assert_eq!(d.changes.len(), 3);
        assert!(d.changes.iter().all(|c| c.effect == Effect::Live && c.kind() == "added"));
        assert!(d.changes.iter().all(|c| c.key.starts_with("nodelist.node.0.")));
    }
}
