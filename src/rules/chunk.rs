//! Entity phrases: the units that rule slots bind to.
//!
//! An entity phrase is an optional determiner, optional modifiers and a head:
//!
//! ```text
//! [de|the|zijn…] [oud-|former] [Russische | Ruslands | Russia's | VS- | NAVO-] [title…] [van|of COUNTRY] HEAD
//! ```
//!
//! The head is an entity mention, a pronoun ("hij", "she"), or nothing: a title with a
//! country and no name ("de Russische president") is a *description*, resolved
//! through the gazetteer's dated posts to the person who held that post on the
//! document date. A phrase with a person head, a title and a country or organization
//! yields a `position` relation ("Amerikaans president Donald Trump"); so does a
//! comma apposition ("Sergei Lavrov, Russia's foreign minister,").

use crate::gazetteer::titles::Titles;
use crate::gazetteer::Gazetteer;
use crate::model::{Date, EntityType};
use crate::resolve::{MKind, RMention, Resolved};
use crate::tokenize::{TokenKind, Tokens};

use super::parse::{bits, LangWords};

pub(crate) const NONE: u32 = u32::MAX;

/// How many mentions back a pronoun looks for its person.
const PRONOUN_LOOKBACK: usize = 60;

/// An entity phrase over tokens `first..last`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Chunk {
    pub first: u32,
    pub last: u32,
    /// The entity the phrase stands for (index into `Resolved::entities`).
    pub head: u32,
    /// A second entity, for phrases that stand for a pair ("de twee leiders").
    pub head2: u32,
    /// Country or organization modifier.
    pub org: u32,
    pub title: Option<u16>,
    pub former: bool,
    /// A possessive before the title ("zijn minister van Buitenlandse Zaken X").
    pub possessive: bool,
    pub pronoun: bool,
    pub description: bool,
    /// A noun that refers back to the named gathering in focus ("de top").
    pub anaphor: bool,
}

impl Chunk {
    /// A phrase over tokens `first..last` standing for `head`, with no modifiers.
    fn new(first: usize, last: usize, head: u32) -> Chunk {
        Chunk {
            first: first as u32,
            last: last as u32,
            head,
            head2: NONE,
            org: NONE,
            title: None,
            former: false,
            possessive: false,
            pronoun: false,
            description: false,
            anaphor: false,
        }
    }
}

/// Per-token lookups built once per document.
pub(crate) struct TokMaps {
    /// Mention index starting at each token, or NONE.
    pub mention_at: Vec<u32>,
    /// Title hit index starting at each token, or NONE.
    pub title_at: Vec<u32>,
    /// Whether the token is inside double quotes.
    pub in_quote: Vec<bool>,
}

pub(crate) fn tok_maps(toks: &Tokens, res: &Resolved) -> TokMaps {
    let n = toks.len();
    let mut mention_at = vec![NONE; n];
    for (i, m) in res.mentions.iter().enumerate() {
        if let Some(x) = mention_at.get_mut(m.first as usize) {
            *x = i as u32;
        }
    }
    let mut title_at = vec![NONE; n];
    for (i, t) in res.titles.iter().enumerate() {
        if let Some(x) = title_at.get_mut(t.first as usize) {
            *x = i as u32;
        }
    }
    let mut in_quote = vec![false; n];
    let mut open = false;
    for (i, t) in toks.tokens().iter().enumerate() {
        if t.blankline_before() {
            open = false;
        }
        let f = toks.norm_of(t);
        if t.kind == TokenKind::Quote && f == "\"" {
            in_quote[i] = true;
            open = !open;
            continue;
        }
        in_quote[i] = open;
    }
    TokMaps { mention_at, title_at, in_quote }
}

pub(crate) struct ChunkCtx<'a> {
    pub toks: &'a Tokens,
    pub words: &'a LangWords,
    pub g: &'a Gazetteer,
    pub titles: &'a Titles,
    pub date: Option<Date>,
    pub maps: &'a TokMaps,
    /// The participants of the last meeting before this sentence, for "de twee
    /// leiders", "both leaders".
    pub last_pair: Option<(u32, u32)>,
    /// The named gathering in focus, for "de top", "the summit".
    pub gathering: Option<u32>,
    /// Function-word bits per token ([`bits`]).
    pub masks: &'a [u32],
}

