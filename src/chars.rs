//! Character offsets: a [`Document`] whose offsets count characters instead of bytes.
//!
//! The library's offsets are byte offsets into the UTF-8 text, as Rust slices strings.
//! Python, spaCy, Java and JavaScript slice by character (code point or UTF-16 unit;
//! for Python and spaCy, code point). [`Document::with_char_offsets`] rewrites every
//! offset of a document — mentions, evidence spans, times, links, language passages —
//! into code-point offsets, in one pass over the text.
//!
//! ```
//! let ex = gazet::Extractor::new();
//! let text = "In Zürich sprak Rutte met Poetin.";
//! let doc = ex.extract(text).with_char_offsets(text);
//! let m = &doc.entity_named("Vladimir Putin").unwrap().mentions[0];
//! let chars: Vec<char> = text.chars().collect();
//! assert_eq!(chars[m.start..m.end].iter().collect::<String>(), "Poetin");
//! assert_eq!((m.start, m.end), (26, 32)); // bytes: 27..33, "ü" is two bytes
//! ```

use crate::model::{Document, Span};

impl Document {
    /// This document with every offset counted in characters (Unicode scalar values) of
    /// `text`, the text it was extracted from, instead of bytes.
    pub fn with_char_offsets(&self, text: &str) -> Document {
        let mut doc = self.clone();
        let mut offsets = Vec::new();
        visit(&mut doc, &mut |o| offsets.push(*o));
        let map = CharMap::new(text, offsets);
        visit(&mut doc, &mut |o| *o = map.chars(*o));
        doc
    }
}

/// Calls `f` on every offset of the document.
fn visit(doc: &mut Document, f: &mut impl FnMut(&mut usize)) {
    let span = |s: &mut Span, f: &mut dyn FnMut(&mut usize)| {
        f(&mut s.start);
        f(&mut s.end);
    };
    for m in doc.entities.iter_mut().flat_map(|e| e.mentions.iter_mut()) {
        f(&mut m.start);
        f(&mut m.end);
    }
    for r in &mut doc.relations {
        span(&mut r.evidence, f);
        if let Some(t) = &mut r.time {
            f(&mut t.start);
            f(&mut t.end);
        }
        for e in &mut r.evidences {
            span(&mut e.span, f);
        }
        for s in r.links.iter_mut().filter_map(|l| l.span.as_mut()) {
            span(s, f);
        }
    }
    for p in &mut doc.lang_spans {
        f(&mut p.start);
        f(&mut p.end);
    }
}

/// Byte offsets (sorted, each on a char boundary of the text) mapped to characters.
struct CharMap {
    pairs: Vec<(usize, usize)>,
}

impl CharMap {
    fn new(text: &str, mut offsets: Vec<usize>) -> CharMap {
        offsets.sort_unstable();
        offsets.dedup();
        let (mut chars, mut at) = (0, 0);
        let mut pairs = Vec::with_capacity(offsets.len());
        for off in offsets {
            let off = off.min(text.len());
            // an offset inside a character (never made by the library) counts up to it
            chars += text.as_bytes()[at..off].iter().filter(|&&b| (b as i8) >= -0x40).count();
            at = off;
            pairs.push((off, chars));
        }
        CharMap { pairs }
    }

    fn chars(&self, b: usize) -> usize {
        match self.pairs.binary_search_by_key(&b, |p| p.0) {
            Ok(i) => self.pairs[i].1,
            Err(i) => i.checked_sub(1).map_or(0, |j| self.pairs[j].1),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Extractor;

    #[test]
    fn every_offset_becomes_a_character_offset() {
        let text = "« Wij praten », zei Poetin in Zürich. Poetin en Erdoğan ontmoetten elkaar in juli in Sotsji.";
        let ex = Extractor::new();
        let doc = ex.extract(text);
        let chars = doc.with_char_offsets(text);
        let cs: Vec<char> = text.chars().collect();
        let slice = |a: usize, b: usize| cs[a..b].iter().collect::<String>();
        for (e, c) in doc.entities.iter().zip(&chars.entities) {
            for (m, n) in e.mentions.iter().zip(&c.mentions) {
                assert_eq!(slice(n.start, n.end), text[m.start..m.end]);
            }
        }
        assert!(!doc.relations.is_empty());
        for (r, s) in doc.relations.iter().zip(&chars.relations) {
            assert_eq!(
                slice(s.evidence.start, s.evidence.end),
                text[r.evidence.start..r.evidence.end]
            );
            if let (Some(t), Some(u)) = (&r.time, &s.time) {
                assert_eq!(slice(u.start, u.end), t.text);
            }
        }
    }
}
