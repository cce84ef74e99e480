//! The id index of a gazetteer: which entry has a given id.
//!
//! An open-addressing table of entry indices, each slot 32 bits of the id's hash and
//! the index; the ids themselves are read from the entries, never copied (a million
//! entries cost 8 to 16 MB here, not a second copy of every id).
//!
//! ```text
//! insert("country:RU", 0), insert("person:vladimir-putin", 1)
//! get("person:vladimir-putin") → Some(1), get("org:nato") → None
//! ```

use super::Entry;
use crate::fxhash::hash_word;

#[derive(Clone, Debug, Default)]
pub(crate) struct IdIndex {
    /// `(hash >> 32) << 32 | (index + 1)`, 0 for an empty slot; a power of two long.
    slots: Vec<u64>,
    len: usize,
}

const TAG: u64 = 0xffff_ffff_0000_0000;

impl IdIndex {
    /// The index of the entry with this id.
    pub(crate) fn get(&self, id: &str, entries: &[Entry]) -> Option<usize> {
        self.find(id, hash_word(id.as_bytes()), entries).ok()
    }

    /// Records that `entries[at]` has the id `id` (not in the index yet).
    pub(crate) fn insert(&mut self, id: &str, at: usize, entries: &[Entry]) {
        self.reserve(1, entries);
        let h = hash_word(id.as_bytes());
        if let Err(slot) = self.find(id, h, entries) {
            self.slots[slot] = (h & TAG) | (at as u64 + 1);
            self.len += 1;
        }
    }

    /// Makes room for `n` more ids without growing.
    pub(crate) fn reserve(&mut self, n: usize, entries: &[Entry]) {
        let want = self.len + n;
        if want * 4 <= self.slots.len() * 3 {
            return;
        }
        let size = (want * 4 / 3 + 1).next_power_of_two().max(64);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        let mask = size - 1;
        for s in old.into_iter().filter(|&s| s != 0) {
            let at = (s as u32 as usize) - 1;
            let h = entries.get(at).map_or(0, |e| hash_word(e.id.as_bytes()));
            let mut i = (h as usize) & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }

    /// The entry index of `id` (`Ok`) or the empty slot where it would go (`Err`).
    fn find(&self, id: &str, h: u64, entries: &[Entry]) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return Err(i);
            }
            let at = (s as u32 as usize).wrapping_sub(1);
            if s & TAG == h & TAG && entries.get(at).is_some_and(|e| e.id == id) {
                return Ok(at);
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::Gazetteer;

    #[test]
    fn finds_every_id_after_growing() {
        let src: String =
            (0..500).map(|i| format!("entity\torg:test-{i}\tORGANIZATION\tTest {i}\n")).collect();
        let g = Gazetteer::parse("test.tsv", &src).expect("parses");
        for i in 0..500 {
            assert_eq!(
                g.get(&format!("org:test-{i}")).map(|e| e.name.as_str()),
                Some(&*format!("Test {i}"))
            );
        }
        assert!(g.get("org:test-500").is_none());
        let twice = format!("{src}entity\torg:test-7\tORGANIZATION\tAgain\n");
        assert!(Gazetteer::parse("test.tsv", &twice).is_err());
    }
}
