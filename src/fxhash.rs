//! A small, fast, non-cryptographic hasher for short keys (word forms, indices) on
//! the hot path. The inputs are the caller's own tokens, hashed within one call;
//! HashDoS resistance buys nothing here and SipHash showed up in profiles.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The Fx hash (as used by rustc): a multiply-rotate per word.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(tail_word(rest));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The last 1–7 bytes as a little-endian word, zero-padded: the value a copy into a
/// zeroed `[u8; 8]` would give, without the call to `memcpy` such a copy becomes
/// (hashing short words is most of what this hasher does).
#[inline]
fn tail_word(mut r: &[u8]) -> u64 {
    let (mut w, mut shift) = (0u64, 0u32);
    if let Some((four, more)) = r.split_first_chunk::<4>() {
        w = u64::from(u32::from_le_bytes(*four));
        (r, shift) = (more, 32);
    }
    if let Some((two, more)) = r.split_first_chunk::<2>() {
        w |= u64::from(u16::from_le_bytes(*two)) << shift;
        (r, shift) = (more, shift + 16);
    }
    if let Some(&one) = r.first() {
        w |= u64::from(one) << shift;
    }
    w
}

/// The Fx hash of a string, mixed (murmur3's finalizer) so that its low bits and its
/// high bits both depend on every byte: for open-addressing tables that take the
/// slot from the low bits and a tag from the high ones.
#[inline]
pub(crate) fn hash_word(w: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(w);
    let mut x = h.finish();
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^ (x >> 33)
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
pub(crate) type FxHashSet<K> = HashSet<K, FxBuild>;

/// A map keyed by text of the input document (names a document makes up): the
/// standard library's randomly seeded SipHash, so that no crafted document can make
/// its keys collide. Fx stays for keys that are the crate's own words and indices.
pub(crate) type InputMap<K, V> = HashMap<K, V>;
/// The set of [`InputMap`].
pub(crate) type InputSet<K> = HashSet<K>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_word_is_the_zero_padded_little_endian_word() {
        let bytes = b"abcdefg";
        for n in 1..=7 {
            let mut w = [0u8; 8];
            w[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(tail_word(&bytes[..n]), u64::from_le_bytes(w), "{n} bytes");
        }
    }
}
