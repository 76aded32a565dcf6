//! The stores under `nodelist.node.<N>.` put in key order without a general
//! sort.
//!
//! A nodelist is most of a large file: 384 nodes with a dozen keys each. Their
//! cmap keys all read `nodelist.node.<N>.<name>`, so their byte order is the
//! byte order of the decimal text of `N` (a `.` sorts before every digit, so
//! `1.` comes before `10.`), then the order of `<name>`. The builder records
//! these stores with `N` and `<name>` apart; this module lays the node numbers
//! out in decimal-text order (no comparison needed), distributes the stores
//! over them in one counting pass, and then only checks that each node's few
//! names are in order (they almost always are: `name`, `nodeid`,
//! `quorum_votes`, `ring0_addr`, …), sorting a node's stores only when not.

use std::cmp::Ordering;

use super::storage::{KeyRange, RawValue, compare_bytes};
use crate::source::Span;

/// One store under `nodelist.node.<N>.`, as the builder records it (file order).
#[derive(Debug, Clone, Copy)]
pub(super) struct NodeStore {
    /// The node number `N`.
    pub(super) node: u32,
    /// The key name after `nodelist.node.<N>.`, as a range of the file.
    pub(super) name: KeyRange,
    /// The name's first eight bytes, big-endian, zero-padded ([`name_head`]):
    /// comparing two heads orders most names without reading them.
    pub(super) head: u64,
    /// How many other stores were recorded before this one: places the two
    /// lists of stores in one file order.
    pub(super) others_before: u32,
    /// The value stored.
    pub(super) value: RawValue,
    /// The assignment's span.
    pub(super) span: Span,
}

/// The first eight bytes of a key name as a big-endian number, padded with
/// zero bytes. Key names hold no zero byte, so for two names with different
/// heads the heads compare like the names.
pub(super) fn name_head(name: &[u8]) -> u64 {
    if let Some(first) = name.first_chunk::<8>() {
        return u64::from_be_bytes(*first);
    }
    let mut bytes = [0u8; 8];
    for (to, from) in bytes.iter_mut().zip(name) {
        *to = *from;
    }
    u64::from_be_bytes(bytes)
}

/// Byte order of two node store names: by head, then by the whole name.
fn compare_names(a: &NodeStore, b: &NodeStore, src: &[u8]) -> Ordering {
    a.head.cmp(&b.head).then_with(|| compare_bytes(a.name.bytes(src), b.name.bytes(src)))
}

/// The numbers `0..=max` in the byte order of their decimal text
/// (`0, 1, 10, 100, 101, …, 11, …, 2, 20, …`): a walk of the decimal trie.
pub(super) fn decimal_text_order(max: u32) -> Vec<u32> {
    let max = u64::from(max);
    let mut out = Vec::with_capacity(usize::try_from(max + 1).unwrap_or(0));
    out.push(0);
    let mut current = 1u64;
    for _ in 0..max {
        out.push(u32::try_from(current).unwrap_or(u32::MAX));
        if current * 10 <= max {
            current *= 10;
        } else {
            while current % 10 == 9 || current >= max {
                current /= 10;
            }
            current += 1;
        }
    }
    out
}

/// Consecutive stores (in file order) of one node number.
#[derive(Debug, Clone, Copy)]
struct Run {
    node: u32,
    start: u32,
    end: u32,
}

