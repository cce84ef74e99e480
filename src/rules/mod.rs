//! The rule layer: relations between entities, with modality, tense, time and place.
//!
//! Relation rules are data. The default files — the trigger lexicons
//! (`gazetteers/rules/{nl,en}.lexicon`: word classes by frame) and the rule files
//! (`gazetteers/rules/{nl,en}.rules`) — are embedded in the crate; the
//! [`ExtractorBuilder`](crate::ExtractorBuilder) adds or replaces them. Rules are
//! parsed and compiled once, when the extractor is built: every rule is indexed by
//! its trigger word, and one Aho-Corasick pass over a document finds all triggers,
//! so the cost of a sentence grows with the triggers it contains, not with the
//! number of rules.
//!
//! # Rule files
//!
//! A rule file is UTF-8 text, one directive per line; `#` starts a comment line.
//!
//! ```text
//! lang nl                                   # the language of the rules below
//! class ontmoeten = ontmoet ontmoette ontmoetten ontmoeten ontmoeting *ontmoeting
//! cue possible = wellicht misschien mogelijk kunnen kan zou zouden overweegt
//! clause = dat omdat terwijl maar want      # words that start a new clause
//! pronoun = hij zij ze                      # subject pronouns (resolved to a person)
//! det = de het een zijn haar hun            # words before an entity phrase
//! coord = en , &                            # separators of coordinated phrases
//! relative = die welke                      # ", die … ," asides are skipped
//! of = van                                  # "de president van Rusland"
//! adjnoun = sancties hulp regering          # "de Russische sancties": the demonym is the state
//! placenoun = hoofdstad stad badplaats      # "de Noord-Koreaanse hoofdstad Pyongyang"
//! gathering = top conferentie               # "de top": the named summit in focus
//! female = zij ze haar                      # pronouns that skip men (gazetteer gender=m)
//! male = hij zijn hem                       # … and women
//!
//! rule nl/meeting/ontmoeten = meeting: <participant:ACTOR> ~8 <participant:ACTOR+> ~4 ^@ontmoeten
//! rule nl/help/helpen-met = help_with: <helper:ACTOR> ~4 ^@helpen met <topic:ANY> | modality=possible
//! ```
//!
//! A rule is `rule ID = TYPE: PATTERN [| key=value …]`. `TYPE` is one of the relation
//! types (`meeting`, `help_with`, `visit`, `position`, `participation`,
//! `located_in`, `statement`, `conflict`, `talks_about`). The pattern is a sequence
//! of elements, matched against the tokens and entity phrases of one sentence:
//!
//! | element | matches |
//! | --- | --- |
//! | `met`, `with\|between` | one token with one of these normalised forms (lower case, accents folded) |
//! | `ontmoet*`, `*ontmoeting` | a token that starts or ends so (and is longer) |
//! | `@name` | a token of a word class defined earlier with `class name = …` |
//! | `<role:TYPES>` | an entity phrase whose head has one of the types, bound to the role |
//! | `<role:TYPES+>` | the same, or a coordination of them ("China, Japan en Zuid-Korea") |
//! | `<role:TYPES*>` | every phrase of the types in the clause, wherever it stands (consumes nothing): "Ook de deal met Iran en het conflict in Oekraïne komen aan bod" |
//! | `~N` | up to N tokens or phrases, within the clause |
//! | `x?` | an optional word or class |
//! | `!x`, `!<role:TYPES>` | not followed (after the trigger) or preceded (before it) by that word or phrase; consumes nothing ("X and Y met", not "X and Y met Z") |
//! | `^x` | the trigger: the rule is tried where this word occurs (default: the first required word) |
//!
//! `TYPES` are `PERSON`, `COUNTRY`, `LOCATION`, `ORGANIZATION`, `EVENT` joined with
//! `|`, or `ACTOR` (person, country, organization), `PLACE` (country, location),
//! `ANY`. Roles are those of the relation inventory: `participant`, `helper`,
//! `topic`, `beneficiary`, `visitor`, `place`, `holder`, `country_or_org`, `event`,
//! `speaker`, `medium_or_addressee`, `party`. Attributes `modality=` and `tense=`
//! override what the cues say. `with=ROLE:WHAT` adds an argument the sentence
//! leaves implicit:
//!
//! - `with=ROLE:ENTITY-ID`: that entity, but only when the document names it
//!   somewhere ("twitterde Trump" is a statement on Twitter if the article mentions
//!   Twitter);
//! - `with=ROLE:@meeting`: the participants of the meeting in focus ("Oekraïne staat
//!   op de agenda" after a meeting; "Ook premier Rutte is van de partij": a
//!   delegation meets the other side, and keeps the meeting's reading);
//! - `with=ROLE:@gathering`: the named summit in focus ("Among the leaders attending
//!   are …");
//! - `with=ROLE:@focus`: the person in focus ("Het gesprek met zijn Turkse ambtgenoot
//!   …"), only for a phrase that opens its clause;
//! - `with=ROLE:@dateline`: the places of the story's dateline ("PALM BEACH, Florida
//!   (CNN) — Trump arrived here").
//!
//! The focus is the document layer's ([`crate::discourse`](crate)); every argument
//! found so, or through a pronoun, a pair phrase, "de top" or a description, is listed
//! in the relation's `links`. A class defined in one file (a lexicon) is visible in
//! the files of the same language parsed after it. Users of spaCy's `Matcher` or
//! CoreNLP's TokensRegex will recognise the idea: token constraints in sequence, with
//! entity phrases as single units.
//!
//! An **entity phrase** is a determiner, modifiers and a head: "de Japanse premier
//! Shinzo Abe", "Russia's foreign minister Sergei Lavrov", "hij", or a description
//! such as "de Russische president" that the gazetteer's dated posts resolve to a
//! person. Phrases with a person, a title and a country or organization give
//! `position` relations by themselves (rule id `LANG/position/apposition`).
//!
//! # Modality, tense, time, place
//!
//! Cue words (`cue possible|planned|negated|reported|past|future|former = …`) found
//! in the clause of a match decide the modality (negated before reported before
//! possible before planned; otherwise asserted) and the tense (future for planned
//! and possible, past with a past cue, else present). A time expression in the
//! sentence ([`crate::time`](crate) module: "in juli", "op 9 en 10 november",
//! "last month") is attached and normalised against the document date; an absolute
//! date also fixes the tense. "in X" with a place, and an event mentioned in the
//! clause ("op de APEC-top"), become the relation's `place` and `event`; a meeting at
//! an event also gives each participant a `participation` relation.
//!
//! Relations stated more than once merge into one with all their evidences; those
//! that differ in modality, tense or time stay apart.
//!
//! # Example
//!
//! ```
//! use gazet::{Extractor, Modality, RelationType, Tense};
//!
//! let ex = Extractor::new();
//! let doc = ex.extract(" date 2017-11 Trump en Poetin ontmoetten elkaar in juli in Hamburg.");
//! let r = doc.relations.iter().find(|r| r.kind == RelationType::Meeting).unwrap();
//! assert_eq!((r.modality, r.tense), (Modality::Asserted, Tense::Past));
//! assert_eq!(r.time.as_ref().unwrap().value, "2017-07");
//! assert_eq!(r.label, "met");
//! ```

