//! The hash of the catalog's id lookups. The ids are the catalog's own slugs, written in
//! code, so the standard hasher's defence against keys chosen to collide buys nothing here,
//! while hashing the scale catalog's 10,000 product ids with it is a measurable part of
//! opening the shop. This one takes eight bytes a step and mixes the result at the end.

use std::hash::{BuildHasherDefault, Hasher};

pub(super) type IdHash = BuildHasherDefault<IdHasher>;

#[derive(Clone, Copy, Default)]
pub(super) struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            // The length tells "ab" from "ab\0".
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    /// Every bit of the state reaches the low bits, which pick the bucket.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::hash::BuildHasher;

    use super::*;

    fn hash(text: &str) -> u64 {
        IdHash::default().hash_one(text)
    }

    #[test]
    fn texts_that_differ_by_trailing_zero_bytes_or_a_letter_hash_apart() {
        assert_ne!(hash("ab"), hash("ab\0"));
        assert_ne!(hash("classic-t-shirt-12"), hash("classic-t-shirt-13"));
        assert_eq!(hash("classic-t-shirt-12"), hash("classic-t-shirt-12"));
    }

    /// The scale catalog's slugs differ only in their last digits: their buckets (the low
    /// bits) still spread.
    #[test]
    fn slugs_that_differ_in_their_index_spread_over_the_low_bits() {
        let buckets: HashSet<u64> = (0..4096)
            .map(|i| hash(&format!("classic-t-shirt-{i}")) & 4095)
            .collect();
        // A uniform hash fills about 63% of 4096 buckets with 4096 keys.
        assert!(buckets.len() > 2400, "{} buckets used", buckets.len());
    }
}
