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

pub(crate) mod automaton;
mod index;
pub(crate) mod matcher;
pub(crate) mod titles;

use std::sync::Arc;

use crate::error::{Error, ErrorKind, Location};
use crate::model::{Date, EntityType};
use index::IdIndex;

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
    /// Whether it names the entity only where the document supports it (`ctx`):
    /// the entity is named in full, a title before it fits the entity's post, or a
    /// country of the entity's posts is named ("Kim", "Moon", "Abe", "Xi").
    pub context: bool,
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
    /// Where the post's title is written (the field before its organization's).
    pub(crate) fn title_location(&self) -> Location {
        let mut l = self.location.clone().unwrap_or_else(|| Location {
            file: std::sync::Arc::from("<post>"),
            offset: 0,
            line: 0,
            column: 1,
        });
        let back = self.title.chars().count() + 1;
        l.column = l.column.saturating_sub(back).max(1);
        l.offset = l.offset.saturating_sub(self.title.len() + 1);
        l
    }

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
    index: IdIndex,
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
        let source = crate::error::without_bom(source);
        let file: Arc<str> = Arc::from(file);
        // room for the file's entries up front: a million-entry file is not copied
        // over and over as the vectors grow
        let entities = source.matches("entity\t").count();
        self.entries.reserve(entities);
        self.index.reserve(entities, &self.entries);
        let mut offset = 0usize;
        // the entry that alias and post lines belong to: the last entity line's
        let mut current: Option<usize> = None;
        for (line_no, raw) in source.split_inclusive('\n').enumerate() {
            let line_start = offset;
            offset += raw.len();
            let text = raw.trim_end_matches(['\n', '\r']);
            if text.trim().is_empty() || text.trim_start().starts_with('#') {
                continue;
            }
            let line = Line {
                file: &file,
                line_no: line_no + 1,
                raw,
                line_start,
                fields: split_fields(text),
            };
            match line.get(0) {
                Some("entity") => current = Some(self.add_entity(&line)?),
                Some("alias") => self.add_aliases(current, &line)?,
                Some("post") => self.add_post(current, &line)?,
                Some(other) => return Err(line.error(unknown_kind(other), 0)),
                None => {}
            }
        }
        Ok(())
    }

    /// Parses an `entity` line and adds the entry; returns its index, which the
    /// following alias and post lines refer to.
    fn add_entity(&mut self, line: &Line<'_>) -> Result<usize, Error> {
        let e = parse_entity(line)?;
        self.check_new_id(&e.id, line)?;
        let at = self.entries.len();
        self.entries.push(e);
        self.index.insert(&self.entries[at].id, at, &self.entries);
        Ok(at)
    }

    /// Fails with [`ErrorKind::DuplicateId`] at the id field of `line` if `id` is
    /// already loaded; the message names where it was first defined.
    fn check_new_id(&self, id: &str, line: &Line<'_>) -> Result<(), Error> {
        if let Some(prev) = self.index.get(id, &self.entries) {
            let at = self.entries[prev]
                .location
                .as_ref()
                .map(|l| format!(" (first defined at {l})"))
                .unwrap_or_default();
            return Err(Error::new(ErrorKind::DuplicateId(format!("{id}{at}")), Some(line.loc(1))));
        }
        Ok(())
    }

    /// Parses an `alias` line (language, kind, `|`-separated forms, optional flags)
    /// and adds its forms to the entry `current`.
    fn add_aliases(&mut self, current: Option<usize>, line: &Line<'_>) -> Result<(), Error> {
        let cur = current.ok_or_else(|| line.error("alias line before any entity line", 0))?;
        let lang = parse_alias_lang(line)?;
        let ks = line.get(2).ok_or_else(|| line.error("alias line needs a kind in field 3", 1))?;
        let kind = AliasKind::parse(ks).ok_or_else(|| line.error(format!("unknown alias kind \"{ks}\": expected name, short, abbr, partial, adj or people"), 2))?;
        let forms =
            line.get(3).ok_or_else(|| line.error("alias line needs forms in field 4", 2))?;
        let (case, no_inflection, context) = parse_alias_flags(line, kind.default_case())?;
        if line.fields.len() > 5 {
            return Err(
                line.error("too many fields: an alias line has lang, kind, forms and flags", 5)
            );
        }
        let mut local = 0usize;
        for form in forms.split('|') {
            let f = form.trim();
            if f.is_empty() || !f.chars().any(char::is_alphanumeric) {
                let col = line.fields.get(3).map_or(0, |x| x.0) + local;
                return Err(Error::gazetteer("empty alias form", line.loc_at(col)));
            }
            local += form.len() + 1;
            let alias = Alias { lang, kind, form: f.to_string(), case, no_inflection, context };
            self.entries[cur].merge_alias(alias);
        }
        Ok(())
    }

    /// Parses a `post` line and adds the post to the entry `current`.
    fn add_post(&mut self, current: Option<usize>, line: &Line<'_>) -> Result<(), Error> {
        let cur = current.ok_or_else(|| line.error("post line before any entity line", 0))?;
        let post = parse_post(line)?;
        self.entries[cur].posts.push(post);
        Ok(())
    }

    /// Adds all entries of `other`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::DuplicateId`] if an id is in both.
    pub fn extend(&mut self, other: Gazetteer) -> Result<(), Error> {
        for e in other.entries {
            if self.index.get(&e.id, &self.entries).is_some() {
                return Err(Error::new(ErrorKind::DuplicateId(e.id.clone()), e.location.clone()));
            }
            let at = self.entries.len();
            self.entries.push(e);
            self.index.insert(&self.entries[at].id, at, &self.entries);
        }
        Ok(())
    }

    /// Checks references between entries: every post's organization and every
    /// `country=` must be a loaded id.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        for e in &self.entries {
            for p in &e.posts {
                if self.index.get(&p.org, &self.entries).is_none() {
                    return Err(Error::new(
                        ErrorKind::UnknownId(p.org.clone()),
                        p.location.clone(),
                    ));
                }
            }
            if let Some(c) = &e.country {
                if self.index.get(c, &self.entries).is_none() {
                    return Err(Error::new(ErrorKind::UnknownId(c.clone()), e.location.clone()));
                }
            }
        }
        Ok(())
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.index.get(id, &self.entries).map(|i| &self.entries[i])
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id, &self.entries)
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