mod chunk;
mod compile;
mod cues;
mod emit;
mod label;
mod matching;
mod merge;
mod parse;

use std::collections::HashMap;

use aho_corasick::AhoCorasick;

use crate::discourse::Salience;
use crate::error::Error;
use crate::gazetteer::titles::Titles;
use crate::gazetteer::Gazetteer;
use crate::model::{Date, EntityType, Lang, Modality, Relation, RelationType, Role, Tense};
use crate::resolve::{RMention, Resolved};
use crate::time;
use crate::tokenize::{Sentence, Tokens};

use chunk::{Chunk, ChunkCtx, NONE};
use compile::lang_bit;
use emit::{heads, tok_span, Raw, RuleRef};
use matching::{build_items, quote_lengths, SentCtx};
use parse::{type_bit, LangWords, Parsed, Rule};

/// The mask bit of words that can start a time expression.
pub(crate) const TIME_BIT: u32 = parse::bits::TIME;

/// Relation rules, as parsed from rule files; compiled when the extractor is built.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    parsed: Parsed,
}

impl RuleSet {
    /// An empty rule set.
    pub fn new() -> RuleSet {
        RuleSet::default()
    }

    /// Parses a rule file and adds its rules; `name` names it in errors.
    ///
    /// # Errors
    ///
    /// An [`ErrorKind::Rule`](crate::ErrorKind::Rule) error with file, line and column
    /// for the first line that does not follow the syntax, an unknown class, type, role
    /// or relation type, or a duplicate rule id.
    pub fn add_source(&mut self, name: &str, source: &str) -> Result<(), Error> {
        parse::parse_into(&mut self.parsed, name, source)
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.parsed.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.parsed.rules.is_empty()
    }
}

