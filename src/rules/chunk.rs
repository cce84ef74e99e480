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
//!
//! [`chunks`] reads a sentence left to right. At each token it reads what may come
//! before a head (determiners, "former", a country or organization, titles), then
//! tries, in a fixed order that matters (the first that applies wins):
//!
//! 1. phrases that need no head: "de twee leiders" (the last meeting's pair), "de
//!    Noord-Koreaanse hoofdstad Pyongyang", ", de hoofdstad van Ethiopië" after a
//!    place, "de Russische sancties" (the state), "de top" (the gathering in focus);
//! 2. a head: a mention, a speaker word in a quotation ("we", "ik"), a pronoun, a
//!    possessive pronoun on its own, the name after a comma, an apposition after a
//!    comma (added to the person before it), a description;
//! 3. for a phrase with a head, what follows it: "van Rusland", "(VS)", the post of
//!    "his counterpart", a title shared by coordination, the country of a
//!    possessive post ("zijn minister van Buitenlandse Zaken X").
//!
//! The phrases are what rule slots bind to (`matching`); the caller also draws the
//! `position` relations from them.

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
    /// A demonym standing for its state before an action or body ("the French
    /// delegation"): an actor, never a place.
    pub demonym: bool,
}

impl Chunk {
    /// A demonym over tokens `first..last` standing for its state `country` ("de
    /// Russische sancties", "de Rwandese ambassadeur").
    fn state(first: usize, last: usize, country: u32) -> Chunk {
        Chunk { demonym: true, ..Chunk::new(first, last, country) }
    }

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
            demonym: false,
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
///
/// At each token, the phrase's determiners, modifiers and titles are read
/// ([`read_modifiers`]); then the phrases that need no head are tried
/// ([`headless_phrase`]); then a head is looked for ([`find_head`]), and a phrase with
/// a head is completed by what follows it ([`complete_head`]). A token that starts no
/// phrase is skipped.
pub(crate) fn chunks(
    c: &ChunkCtx<'_>,
    res: &mut Resolved,
    from: usize,
    to: usize,
    added: &mut Vec<RMention>,
) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let md = read_modifiers(c, res, i, to);
        if let Some(next) = headless_phrase(c, res, &md, (from, to), &mut out) {
            i = next;
            continue;
        }
        i = match find_head(c, res, &md, (from, to), &mut out, added) {
            Head::Found(ch) => {
                let ch = complete_head(c, res, ch, md.start, to, &out);
                out.push(ch);
                ch.last as usize
            }
            Head::Merged(next) => next,
            Head::NotFound => md.start + 1,
        };
    }
    out
}

/// What comes before a phrase's head: its determiners, modifiers and titles.
#[derive(Clone, Copy, Debug)]
struct Mods {
    /// The phrase's first token.
    start: usize,
    /// The first token after the modifiers, where the head is looked for.
    j: usize,
    /// Country or organization modifier, or [`NONE`].
    org: u32,
    /// The title (the last of several).
    title: Option<u16>,
    /// "oud-", "former".
    former: bool,
    /// A possessive determiner ("zijn", "his").
    possessive: bool,
    /// Where a demonym adjective ends, if the phrase has one ("de Russische").
    adj_end: Option<usize>,
}

impl Mods {
    /// A phrase from `start` whose head is mention `m`, with the modifiers read.
    fn headed(&self, m: RMention) -> Chunk {
        Chunk {
            org: self.org,
            title: self.title,
            former: self.former,
            possessive: self.possessive,
            ..Chunk::new(self.start, (m.first + m.len) as usize, m.ent)
        }
    }
}

/// Whether entity `ent` is a person.
fn is_person(res: &Resolved, ent: u32) -> bool {
    res.entities[ent as usize].kind == EntityType::Person
}

/// Whether entity `ent` is a country or an organization: what a title is "of".
fn is_country_or_org(res: &Resolved, ent: u32) -> bool {
    matches!(res.entities[ent as usize].kind, EntityType::Country | EntityType::Organization)
}

