//! The stored map: every key corosync would hold, sorted by key bytes, with
//! the value in effect and every line that assigned it.
//!
//! The storage is flat so that building it costs a handful of allocations per
//! file, not several per key: key names live in one string, string values in
//! one byte buffer, and the spans of all assignments in one list grouped by
//! key. Lookups are binary searches; [`Entry`] and [`Value`] borrow from the
//! view.

use std::sync::Arc;

use super::node_order::{self, NodeStore};
use super::storage::{KeyRange, RawValue, compare_bytes};
use super::value::Value;
use crate::source::Span;
use crate::syntax::SyntaxError;

/// One successful store, in file order (what the builder records).
#[derive(Debug, Clone, Copy)]
pub(super) struct Store {
    pub(super) key: KeyRange,
    pub(super) value: RawValue,
    pub(super) span: Span,
}

/// What every node key starts with.
pub(super) const NODE_KEY_PREFIX: &[u8] = b"nodelist.node.";

/// Appends `n` in decimal without going through `fmt`.
pub(super) fn push_decimal(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One distinct key: its name, the value in effect and the range of its
/// assignments in [`CmapView::spans`].
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: KeyRange,
    value: RawValue,
    spans_start: u32,
    spans_end: u32,
}

/// Writes node keys, `nodelist.node.<N>.<name>`, reusing the prefix of the
/// previous key while the node number stays the same.
///
/// Keys are short, so they are copied in fixed-size blocks (a few vector
/// moves instead of a `memcpy` call per part): a block may write past the
/// part, and the buffer is cut back to the part's end right after.
#[derive(Default)]
struct NodeKeyWriter {
    node: Option<u32>,
    /// `nodelist.node.<N>.` (at most 25 bytes) and then zeros.
    prefix: [u8; 32],
    prefix_len: usize,
}

impl NodeKeyWriter {
    /// Appends the key of `store` to `keys` and returns its range.
    #[inline(always)]
    fn write(&mut self, keys: &mut Vec<u8>, store: &NodeStore, src: &[u8]) -> KeyRange {
        if self.node != Some(store.node) {
            let mut prefix = Vec::with_capacity(32);
            prefix.extend_from_slice(NODE_KEY_PREFIX);
            push_decimal(&mut prefix, u64::from(store.node));
            prefix.push(b'.');
            self.prefix = [0; 32];
            for (to, from) in self.prefix.iter_mut().zip(&prefix) {
                *to = *from;
            }
            self.prefix_len = prefix.len().min(32);
            self.node = Some(store.node);
        }
        let start = keys.len();
        keys.extend_from_slice(&self.prefix);
        keys.truncate(start + self.prefix_len);
        let (from, to) = (store.name.start as usize, store.name.end as usize);
        match src.get(from..from + 16) {
            Some(block) if to - from <= 16 => {
                let name_start = keys.len();
                keys.extend_from_slice(block.first_chunk::<16>().map_or(&[0; 16], |b| b));
                keys.truncate(name_start + (to - from));
            }
            _ => keys.extend_from_slice(store.name.bytes(src)),
        }
        KeyRange { start: offset(start), end: offset(keys.len()) }
    }
}

/// The slots and spans of a view, filled in key order.
struct Table {
    slots: Vec<Slot>,
    spans: Vec<Span>,
}

impl Table {
    fn with_capacity(n: usize) -> Self {
        Table { slots: Vec::with_capacity(n), spans: Vec::with_capacity(n) }
    }

    /// Adds one store whose key is known to differ from the previous one's.
    #[inline(always)]
    fn push_new(&mut self, key: KeyRange, value: RawValue, span: Span) {
        let index = offset(self.spans.len());
        self.spans.push(span);
        self.slots.push(Slot { key, value, spans_start: index, spans_end: index + 1 });
    }

    /// Adds one store; `same_key` says whether its key is the previous
    /// store's (`None`: compare the names).
    #[inline(always)]
    fn push(&mut self, keys: &[u8], key: KeyRange, value: RawValue, span: Span, same_key: Option<bool>) {
        let Some(last) = self.slots.last_mut() else { return self.push_new(key, value, span) };
        let same = same_key.unwrap_or_else(|| compare_bytes(last.key.bytes(keys), key.bytes(keys)).is_eq());
        if !same {
            return self.push_new(key, value, span);
        }
        self.spans.push(span);
        last.value = value;
        last.spans_end = offset(self.spans.len());
    }
}