/// A loaded rule, as [`Extractor::rules`](crate::Extractor::rules) lists it: what a
/// user writing rules needs to find it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule id (`nl/meeting/x-ontmoet-y`), as relations name it in `rule`.
    pub id: String,
    /// The language of its file.
    pub lang: Lang,
    /// The relation type it gives.
    pub kind: RelationType,
    /// Where its id is written: file, line, column.
    pub location: crate::error::Location,
    /// The roles of its slots, in pattern order.
    pub roles: Vec<Role>,
    /// The rule as written after `=`, its spaces collapsed
    /// (`meeting: <participant:PARTY> ~10 ^@ontmoeten`): two rules of one language
    /// with the same pattern do the same thing.
    pub pattern: String,
}

/// Compiled rules: the trigger automaton and the rules behind each trigger.
#[derive(Debug)]
pub(crate) struct Compiled {
    rules: Vec<Rule>,
    words: HashMap<Lang, LangWords>,
    ac: Option<AhoCorasick>,
    targets: Vec<Vec<(u32, u8)>>,
    /// Exact trigger words with the mask of the languages whose rules use them.
    vocab: crate::fxhash::FxHashMap<String, u8>,
}

impl Compiled {
    /// Whether there are no rules (the relation layer is off).
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The languages (bit 1 Dutch, bit 2 English) whose rules use `w` as a trigger.
    pub(crate) fn lang_votes(&self, w: &str) -> u8 {
        self.vocab.get(w).copied().unwrap_or(0)
    }
}

pub(crate) struct Input<'a> {
    pub text: &'a str,
    pub toks: &'a Tokens,
    pub sents: &'a [Sentence],
    pub lang: Lang,
    pub date: Option<Date>,
    pub gazetteer: &'a Gazetteer,
    pub titles: &'a Titles,
    pub res: &'a mut Resolved,
    /// The language of each sentence (the document's, or another for a quote or a
    /// passage that clearly reads as one).
    pub sent_langs: &'a [Lang],
    /// Where [`Extractor::explain`](crate::Extractor::explain) collects what the rules
    /// saw and did, sentence by sentence; `None` when extracting.
    pub trace: Option<&'a mut Vec<String>>,
}

static EMPTY_WORDS: once_cell::sync::Lazy<LangWords> =
    once_cell::sync::Lazy::new(LangWords::default);

impl Compiled {
    /// Every rule, in load order.
    pub(crate) fn infos(&self) -> Vec<RuleInfo> {
        let info = |r: &Rule| RuleInfo {
            id: r.id.clone(),
            lang: r.lang,
            kind: r.kind,
            location: r.location.clone(),
            roles: r.elems.iter().filter_map(|e| e.elem.role()).collect(),
            pattern: r.pattern.clone(),
        };
        self.rules.iter().map(info).collect()
    }

