//! The resolver: from gazetteer hits to one entity per real-world thing.
//!
//! It runs after the matcher and before the rules, as a pure function of their
//! output. Every matcher hit is an alias of one or more gazetteer entries, or a
//! title ("premier", "president"). The resolver picks one entry per hit, then
//! finds the mentions the gazetteer alone misses, in these steps (see
//! [`resolve`]):
//!
//! 1. **Ambiguous aliases** ("Kim", a city name two places share) go to the entity
//!    the document names unambiguously elsewhere (an *anchor*); failing that, by
//!    type (country, person, organization, event, place), then population, then
//!    the document language.
//! 2. **Partial aliases** ("Jinping") are kept only when their entity is also named
//!    in full in the document, or when a title right before them names a post
//!    that exactly one candidate held (on the document date, when known):
//!    "president Assad".
//! 3. **Family members**: an unknown capitalised word right before a known
//!    person's surname ("Ivanka Trump", "Melania Trump") makes the two words a
//!    person of their own, with a document-local id.
//!    Couples share a surname too ([`crate::couples`]): in "Joe and Jill Biden"
//!    the lone given name takes the surname of the full name after "and", if the
//!    gazetteer knows the person so named.
//! 4. **Titles introduce names**: a capitalised name after a title that the gazetteer
//!    does not know ("premier Jansen", "president Rodrigo Duterte") becomes a PERSON
//!    entity with a document-local id (`local:person:jansen`), so an incomplete
//!    gazetteer degrades gracefully.
//! 5. **The name finder** ([`crate::names`]): runs of capitalised words that rules
//!    in data files call a person, organization, place or event ("woordvoerder Anna
//!    Berends", "Trump Tower", "in Hengelo") become document-local entities
//!    (`local:org:trump-tower`), each with the rule that found it.
//! 6. **Name parts**: a capitalised token equal to a part of a person's full name as
//!    written in the document ("Donald Trump" … "Trump", "Xi Jinping" … "Jinping",
//!    Dutch genitive "Trumps") is a mention of that person; when two people share the
//!    part, of the one mentioned last.
//!
//! From step 3 on, a step looks only at tokens that no earlier step *covered*
//! (the mentions chosen in steps 1 and 2 and all titles cover theirs, and so
//! does every mention found since), so the order of the steps matters. Mentions
//! come out in token order and never overlap.
//!
//! ```
//! let ex = gazet::Extractor::new();
//! let doc = ex.extract("Premier Jan Jansen landde dinsdag. Jansen sprak kort.");
//! let jansen = doc.entity_named("Jan Jansen").unwrap();
//! assert_eq!(jansen.id, "local:person:jan-jansen");
//! assert_eq!(jansen.mentions.len(), 2);
//! ```

use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet, InputMap, InputSet};

use crate::gazetteer::matcher::{Hit, Matcher, Tag};
use crate::gazetteer::titles::{title_matches, Titles};
use crate::gazetteer::{AliasKind, Gazetteer};
use crate::model::{Date, EntityType, Lang, MentionKind};
use crate::names::NameFinder;
use crate::tokenize::{Sentence, TokenKind, Tokens};

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
    /// The name-finder rule that found a local entity.
    pub rule: Option<u16>,
}

/// How a mention was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MKind {
    Alias(AliasKind),
    Surname,
    Title,
    Description,
    Found,
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
            MKind::Found => MentionKind::Found,
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
            rule: None,
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
    // honorifics before a name ("Ayatollah Ali Khamenei", "Tun Dr Mahathir")
    "ayatollah",
    "sheikh",
    "sjeik",
    "datuk",
    "dato",
    "tun",
    "dr",
    "sir",
    "haji",
];