/// Calls `emit(store, same_key_as_previous)` for every store in the byte
/// order of its cmap key. Stores of one key come in file order (the last one
/// is the value in effect), and every one but the first says so.
pub(super) fn for_each_in_key_order<'s>(
    stores: &'s [NodeStore],
    src: &[u8],
    mut emit: impl FnMut(&'s NodeStore, bool),
) {
    // The stores of one node are consecutive, except in odd files (a second
    // nodelist block numbers its nodes from 0 again).
    let mut runs: Vec<Run> = Vec::new();
    for (i, s) in (0u32..).zip(stores) {
        match runs.last_mut() {
            Some(run) if run.node == s.node => run.end = i + 1,
            _ => runs.push(Run { node: s.node, start: i, end: i + 1 }),
        }
    }
    let Some(max) = runs.iter().map(|r| r.node).max() else { return };
    // rank[n]: the place of node n in decimal-text order.
    let mut rank = vec![0u32; usize::try_from(max).unwrap_or(usize::MAX).saturating_add(1)];
    for (place, n) in (0u32..).zip(decimal_text_order(max)) {
        if let Some(r) = rank.get_mut(n as usize) {
            *r = place;
        }
    }
    // Stable: the runs of one node stay in file order.
    runs.sort_by_key(|r| rank.get(r.node as usize).copied().unwrap_or(u32::MAX));

    let mut scratch: Vec<&'s NodeStore> = Vec::new();
    let mut rest = runs.as_slice();
    while let Some(first) = rest.first() {
        let same_node = rest.iter().take_while(|r| r.node == first.node).count();
        let (group, after) = rest.split_at(same_node);
        rest = after;
        let in_place = match group {
            [run] => stores.get(run.start as usize..run.end as usize),
            _ => None,
        };
        match in_place {
            Some(run) if run.windows(2).all(|w| compare_names(&w[0], &w[1], src).is_le()) => {
                emit_in_order(run.iter(), src, &mut emit);
            }
            _ => {
                scratch.clear();
                for run in group {
                    scratch.extend(stores.get(run.start as usize..run.end as usize).unwrap_or(&[]));
                }
                // Stable: one name set twice in a node keeps its file order.
                scratch.sort_by(|a, b| compare_names(a, b, src));
                emit_in_order(scratch.iter().copied(), src, &mut emit);
            }
        }
    }
}

/// Emits the stores of one node, already in name order.
fn emit_in_order<'s>(
    stores: impl Iterator<Item = &'s NodeStore>,
    src: &[u8],
    emit: &mut impl FnMut(&'s NodeStore, bool),
) {
    let mut previous: Option<&'s NodeStore> = None;
    for s in stores {
        emit(s, previous.is_some_and(|p| compare_names(p, s, src).is_eq()));
        previous = Some(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_order_names_like_their_bytes() {
        let names: [&[u8]; 9] =
            [b"", b"a", b"name", b"nodeid", b"ring0_addr", b"ring0_addrx", b"ring1_addr", b"abcdefgh", b"abcdefg"];
        for a in names {
            for b in names {
                let by_head = name_head(a).cmp(&name_head(b));
                assert!(by_head.is_eq() || by_head == a.cmp(b), "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn decimal_text_order_is_string_order() {
        for max in (0..=1200).chain([9_999, 10_000, 65_535]) {
            let mut expected: Vec<u32> = (0..=max).collect();
            expected.sort_by_key(|n| n.to_string());
            assert_eq!(decimal_text_order(max), expected, "max {max}");
        }
    }

    #[test]
    fn key_order_sorts_by_node_text_then_name_and_keeps_file_order() {
        let src = b"name nodeid ring0_addr name";
        let range = |start: u32, end: u32| KeyRange { start, end };
        let store = |node, name: KeyRange, tag: u8| NodeStore {
            node,
            name,
            head: name_head(name.bytes(src)),
            others_before: 0,
            value: RawValue::U8(tag),
            span: Span::new(0, 0),
        };
        let name = range(0, 4);
        let nodeid = range(5, 11);
        let ring = range(12, 22);
        let name2 = range(23, 27);
        let stores = [
            store(0, nodeid, 0),
            store(0, name, 1),
            store(10, ring, 2),
            store(10, name, 3),
            store(2, name, 4),
            store(1, name, 5),
            store(0, name2, 6),
            store(10, nodeid, 7),
        ];
        let mut order = Vec::new();
        for_each_in_key_order(&stores, src, |s, same| {
            if let RawValue::U8(tag) = s.value {
                order.push((tag, same));
            }
        });
        // 0: name, name (again), nodeid; 1: name; 10: name, nodeid, ring0_addr; 2: name.
        assert_eq!(
            order,
            vec![(1, false), (6, true), (0, false), (5, false), (3, false), (7, false), (2, false), (4, false)]
        );
    }
}