/// Reads the start of a phrase at `start`: its determiners, then, as long as one
/// follows another, "oud-"/"former", a country or organization modifier and titles.
fn read_modifiers(c: &ChunkCtx<'_>, res: &Resolved, start: usize, to: usize) -> Mods {
    let (j, possessive) = read_determiners(c, start, to);
    let mut md =
        Mods { start, j, org: NONE, title: None, former: false, possessive, adj_end: None };
    while md.j < to {
        let progressed = read_former(c, &mut md)
            || read_org_modifier(c, res, &mut md, to)
            || read_title(c, res, &mut md, to);
        if !progressed {
            break;
        }
    }
    md
}

/// Up to three determiners from `start` ("de", "zijn", "the"): where they end, and
/// whether one of them is possessive.
fn read_determiners(c: &ChunkCtx<'_>, start: usize, to: usize) -> (usize, bool) {
    let tt = c.toks.tokens();
    let mut j = start;
    let mut possessive = false;
    while j < to && j < start + 3 && tt[j].kind == TokenKind::Word && c.has(j, bits::DET) {
        possessive |= c.has(j, bits::POSSESSIVE);
        j += 1;
    }
    (j, possessive)
}

/// "oud-", "former" (the cue `former`, [`bits::FORMER`]) at `md.j`; reads it and
/// returns whether there was one.
fn read_former(c: &ChunkCtx<'_>, md: &mut Mods) -> bool {
    if !c.has(md.j, bits::FORMER) {
        return false;
    }
    md.former = true;
    md.j += 1;
    if c.toks.norm_at(md.j) == "-" {
        md.j += 1;
    }
    true
}

/// A country or organization modifier at `md.j` (a demonym adjective, "VS-",
/// "Russia's", "Ruslands"); reads it and returns whether there was one.
fn read_org_modifier(c: &ChunkCtx<'_>, res: &Resolved, md: &mut Mods, to: usize) -> bool {
    let tt = c.toks.tokens();
    let mi = c.maps.mention_at[md.j];
    if mi == NONE {
        return false;
    }
    let m = res.mentions[mi as usize];
    let after = (m.first + m.len) as usize;
    let is_mod_type = is_country_or_org(res, m.ent);
    let next = c.toks.norm_at(after);
    let title_next = after < to && c.maps.title_at[after] != NONE;
    let end = if m.kind == MKind::Alias(crate::gazetteer::AliasKind::Adj) {
        md.adj_end = Some(after);
        after
    } else if is_mod_type
        && next == "-"
        && after + 1 < to
        && !tt[after].space_before()
        && !tt[after + 1].space_before()
        && c.maps.title_at[after + 1] != NONE
    {
        // "VS-president", "NAVO-chef"
        after + 1
    } else if is_mod_type
        && next == "'"
        && c.toks.norm_at(after + 1) == "s"
        && after + 2 < to
        && c.maps.title_at[after + 2] != NONE
    {
        // "Russia's foreign minister"
        after + 2
    } else if is_mod_type && title_next && md.title.is_none() {
        // "Ruslands president", "US President"
        after
    } else {
        return false;
    };
    md.org = m.ent;
    md.j = end;
    true
}

/// A title at `md.j`, with the country or organization after it; reads it and
/// returns whether there was one.
fn read_title(c: &ChunkCtx<'_>, res: &Resolved, md: &mut Mods, to: usize) -> bool {
    let ti = c.maps.title_at[md.j];
    // a title, or the last of several ("president President Moon", "EU-chef
    // en premier")
    if ti == NONE {
        return false;
    }
    let th = res.titles[ti as usize];
    md.title = Some(th.title);
    md.j = (th.first + th.len) as usize;
    // "de president van Rusland", "the president of France", "de
    // voorzitter van de Europese Commissie"
    if md.j + 1 < to && c.has(md.j, bits::OF) {
        let mi = org_mention_after(c, md.j + 1, to);
        if mi != NONE {
            let m = res.mentions[mi as usize];
            if is_country_or_org(res, m.ent) && md.org == NONE {
                md.org = m.ent;
                md.j = (m.first + m.len) as usize;
            }
        }
    }
    true
}

