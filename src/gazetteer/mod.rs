//! Gazetteers: the named things gazet knows, and how they are written.
//!
//! A [`Gazetteer`] is a list of [`Entry`]s read from tab-separated data files (the
//! format is described in `gazetteers/FORMAT.md` and in the README). Each entry has a
//! stable id, a type, a canonical English name, aliases per language and, for people,
//! dated posts. The default gazetteers are embedded in the crate (feature
//! `embedded-data`); the [`ExtractorBuilder`](crate::ExtractorBuilder) can add files or
//! replace the defaults.
//!
//! # Matching rules
//!
//! Aliases are matched on the tokenizer's normalised text (lower case, diacritics
//! folded), so "Erdogan" finds "Erdoğan". Matches are aligned to token boundaries and
//! chosen leftmost-longest: at each token the longest alias that passes its case rule
//! wins ("Noord-Korea" beats "Korea", "Frans Timmermans" beats "Frans"). Aliases that
//! are common words carry a case rule (`cs`: exact capitalisation; `cap`: initial
//! capital), so "may" and "turkey" in lower case are not entities. Hyphenated
//! compounds match by part ("G20-top" is a mention of the G20). Persons' and
//! countries' Dutch genitives ("Trumps", "Ruslands") are generated.
//!
//! ```
//! use gazet::{Gazetteer, EntityType};
//!
//! let data = "entity\tperson:jan-jansen\tPERSON\tJan Jansen\nalias\tnl\tshort\tJansen\n";
//! let g = Gazetteer::parse("people.tsv", data)?;
//! let e = g.get("person:jan-jansen").unwrap();
//! assert_eq!(e.kind, EntityType::Person);
//! assert_eq!(e.aliases.len(), 2); // the canonical name and "Jansen"
//! # Ok::<(), gazet::Error>(())
//! ```

pub(crate) mod matcher;
pub(crate) mod titles;

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Location};
use crate::model::{Date, EntityType};

/// How an alias names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AliasKind {
    /// A full name that identifies the entity on its own.
    Name,
    /// A short form that identifies the entity on its own in the news ("Poetin").
    Short,
    /// An abbreviation ("VS", "NAVO").
    Abbr,
    /// A given name or surname that refers to the entity only when it is named in
    /// full elsewhere in the same document ("Jinping").
    Partial,
    /// A demonym adjective ("Russische", "Russian").
    Adj,
    /// A demonym noun ("Russen", "Russians").
    People,
}

impl AliasKind {
    /// The name used in data files and in [`Mention::kind`](crate::Mention::kind).
    pub fn as_str(self) -> &'static str {
        match self {
            AliasKind::Name => "name",
            AliasKind::Short => "short",
            AliasKind::Abbr => "abbr",
            AliasKind::Partial => "partial",
            AliasKind::Adj => "adj",
            AliasKind::People => "people",
        }
    }
    fn parse(s: &str) -> Option<AliasKind> {
        Some(match s {
            "name" => AliasKind::Name,
            "short" => AliasKind::Short,
            "abbr" => AliasKind::Abbr,
            "partial" => AliasKind::Partial,
            "adj" => AliasKind::Adj,
            "people" => AliasKind::People,
            _ => return None,
        })
    }
    fn default_case(self) -> CaseRule {
        match self {
            AliasKind::Abbr => CaseRule::Exact,
            _ => CaseRule::Capitalized,
        }
    }
}

/// Which capitalisation an alias accepts in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaseRule {
    /// Any capitalisation (`ci`).
    Insensitive,
    /// Words written with an initial capital in the alias need one in the text
    /// (`cap`); "TRUMP" in a headline passes.
    Capitalized,
    /// Exactly the alias's capitalisation, accents still folded (`cs`).
    Exact,
}

/// The language an alias belongs to; `None` stands for any language (`*`).
pub type AliasLang = Option<&'static str>;

/// One way of writing an entity's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// `Some("nl")`, `Some("en")`, `Some("de")`, `Some("fr")`, or `None` for any.
    pub lang: AliasLang,
    /// How the alias names the entity.
    pub kind: AliasKind,
    /// The form as written in the data file.
    pub form: String,
    /// The capitalisation it accepts.
    pub case: CaseRule,
    /// Whether no Dutch genitive is generated from it (`noinfl`).
    pub no_inflection: bool,
}