impl Entry {
    /// Where the entry's `entity` line is: file, line and column of its id.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// Adds an alias. Repeating a form (e.g. the canonical name) with flags overrides
    /// its case rule instead of adding it twice.
    fn merge_alias(&mut self, alias: Alias) {
        let dup = self.aliases.iter_mut().find(|a| {
            a.form == alias.form
                && a.kind == alias.kind
                && (a.lang == alias.lang || a.lang.is_none())
        });
        if let Some(a) = dup {
            a.case = alias.case;
            a.no_inflection |= alias.no_inflection;
            a.context |= alias.context;
        } else {
            self.aliases.push(alias);
        }
    }
}

/// A record line of a data file, split into tab-separated fields, with what it takes
/// to point at a field in an error.
struct Line<'a> {
    /// The file name, as errors show it.
    file: &'a Arc<str>,
    /// 1-based line number.
    line_no: usize,
    /// The line as in the file, line break included.
    raw: &'a str,
    /// Byte offset of the line in the file.
    line_start: usize,
    /// The fields with their byte offsets in the line (see `split_fields`).
    fields: Vec<(usize, &'a str)>,
}

impl<'a> Line<'a> {
    /// Field `i` (0-based: the record kind is field 0), if the line has it.
    fn get(&self, i: usize) -> Option<&'a str> {
        self.fields.get(i).map(|f| f.1)
    }

    /// The location of byte `at` of the line.
    fn loc_at(&self, at: usize) -> Location {
        Location::in_line(self.file, self.line_no, self.raw, self.line_start, at)
    }

    /// The location of field `i`; the start of the line if there is no such field.
    fn loc(&self, i: usize) -> Location {
        self.loc_at(self.fields.get(i).map_or(0, |f| f.0))
    }

    /// A format error (`ErrorKind::Gazetteer`) located at field `i`.
    fn error(&self, msg: impl Into<String>, i: usize) -> Error {
        Error::gazetteer(msg, self.loc(i))
    }
}

/// The message for a record of unknown kind; a record written with spaces between its
/// fields is told that they are tab-separated.
fn unknown_kind(kind: &str) -> String {
    let first = kind.split_whitespace().next().unwrap_or("");
    if kind.contains(' ') && matches!(first, "entity" | "alias" | "post") {
        return format!("fields are tab-separated: \"{first}\" is followed by spaces, not a tab");
    }
    format!("unknown record kind \"{kind}\": expected entity, alias or post")
}

/// Parses an `entity` line: id, type, canonical name (also its first alias) and the
/// optional `key=value` fields.
fn parse_entity(line: &Line<'_>) -> Result<Entry, Error> {
    let id = line
        .get(1)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| line.error("entity line needs an id in field 2", 0))?;
    if !valid_id(id) {
        return Err(line.error(
            format!("invalid id \"{id}\": expected prefix:key, e.g. person:vladimir-putin"),
            1,
        ));
    }
    let ty = line.get(2).ok_or_else(|| line.error("entity line needs a type in field 3", 1))?;
    let kind: EntityType = ty.parse().map_err(|_| line.error(format!("unknown entity type \"{ty}\": expected PERSON, COUNTRY, LOCATION, ORGANIZATION or EVENT"), 2))?;
    let name = line
        .get(3)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| line.error("entity line needs a canonical name in field 4", 2))?;
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
            context: false,
        }],
        posts: Vec::new(),
        gathering: false,
        gender: None,
        location: Some(line.loc(1)),
    };
    for (fi, (_, f)) in line.fields.iter().enumerate().skip(4) {
        if f.is_empty() {
            continue;
        }
        let (k, v) = f
            .split_once('=')
            .ok_or_else(|| line.error(format!("expected key=value, found \"{f}\""), fi))?;
        set_entity_field(&mut e, k, v).map_err(|msg| line.error(msg, fi))?;
    }
    Ok(e)
}