/// The phrases tried before a head, in this order: the last meeting's pair, a place
/// with its country and kind, a place apposition, a demonym standing for its state,
/// the gathering in focus. The first that applies is pushed onto `out` (or extends
/// the last phrase there); returns where reading resumes.
fn headless_phrase(
    c: &ChunkCtx<'_>,
    res: &Resolved,
    md: &Mods,
    (from, to): (usize, usize),
    out: &mut Vec<Chunk>,
) -> Option<usize> {
    let pushed = |out: &mut Vec<Chunk>, ch: Chunk| {
        out.push(ch);
        Some(ch.last as usize)
    };
    if let Some(ch) = pair_chunk(c, md, to) {
        return pushed(out, ch);
    }
    // "de Noord-Koreaanse hoofdstad Pyongyang", "the Syrian city of Aleppo"
    if let Some(ch) = place_phrase(c, res, (md.start, md.j, to), md.org, md.title.is_some()) {
        return pushed(out, ch);
    }
    if let Some(next) = merge_place_apposition(c, res, md, (from, to), out) {
        return Some(next);
    }
    if let Some(ch) = adjective_country(c, res, md, to) {
        return pushed(out, ch);
    }
    let ch = gathering_anaphor(c, md, to)?;
    pushed(out, ch)
}

/// "de twee leiders", "both leaders", and "ze zullen", "they": the last
/// meeting's participants, for a phrase of at most a determiner and a word.
fn pair_chunk(c: &ChunkCtx<'_>, md: &Mods, to: usize) -> Option<Chunk> {
    let (start, j) = (md.start, md.j);
    if !(j == start + usize::from(j > start) && md.title.is_none() && md.org == NONE) {
        return None;
    }
    let plural = (j == start && c.has(start, bits::PLURAL) && {
        // Dutch "zij"/"ze" is plural before a plural verb ("zij hebben")
        c.words.plural_verb.is_empty() || c.has(start + 1, bits::PLURAL_VERB)
    })
    .then_some(1);
    let len = plural.or_else(|| pair_phrase(c, start, to));
    let ((p, q), len) = (c.last_pair?, len?);
    Some(Chunk { head2: q, pronoun: true, ..Chunk::new(start, start + len, p) })
}

/// "Addis Abeba, de hoofdstad van Ethiopië": the country of the place before, added
/// to the place's phrase (the last in `out`); returns where reading resumes.
fn merge_place_apposition(
    c: &ChunkCtx<'_>,
    res: &Resolved,
    md: &Mods,
    (from, to): (usize, usize),
    out: &mut [Chunk],
) -> Option<usize> {
    let start = md.start;
    let (country, end) = place_apposition(c, res, (start, md.j, to), from)?;
    let prev = out.last_mut().filter(|p| {
        p.last as usize + 1 == start
            && p.org == NONE
            && res.entities[p.head as usize].kind == EntityType::Location
    })?;
    prev.org = country;
    prev.last = end as u32;
    Some(end)
}

/// "de Russische sancties", "Chinese aid", "de Turkse regering": a demonym
/// before an action or a body of a state stands for the state.
fn adjective_country(c: &ChunkCtx<'_>, res: &Resolved, md: &Mods, to: usize) -> Option<Chunk> {
    let j = md.j;
    let end = md.adj_end.filter(|&e| {
        e == j
            && md.title.is_none()
            && j < to
            && c.has(j, bits::ADJNOUN)
            && res.entities[md.org as usize].kind == EntityType::Country
    })?;
    Some(Chunk::state(md.start, end, md.org))
}

/// "de top", "the summit": the named gathering in focus.
fn gathering_anaphor(c: &ChunkCtx<'_>, md: &Mods, to: usize) -> Option<Chunk> {
    let j = md.j;
    let g = c.gathering.filter(|_| {
        j > md.start
            && md.title.is_none()
            && md.org == NONE
            && j < to
            && c.has(j, bits::GATHERING)
            && c.maps.mention_at[j] == NONE
    })?;
    Some(Chunk { anaphor: true, ..Chunk::new(md.start, j + 1, g) })
}

/// What the search for a phrase's head found.
enum Head {
    /// A phrase with its head, to be completed by [`complete_head`].
    Found(Chunk),
    /// An apposition, added to the phrase before it; reading resumes at the token.
    Merged(usize),
    /// No phrase starts here.
    NotFound,
}