    pub(crate) fn apply(&self, inp: &mut Input<'_>) -> Vec<Relation> {
        // no rule files: the relation layer is off (positions included)
        // no mention, no relation: nothing to do
        if self.rules.is_empty() || inp.res.mentions.is_empty() {
            return Vec::new();
        }
        let toks = inp.toks;
        let langs = inp.sent_langs.iter().fold(lang_bit(inp.lang), |m, l| m | lang_bit(*l));
        let mut mi = 0usize;
        let with_mention = inp
            .sents
            .iter()
            .map(|s| (s.first as usize, s.last as usize))
            .filter(|&(a, b)| has_mention(&inp.res.mentions, &mut mi, a, b));
        let trig = self.triggers(toks, langs, with_mention);
        let maps = chunk::tok_maps(toks, inp.res);
        let quote_len = quote_lengths(toks, &maps.in_quote);
        let masks = self.sentence_masks(inp);
        let mut ctx = ChunkCtx {
            toks,
            words: self.words_for(inp.lang),
            g: inp.gazetteer,
            titles: inp.titles,
            date: inp.date,
            maps: &maps,
            last_pair: None,
            gathering: None,
            masks: &masks,
        };
        let mut sal = Salience::default();
        sal.datelines_seen(crate::discourse::datelines(toks, inp.res));
        let mut raws: Vec<Raw> = Vec::new();
        let mut said = emit::Said::default();
        let mut seen_raws = 0usize;
        let mut added: Vec<RMention> = Vec::new();
        let (mut ti, mut mi) = (0usize, 0usize);
        for (si, s) in inp.sents.iter().enumerate() {
            let (a, b) = (s.first as usize, s.last as usize);
            let sent_trig = trigger_window(&trig, &mut ti, a, b);
            if !has_mention(&inp.res.mentions, &mut mi, a, b) {
                continue;
            }
            let lang = inp.sent_langs.get(si).copied().unwrap_or(inp.lang);
            // the last meeting so far, looking only at what the previous sentence added
            if let Some(pair) = last_meeting(&raws[seen_raws..]) {
                ctx.last_pair = Some(pair);
            }
            seen_raws = raws.len();
            ctx.gathering = sal.gathering(si);
            ctx.words = self.words_for(lang);
            let chunks = chunk::chunks(&ctx, inp.res, a, b, &mut added);
            debug_assert!(chunks.windows(2).all(|w| w[0].first <= w[1].first), "chunks in order");
            observe_phrases(&mut sal, inp, &chunks, si);
            position_relations(inp, lang, &chunks, si, &mut raws);
            // a rule of another language, or whose slots the sentence's phrases cannot
            // all fill, is not tried
            let offered = offered_types(&chunks, inp.res);
            let applicable = |ri: u32| {
                let r = &self.rules[ri as usize];
                r.lang == lang && r.needs.iter().all(|&n| n & offered != 0)
            };
            if let Some(tr) = inp.trace.as_deref_mut() {
                self.trace_sentence(
                    tr,
                    (toks, &*inp.res, inp.text),
                    (si, a, b),
                    &chunks,
                    &self.rule_hits(sent_trig, langs).collect::<Vec<_>>(),
                    lang,
                    offered,
                );
            }
            if !self.rule_hits(sent_trig, langs).any(|(_, ri)| applicable(ri)) {
                continue;
            }
            let items = build_items(toks, &masks, &chunks, a, b);
            let times = time::tag(toks, a, b, lang, &masks);
            let mut sc = SentCtx {
                toks,
                words: ctx.words,
                items: &items,
                chunks: &chunks,
                res: inp.res,
                quote_len: &quote_len,
                masks: &masks,
                in_quote: &maps.in_quote,
                sent: (a, b),
                si,
                sal: &sal,
            };
            let hits = self.rule_hits(sent_trig, langs).filter(|t| applicable(t.1));
            let mut made = inp.trace.is_some().then(Vec::new);
            let out = (&mut raws, &mut said);
            self.match_sentence(&mut sc, hits, &times, inp.date, out, made.as_mut());
            if let (Some(tr), Some(made)) = (inp.trace.as_deref_mut(), made) {
                self.trace_outcomes(tr, toks, &made);
            }
            observe_meetings(&mut sal, &raws[seen_raws..], si);
        }
        if !added.is_empty() {
            inp.res.mentions.extend(added);
            inp.res.mentions.sort_by_key(|m| m.first);
        }
        self.finish(raws, inp)
    }

    /// Tries the rules of the trigger hits `(token, rule)` of one sentence and emits
    /// the relations of those that match; when explaining, `made` gets each hit and
    /// the number of relations it gave.
    fn match_sentence(
        &self,
        sc: &mut SentCtx<'_>,
        hits: impl Iterator<Item = (u32, u32)>,
        times: &[time::TimeExpr],
        date: Option<Date>,
        (raws, said): (&mut Vec<Raw>, &mut emit::Said),
        mut made: Option<&mut Vec<((u32, u32), usize)>>,
    ) {
        for (tok, ri) in hits {
            let before = raws.len();
            let rule = &self.rules[ri as usize];
            let matched = sc.trigger_item(tok).and_then(|pos| sc.match_rule(rule, pos));
            if let Some(m) = matched {
                let si = sc.si;
                self.emit(sc, (ri, rule), &m, tok, si, times, date, raws);
                said.keep_new(raws, before);
            }
            // per rule, how many relations it gave: only when explaining
            if let Some(made) = made.as_deref_mut() {
                made.push(((tok, ri), raws.len() - before));
            }
        }
    }