impl ChunkCtx<'_> {
    /// Whether token `i` is in one of the word sets of `bit`.
    pub(crate) fn has(&self, i: usize, bit: u32) -> bool {
        self.masks.get(i).is_some_and(|m| m & bit != 0)
    }
}

/// Builds the entity phrases of tokens `from..to`; may add description mentions to
/// `res` (returned separately, to be merged by the caller).
pub(crate) fn chunks(
    c: &ChunkCtx<'_>,
    res: &mut Resolved,
    from: usize,
    to: usize,
    added: &mut Vec<RMention>,
) -> Vec<Chunk> {
    let tt = c.toks.tokens();
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let start = i;
        let mut j = i;
        let mut possessive = false;
        while j < to && j < start + 3 && tt[j].kind == TokenKind::Word && c.has(j, bits::DET) {
            possessive |= c.has(j, bits::POSSESSIVE);
            j += 1;
        }
        let mut org = NONE;
        let mut title = None;
        let mut former = false;
        // where a demonym adjective ends, if the phrase has one ("de Russische")
        let mut adj_end = None;
        let mut progressed = true;
        while progressed && j < to {
            progressed = false;
            if c.has(j, bits::CUE0 << 6) {
                former = true;
                j += 1;
                if c.toks.norm_at(j) == "-" {
                    j += 1;
                }
                progressed = true;
                continue;
            }
            let mi = c.maps.mention_at[j];
            if mi != NONE {
                let m = res.mentions[mi as usize];
                let ent = &res.entities[m.ent as usize];
                let after = (m.first + m.len) as usize;
                let is_mod_type =
                    matches!(ent.kind, EntityType::Country | EntityType::Organization);
                let next = c.toks.norm_at(after);
                let title_next = after < to && c.maps.title_at[after] != NONE;
                if m.kind == MKind::Alias(crate::gazetteer::AliasKind::Adj) {
                    org = m.ent;
                    j = after;
                    adj_end = Some(after);
                    progressed = true;
                } else if is_mod_type
                    && next == "-"
                    && after + 1 < to
                    && !tt[after].space_before()
                    && !tt[after + 1].space_before()
                    && c.maps.title_at[after + 1] != NONE
                {
                    // "VS-president", "NAVO-chef"
                    org = m.ent;
                    j = after + 1;
                    progressed = true;
                } else if is_mod_type
                    && next == "'"
                    && c.toks.norm_at(after + 1) == "s"
                    && after + 2 < to
                    && c.maps.title_at[after + 2] != NONE
                {
                    // "Russia's foreign minister"
                    org = m.ent;
                    j = after + 2;
                    progressed = true;
                } else if is_mod_type && title_next && title.is_none() {
                    // "Ruslands president", "US President"
                    org = m.ent;
                    j = after;
                    progressed = true;
                }
                if progressed {
                    continue;
                }
            }
            let ti = c.maps.title_at[j];
            // a title, or the last of several ("president President Moon", "EU-chef
            // en premier")
            if ti != NONE {
                let th = res.titles[ti as usize];
                title = Some(th.title);
                j = (th.first + th.len) as usize;
                // "de president van Rusland", "the president of France", "de
                // voorzitter van de Europese Commissie"
                if j + 1 < to && c.has(j, bits::OF) {
                    let mi = org_mention_after(c, j + 1, to);
                    if mi != NONE {
                        let m = res.mentions[mi as usize];
                        if matches!(
                            res.entities[m.ent as usize].kind,
                            EntityType::Country | EntityType::Organization
                        ) && org == NONE
                        {
                            org = m.ent;
                            j = (m.first + m.len) as usize;
                        }
                    }
                }
                progressed = true;
            }
        }
        // "de twee leiders", "both leaders", and "ze zullen", "they": the last
        // meeting's participants
        if j == start + usize::from(j > start) && title.is_none() && org == NONE {
            let plural = (j == start && c.has(start, bits::PLURAL) && {
                // Dutch "zij"/"ze" is plural before a plural verb ("zij hebben")
                c.words.plural_verb.is_empty() || c.has(start + 1, bits::PLURAL_VERB)
            })
            .then_some(1);
            if let (Some((p, q)), Some(len)) =
                (c.last_pair, plural.or_else(|| pair_phrase(c, start, to)))
            {
                out.push(Chunk { head2: q, pronoun: true, ..Chunk::new(start, start + len, p) });
                i = start + len;
                continue;
            }
        }
        // "de Noord-Koreaanse hoofdstad Pyongyang", "the Syrian city of Aleppo"
        if let Some(ch) = place_phrase(c, res, (start, j, to), org, title.is_some()) {
            out.push(ch);
            i = ch.last as usize;
            continue;
        }
        // "Addis Abeba, de hoofdstad van Ethiopië": the country of the place before
        if let Some(country) = place_apposition(c, res, (start, j, to), from) {
            if let Some(prev) = out.last_mut().filter(|p| {
                p.last as usize + 1 == start
                    && p.org == NONE
                    && res.entities[p.head as usize].kind == EntityType::Location
            }) {
                prev.org = country.0;
                prev.last = country.1 as u32;
                i = country.1;
                continue;
            }
        }
        // "de Russische sancties", "Chinese aid", "de Turkse regering": a demonym
        // before an action or a body of a state stands for the state
        if let Some(end) = adj_end.filter(|&e| {
            e == j
                && title.is_none()
                && j < to
                && c.has(j, bits::ADJNOUN)
                && res.entities[org as usize].kind == EntityType::Country
        }) {
            out.push(Chunk::new(start, end, org));
            i = end;
            continue;
        }
        // "de top", "the summit": the named gathering in focus
        if let Some(g) = c.gathering.filter(|_| {
            j > start
                && title.is_none()
                && org == NONE
                && j < to
                && c.has(j, bits::GATHERING)
                && c.maps.mention_at[j] == NONE
        }) {
            out.push(Chunk { anaphor: true, ..Chunk::new(start, j + 1, g) });
            i = j + 1;
            continue;
        }
        // a phrase from `start` whose head is mention `m`, with the modifiers read
        let headed = |m: RMention| Chunk {
            org,
            title,
            former,
            possessive,
            ..Chunk::new(start, (m.first + m.len) as usize, m.ent)
        };
        // head: a mention (a demonym adjective is a modifier, never a head)
        let mut chunk = None;
        if j < to {
            let mi = c.maps.mention_at[j];
            if mi != NONE {
                let m = res.mentions[mi as usize];
                if m.kind != MKind::Alias(crate::gazetteer::AliasKind::Adj) {
                    chunk = Some(headed(m));
                }
            } else if tt[j].kind == TokenKind::Word
                && c.has(j, bits::SPEAKER)
                && c.maps.in_quote[j]
                && org == NONE
                && title.is_none()
            {
                // "ons", "we", "us" inside a quotation: the speaker's country; "ik",
                // "I": the speaker
                let me = matches!(c.toks.norm_at(j), "ik" | "i");
                if let Some(ent) = speaker_of(c, res, j, me) {
                    // resolved to a named speaker or country: it may fill any slot
                    chunk = Some(Chunk::new(j, j + 1, ent));
                }
            } else if tt[j].kind == TokenKind::Word
                && c.has(j, bits::PRONOUN)
                && org == NONE
                && title.is_none()
                && j == start
            {
                if let Some((ent, end)) = resolve_pronoun(c, res, j, to) {
                    chunk = Some(Chunk { pronoun: true, ..Chunk::new(j, end, ent) });
                }
            }
        }
        // "his trip to the DPRK": a possessive pronoun with no phrase after it stands
        // for its person
        if chunk.is_none()
            && j == start + 1
            && title.is_none()
            && org == NONE
            && c.has(start, bits::PRONOUN)
            && c.has(start, bits::POSSESSIVE)
        {
            if let Some((ent, _)) = resolve_pronoun(c, res, start, to) {
                chunk = Some(Chunk {
                    pronoun: true,
                    possessive: true,
                    ..Chunk::new(start, start + 1, ent)
                });
            }
        }
        // "Russia's foreign minister, Sergei Lavrov": the name after a comma
        if chunk.is_none()
            && title.is_some()
            && org != NONE
            && j + 1 < to
            && c.toks.norm_at(j) == ","
        {
            let mi = c.maps.mention_at[j + 1];
            if mi != NONE {
                let m = res.mentions[mi as usize];
                if res.entities[m.ent as usize].kind == EntityType::Person {
                    chunk = Some(headed(m));
                }
            }
        }
        // "Sergej Lavrov, de Russische minister van Buitenlandse Zaken": the
        // description after a comma describes the person before it
        if chunk.is_none()
            && title.is_some()
            && org != NONE
            && start > from
            && c.toks.norm_at(start - 1) == ","
        {
            if let Some(prev) = out.last_mut() {
                let prev: &mut Chunk = prev;
                if prev.last as usize + 1 == start
                    && prev.title.is_none()
                    && prev.org == NONE
                    && res.entities[prev.head as usize].kind == EntityType::Person
                    && !prev.pronoun
                {
                    prev.org = org;
                    prev.title = title;
                    prev.former = former;
                    // the apposition is part of the phrase (its evidence, its extent)
                    prev.last = j as u32;
                    i = j;
                    continue;
                }
            }
        }
        // "de paus": a title that implies its organization
        let mut implied_org = false;
        if chunk.is_none() && org == NONE && j > start {
            if let Some(t) = title {
                let org_id = c.titles.implied.get(t as usize).and_then(|o| o.as_deref());
                if let Some(ix) = org_id.and_then(|o| c.g.index_of(o)) {
                    org = res.entity_for(c.g, ix as u32);
                    implied_org = true;
                }
            }
        }
        if chunk.is_none() && title.is_some() && org != NONE && j > start {
            // a description: "de Russische president"
            if let Some(t) = title {
                let tpos = (start..j).find(|&k| c.maps.title_at[k] != NONE).unwrap_or(start);
                let tlen = res.titles.get(c.maps.title_at[tpos] as usize).map_or(1, |h| h.len);
                if let Some(entry) = holder(c, &res.entities[org as usize].id, c.titles.name(t)) {
                    let ent = res.entity_for(c.g, entry);
                    added.push(RMention {
                        first: tpos as u32,
                        len: tlen,
                        ent,
                        kind: MKind::Description,
                    });
                    chunk = Some(Chunk {
                        // an implied organization is no stated post
                        org: if implied_org { NONE } else { org },
                        title,
                        former,
                        possessive,
                        description: true,
                        ..Chunk::new(start, j, ent)
                    });
                }
            }
        }
        match chunk {
            Some(mut ch) => {
                let is_person = res.entities[ch.head as usize].kind == EntityType::Person;
                // "president Poetin van Rusland": the country after the name
                if is_person
                    && ch.title.is_some()
                    && ch.org == NONE
                    && c.has(ch.last as usize, bits::OF)
                {
                    let k = ch.last as usize + 1;
                    let mi = if k < to { org_mention_after(c, k, to) } else { NONE };
                    if mi != NONE {
                        let m = res.mentions[mi as usize];
                        if matches!(
                            res.entities[m.ent as usize].kind,
                            EntityType::Country | EntityType::Organization
                        ) {
                            ch.org = m.ent;
                            ch.last = m.first + m.len;
                        }
                    }
                }
                // "Antony Blinken (VS)": a country in brackets after a person
                let last = ch.last as usize;
                if is_person
                    && !ch.pronoun
                    && c.toks.norm_at(last) == "("
                    && c.toks.norm_at(last + 2) == ")"
                    && last + 2 < to
                {
                    let mi = c.maps.mention_at[last + 1];
                    if mi != NONE {
                        let m = res.mentions[mi as usize];
                        if m.len == 1 && res.entities[m.ent as usize].kind == EntityType::Country {
                            if ch.org == NONE {
                                ch.org = m.ent;
                            }
                            ch.last = (last + 3) as u32;
                        }
                    }
                }
                // "zijn Russische ambtgenoot", "his counterpart": the title of the
                // person named before in the sentence
                if let Some(t) = ch.title {
                    if c.titles.name(t) == "counterpart" {
                        ch.title = out
                            .iter()
                            .rev()
                            .find_map(|o| o.title.filter(|x| c.titles.name(*x) != "counterpart"));
                        // no title before it: the person's own post with that country
                        if ch.title.is_none() && ch.org != NONE {
                            // unknown: the post stays "counterpart" ("his Nepalese
                            // counterpart Sushil Koirala" still serves Nepal)
                            ch.title = post_title(c, res, ch.head, ch.org).or(Some(t));
                        }
                    }
                }
                // "de ministers van Buitenlandse Zaken Antony Blinken (VS) en Sergey
                // Lavrov (Rusland)": a coordinated person shares the title
                if is_person && ch.title.is_none() && start >= 1 {
                    if let Some(prev) = out.last() {
                        if prev.last as usize + 1 == start
                            && c.has(start - 1, bits::COORD)
                            && prev.title.is_some()
                            && res.entities[prev.head as usize].kind == EntityType::Person
                        {
                            ch.title = prev.title;
                            ch.possessive |= prev.possessive;
                        }
                    }
                }
                // "zijn minister van Buitenlandse Zaken Rex Tillerson": a post relative
                // to a leader named before; the gazetteer's dated post gives the country
                if is_person && ch.possessive && ch.org == NONE && !ch.pronoun {
                    if let (Some(t), Some(d), crate::resolve::EntKey::Gaz(e)) =
                        (ch.title, c.date, res.entities[ch.head as usize].key)
                    {
                        let title = c.titles.name(t);
                        let post = c.g.entries()[e as usize].posts.iter().find(|p| {
                            crate::gazetteer::titles::title_matches(title, &p.title) && p.held_on(d)
                        });
                        if let Some(ix) = post.and_then(|p| c.g.index_of(&p.org)) {
                            ch.org = res.entity_for(c.g, ix as u32);
                        }
                    }
                }
                out.push(ch);
                i = ch.last as usize;
            }
            None => i = start + 1,
        }
    }
    out
}