/// The head of the phrase read as `md`, tried in this order: a word at `md.j` (a
/// mention, a speaker word in a quotation, a pronoun); a possessive pronoun on its
/// own; the name after a comma; an apposition after a comma, added to the phrase
/// before it (the last in `out`); a description, whose mention goes to `added`.
fn find_head(
    c: &ChunkCtx<'_>,
    res: &mut Resolved,
    md: &Mods,
    (from, to): (usize, usize),
    out: &mut [Chunk],
    added: &mut Vec<RMention>,
) -> Head {
    let found = word_head(c, res, md, to)
        .or_else(|| possessive_pronoun(c, res, md, to))
        .or_else(|| name_after_comma(c, res, md, to));
    if let Some(ch) = found {
        return Head::Found(ch);
    }
    if let Some(next) = merge_apposition(c, res, md, from, out) {
        return Head::Merged(next);
    }
    match description(c, res, md, added) {
        Some(ch) => Head::Found(ch),
        None => Head::NotFound,
    }
}

/// The head at `md.j`: a mention (a demonym adjective is a modifier, never a head);
/// where no mention starts, a speaker word inside a quotation, or else a pronoun.
fn word_head(c: &ChunkCtx<'_>, res: &mut Resolved, md: &Mods, to: usize) -> Option<Chunk> {
    let tt = c.toks.tokens();
    let j = md.j;
    if j >= to {
        return None;
    }
    let mi = c.maps.mention_at[j];
    if mi != NONE {
        let m = res.mentions[mi as usize];
        return (m.kind != MKind::Alias(crate::gazetteer::AliasKind::Adj)).then(|| md.headed(m));
    }
    if tt[j].kind == TokenKind::Word
        && c.has(j, bits::SPEAKER)
        && c.maps.in_quote[j]
        && md.org == NONE
        && md.title.is_none()
    {
        // "ons", "we", "us" inside a quotation: the speaker's country; "ik",
        // "I": the speaker
        let me = matches!(c.toks.norm_at(j), "ik" | "i");
        // resolved to a named speaker or country: it may fill any slot
        return speaker_of(c, res, j, me).map(|ent| Chunk::new(j, j + 1, ent));
    }
    if tt[j].kind == TokenKind::Word
        && c.has(j, bits::PRONOUN)
        && md.org == NONE
        && md.title.is_none()
        && j == md.start
    {
        return resolve_pronoun(c, res, j, to)
            .map(|(ent, end)| Chunk { pronoun: true, ..Chunk::new(j, end, ent) });
    }
    None
}

/// "his trip to the DPRK": a possessive pronoun with no phrase after it stands
/// for its person.
fn possessive_pronoun(c: &ChunkCtx<'_>, res: &Resolved, md: &Mods, to: usize) -> Option<Chunk> {
    let start = md.start;
    if !(md.j == start + 1
        && md.title.is_none()
        && md.org == NONE
        && c.has(start, bits::PRONOUN)
        && c.has(start, bits::POSSESSIVE))
    {
        return None;
    }
    let (ent, _) = resolve_pronoun(c, res, start, to)?;
    Some(Chunk { pronoun: true, possessive: true, ..Chunk::new(start, start + 1, ent) })
}

/// "Russia's foreign minister, Sergei Lavrov": the name after a comma.
fn name_after_comma(c: &ChunkCtx<'_>, res: &Resolved, md: &Mods, to: usize) -> Option<Chunk> {
    let j = md.j;
    if md.title.is_none() || md.org == NONE || j + 1 >= to || c.toks.norm_at(j) != "," {
        return None;
    }
    let mi = c.maps.mention_at[j + 1];
    if mi == NONE {
        return None;
    }
    let m = res.mentions[mi as usize];
    is_person(res, m.ent).then(|| md.headed(m))
}

