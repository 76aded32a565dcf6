//! The byte classes the line scanner needs, 64 input bytes at a time, as
//! bit masks: bit `i` of a mask describes byte `i` of the block. On x86_64
//! the masks come from AVX2 compares where the CPU has AVX2, else from SSE2
//! (part of every x86_64 target); other targets build the same masks eight
//! bytes at a time with `u64` arithmetic. The tests check every way against
//! a plain byte loop.

/// Bytes per block.
pub(super) const BLOCK: usize = 64;

/// `0x01` in every byte of a word.
pub(super) const ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// The low seven bits of every byte of a word.
const LOW7: u64 = 0x7F * ONES;
/// The high bit of every byte of a word.
pub(super) const HIGH: u64 = 0x80 * ONES;

/// The high bit of each byte of `word` is set where that byte is not zero
/// (exact: no carry crosses a byte).
pub(super) fn nonzero_bytes(word: u64) -> u64 {
    ((word & LOW7) + LOW7) | word
}

/// Which vector instructions [`Masks::of_block`] may use beyond the target's baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Simd {
    /// 32 bytes per compare (x86_64 CPUs since 2013); only set when the CPU has it.
    avx2: bool,
    /// Test builds only: the portable arm ([`swar`]) on every target, so that
    /// whole parses can be compared across the arms.
    #[cfg(test)]
    portable: bool,
}

impl Simd {
    /// What this CPU offers (a cached check after the first call).
    pub fn detect() -> Simd {
        #[cfg(target_arch = "x86_64")]
        {
            Simd {
                avx2: std::arch::is_x86_feature_detected!("avx2"),
                #[cfg(test)]
                portable: false,
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            Simd::default()
        }
    }

    /// No vector instructions at all, not even the target's baseline.
    #[cfg(test)]
    pub fn portable() -> Simd {
        Simd { portable: true, ..Simd::default() }
    }
}

/// What a block of 64 input bytes holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Masks {
    /// `\n`.
    pub newline: u64,
    /// The bytes that decide a line's class: `:`, `{`, `}` and NUL.
    pub delimiter: u64,
    /// Every byte except space and tab.
    pub nonblank: u64,
}

impl Masks {
    /// The masks of `src[base..base + 64]`; bytes past the end of `src`
    /// count as `\n` (so a window always finds where its line ends).
    #[inline]
    pub fn of_block(src: &[u8], base: usize, simd: Simd) -> Masks {
        let rest = src.get(base..).unwrap_or_default();
        match rest.first_chunk::<BLOCK>() {
            Some(block) => Masks::of(block, simd),
            None => {
                let mut block = [b'\n'; BLOCK];
                for (to, from) in block.iter_mut().zip(rest) {
                    *to = *from;
                }
                Masks::of(&block, simd)
            }
        }
    }

    /// The masks of one block.
    #[inline]
    fn of(block: &[u8; BLOCK], simd: Simd) -> Masks {
        #[cfg(test)]
        if simd.portable {
            return swar(block);
        }
        #[cfg(target_arch = "x86_64")]
        {
            if simd.avx2 {
                // SAFETY: `simd.avx2` is set only where the CPU has AVX2 (`Simd::detect`).
                return unsafe { avx2(block) };
            }
            sse2(block)
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = simd;
            swar(block)
        }
    }

    /// The masks of the 64 bytes that start `shift` (< 64) bytes into the
    /// block `self` describes, where `after` describes the next block.
    #[inline]
    pub fn join(self, after: Masks, shift: usize) -> Masks {
        debug_assert!(shift < BLOCK);
        // One double-width shift (`shrd` on x86_64); the truncation keeps the low 64 bits.
        let join = |here: u64, after: u64| ((u128::from(after) << 64 | u128::from(here)) >> (shift % BLOCK)) as u64;
        Masks {
            newline: join(self.newline, after.newline),
            delimiter: join(self.delimiter, after.delimiter),
            nonblank: join(self.nonblank, after.nonblank),
        }
    }
}

/// [`Masks::of`] with SSE2: sixteen bytes per compare, one `pmovmskb` per
/// class and sixteen bytes.
#[cfg(target_arch = "x86_64")]
#[inline]
fn sse2(block: &[u8; BLOCK]) -> Masks {
    use core::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128,
    };
    let mut masks = Masks::default();
    for (i, part) in block.chunks_exact(16).enumerate() {
        // SAFETY: `part` is 16 readable bytes (`chunks_exact(16)`), which is
        // what `_mm_loadu_si128` reads; it accepts any alignment. The other
        // intrinsics only compute on registers, and SSE2 is enabled on
        // every x86_64 target.
        let (newline, delimiter, blank) = unsafe {
            let bytes = _mm_loadu_si128(part.as_ptr().cast::<__m128i>());
            let eq = |b: u8| _mm_cmpeq_epi8(bytes, _mm_set1_epi8(b as i8));
            let delimiter = _mm_or_si128(
                _mm_or_si128(eq(b':'), eq(b'{')),
                _mm_or_si128(eq(b'}'), _mm_cmpeq_epi8(bytes, _mm_setzero_si128())),
            );
            (
                _mm_movemask_epi8(eq(b'\n')),
                _mm_movemask_epi8(delimiter),
                _mm_movemask_epi8(_mm_or_si128(eq(b' '), eq(b'\t'))),
            )
        };
        // `pmovmskb` sets only the low 16 bits.
        let at = 16 * i;
        masks.newline |= u64::from(newline as u16) << at;
        masks.delimiter |= u64::from(delimiter as u16) << at;
        masks.nonblank |= u64::from(!(blank as u16)) << at;
    }
    masks
}

