//! The building blocks of the view's flat storage, shared by the view, the
//! builder and the node-order pass: values as stored, key names as ranges of
//! one string, and the byte order of key names.

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
    pub(super) fn of(self, keys: &str) -> &str {
        keys.get(self.start as usize..self.end as usize).unwrap_or_default()
    }

    pub(super) fn bytes(self, keys: &[u8]) -> &[u8] {
        keys.get(self.start as usize..self.end as usize).unwrap_or_default()
    }
}

/// Byte order of two key names, eight bytes at a time: key names share long
/// prefixes (`nodelist.node.`), and an inline word compare is several times
/// cheaper than a `memcmp` call for such short strings.
pub(super) fn compare_bytes(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
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