/// Resolves the matcher's hits in `text` to entities and mentions, one step
/// after the other (see the [module docs](self) for what each step does).
pub(crate) fn resolve(
    text: &str,
    toks: &Tokens,
    sents: &[Sentence],
    data: &Data<'_>,
    lang: Lang,
    date: Option<Date>,
) -> Resolved {
    let Data { g, m, titles, names, people } = *data;
    // a name does not run on into the next sentence ("Den\nHaag" as two lines)
    let (hits, tbuf) = m.find(text, toks, |first, end| within_sentence(sents, first, end));
    let cands = Candidates::collect(m, &hits, &tbuf, lang);
    let mut r = Resolver {
        text,
        toks,
        g,
        covered: vec![false; toks.tokens().len()],
        locals: InputMap::default(),
        out: Resolved::default(),
    };
    r.out.titles = cands.title_hits();
    let chosen = cands.choose(g, titles, lang, date);
    r.add_chosen(&chosen);
    r.cover_titles();
    r.family_members();
    crate::couples::add_partners(toks, g, people, &mut r.out, &mut r.covered, |i| {
        given_name_like(toks, i)
    });
    r.names_after_titles();
    r.found_names(names, sents, lang);
    r.name_parts(lang);
    r.out.mentions.sort_by_key(|m| m.first);
    r.out
}

/// Whether tokens `first..end` lie in one sentence.
fn within_sentence(sents: &[Sentence], first: usize, end: usize) -> bool {
    let i = sents.partition_point(|s| (s.last as usize) <= first);
    sents.get(i).is_none_or(|s| end <= s.last as usize)
}

/// The data the resolver reads: gazetteer, its matcher, titles and name finder.
#[derive(Clone, Copy)]
pub(crate) struct Data<'a> {
    pub g: &'a Gazetteer,
    pub m: &'a Matcher,
    pub titles: &'a Titles,
    pub names: &'a NameFinder,
    pub people: &'a crate::couples::PersonNames,
}

