//! Aho-Corasick over words: the gazetteer's automaton, with token ids as its alphabet.
//!
//! Every alias is a sequence of normalised tokens, and a document is one too. Instead of
//! running a byte automaton over the normalised text, the words of all aliases are
//! interned once ([`WordAutomaton::word_id`]); a document's tokens are looked up in that
//! vocabulary (one hash per token; a word no alias contains gets [`UNKNOWN`], which sends
//! the automaton straight back to its root), and the automaton steps once per token.
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

/// The id of a word no pattern contains.
pub(crate) const UNKNOWN: u32 = u32::MAX;
const NONE: u32 = u32::MAX;
const ROOT: u32 = 0;

/// Builds a [`WordAutomaton`]: add patterns, then [`AutomatonBuilder::build`].
#[derive(Default)]
pub(crate) struct AutomatonBuilder {
    vocab: FxHashMap<Box<str>, u32>,
    /// (state, word) → child, while patterns are added.
    edges: FxHashMap<(u32, u32), u32>,
    /// Per state: its pattern, or `NONE`.
    out: Vec<u32>,
    patterns: u32,
}

impl AutomatonBuilder {
    pub(crate) fn new() -> AutomatonBuilder {
        AutomatonBuilder { out: vec![NONE], ..Default::default() }
    }

    /// Adds a pattern (its normalised tokens) and returns its id; a pattern added
    /// before returns the id it got then. Patterns are numbered from 0 in order. An
    /// empty pattern is not added (`None`).
    pub(crate) fn add<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) -> Option<u32> {
        let mut state = ROOT;
        for w in words {
            let next_id = self.vocab.len() as u32;
            let id = match self.vocab.get(w) {
                Some(&id) => id,
                None => {
                    self.vocab.insert(w.into(), next_id);
                    next_id
                }
            };
            let fresh = self.out.len() as u32;
            state = *self.edges.entry((state, id)).or_insert(fresh);
            if state == fresh {
                self.out.push(NONE);
            }
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

    /// Number of distinct patterns added so far.
    #[cfg(test)]
    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns as usize
    }

    /// Lays the trie out compactly and computes failure and dictionary links.
    pub(crate) fn build(self) -> WordAutomaton {
        let n = self.out.len();
        let mut edges: Vec<(u32, u32, u32)> =
            self.edges.into_iter().map(|((s, w), c)| (s, w, c)).collect();
        edges.sort_unstable();
        let mut a = WordAutomaton {
            root: vec![ROOT; self.vocab.len()],
            start: vec![0; n + 1],
            kids: Vec::with_capacity(edges.len()),
            fail: vec![ROOT; n],
            dict: vec![NONE; n],
            out: self.out,
            vocab: self.vocab,
        };
        for &(s, w, c) in &edges {
            if s == ROOT {
                a.root[w as usize] = c;
            } else {
                a.start[s as usize + 1] += 1;
                a.kids.push((w, c));
            }
        }
        for i in 0..n {
            a.start[i + 1] += a.start[i];
        }
        a.link(&edges);
        a
    }
}

/// The compiled automaton (see the [module docs](self)).
#[derive(Debug)]
pub(crate) struct WordAutomaton {
    vocab: FxHashMap<Box<str>, u32>,
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
    /// The id of a normalised word, or [`UNKNOWN`].
    #[inline]
    pub(crate) fn word_id(&self, w: &str) -> u32 {
        self.vocab.get(w).copied().unwrap_or(UNKNOWN)
    }

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

    /// Heap memory held, in bytes (approximate for the vocabulary).
    pub(crate) fn memory_usage(&self) -> usize {
        let words: usize = self.vocab.keys().map(|k| k.len() + 16 + 4 + 1).sum();
        words
            + 4 * (self.root.len() + self.start.len() + self.fail.len())
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
        if w == UNKNOWN {
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
    /// shallower states). `edges` are all `(state, word, child)` triples.
    fn link(&mut self, edges: &[(u32, u32, u32)]) {
        let n = self.out.len();
        let mut parent = vec![(NONE, 0u32); n];
        for &(s, w, c) in edges {
            parent[c as usize] = (s, w);
        }
        let mut queue: Vec<u32> = Vec::with_capacity(n);
        queue.extend(edges.iter().filter(|e| e.0 == ROOT).map(|e| e.2));
        let mut head = 0;
        while head < queue.len() {
            let s = queue[head];
            head += 1;
            let (p, w) = parent[s as usize];
            let f = if p == ROOT { ROOT } else { self.next(self.fail[p as usize], w) };
            self.fail[s as usize] = f;
            self.dict[s as usize] =
                if self.out[f as usize] != NONE && f != ROOT { f } else { self.dict[f as usize] };
            let (a, b) = (self.start[s as usize] as usize, self.start[s as usize + 1] as usize);
            queue.extend(self.kids[a..b].iter().map(|k| k.1));
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
        let a = b.build();
        let ids: Vec<u32> = doc.iter().map(|w| a.word_id(w)).collect();
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
        let a = b.build();
        assert_eq!(a.word_id("zuid"), UNKNOWN);
        let ids = [a.word_id("noord"), UNKNOWN, a.word_id("korea")];
        let mut got = Vec::new();
        a.for_each_match(&ids, |i, p| got.push((i, p)));
        assert_eq!(got, [(2, 1)]);
    }

    #[test]
    fn empty_automaton_matches_nothing() {
        assert!(matches(&[], &["a"]).is_empty());
    }
}
