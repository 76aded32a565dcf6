//! Entry order: PVE's `write_conf` order (every section's entries sorted
//! byte-wise by key; `node` blocks of `nodelist` by name, else `ring0_addr`;
//! `interface` blocks of `totem` by `linknumber`, else `ringnumber`, compared
//! as strings), or the file's own order. Sorts are stable, so duplicates keep
//! their relative order and last-wins gives the same value.

use std::collections::HashSet;

use super::layout::{Block, Item};

/// One reordering the formatter may apply, so that it can be switched off on
/// its own when it would change the meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Sort the entries of block `id` by key.
    Keys(usize),
    /// Sort the `node`/`interface` blocks of block `id` among themselves.
    Array(usize),
}

/// Which reorderings are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Keep the file's order everywhere.
    KeepOrder,
    /// Apply every reordering.
    All,
    /// Apply only these.
    Only(HashSet<Unit>),
}

impl Plan {
    fn allows(&self, unit: Unit) -> bool {
        match self {
            Plan::KeepOrder => false,
            Plan::All => true,
            Plan::Only(units) => units.contains(&unit),
        }
    }
}

/// The repeated block kind PVE sorts inside `block`, with its sort keys.
fn array_of(block: &Block<'_>) -> Option<(&'static [u8], [&'static [u8]; 2])> {
    if block.depth != 1 {
        return None;
    }
    match block.name {
        b"nodelist" => Some((b"node", [b"name", b"ring0_addr"])),
        b"totem" => Some((b"interface", [b"linknumber", b"ringnumber"])),
        _ => None,
    }
}

/// The order in which `block`'s entries are printed, as indices into `block.items`.
pub fn order(block: &Block<'_>, plan: &Plan) -> Vec<usize> {
    let items = &block.items;
    let mut idx: Vec<usize> = (0..items.len()).collect();
    if plan.allows(Unit::Keys(block.id)) {
        idx.sort_by(|&a, &b| key_of(items, a).cmp(key_of(items, b)));
    }
    if plan.allows(Unit::Array(block.id))
        && let Some((name, sort_keys)) = array_of(block)
    {
        let is_member = |i: usize| items.get(i).and_then(Item::section).is_some_and(|s| s.name == name);
        let slots: Vec<usize> = (0..idx.len()).filter(|&p| idx.get(p).is_some_and(|&i| is_member(i))).collect();
        let mut members: Vec<usize> = slots.iter().filter_map(|&p| idx.get(p).copied()).collect();
        let sort_key = |i: usize| -> &[u8] {
            let section = items.get(i).and_then(Item::section);
            section.and_then(|s| sort_keys.iter().find_map(|k| s.last_value(k))).unwrap_or_default()
        };
        // Stable, like `sort_by` on the keys; each key is looked up once.
        members.sort_by_cached_key(|&i| sort_key(i));
        for (slot, member) in slots.into_iter().zip(members) {
            if let Some(place) = idx.get_mut(slot) {
                *place = member;
            }
        }
    }
    idx
}

fn key_of<'a>(items: &[Item<'a>], i: usize) -> &'a [u8] {
    items.get(i).map(Item::key).unwrap_or_default()
}

/// A reordering that would move something, with the section it applies to.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    /// The reordering.
    pub unit: Unit,
    /// The section name (empty for the file).
    pub name: &'a [u8],
    /// Where the section opens.
    pub open: crate::source::Span,
}

/// Every reordering that would actually move something, in file order.
pub fn effective_units<'a>(root: &Block<'a>) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    root.for_each_block(&mut |block| {
        for unit in [Unit::Keys(block.id), Unit::Array(block.id)] {
            let only = Plan::Only(HashSet::from([unit]));
            let moved = order(block, &only).iter().enumerate().any(|(pos, &i)| pos != i);
            if moved {
                out.push(Candidate { unit, name: block.name, open: block.open });
            }
        }
    });
    out
}