/// An entry a hit may stand for: gazetteer entry, alias kind, alias language, and
/// whether the alias needs the document's support (`ctx`).
type EntryCand = (u32, AliasKind, Option<&'static str>, bool);

/// One matcher hit: tokens `first..first+len`, the range of its candidate entries
/// in [`Candidates::entries`], and the title it names, if any.
struct Cand {
    first: u32,
    len: u32,
    entries: std::ops::Range<usize>,
    title: Option<u16>,
}

/// Every matcher hit with its candidates.
struct Candidates {
    /// The candidate entries of all hits in one buffer; each hit has a range.
    entries: Vec<EntryCand>,
    /// The hits, sorted by first token and never overlapping (as the matcher
    /// returns them).
    hits: Vec<Cand>,
}

/// An entry chosen for a hit (tokens `first..first+len`) and the kind of alias
/// that named it.
struct Chosen {
    first: u32,
    len: u32,
    entry: u32,
    kind: AliasKind,
}

impl Candidates {
    /// Per hit, its candidate entries (each entry once, with the first alias
    /// kind and language seen) and its title, a form of the document language
    /// preferred.
    fn collect(m: &Matcher, hits: &[Hit], tbuf: &[u32], lang: Lang) -> Self {
        let mut entries: Vec<EntryCand> = Vec::with_capacity(hits.len());
        let mut cands: Vec<Cand> = Vec::with_capacity(hits.len());
        for h in hits {
            let e0 = entries.len();
            let mut title = None;
            for &ti in &tbuf[h.targets.start as usize..h.targets.end as usize] {
                let t = m.target(ti);
                match t.tag {
                    Tag::Entry(e) => {
                        if !entries[e0..].iter().any(|x| x.0 == e) {
                            entries.push((e, t.kind, t.lang(), t.ctx));
                        }
                    }
                    Tag::Title(x) => {
                        if title.is_none() || t.lang() == Some(lang.code()) {
                            title = Some(x);
                        }
                    }
                }
            }
            cands.push(Cand {
                first: h.first as u32,
                len: h.len as u32,
                entries: e0..entries.len(),
                title,
            });
        }
        Candidates { entries, hits: cands }
    }

    /// The titles in the text: hits that name a title and no entry.
    fn title_hits(&self) -> Vec<TitleHit> {
        self.hits
            .iter()
            .filter(|c| c.entries.is_empty())
            .filter_map(|c| c.title.map(|t| TitleHit { first: c.first, len: c.len, title: t }))
            .collect()
    }

    /// Entries named unambiguously, not partially and not by a form that needs
    /// the document's support: anchors for the rest.
    fn anchors(&self) -> HashSet<u32> {
        self.hits
            .iter()
            .filter(|c| {
                let one = (c.entries.len() == 1).then(|| &self.entries[c.entries.start]);
                one.is_some_and(|x| x.1 != AliasKind::Partial && !x.3)
            })
            .map(|c| self.entries[c.entries.start].0)
            .collect()
    }

    /// The title of a title-only hit that ends right before token `at`.
    fn title_before(&self, at: u32) -> Option<u16> {
        let k = self.hits.partition_point(|c| c.first < at);
        let prev = self.hits.get(k.checked_sub(1)?)?;
        (prev.first + prev.len == at && prev.entries.is_empty()).then_some(prev.title).flatten()
    }

    /// Steps 1 and 2: one entry per hit, in hit order. Ambiguous aliases go to
    /// an anchor (see [`best_entry`]); a partial alias is kept only for an
    /// anchor, or for the one holder of the post named by a title right before
    /// it. Title-only hits have no entries and choose nothing.
    fn choose(
        &self,
        g: &Gazetteer,
        titles: &Titles,
        lang: Lang,
        date: Option<Date>,
    ) -> Vec<Chosen> {
        let anchors = self.anchors();
        let mut chosen = Vec::new();
        for c in &self.hits {
            let entries = &self.entries[c.entries.clone()];
            let Some(&(mut e, k, _, ctx)) = best_entry(g, &anchors, entries, lang) else {
                continue;
            };
            if (k == AliasKind::Partial || ctx) && !anchors.contains(&e) {
                // "president Assad", "premier Sharif": a title right before a surname
                // picks the one person who held that post (on the document date)
                match self
                    .title_before(c.first)
                    .and_then(|t| holder_of(g, entries, titles.name(t), date))
                {
                    Some(x) => e = x,
                    // "Moon" in a text that names South Korea
                    None if ctx && country_named(g, &anchors, e) => {}
                    None => continue,
                }
            }
            chosen.push(Chosen { first: c.first, len: c.len, entry: e, kind: k });
        }
        chosen
    }
}

/// The best reading of an ambiguous hit: an anchor, then a full (not partial)
/// alias, then by type (country, person, organization, event, place), then
/// population, then an alias of the document language (or of any language),
/// then the lowest entry index.
fn best_entry<'e>(
    g: &Gazetteer,
    anchors: &HashSet<u32>,
    entries: &'e [EntryCand],
    lang: Lang,
) -> Option<&'e EntryCand> {
    entries.iter().max_by_key(|(e, k, l, _)| {
        let en = &g.entries()[*e as usize];
        (
            anchors.contains(e),
            *k != AliasKind::Partial,
            type_rank(en.kind),
            en.population,
            *l == Some(lang.code()) || l.is_none(),
            std::cmp::Reverse(*e),
        )
    })
}

/// The preference of an entity type for an ambiguous alias: higher wins.
fn type_rank(t: EntityType) -> u8 {
    match t {
        EntityType::Country => 5,
        EntityType::Person => 4,
        EntityType::Organization => 3,
        EntityType::Event => 2,
        EntityType::Location => 1,
    }
}

/// The resolver's state once entries are chosen: the document, the output so
/// far and the tokens it covers.
struct Resolver<'a> {
    text: &'a str,
    toks: &'a Tokens,
    g: &'a Gazetteer,
    /// Per token: part of a mention or a title already, so no later step may
    /// take it.
    covered: Vec<bool>,
    /// Document-local entities by type and name, shared by steps 3, 4 and 5.
    locals: InputMap<(EntityType, String), u32>,
    out: Resolved,
}

impl<'a> Resolver<'a> {
    /// The chosen entries become entities (in order of first mention) and
    /// mentions, and their tokens are covered.
    fn add_chosen(&mut self, chosen: &[Chosen]) {
        for c in chosen {
            let ent = self.out.entity_for(self.g, c.entry);
            for i in c.first..c.first + c.len {
                self.covered[i as usize] = true;
            }
            self.out.mentions.push(RMention {
                first: c.first,
                len: c.len,
                ent,
                kind: MKind::Alias(c.kind),
            });
        }
    }

