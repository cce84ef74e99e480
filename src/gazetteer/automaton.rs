//! Aho-Corasick over words: the gazetteer's automaton, with token ids as its alphabet.
//!
//! Every alias is a sequence of normalised tokens, and a document is one too. Instead of
//! running a byte automaton over the normalised text, the words of all aliases are
//! interned once into the [`Lexicon`]; a document's tokens are looked up there once (a
//! word no alias contains has an id past the automaton's alphabet, or
//! [`UNKNOWN`](crate::lexicon::UNKNOWN), and sends the automaton straight back to its
//! root), and the automaton steps once per token.
//! Matches are token-aligned by construction, and every occurrence of every pattern is
//! reported (overlapping semantics), as the resolver needs.
//!
//! Layout, chosen for memory at a million entries: the root's transitions are a dense
//! table indexed by word id; every other state keeps its children as a sorted run of
//! `(word, child)` pairs in one array (binary searched), plus a failure link and a
//! dictionary-suffix link (the nearest state on the failure chain that ends a pattern).
//!
//! ```text
//! patterns: [g20], [g20, top], [top]       document: "de g20 top"
//! ids:       de → UNKNOWN, g20 → 0, top → 1
//! matches:   (end 1, [g20]), (end 2, [g20, top]), (end 2, [top])
//! ```

use crate::fxhash::FxHashMap;
use crate::lexicon::Lexicon;

const NONE: u32 = u32::MAX;
const ROOT: u32 = 0;

/// Builds a [`WordAutomaton`]: add patterns, then [`AutomatonBuilder::build`].
///
/// While patterns are added, the root's transitions are a table by word id and all
/// others one hash map keyed by state and word (a first name can have thousands of
/// surnames after it).
pub(crate) struct AutomatonBuilder {
    vocab: Lexicon,
    root: Vec<u32>,
    /// [`edge_key`] → child, for states other than the root.
    edges: FxHashMap<u64, u32>,
    /// Per state: the word leading to it and its pattern (or `NONE`).
    word: Vec<u32>,
    out: Vec<u32>,
    patterns: u32,
}

impl Default for AutomatonBuilder {
    fn default() -> AutomatonBuilder {
        AutomatonBuilder::new()
    }
}

impl AutomatonBuilder {
    pub(crate) fn new() -> AutomatonBuilder {
        AutomatonBuilder {
            vocab: Lexicon::default(),
            root: Vec::new(),
            edges: FxHashMap::default(),
            word: vec![NONE],
            out: vec![NONE],
            patterns: 0,
        }
    }

    /// Makes room for about `n` patterns of two or three words (saves rehashing
    /// the edge map while a large gazetteer is added).
    pub(crate) fn reserve(&mut self, n: usize) {
        self.edges.reserve(n + n / 2);
        self.out.reserve(n * 2);
        self.word.reserve(n * 2);
    }

