//! The name finder: people, organizations, places and events the gazetteer does
//! not know, found by rules in data files (`gazetteers/names/*.names`).
//!
//! It runs inside the resolver, after the gazetteer's mentions and the names after
//! titles are chosen, on the tokens still free. It cuts every sentence into runs of
//! capitalised words (see [`runs`]) and decides per run, rule by rule (see
//! [`decide`]), whether it is a name and of what type:
//!
//! | decision | example | type |
//! | --- | --- | --- |
//! | `head-first` | "Ministerie van Buitenlandse Zaken", "University of Tehran" | ORGANIZATION |
//! | `head-last` | "Trump Tower", "Kuwait News Agency", "World Energy Congress" | per rule |
//! | `acronym` | "Joint Investigation Team (JIT)", later "JIT" | ORGANIZATION |
//! | `given` | "Marieke Ekhart": a known given name first | PERSON |
//! | `role` | "woordvoerder Peter Stano", "spokesman Hadi Mizban" | PERSON |
//! | `credit` | "Foto: Marieke Ekhart", "AP Photo/Hadi Mizban", "by Isti Miskolczy" | PERSON |
//! | `apposition` | "Dennis Horak, Canada's ambassador" | PERSON |
//! | `speech` | "zei Marieke Ekhart", "Hadi Mizban said" | PERSON |
//! | `after` | "in Hengelo", "to Raiwind" | LOCATION |
//! | `suffix` | "Catshuis", "Bestkazerne" (one Dutch word) | LOCATION |
//!
//! A name found once is found again where it is written again, and an acronym in
//! brackets stands for its name afterwards. Headlines in title case are left
//! alone. Every entity found keeps the id of the rule that found it.
//!
//! ```
//! let ex = gazet::Extractor::new();
//! let doc = ex.extract("Het Joint Investigation Team (JIT) meldde dinsdag dat woordvoerder \
//!                       Anna Berends in Hengelo sprak. Het JIT zweeg verder.");
//! let jit = doc.entity_named("Joint Investigation Team").unwrap();
//! assert_eq!(jit.id, "local:org:joint-investigation-team");
//! assert_eq!(jit.mentions.len(), 3); // the name, "(JIT)" and "JIT"
//! assert_eq!(jit.rule.as_deref(), Some("nl/names/acronym"));
//! assert!(doc.entity_named("Anna Berends").is_some());
//! assert_eq!(doc.entity_named("Hengelo").unwrap().id, "local:place:hengelo");
//! ```

pub(crate) mod decide;
pub(crate) mod parse;
pub(crate) mod person;
pub(crate) mod runs;

use crate::error::Error;
use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::lexicon::Lexicon;
use crate::model::{EntityType, Lang};
use crate::tokenize::{Sentence, TokenKind, Tokens};
use parse::{Decision, Parsed};
use runs::{Ctx, Run};

/// Word classes of a token, looked up once per document (`Finder::classes`).
pub(crate) mod bits {
    pub const STOP: u16 = 1;
    pub const ROLE: u16 = 1 << 1;
    pub const GIVEN: u16 = 1 << 2;
    pub const GENERIC: u16 = 1 << 3;
    pub const HEAD: u16 = 1 << 4;
    pub const PARTICLE: u16 = 1 << 5;
    pub const CONNECT: u16 = 1 << 6;
    pub const SPEECH: u16 = 1 << 7;
    pub const CREDIT: u16 = 1 << 8;
    pub const APPOS: u16 = 1 << 9;
    /// A month or weekday.
    pub const CALENDAR: u16 = 1 << 10;
    /// Ends in a `suffix` head ("Catshuis"); capitalised words only.
    pub const COMPOUND: u16 = 1 << 11;
    /// Ends in a `generic` ending ("Gezelleprijs"); capitalised words only.
    pub const GENERIC_END: u16 = 1 << 12;
    /// The first word of a `head-first` phrase.
    pub const HEAD_FIRST: u16 = 1 << 13;
    /// The last word of an `after` phrase.
    pub const AFTER: u16 = 1 << 15;
    /// The ending classes are worked out (internal).
    pub const ENDINGS_DONE: u16 = 1 << 14;
}

