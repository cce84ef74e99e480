//! The compiled gazetteer: one Aho-Corasick automaton over the words of every alias.
//!
//! Aliases are tokenized with the document tokenizer; the automaton
//! ([`WordAutomaton`](super::automaton::WordAutomaton)) runs over token ids, so every
//! match is aligned to token boundaries by construction. It reports every alias
//! occurrence (overlapping); leftmost-longest selection happens on token indices
//! afterwards, after each candidate's case rule is checked against the original text.
//! That order matters: a longer alias that fails its case rule must not hide a shorter
//! one that passes.

use super::automaton::{AutomatonBuilder, WordAutomaton};
use super::titles::Titles;
use super::{AliasKind, CaseRule, Gazetteer};
use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::model::EntityType;
use crate::tokenize::{fold_keep_case, tokenize_into, TokenKind, Tokens};

/// What a pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    /// An entry of the gazetteer (index).
    Entry(u32),
    /// A title form (index of the canonical title).
    Title(u16),
}

/// One alias behind a pattern.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    pub tag: Tag,
    pub kind: AliasKind,
    /// The alias language: 0 for any, else 1 + its index in [`LANGS`](super::LANGS).
    lang: u8,
    /// The alias names its entry only where the document supports it (`ctx`).
    pub ctx: bool,
    case: CaseRule,
    /// For `Exact`: the index of the alias tokens with case kept, accents folded,
    /// in [`Matcher`]'s `exact` list (24 bytes a target, not 56, for a million).
    exact: u32,
    /// For `Capitalized`: bit i set when alias token i starts with a capital.
    cap_mask: u64,
}

impl Target {
    /// The alias language, `None` for any.
    pub(crate) fn lang(&self) -> Option<&'static str> {
        super::LANGS.get(usize::from(self.lang).wrapping_sub(1)).copied()
    }
}

/// The code of an alias language in a [`Target`].
fn lang_code(lang: Option<&str>) -> u8 {
    lang.and_then(|l| super::LANGS.iter().position(|x| *x == l)).map_or(0, |i| i as u8 + 1)
}

/// A gazetteer hit after case checks: tokens `first..first+len`, its targets.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub first: usize,
    pub len: usize,
    /// The targets of the pattern that passed their case rule: a range of the
    /// target buffer returned with the hits (one buffer, no allocation per hit).
    pub targets: std::ops::Range<u32>,
}

#[derive(Debug)]
pub(crate) struct Matcher {
    ac: WordAutomaton,
    /// Per pattern: number of tokens and the range of its targets in `targets`.
    patterns: Vec<(u16, u32, u32)>,
    targets: Vec<Target>,
    /// The case-kept tokens of the `Exact` aliases.
    exact: Vec<Box<[Box<str>]>>,
}

/// The patterns of all aliases while they are collected.
#[derive(Default)]
struct PatternSet {
    ac: AutomatonBuilder,
    /// (pattern, target) in the order the aliases come.
    tagged: Vec<(u32, Target)>,
    /// Tokens per pattern.
    ntoks: Vec<u16>,
    /// Token buffer reused for every form.
    toks: Tokens,
    /// The case-kept tokens of `Exact` aliases (see [`Target`]).
    exact: Vec<Box<[Box<str>]>>,
}

impl PatternSet {
    /// Adds the forms an alias is matched by: its own, the last two words of a long
    /// person name, and the Dutch genitive of person and country names.
    fn add_alias(&mut self, tag: Tag, a: &super::Alias, etype: Option<EntityType>) {
        self.add_form(tag, a, &a.form);
        // "Mohammad Javad Zarif" is also "Javad Zarif", "Recep Tayyip Erdoğan"
        // also "Tayyip Erdoğan": the last two words of a long person name
        if etype == Some(EntityType::Person) && a.kind == AliasKind::Name {
            let mut words = a.form.split_whitespace().rev();
            if let (Some(last), Some(tail0), Some(_)) = (words.next(), words.next(), words.next()) {
                if tail0.chars().next().is_some_and(char::is_uppercase) && tail0.chars().count() > 2
                {
                    self.add_form(tag, a, &format!("{tail0} {last}"));
                }
            }
        }
        let inflect = !a.no_inflection
            && matches!(a.kind, AliasKind::Name | AliasKind::Short)
            && matches!(a.lang, None | Some("nl"))
            && matches!(etype, Some(EntityType::Person | EntityType::Country));
        if inflect {
            let last = a.form.chars().last().unwrap_or(' ');
            if last.is_alphabetic() && !matches!(last, 's' | 'x' | 'z' | 'S' | 'X' | 'Z') {
                self.add_form(tag, a, &format!("{}s", a.form));
            }
        }
    }