/// A place introduced by its country and kind ("de Noord-Koreaanse hoofdstad
/// Pyongyang", "the Syrian city of Aleppo"): the place, with the country as its
/// modifier. `(start, j, to)`: the phrase start, where its modifiers end, the limit.
fn place_phrase(
    c: &ChunkCtx<'_>,
    res: &Resolved,
    (start, j, to): (usize, usize, usize),
    org: u32,
    titled: bool,
) -> Option<Chunk> {
    if org == NONE || titled || j + 1 >= to || !c.has(j, bits::PLACENOUN) {
        return None;
    }
    let k = if c.has(j + 1, bits::OF) { j + 2 } else { j + 1 };
    let mi = *c.maps.mention_at.get(k)?;
    if mi == NONE || res.entities[org as usize].kind != EntityType::Country {
        return None;
    }
    let m = res.mentions[mi as usize];
    (res.entities[m.ent as usize].kind == EntityType::Location)
        .then(|| Chunk { org, ..Chunk::new(start, (m.first + m.len) as usize, m.ent) })
}

/// ", de hoofdstad van Ethiopië" after a place: the country, and where the apposition
/// ends.
fn place_apposition(
    c: &ChunkCtx<'_>,
    res: &Resolved,
    (start, j, to): (usize, usize, usize),
    from: usize,
) -> Option<(u32, usize)> {
    if start <= from || c.toks.norm_at(start - 1) != "," || j + 2 >= to {
        return None;
    }
    if !(c.has(j, bits::PLACENOUN) && c.has(j + 1, bits::OF)) {
        return None;
    }
    let mi = org_mention_after(c, j + 2, to);
    if mi == NONE {
        return None;
    }
    let m = res.mentions[mi as usize];
    (res.entities[m.ent as usize].kind == EntityType::Country)
        .then_some((m.ent, (m.first + m.len) as usize))
}