    /// The trace lines of the rules tried: the number of relations each gave.
    fn trace_outcomes(&self, tr: &mut Vec<String>, toks: &Tokens, made: &[((u32, u32), usize)]) {
        for &((tok, ri), n) in made {
            let what = match n {
                0 => "no match".to_string(),
                1 => "matched (1 relation)".to_string(),
                n => format!("matched ({n} relations)"),
            };
            let id = &self.rules[ri as usize].id;
            tr.push(format!("  «{}» {id}: tried, {what}", toks.norm_at(tok as usize)));
        }
    }

    /// What [`Extractor::explain`](crate::Extractor::explain) shows of a sentence with a
    /// mention: its text, its entity phrases, and each trigger's rule that is not tried,
    /// and why (those tried are reported with their outcome after matching).
    #[allow(clippy::too_many_arguments)]
    fn trace_sentence(
        &self,
        tr: &mut Vec<String>,
        (toks, res, text): (&Tokens, &Resolved, &str),
        (si, a, b): (usize, usize, usize),
        chunks: &[Chunk],
        sent_trig: &[(u32, u32)],
        lang: Lang,
        offered: u8,
    ) {
        let span = |i: usize| toks.get(i).map_or(0, |t| t.start as usize);
        let end = toks.get(b.saturating_sub(1)).map_or(0, |t| t.end as usize);
        let said = text.get(span(a)..end).unwrap_or("").replace('\n', " ");
        tr.push(format!("sentence {si} [{lang}]: «{said}»"));
        let phrases: Vec<String> = chunks
            .iter()
            .flat_map(heads)
            .map(|h| &res.entities[h as usize])
            .map(|e| format!("{} ({})", e.name, e.kind))
            .collect();
        tr.push(format!(
            "  phrases: {}",
            if phrases.is_empty() { "none".into() } else { phrases.join(" · ") }
        ));
        for &(tok, ri) in sent_trig {
            let r = &self.rules[ri as usize];
            let why = if r.lang != lang {
                format!("not tried: a {} rule in a {lang} sentence", r.lang)
            } else if !r.needs.iter().all(|&n| n & offered != 0) {
                "not tried: a slot no phrase of the sentence can fill".to_string()
            } else {
                continue;
            };
            tr.push(format!("  «{}» {}: {why}", toks.norm_at(tok as usize), r.id));
        }
    }

    /// The function words of a language (none when no rule file defines any).
    fn words_for(&self, lang: Lang) -> &LangWords {
        self.words.get(&lang).unwrap_or(&EMPTY_WORDS)
    }

    /// Function-word bits per token, each sentence in its own language; only for
    /// the sentences the rules look at (those with a mention) and their neighbours
    /// (a rule peeks one token past its sentence), 0 elsewhere.
    fn sentence_masks(&self, inp: &Input<'_>) -> Vec<u32> {
        let (toks, mentions) = (inp.toks, &inp.res.mentions);
        let mut masks = vec![0u32; toks.len()];
        let mut mi = 0usize;
        let with_mention: Vec<bool> = inp
            .sents
            .iter()
            .map(|s| has_mention(mentions, &mut mi, s.first as usize, s.last as usize))
            .collect();
        for (si, s) in inp.sents.iter().enumerate() {
            let near = |d: isize| {
                si.checked_add_signed(d).and_then(|x| with_mention.get(x)).copied() == Some(true)
            };
            if !(near(-1) || near(0) || near(1)) {
                continue;
            }
            let lang = inp.sent_langs.get(si).copied().unwrap_or(inp.lang);
            let words = self.words_for(lang);
            let (a, b) = (s.first as usize, (s.last as usize).min(toks.len()));
            for (i, m) in masks.iter_mut().enumerate().take(b).skip(a) {
                *m = words.mask(toks.norm_at(i));
            }
        }
        // a word inside a name is no function word or cue ("Theresa May", "De Croo")
        for m in mentions {
            if let Some(x) = masks.get_mut(m.first as usize..(m.first + m.len) as usize) {
                x.fill(0);
            }
        }
        masks
    }
}

/// The trigger hits of the sentence of tokens `a..b`; `ti` moves past them.
fn trigger_window<'t>(
    trig: &'t [(u32, u32)],
    ti: &mut usize,
    a: usize,
    b: usize,
) -> &'t [(u32, u32)] {
    let mut start = *ti;
    while start < trig.len() && (trig[start].0 as usize) < a {
        start += 1;
    }
    let end =
        trig[start..].iter().position(|t| t.0 as usize >= b).map_or(trig.len(), |p| start + p);
    *ti = end;
    &trig[start..end]
}