    /// Adds one form of alias `a` as a pattern with its target.
    fn add_form(&mut self, tag: Tag, a: &super::Alias, form: &str) {
        tokenize_into(form, 0, &mut self.toks);
        let toks = &self.toks;
        if toks.is_empty() || toks.len() > 64 {
            return;
        }
        let Some(pid) = self.ac.add(toks.iter().map(|t| toks.norm_of(t))) else {
            return;
        };
        if pid as usize == self.ntoks.len() {
            self.ntoks.push(toks.len() as u16);
        }
        let mut cap_mask = 0u64;
        for (i, t) in toks.iter().enumerate() {
            if t.is_capitalized() {
                cap_mask |= 1 << i;
            }
        }
        // the case-kept forms only where the case rule compares them
        let exact = if a.case == CaseRule::Exact {
            self.exact.push(
                toks.iter()
                    .map(|t| {
                        fold_keep_case(&form[t.start as usize..t.end as usize]).into_boxed_str()
                    })
                    .collect(),
            );
            self.exact.len() as u32 - 1
        } else {
            u32::MAX
        };
        let target = Target {
            tag,
            kind: a.kind,
            lang: lang_code(a.lang),
            ctx: a.context,
            case: a.case,
            exact,
            cap_mask,
        };
        self.tagged.push((pid, target));
    }

    /// Groups the targets by pattern, each group in the order its aliases came.
    fn finish(self) -> (Matcher, Lexicon) {
        let PatternSet { ac, mut tagged, ntoks, exact, .. } = self;
        tagged.sort_by_key(|t| t.0);
        let mut patterns = Vec::with_capacity(ntoks.len());
        let mut targets = Vec::with_capacity(tagged.len());
        let mut it = tagged.into_iter().peekable();
        for (pid, &ntok) in ntoks.iter().enumerate() {
            let a = targets.len() as u32;
            while let Some((_, t)) = it.next_if(|t| t.0 as usize == pid) {
                targets.push(t);
            }
            patterns.push((ntok, a, targets.len() as u32));
        }
        let (ac, lexicon) = ac.build();
        (Matcher { ac, patterns, targets, exact }, lexicon)
    }
}

impl Matcher {
    /// The matcher of the aliases of `g` and the title forms, and the lexicon of their
    /// words (see [`Lexicon`]; other stages add theirs).
    pub(crate) fn build(g: &Gazetteer, titles: &Titles) -> Result<(Matcher, Lexicon), Error> {
        let mut set = PatternSet::default();
        let aliases: usize = g.entries().iter().map(|e| e.aliases.len()).sum();
        set.tagged.reserve(aliases + aliases / 2);
        set.ac.reserve(aliases + aliases / 2);
        for (ei, e) in g.entries().iter().enumerate() {
            for a in &e.aliases {
                set.add_alias(Tag::Entry(ei as u32), a, Some(e.kind));
            }
        }
        for t in &titles.forms {
            let a = super::Alias {
                lang: Some(t.lang),
                kind: AliasKind::Name,
                form: t.form.clone(),
                case: CaseRule::Insensitive,
                no_inflection: true,
                context: false,
            };
            set.add_alias(Tag::Title(t.title), &a, None);
        }
        Ok(set.finish())
    }

    pub(crate) fn target(&self, i: u32) -> &Target {
        &self.targets[i as usize]
    }

    /// Heap memory of the automaton, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        self.ac.memory_usage()
    }

    /// Number of distinct patterns.
    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// All hits in `text`, leftmost-longest over tokens, case rules applied; a hit of
    /// several tokens is kept only where `fits(first, end)` (within one sentence).
    pub(crate) fn find(
        &self,
        text: &str,
        toks: &Tokens,
        fits: impl Fn(usize, usize) -> bool,
    ) -> (Vec<Hit>, Vec<u32>) {
        let mut cands: Vec<Hit> = Vec::new();
        let mut buf: Vec<u32> = Vec::new();
        self.ac.for_each_match(toks.ids(), |last, pid| {
            let (ntok, a, b) = self.patterns[pid as usize];
            let ntok = ntok as usize;
            let first = last + 1 - ntok;
            if ntok > 1 && !fits(first, last + 1) {
                return;
            }
            let t0 = buf.len() as u32;
            buf.extend(
                (a..b).filter(|&ti| {
                    self.case_ok(&self.targets[ti as usize], text, toks, first, ntok)
                }),
            );
            let t1 = buf.len() as u32;
            if t0 < t1 {
                cands.push(Hit { first, len: ntok, targets: t0..t1 });
            }
        });
        // leftmost-longest over token positions
        cands.sort_unstable_by(|x, y| x.first.cmp(&y.first).then(y.len.cmp(&x.len)));
        let mut next_free = 0usize;
        cands.retain(|c| {
            let keep = c.first >= next_free;
            if keep {
                next_free = c.first + c.len;
            }
            keep
        });
        (cands, buf)
    }

    fn case_ok(&self, t: &Target, text: &str, toks: &Tokens, first: usize, n: usize) -> bool {
        let tt = toks.tokens();
        match t.case {
            CaseRule::Insensitive => true,
            CaseRule::Capitalized => (0..n).all(|i| {
                t.cap_mask & (1 << i) == 0
                    || tt
                        .get(first + i)
                        .is_some_and(|k| k.is_capitalized() || k.kind == TokenKind::Number)
            }),
            CaseRule::Exact => (0..n).all(|i| {
                let want = self.exact.get(t.exact as usize).and_then(|e| e.get(i));
                match (tt.get(first + i), want) {
                    (Some(k), Some(want)) => {
                        let s = text.get(k.start as usize..k.end as usize).unwrap_or("");
                        if s.is_ascii() {
                            s == &**want
                        } else {
                            fold_keep_case(s) == **want
                        }
                    }
                    _ => false,
                }
            }),
        }
    }
}
