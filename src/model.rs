//! The result of an extraction: [`Document`] and its parts, and the JSON contract.
//!
//! With the `serde` feature (on by default) every type here serializes to, and
//! deserializes from, the JSON that other tools read. Its fields are stable:
//!
//! | field | meaning |
//! | --- | --- |
//! | `lang` | `"nl"` or `"en"`: the language the text was read as |
//! | `date` | the document date (`"2017-11"`, `"2017-11-05"`) or `null` |
//! | `entities[]` | one per real-world thing: `id`, `name` (canonical English name), `type` (`PERSON`, `COUNTRY`, `LOCATION`, `ORGANIZATION`, `EVENT`), `mentions[]` |
//! | `mentions[]` | `start`, `end` (byte offsets: `text[start..end]` is the mention), `text`, `sentence` (index), `kind` (how it was recognised: `name`, `short`, `abbr`, `partial`, `adj`, `people`, `surname`, `title`, `description`) |
//! | `relations[]` | `type`, `label` (modality joined with type, "could meet"), `args[]` (`role`, `entity` id), `modality`, `tense`, `time` (`text`, `value`) or `null`, `place` and `event` (entity ids) or `null`, `sentence`, `evidence` (`start`, `end`), `rule` (the id of the rule that made it) |
//!
//! Extra fields may appear (`qid` on entities, `title` on position relations,
//! `evidences` listing every sentence that stated a merged relation); consumers should
//! ignore fields they do not know.