/// A rule as the finder uses it: the type it gives and its index (for its id).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rule {
    pub kind: EntityType,
    pub index: u16,
}

/// A name found: tokens `first..first+len`, its type, the rule, the token of an
/// acronym in brackets that stands for it from then on, and, for a name written
/// again or an acronym, the first token of the finding it repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub first: usize,
    pub len: usize,
    pub kind: EntityType,
    pub rule: u16,
    pub acronym: Option<usize>,
    pub of: Option<usize>,
    /// Found on weak evidence (one word after a role, a place preposition): the
    /// resolver drops it where the word is part of a person's full name.
    pub weak: bool,
}

/// What the resolver tells the finder about each token: `covered` by a mention
/// or a title; `absorb`: the first token of a known name a head word after it
/// may take into a longer name ("Trump Tower", "Kuwait News Agency"), or
/// `u32::MAX`; `title`: part of a title.
#[derive(Clone, Copy)]
pub(crate) struct Marks<'a> {
    pub covered: &'a [bool],
    pub absorb: &'a [u32],
    pub title: &'a [bool],
    /// Per token: a one-word place name the gazetteer knows ("Holguín"), which
    /// may be the surname of a person whose given names come before it.
    pub place: &'a [bool],
}

/// The rules of one language, indexed by word.
#[derive(Clone, Debug, Default)]
pub(crate) struct Finder {
    pub given_rule: Option<Rule>,
    pub acronym: Option<Rule>,
    pub role: HashMap<String, Rule>,
    pub credit: HashMap<String, Rule>,
    pub apposition: HashMap<String, Rule>,
    pub speech: HashMap<String, Rule>,
    pub head_last: HashMap<String, Rule>,
    pub head_first: Vec<(Vec<String>, Rule)>,
    pub suffix: Vec<(String, Rule)>,
    pub after: Vec<(Vec<String>, Rule)>,
    /// Word endings of the `generic` list (written `-prijs`): "Gezelleprijs".
    pub generic_ends: Vec<String>,
    /// Every listed word with its classes (`bits`): the given names, the `stop`,
    /// `generic`, `particle` and `connect` lists and the rules' key words, from
    /// which `class_table` is made.
    pub classes: HashMap<String, u16>,
    /// The classes by [`Lexicon`] id: one table read per token.
    pub class_table: Vec<u16>,
}

impl Finder {
    /// Fills `classes` from the given names, the word lists of the language (as
    /// `(list, class)` pairs) and the rule words.
    fn index_classes(&mut self, given: &HashSet<String>, lists: [(&HashSet<String>, u16); 4]) {
        self.classes.reserve(given.len() + lists.iter().map(|l| l.0.len()).sum::<usize>());
        let mut add = |w: &str, bit: u16| match self.classes.get_mut(w) {
            Some(b) => *b |= bit,
            None => {
                self.classes.insert(w.to_string(), bit);
            }
        };
        for w in given {
            add(w, bits::GIVEN);
        }
        for w in crate::time::calendar_words() {
            add(w, bits::CALENDAR);
        }
        for (set, bit) in lists {
            for w in set {
                add(w, bit);
            }
        }
        for (map, bit) in [
            (&self.role, bits::ROLE),
            (&self.head_last, bits::HEAD),
            (&self.speech, bits::SPEECH),
            (&self.credit, bits::CREDIT),
            (&self.apposition, bits::APPOS),
        ] {
            for w in map.keys() {
                add(w, bit);
            }
        }
        for (p, _) in &self.head_first {
            add(&p[0], bits::HEAD_FIRST);
        }
        for (p, _) in &self.after {
            add(&p[p.len() - 1], bits::AFTER);
        }
    }

    /// The classes of token `i` from the word lists (one table read), looked up
    /// when first asked for (see [`Ctx::has`]).
    pub(crate) fn class_of(&self, toks: &Tokens, i: usize) -> u16 {
        let Some(t) = toks.get(i) else { return 0 };
        if t.kind != TokenKind::Word && toks.norm_of(t) != "&" {
            return 0;
        }
        self.class_table.get(toks.id(i) as usize).copied().unwrap_or(0)
    }

