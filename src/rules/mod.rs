//! The rule layer: relations between entities, with modality, tense, time and place.
//!
//! Relation rules are data. The default rule files (`gazetteers/rules/nl.rules`,
//! `gazetteers/rules/en.rules`) are embedded in the crate; the
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
//! | `~N` | up to N tokens or phrases, within the clause |
//! | `x?` | an optional word or class |
//! | `^x` | the trigger: the rule is tried where this word occurs (default: the first required word) |
//!
//! `TYPES` are `PERSON`, `COUNTRY`, `LOCATION`, `ORGANIZATION`, `EVENT` joined with
//! `|`, or `ACTOR` (person, country, organization), `PLACE` (country, location),
//! `ANY`. Roles are those of the relation inventory: `participant`, `helper`,
//! `topic`, `beneficiary`, `visitor`, `place`, `holder`, `country_or_org`, `event`,
//! `speaker`, `medium_or_addressee`, `party`. Attributes `modality=` and `tense=`
//! override what the cues say; `with=ROLE:ID` adds an argument the text leaves
//! implicit, but only when the document names that entity somewhere ("twitterde
//! Trump" is a statement on Twitter if the article mentions Twitter). Users of spaCy's `Matcher` or CoreNLP's TokensRegex
//! will recognise the idea: token constraints in sequence, with entity phrases as
//! single units.
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
mod parse;

use std::collections::HashMap;

use crate::fxhash::{FxHashMap, FxHashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::{Error, ErrorKind};
use crate::gazetteer::titles::Titles;
use crate::gazetteer::Gazetteer;
use crate::model::{
    Argument, Date, EntityType, Evidence, Lang, Modality, Relation, RelationType, Role, Span,
    Tense, TimeValue,
};
use crate::resolve::{RMention, Resolved};
use crate::time::{self, TimeExpr};
use crate::tokenize::{Sentence, TokenKind, Tokens};

use chunk::{Chunk, ChunkCtx, NONE};
use parse::{bits, type_bit, Elem, LangWords, Parsed, Rule};

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
    /// An [`ErrorKind::Rule`] error with file, line and column for the first line that
    /// does not follow the syntax, an unknown class, type, role or relation type, or a
    /// duplicate rule id.
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
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(|e| {
                        Error::new(
                            ErrorKind::Rule(format!("cannot build the trigger automaton: {e}")),
                            None,
                        )
                    })?,
            )
        };
        let mut words = self.parsed.words;
        for (lang, w) in words.iter_mut() {
            w.finish(*lang);
        }
        Ok(Compiled { rules: self.parsed.rules, words, ac, targets })
    }
}

/// Compiled rules: the trigger automaton and the rules behind each trigger.
#[derive(Debug)]
pub(crate) struct Compiled {
    rules: Vec<Rule>,
    words: HashMap<Lang, LangWords>,
    ac: Option<AhoCorasick>,
    targets: Vec<Vec<(u32, u8)>>,
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
}

/// One item of a sentence for matching: a token or an entity phrase.
#[derive(Clone, Copy, Debug)]
enum Item {
    Tok(u32),
    Chunk(u32),
}

/// A relation before it becomes a [`Relation`].
struct Raw {
    kind: RelationType,
    args: Vec<(Role, u32)>,
    modality: Modality,
    tense: Tense,
    time: Option<TimeValue>,
    place: Option<u32>,
    event: Option<u32>,
    title: Option<String>,
    sentence: usize,
    span: Span,
    rule: RuleRef,
}

/// Which rule made a relation; turned into its id only for the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RuleRef {
    /// A rule of a rule file (index).
    File(u32),
    /// A position from an entity phrase (or a description).
    Position(Lang, bool),
    /// Participation derived from a meeting at an event.
    Participation(Lang),
}

static EMPTY_WORDS: once_cell::sync::Lazy<LangWords> =
    once_cell::sync::Lazy::new(LangWords::default);