/// Whether a mention starts in tokens `a..b`; `mi` moves to the first at or after `a`.
fn has_mention(mentions: &[RMention], mi: &mut usize, a: usize, b: usize) -> bool {
    while *mi < mentions.len() && (mentions[*mi].first as usize) < a {
        *mi += 1;
    }
    mentions.get(*mi).is_some_and(|m| (m.first as usize) < b)
}

/// The participants of the last two-party meeting among `raws`.
fn last_meeting(raws: &[Raw]) -> Option<(u32, u32)> {
    raws.iter()
        .rev()
        .find(|r| r.kind == RelationType::Meeting && r.args.len() == 2)
        .map(|r| (r.args[0].1, r.args[1].1))
}

/// Tells the document model which people and which gathering sentence `si` names.
fn observe_phrases(sal: &mut Salience, inp: &Input<'_>, chunks: &[Chunk], si: usize) {
    let mut people = Vec::new();
    for ch in chunks.iter().filter(|c| c.head2 == NONE) {
        let e = &inp.res.entities[ch.head as usize];
        match e.kind {
            EntityType::Person if !people.contains(&ch.head) => {
                people.push(ch.head);
                if let Some(c) = person_country(inp, ch) {
                    sal.country_seen(ch.head, &c);
                }
            }
            EntityType::Event => {
                let gathering = match e.key {
                    crate::resolve::EntKey::Gaz(ix) => {
                        inp.gazetteer.entries().get(ix as usize).is_some_and(|x| x.gathering)
                    }
                    crate::resolve::EntKey::Local(_) => false,
                };
                if gathering {
                    sal.gathering_seen(ch.head, si);
                }
            }
            _ => {}
        }
    }
    sal.people_seen(si, people);
}

/// The country a person's phrase says they serve ("de Belgische premier"), else the
/// country of a post the gazetteer says they held on the document date.
fn person_country(inp: &Input<'_>, ch: &Chunk) -> Option<String> {
    if ch.org != NONE {
        let org = &inp.res.entities[ch.org as usize];
        if org.kind == EntityType::Country {
            return Some(org.id.clone());
        }
    }
    let crate::resolve::EntKey::Gaz(ix) = inp.res.entities[ch.head as usize].key else {
        return None;
    };
    let date = inp.date?;
    let entry = inp.gazetteer.entries().get(ix as usize)?;
    entry
        .posts
        .iter()
        .find(|p| p.org.starts_with("country:") && p.held_on(date))
        .map(|p| p.org.clone())
}

/// Tells the document model of the meetings sentence `si` stated.
fn observe_meetings(sal: &mut Salience, raws: &[Raw], si: usize) {
    for r in raws.iter().filter(|r| r.kind == RelationType::Meeting && r.sentence == si) {
        let parts: Vec<u32> = r.args.iter().map(|a| a.1).collect();
        sal.meeting_seen(&parts, si, (r.modality, r.tense));
    }
}

/// The entity types (a mask of type bits) of the phrases of a sentence.
fn offered_types(chunks: &[Chunk], res: &Resolved) -> u8 {
    chunks.iter().flat_map(heads).fold(0, |m, h| m | type_bit(res.entities[h as usize].kind))
}

/// Positions from phrases: a person with a title and a country or organization
/// ("de Japanse premier Shinzo Abe").
fn position_relations(
    inp: &Input<'_>,
    lang: Lang,
    chunks: &[Chunk],
    si: usize,
    raws: &mut Vec<Raw>,
) {
    for ch in chunks {
        if ch.org == NONE || ch.title.is_none() || ch.pronoun {
            continue;
        }
        if inp.res.entities[ch.head as usize].kind != EntityType::Person || ch.head == ch.org {
            continue;
        }
        let span = tok_span(inp.toks, ch.first, ch.last);
        raws.push(Raw {
            kind: RelationType::Position,
            args: vec![(Role::Holder, ch.head), (Role::CountryOrOrg, ch.org)],
            modality: Modality::Asserted,
            tense: if ch.former { Tense::Past } else { Tense::Present },
            time: None,
            place: None,
            event: None,
            title: ch.title.map(|t| inp.titles.name(t).to_string()),
            sentence: si,
            span,
            rule: RuleRef::Position(lang, ch.description),
            links: Vec::new(),
        });
    }
}