    /// Adds the listed words to the lexicon and makes the table of their classes by
    /// id (ids past its end have none).
    fn index_lexicon(&mut self, lex: &mut Lexicon) {
        let mut table = vec![0u16; lex.len() + self.classes.len()];
        for (w, &b) in &self.classes {
            let id = lex.intern(w) as usize;
            if id >= table.len() {
                table.resize(id + 1, 0);
            }
            table[id] = b;
        }
        self.class_table = table;
    }

    /// The ending classes of token `t` (`COMPOUND`, `GENERIC_END`): capitalised
    /// words only, worked out only where a rule asks.
    pub(crate) fn endings_of(&self, toks: &Tokens, t: &crate::tokenize::Token) -> u16 {
        let n = toks.norm_of(t);
        if t.kind != TokenKind::Word || !t.is_capitalized() {
            return 0;
        }
        let ends = |e: &String| n.len() >= e.len() + 3 && n.ends_with(e.as_str());
        let mut b = 0;
        if self.suffix.iter().any(|(s, _)| ends(s)) {
            b |= bits::COMPOUND;
        }
        if self.generic_ends.iter().any(ends) {
            b |= bits::GENERIC_END;
        }
        b
    }
}

/// The compiled name finder: the rules of each language and their ids.
#[derive(Clone, Debug, Default)]
pub(crate) struct NameFinder {
    nl: Option<Finder>,
    en: Option<Finder>,
    ids: Vec<String>,
}

impl NameFinder {
    /// Adds the words of both languages' lists to the lexicon and makes each
    /// language's table of word classes by lexicon id.
    pub(crate) fn index_lexicon(&mut self, lex: &mut Lexicon) {
        for f in [&mut self.nl, &mut self.en].into_iter().flatten() {
            f.index_lexicon(lex);
        }
    }

    /// Indexes parsed rule files and given-name lists.
    pub(crate) fn compile(p: Parsed) -> Result<NameFinder, Error> {
        let mut out = NameFinder {
            ids: p.rules.iter().map(|r| r.id.clone()).collect(),
            ..Default::default()
        };
        for lang in [Lang::Nl, Lang::En] {
            let list =
                |m: &HashMap<Lang, HashSet<String>>| m.get(&lang).cloned().unwrap_or_default();
            let generic = list(&p.generic);
            let mut f = Finder {
                generic_ends: generic
                    .iter()
                    .filter_map(|w| w.strip_prefix('-').map(str::to_string))
                    .collect(),
                ..Default::default()
            };
            let mut any = false;
            for (i, r) in p.rules.iter().enumerate().filter(|(_, r)| r.lang == lang) {
                any = true;
                index_rule(&mut f, r, Rule { kind: r.kind, index: i as u16 });
            }
            f.index_classes(
                &p.given,
                [
                    (&list(&p.stop), bits::STOP),
                    (&generic, bits::GENERIC),
                    (&list(&p.particle), bits::PARTICLE),
                    (&list(&p.connect), bits::CONNECT),
                ],
            );
            let slot = if lang == Lang::Nl { &mut out.nl } else { &mut out.en };
            *slot = any.then_some(f);
        }
        Ok(out)
    }

    /// The id of rule `i` (`en/names/facility`).
    pub(crate) fn rule_id(&self, i: u16) -> &str {
        self.ids.get(i as usize).map_or("", String::as_str)
    }

