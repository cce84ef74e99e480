//! Compiling a [`RuleSet`]: the trigger automaton that finds, in one pass over a
//! document, every token where some rule may match.
//!
//! Every rule's trigger word becomes a pattern over the normalised text, which
//! separates tokens by single spaces: ` meet ` for an exact form, ` ontmoet` for
//! `ontmoet*`, `ontmoeting ` for `*ontmoeting`.

use std::collections::{HashMap, HashSet};

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
                                                           // a rule with the pattern of an earlier rule of its language would only say
                                                           // again what that one says: it is listed, never tried
        let mut written: HashSet<(Lang, &str)> = HashSet::new();
        for (ri, r) in self.parsed.rules.iter().enumerate() {
            let Elem::Words(ws) = &r.elems[r.trigger].elem else {
                continue;
            };
            if !written.insert((r.lang, r.pattern.as_str())) {
                continue;
            }
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
                // rules come in order: a repeat of this rule is the last entry
                if targets[idx].last() != Some(&(ri as u32, kind)) {
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
    /// Trigger hits `(token index, trigger pattern)`, in token order, within the token
    /// ranges `spans` (the sentences the rules will look at). A pattern stands for
    /// every rule it triggers: [`Compiled::rule_hits`] lists them per token, so that
    /// a thousand rules sharing a trigger cost no memory per occurrence.
    pub(super) fn triggers(
        &self,
        toks: &Tokens,
        langs: u8,
        spans: impl Iterator<Item = (usize, usize)>,
    ) -> Vec<(u32, u32)> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let langs = self.pattern_langs(langs);
        let mut out = Vec::new();
        for (a, b) in spans {
            let (Some(first), Some(last)) =
                (toks.get(a), b.checked_sub(1).and_then(|l| toks.get(l)))
            else {
                continue;
            };
            // the span of norm from the space before token a to the space after b - 1
            let span = first.norm_start as usize - 1..last.norm_end as usize + 1;
            self.triggers_in(ac, toks, &langs, span, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn triggers_in(
        &self,
        ac: &aho_corasick::AhoCorasick,
        toks: &Tokens,
        langs: &[bool],
        span: std::ops::Range<usize>,
        out: &mut Vec<(u32, u32)>,
    ) {
        let norm = toks.norm();
        let bytes = norm.as_bytes();
        let input = aho_corasick::Input::new(norm).span(span);
        for m in ac.find_overlapping_iter(input) {
            let p = m.pattern().as_usize();
            // every rule of a pattern has its kind: exact, prefix or suffix
            let (Some(&(_, kind)), true) = (self.targets[p].first(), langs[p]) else {
                continue;
            };
            {
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
                    out.push((t as u32, p as u32));
                }
            }
        }
    }

    /// Per trigger pattern, whether a rule of it belongs to a language of `langs`.
    fn pattern_langs(&self, langs: u8) -> Vec<bool> {
        let of = |&(ri, _): &(u32, u8)| lang_bit(self.rules[ri as usize].lang) & langs != 0;
        self.targets.iter().map(|t| t.iter().any(of)).collect()
    }

    /// The `(token, rule)` hits of trigger hits `(token, pattern)` (in token order), for
    /// the rules of languages `langs`: per token, its rules in rule order, each once.
    pub(super) fn rule_hits<'a>(
        &'a self,
        hits: &'a [(u32, u32)],
        langs: u8,
    ) -> impl Iterator<Item = (u32, u32)> + 'a {
        let mut at = 0;
        let mut rules: Vec<u32> = Vec::new();
        std::iter::from_fn(move || {
            let &(tok, _) = hits.get(at)?;
            let end = at + hits[at..].iter().take_while(|h| h.0 == tok).count();
            rules.clear();
            for &(_, p) in &hits[at..end] {
                let of_lang = |ri: &u32| lang_bit(self.rules[*ri as usize].lang) & langs != 0;
                rules.extend(self.targets[p as usize].iter().map(|t| t.0).filter(of_lang));
            }
            rules.sort_unstable();
            rules.dedup();
            at = end;
            Some(rules.iter().map(|&ri| (tok, ri)).collect::<Vec<_>>())
        })
        .flatten()
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