impl Compiled {
    /// Trigger hits: (token index, rule index), in token order.
    fn triggers(&self, toks: &Tokens, lang: Lang) -> Vec<(u32, u32)> {
        let Some(ac) = &self.ac else { return Vec::new() };
        let norm = toks.norm();
        let bytes = norm.as_bytes();
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(norm) {
            for &(ri, kind) in &self.targets[m.pattern().as_usize()] {
                if self.rules[ri as usize].lang != lang {
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
        out.sort_unstable();
        out.dedup();
        out
    }

    pub(crate) fn apply(&self, inp: &mut Input<'_>) -> Vec<Relation> {
        // no rule files: the relation layer is off (positions included)
        if self.rules.is_empty() {
            return Vec::new();
        }
        let words = self.words.get(&inp.lang).unwrap_or(&EMPTY_WORDS);
        let toks = inp.toks;
        let trig = self.triggers(toks, inp.lang);
        let maps = chunk::tok_maps(toks, inp.res);
        let quote_len = quote_lengths(toks, &maps.in_quote);
        // one lookup per token: which function-word sets it is in
        let mut masks: Vec<u32> = toks.iter().map(|t| words.mask(toks.norm_of(t))).collect();
        // a word inside a name is no function word or cue ("Theresa May", "De Croo")
        for m in &inp.res.mentions {
            if let Some(x) = masks.get_mut(m.first as usize..(m.first + m.len) as usize) {
                x.fill(0);
            }
        }
        let mut ctx = ChunkCtx {
            toks,
            words,
            g: inp.gazetteer,
            titles: inp.titles,
            date: inp.date,
            maps: &maps,
            last_pair: None,
            masks: &masks,
        };
        let mut raws: Vec<Raw> = Vec::new();
        let mut seen_raws = 0usize;
        let mut added: Vec<RMention> = Vec::new();
        let mut ti = 0usize;
        let mut mi = 0usize;
        for (si, s) in inp.sents.iter().enumerate() {
            let (a, b) = (s.first as usize, s.last as usize);
            while ti < trig.len() && (trig[ti].0 as usize) < a {
                ti += 1;
            }
            let t_end =
                trig[ti..].iter().position(|t| t.0 as usize >= b).map_or(trig.len(), |p| ti + p);
            while mi < inp.res.mentions.len() && (inp.res.mentions[mi].first as usize) < a {
                mi += 1;
            }
            let has_mention = inp.res.mentions.get(mi).is_some_and(|m| (m.first as usize) < b);
            if !has_mention {
                ti = t_end;
                continue;
            }
            // the last meeting so far, looking only at what the previous sentence added
            if let Some(r) = raws[seen_raws..]
                .iter()
                .rev()
                .find(|r| r.kind == RelationType::Meeting && r.args.len() == 2)
            {
                ctx.last_pair = Some((r.args[0].1, r.args[1].1));
            }
            seen_raws = raws.len();
            let chunks = chunk::chunks(&ctx, inp.res, a, b, &mut added);
            // positions from phrases
            for ch in &chunks {
                if ch.org == NONE || ch.title.is_none() || ch.pronoun {
                    continue;
                }
                if inp.res.entities[ch.head as usize].kind != EntityType::Person
                    || ch.head == ch.org
                {
                    continue;
                }
                let span = tok_span(toks, ch.first, ch.last);
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
                    rule: RuleRef::Position(inp.lang, ch.description),
                });
            }
            // the entity types this sentence's phrases offer: a rule whose slots
            // cannot all be filled is not tried
            let offered: u8 = chunks
                .iter()
                .flat_map(heads)
                .fold(0, |m, h| m | type_bit(inp.res.entities[h as usize].kind));
            let applicable =
                |ri: u32| self.rules[ri as usize].needs.iter().all(|&n| n & offered != 0);
            if !trig[ti..t_end].iter().any(|&(_, ri)| applicable(ri)) {
                ti = t_end;
                continue;
            }
            let items = build_items(toks, &masks, &chunks, a, b);
            let times = time::tag(toks, a, b, inp.lang, &masks);
            let mut sc = SentCtx {
                toks,
                words,
                items: &items,
                chunks: &chunks,
                res: inp.res,
                quote_len: &quote_len,
                masks: &masks,
                in_quote: &maps.in_quote,
                sent: (a, b),
            };
            for &(tok, ri) in &trig[ti..t_end] {
                if !applicable(ri) {
                    continue;
                }
                let rule = &self.rules[ri as usize];
                // items are in token order: find the trigger's by binary search
                let pos = items.partition_point(|it| match *it {
                    Item::Tok(t) => t < tok,
                    Item::Chunk(c) => chunks[c as usize].last <= tok,
                });
                if !matches!(items.get(pos), Some(Item::Tok(t)) if *t == tok) {
                    continue;
                }
                let Some(m) = sc.match_rule(rule, pos) else { continue };
                self.emit(&mut sc, (ri, rule), &m, tok, si, &times, inp.date, &mut raws);
            }
            ti = t_end;
        }
        if !added.is_empty() {
            inp.res.mentions.extend(added);
            inp.res.mentions.sort_by_key(|m| m.first);
        }
        self.finish(raws, inp)
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        sc: &mut SentCtx<'_>,
        (ri, rule): (u32, &Rule),
        m: &Match,
        tok: u32,
        si: usize,
        times: &[TimeExpr],
        date: Option<Date>,
        raws: &mut Vec<Raw>,
    ) {
        let (scope_a, scope_b) = sc.scope(m.first_tok, m.last_tok, tok);
        // cues count near the match: from a few tokens before it to a few after,
        // within its clause
        let cue_a = scope_a.max((m.first_tok as usize).saturating_sub(CUE_BEFORE));
        let cue_b = scope_b.min(m.last_tok as usize + CUE_AFTER);
        let cues = sc.cues(cue_a, cue_b, tok);
        let mut modality = rule.modality.unwrap_or(if cues.negated {
            Modality::Negated
        } else if cues.reported {
            Modality::Reported
        } else if cues.hedge {
            Modality::Possible
        } else if cues.possible && cues.planned {
            // "will meet … would be": the modal nearer to the trigger decides
            if cues.possible_dist < cues.planned_dist {
                Modality::Possible
            } else {
                Modality::Planned
            }
        } else if cues.possible {
            Modality::Possible
        } else if cues.planned {
            Modality::Planned
        } else {
            Modality::Asserted
        });
        let mut tense = rule.tense.unwrap_or(match modality {
            Modality::Possible | Modality::Planned => Tense::Future,
            Modality::Negated if cues.planned || cues.future || cues.cancel => Tense::Future,
            _ if cues.past => Tense::Past,
            _ if cues.future => Tense::Future,
            _ => Tense::Present,
        });
        // time: the expression nearest to the trigger, in the clause if possible
        let time = times
            .iter()
            .filter(|t| (t.first as usize) >= scope_a && (t.last as usize) <= scope_b)
            .min_by_key(|t| (i64::from(t.first) - i64::from(tok)).abs())
            .copied();
        let mut time_value = None;
        if let Some(t) = time {
            if rule.tense.is_none() {
                // "vorige maand" and "next week" decide; "dit jaar" and "today" do not
                if let Some(it) = t.when.implied_tense().filter(|it| *it != Tense::Present) {
                    if !cues.past || it == Tense::Past {
                        tense = it;
                    }
                }
            }
            let resolved = t.when.resolve(date, tense);
            if let (Some((a, b, _)), Some(d), true) = (&resolved, date, rule.tense.is_none()) {
                if t.when.is_absolute() || t.when.implied_tense().is_none() {
                    if b.day_number() < d.first_day().day_number() {
                        tense = Tense::Past;
                    } else if a.day_number() > d.last_day().day_number() {
                        tense = Tense::Future;
                    }
                }
            }
            let span = tok_span(sc.toks, t.first, t.last);
            time_value = Some((span, resolved.map(|r| r.2).unwrap_or_default()));
        }
        // "ontmoeten elkaar woensdag", "meets Putin on Wednesday": a weekday with a
        // present-tense verb is the coming one
        if tense == Tense::Present
            && !cues.past
            && rule.tense.is_none()
            && time.is_some_and(|t| matches!(t.when, time::When::Weekday(_)))
        {
            tense = Tense::Future;
        }
        if modality == Modality::Asserted && tense == Tense::Future && rule.modality.is_none() {
            modality = Modality::Planned;
        }
        // place and event from the clause (not arguments)
        let args_ents: Vec<u32> = m
            .binds
            .iter()
            .flat_map(|(_, v)| v.iter().flat_map(|&c| heads(&sc.chunks[c as usize])))
            .collect();
        let mut place = None;
        let mut event = None;
        if !matches!(
            rule.kind,
            RelationType::Visit | RelationType::LocatedIn | RelationType::Position
        ) {
            for (k, it) in sc.items.iter().enumerate() {
                let Item::Chunk(c) = *it else { continue };
                let ch = &sc.chunks[c as usize];
                if (ch.first as usize) < scope_a
                    || (ch.last as usize) > scope_b
                    || args_ents.contains(&ch.head)
                {
                    continue;
                }
                let kind = sc.res.entities[ch.head as usize].kind;
                let prev = if k > 0 { sc.item_word(k - 1) } else { "" };
                if kind == EntityType::Event && event.is_none() {
                    event = Some(ch.head);
                } else if matches!(kind, EntityType::Location | EntityType::Country)
                    && matches!(prev, "in" | "te")
                    && place.is_none()
                    // "in a US air strike": an indefinite article makes it a modifier
                    && !matches!(sc.toks.norm_at(ch.first as usize), "a" | "an" | "een")
                {
                    place = Some(ch.head);
                }
            }
        }
        // arguments: the roles in inventory order
        let order = role_order(rule.kind);
        let mut groups: Vec<(Role, Vec<u32>)> = Vec::new();
        for (role, cs) in &m.binds {
            let ents: Vec<u32> = cs.iter().flat_map(|&c| heads(&sc.chunks[c as usize])).collect();
            groups.push((*role, ents));
        }
        // an implicit argument: only when the document names that entity
        if let Some((role, id)) = &rule.implicit {
            match sc.res.entities.iter().position(|e| &e.id == id) {
                Some(e) if sc.res.mentions.iter().any(|m| m.ent == e as u32) => {
                    groups.push((*role, vec![e as u32]));
                }
                _ => return,
            }
        }
        let evidence = tok_span(sc.toks, m.first_tok, m.last_tok);
        let time_tv = time_value.map(|(span, value)| TimeValue {
            text: String::new(),
            value,
            start: span.start,
            end: span.end,
        });
        let mut push = |args: Vec<(Role, u32)>| {
            raws.push(Raw {
                kind: rule.kind,
                args,
                modality,
                tense,
                time: time_tv.clone(),
                place,
                event,
                title: None,
                sentence: si,
                span: evidence,
                rule: RuleRef::File(ri),
            });
        };
        if rule.kind.is_symmetric() {
            let role = order[0];
            let gs: Vec<&Vec<u32>> = groups.iter().filter(|g| g.0 == role).map(|g| &g.1).collect();
            let mut pairs: Vec<(u32, u32)> = Vec::new();
            if gs.len() == 1 {
                let g = gs[0];
                for i in 0..g.len() {
                    for j in i + 1..g.len() {
                        pairs.push((g[i], g[j]));
                    }
                }
            } else {
                for i in 0..gs.len() {
                    for j in i + 1..gs.len() {
                        for &x in gs[i] {
                            for &y in gs[j] {
                                pairs.push((x, y));
                            }
                        }
                    }
                }
            }
            for (x, y) in pairs {
                if x != y {
                    push(vec![(role, x), (role, y)]);
                }
            }
        } else {
            let first: Vec<u32> =
                groups.iter().filter(|g| g.0 == order[0]).flat_map(|g| g.1.clone()).collect();
            let second: Vec<u32> =
                groups.iter().filter(|g| g.0 == order[1]).flat_map(|g| g.1.clone()).collect();
            let third: Vec<u32> = groups
                .iter()
                .filter(|g| order.get(2) == Some(&g.0))
                .flat_map(|g| g.1.clone())
                .collect();
            for &x in &first {
                for &y in &second {
                    if x == y {
                        continue;
                    }
                    let mut args = vec![(order[0], x), (order[1], y)];
                    if let (Some(&r3), Some(&z)) = (order.get(2), third.first()) {
                        if z != x && z != y {
                            args.push((r3, z));
                        }
                    }
                    push(args);
                }
            }
        }
        // a meeting at an event: each participant takes part in it
        if rule.kind == RelationType::Meeting {
            if let Some(ev) = event {
                let parts: Vec<u32> = groups.iter().flat_map(|g| g.1.clone()).collect();
                for p in parts {
                    raws.push(Raw {
                        kind: RelationType::Participation,
                        args: vec![(Role::Participant, p), (Role::Event, ev)],
                        modality,
                        tense,
                        time: time_tv.clone(),
                        place,
                        event: None,
                        title: None,
                        sentence: si,
                        span: evidence,
                        rule: RuleRef::Participation(rule.lang),
                    });
                }
            }
        }
    }
}

/// Tries `rest` with a slot's phrases bound to `role`; undoes the binding if it fails.
fn with_binding(
    binds: &mut Vec<(Role, Vec<u32>)>,
    role: Role,
    got: Vec<u32>,
    rest: impl FnOnce(&mut Vec<(Role, Vec<u32>)>) -> Option<usize>,
) -> Option<usize> {
    let n = binds.len();
    binds.push((role, got));
    let r = rest(binds);
    if r.is_none() {
        binds.truncate(n);
    }
    r
}

/// Roles that name who acts: never the object of a preposition the rule does not
/// spell out ("in Vietnam", "op de top").
fn is_agent(r: Role) -> bool {
    matches!(r, Role::Participant | Role::Helper | Role::Visitor | Role::Speaker | Role::Party)
}

/// The entities a phrase stands for: its head, and a second one for pairs.
fn heads(c: &Chunk) -> impl Iterator<Item = u32> {
    std::iter::once(c.head).chain((c.head2 != NONE).then_some(c.head2))
}

/// Roles of each relation type, in the inventory's order.
fn role_order(k: RelationType) -> &'static [Role] {
    match k {
        RelationType::Meeting => &[Role::Participant, Role::Participant],
        RelationType::HelpWith => &[Role::Helper, Role::Topic, Role::Beneficiary],
        RelationType::Visit => &[Role::Visitor, Role::Place],
        RelationType::Position => &[Role::Holder, Role::CountryOrOrg],
        RelationType::Participation => &[Role::Participant, Role::Event],
        RelationType::LocatedIn => &[Role::Event, Role::Place],
        RelationType::Statement => &[Role::Speaker, Role::MediumOrAddressee],
        RelationType::Conflict => &[Role::Party, Role::Party],
        RelationType::TalksAbout => &[Role::Party, Role::Topic],
    }
}