/// The mention at token `k`, or after a determiner there ("of the United States").
fn org_mention_after(c: &ChunkCtx<'_>, k: usize, to: usize) -> u32 {
    match c.maps.mention_at.get(k).copied() {
        Some(mi) if mi != NONE => mi,
        _ if k + 1 < to && c.has(k, bits::DET) && !c.has(k, bits::POSSESSIVE) => {
            c.maps.mention_at.get(k + 1).copied().unwrap_or(NONE)
        }
        _ => NONE,
    }
}

/// The person holding `title` of `org` on the document date, if exactly one does.
pub(crate) fn holder(c: &ChunkCtx<'_>, org: &str, title: &str) -> Option<u32> {
    let date = c.date?;
    let mut found = None;
    for (i, e) in c.g.entries().iter().enumerate() {
        if e.kind != EntityType::Person {
            continue;
        }
        if e.posts.iter().any(|p| {
            p.org == org
                && crate::gazetteer::titles::title_matches(title, &p.title)
                && p.held_on(date)
        }) {
            if found.is_some() {
                return None;
            }
            found = Some(i as u32);
        }
    }
    found
}

/// The entity a pronoun at `j` stands for, and where its phrase ends: a parenthesis
/// right after it that names an entity ("zij (de Russen, red.)") wins; otherwise the
/// first person mentioned in the sentence before it, or in the nearest earlier
/// sentence that mentions one, staying on the pronoun's side of any quotation.
fn resolve_pronoun(c: &ChunkCtx<'_>, res: &Resolved, j: usize, to: usize) -> Option<(u32, usize)> {
    let tt = c.toks.tokens();
    if c.toks.norm_at(j + 1) == "(" {
        let mut k = j + 2;
        while k < to && c.toks.norm_at(k) != ")" {
            let mi = c.maps.mention_at[k];
            if mi != NONE {
                let m = res.mentions[mi as usize];
                let mut close = k;
                while close < to && c.toks.norm_at(close) != ")" {
                    close += 1;
                }
                return Some((m.ent, (close + 1).min(to)));
            }
            k += 1;
        }
    }
    let quoted = c.maps.in_quote[j];
    // the most recent person mention before j on the same side of any quotation
    // (looking back a bounded number of mentions)
    let idx = res.mentions.partition_point(|m| (m.first as usize) < j);
    let is_person = |m: &RMention| {
        res.entities[m.ent as usize].kind == EntityType::Person
            && c.maps.in_quote[m.first as usize] == quoted
    };
    let last_i =
        (idx.saturating_sub(PRONOUN_LOOKBACK)..idx).rev().find(|&i| is_person(&res.mentions[i]))?;
    let last = &res.mentions[last_i];
    // the start of that mention's sentence
    let mut s = last.first as usize;
    let floor = s.saturating_sub(300);
    while s > floor {
        let f = c.toks.norm_at(s - 1);
        if matches!(f, "." | "!" | "?") || tt[s].blankline_before() {
            break;
        }
        s -= 1;
    }
    // the first person of that sentence: subjects come first
    let first_in_sentence = res.mentions[..=last_i]
        .iter()
        .rev()
        .take_while(|m| m.first as usize >= s)
        .filter(|m| is_person(m))
        .last()?;
    Some((first_in_sentence.ent, j + 1))
}

