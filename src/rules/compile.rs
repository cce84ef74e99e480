//! Compiling a [`RuleSet`]: the trigger automaton that finds, in one pass over a
//! document, every token where some rule may match.
//!
//! Every rule's trigger word becomes a pattern over the normalised text, which
//! separates tokens by single spaces: ` meet ` for an exact form, ` ontmoet` for
//! `ontmoet*`, `ontmoeting ` for `*ontmoeting`.

use std::collections::HashMap;

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::error::{Error, ErrorKind};
use crate::fxhash::FxHashMap;
use crate::model::Lang;
use crate::tokenize::Tokens;

use super::parse::Elem;
use super::{Compiled, RuleSet};

impl RuleSet {
    pub(crate) fn compile(self) -> Result<Compiled, Error> {
        let mut patterns: Vec<String> = Vec::new();
        let mut pat_index: HashMap<String, usize> = HashMap::new();
        let mut targets: Vec<Vec<(u32, u8)>> = Vec::new(); // per pattern: (rule, kind 0 exact 1 prefix 2 suffix)
        for (ri, r) in self.parsed.rules.iter().enumerate() {
            let Elem::Words(ws) = &r.elems[r.trigger].elem else {
                continue;
            };
            let all = ws
                .exact
                .iter()
                .map(|w| (format!(" {w} "), 0u8))
                .chain(ws.prefix.iter().map(|w| (format!(" {w}"), 1u8)))
                .chain(ws.suffix.iter().map(|w| (format!("{w} "), 2u8)));
            for (p, kind) in all {
                let idx = *pat_index.entry(p.clone()).or_insert_with(|| {
                    patterns.push(p);
                    targets.push(Vec::new());
                    targets.len() - 1
                });
                if !targets[idx].contains(&(ri as u32, kind)) {
                    targets[idx].push((ri as u32, kind));
                }
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            Some(
                // a few thousand trigger forms: a DFA is small and scans fastest
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
                    .map_err(|e| {
                        Error::new(
                            ErrorKind::Rule(format!("cannot build the trigger automaton: {e}")),
                            None,
                        )
                    })?,
            )
        };
        let vocab = trigger_vocabulary(&self.parsed.rules);
        let mut words = self.parsed.words;
        for (lang, w) in words.iter_mut() {
            w.finish(*lang);
        }
        Ok(Compiled { rules: self.parsed.rules, words, ac, targets, vocab })
    }
}

impl Compiled {
    /// Trigger hits `(token index, rule index)` of the rules of the languages in
    /// `langs` (a [`lang_bit`] mask), in token order, within the token ranges `spans`
    /// (the sentences the rules will look at).
    pub(super) fn triggers(
        &self,
        toks: &Tokens,
        langs: u8,
        spans: impl Iterator<Item = (usize, usize)>,
    ) -> Vec<(u32, u32)> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let mut out = Vec::new();
        for (a, b) in spans {
            let (Some(first), Some(last)) =
                (toks.get(a), b.checked_sub(1).and_then(|l| toks.get(l)))
            else {
                continue;
            };
            // the span of norm from the space before token a to the space after b - 1
            let span = first.norm_start as usize - 1..last.norm_end as usize + 1;
            self.triggers_in(ac, toks, langs, span, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn triggers_in(
        &self,
        ac: &aho_corasick::AhoCorasick,
        toks: &Tokens,
        langs: u8,
        span: std::ops::Range<usize>,
        out: &mut Vec<(u32, u32)>,
    ) {
        let norm = toks.norm();
        let bytes = norm.as_bytes();
        let input = aho_corasick::Input::new(norm).span(span);
        for m in ac.find_overlapping_iter(input) {
            for &(ri, kind) in &self.targets[m.pattern().as_usize()] {
                if lang_bit(self.rules[ri as usize].lang) & langs == 0 {
                    continue;
                }
                let tok = match kind {
                    0 => toks.token_at_norm(m.start() as u32 + 1),
                    1 => {
                        if bytes.get(m.end()) == Some(&b' ') {
                            None
                        } else {
                            toks.token_at_norm(m.start() as u32 + 1)
                        }
                    }
                    _ => {
                        if m.start() == 0 || bytes[m.start() - 1] == b' ' {
                            None
                        } else {
                            // the token containing the match start
                            let pos = m.start() as u32;
                            let i = toks.tokens().partition_point(|t| t.norm_start <= pos);
                            i.checked_sub(1)
                        }
                    }
                };
                if let Some(t) = tok {
                    out.push((t as u32, ri));
                }
            }
        }
    }
}

/// The bit of a language in a language mask.
pub(crate) fn lang_bit(lang: Lang) -> u8 {
    match lang {
        Lang::Nl => 1,
        Lang::En => 2,
    }
}

/// The exact trigger words of the rules, each with the mask of the languages whose
/// rules use it: evidence of a text's language where function words are few
/// ("Rutte ontmoet Biden in Washington").
fn trigger_vocabulary(rules: &[super::parse::Rule]) -> FxHashMap<String, u8> {
    let mut vocab: FxHashMap<String, u8> = FxHashMap::default();
    for r in rules {
        if let Elem::Words(ws) = &r.elems[r.trigger].elem {
            for w in &ws.exact {
                *vocab.entry(w.clone()).or_insert(0) |= lang_bit(r.lang);
            }
        }
    }
    vocab
}