    /// Adds a pattern (its normalised tokens) and returns its id; a pattern added
    /// before returns the id it got then. Patterns are numbered from 0 in order. An
    /// empty pattern is not added (`None`).
    pub(crate) fn add<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) -> Option<u32> {
        let mut state = ROOT;
        for w in words {
            let id = self.intern(w);
            state = self.child_or_new(state, id);
        }
        if state == ROOT {
            return None;
        }
        let out = &mut self.out[state as usize];
        if *out == NONE {
            *out = self.patterns;
            self.patterns += 1;
        }
        Some(*out)
    }

    fn intern(&mut self, w: &str) -> u32 {
        let id = self.vocab.intern(w);
        if id as usize == self.root.len() {
            self.root.push(ROOT);
        }
        id
    }

    fn child_or_new(&mut self, state: u32, id: u32) -> u32 {
        let fresh = self.out.len() as u32;
        let c = if state == ROOT {
            let c = &mut self.root[id as usize];
            if *c == ROOT {
                *c = fresh;
            }
            *c
        } else {
            *self.edges.entry(edge_key(state, id)).or_insert(fresh)
        };
        if c == fresh {
            self.out.push(NONE);
            self.word.push(id);
        }
        c
    }

    /// Number of distinct patterns added so far.
    #[cfg(test)]
    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns as usize
    }

    /// Lays the trie out compactly (children sorted by word, in one array) and
    /// computes failure and dictionary links. The words of the patterns come back as
    /// the start of the [`Lexicon`]: their ids are the automaton's alphabet.
    pub(crate) fn build(self) -> (WordAutomaton, Lexicon) {
        let n = self.out.len();
        let mut a = WordAutomaton {
            root: self.root,
            start: Vec::new(),
            kids: Vec::with_capacity(n),
            fail: vec![ROOT; n],
            dict: vec![NONE; n],
            out: self.out,
        };
        let mut edges: Vec<(u32, u32, u32)> = self
            .edges
            .into_iter()
            .map(|(k, c)| {
                let k = unmix(k);
                ((k >> 32) as u32, k as u32, c)
            })
            .collect();
        edges.sort_unstable();
        a.start.resize(n + 1, 0);
        for &(s, w, c) in &edges {
            a.start[s as usize + 1] += 1;
            a.kids.push((w, c));
        }
        drop(edges);
        for i in 0..n {
            a.start[i + 1] += a.start[i];
        }
        a.link(&self.word);
        (a, self.vocab)
    }
}

/// The key of the edge from `state` on word `id`: the pair packed into 64 bits and
/// mixed (a bijection, so keys stay distinct). The Fx hash keeps low bits where they
/// are, and unmixed, all children of one state, or all states on one word, would
/// fall into one bucket.
fn edge_key(state: u32, id: u32) -> u64 {
    let mut k = u64::from(state) << 32 | u64::from(id);
    k ^= k >> 33;
    k = k.wrapping_mul(MIX);
    k ^ (k >> 33)
}

/// The inverse of [`edge_key`]'s mixing.
fn unmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(MIX_INV);
    k ^ (k >> 33)
}

const MIX: u64 = 0xff51_afd7_ed55_8ccd;
/// The multiplicative inverse of `MIX` modulo 2^64.
const MIX_INV: u64 = 0x4f74_430c_22a5_4005;

/// The compiled automaton (see the [module docs](self)).
#[derive(Debug)]
pub(crate) struct WordAutomaton {
    /// Root transitions by word id (`ROOT` where there is none).
    root: Vec<u32>,
    /// Children of state `s`: `kids[start[s]..start[s + 1]]`, sorted by word.
    start: Vec<u32>,
    kids: Vec<(u32, u32)>,
    fail: Vec<u32>,
    dict: Vec<u32>,
    out: Vec<u32>,
}

impl WordAutomaton {
    /// Calls `f(i, pattern)` for every pattern occurrence that ends at token `i`, for
    /// each `i` in order (several per token: longest first along the failure chain).
    pub(crate) fn for_each_match(&self, ids: &[u32], mut f: impl FnMut(usize, u32)) {
        let mut state = ROOT;
        for (i, &w) in ids.iter().enumerate() {
            state = self.next(state, w);
            let mut s =
                if self.out[state as usize] != NONE { state } else { self.dict[state as usize] };
            while s != NONE {
                f(i, self.out[s as usize]);
                s = self.dict[s as usize];
            }
        }
    }

    /// Heap memory held, in bytes (the lexicon not included).
    pub(crate) fn memory_usage(&self) -> usize {
        4 * (self.root.len() + self.start.len() + self.fail.len())
            + 4 * (self.dict.len() + self.out.len())
            + 8 * self.kids.len()
    }

    #[inline]
    fn child(&self, s: u32, w: u32) -> Option<u32> {
        if s == ROOT {
            let c = self.root[w as usize];
            return (c != ROOT).then_some(c);
        }
        let kids = &self.kids[self.start[s as usize] as usize..self.start[s as usize + 1] as usize];
        kids.binary_search_by_key(&w, |&(k, _)| k).ok().map(|i| kids[i].1)
    }