/// [`Masks::of`] with AVX2: 32 bytes per compare.
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn avx2(block: &[u8; BLOCK]) -> Masks {
    use core::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
        _mm256_setzero_si256,
    };
    let mut masks = Masks::default();
    for (i, part) in block.chunks_exact(32).enumerate() {
        // SAFETY: `part` is 32 readable bytes (`chunks_exact(32)`), which is
        // what `_mm256_loadu_si256` reads; it accepts any alignment. The
        // caller guarantees AVX2, which the other intrinsics need.
        let (newline, delimiter, blank) = unsafe {
            let bytes = _mm256_loadu_si256(part.as_ptr().cast::<__m256i>());
            let eq = |b: u8| _mm256_cmpeq_epi8(bytes, _mm256_set1_epi8(b as i8));
            let delimiter = _mm256_or_si256(
                _mm256_or_si256(eq(b':'), eq(b'{')),
                _mm256_or_si256(eq(b'}'), _mm256_cmpeq_epi8(bytes, _mm256_setzero_si256())),
            );
            (
                _mm256_movemask_epi8(eq(b'\n')),
                _mm256_movemask_epi8(delimiter),
                _mm256_movemask_epi8(_mm256_or_si256(eq(b' '), eq(b'\t'))),
            )
        };
        // `vpmovmskb` sets all 32 bits of the result.
        let at = 32 * i;
        masks.newline |= u64::from(newline as u32) << at;
        masks.delimiter |= u64::from(delimiter as u32) << at;
        masks.nonblank |= u64::from(!(blank as u32)) << at;
    }
    masks
}

/// [`Masks::of`] without SIMD: eight bytes per step. Exact: each compare is
/// an XOR followed by [`nonzero_bytes`].
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn swar(block: &[u8; BLOCK]) -> Masks {
    let mut masks = Masks::default();
    for (i, word) in block.chunks_exact(8).enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let word = u64::from_le_bytes(bytes);
        // The high bit of each byte equal to `b`.
        let eq = |b: u8| !nonzero_bytes(word ^ (u64::from(b) * ONES)) & HIGH;
        let delimiter = eq(b':') | eq(b'{') | eq(b'}') | eq(0);
        let at = 8 * i;
        masks.newline |= gather(eq(b'\n')) << at;
        masks.delimiter |= gather(delimiter) << at;
        masks.nonblank |= gather(!(eq(b' ') | eq(b'\t')) & HIGH) << at;
    }
    masks
}

/// The high bits of the eight bytes of `high` (nothing else set) as an
/// eight-bit mask: byte `i`'s bit goes to bit `i`. The multiplication moves
/// bit `8i` to bit `56 + i`; no two partial products share a bit, so
/// nothing carries.
fn gather(high: u64) -> u64 {
    (high >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The masks of a block, byte by byte.
    fn plain(block: &[u8; BLOCK]) -> Masks {
        let mut masks = Masks::default();
        for (i, &b) in block.iter().enumerate() {
            masks.newline |= u64::from(b == b'\n') << i;
            masks.delimiter |= u64::from(matches!(b, b':' | b'{' | b'}' | 0)) << i;
            masks.nonblank |= u64::from(b != b' ' && b != b'\t') << i;
        }
        masks
    }

    #[test]
    fn every_byte_value_in_every_position() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let mut block = [a; BLOCK];
                for (i, byte) in block.iter_mut().enumerate() {
                    if i % 3 == 1 || i % 7 == 0 {
                        *byte = b;
                    }
                }
                let expected = plain(&block);
                assert_eq!(swar(&block), expected, "{a:#04x}/{b:#04x}");
                assert_eq!(Masks::of(&block, Simd::portable()), expected, "{a:#04x}/{b:#04x}");
                assert_eq!(Masks::of(&block, Simd::default()), expected, "{a:#04x}/{b:#04x}");
                assert_eq!(Masks::of(&block, Simd::detect()), expected, "{a:#04x}/{b:#04x}");
            }
        }
    }

    #[test]
    fn blocks_past_the_end_read_as_newlines() {
        let src = b"ab: {c}\n\t \0";
        let masks = Masks::of_block(src, 0, Simd::detect());
        assert_eq!(masks.newline, !0u64 << src.len() | 1 << 7);
        assert_eq!(masks.delimiter, 1 << 2 | 1 << 4 | 1 << 6 | 1 << 10);
        assert_eq!(masks.nonblank, !(1u64 << 3 | 1 << 8 | 1 << 9));
        assert_eq!(Masks::of_block(src, 64, Simd::detect()).newline, !0);
        assert_eq!(Masks::of_block(src, usize::MAX - 64, Simd::default()).newline, !0);
    }

    #[test]
    fn join_starts_the_window_at_any_offset() {
        let src: Vec<u8> = (0..200u32).map(|i| if i % 5 == 0 { b':' } else { b'x' }).collect();
        let simd = Simd::detect();
        let (here, after) = (Masks::of_block(&src, 64, simd), Masks::of_block(&src, 128, simd));
        for shift in 0..BLOCK {
            let block: [u8; BLOCK] = src[64 + shift..128 + shift].try_into().unwrap();
            assert_eq!(here.join(after, shift), plain(&block), "shift {shift}");
        }
    }
}