/// A dated post held by a person ("president of Russia from 2012-05-07").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// Canonical English title, lower case ("president", "foreign minister").
    pub title: String,
    /// Id of the country or organization.
    pub org: String,
    /// First day (or month, or year) in office.
    pub from: Date,
    /// Last day in office; `None` while in office.
    pub to: Option<Date>,
    location: Option<Location>,
}

impl Post {
    /// Whether the post was held on `date` (any overlap for partial dates).
    pub fn held_on(&self, date: Date) -> bool {
        let d0 = date.first_day().day_number();
        let d1 = date.last_day().day_number();
        self.from.first_day().day_number() <= d1
            && self.to.is_none_or(|t| t.last_day().day_number() >= d0)
    }
}

/// One named thing: id, type, canonical name, aliases and posts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Stable id (`person:vladimir-putin`, `country:RU`).
    pub id: String,
    /// Entity type.
    pub kind: EntityType,
    /// Canonical English name.
    pub name: String,
    /// Wikidata id, where certain.
    pub qid: Option<String>,
    /// Population, for places; ranks places that share a name.
    pub population: u64,
    /// The country a place or organization belongs to.
    pub country: Option<String>,
    /// Every alias, the canonical name first.
    pub aliases: Vec<Alias>,
    /// Dated posts (people).
    pub posts: Vec<Post>,
    /// An event that people attend: a summit, a forum, a conference
    /// (`gathering=yes`). "De top" and "the summit" refer back to the last one named.
    pub gathering: bool,
    /// A person's gender where the data states it (`gender=f|m`): "zij"/"she" is not
    /// read as a man, "hij"/"he" not as a woman.
    pub gender: Option<Gender>,
    location: Option<Location>,
}

/// A person's gender, as the data states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// `gender=f`.
    Female,
    /// `gender=m`.
    Male,
}

/// A set of entries, indexed by id.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
}