/// One stored key as seen through the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'v> {
    /// The value in effect (the last assignment).
    pub value: Value<'v>,
    /// Every line that assigned this key, in file order; the last one wins.
    pub spans: &'v [Span],
}

impl Entry<'_> {
    /// The assignment in effect.
    pub fn span(&self) -> Span {
        self.spans.last().copied().unwrap_or_default()
    }
}

/// The map corosync would hold after reading the file, plus the errors that
/// would stop it (first one wins for corosync; all are kept here).
#[derive(Clone, Default)]
pub struct CmapView {
    /// Every stored key name, concatenated (key names are ASCII).
    keys: String,
    /// The file's bytes: string values are ranges of them.
    strings: Arc<[u8]>,
    /// One slot per distinct key, sorted by key bytes.
    slots: Vec<Slot>,
    /// The spans of every assignment, grouped by slot, in file order within a slot.
    spans: Vec<Span>,
    /// Type, enum and key-name errors, in the order corosync meets them.
    pub errors: Vec<SyntaxError>,
}

impl std::fmt::Debug for CmapView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CmapView").field("entries", &DebugEntries(self)).field("errors", &self.errors).finish()
    }
}

struct DebugEntries<'v>(&'v CmapView);

impl std::fmt::Debug for DebugEntries<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.0.iter()).finish()
    }
}

impl CmapView {
    /// Builds the view from the stores in file order: `stores` with their
    /// key names in `keys`, and `node_stores` (the keys under
    /// `nodelist.node.<N>.`, whose names are written here, in key order).
    /// For a key stored more than once the last value wins and every span is
    /// kept, in file order.
    pub(super) fn from_stores(
        mut keys: Vec<u8>,
        strings: Arc<[u8]>,
        stores: Vec<Store>,
        node_stores: Vec<NodeStore>,
        errors: Vec<SyntaxError>,
    ) -> Self {
        // The other stores are few: one stable sort (files list their keys
        // mostly in order, which this sort detects). It sorts (key range,
        // store number) pairs, not the stores, to keep memory small.
        let mut others: Vec<(KeyRange, u32)> = stores.iter().zip(0..).map(|(s, i)| (s.key, i)).collect();
        others.sort_by(|(a, _), (b, _)| compare_bytes(a.bytes(&keys), b.bytes(&keys)));
        // Every node key lies in ["nodelist.node.", "nodelist.node/"): only the
        // other keys in that range need comparing with them.
        let before = others.partition_point(|(k, _)| k.bytes(&keys) < b"nodelist.node.".as_slice());
        let after = others.partition_point(|(k, _)| k.bytes(&keys) < b"nodelist.node/".as_slice());
        let mut table = Table::with_capacity(stores.len() + node_stores.len());
        let other = |i: u32| stores.get(i as usize);
        for &(key, i) in others.get(..before).unwrap_or(&[]) {
            if let Some(s) = other(i) {
                table.push(&keys, key, s.value, s.span, None);
            }
        }
        let between = others.get(before..after).unwrap_or(&[]);
        let mut writer = NodeKeyWriter::default();
        if between.is_empty() {
            node_order::for_each_in_key_order(&node_stores, &strings, |s, same| {
                let key = writer.write(&mut keys, s, &strings);
                table.push(&keys, key, s.value, s.span, Some(same));
            });
        } else {
            // Merge by key; for one key, by file order.
            let mut nodes = Vec::with_capacity(node_stores.len());
            node_order::for_each_in_key_order(&node_stores, &strings, |s, _| {
                nodes.push((writer.write(&mut keys, s, &strings), s));
            });
            let mut nodes = nodes.into_iter().peekable();
            let mut between = between.iter().peekable();
            loop {
                let take_other = match (between.peek(), nodes.peek()) {
                    (Some(&&(ok, oi)), Some(&(nk, ns))) => match compare_bytes(ok.bytes(&keys), nk.bytes(&keys)) {
                        std::cmp::Ordering::Equal => oi < ns.others_before,
                        order => order.is_lt(),
                    },
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                if take_other {
                    if let Some(&(key, i)) = between.next()
                        && let Some(s) = other(i)
                    {
                        table.push(&keys, key, s.value, s.span, None);
                    }
                } else if let Some((key, s)) = nodes.next() {
                    table.push(&keys, key, s.value, s.span, None);
                }
            }
        }
        for &(key, i) in others.get(after..).unwrap_or(&[]) {
            if let Some(s) = other(i) {
                table.push(&keys, key, s.value, s.span, None);
            }
        }
        drop(stores);
        // Only valid key names (ASCII) reach the key buffer.
        let keys = String::from_utf8(keys).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        CmapView { keys, strings, slots: table.slots, spans: table.spans, errors }
    }

    fn key_of(&self, slot: &Slot) -> &str {
        slot.key.of(&self.keys)
    }

    fn entry_of(&self, slot: &Slot) -> Entry<'_> {
        let value = match slot.value {
            RawValue::Str { start, end } => Value::Str(self.strings.get(start as usize..end as usize).unwrap_or(&[])),
            RawValue::U8(v) => Value::U8(v),
            RawValue::U16(v) => Value::U16(v),
            RawValue::U32(v) => Value::U32(v),
            RawValue::U64(v) => Value::U64(v),
            RawValue::I32(v) => Value::I32(v),
        };
        let spans = self.spans.get(slot.spans_start as usize..slot.spans_end as usize).unwrap_or(&[]);
        Entry { value, spans }
    }