/// "Sergej Lavrov, de Russische minister van Buitenlandse Zaken": the
/// description after a comma describes the person before it (the last phrase in
/// `out`), which takes its title and country; returns where reading resumes.
fn merge_apposition(
    c: &ChunkCtx<'_>,
    res: &Resolved,
    md: &Mods,
    from: usize,
    out: &mut [Chunk],
) -> Option<usize> {
    let start = md.start;
    if md.title.is_none() || md.org == NONE || start <= from || c.toks.norm_at(start - 1) != "," {
        return None;
    }
    let prev = out.last_mut()?;
    if !(prev.last as usize + 1 == start
        && prev.title.is_none()
        && prev.org == NONE
        && is_person(res, prev.head)
        && !prev.pronoun)
    {
        return None;
    }
    prev.org = md.org;
    prev.title = md.title;
    prev.former = md.former;
    // the apposition is part of the phrase (its evidence, its extent)
    prev.last = md.j as u32;
    Some(md.j)
}

/// A description: a title with a country or organization and no name ("de Russische
/// president"), or a title that implies its organization ("de paus"), standing for
/// the person who holds that post on the document date. The description's mention
/// (over the title) goes to `added`.
fn description(
    c: &ChunkCtx<'_>,
    res: &mut Resolved,
    md: &Mods,
    added: &mut Vec<RMention>,
) -> Option<Chunk> {
    let (start, j) = (md.start, md.j);
    let t = md.title?;
    if j <= start {
        return None;
    }
    // "no American president", "geen Russische minister" (the cue `negdet`):
    // nobody, so no holder of the post
    if start > 0 && c.has(start - 1, bits::NEGDET) {
        return None;
    }
    // "de paus": a title that implies its organization
    let mut org = md.org;
    let mut implied_org = false;
    if org == NONE {
        let org_id = c.titles.implied.get(t as usize).and_then(|o| o.as_deref());
        if let Some(ix) = org_id.and_then(|o| c.g.index_of(o)) {
            org = res.entity_for(c.g, ix as u32);
            implied_org = true;
        }
    }
    if org == NONE {
        return None;
    }
    // a description: "de Russische president"
    let tpos = (start..j).find(|&k| c.maps.title_at[k] != NONE).unwrap_or(start);
    let tlen = res.titles.get(c.maps.title_at[tpos] as usize).map_or(1, |h| h.len);
    let Some(entry) = holder(c, &res.entities[org as usize].id, c.titles.name(t)) else {
        // "de Rwandese ambassadeur" with no known holder: as for "de Rwandese
        // regering", the demonym stands for its state
        let state = !implied_org
            && c.has(tpos, bits::ADJNOUN)
            && res.entities[org as usize].kind == EntityType::Country;
        return md.adj_end.filter(|_| state).map(|e| Chunk::state(start, e, org));
    };
    let ent = res.entity_for(c.g, entry);
    added.push(RMention { first: tpos as u32, len: tlen, ent, kind: MKind::Description });
    Some(Chunk {
        // an implied organization is no stated post
        org: if implied_org { NONE } else { org },
        title: md.title,
        former: md.former,
        possessive: md.possessive,
        description: true,
        ..Chunk::new(start, j, ent)
    })
}

/// Completes a phrase whose head was found, in this order: the country after the
/// name, a country in brackets, the post of a counterpart, a title shared with the
/// phrase before ("A en B"), the country of a possessive post. `start`: the phrase's
/// first token; `out`: the phrases before it.
fn complete_head(
    c: &ChunkCtx<'_>,
    res: &mut Resolved,
    mut ch: Chunk,
    start: usize,
    to: usize,
    out: &[Chunk],
) -> Chunk {
    country_after_name(c, res, &mut ch, to);
    bracketed_country(c, res, &mut ch, to);
    counterpart_title(c, res, &mut ch, out);
    coordinated_title(c, res, &mut ch, start, out);
    possessive_post(c, res, &mut ch);
    ch
}

/// "president Poetin van Rusland": the country after the name.
fn country_after_name(c: &ChunkCtx<'_>, res: &Resolved, ch: &mut Chunk, to: usize) {
    if !(is_person(res, ch.head)
        && ch.title.is_some()
        && ch.org == NONE
        && c.has(ch.last as usize, bits::OF))
    {
        return;
    }
    let k = ch.last as usize + 1;
    let mi = if k < to { org_mention_after(c, k, to) } else { NONE };
    if mi != NONE {
        let m = res.mentions[mi as usize];
        if is_country_or_org(res, m.ent) {
            ch.org = m.ent;
            ch.last = m.first + m.len;
        }
    }
}