const LANGS: [&str; 4] = ["en", "nl", "de", "fr"];

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// Parses one data file. `file` names it in errors.
    ///
    /// # Errors
    ///
    /// A line that does not follow the format gives an [`ErrorKind::Gazetteer`] error
    /// with the file, line and column of the offending field; an id that occurs twice
    /// gives [`ErrorKind::DuplicateId`]. Nothing is skipped silently.
    pub fn parse(file: &str, source: &str) -> Result<Gazetteer, Error> {
        let mut g = Gazetteer::new();
        g.add_source(file, source)?;
        Ok(g)
    }

    /// Adds the entries of another data file.
    ///
    /// # Errors
    ///
    /// As [`Gazetteer::parse`]; ids must be unique across all files.
    pub fn add_source(&mut self, file: &str, source: &str) -> Result<(), Error> {
        let file: Arc<str> = Arc::from(file);
        let mut offset = 0usize;
        let mut current: Option<usize> = None;
        for (line_no, raw) in source.split_inclusive('\n').enumerate() {
            let line_no = line_no + 1;
            let line_start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fields = split_fields(line);
            let loc = |field: usize| {
                Location::in_line(
                    &file,
                    line_no,
                    raw,
                    line_start,
                    fields.get(field).map_or(0, |f| f.0),
                )
            };
            let get = |i: usize| fields.get(i).map(|f| f.1);
            match get(0) {
                Some("entity") => {
                    let id = get(1).filter(|s| !s.is_empty()).ok_or_else(|| {
                        Error::gazetteer("entity line needs an id in field 2", loc(0))
                    })?;
                    if !valid_id(id) {
                        return Err(Error::gazetteer(format!("invalid id \"{id}\": expected prefix:key, e.g. person:vladimir-putin"), loc(1)));
                    }
                    let ty = get(2).ok_or_else(|| {
                        Error::gazetteer("entity line needs a type in field 3", loc(1))
                    })?;
                    let kind: EntityType = ty.parse().map_err(|_| Error::gazetteer(format!("unknown entity type \"{ty}\": expected PERSON, COUNTRY, LOCATION, ORGANIZATION or EVENT"), loc(2)))?;
                    let name =
                        get(3).map(str::trim).filter(|s| !s.is_empty()).ok_or_else(|| {
                            Error::gazetteer(
                                "entity line needs a canonical name in field 4",
                                loc(2),
                            )
                        })?;
                    let mut e = Entry {
                        id: id.to_string(),
                        kind,
                        name: name.to_string(),
                        qid: None,
                        population: 0,
                        country: None,
                        aliases: vec![Alias {
                            lang: None,
                            kind: AliasKind::Name,
                            form: name.to_string(),
                            case: AliasKind::Name.default_case(),
                            no_inflection: false,
                        }],
                        posts: Vec::new(),
                        gathering: false,
                        gender: None,
                        location: Some(loc(1)),
                    };
                    for (fi, (_, f)) in fields.iter().enumerate().skip(4) {
                        if f.is_empty() {
                            continue;
                        }
                        let (k, v) = f.split_once('=').ok_or_else(|| {
                            Error::gazetteer(format!("expected key=value, found \"{f}\""), loc(fi))
                        })?;
                        match k {
                            "qid" => {
                                if !(v.len() > 1
                                    && v.starts_with('Q')
                                    && v[1..].bytes().all(|b| b.is_ascii_digit()))
                                {
                                    return Err(Error::gazetteer(format!("invalid Wikidata id \"{v}\": expected Q followed by digits"), loc(fi)));
                                }
                                e.qid = Some(v.to_string());
                            }
                            "pop" => {
                                e.population = v.parse().map_err(|_| {
                                    Error::gazetteer(format!("invalid population \"{v}\""), loc(fi))
                                })?;
                            }
                            "country" => {
                                if !valid_id(v) {
                                    return Err(Error::gazetteer(
                                        format!("invalid id \"{v}\""),
                                        loc(fi),
                                    ));
                                }
                                e.country = Some(v.to_string());
                            }
                            "gender" => {
                                e.gender = Some(match v {
                                    "f" => Gender::Female,
                                    "m" => Gender::Male,
                                    _ => {
                                        return Err(Error::gazetteer(
                                            format!("invalid gender \"{v}\": expected f or m"),
                                            loc(fi),
                                        ))
                                    }
                                });
                            }
                            "gathering" => {
                                e.gathering = match v {
                                    "yes" => true,
                                    "no" => false,
                                    _ => {
                                        return Err(Error::gazetteer(
                                            format!(
                                                "invalid gathering \"{v}\": expected yes or no"
                                            ),
                                            loc(fi),
                                        ))
                                    }
                                };
                            }
                            _ => {
                                return Err(Error::gazetteer(
                                    format!(
                                    "unknown key \"{k}\": expected qid, pop, country, gathering or gender"
                                ),
                                    loc(fi),
                                ))
                            }
                        }
                    }
                    if let Some(&prev) = self.index.get(id) {
                        let at = self.entries[prev]
                            .location
                            .as_ref()
                            .map(|l| format!(" (first defined at {l})"))
                            .unwrap_or_default();
                        return Err(Error::new(
                            ErrorKind::DuplicateId(format!("{id}{at}")),
                            Some(loc(1)),
                        ));
                    }
                    self.index.insert(id.to_string(), self.entries.len());
                    current = Some(self.entries.len());
                    self.entries.push(e);
                }
                Some("alias") => {
                    let cur = current.ok_or_else(|| {
                        Error::gazetteer("alias line before any entity line", loc(0))
                    })?;
                    let lang = match get(1) {
                        Some("*") => None,
                        Some(l) => match LANGS.iter().find(|x| **x == l) {
                            Some(x) => Some(*x),
                            None => {
                                return Err(Error::gazetteer(
                                    format!(
                                        "unknown language \"{l}\": expected *, en, nl, de or fr"
                                    ),
                                    loc(1),
                                ))
                            }
                        },
                        None => {
                            return Err(Error::gazetteer(
                                "alias line needs a language in field 2",
                                loc(0),
                            ))
                        }
                    };
                    let ks = get(2).ok_or_else(|| {
                        Error::gazetteer("alias line needs a kind in field 3", loc(1))
                    })?;
                    let kind = AliasKind::parse(ks).ok_or_else(|| Error::gazetteer(format!("unknown alias kind \"{ks}\": expected name, short, abbr, partial, adj or people"), loc(2)))?;
                    let forms = get(3).ok_or_else(|| {
                        Error::gazetteer("alias line needs forms in field 4", loc(2))
                    })?;
                    let mut case = kind.default_case();
                    let mut no_inflection = false;
                    if let Some(flags) = get(4) {
                        for fl in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                            match fl {
                                "cs" => case = CaseRule::Exact,
                                "cap" => case = CaseRule::Capitalized,
                                "ci" => case = CaseRule::Insensitive,
                                "noinfl" => no_inflection = true,
                                _ => {
                                    return Err(Error::gazetteer(
                                        format!(
                                            "unknown flag \"{fl}\": expected cs, cap, ci or noinfl"
                                        ),
                                        loc(4),
                                    ))
                                }
                            }
                        }
                    }
                    if fields.len() > 5 {
                        return Err(Error::gazetteer(
                            "too many fields: an alias line has lang, kind, forms and flags",
                            loc(5),
                        ));
                    }
                    let mut local = 0usize;
                    for form in forms.split('|') {
                        let f = form.trim();
                        if f.is_empty() || !f.chars().any(char::is_alphanumeric) {
                            let col = fields.get(3).map_or(0, |x| x.0) + local;
                            return Err(Error::gazetteer(
                                "empty alias form",
                                Location::in_line(&file, line_no, raw, line_start, col),
                            ));
                        }
                        local += form.len() + 1;
                        let e = &mut self.entries[cur];
                        // repeating a form (e.g. the canonical name) with flags
                        // overrides its case rule
                        let dup = e.aliases.iter_mut().find(|a| {
                            a.form == f && a.kind == kind && (a.lang == lang || a.lang.is_none())
                        });
                        if let Some(a) = dup {
                            a.case = case;
                            a.no_inflection |= no_inflection;
                        } else {
                            e.aliases.push(Alias {
                                lang,
                                kind,
                                form: f.to_string(),
                                case,
                                no_inflection,
                            });
                        }
                    }
                }
                Some("post") => {
                    let cur = current.ok_or_else(|| {
                        Error::gazetteer("post line before any entity line", loc(0))
                    })?;
                    let title =
                        get(1).map(str::trim).filter(|s| !s.is_empty()).ok_or_else(|| {
                            Error::gazetteer("post line needs a title in field 2", loc(0))
                        })?;
                    let org = get(2).filter(|s| valid_id(s)).ok_or_else(|| {
                        Error::gazetteer(
                            "post line needs a country or organization id in field 3",
                            loc(1),
                        )
                    })?;
                    let from_s = get(3).ok_or_else(|| {
                        Error::gazetteer("post line needs a start date in field 4", loc(2))
                    })?;
                    let from: Date = from_s.parse().map_err(|_| {
                        Error::gazetteer(
                            format!(
                                "invalid date \"{from_s}\": expected YYYY, YYYY-MM or YYYY-MM-DD"
                            ),
                            loc(3),
                        )
                    })?;
                    let to = match get(4).map(str::trim) {
                        None | Some("") | Some("-") => None,
                        Some(s) => Some(s.parse::<Date>().map_err(|_| {
                            Error::gazetteer(
                                format!(
                                    "invalid date \"{s}\": expected YYYY, YYYY-MM or YYYY-MM-DD"
                                ),
                                loc(4),
                            )
                        })?),
                    };
                    if let Some(t) = to {
                        if t.last_day().day_number() < from.first_day().day_number() {
                            return Err(Error::gazetteer(
                                format!("post ends ({t}) before it starts ({from})"),
                                loc(4),
                            ));
                        }
                    }
                    self.entries[cur].posts.push(Post {
                        title: title.to_lowercase(),
                        org: org.to_string(),
                        from,
                        to,
                        location: Some(loc(2)),
                    });
                }
                Some(other) => {
                    return Err(Error::gazetteer(
                        format!("unknown record kind \"{other}\": expected entity, alias or post"),
                        loc(0),
                    ));
                }
                None => {}
            }
        }
        Ok(())
    }

    /// Adds all entries of `other`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::DuplicateId`] if an id is in both.
    pub fn extend(&mut self, other: Gazetteer) -> Result<(), Error> {
        for e in other.entries {
            if self.index.contains_key(&e.id) {
                return Err(Error::new(ErrorKind::DuplicateId(e.id.clone()), e.location.clone()));
            }
            self.index.insert(e.id.clone(), self.entries.len());
            self.entries.push(e);
        }
        Ok(())
    }

    /// Checks references between entries: every post's organization and every
    /// `country=` must be a loaded id.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        for e in &self.entries {
            for p in &e.posts {
                if !self.index.contains_key(&p.org) {
                    return Err(Error::new(
                        ErrorKind::UnknownId(p.org.clone()),
                        p.location.clone(),
                    ));
                }
            }
            if let Some(c) = &e.country {
                if !self.index.contains_key(c) {
                    return Err(Error::new(ErrorKind::UnknownId(c.clone()), e.location.clone()));
                }
            }
        }
        Ok(())
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.index.get(id).map(|&i| &self.entries[i])
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Splits a line at tabs, keeping each field's byte offset in the line.
fn split_fields(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(6);
    let mut start = 0;
    for (i, b) in line.bytes().enumerate() {
        if b == b'\t' {
            out.push((start, &line[start..i]));
            start = i + 1;
        }
    }
    out.push((start, &line[start..]));
    // trailing empty fields are not fields
    while out.len() > 1 && out.last().is_some_and(|f| f.1.trim().is_empty()) {
        out.pop();
    }
    out
}

