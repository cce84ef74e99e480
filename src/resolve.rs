//! The resolver: from gazetteer hits to one entity per real-world thing.
//!
//! It runs after the matcher and before the rules, as a pure function of their
//! output:
//!
//! 1. **Ambiguous aliases** ("Kim", a city name two places share) go to the entity
//!    the document names unambiguously elsewhere; failing that, by type (country,
//!    person, organization, event, place), then population, then the document
//!    language.
//! 2. **Partial aliases** ("Jinping") are kept only when their entity is also named
//!    in full in the document.
//! 3. **Titles introduce names**: a capitalised name after a title that the gazetteer
//!    does not know ("premier Jansen", "president Rodrigo Duterte") becomes a PERSON
//!    entity with a document-local id (`local:person:jansen`), so an incomplete
//!    gazetteer degrades gracefully.
//! 4. **Name parts**: a capitalised token equal to a part of a person's full name as
//!    written in the document ("Donald Trump" … "Trump", "Xi Jinping" … "Jinping",
//!    Dutch genitive "Trumps") is a mention of that person; when two people share the
//!    part, of the one mentioned last.
//!
//! ```
//! let ex = gazet::Extractor::new();
//! let doc = ex.extract("Premier Jan Jansen landde dinsdag. Jansen sprak kort.");
//! let jansen = doc.entity_named("Jan Jansen").unwrap();
//! assert_eq!(jansen.id, "local:person:jan-jansen");
//! assert_eq!(jansen.mentions.len(), 2);
//! ```

use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::gazetteer::matcher::{Matcher, Tag};
use crate::gazetteer::titles::{title_matches, Titles};
use crate::gazetteer::{AliasKind, Gazetteer};
use crate::model::{Date, EntityType, Lang, MentionKind};
use crate::tokenize::{TokenKind, Tokens};

/// Where an entity comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EntKey {
    Gaz(u32),
    Local(u32),
}

/// A resolved entity of the document.
#[derive(Clone, Debug)]
pub(crate) struct REntity {
    pub key: EntKey,
    pub id: String,
    pub name: String,
    pub kind: EntityType,
}

/// How a mention was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MKind {
    Alias(AliasKind),
    Surname,
    Title,
    Description,
}

impl MKind {
    pub(crate) fn public(self) -> MentionKind {
        match self {
            MKind::Alias(AliasKind::Name) => MentionKind::Name,
            MKind::Alias(AliasKind::Short) => MentionKind::Short,
            MKind::Alias(AliasKind::Abbr) => MentionKind::Abbr,
            MKind::Alias(AliasKind::Partial) => MentionKind::Partial,
            MKind::Alias(AliasKind::Adj) => MentionKind::Adj,
            MKind::Alias(AliasKind::People) => MentionKind::People,
            MKind::Surname => MentionKind::Surname,
            MKind::Title => MentionKind::Title,
            MKind::Description => MentionKind::Description,
        }
    }
}

/// A resolved mention: tokens `first..first+len` of entity `ent`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RMention {
    pub first: u32,
    pub len: u32,
    pub ent: u32,
    pub kind: MKind,
}

/// A title in the text: tokens `first..first+len`, canonical title index.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TitleHit {
    pub first: u32,
    pub len: u32,
    pub title: u16,
}

/// The resolver's output.
#[derive(Clone, Debug, Default)]
pub(crate) struct Resolved {
    pub entities: Vec<REntity>,
    /// Mentions in token order, never overlapping.
    pub mentions: Vec<RMention>,
    pub titles: Vec<TitleHit>,
    /// Entity index per gazetteer entry.
    by_entry: HashMap<u32, u32>,
}

impl Resolved {
    /// The entity index for a gazetteer entry, adding the entity if new.
    pub(crate) fn entity_for(&mut self, g: &Gazetteer, entry: u32) -> u32 {
        if let Some(&i) = self.by_entry.get(&entry) {
            return i;
        }
        self.by_entry.insert(entry, self.entities.len() as u32);
        let e = &g.entries()[entry as usize];
        self.entities.push(REntity {
            key: EntKey::Gaz(entry),
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
        });
        (self.entities.len() - 1) as u32
    }
}

/// Capitalised words of job titles that are not in the title list: they end the
/// title part before a name.
const JOB_WORDS: &[&str] = &[
    "adviser",
    "advisor",
    "officer",
    "director",
    "secretary",
    "minister",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "commissioner",
    "general",
    "attorney",
    "deputy",
    "chief",
    "special",
    "senior",
    "national",
    "security",
    "affairs",
    "state",
    "defense",
    "defence",
    "foreign",
    "scientific",
    "medical",
    "adviseur",
    "directeur",
    "gezant",
    "ambassadeur",
    "commissaris",
    "staatssecretaris",
    "zaken",
    "buitenlandse",
    "binnenlandse",
    "defensie",
    "justitie",
    "financien",
    "handel",
    "economische",
];