/// Words that make a phrase stand for the two parties of the last meeting.
const PAIR_PHRASES: &[&[&str]] = &[
    &["twee", "leiders"],
    &["beide", "leiders"],
    &["twee", "presidenten"],
    &["beide", "presidenten"],
    &["twee", "staatshoofden"],
    &["beide", "staatshoofden"],
    &["twee", "wereldleiders"],
    &["twee", "mannen"],
    &["twee", "ministers"],
    &["beide", "ministers"],
    &["twee", "premiers"],
    &["beide", "premiers"],
    &["twee", "buitenlandministers"],
    &["two", "leaders"],
    &["both", "leaders"],
    &["two", "presidents"],
    &["both", "presidents"],
    &["two", "men"],
    &["two", "ministers"],
    &["both", "ministers"],
    &["two", "foreign", "ministers"],
    &["two", "prime", "ministers"],
    &["pair"],
];

/// The first words of [`PAIR_PHRASES`], flagged per token so that the phrases are
/// only compared where one can start.
pub(crate) const PAIR_FIRST: &[&str] = &["twee", "beide", "two", "both", "pair"];

/// The length of a pair phrase starting at `at` (after its determiner), if any.
fn pair_phrase(c: &ChunkCtx<'_>, at: usize, to: usize) -> Option<usize> {
    let skip = usize::from(c.has(at, bits::DET));
    let from = at + skip;
    if !c.has(from, bits::PAIR) {
        return None;
    }
    PAIR_PHRASES.iter().find_map(|p| {
        let ok = p.iter().enumerate().all(|(k, w)| from + k < to && c.toks.norm_at(from + k) == *w);
        ok.then_some(skip + p.len())
    })
}