fn valid_id(id: &str) -> bool {
    match id.split_once(':') {
        Some((p, k)) => {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_lowercase())
                && !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b':'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_aliases_posts() {
        let src = "# people\nentity\tperson:a-b\tPERSON\tA B\tqid=Q1\nalias\tnl\tshort\tB|Bee\tcs\npost\tpresident\tcountry:XX\t2001-02-03\t2005\n\nentity\tcountry:XX\tCOUNTRY\tIks\n";
        let g = Gazetteer::parse("t.tsv", src).unwrap();
        assert_eq!(g.len(), 2);
        let e = g.get("person:a-b").unwrap();
        assert_eq!(e.qid.as_deref(), Some("Q1"));
        assert_eq!(e.aliases.len(), 3);
        assert_eq!(e.aliases[1].case, CaseRule::Exact);
        assert!(e.posts[0].held_on("2004-06".parse().unwrap()));
        assert!(!e.posts[0].held_on("2006".parse().unwrap()));
        g.validate().unwrap();
    }

    #[test]
    fn errors_name_the_place() {
        let cases = [
            ("entity\tperson:x\tPERSN\tX\n", "t.tsv:1:17: unknown entity type \"PERSN\""),
            ("alias\tnl\tname\tX\n", "t.tsv:1:1: alias line before any entity line"),
            (
                "entity\tperson:x\tPERSON\tX\nalias\txx\tname\tY\n",
                "t.tsv:2:7: unknown language \"xx\"",
            ),
            (
                "entity\tperson:x\tPERSON\tX\nalias\tnl\tname\tY||Z\n",
                "t.tsv:2:17: empty alias form",
            ),
            (
                "entity\tperson:x\tPERSON\tX\npost\tpresident\tcountry:XX\t2001-13\n",
                "t.tsv:2:27: invalid date \"2001-13\"",
            ),
            (
                "entity\tperson:x\tPERSON\tX\nentity\tperson:x\tPERSON\tY\n",
                "t.tsv:2:8: duplicate entity id \"person:x (first defined at t.tsv:1:8)\"",
            ),
            ("bogus\tx\n", "t.tsv:1:1: unknown record kind \"bogus\""),
        ];
        for (src, want) in cases {
            let err = Gazetteer::parse("t.tsv", src).unwrap_err().to_string();
            assert!(err.starts_with(want), "{err} vs {want}");
        }
    }

    #[test]
    fn unknown_reference_is_an_error() {
        let g = Gazetteer::parse(
            "t.tsv",
            "entity\tperson:x\tPERSON\tX\npost\tpresident\tcountry:ZZ\t2001\n",
        )
        .unwrap();
        let err = g.validate().unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::UnknownId("country:ZZ".into()));
        assert_eq!(err.location().map(|l| l.line), Some(2));
    }
}