/// Applies one `key=value` field of an entity line (`qid`, `pop`, `country`,
/// `gender`, `gathering`) to `e`. The error is the message; the caller locates it.
fn set_entity_field(e: &mut Entry, key: &str, v: &str) -> Result<(), String> {
    match key {
        "qid" => {
            if !(v.len() > 1 && v.starts_with('Q') && v[1..].bytes().all(|b| b.is_ascii_digit())) {
                return Err(format!("invalid Wikidata id \"{v}\": expected Q followed by digits"));
            }
            e.qid = Some(v.to_string());
        }
        "pop" => {
            e.population = v.parse().map_err(|_| format!("invalid population \"{v}\""))?;
        }
        "country" => {
            if !valid_id(v) {
                return Err(format!("invalid id \"{v}\""));
            }
            e.country = Some(v.to_string());
        }
        "gender" => {
            e.gender = Some(match v {
                "f" => Gender::Female,
                "m" => Gender::Male,
                _ => return Err(format!("invalid gender \"{v}\": expected f or m")),
            });
        }
        "gathering" => {
            e.gathering = match v {
                "yes" => true,
                "no" => false,
                _ => return Err(format!("invalid gathering \"{v}\": expected yes or no")),
            };
        }
        _ => {
            return Err(format!(
                "unknown key \"{key}\": expected qid, pop, country, gathering or gender"
            ))
        }
    }
    Ok(())
}

/// The language field of an alias line: `*` (any language, `None`) or one of
/// `LANGS`.
fn parse_alias_lang(line: &Line<'_>) -> Result<AliasLang, Error> {
    match line.get(1) {
        Some("*") => Ok(None),
        Some(l) => {
            match LANGS.iter().find(|x| **x == l) {
                Some(x) => Ok(Some(*x)),
                None => Err(line
                    .error(format!("unknown language \"{l}\": expected *, en, nl, de or fr"), 1)),
            }
        }
        None => Err(line.error("alias line needs a language in field 2", 0)),
    }
}

/// The optional flags field of an alias line (`cs`, `cap`, `ci`, `noinfl`,
/// comma-separated): the case rule, `default_case` unless a flag sets one, and
/// whether no genitive is generated.
/// The flags of an alias line: its case rule, `noinfl` and `ctx`.
fn parse_alias_flags(
    line: &Line<'_>,
    default_case: CaseRule,
) -> Result<(CaseRule, bool, bool), Error> {
    let mut case = default_case;
    let (mut no_inflection, mut context) = (false, false);
    let Some(flags) = line.get(4) else {
        return Ok((case, no_inflection, context));
    };
    for fl in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        match fl {
            "cs" => case = CaseRule::Exact,
            "cap" => case = CaseRule::Capitalized,
            "ci" => case = CaseRule::Insensitive,
            "noinfl" => no_inflection = true,
            "ctx" => context = true,
            _ => {
                return Err(line.error(
                    format!("unknown flag \"{fl}\": expected cs, cap, ci, noinfl or ctx"),
                    4,
                ))
            }
        }
    }
    Ok((case, no_inflection, context))
}

/// Parses the fields of a `post` line: title, country or organization id, start
/// date and optional end date (empty or `-` while in office).
fn parse_post(line: &Line<'_>) -> Result<Post, Error> {
    let title = line
        .get(1)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| line.error("post line needs a title in field 2", 0))?;
    let org = line
        .get(2)
        .filter(|s| valid_id(s))
        .ok_or_else(|| line.error("post line needs a country or organization id in field 3", 1))?;
    let from_s =
        line.get(3).ok_or_else(|| line.error("post line needs a start date in field 4", 2))?;
    let from = parse_date(line, from_s, 3)?;
    let to = match line.get(4).map(str::trim) {
        None | Some("") | Some("-") => None,
        Some(s) => Some(parse_date(line, s, 4)?),
    };
    if let Some(t) = to {
        if t.last_day().day_number() < from.first_day().day_number() {
            return Err(line.error(format!("post ends ({t}) before it starts ({from})"), 4));
        }
    }
    Ok(Post {
        title: title.to_lowercase(),
        org: org.to_string(),
        from,
        to,
        location: Some(line.loc(2)),
    })
}

/// Parses `s`, field `i` of `line`, as a date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn parse_date(line: &Line<'_>, s: &str, i: usize) -> Result<Date, Error> {
    s.parse().map_err(|_| {
        line.error(format!("invalid date \"{s}\": expected YYYY, YYYY-MM or YYYY-MM-DD"), i)
    })
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