    /// Titles are never part of a name: their tokens are covered.
    fn cover_titles(&mut self) {
        for th in &self.out.titles {
            let (a, b) = (th.first as usize, (th.first + th.len) as usize);
            if let Some(c) = self.covered.get_mut(a..b) {
                c.fill(true);
            }
        }
    }

    /// Step 3: "Ivanka Trump", "Melania Trump": an unknown capitalised word right
    /// before a known surname inside a sentence is another person of that family.
    /// The surname mention grows to both words and goes to a local person.
    fn family_members(&mut self) {
        let mut family: Vec<(usize, usize)> = Vec::new(); // mention, first-name token
        for (mi, mm) in self.out.mentions.iter().enumerate() {
            let k = mm.first as usize;
            if mm.len != 1 || k < 2 || self.out.entities[mm.ent as usize].kind != EntityType::Person
            {
                continue;
            }
            if !matches!(mm.kind, MKind::Alias(AliasKind::Short | AliasKind::Partial)) {
                continue;
            }
            // "…Ivanka\nTrump": a line break between them ends the sentence
            if self.is_family_first_name(k - 1) && !self.toks.tokens()[k].newline_before() {
                family.push((mi, k - 1));
            }
        }
        for (mi, start) in family.into_iter().rev() {
            let last = self.out.mentions[mi].first as usize;
            let name = self.name_text(start, last);
            let ent = self.local_person(name);
            self.covered[start] = true;
            let m = &mut self.out.mentions[mi];
            m.first = start as u32;
            m.len = 2;
            m.ent = ent;
            m.kind = MKind::Title;
        }
    }

    /// Whether token `i` (at least the second in the text) is an uncovered,
    /// capitalised word of three letters or more, not all capitals, after a word,
    /// a comma or a parenthesis, and neither a [`not_name`] word, a job word nor a
    /// particle.
    fn is_family_first_name(&self, i: usize) -> bool {
        let tt = self.toks.tokens();
        let pp = &tt[i - 1];
        let inside = pp.kind == TokenKind::Word || matches!(self.toks.norm_of(pp), "," | "(");
        !self.covered[i]
            && inside
            && given_name_like(self.toks, i)
            && self.toks.norm_of(&tt[i]).chars().count() >= 3
    }

    /// Step 4: a capitalised name right after a title, on tokens not yet covered,
    /// is a local person ("premier Jansen").
    ///
    /// "the Ambassador of Ukraine Vasyl Zvarych": the country or organization of
    /// the title may stand between title and name.
    fn names_after_titles(&mut self) {
        // the mentions so far by first token: looked up per title, never scanned
        let at: HashMap<u32, usize> =
            self.out.mentions.iter().enumerate().map(|(k, m)| (m.first, k)).collect();
        let mut surnames = self.surnames_written();
        for th in self.out.titles.clone() {
            let start = self.after_title_of((th.first + th.len) as usize, &at);
            let Some((f, mut l)) = name_after(self.toks, &self.covered, start) else {
                continue;
            };
            // "Ambassador Zvarych" after "Vasyl Zvarych": the person named in full,
            // whom step 6 links the surname to
            if l == 1 && surnames.contains(self.toks.norm_at(f)) {
                continue;
            }
            // "collega Maria Angela Holguín": a town's name as the surname
            if l >= 2 && self.take_place_surname(f + l, &at) {
                l += 1;
            }
            if l >= 2 {
                surnames.insert(self.toks.norm_at(f + l - 1));
            }
            let name = self.name_text(f, f + l - 1);
            let ent = self.local_person(name);
            self.covered[f..f + l].fill(true);
            self.out.mentions.push(RMention {
                first: f as u32,
                len: l as u32,
                ent,
                kind: MKind::Title,
            });
        }
        // place mentions taken as surnames were marked with length 0
        self.out.mentions.retain(|m| m.len > 0);
    }