use std::fmt;
use std::str::FromStr;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A document language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Lang {
    /// Dutch (Netherlands and Flanders).
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code: `"nl"`, `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = ();
    fn from_str(s: &str) -> Result<Lang, ()> {
        match s {
            "nl" | "NL" => Ok(Lang::Nl),
            "en" | "EN" => Ok(Lang::En),
            _ => Err(()),
        }
    }
}

/// The type of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "UPPERCASE"))]
pub enum EntityType {
    /// A named person.
    Person,
    /// A sovereign state or a territory that is reported as one.
    Country,
    /// A city, region, continent, sea or venue.
    Location,
    /// An international body, government seat, medium, party or company.
    Organization,
    /// A summit, recurring meeting or named historic event.
    Event,
}

impl EntityType {
    /// The upper-case name used in data files and JSON (`"PERSON"`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Country => "COUNTRY",
            EntityType::Location => "LOCATION",
            EntityType::Organization => "ORGANIZATION",
            EntityType::Event => "EVENT",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = ();
    fn from_str(s: &str) -> Result<EntityType, ()> {
        Ok(match s {
            "PERSON" => EntityType::Person,
            "COUNTRY" => EntityType::Country,
            "LOCATION" => EntityType::Location,
            "ORGANIZATION" => EntityType::Organization,
            "EVENT" => EntityType::Event,
            _ => return Err(()),
        })
    }
}

/// A byte span of the input text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// A (possibly partial) calendar date: a year, a month of a year, or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month, 1–12, if known.
    pub month: Option<u8>,
    /// The day of the month, if known (only with a month).
    pub day: Option<u8>,
}

impl Date {
    /// A year-month-day date; `None` if the day does not exist.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Some(Date { year, month: Some(month), day: Some(day) })
        } else {
            None
        }
    }
    /// A month of a year; `None` if the month is not 1–12.
    pub fn ym(year: i32, month: u8) -> Option<Date> {
        (1..=12).contains(&month).then_some(Date { year, month: Some(month), day: None })
    }
    /// A year.
    pub fn y(year: i32) -> Date {
        Date { year, month: None, day: None }
    }
    /// Days since 1970-01-01 of the first day this date covers.
    pub(crate) fn day_number(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }
    /// The date `n` days after (or before) this one, which must have a day.
    pub(crate) fn add_days(&self, n: i64) -> Date {
        let (y, m, d) = civil_from_days(self.day_number() + n);
        Date { year: y, month: Some(m), day: Some(d) }
    }
    /// The first day this date covers.
    pub(crate) fn first_day(&self) -> Date {
        Date {
            year: self.year,
            month: Some(self.month.unwrap_or(1)),
            day: Some(self.day.unwrap_or(1)),
        }
    }
    /// The last day this date covers.
    pub(crate) fn last_day(&self) -> Date {
        let m = self.month.unwrap_or(12);
        Date {
            year: self.year,
            month: Some(m),
            day: Some(self.day.unwrap_or(days_in_month(self.year, m))),
        }
    }
}

pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's civil-from-days algorithms.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for Date {
    type Err = ();
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, ()> {
        let mut parts = s.split('-');
        let y: i32 = parts.next().ok_or(())?.parse().map_err(|_| ())?;
        let parse2 = |p: Option<&str>| -> Result<Option<u8>, ()> {
            match p {
                None => Ok(None),
                Some(p) if p.len() == 2 => p.parse().map(Some).map_err(|_| ()),
                Some(_) => Err(()),
            }
        };
        let m = parse2(parts.next())?;
        let d = parse2(parts.next())?;
        if parts.next().is_some() || !(1000..=9999).contains(&y) {
            return Err(());
        }
        match (m, d) {
            (None, _) => Ok(Date::y(y)),
            (Some(m), None) => Date::ym(y, m).ok_or(()),
            (Some(m), Some(d)) => Date::ymd(y, m, d).ok_or(()),
        }
    }
}

#[cfg(feature = "serde")]
impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|_| serde::de::Error::custom(format!("invalid date \"{s}\"")))
    }
}

/// One mention of an entity in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Mention {
    /// Byte offset of the mention.
    pub start: usize,
    /// Byte offset one past the mention.
    pub end: usize,
    /// `text[start..end]`.
    pub text: String,
    /// Index of the sentence the mention starts in.
    pub sentence: usize,
    /// How the mention was recognised.
    #[cfg_attr(feature = "serde", serde(default))]
    pub kind: MentionKind,
}

/// How a mention was recognised: by a gazetteer alias of some kind, or by the
/// resolver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum MentionKind {
    /// A full name ("Vladimir Poetin").
    #[default]
    Name,
    /// A short form that names the entity on its own ("Poetin").
    Short,
    /// An abbreviation ("VS").
    Abbr,
    /// A given name or surname of an entity named in full elsewhere ("Jinping").
    Partial,
    /// A demonym adjective ("Russische").
    Adj,
    /// A demonym noun ("Russen").
    People,
    /// A part of a person's full name as written earlier in the document.
    Surname,
    /// A name after a title that the gazetteer does not know ("premier Jansen").
    Title,
    /// A description resolved through dated posts ("de Russische president").
    Description,
    /// A name the gazetteer does not know, found by a name-finder rule
    /// ("woordvoerder Anna Berends", "Trump Tower"), or written again later.
    Found,
}

/// One real-world thing named in the document, with all its mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Entity {
    /// Stable id from the gazetteer (`person:vladimir-putin`, `country:RU`), or a
    /// document-local id starting with `local:` for names found by rules.
    pub id: String,
    /// Canonical English name ("Vladimir Putin").
    pub name: String,
    /// Entity type.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: EntityType,
    /// Wikidata id, where the gazetteer is certain of it.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub qid: Option<String>,
    /// For a document-local entity found by the name finder: the id of the rule
    /// that found it (`en/names/facility`).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub rule: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// The type of a relation (see the relation inventory in the crate docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RelationType {
    /// Two parties meet, hold talks or a call (symmetric).
    Meeting,
    /// A helper helps, or could help, with a topic.
    HelpWith,
    /// A visitor travels to a place.
    Visit,
    /// A person holds a post of a country or organization.
    Position,
    /// A party attends an event.
    Participation,
    /// An event takes place in a place.
    LocatedIn,
    /// A speaker says something to a medium or addressee.
    Statement,
    /// Two parties are in conflict (symmetric).
    Conflict,
    /// A party discusses a topic.
    TalksAbout,
}

impl RelationType {
    /// The snake_case name used in rule files and JSON (`"help_with"`).
    pub fn as_str(self) -> &'static str {
        match self {
            RelationType::Meeting => "meeting",
            RelationType::HelpWith => "help_with",
            RelationType::Visit => "visit",
            RelationType::Position => "position",
            RelationType::Participation => "participation",
            RelationType::LocatedIn => "located_in",
            RelationType::Statement => "statement",
            RelationType::Conflict => "conflict",
            RelationType::TalksAbout => "talks_about",
        }
    }
    /// The roles of the type's arguments in the relation inventory's order
    /// (`help_with`: helper, topic, and optionally beneficiary); a symmetric type has
    /// its one role (meeting: participant).
    ///
    /// ```
    /// use gazet::{RelationType, Role};
    /// assert_eq!(RelationType::Visit.roles(), [Role::Visitor, Role::Place]);
    /// ```
    pub fn roles(self) -> &'static [Role] {
        match self {
            RelationType::Meeting => &[Role::Participant],
            RelationType::HelpWith => &[Role::Helper, Role::Topic, Role::Beneficiary],
            RelationType::Visit => &[Role::Visitor, Role::Place],
            RelationType::Position => &[Role::Holder, Role::CountryOrOrg],
            RelationType::Participation => &[Role::Participant, Role::Event],
            RelationType::LocatedIn => &[Role::Event, Role::Place],
            RelationType::Statement => &[Role::Speaker, Role::MediumOrAddressee],
            RelationType::Conflict => &[Role::Party],
            RelationType::TalksAbout => &[Role::Party, Role::Topic],
        }
    }
    /// Whether argument order carries no meaning (meeting, conflict).
    pub fn is_symmetric(self) -> bool {
        matches!(self, RelationType::Meeting | RelationType::Conflict)
    }
    /// Every relation type.
    pub const ALL: [RelationType; 9] = [
        RelationType::Meeting,
        RelationType::HelpWith,
        RelationType::Visit,
        RelationType::Position,
        RelationType::Participation,
        RelationType::LocatedIn,
        RelationType::Statement,
        RelationType::Conflict,
        RelationType::TalksAbout,
    ];
}