/// Lower-case words that may stand inside a name ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "von", "bin", "al", "el", "le", "la", "du", "da", "di", "dos",
    "das", "ter", "ten", "ibn", "y",
];

/// Capitalised words that never start or make a name after a title.
const NOT_NAMES: &[&str] = &[
    // words that follow titles in ministry names and set phrases
    "buitenlandse",
    "binnenlandse",
    "zaken",
    "defensie",
    "financien",
    "justitie",
    "economische",
    "state",
    "defense",
    "defence",
    "affairs",
    "foreign",
    "home",
    "general",
    "elect",
    "emeritus",
    "the",
    "of",
    "and",
    "de",
    "het",
    "een",
    "en",
    "in",
    "op",
    "he",
    "she",
    "hij",
    "zij",
    "ze",
    "they",
    "we",
    "wij",
    "it",
    "this",
    "that",
    "dit",
    "dat",
    "die",
    "deze",
    "in",
    "on",
    "at",
    "for",
    "after",
    "said",
    "zei",
    "zegt",
    "mr",
    "mrs",
    "ms",
    "dhr",
    "mevrouw",
    "meneer",
    "volgens",
    "according",
    "toen",
    "when",
    "ook",
    "also",
    "maar",
    "but",
    "president",
    "premier",
    "minister",
    "koning",
    "paus",
    "kanselier",
];