    #[inline]
    fn next(&self, mut s: u32, w: u32) -> u32 {
        // a word of no pattern (an id past the alphabet, or unknown)
        if w as usize >= self.root.len() {
            return ROOT;
        }
        loop {
            if let Some(c) = self.child(s, w) {
                return c;
            }
            if s == ROOT {
                return ROOT;
            }
            s = self.fail[s as usize];
        }
    }

    /// Failure and dictionary links, breadth first (a state's links need those of
    /// shallower states). `word[s]` is the word leading to state `s`.
    fn link(&mut self, word: &[u32]) {
        // (state, parent)
        let mut queue: Vec<(u32, u32)> = Vec::with_capacity(self.out.len());
        queue.extend(self.root.iter().filter(|&&c| c != ROOT).map(|&c| (c, ROOT)));
        let mut head = 0;
        while let Some(&(s, p)) = queue.get(head) {
            head += 1;
            let f =
                if p == ROOT { ROOT } else { self.next(self.fail[p as usize], word[s as usize]) };
            self.fail[s as usize] = f;
            self.dict[s as usize] =
                if self.out[f as usize] != NONE && f != ROOT { f } else { self.dict[f as usize] };
            let (a, b) = (self.start[s as usize] as usize, self.start[s as usize + 1] as usize);
            queue.extend(self.kids[a..b].iter().map(|k| (k.1, s)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pats: &[&[&str]], doc: &[&str]) -> Vec<(usize, u32)> {
        let mut b = AutomatonBuilder::new();
        for p in pats {
            b.add(p.iter().copied());
        }
        let (a, lex) = b.build();
        let ids: Vec<u32> = doc.iter().map(|w| lex.id(w)).collect();
        let mut got = Vec::new();
        a.for_each_match(&ids, |i, p| got.push((i, p)));
        got
    }

    #[test]
    fn reports_every_occurrence() {
        let got = matches(&[&["g20"], &["g20", "top"], &["top"]], &["de", "g20", "top", "g20"]);
        assert_eq!(got, [(1, 0), (2, 1), (2, 2), (3, 0)]);
    }

    #[test]
    fn follows_failure_links() {
        // "a b c" fails at "d" and must still find "b c d" starting inside it
        let got =
            matches(&[&["a", "b", "c", "e"], &["b", "c", "d"], &["c"]], &["a", "b", "c", "d"]);
        assert_eq!(got, [(2, 2), (3, 1)]);
    }

    #[test]
    fn same_pattern_same_id_and_unknown_words_reset() {
        let mut b = AutomatonBuilder::new();
        assert_eq!(b.add(["noord", "korea"]), Some(0));
        assert_eq!(b.add(["korea"]), Some(1));
        assert_eq!(b.add(["noord", "korea"]), Some(0));
        assert_eq!(b.add([]), None);
        assert_eq!(b.pattern_count(), 2);
        let (a, lex) = b.build();
        assert_eq!(lex.id("zuid"), crate::lexicon::UNKNOWN);
        let ids = [lex.id("noord"), crate::lexicon::UNKNOWN, lex.id("korea"), 17];
        let mut got = Vec::new();
        a.for_each_match(&ids, |i, p| got.push((i, p)));
        assert_eq!(got, [(2, 1)]);
    }

    #[test]
    fn edge_keys_unmix() {
        for (s, w) in [(0, 0), (1, 7), (u32::MAX - 1, 3), (12_345, u32::MAX - 1)] {
            assert_eq!(unmix(edge_key(s, w)), u64::from(s) << 32 | u64::from(w));
        }
    }

    #[test]
    fn empty_automaton_matches_nothing() {
        assert!(matches(&[], &["a"]).is_empty());
    }
}
