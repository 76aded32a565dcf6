//! The stored map: every key corosync would hold, sorted by key bytes, with
//! the value in effect and every line that assigned it.
//!
//! The storage is flat so that building it costs a handful of allocations per
//! file, not several per key: key names live in one string, string values in
//! one byte buffer, and the spans of all assignments in one list grouped by
//! key. Lookups are binary searches; [`Entry`] and [`Value`] borrow from the
//! view.

use std::sync::Arc;

use super::value::Value;
use crate::source::Span;
use crate::syntax::SyntaxError;

/// A value as stored in the view: numbers inline, strings as a range of the
/// view's string buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RawValue {
    Str { start: u32, end: u32 },
    U8(u8),
    U16(u16),
    U32(u32),
    U64(u64),
    I32(i32),
}

/// A key name as a range of the view's key string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct KeyRange {
    pub(super) start: u32,
    pub(super) end: u32,
}

impl KeyRange {
    fn of(self, keys: &str) -> &str {
        keys.get(self.start as usize..self.end as usize).unwrap_or_default()
    }

    fn bytes(self, keys: &[u8]) -> &[u8] {
        keys.get(self.start as usize..self.end as usize).unwrap_or_default()
    }
}

/// One successful store, in file order (what the builder records).
#[derive(Debug, Clone, Copy)]
pub(super) struct Store {
    pub(super) key: KeyRange,
    pub(super) value: RawValue,
    pub(super) span: Span,
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Byte order of two key names, eight bytes at a time: key names share long
/// prefixes (`nodelist.node.`), and an inline word compare is several times
/// cheaper than a `memcmp` call for such short strings.
fn compare_bytes(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let mut a_words = a.chunks_exact(8);
    let mut b_words = b.chunks_exact(8);
    for (x, y) in a_words.by_ref().zip(b_words.by_ref()) {
        let (x, y) = (word(x), word(y));
        if x != y {
            return x.cmp(&y);
        }
    }
    let done = a.len().min(b.len()) / 8 * 8;
    let (a_tail, b_tail) = (a.get(done..).unwrap_or(&[]), b.get(done..).unwrap_or(&[]));
    for (x, y) in a_tail.iter().zip(b_tail) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

fn word(bytes: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(bytes);
    u64::from_be_bytes(w)
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
    /// Builds the view from the stores in file order. For a key stored more
    /// than once the last value wins and every span is kept, in order.
    pub(super) fn from_stores(keys: String, strings: Arc<[u8]>, stores: Vec<Store>, errors: Vec<SyntaxError>) -> Self {
        // Stable, so stores of one key stay in file order. Files list their keys
        // mostly in order (a few sorted runs), which this sort detects and merges.
        // It sorts (key range, store number) pairs, not the stores, to keep memory small.
        let key_bytes = keys.as_bytes();
        let mut order: Vec<(KeyRange, u32)> = stores.iter().zip(0..).map(|(s, i)| (s.key, i)).collect();
        order.sort_by(|(a, _), (b, _)| compare_bytes(a.bytes(key_bytes), b.bytes(key_bytes)));
        let mut slots: Vec<Slot> = Vec::with_capacity(stores.len());
        let mut spans = Vec::with_capacity(stores.len());
        for (_, i) in order {
            let Some(store) = stores.get(i as usize) else { continue };
            let index = offset(spans.len());
            spans.push(store.span);
            match slots.last_mut() {
                Some(last) if compare_bytes(last.key.bytes(key_bytes), store.key.bytes(key_bytes)).is_eq() => {
                    last.value = store.value;
                    last.spans_end = index + 1;
                }
                _ => slots.push(Slot { key: store.key, value: store.value, spans_start: index, spans_end: index + 1 }),
            }
        }
        drop(stores);
        CmapView { keys, strings, slots, spans, errors }
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
    use super::compare_bytes;

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