pub(crate) fn resolve(
    text: &str,
    toks: &Tokens,
    g: &Gazetteer,
    m: &Matcher,
    titles: &Titles,
    lang: Lang,
    date: Option<Date>,
) -> Resolved {
    let (hits, tbuf) = m.find(text, toks);
    let mut out = Resolved::default();

    // 1. per hit: entity candidates (entry, alias kind) or a title; candidates of
    // all hits share one buffer
    struct Cand {
        first: u32,
        len: u32,
        entries: std::ops::Range<usize>,
        title: Option<u16>,
    }
    let mut ebuf: Vec<(u32, AliasKind, Option<&'static str>)> = Vec::with_capacity(hits.len());
    let mut cands: Vec<Cand> = Vec::with_capacity(hits.len());
    for h in &hits {
        let e0 = ebuf.len();
        let mut title = None;
        for &ti in &tbuf[h.targets.start as usize..h.targets.end as usize] {
            let t = m.target(ti);
            match t.tag {
                Tag::Entry(e) => {
                    if !ebuf[e0..].iter().any(|x| x.0 == e) {
                        ebuf.push((e, t.kind, t.lang));
                    }
                }
                Tag::Title(x) => {
                    if title.is_none() || t.lang == Some(lang.code()) {
                        title = Some(x);
                    }
                }
            }
        }
        cands.push(Cand {
            first: h.first as u32,
            len: h.len as u32,
            entries: e0..ebuf.len(),
            title,
        });
    }
    // entries named unambiguously and not partially: anchors for the rest
    let title_before = |cands: &[Cand], at: u32| -> Option<u16> {
        let k = cands.partition_point(|c| c.first < at);
        let prev = cands.get(k.checked_sub(1)?)?;
        (prev.first + prev.len == at && prev.entries.is_empty()).then_some(prev.title).flatten()
    };
    let strong: HashSet<u32> = cands
        .iter()
        .filter(|c| c.entries.len() == 1 && ebuf[c.entries.start].1 != AliasKind::Partial)
        .map(|c| ebuf[c.entries.start].0)
        .collect();
    let type_rank = |t: EntityType| match t {
        EntityType::Country => 5,
        EntityType::Person => 4,
        EntityType::Organization => 3,
        EntityType::Event => 2,
        EntityType::Location => 1,
    };
    let mut chosen: Vec<(u32, u32, u32, AliasKind)> = Vec::new(); // first, len, entry, kind
    for c in &cands {
        if c.entries.is_empty() {
            if let Some(t) = c.title {
                out.titles.push(TitleHit { first: c.first, len: c.len, title: t });
            }
            continue;
        }
        let entries = &ebuf[c.entries.clone()];
        let best = entries.iter().max_by_key(|(e, k, l)| {
            let en = &g.entries()[*e as usize];
            (
                strong.contains(e),
                *k != AliasKind::Partial,
                type_rank(en.kind),
                en.population,
                *l == Some(lang.code()) || l.is_none(),
                std::cmp::Reverse(*e),
            )
        });
        let Some(&(mut e, k, _)) = best else { continue };
        if k == AliasKind::Partial && !strong.contains(&e) {
            // "president Assad", "premier Sharif": a title right before a surname
            // picks the one person who held that post (on the document date)
            match title_before(&cands, c.first)
                .and_then(|t| holder_of(g, entries, titles.name(t), date))
            {
                Some(x) => e = x,
                None => continue,
            }
        }
        chosen.push((c.first, c.len, e, k));
    }
    let tt = toks.tokens();
    let mut covered = vec![false; tt.len()];
    for &(f, l, e, k) in &chosen {
        let ent = out.entity_for(g, e);
        for i in f..f + l {
            covered[i as usize] = true;
        }
        out.mentions.push(RMention { first: f, len: l, ent, kind: MKind::Alias(k) });
    }

    // titles are never part of a name
    for th in &out.titles {
        let (a, b) = (th.first as usize, (th.first + th.len) as usize);
        if let Some(c) = covered.get_mut(a..b) {
            c.fill(true);
        }
    }
    let mut locals: HashMap<String, u32> = HashMap::default();
    // 3b. "Ivanka Trump", "Melania Trump": an unknown capitalised word right before a
    // known surname inside a sentence is another person of that family
    let mut family: Vec<(usize, usize)> = Vec::new();
    for (mi, mm) in out.mentions.iter().enumerate() {
        let k = mm.first as usize;
        if mm.len != 1 || k < 2 || out.entities[mm.ent as usize].kind != EntityType::Person {
            continue;
        }
        if !matches!(mm.kind, MKind::Alias(AliasKind::Short | AliasKind::Partial)) {
            continue;
        }
        let (p, pp) = (&tt[k - 1], &tt[k - 2]);
        let f = toks.norm_of(p);
        let inside = pp.kind == TokenKind::Word || matches!(toks.norm_of(pp), "," | "(");
        if !covered[k - 1]
            && inside
            && p.kind == TokenKind::Word
            && p.is_capitalized()
            && !p.is_all_caps()
            && f.chars().count() >= 3
            && !not_name(f)
            && !JOB_WORDS.contains(&f)
            && !PARTICLES.contains(&f)
        {
            family.push((mi, k - 1));
        }
    }
    for (mi, start) in family.into_iter().rev() {
        let last = out.mentions[mi].first as usize;
        let surface = text.get(tt[start].start as usize..tt[last].end as usize).unwrap_or("");
        let name: String = surface.split_whitespace().collect::<Vec<_>>().join(" ");
        let ent = match locals.get(&name) {
            Some(&i) => i,
            None => {
                let i = out.entities.len() as u32;
                out.entities.push(REntity {
                    key: EntKey::Local(i),
                    id: format!("local:person:{}", slug(&name)),
                    name: name.clone(),
                    kind: EntityType::Person,
                });
                locals.insert(name, i);
                i
            }
        };
        covered[start] = true;
        let m = &mut out.mentions[mi];
        m.first = start as u32;
        m.len = 2;
        m.ent = ent;
        m.kind = MKind::Title;
    }

    // 3. names after titles
    for th in out.titles.clone() {
        let start = (th.first + th.len) as usize;
        let Some((f, l)) = name_after(toks, &covered, start) else {
            continue;
        };
        let surface = text.get(tt[f].start as usize..tt[f + l - 1].end as usize).unwrap_or("");
        let name: String = surface.split_whitespace().collect::<Vec<_>>().join(" ");
        let ent = match locals.get(&name) {
            Some(&i) => i,
            None => {
                let id = format!("local:person:{}", slug(&name));
                let i = out.entities.len() as u32;
                out.entities.push(REntity {
                    key: EntKey::Local(i),
                    id,
                    name: name.clone(),
                    kind: EntityType::Person,
                });
                locals.insert(name, i);
                i
            }
        };
        covered[f..f + l].fill(true);
        out.mentions.push(RMention { first: f as u32, len: l as u32, ent, kind: MKind::Title });
    }

    // 4. name parts of persons named in full
    let mut parts: HashMap<&str, Vec<u32>> = HashMap::default();
    for mm in &out.mentions {
        if out.entities[mm.ent as usize].kind != EntityType::Person || mm.len < 2 {
            continue;
        }
        if !matches!(mm.kind, MKind::Alias(AliasKind::Name) | MKind::Title) {
            continue;
        }
        for i in mm.first..mm.first + mm.len {
            let t = &tt[i as usize];
            let f = toks.norm_of(t);
            if t.kind == TokenKind::Word
                && t.is_capitalized()
                && f.chars().count() >= 3
                && !PARTICLES.contains(&f)
                && !not_name(f)
            {
                let v = parts.entry(f).or_default();
                if !v.contains(&mm.ent) {
                    v.push(mm.ent);
                }
            }
        }
    }
    if !parts.is_empty() {
        // mention starts per entity, sorted, to find who was mentioned last
        let mut starts_of: HashMap<u32, Vec<u32>> = HashMap::default();
        for m in &out.mentions {
            starts_of.entry(m.ent).or_default().push(m.first);
        }
        for v in starts_of.values_mut() {
            v.sort_unstable();
        }
        let mut extra = Vec::new();
        for (i, t) in tt.iter().enumerate() {
            if covered[i] || t.kind != TokenKind::Word || !t.is_capitalized() {
                continue;
            }
            let f = toks.norm_of(t);
            let ents = parts.get(f).or_else(|| {
                (lang == Lang::Nl && f.len() > 3 && f.ends_with('s'))
                    .then(|| parts.get(&f[..f.len() - 1]))
                    .flatten()
            });
            let Some(ents) = ents else { continue };
            // glued to a hyphen compound of a longer name ("Jean-Claude") is fine;
            // choose the person mentioned last before this token
            let ent = if ents.len() == 1 {
                ents[0]
            } else {
                let last_before = |e: u32| {
                    let starts = starts_of.get(&e).map_or(&[][..], Vec::as_slice);
                    let k = starts.partition_point(|&f| (f as usize) < i);
                    if k == 0 {
                        -1
                    } else {
                        i64::from(starts[k - 1])
                    }
                };
                ents.iter().copied().max_by_key(|&e| last_before(e)).unwrap_or(ents[0])
            };
            extra.push(RMention { first: i as u32, len: 1, ent, kind: MKind::Surname });
        }
        out.mentions.extend(extra);
    }
    out.mentions.sort_by_key(|m| m.first);
    out
}

/// Capitalised words that never start or make a name: [`NOT_NAMES`], and month
/// and weekday names of either language.
fn not_name(f: &str) -> bool {
    NOT_NAMES.contains(&f) || crate::time::is_calendar_word(f)
}

/// The one person among `entries` whose posts match `title` (held on `date`, when
/// known).
fn holder_of(
    g: &Gazetteer,
    entries: &[(u32, AliasKind, Option<&'static str>)],
    title: &str,
    date: Option<Date>,
) -> Option<u32> {
    let mut found = None;
    for &(e, _, _) in entries {
        let en = &g.entries()[e as usize];
        let ok = en
            .posts
            .iter()
            .any(|p| title_matches(title, &p.title) && date.is_none_or(|d| p.held_on(d)));
        if ok {
            if found.is_some() {
                return None;
            }
            found = Some(e);
        }
    }
    found
}

/// A capitalised name starting at token `start`: up to five words, with particles and
/// hyphens inside. Returns (first token, token count).
fn name_after(toks: &Tokens, covered: &[bool], mut start: usize) -> Option<(usize, usize)> {
    let tt = toks.tokens();
    let mut j = start;
    let mut last_word = None;
    let mut words = 0;
    while j < tt.len() && words < 5 {
        let t = &tt[j];
        if covered[j] {
            break;
        }
        let f = toks.norm_of(t);
        let after_hyphen =
            last_word.is_some() && !t.space_before() && j > 0 && toks.norm_at(j - 1) == "-";
        // "Chief Scientific Adviser Patrick Vallance": job words end a title, the
        // name starts after them
        if t.kind == TokenKind::Word && t.is_capitalized() && JOB_WORDS.contains(&f) {
            start = j + 1;
            last_word = None;
            words = 0;
            j += 1;
            continue;
        }
        if t.kind == TokenKind::Word
            && (t.is_capitalized() || after_hyphen)
            && !not_name(f)
            && !(t.is_all_caps() && f.len() <= 3 && words == 0)
        {
            if j > start && t.space_before() && last_word.is_none() {
                break;
            }
            words += 1;
            last_word = Some(j);
            j += 1;
            continue;
        }
        if last_word.is_some() && t.kind == TokenKind::Word && PARTICLES.contains(&f) {
            j += 1;
            continue;
        }
        if last_word == Some(j.wrapping_sub(1))
            && f == "-"
            && !t.space_before()
            && tt.get(j + 1).is_some_and(|n| !n.space_before() && n.kind == TokenKind::Word)
        {
            j += 1;
            continue;
        }
        break;
    }
    let lw = last_word?;
    if tt[start].kind != TokenKind::Word || !tt[start].space_before() {
        return None;
    }
    Some((start, lw + 1 - start))
}

/// An ASCII slug: lower case, accents folded, words joined by `-`.
pub(crate) fn slug(name: &str) -> String {
    let folded = crate::tokenize::fold_lower(name);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(slug("  "), "x");
    }
}
