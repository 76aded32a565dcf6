//! A small, fast, non-cryptographic hasher (the Fx hash of rustc) for the
//! hash maps rules build per file: keys are short (addresses, names, node
//! ids) and come from one file, so SipHash's protection against crafted
//! collisions costs more than it gives.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A [`HashMap`] with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
const FOLD: u64 = 0x9e37_79b9_7f4a_7c15;

/// The Fx hash: rotate, xor, multiply, one machine word at a time.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            if let Some(head) = word.get_mut(..rest.len()) {
                head.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // Each step's multiply carries input bits only upwards, and hashbrown
        // picks buckets from the low bits and tags from the top ones: fold a
        // full 128-bit product so that every output bit depends on every
        // state bit (names like `node001`..`node384` differ in their last bytes).
        let full = u128::from(self.hash) * u128::from(FOLD);
        (full as u64) ^ ((full >> 64) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

    #[test]
    fn maps_find_what_was_inserted_and_nothing_else() {
        let mut m: FastMap<Vec<u8>, usize> = FastMap::default();
        for i in 0..1000usize {
            m.insert(format!("node{i}.example").into_bytes(), i);
        }
        assert_eq!(m.len(), 1000);
        assert_eq!(m.get(&b"node417.example"[..]), Some(&417));
        assert_eq!(m.get(&b"node1000.example"[..]), None);
        let s: FastSet<u32> = (0..500).collect();
        assert!(s.contains(&499) && !s.contains(&500));
        // Keys that differ only in their last bytes still spread over buckets
        // (low bits) and tags (top bits).
        let hashes: Vec<u64> = (1..=384)
            .map(|n| {
                std::hash::BuildHasher::hash_one(
                    &BuildHasherDefault::<FxHasher>::default(),
                    format!("node{n:03}").as_bytes(),
                )
            })
            .collect();
        let buckets: FastSet<u64> = hashes.iter().map(|h| h & 511).collect();
        let tags: FastSet<u64> = hashes.iter().map(|h| h >> 57).collect();
        assert!(buckets.len() > 200, "{} buckets", buckets.len());
        assert!(tags.len() > 64, "{} tags", tags.len());
    }
}