/// The canonical title (as a title index) of a post that `person` held with `org` on
/// the document date, if the gazetteer knows one and the title list has it.
fn post_title(c: &ChunkCtx<'_>, res: &Resolved, person: u32, org: u32) -> Option<u16> {
    let (crate::resolve::EntKey::Gaz(e), Some(d)) = (res.entities[person as usize].key, c.date)
    else {
        return None;
    };
    let org_id = &res.entities[org as usize].id;
    let post = c.g.entries()[e as usize].posts.iter().find(|p| &p.org == org_id && p.held_on(d))?;
    c.titles.canonical.iter().position(|t| *t == post.title).map(|i| i as u16)
}

/// The speaker of the quotation around token `j` (or, unless `person`, the speaker's
/// country): the person named
/// just before its opening mark ("Trump: \"…") or just after its closing mark
/// ("\"…\", zei Poetin"), and the country of the post that person held on the
/// document date.
fn speaker_of(c: &ChunkCtx<'_>, res: &mut Resolved, j: usize, person: bool) -> Option<u32> {
    let tt = c.toks.tokens();
    let is_mark = |k: usize| {
        tt.get(k).is_some_and(|t| t.kind == TokenKind::Quote && c.toks.norm_at(k) == "\"")
    };
    let open = (j.saturating_sub(300)..j).rev().find(|&k| is_mark(k))?;
    let close = (j + 1..(j + 300).min(tt.len())).find(|&k| is_mark(k));
    let person_at = |k: usize| {
        let mi = c.maps.mention_at.get(k).copied().unwrap_or(NONE);
        (mi != NONE)
            .then(|| res.mentions[mi as usize].ent)
            .filter(|&e| res.entities[e as usize].kind == EntityType::Person)
    };
    let mut speaker = None;
    if open > 0 && c.toks.norm_at(open - 1) == ":" {
        speaker = (open.saturating_sub(8)..open - 1).rev().find_map(person_at);
    }
    if speaker.is_none() {
        if let Some(close) = close {
            let end = (close + 8).min(tt.len());
            speaker = (close + 1..end).find_map(|k| {
                person_at(k).or_else(|| {
                    // "\"…\", verklaarde hij": the pronoun's person
                    c.has(k, bits::PRONOUN)
                        .then(|| resolve_pronoun(c, res, k, end).map(|(e, _)| e))
                        .flatten()
                })
            });
        }
    }
    let speaker = speaker?;
    if person {
        return Some(speaker);
    }
    let crate::resolve::EntKey::Gaz(e) = res.entities[speaker as usize].key else {
        return None;
    };
    let posts = &c.g.entries()[e as usize].posts;
    let post = posts
        .iter()
        .rev()
        .find(|p| p.org.starts_with("country:") && c.date.is_none_or(|d| p.held_on(d)))?;
    let ix = c.g.index_of(&post.org)?;
    Some(res.entity_for(c.g, ix as u32))
}