    /// The names in `toks` on tokens not `covered`, in token order, never
    /// overlapping; names written again and acronyms come after the first finding
    /// with the same rule.
    pub(crate) fn find(
        &self,
        toks: &Tokens,
        sents: &[Sentence],
        marks: Marks<'_>,
        lang: Lang,
    ) -> Vec<Found> {
        let Marks { covered, absorb, title, place } = marks;
        let Some(f) = (if lang == Lang::Nl { self.nl.as_ref() } else { self.en.as_ref() }) else {
            return Vec::new();
        };
        // a text with no free capitalised word has no name to find
        let free = |(i, t): (usize, &crate::tokenize::Token)| t.is_capitalized() && !covered[i];
        if !toks.tokens().iter().enumerate().any(free) {
            return Vec::new();
        }
        let bits = vec![std::cell::Cell::new(u16::MAX); toks.len()];
        let c = Ctx { toks, covered, absorb, title, place, bits, f };
        let mut runs = Vec::new();
        for s in sents {
            let n = runs.len();
            runs::runs_of(&c, s, &mut runs);
            // only a sentence with candidates is checked for being a headline
            if runs.len() > n && runs::is_headline(&c, s) {
                runs.truncate(n);
            }
        }
        let mut out = Vec::new();
        let mut left = Vec::new();
        for r in runs {
            match decide::decide(&c, r) {
                Some(x) => out.push(x),
                None => left.push(r),
            }
        }
        let ends: HashSet<usize> = out.iter().map(|x| x.first + x.len - 1).collect();
        let name_end = |i: usize| ends.contains(&i);
        left.retain(|&r| match decide::place_after(&c, r, &name_end) {
            Some(x) => {
                out.push(x);
                false
            }
            None => true,
        });
        repeats(&c, &mut out, &left);
        // a name grown leftwards may cover a run decided on its own: the longer wins
        out.sort_by_key(|x| (x.first, std::cmp::Reverse(x.len)));
        let mut end = 0;
        out.retain(|x| {
            let keep = x.first >= end;
            if keep {
                end = x.first + x.len;
            }
            keep
        });
        out
    }
}

/// Files one rule under its decision's index.
fn index_rule(f: &mut Finder, r: &parse::NameRule, rule: Rule) {
    let last = |p: &Vec<String>| p.last().cloned().unwrap_or_default();
    match r.decision {
        Decision::Given => f.given_rule = Some(rule),
        Decision::Acronym => f.acronym = Some(rule),
        Decision::Role => f.role.extend(r.words.iter().map(|p| (last(p), rule))),
        Decision::Credit => f.credit.extend(r.words.iter().map(|p| (last(p), rule))),
        Decision::Apposition => f.apposition.extend(r.words.iter().map(|p| (last(p), rule))),
        Decision::Speech => f.speech.extend(r.words.iter().map(|p| (last(p), rule))),
        Decision::HeadLast => f.head_last.extend(r.words.iter().map(|p| (last(p), rule))),
        Decision::After => f.after.extend(r.words.iter().map(|p| (p.clone(), rule))),
        Decision::HeadFirst => f.head_first.extend(r.words.iter().map(|p| (p.clone(), rule))),
        Decision::Suffix => f.suffix.extend(r.words.iter().map(|p| (last(p), rule))),
    }
}

/// Runs no rule decided that repeat a name found elsewhere (same words), and
/// single capitalised acronyms that stand for a name found with them, become
/// findings of that name too.
fn repeats(c: &Ctx<'_>, out: &mut Vec<Found>, left: &[Run]) {
    let key = |a: usize, len: usize| (a..a + len).map(|i| c.norm(i)).collect::<Vec<_>>().join(" ");
    let mut names: crate::fxhash::InputMap<String, Found> = Default::default();
    for x in out.iter() {
        names.entry(key(x.first, x.len)).or_insert(*x);
        if let Some(a) = x.acronym {
            names.entry(c.norm(a).to_string()).or_insert(*x);
        }
    }
    if names.is_empty() {
        return;
    }
    for r in left {
        if let Some(x) = names.get(&key(r.first, r.last + 1 - r.first)) {
            let len = r.last + 1 - r.first;
            out.push(Found { first: r.first, len, acronym: None, of: Some(x.first), ..*x });
        }
    }
    if !names.values().any(|x| x.acronym.is_some()) {
        return;
    }
    let mut taken = vec![false; c.covered.len()];
    for x in out.iter() {
        taken[x.first..x.first + x.len].fill(true);
    }
    for (i, t) in c.toks.tokens().iter().enumerate() {
        if t.kind != TokenKind::Word || !t.is_all_caps() || c.covered[i] || taken[i] {
            continue;
        }
        if let Some(x) = names.get(c.norm(i)).filter(|x| x.acronym.is_some()) {
            out.push(Found { first: i, len: 1, acronym: None, of: Some(x.first), ..*x });
        }
    }
}