    /// The number of distinct keys.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether no key is stored.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Every key with its entry, in key byte order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&str, Entry<'_>)> + ExactSizeIterator + '_ {
        self.slots.iter().map(|slot| (self.key_of(slot), self.entry_of(slot)))
    }

    /// Every key name, in byte order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.slots.iter().map(|slot| self.key_of(slot))
    }

    /// The entry for `key`.
    pub fn get(&self, key: &str) -> Option<Entry<'_>> {
        let i = self.slots.binary_search_by(|slot| self.key_of(slot).as_bytes().cmp(key.as_bytes())).ok()?;
        self.slots.get(i).map(|slot| self.entry_of(slot))
    }

    /// The value of `key` as bytes (numbers in decimal).
    pub fn get_bytes(&self, key: &str) -> Option<Vec<u8>> {
        self.get(key).map(|e| e.value.to_bytes())
    }

    /// The value of `key` as a string if it is a string key holding UTF-8.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        match self.get(key)?.value {
            Value::Str(s) => std::str::from_utf8(s).ok(),
            _ => None,
        }
    }

    /// The value of `key` as a number, only if corosync stored it typed.
    pub fn get_int(&self, key: &str) -> Option<u64> {
        match self.get(key)?.value {
            Value::Str(_) => None,
            v => v.as_u64(),
        }
    }

    /// Entries whose key starts with `prefix`, in key byte order.
    pub fn prefixed<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, Entry<'a>)> + 'a {
        let first = self.slots.partition_point(|slot| self.key_of(slot).as_bytes() < prefix.as_bytes());
        self.slots
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .map(|slot| (self.key_of(slot), slot))
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(|(k, slot)| (k, self.entry_of(slot)))
    }

    /// The node indices present under `nodelist.node.N.`, ascending.
    pub fn node_indices(&self) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .prefixed("nodelist.node.")
            .filter_map(|(k, _)| k["nodelist.node.".len()..].split('.').next()?.parse().ok())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Same keys with the same values (spans are ignored).
    pub fn same_meaning(&self, other: &CmapView) -> bool {
        self.len() == other.len()
            && self.iter().zip(other.iter()).all(|((ka, a), (kb, b))| ka == kb && a.value == b.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The view holds what folding the stores, in file order, into an ordered
    /// map gives: the last value of each key and all its spans in file order.
    fn same_as_map_fold(src: &[u8]) {
        let tree = crate::syntax::parse(src).tree;
        let view = crate::cmap::build(&tree, src);
        let mut map: std::collections::BTreeMap<Vec<u8>, (RawValue, Vec<Span>)> = Default::default();
        for (key, value, span) in super::super::builder::stores_in_file_order(&tree, src) {
            let entry = map.entry(key).or_insert((value, Vec::new()));
            entry.0 = value;
            entry.1.push(span);
        }
        let got: Vec<(Vec<u8>, RawValue, Vec<Span>)> = view
            .slots
            .iter()
            .map(|s| (view.key_of(s).as_bytes().to_vec(), s.value, view.entry_of(s).spans.to_vec()))
            .collect();
        let want: Vec<(Vec<u8>, RawValue, Vec<Span>)> = map.into_iter().map(|(k, (v, s))| (k, v, s)).collect();
        assert_eq!(got, want, "{}", String::from_utf8_lossy(src));
    }

    /// A nodelist: `nodes` nodes whose entries (name, nodeid, two rings,
    /// quorum_votes, a repeated name) come in the order `shuffle` gives; odd
    /// nodes are nested a level down or named `node.N` in some files.
    fn nodelist(nodes: usize, keep: usize, shuffle: &[usize], twist: u8) -> Vec<u8> {
        let mut out = b"totem {\n version: 2\n}\nnodelist {\n".to_vec();
        for n in 0..nodes {
            let lines = [
                format!("name: n{n}"),
                format!("nodeid: {}", n + 1),
                format!("ring0_addr: 10.0.0.{n}"),
                format!("ring1_addr: 10.1.0.{n}"),
                "quorum_votes: 1".to_string(),
                format!("name: again{n}"),
            ];
            let open = match (twist, n % 7) {
                (1, 3) => format!("  node.{} {{\n", n % 4),
                _ => "  node {\n".to_string(),
            };
            out.extend_from_slice(open.as_bytes());
            if twist == 2 && n % 5 == 1 {
                out.extend_from_slice(b"    sub {\n    }\n");
            }
            for &i in shuffle.iter().take(keep) {
                if let Some(line) = lines.get(i % lines.len()) {
                    out.extend_from_slice(format!("    {line}\n").as_bytes());
                }
            }
            out.extend_from_slice(b"  }\n");
            if twist == 3 && n % 9 == 4 {
                out.extend_from_slice(b"  node: x\n  nodelist.node.1.name: y\n");
            }
        }
        out.extend_from_slice(b"}\n");
        if twist == 1 {
            // A second block numbers its nodes from 0 again.
            out.extend_from_slice(b"nodelist {\n  node {\n    name: second\n    ring0_addr: 10.9.9.9\n  }\n}\n");
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 256, ..Default::default() })]

        #[test]
        fn view_is_the_map_fold_of_nodelists(
            nodes in 0usize..130,
            keep in 0usize..7,
            shuffle in proptest::sample::subsequence((0..6usize).collect::<Vec<_>>(), 6).prop_shuffle(),
            twist in 0u8..4,
        ) {
            same_as_map_fold(&nodelist(nodes, keep, &shuffle, twist));
        }
    }

    #[test]
    fn view_is_the_map_fold_of_the_corpus_and_bench_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        same_as_map_fold(&crate::bench_data::large_config(384, 8));
        for dir in ["testdata/corpus/real", "testdata/bench"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
            for entry in entries.filter_map(Result::ok) {
                if let Ok(src) = std::fs::read(entry.path()) {
                    same_as_map_fold(&src);
                }
            }
        }
    }

    #[test]
    fn word_compare_is_byte_order() {
        let keys: Vec<&[u8]> = vec![
            b"",
            b"a",
            b"nodelist.node.1.name",
            b"nodelist.node.10.name",
            b"nodelist.node.1.nodeid",
            b"nodelist.node.",
            b"nodelist.node.2",
            b"nodelist.nodf",
            b"totem.interface.0.mcastport",
            b"totem.interface.0.mcastaddr",
            b"\xff\x00",
            b"\x00\xff",
            b"abcdefgh",
            b"abcdefghi",
            b"abcdefgg",
        ];
        for a in &keys {
            for b in &keys {
                assert_eq!(compare_bytes(a, b), a.cmp(b), "{a:?} vs {b:?}");
            }
        }
    }
}