    /// The last words of the people named so far with two words or more, as written
    /// in the document ("zvarych" for "Vasyl Zvarych").
    fn surnames_written(&self) -> InputSet<&'a str> {
        let toks: &'a Tokens = self.toks;
        self.out
            .mentions
            .iter()
            .filter(|m| m.len >= 2 && self.out.entities[m.ent as usize].kind == EntityType::Person)
            .map(|m| toks.norm_at((m.first + m.len - 1) as usize))
            .collect()
    }

    /// Whether token `i` is a one-word place mention on the same line with no
    /// capitalised word after it; if so the mention is dropped (marked with
    /// length 0), as the token becomes a surname.
    fn take_place_surname(&mut self, i: usize, at: &HashMap<u32, usize>) -> bool {
        let tt = self.toks.tokens();
        let Some(&k) = at.get(&(i as u32)).filter(|&&k| self.out.mentions[k].len == 1) else {
            return false;
        };
        let place =
            self.out.entities[self.out.mentions[k].ent as usize].kind == EntityType::Location;
        let same_line = tt.get(i).is_some_and(|t| !t.newline_before());
        let next_cap =
            tt.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word && t.is_capitalized());
        let ok = place && same_line && !next_cap;
        if ok {
            self.out.mentions[k].len = 0;
        }
        ok
    }

    /// Past "of Ukraine", "van de NAVO" after a title: the token after a known
    /// country or organization that "of"/"van" (and an article) bring in, else `to`.
    fn after_title_of(&self, to: usize, at: &HashMap<u32, usize>) -> usize {
        let mut j = to;
        if !matches!(self.toks.norm_at(j), "of" | "van") {
            return to;
        }
        j += 1;
        if matches!(self.toks.norm_at(j), "the" | "de" | "het") {
            j += 1;
        }
        let body = at.get(&(j as u32)).map(|&k| self.out.mentions[k]).filter(|m| {
            let k = self.out.entities[m.ent as usize].kind;
            m.len > 0 && matches!(k, EntityType::Country | EntityType::Organization)
        });
        let next = body.map(|m| (m.first + m.len) as usize);
        // a name on the next line is no name of this title
        next.filter(|&n| self.toks.get(n).is_some_and(|t| !t.newline_before())).unwrap_or(to)
    }

    /// The text of tokens `first..=last`, runs of white space made one space.
    fn name_text(&self, first: usize, last: usize) -> String {
        let tt = self.toks.tokens();
        let surface = self.text.get(tt[first].start as usize..tt[last].end as usize).unwrap_or("");
        surface.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The document-local person called `name`, added if new.
    fn local_person(&mut self, name: String) -> u32 {
        self.local_entity(name, EntityType::Person, None)
    }

    /// The document-local entity of type `kind` called `name`, added if new (with
    /// the name-finder rule that found it).
    fn local_entity(&mut self, name: String, kind: EntityType, rule: Option<u16>) -> u32 {
        let key = (kind, crate::tokenize::fold_lower(&name));
        if let Some(&i) = self.locals.get(&key) {
            return i;
        }
        let i = self.out.entities.len() as u32;
        let prefix = match kind {
            EntityType::Person => "person",
            EntityType::Organization => "org",
            EntityType::Event => "event",
            EntityType::Location | EntityType::Country => "place",
        };
        self.out.entities.push(REntity {
            key: EntKey::Local(i),
            id: format!("local:{prefix}:{}", slug(&name)),
            name,
            kind,
            rule,
        });
        self.locals.insert(key, i);
        i
    }

    /// Step 5: the name finder's names on the tokens still free (see
    /// [`crate::names`]); a name written again and an acronym that stands for it
    /// go to the same entity.
    fn found_names(&mut self, names: &NameFinder, sents: &[Sentence], lang: Lang) {
        let absorb = self.absorbable();
        let mut title = vec![false; self.covered.len()];
        for th in &self.out.titles {
            let (a, b) = (th.first as usize, (th.first + th.len) as usize);
            if let Some(t) = title.get_mut(a..b) {
                t.fill(true);
            }
        }
        let mut place = vec![false; self.covered.len()];
        for m in self.out.mentions.iter().filter(|m| m.len == 1) {
            if self.out.entities[m.ent as usize].kind == EntityType::Location {
                place[m.first as usize] = true;
            }
        }
        let marks = crate::names::Marks {
            covered: &self.covered,
            absorb: &absorb,
            title: &title,
            place: &place,
        };
        let mut found = names.find(self.toks, sents, marks, lang);
        self.drop_name_parts(&mut found, lang);
        let mut by_first: HashMap<usize, u32> = HashMap::default();
        let mut taken = Vec::new();
        for x in found.iter().filter(|x| x.of.is_none()) {
            let name = self.name_text(x.first, x.first + x.len - 1);
            by_first.insert(x.first, self.local_entity(name, x.kind, Some(x.rule)));
        }
        for x in &found {
            let Some(&ent) = by_first.get(&x.of.unwrap_or(x.first)) else { continue };
            if self.covered[x.first..x.first + x.len].contains(&true) {
                taken.push((x.first as u32, (x.first + x.len) as u32));
            }
            self.covered[x.first..x.first + x.len].fill(true);
            self.out.mentions.push(RMention {
                first: x.first as u32,
                len: x.len as u32,
                ent,
                kind: MKind::Found,
            });
        }
        // a known name a head word took in is no mention of its own any more
        let inside = |m: &RMention| {
            taken.iter().any(|&(a, b)| m.first >= a && m.first < b && m.kind != MKind::Found)
        };
        self.out.mentions.retain(|m| !inside(m));
    }

    /// Weak findings of one word ("to Hekmatyar", "rond Bloks") that are a part
    /// of a person's full name in the document, or its Dutch genitive, are left to
    /// step 6, which makes them mentions of that person.
    fn drop_name_parts(&self, found: &mut Vec<crate::names::Found>, lang: Lang) {
        if !found.iter().any(|x| x.weak && x.len == 1) {
            return;
        }
        let tt = self.toks.tokens();
        let mut parts: InputSet<&str> = self.person_name_parts().into_keys().collect();
        for x in found.iter().filter(|x| x.kind == EntityType::Person && x.len >= 2) {
            parts.extend((x.first..x.first + x.len).map(|i| self.toks.norm_of(&tt[i])));
        }
        found.retain(|x| {
            let f = self.toks.norm_of(&tt[x.first]);
            let genitive = lang == Lang::Nl
                && f.len() > 3
                && f.ends_with('s')
                && parts.contains(&f[..f.len() - 1]);
            !(x.weak && x.len == 1 && (parts.contains(f) || genitive))
        });
    }

    /// Per token, the first token of the gazetteer mention on it that a head word
    /// after it may take into a longer name: a name, short form or abbreviation,
    /// not a demonym ("Russian Embassy" stays Russia's), else `u32::MAX`.
    fn absorbable(&self) -> Vec<u32> {
        let mut a = vec![u32::MAX; self.covered.len()];
        for m in &self.out.mentions {
            if matches!(m.kind, MKind::Alias(AliasKind::Name | AliasKind::Short | AliasKind::Abbr))
            {
                for i in m.first..m.first + m.len {
                    a[i as usize] = m.first;
                }
            }
        }
        a
    }

    /// Step 6: an uncovered capitalised token that is a part of a person's name
    /// written in full (or, in Dutch, its genitive "Trumps") is a surname mention
    /// of that person; of the one mentioned last when two people share the part.
    fn name_parts(&mut self, lang: Lang) {
        let parts = self.person_name_parts();
        if parts.is_empty() {
            return;
        }
        let starts_of = self.mention_starts();
        let tt = self.toks.tokens();
        let mut extra = Vec::new();
        for (i, t) in tt.iter().enumerate() {
            if self.covered[i] || t.kind != TokenKind::Word || !t.is_capitalized() {
                continue;
            }
            let f = self.toks.norm_of(t);
            let ents = parts.get(f).or_else(|| {
                (lang == Lang::Nl && f.len() > 3 && f.ends_with('s'))
                    .then(|| parts.get(&f[..f.len() - 1]))
                    .flatten()
            });
            let Some(ents) = ents else { continue };
            // "George Boole" when "George Peacock" was named: a part followed by
            // another free capitalised word starts a different name
            let next = tt.get(i + 1).filter(|n| {
                n.kind == TokenKind::Word
                    && n.is_capitalized()
                    && n.space_before()
                    && !n.newline_before()
            });
            if next.is_some() && !self.covered[i + 1] {
                continue;
            }
            // glued to a hyphen compound of a longer name ("Jean-Claude") is fine;
            // choose the person mentioned last before this token
            let ent = if ents.len() == 1 { ents[0] } else { last_mentioned(ents, &starts_of, i) };
            extra.push(RMention { first: i as u32, len: 1, ent, kind: MKind::Surname });
        }
        self.out.mentions.extend(extra);
    }

    /// The parts of the names of persons mentioned in full (by name or after a
    /// title, two tokens or more), each with the persons it belongs to: the
    /// capitalised words of three letters or more that are no particle or stop
    /// word.
    fn person_name_parts(&self) -> InputMap<&'a str, Vec<u32>> {
        let (toks, tt) = (self.toks, self.toks.tokens());
        let mut parts: InputMap<&'a str, Vec<u32>> = InputMap::default();
        for mm in &self.out.mentions {
            if self.out.entities[mm.ent as usize].kind != EntityType::Person || mm.len < 2 {
                continue;
            }
            if !matches!(mm.kind, MKind::Alias(AliasKind::Name) | MKind::Title | MKind::Found) {
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
        parts
    }

    /// Mention starts per entity, sorted, to find who was mentioned last.
    fn mention_starts(&self) -> HashMap<u32, Vec<u32>> {
        let mut starts_of: HashMap<u32, Vec<u32>> = HashMap::default();
        for m in &self.out.mentions {
            starts_of.entry(m.ent).or_default().push(m.first);
        }
        for v in starts_of.values_mut() {
            v.sort_unstable();
        }
        starts_of
    }
}

/// Of `ents`, the entity with the latest mention starting before token `i`
/// (ties to the later in `ents`, as with no mention before `i` at all).
fn last_mentioned(ents: &[u32], starts_of: &HashMap<u32, Vec<u32>>, i: usize) -> u32 {
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
}

/// Whether token `i` may be a given name on its own: a capitalised word of two
/// letters or more, not all capitals, and neither a [`not_name`] word, a job word nor
/// a particle.
fn given_name_like(toks: &Tokens, i: usize) -> bool {
    let t = &toks.tokens()[i];
    let f = toks.norm_of(t);
    t.kind == TokenKind::Word
        && t.is_capitalized()
        && !t.is_all_caps()
        && f.chars().count() >= 2
        && !not_name(f)
        && !JOB_WORDS.contains(&f)
        && !PARTICLES.contains(&f)
}

/// Capitalised words that never start or make a name: [`NOT_NAMES`], and month
/// and weekday names of either language.
fn not_name(f: &str) -> bool {
    NOT_NAMES.contains(&f) || crate::time::is_calendar_word(f)
}

/// Whether the document names (unambiguously) a country of entry `e`: its
/// `country=` or the country or organization of one of its posts.
fn country_named(g: &Gazetteer, anchors: &HashSet<u32>, e: u32) -> bool {
    let Some(en) = g.entries().get(e as usize) else { return false };
    let named = |id: &str| g.index_of(id).is_some_and(|i| anchors.contains(&(i as u32)));
    en.country.as_deref().is_some_and(named) || en.posts.iter().any(|p| named(&p.org))
}

/// The one person among `entries` whose posts match `title` (held on `date`, when
/// known).
fn holder_of(g: &Gazetteer, entries: &[EntryCand], title: &str, date: Option<Date>) -> Option<u32> {
    let mut found = None;
    for &(e, _, _, _) in entries {
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
        // a name does not run on over a line break (a headline, a list)
        if covered[j] || (j > start && t.newline_before()) {
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