fn tok_span(toks: &Tokens, first: u32, last: u32) -> Span {
    let tt = toks.tokens();
    match (tt.get(first as usize), last.checked_sub(1).and_then(|l| tt.get(l as usize))) {
        (Some(a), Some(b)) => Span { start: a.start as usize, end: b.end as usize },
        _ => Span::default(),
    }
}

/// For each token inside double quotes, the length in tokens of its quotation.
fn quote_lengths(toks: &Tokens, in_quote: &[bool]) -> Vec<u32> {
    let n = toks.len();
    let mut out = vec![0u32; n];
    let mut i = 0;
    while i < n {
        if in_quote[i] {
            let s = i;
            while i < n && in_quote[i] {
                i += 1;
            }
            for x in &mut out[s..i] {
                *x = (i - s) as u32;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The items of tokens `a..b`: phrases as units, asides (parentheses, ", die … ,"
/// relative clauses) left out.
fn build_items(toks: &Tokens, masks: &[u32], chunks: &[Chunk], a: usize, b: usize) -> Vec<Item> {
    let mut items = Vec::with_capacity(b - a);
    let mut ci = 0usize;
    let mut i = a;
    while i < b {
        while ci < chunks.len() && (chunks[ci].first as usize) < i {
            ci += 1;
        }
        if ci < chunks.len() && chunks[ci].first as usize == i {
            items.push(Item::Chunk(ci as u32));
            i = chunks[ci].last as usize;
            ci += 1;
            continue;
        }
        let f = toks.norm_at(i);
        if f == "(" {
            if let Some(close) = (i + 1..b).find(|&k| toks.norm_at(k) == ")") {
                i = close + 1;
                continue;
            }
        }
        if f == "," && masks.get(i + 1).is_some_and(|m| m & bits::RELATIVE != 0) {
            if let Some(close) = (i + 2..b).find(|&k| toks.norm_at(k) == ",") {
                // keep the closing comma out too: the clause resumes after it
                i = close + 1;
                continue;
            }
        }
        items.push(Item::Tok(i as u32));
        i += 1;
    }
    items
}

struct SentCtx<'a> {
    toks: &'a Tokens,
    words: &'a LangWords,
    items: &'a [Item],
    chunks: &'a [Chunk],
    res: &'a Resolved,
    quote_len: &'a [u32],
    in_quote: &'a [bool],
    masks: &'a [u32],
    sent: (usize, usize),
}

/// A successful match: bound phrases per role, token extent.
struct Match {
    binds: Vec<(Role, Vec<u32>)>,
    first_tok: u32,
    last_tok: u32,
}

/// Tokens before a match, and after it, in which cue words count.
const CUE_BEFORE: usize = 5;
const CUE_AFTER: usize = 3;

#[derive(Default, Debug)]
struct Cues {
    possible: bool,
    planned: bool,
    hedge: bool,
    possible_dist: usize,
    planned_dist: usize,
    negated: bool,
    reported: bool,
    past: bool,
    future: bool,
    /// A cancellation ("cancelled", "zegt af"): negated, and about the future.
    cancel: bool,
}

impl<'a> SentCtx<'a> {
    fn item_word(&self, k: usize) -> &str {
        match self.items.get(k) {
            Some(Item::Tok(t)) => self.toks.norm_at(*t as usize),
            _ => "",
        }
    }

    /// Whether item k is a token in one of the word sets of `bit`.
    fn item_has(&self, k: usize, bit: u32) -> bool {
        match self.items.get(k) {
            Some(Item::Tok(t)) => self.masks.get(*t as usize).is_some_and(|m| m & bit != 0),
            _ => false,
        }
    }

    /// Whether a normalised word is in one of the word sets of `bit`.
    fn word_has(&self, w: &str, bit: u32) -> bool {
        self.words.mask(w) & bit != 0
    }

    fn is_boundary(&self, k: usize) -> bool {
        match self.items.get(k) {
            Some(Item::Tok(t)) => {
                let t = *t as usize;
                let f = self.toks.norm_at(t);
                // the quotation marks around a quoted clause (not around a word)
                let long_quote = self.toks.get(t).is_some_and(|x| x.kind == TokenKind::Quote)
                    && self.quote_len.get(t).is_some_and(|&n| n > 4);
                long_quote || matches!(f, ";" | ":") || self.masks[t] & bits::CLAUSE != 0
            }
            _ => false,
        }
    }

    /// Whether item k is skipped without counting: quotation marks around a word
    /// or two ("wellicht"); those around a quoted clause are boundaries.
    fn is_free(&self, k: usize) -> bool {
        match self.items.get(k) {
            Some(Item::Tok(t)) => {
                let t = *t as usize;
                self.toks.get(t).is_some_and(|x| x.kind == TokenKind::Quote)
                    && self.quote_len.get(t).is_some_and(|&n| n <= 4)
            }
            _ => false,
        }
    }

    fn item_tokens(&self, k: usize) -> (u32, u32) {
        match self.items[k] {
            Item::Tok(t) => (t, t + 1),
            Item::Chunk(c) => (self.chunks[c as usize].first, self.chunks[c as usize].last),
        }
    }

    /// "his" in "after his trip": the preposition governs the noun, not the pronoun.
    fn is_possessive_pronoun(&self, c: u32) -> bool {
        let ch = &self.chunks[c as usize];
        ch.pronoun && ch.possessive
    }

    fn slot_ok(&self, k: usize, types: u8, role: Role) -> Option<u32> {
        match self.items.get(k) {
            Some(Item::Chunk(c)) => {
                let ch = &self.chunks[*c as usize];
                // a pronoun names who acts, not what is talked about or where
                if ch.pronoun && !(is_agent(role) || role == Role::Beneficiary) {
                    return None;
                }
                let t = self.res.entities[ch.head as usize].kind;
                (type_bit(t) & types != 0).then_some(*c)
            }
            _ => None,
        }
    }

    fn match_rule(&self, rule: &Rule, pos: usize) -> Option<Match> {
        let mut binds = Vec::new();
        let right_end =
            self.match_dir(&rule.elems[rule.trigger + 1..], pos + 1, false, &mut binds)?;
        let mut lbinds = Vec::new();
        let left_start =
            self.match_dir_rev(&rule.elems[..rule.trigger], pos as isize - 1, &mut lbinds)?;
        lbinds.extend(binds);
        let first_item = left_start.min(pos);
        let last_item = right_end.max(pos + 1);
        let first_tok = self.item_tokens(first_item).0;
        let last_tok = self.item_tokens(last_item - 1).1;
        Some(Match { binds: lbinds, first_tok, last_tok })
    }

    /// Matches `elems` forward from item `k`; returns the item index after the match.
    fn match_dir(
        &self,
        elems: &[parse::PElem],
        k: usize,
        after_gap: bool,
        binds: &mut Vec<(Role, Vec<u32>)>,
    ) -> Option<usize> {
        let Some((e, rest)) = elems.split_first() else {
            return Some(k);
        };
        // an optional phrase: with it if it is there, else without
        if e.optional && matches!(e.elem, Elem::Slot { .. }) {
            let mut with = vec![parse::PElem { elem: e.elem.clone(), optional: false }];
            with.extend_from_slice(rest);
            if let Some(r) = self.match_dir(&with, k, after_gap, binds) {
                return Some(r);
            }
            return self.match_dir(rest, k, after_gap, binds);
        }
        match &e.elem {
            Elem::Words(ws) => {
                let mut k2 = k;
                while self.is_free(k2) {
                    k2 += 1;
                }
                if matches!(self.items.get(k2), Some(Item::Tok(_)))
                    && ws.contains(self.item_word(k2))
                {
                    if let Some(r) = self.match_dir(rest, k2 + 1, false, binds) {
                        return Some(r);
                    }
                }
                if e.optional {
                    return self.match_dir(rest, k, after_gap, binds);
                }
                None
            }
            Elem::Slot { role, types, multi } => {
                let mut k2 = k;
                while self.is_free(k2) {
                    k2 += 1;
                }
                let c = self.slot_ok(k2, *types, *role)?;
                // an agent reached through a gap is no object of a preposition
                if after_gap
                    && is_agent(*role)
                    && k2 > 0
                    && self.item_has(k2 - 1, bits::PREP)
                    && !self.is_possessive_pronoun(c)
                {
                    return None;
                }
                let mut got = vec![c];
                let mut end = k2 + 1;
                if *multi {
                    loop {
                        let sep = self.item_word(end);
                        if !self.word_has(sep, bits::COORD) {
                            break;
                        }
                        // ", en" / ", and": only closing a list of three or more
                        let mut nk = end + 1;
                        if sep == "," && self.item_has(nk, bits::COORD) && self.item_word(nk) != ","
                        {
                            if got.len() < 2 {
                                break;
                            }
                            nk += 1;
                        }
                        // "met Poetin en met Zelenski": the preposition may repeat
                        if self.slot_ok(nk, *types, *role).is_none()
                            && self.item_has(nk, bits::PREP)
                        {
                            nk += 1;
                        }
                        match self.slot_ok(nk, *types, *role) {
                            Some(c2) => {
                                got.push(c2);
                                end = nk + 1;
                            }
                            None => break,
                        }
                    }
                }
                with_binding(binds, *role, got, |b| self.match_dir(rest, end, false, b))
            }
            Elem::Gap(n) => {
                let mut k2 = k;
                let mut used = 0u8;
                loop {
                    if let Some(r) = self.match_dir(rest, k2, used > 0 || after_gap, binds) {
                        return Some(r);
                    }
                    if k2 >= self.items.len() || self.is_boundary(k2) {
                        return None;
                    }
                    if !self.is_free(k2) {
                        if used == *n {
                            return None;
                        }
                        used += 1;
                    }
                    k2 += 1;
                }
            }
        }
    }

    /// Matches `elems` backward, ending at item `k` (inclusive); returns the first
    /// item index of the match.
    fn match_dir_rev(
        &self,
        elems: &[parse::PElem],
        k: isize,
        binds: &mut Vec<(Role, Vec<u32>)>,
    ) -> Option<usize> {
        let Some((e, rest)) = elems.split_last() else {
            return Some((k + 1).max(0) as usize);
        };
        if e.optional && matches!(e.elem, Elem::Slot { .. }) {
            let mut with = rest.to_vec();
            with.push(parse::PElem { elem: e.elem.clone(), optional: false });
            if let Some(r) = self.match_dir_rev(&with, k, binds) {
                return Some(r);
            }
            return self.match_dir_rev(rest, k, binds);
        }
        let free = |x: isize| x >= 0 && self.is_free(x as usize);
        match &e.elem {
            Elem::Words(ws) => {
                let mut k2 = k;
                while free(k2) {
                    k2 -= 1;
                }
                if k2 >= 0
                    && matches!(self.items.get(k2 as usize), Some(Item::Tok(_)))
                    && ws.contains(self.item_word(k2 as usize))
                {
                    if let Some(r) = self.match_dir_rev(rest, k2 - 1, binds) {
                        return Some(r);
                    }
                }
                if e.optional {
                    return self.match_dir_rev(rest, k, binds);
                }
                None
            }
            Elem::Slot { role, types, multi } => {
                let mut k2 = k;
                while free(k2) {
                    k2 -= 1;
                }
                if k2 < 0 {
                    return None;
                }
                let c = self.slot_ok(k2 as usize, *types, *role)?;
                if is_agent(*role)
                    && k2 > 0
                    && self.item_has(k2 as usize - 1, bits::PREP)
                    && !self.is_possessive_pronoun(c)
                {
                    let explicit = matches!(rest.last().map(|e| &e.elem), Some(Elem::Words(ws)) if ws.contains(self.item_word(k2 as usize - 1)));
                    if !explicit {
                        return None;
                    }
                }
                let mut got = vec![c];
                let mut start = k2;
                if *multi {
                    loop {
                        let sep_k = start - 1;
                        if sep_k < 1 {
                            break;
                        }
                        let sep = self.item_word(sep_k as usize);
                        if !self.word_has(sep, bits::COORD) {
                            break;
                        }
                        let mut pk = sep_k - 1;
                        if sep != "," && pk >= 1 && self.item_word(pk as usize) == "," {
                            // ", and" closes a list of three or more: a comma must
                            // come before the phrase in front of it too
                            if pk < 2 || self.item_word(pk as usize - 2) != "," {
                                break;
                            }
                            pk -= 1;
                        }
                        if pk < 0 {
                            break;
                        }
                        match self.slot_ok(pk as usize, *types, *role) {
                            Some(c2) => {
                                got.insert(0, c2);
                                start = pk;
                            }
                            None => break,
                        }
                    }
                }
                with_binding(binds, *role, got, |b| self.match_dir_rev(rest, start - 1, b))
            }
            Elem::Gap(n) => {
                let mut k2 = k;
                let mut used = 0u8;
                loop {
                    if let Some(r) = self.match_dir_rev(rest, k2, binds) {
                        return Some(r);
                    }
                    if k2 < 0 || self.is_boundary(k2 as usize) {
                        return None;
                    }
                    if !free(k2) {
                        if used == *n {
                            return None;
                        }
                        used += 1;
                    }
                    k2 -= 1;
                }
            }
        }
    }

    /// The clause around a match: token range between the nearest clause boundaries.
    fn scope(&self, first_tok: u32, last_tok: u32, _trigger: u32) -> (usize, usize) {
        let (sa, sb) = self.sent;
        let tt = self.toks;
        let is_b = |i: usize| {
            let f = tt.norm_at(i);
            matches!(f, ";" | ":") || self.masks.get(i).is_some_and(|m| m & bits::CLAUSE != 0)
        };
        let mut a = first_tok as usize;
        while a > sa && !is_b(a - 1) {
            a -= 1;
        }
        let mut b = last_tok as usize;
        while b < sb && !is_b(b) {
            b += 1;
        }
        (a, b)
    }

    fn cues(&self, a: usize, b: usize, trigger: u32) -> Cues {
        let mut c = Cues::default();
        let tq = self.in_quote.get(trigger as usize).copied().unwrap_or(false);
        for i in a..b {
            // a long quotation is another speaker's clause
            if self.in_quote[i] != tq && self.quote_len[i] > 4 {
                continue;
            }
            let Some(t) = self.toks.get(i).filter(|t| t.kind == TokenKind::Word) else {
                continue;
            };
            // a capital inside a sentence marks a name or a month ("in May"), not a cue
            if t.is_capitalized() && i > self.sent.0 {
                let prev = self.toks.get(i - 1).map_or(TokenKind::Punct, |p| p.kind);
                if prev != TokenKind::Quote && !matches!(self.toks.norm_at(i - 1), ":" | "(") {
                    continue;
                }
            }
            let m = self.masks[i];
            let cue = |k: u32| m & (bits::CUE0 << k) != 0;
            let dist = (i as i64 - i64::from(trigger)).unsigned_abs() as usize;
            if cue(0) {
                c.possible_dist = if c.possible { c.possible_dist.min(dist) } else { dist };
                c.possible = true;
            }
            if cue(1) {
                c.planned_dist = if c.planned { c.planned_dist.min(dist) } else { dist };
                c.planned = true;
            }
            c.hedge |= cue(8);
            c.negated |= cue(2);
            c.reported |= cue(3);
            c.past |= cue(4);
            c.future |= cue(5);
            c.cancel |= cue(9);
            // "geen ontmoeting", "no plans to meet" negate the relation; "nog geen
            // plannen voor een ontmoeting" (not yet) only hedges it
            if cue(10) {
                let not_yet =
                    i > 0 && self.masks.get(i - 1).is_some_and(|m| m & (bits::CUE0 << 11) != 0);
                if not_yet {
                    c.hedge = true;
                } else {
                    c.negated = true;
                }
            }
        }
        // the trigger's own form: a past-tense verb
        c
    }
}

/// Labels: the relation's verb, inflected for modality and tense.
pub(crate) fn label(
    kind: RelationType,
    modality: Modality,
    tense: Tense,
    title: Option<&str>,
) -> String {
    let (s3, past, bare) = match kind {
        RelationType::Meeting => ("meets", "met", "meet"),
        RelationType::HelpWith => ("helps with", "helped with", "help with"),
        RelationType::Visit => ("visits", "visited", "visit"),
        RelationType::Participation => ("attends", "attended", "attend"),
        RelationType::LocatedIn => ("takes place in", "took place in", "take place in"),
        RelationType::Statement => ("says to", "said to", "say to"),
        RelationType::Conflict => {
            ("is in conflict with", "was in conflict with", "be in conflict with")
        }
        RelationType::TalksAbout => ("discusses", "discussed", "discuss"),
        RelationType::Position => {
            let t = title.unwrap_or("post");
            return match (modality, tense) {
                (Modality::Negated, _) => format!("is not {t} of"),
                (_, Tense::Past) => format!("was {t} of"),
                (_, Tense::Future) => format!("will be {t} of"),
                _ => format!("{t} of"),
            };
        }
    };
    match (modality, tense) {
        (Modality::Possible, Tense::Past) => format!("may have {}", participle(kind, past)),
        (Modality::Possible, _) => format!("could {bare}"),
        (Modality::Planned, _) => format!("will {bare}"),
        (Modality::Negated, Tense::Past) => format!("did not {bare}"),
        (Modality::Negated, Tense::Future) => format!("will not {bare}"),
        (Modality::Negated, Tense::Present) => format!("does not {bare}"),
        (Modality::Reported, Tense::Past) => format!("reportedly {past}"),
        (Modality::Reported, Tense::Future) => format!("reportedly will {bare}"),
        (Modality::Reported, Tense::Present) => format!("reportedly {s3}"),
        (Modality::Asserted, Tense::Past) => past.to_string(),
        (Modality::Asserted, Tense::Future) => format!("will {bare}"),
        (Modality::Asserted, Tense::Present) => s3.to_string(),
    }
}

fn participle(kind: RelationType, past: &str) -> String {
    match kind {
        RelationType::LocatedIn => "taken place in".to_string(),
        RelationType::Conflict => "been in conflict with".to_string(),
        _ => past.to_string(),
    }
}

impl Compiled {
    /// The id of the rule a relation came from.
    fn rule_name(&self, r: RuleRef) -> String {
        match r {
            RuleRef::File(i) => {
                self.rules.get(i as usize).map_or_else(String::new, |r| r.id.clone())
            }
            RuleRef::Position(lang, description) => format!(
                "{}/position/{}",
                lang.code(),
                if description { "description" } else { "apposition" }
            ),
            RuleRef::Participation(lang) => {
                format!("{}/participation/meeting-at-event", lang.code())
            }
        }
    }

    /// Turns raw relations into [`Relation`]s, merging repeats.
    fn finish(&self, mut raws: Vec<Raw>, inp: &Input<'_>) -> Vec<Relation> {
        // "De Russen kunnen ons helpen met Noord-Korea": with a named topic, the helped
        // party is the beneficiary, not a second topic
        let with_beneficiary: Vec<(usize, u32, u32)> = raws
            .iter()
            .filter(|r| r.kind == RelationType::HelpWith && r.args.len() == 3)
            .map(|r| (r.sentence, r.args[0].1, r.args[2].1))
            .collect();
        if !with_beneficiary.is_empty() {
            raws.retain(|r| {
                !(r.kind == RelationType::HelpWith
                    && r.args.len() == 2
                    && with_beneficiary.contains(&(r.sentence, r.args[0].1, r.args[1].1)))
            });
        }
        let ents = &inp.res.entities;
        let id = |e: u32| ents[e as usize].id.clone();
        let mut out: Vec<Relation> = Vec::new();
        // keys on entity indices; ids and texts are built once per distinct relation
        // relations that agree in type, arguments, modality and tense merge; their
        // times must agree too, except that a statement without a time joins one with
        type Key = (RelationType, Vec<u32>, Modality, Tense);
        let mut index: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
        let mut seen: FxHashSet<(usize, Span)> = FxHashSet::default();
        let mut evidence: Vec<Vec<(usize, Span, RuleRef)>> = Vec::new();
        for r in raws {
            // the key is the two main arguments; an optional third (a beneficiary) is
            // kept from whichever statement names it
            let mut key_args: Vec<u32> = r.args.iter().take(2).map(|a| a.1).collect();
            if r.kind.is_symmetric() {
                key_args.sort_by(|a, b| ents[*a as usize].id.cmp(&ents[*b as usize].id));
            }
            let key: Key = (r.kind, key_args, r.modality, r.tense);
            let value = r.time.as_ref().map(|t| t.value.as_str());
            let found = index.get(&key).and_then(|ix| {
                let same = |i: &&usize| out[**i].time.as_ref().map(|t| t.value.as_str()) == value;
                match value {
                    None => ix.first(),
                    Some(_) => {
                        ix.iter().find(same).or_else(|| ix.iter().find(|i| out[**i].time.is_none()))
                    }
                }
                .copied()
            });
            if let Some(i) = found {
                let rel: &mut Relation = &mut out[i];
                if rel.time.is_none() {
                    rel.time = r.time.clone().map(|mut t| {
                        t.text = inp.text.get(t.start..t.end).unwrap_or("").to_string();
                        t
                    });
                }
                if seen.insert((i, r.span)) {
                    evidence[i].push((r.sentence, r.span, r.rule));
                }
                if rel.place.is_none() {
                    rel.place = r.place.map(id);
                }
                if rel.event.is_none() {
                    rel.event = r.event.map(id);
                }
                if rel.args.len() < r.args.len() {
                    rel.args.extend(
                        r.args[rel.args.len()..]
                            .iter()
                            .map(|&(role, e)| Argument { role, entity: id(e) }),
                    );
                }
                continue;
            }
            let mut args: Vec<Argument> =
                r.args.iter().map(|&(role, e)| Argument { role, entity: id(e) }).collect();
            if r.kind.is_symmetric() {
                args.sort_by(|a, b| a.entity.cmp(&b.entity));
            }
            let time = r.time.map(|mut t| {
                t.text = inp.text.get(t.start..t.end).unwrap_or("").to_string();
                t
            });
            index.entry(key).or_default().push(out.len());
            seen.insert((out.len(), r.span));
            evidence.push(vec![(r.sentence, r.span, r.rule)]);
            out.push(Relation {
                kind: r.kind,
                label: label(r.kind, r.modality, r.tense, r.title.as_deref()),
                args,
                modality: r.modality,
                tense: r.tense,
                time,
                place: r.place.map(id),
                event: r.event.map(id),
                title: r.title,
                sentence: r.sentence,
                evidence: r.span,
                rule: self.rule_name(r.rule),
                evidences: Vec::new(),
            });
        }
        // every statement of a relation stated more than once
        for (rel, evs) in out.iter_mut().zip(evidence) {
            if evs.len() > 1 {
                rel.evidences = evs
                    .into_iter()
                    .map(|(sentence, span, rule)| Evidence {
                        sentence,
                        span,
                        rule: self.rule_name(rule),
                    })
                    .collect();
            }
        }
        out
    }
}
