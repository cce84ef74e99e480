//! The lexicon: every word any part of the pipeline looks up, with a small integer id.
//!
//! The gazetteer automaton, the name finder's word classes and other per-word tables
//! used to each hash a document's tokens in their own map. Now the words they know are
//! interned once, at build time, into one [`Lexicon`]; a document's tokens are looked up
//! once, right after tokenization ([`Lexicon::assign`]), and every later stage reads its
//! per-word facts from a plain table indexed by that id. A word no part knows gets
//! [`UNKNOWN`].
//!
//! The table is open addressing over one `Vec` of 16-byte slots: each holds 32 bits of
//! the word's hash, its id and where its bytes are, so a lookup of a word the lexicon
//! does not hold touches one or two slots and never the words themselves, and one it
//! holds reads the slot and the word's bytes; the words live end to end in one string.
//!
//! ```text
//! intern("g20") → 0, intern("top") → 1, intern("g20") → 0
//! id("top") → 1, id("trump") → UNKNOWN
//! ```

use crate::fxhash::hash_word as hash;
use crate::tokenize::Tokens;

/// The id of a word the lexicon does not hold.
pub(crate) const UNKNOWN: u32 = u32::MAX;

/// Interned words (see the [module docs](self)).
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// A power of two long; see [`Slot`].
    slots: Vec<Slot>,
    /// All words, end to end; word `id` ends at `ends[id]`.
    words: String,
    ends: Vec<u32>,
}

impl Lexicon {
    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The word with this id.
    #[cfg(test)]
    pub(crate) fn word(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.words.get(start..self.ends[i] as usize).unwrap_or("")
    }

    /// The id of `w`, or [`UNKNOWN`].
    #[cfg(test)]
    pub(crate) fn id(&self, w: &str) -> u32 {
        self.id_of_bytes(w.as_bytes())
    }

    /// The id of the word whose UTF-8 bytes are `w`, or [`UNKNOWN`].
    #[inline]
    pub(crate) fn id_of_bytes(&self, w: &[u8]) -> u32 {
        match self.find(w, hash(w)) {
            Ok(id) => id,
            Err(_) => UNKNOWN,
        }
    }

    /// The id of `w`, added if new (ids are given in order from 0).
    pub(crate) fn intern(&mut self, w: &str) -> u32 {
        if (self.ends.len() + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let h = hash(w.as_bytes());
        match self.find(w.as_bytes(), h) {
            Ok(id) => id,
            Err(slot) => {
                let id = self.ends.len() as u32;
                let start = self.words.len() as u32;
                self.words.push_str(w);
                self.ends.push(self.words.len() as u32);
                self.slots[slot] = Slot::new(h, id, start, w.len() as u32);
                id
            }
        }
    }

    /// Looks every token of `toks` up once and stores the ids in it.
    pub(crate) fn assign(&self, toks: &mut Tokens) {
        toks.assign_ids(|w| self.id_of_bytes(w));
    }

    /// Heap memory held, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        16 * self.slots.len() + self.words.capacity() + 4 * self.ends.capacity()
    }

    /// The id of `w` (`Ok`) or the empty slot where it would go (`Err`).
    #[inline]
    fn find(&self, w: &[u8], h: u64) -> Result<u32, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        let tag = (h >> 32) as u32;
        let words = self.words.as_bytes();
        loop {
            let s = self.slots[i];
            if s.id1 == 0 {
                return Err(i);
            }
            if s.tag == tag && s.len as usize == w.len() {
                let at = s.start as usize;
                if same(words.get(at..at + w.len()).unwrap_or_default(), w) {
                    return Ok(s.id1 - 1);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table (at least 64 slots) and puts every word back.
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); n]);
        let mask = n - 1;
        for s in old.into_iter().filter(|s| s.id1 != 0) {
            let at = s.start as usize;
            let h = hash(self.words.as_bytes().get(at..at + s.len as usize).unwrap_or_default());
            let mut i = (h as usize) & mask;
            while self.slots[i].id1 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

/// Whether two short byte strings are equal, compared eight bytes at a time in place
/// (a call to `memcmp` costs more than the comparison for words this short).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a, mut b) = (a, b);
    while let (Some((x, ra)), Some((y, rb))) =
        (a.split_first_chunk::<8>(), b.split_first_chunk::<8>())
    {
        if x != y {
            return false;
        }
        (a, b) = (ra, rb);
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// One slot of the table: the high half of the word's hash (compared first), its id
/// plus one (0: empty) and where its bytes are; all a lookup reads but the bytes.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    tag: u32,
    id1: u32,
    start: u32,
    len: u32,
}

impl Slot {
    fn new(h: u64, id: u32, start: u32, len: u32) -> Slot {
        Slot { tag: (h >> 32) as u32, id1: id + 1, start, len }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_and_finds() {
        let mut lex = Lexicon::default();
        assert_eq!(lex.id("g20"), UNKNOWN);
        assert_eq!(lex.intern("g20"), 0);
        assert_eq!(lex.intern("top"), 1);
        assert_eq!(lex.intern("g20"), 0);
        assert_eq!(lex.id("top"), 1);
        assert_eq!(lex.id("to"), UNKNOWN);
        assert_eq!(lex.id(""), UNKNOWN);
        assert_eq!(lex.word(1), "top");
        assert_eq!(lex.len(), 2);
    }

    #[test]
    fn survives_growth() {
        let mut lex = Lexicon::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(lex.intern(w), i as u32);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(lex.id(w), i as u32);
        }
        assert_eq!(lex.id("w5000"), UNKNOWN);
        assert_eq!(lex.intern(""), 5000);
        assert_eq!(lex.id(""), 5000);
    }

    #[test]
    fn assigns_token_ids() {
        let mut lex = Lexicon::default();
        lex.intern("poetin");
        let mut toks = crate::tokenize::tokenize("Poetin en Trump");
        lex.assign(&mut toks);
        assert_eq!(
            (toks.id(0), toks.id(1), toks.id(2), toks.id(3)),
            (0, UNKNOWN, UNKNOWN, UNKNOWN)
        );
    }
}