impl fmt::Display for RelationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RelationType {
    type Err = ();
    fn from_str(s: &str) -> Result<RelationType, ()> {
        RelationType::ALL.into_iter().find(|t| t.as_str() == s).ok_or(())
    }
}

/// The role an argument plays in a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Role {
    /// A party to a meeting or an event.
    Participant,
    /// Who helps.
    Helper,
    /// What is helped with or talked about.
    Topic,
    /// Who is helped.
    Beneficiary,
    /// Who travels.
    Visitor,
    /// Where to.
    Place,
    /// Who holds a post.
    Holder,
    /// The country or organization of a post.
    CountryOrOrg,
    /// The event of a participation or location.
    Event,
    /// Who speaks.
    Speaker,
    /// To whom or in which medium.
    MediumOrAddressee,
    /// A party to a conflict, or who talks about a topic.
    Party,
}

impl Role {
    /// The snake_case name used in rule files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Helper => "helper",
            Role::Topic => "topic",
            Role::Beneficiary => "beneficiary",
            Role::Visitor => "visitor",
            Role::Place => "place",
            Role::Holder => "holder",
            Role::CountryOrOrg => "country_or_org",
            Role::Event => "event",
            Role::Speaker => "speaker",
            Role::MediumOrAddressee => "medium_or_addressee",
            Role::Party => "party",
        }
    }
}

/// One argument of a relation: an entity in a role.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Argument {
    /// The role.
    pub role: Role,
    /// The id of an entity of the same document.
    pub entity: String,
}

/// How certain the text is about a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Modality {
    /// Stated as fact.
    Asserted,
    /// Hedged or hypothetical: "wellicht", "could", "may".
    Possible,
    /// Announced or scheduled: "zal", "will", "plans to".
    Planned,
    /// Denied, refused or cancelled: "niet", "weigerde", "cancelled".
    Negated,
    /// Hearsay: "naar verluidt", "reportedly".
    Reported,
}

impl Modality {
    /// The lower-case name used in rule files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Possible => "possible",
            Modality::Planned => "planned",
            Modality::Negated => "negated",
            Modality::Reported => "reported",
        }
    }
}

/// When a relation holds, relative to the document date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Tense {
    /// Before the document date.
    Past,
    /// At the document date, or ongoing.
    Present,
    /// After the document date.
    Future,
}

impl Tense {
    /// The lower-case name used in rule files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Tense::Past => "past",
            Tense::Present => "present",
            Tense::Future => "future",
        }
    }
}

/// A time expression attached to a relation, and its normalised value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TimeValue {
    /// The expression as written ("9 en 10 november").
    pub text: String,
    /// ISO 8601 value: a date, month or year, or an interval `start/end`
    /// (`"2017-11-09/2017-11-10"`); empty when the expression could not be placed
    /// (no document date for a relative expression).
    pub value: String,
    /// Byte offset of the expression.
    pub start: usize,
    /// Byte offset one past the expression.
    pub end: usize,
}