/// "Antony Blinken (VS)": a country in brackets after a person.
fn bracketed_country(c: &ChunkCtx<'_>, res: &Resolved, ch: &mut Chunk, to: usize) {
    let last = ch.last as usize;
    if !(is_person(res, ch.head)
        && !ch.pronoun
        && c.toks.norm_at(last) == "("
        && c.toks.norm_at(last + 2) == ")"
        && last + 2 < to)
    {
        return;
    }
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

/// "zijn Russische ambtgenoot", "his counterpart": the title of the
/// person named before in the sentence (in `out`).
fn counterpart_title(c: &ChunkCtx<'_>, res: &Resolved, ch: &mut Chunk, out: &[Chunk]) {
    let Some(t) = ch.title.filter(|&t| c.titles.name(t) == "counterpart") else {
        return;
    };
    ch.title =
        out.iter().rev().find_map(|o| o.title.filter(|x| c.titles.name(*x) != "counterpart"));
    // no title before it: the person's own post with that country
    if ch.title.is_none() && ch.org != NONE {
        // unknown: the post stays "counterpart" ("his Nepalese
        // counterpart Sushil Koirala" still serves Nepal)
        ch.title = post_title(c, res, ch.head, ch.org).or(Some(t));
    }
}

/// "de ministers van Buitenlandse Zaken Antony Blinken (VS) en Sergey
/// Lavrov (Rusland)": a coordinated person shares the title of the person before
/// (the last phrase in `out`); `start`: the phrase's first token.
fn coordinated_title(
    c: &ChunkCtx<'_>,
    res: &Resolved,
    ch: &mut Chunk,
    start: usize,
    out: &[Chunk],
) {
    if !(is_person(res, ch.head) && ch.title.is_none() && start >= 1) {
        return;
    }
    if let Some(prev) = out.last() {
        if prev.last as usize + 1 == start
            && c.has(start - 1, bits::COORD)
            && prev.title.is_some()
            && is_person(res, prev.head)
        {
            ch.title = prev.title;
            ch.possessive |= prev.possessive;
        }
    }
}

/// "zijn minister van Buitenlandse Zaken Rex Tillerson": a post relative
/// to a leader named before; the gazetteer's dated post gives the country.
fn possessive_post(c: &ChunkCtx<'_>, res: &mut Resolved, ch: &mut Chunk) {
    if !(is_person(res, ch.head) && ch.possessive && ch.org == NONE && !ch.pronoun) {
        return;
    }
    if let (Some(t), Some(d), crate::resolve::EntKey::Gaz(e)) =
        (ch.title, c.date, res.entities[ch.head as usize].key)
    {
        let title = c.titles.name(t);
        let post = c.g.entries()[e as usize]
            .posts
            .iter()
            .find(|p| crate::gazetteer::titles::title_matches(title, &p.title) && p.held_on(d));
        if let Some(ix) = post.and_then(|p| c.g.index_of(&p.org)) {
            ch.org = res.entity_for(c.g, ix as u32);
        }
    }
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
    // "zij"/"she" is no man and "hij"/"he" no woman, where the gazetteer knows
    let want = if c.has(j, bits::FEMALE) {
        Some(crate::gazetteer::Gender::Female)
    } else if c.has(j, bits::MALE) {
        Some(crate::gazetteer::Gender::Male)
    } else {
        None
    };
    let fits = |e: u32| match (want, res.entities[e as usize].key) {
        (Some(w), crate::resolve::EntKey::Gaz(ix)) => {
            c.g.entries().get(ix as usize).and_then(|x| x.gender).is_none_or(|g| g == w)
        }
        _ => true,
    };
    let is_person = |m: &RMention| {
        res.entities[m.ent as usize].kind == EntityType::Person
            && c.maps.in_quote[m.first as usize] == quoted
            && fits(m.ent)
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