/// A typed relation between entities, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Relation {
    /// The relation type.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: RelationType,
    /// Human-readable label joining modality, tense and type ("could meet", "met").
    pub label: String,
    /// The arguments, in the inventory's role order.
    pub args: Vec<Argument>,
    /// Modality.
    pub modality: Modality,
    /// Tense.
    pub tense: Tense,
    /// The time expression that dates the relation, if any.
    pub time: Option<TimeValue>,
    /// Where it happens (an entity id), if stated.
    pub place: Option<String>,
    /// The event it happens at (an entity id), if stated.
    pub event: Option<String>,
    /// For `position`: the canonical title ("president", "foreign minister").
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub title: Option<String>,
    /// Index of the (first) sentence that states it.
    pub sentence: usize,
    /// The span of text that states it.
    pub evidence: Span,
    /// The id of the rule that produced it (`nl/meeting/ontmoeten`).
    pub rule: String,
    /// Every statement of this relation when several sentences say the same.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub evidences: Vec<Evidence>,
    /// The arguments the text did not name where it states the relation, and what
    /// stood for them: a pronoun, "de twee leiders", "de top", a description, or the
    /// document's focus (see [`LinkKind`]).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub links: Vec<Link>,
}

/// How an argument was found where the text does not name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum LinkKind {
    /// A pronoun ("hij", "she", "zijn").
    Pronoun,
    /// A phrase for the last meeting's two parties ("de twee leiders", "they").
    Pair,
    /// A noun referring back to the named summit in focus ("de top", "the summit").
    Anaphor,
    /// A title with a country, resolved through dated posts ("de Russische president").
    Description,
    /// Left out, and taken from the person in focus ("het gesprek met X").
    Focus,
    /// Left out, and taken from the meeting in focus ("Ook Syrië kwam aan bod").
    Meeting,
    /// Left out, and taken from the named gathering in focus ("X will not attend").
    Gathering,
    /// "here": the place of the story's dateline ("PALM BEACH, Florida (CNN) — X
    /// arrived here").
    Dateline,
}

/// One argument found by coreference or from the document's focus.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Link {
    /// The entity (an id of the document).
    pub entity: String,
    /// How it was found.
    pub via: LinkKind,
    /// The text that stood for it, if any (none for a left-out argument).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub span: Option<Span>,
}

/// One statement of a relation: sentence, span and rule.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Evidence {
    /// Sentence index.
    pub sentence: usize,
    /// The span of text.
    pub span: Span,
    /// The rule that matched.
    pub rule: String,
}

/// Everything gazet found in one text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Document {
    /// The language the text was read as.
    pub lang: Lang,
    /// The document date, from a leading ` date YYYY-MM[-DD]` line or the caller.
    pub date: Option<Date>,
    /// One entity per real-world thing, in order of first mention.
    pub entities: Vec<Entity>,
    /// Relations, in order of first evidence.
    pub relations: Vec<Relation>,
    /// Passages read in another language than [`lang`](Document::lang) (an English
    /// quote in a Dutch liveblog); empty, and absent from the JSON, when the whole
    /// text was read in one language.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub lang_spans: Vec<LangSpan>,
    /// What the caller should know about how the text was read, when something was
    /// not what it seemed: a leading ` date` line that is no date (read as text), a
    /// text without words (its language assumed). Empty, and absent from the JSON,
    /// otherwise.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub warnings: Vec<String>,
}

/// A passage read in a language other than the document's.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct LangSpan {
    /// Byte offset of the passage's first token.
    pub start: usize,
    /// Byte offset after its last token.
    pub end: usize,
    /// The language its sentences were read in.
    pub lang: Lang,
    /// Its first and last sentence (indices as in [`Mention::sentence`]).
    pub sentences: (usize, usize),
}

impl Document {
    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
    /// The entity with this canonical name.
    pub fn entity_named(&self, name: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.name == name)
    }
    /// The canonical name of the entity with this id, or the id itself.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.entity(id).map_or(id, |e| e.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_print() {
        for s in ["2017", "2017-11", "2017-11-09", "2016-02-29"] {
            assert_eq!(s.parse::<Date>().unwrap().to_string(), s);
        }
        for s in ["2017-13", "2017-02-30", "17-11", "2017-1", "x", ""] {
            assert!(s.parse::<Date>().is_err(), "{s}");
        }
    }

    #[test]
    fn day_arithmetic() {
        let d = Date::ymd(2017, 11, 5).unwrap();
        assert_eq!(d.add_days(-5).to_string(), "2017-10-31");
        assert_eq!(d.add_days(57).to_string(), "2018-01-01");
        assert_eq!(Date::ym(2016, 2).unwrap().last_day().to_string(), "2016-02-29");
    }
}
