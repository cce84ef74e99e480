//! Time expressions: finding them in Dutch and English text, and placing them on the
//! calendar relative to the document date.
//!
//! The tagger recognises dates ("16 juli 2018", "July 16, 2018", "op 9 en 10
//! november", "Nov. 9-10"), months ("in juli", "in July 2017"), years ("in 2015"),
//! weekdays ("dinsdag", "on Tuesday"), deictic days ("vandaag", "gisteren",
//! "tomorrow") and relative periods ("vorige maand", "volgende week", "last year").
//! An expression without a year is placed with the reading that the relation's
//! tense implies: "in juli" in a past-tense sentence of an article of November 2017
//! is 2017-07, in a future-tense sentence 2018-07.
//!
//! Values are ISO 8601: a day `2017-11-09`, a month `2017-07`, a year `2015`, or an
//! interval `2017-11-09/2017-11-10` (weeks are Monday–Sunday intervals).

use crate::model::{days_in_month, Date, Lang, Tense};
use crate::tokenize::{TokenKind, Tokens};

/// What an expression says, before it is placed on the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum When {
    /// Day range (d1..=d2) of a month, year optional.
    Days {
        d1: u8,
        d2: u8,
        month: u8,
        year: Option<i32>,
    },
    /// A month, year optional.
    Month {
        month: u8,
        year: Option<i32>,
    },
    /// A year.
    Year(i32),
    /// A weekday, 0 = Monday.
    Weekday(u8),
    /// Today + n days.
    DayOffset(i8),
    /// This (0), last (-1) or next (1) week / month / year.
    Week(i8),
    MonthRel(i8),
    YearRel(i8),
}

/// A time expression: tokens `first..last` (exclusive) and its meaning.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TimeExpr {
    pub first: u32,
    pub last: u32,
    pub when: When,
}

const NL_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const EN_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const EN_MONTHS_ABBR: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec"];
const NL_DAYS: [&str; 7] =
    ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
const EN_DAYS: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

fn month_of(w: &str, lang: Lang, cap: bool) -> Option<u8> {
    let full = match lang {
        Lang::Nl => &NL_MONTHS,
        Lang::En => &EN_MONTHS,
    };
    if let Some(i) = full.iter().position(|m| *m == w) {
        // English "may" and "march" are months only when capitalised
        if lang == Lang::En && (w == "may" || w == "march") && !cap {
            return None;
        }
        return Some(i as u8 + 1);
    }
    if lang == Lang::En && cap {
        if let Some(i) = EN_MONTHS_ABBR.iter().position(|m| *m == w) {
            return Some(i as u8 + 1);
        }
    }
    if lang == Lang::Nl && w == "sept" {
        return Some(9);
    }
    None
}

fn weekday_of(w: &str, lang: Lang) -> Option<u8> {
    let days = match lang {
        Lang::Nl => &NL_DAYS,
        Lang::En => &EN_DAYS,
    };
    if let Some(i) = days.iter().position(|d| *d == w) {
        return Some(i as u8);
    }
    // "dinsdagavond", "Tuesday's"
    if lang == Lang::Nl {
        for (i, d) in days.iter().enumerate() {
            if let Some(rest) = w.strip_prefix(d) {
                if matches!(rest, "ochtend" | "middag" | "avond" | "nacht" | "morgen") {
                    return Some(i as u8);
                }
            }
        }
    }
    None
}

fn day_num(w: &str) -> Option<u8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "e" | "ste" | "de") {
        return None;
    }
    let n: u8 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year_num(w: &str) -> Option<i32> {
    if w.len() != 4 {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// Whether a normalised word is a month or weekday name in Dutch or English.
pub(crate) fn is_calendar_word(w: &str) -> bool {
    NL_MONTHS.contains(&w) || EN_MONTHS.contains(&w) || NL_DAYS.contains(&w) || EN_DAYS.contains(&w)
}

/// Every month and weekday name of either language, normalised.
pub(crate) fn calendar_words() -> impl Iterator<Item = &'static str> {
    NL_MONTHS.iter().chain(EN_MONTHS.iter()).chain(NL_DAYS.iter()).chain(EN_DAYS.iter()).copied()
}

/// The names of the days of the week in `lang` (with their parts, "dinsdagavond").
pub(crate) fn weekday_words(lang: Lang) -> Vec<String> {
    let days: &[&str] = match lang {
        Lang::Nl => &NL_DAYS,
        Lang::En => &EN_DAYS,
    };
    let mut v: Vec<String> = days.iter().map(|s| s.to_string()).collect();
    if lang == Lang::Nl {
        for d in days {
            for part in ["ochtend", "middag", "avond", "nacht", "morgen"] {
                v.push(format!("{d}{part}"));
            }
        }
    }
    v
}

/// Words that can start a time expression in `lang` (numbers aside): the tagger looks
/// only at tokens flagged with these (see `rules::parse::bits::TIME`).
pub(crate) fn start_words(lang: Lang) -> Vec<String> {
    let mut v = weekday_words(lang);
    let months: &[&str] = match lang {
        Lang::Nl => &NL_MONTHS,
        Lang::En => &EN_MONTHS,
    };
    v.extend(months.iter().map(|s| s.to_string()));
    match lang {
        Lang::Nl => {
            v.push("sept".into());
            for w in [
                "vandaag",
                "vanmiddag",
                "vanavond",
                "vanochtend",
                "vanmorgen",
                "vannacht",
                "gisteren",
                "eergisteren",
                "morgen",
                "overmorgen",
                "vorige",
                "vorig",
                "afgelopen",
                "volgende",
                "volgend",
                "komende",
                "deze",
                "dit",
            ] {
                v.push(w.into());
            }
        }
        Lang::En => {
            v.extend(EN_MONTHS_ABBR.iter().map(|s| s.to_string()));
            for w in [
                "today",
                "tonight",
                "yesterday",
                "tomorrow",
                "last",
                "past",
                "next",
                "coming",
                "this",
            ] {
                v.push(w.into());
            }
        }
    }
    v
}

/// Finds the time expressions among tokens `from..to`. `masks` flags the tokens
/// that can start one (`TIME` bit); numbers always can. An empty `masks` checks
/// every token.
pub(crate) fn tag(
    toks: &Tokens,
    from: usize,
    to: usize,
    lang: Lang,
    masks: &[u32],
) -> Vec<TimeExpr> {
    let scan = Scan { toks, from, to, lang };
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if !may_start(toks, i, masks) {
            i += 1;
            continue;
        }
        match scan.expr_at(i) {
            Some((end, when)) => {
                out.push(TimeExpr { first: i as u32, last: end as u32, when });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether token `i` can start a time expression: every token when `masks` is
/// empty, else numbers, tokens with the `TIME` bit and short words that start with a
/// digit ("9th", "3e").
fn may_start(toks: &Tokens, i: usize, masks: &[u32]) -> bool {
    let t = &toks.tokens()[i];
    masks.is_empty()
        || t.kind == TokenKind::Number
        || masks.get(i).is_some_and(|m| m & crate::rules::TIME_BIT != 0)
        || (t.kind == TokenKind::Word
            && t.norm_end - t.norm_start <= 4
            && toks.norm_at(i).starts_with(|c: char| c.is_ascii_digit()))
}

/// What a recogniser returns: the token after the expression's end and its meaning,
/// or `None` when the expression is not there.
type Found = Option<(usize, When)>;

/// The tokens `from..to` the tagger reads, in language `lang`. The recognisers
/// take the index of the expression's first token; words past `to` read as "".
struct Scan<'a> {
    toks: &'a Tokens,
    from: usize,
    to: usize,
    lang: Lang,
}

impl Scan<'_> {
    /// The normalised word at `i`, "" past the end.
    fn w(&self, i: usize) -> &str {
        if i < self.to {
            self.toks.norm_at(i)
        } else {
            ""
        }
    }

    /// Whether the token at `i` is capitalised (false past the end).
    fn cap(&self, i: usize) -> bool {
        i < self.to && self.toks.tokens()[i].is_capitalized()
    }

    /// The word before `i`, "" at the start of the range.
    fn prev(&self, i: usize) -> &str {
        if i > self.from {
            self.w(i - 1)
        } else {
            ""
        }
    }

    /// The expression starting at token `i`: the recognisers in order, first match
    /// wins.
    fn expr_at(&self, i: usize) -> Found {
        self.day_month(i)
            .or_else(|| self.month_first(i))
            .or_else(|| self.year(i))
            .or_else(|| self.weekday_name(i))
            .or_else(|| day_offset(self.lang, self.w(i)).map(|n| (i + 1, When::DayOffset(n))))
            .or_else(|| self.relative(i))
    }

    /// day [en|and|-|tot day] month [year]: "16 juli 2018", "op 9 en 10 november",
    /// "9-10 Nov. 2017". A word token counts as a day only with a suffix ("9th").
    fn day_month(&self, i: usize) -> Found {
        let f = self.w(i);
        let d1 = day_num(f).filter(|_| {
            self.toks.tokens()[i].kind != TokenKind::Word
                || f.ends_with(|c: char| c.is_ascii_alphabetic())
        })?;
        let mut j = i + 1;
        let mut d2 = d1;
        if matches!(self.w(j), "en" | "and" | "-" | "tot" | "to") {
            if let Some(x) = day_num(self.w(j + 1)) {
                d2 = x;
                j += 2;
            }
        }
        let lang = self.lang;
        let m = month_of(self.w(j), lang, self.cap(j))
            .or_else(|| (lang == Lang::En).then(|| month_of(self.w(j), lang, true)).flatten())?;
        let mut end = j + 1;
        if self.w(end) == "." {
            end += 1;
        }
        let mut year = None;
        if let Some(y) = year_num(self.w(end)) {
            year = Some(y);
            end += 1;
        }
        (d2 >= d1).then_some((end, When::Days { d1, d2, month: m, year }))
    }

    /// Expressions that start with a month name (an optional "." after it):
    /// [`Scan::month_days`], else [`Scan::month_alone`].
    fn month_first(&self, i: usize) -> Found {
        let m = month_of(self.w(i), self.lang, self.cap(i))?;
        let mut j = i + 1;
        if self.w(j) == "." {
            j += 1;
        }
        self.month_days(m, j).or_else(|| self.month_alone(i, m, j))
    }

    /// month day[-day|and day][, year]  (English): "July 16, 2018", "Nov. 9 and 10";
    /// `j` is the token after the month. In Dutch only with a year.
    fn month_days(&self, m: u8, j: usize) -> Found {
        let d1 = day_num(self.w(j))?;
        let mut d2 = d1;
        let mut end = j + 1;
        if matches!(self.w(end), "-" | "and" | "en" | "to") {
            if let Some(x) = day_num(self.w(end + 1)) {
                d2 = x;
                end += 2;
            }
        }
        let mut year = None;
        let k = if self.w(end) == "," { end + 1 } else { end };
        if let Some(y) = year_num(self.w(k)) {
            year = Some(y);
            end = k + 1;
        }
        (d2 >= d1 && (self.lang == Lang::En || year.is_some()))
            .then_some((end, When::Days { d1, d2, month: m, year }))
    }

    /// month [year] at token `i` ("in juli", "July 2017"); `j` is the token after
    /// the month.
    fn month_alone(&self, i: usize, m: u8, j: usize) -> Found {
        // month [year], only after a preposition or with a year, to keep
        // "May" the name and "mei" in other senses out
        let year = year_num(self.w(j));
        if year.is_some() || is_month_preposition(self.prev(i)) {
            let end = if year.is_some() { j + 1 } else { i + 1 };
            return Some((end, When::Month { month: m, year }));
        }
        None
    }

    /// A year number after a preposition: "in 2015", "sinds 2015", "early 2019".
    fn year(&self, i: usize) -> Found {
        let y = year_num(self.w(i))?;
        (is_year_preposition(self.prev(i)) && self.toks.tokens()[i].kind == TokenKind::Number)
            .then_some((i + 1, When::Year(y)))
    }

    /// A weekday: "dinsdag", "dinsdagavond", "on Tuesday".
    fn weekday_name(&self, i: usize) -> Found {
        let d = weekday_of(self.w(i), self.lang)?;
        // "op dinsdag", "Tuesday" — English weekday names need a capital
        (self.lang == Lang::Nl || self.cap(i)).then_some((i + 1, When::Weekday(d)))
    }

    /// this / last / next with a unit or a weekday: "vorige maand", "volgende week",
    /// "last year", "komende vrijdag".
    fn relative(&self, i: usize) -> Found {
        let r = match self.w(i) {
            "vorige" | "vorig" | "afgelopen" | "last" | "past" => -1,
            "volgende" | "volgend" | "komende" | "next" | "coming" => 1,
            "deze" | "dit" | "this" => 0,
            _ => return None,
        };
        let unit = self.w(i + 1);
        let when = match unit {
            "week" => When::Week(r),
            "maand" | "month" => When::MonthRel(r),
            "jaar" | "year" => When::YearRel(r),
            _ => When::Weekday(weekday_of(unit, self.lang)?),
        };
        Some((i + 2, when))
    }
}

/// Words after which a month name without a year is a month ("in juli", "eind
/// juli", "last May").
fn is_month_preposition(prev: &str) -> bool {
    matches!(
        prev,
        "in" | "sinds"
            | "since"
            | "eind"
            | "begin"
            | "half"
            | "medio"
            | "eind-"
            | "late"
            | "early"
            | "mid"
            | "until"
            | "tot"
            | "van"
            | "of"
            | "afgelopen"
            | "vorige"
            | "this"
            | "last"
            | "next"
            | "deze"
            | "komende"
            | "volgende"
            | "during"
            | "tijdens"
    )
}

/// Words after which a number is a year ("in 2015", "begin 2019").
fn is_year_preposition(prev: &str) -> bool {
    matches!(
        prev,
        "in" | "sinds"
            | "since"
            | "van"
            | "of"
            | "tot"
            | "until"
            | "begin"
            | "eind"
            | "early"
            | "late"
            | "mid"
    )
}

/// Days from today for a deictic day word: "vandaag"/"today" 0, "gisteren" -1,
/// "eergisteren" -2, "morgen"/"tomorrow" 1, "overmorgen" 2.
fn day_offset(lang: Lang, w: &str) -> Option<i8> {
    match (lang, w) {
        (
            Lang::Nl,
            "vandaag" | "vanmiddag" | "vanavond" | "vanochtend" | "vanmorgen" | "vannacht",
        )
        | (Lang::En, "today" | "tonight") => Some(0),
        (Lang::Nl, "gisteren") | (Lang::En, "yesterday") => Some(-1),
        (Lang::Nl, "eergisteren") => Some(-2),
        (Lang::Nl, "morgen") => Some(1),
        (Lang::En, "tomorrow") => Some(1),
        (Lang::Nl, "overmorgen") => Some(2),
        _ => None,
    }
}

/// Days of the week: 0 = Monday.
fn weekday(d: Date) -> u8 {
    // 1970-01-01 was a Thursday (3)
    ((d.day_number() % 7 + 7 + 3) % 7) as u8
}

impl When {
    /// Places the expression against the document date with the tense's reading.
    /// Returns the first and last day it covers and its ISO value; `None` when a
    /// relative expression has no document date.
    pub(crate) fn resolve(&self, doc: Option<Date>, tense: Tense) -> Option<(Date, Date, String)> {
        let range = |a: Date, b: Date| -> String {
            if a == b {
                a.to_string()
            } else {
                format!("{a}/{b}")
            }
        };
        match *self {
            When::Days { d1, d2, month, year } => {
                let y = match year {
                    Some(y) => y,
                    None => pick_year(doc?, month, tense),
                };
                let a = Date::ymd(y, month, d1.min(days_in_month(y, month)))?;
                let b = Date::ymd(y, month, d2.min(days_in_month(y, month)))?;
                Some((a, b, range(a, b)))
            }
            When::Month { month, year } => {
                let y = match year {
                    Some(y) => y,
                    None => pick_year(doc?, month, tense),
                };
                let m = Date::ym(y, month)?;
                Some((m.first_day(), m.last_day(), m.to_string()))
            }
            When::Year(y) => {
                let d = Date::y(y);
                Some((d.first_day(), d.last_day(), d.to_string()))
            }
            When::Weekday(wd) => {
                let doc = doc?;
                doc.day?;
                let today = weekday(doc);
                let diff = (i64::from(wd) - i64::from(today)).rem_euclid(7);
                let d = match tense {
                    Tense::Past => {
                        let back = if diff == 0 { 0 } else { 7 - diff };
                        doc.add_days(-back)
                    }
                    _ => doc.add_days(diff),
                };
                Some((d, d, d.to_string()))
            }
            When::DayOffset(n) => {
                let doc = doc?;
                doc.day?;
                let d = doc.add_days(i64::from(n));
                Some((d, d, d.to_string()))
            }
            When::Week(r) => {
                let doc = doc?;
                doc.day?;
                let monday = doc.add_days(-i64::from(weekday(doc)) + 7 * i64::from(r));
                let sunday = monday.add_days(6);
                Some((monday, sunday, range(monday, sunday)))
            }
            When::MonthRel(r) => {
                let doc = doc?;
                let m = i32::from(doc.month?) - 1 + i32::from(r);
                let y = doc.year + m.div_euclid(12);
                let d = Date::ym(y, (m.rem_euclid(12) + 1) as u8)?;
                Some((d.first_day(), d.last_day(), d.to_string()))
            }
            When::YearRel(r) => {
                let d = Date::y(doc?.year + i32::from(r));
                Some((d.first_day(), d.last_day(), d.to_string()))
            }
        }
    }

    /// Whether the expression fixes its own year (so it can decide the tense).
    pub(crate) fn is_absolute(&self) -> bool {
        matches!(
            self,
            When::Days { year: Some(_), .. } | When::Month { year: Some(_), .. } | When::Year(_)
        )
    }

    /// The tense the expression itself implies, when it implies one.
    pub(crate) fn implied_tense(&self) -> Option<Tense> {
        match *self {
            When::DayOffset(n) | When::Week(n) | When::MonthRel(n) | When::YearRel(n) => {
                Some(match n.signum() {
                    -1 => Tense::Past,
                    1 => Tense::Future,
                    _ => Tense::Present,
                })
            }
            _ => None,
        }
    }
}

/// The year for a month without one: the tense decides the direction.
fn pick_year(doc: Date, month: u8, tense: Tense) -> i32 {
    let dm = doc.month.unwrap_or(6);
    match tense {
        Tense::Past if month > dm => doc.year - 1,
        Tense::Future if month < dm => doc.year + 1,
        _ => doc.year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn values(text: &str, lang: Lang, doc: &str, tense: Tense) -> Vec<String> {
        let t = tokenize(text);
        tag(&t, 0, t.len(), lang, &[])
            .iter()
            .map(|e| e.when.resolve(doc.parse().ok(), tense).map_or("?".to_string(), |v| v.2))
            .collect()
    }

    #[test]
    fn dutch() {
        assert_eq!(
            values("In juli ontmoetten zij elkaar", Lang::Nl, "2017-11", Tense::Past),
            ["2017-07"]
        );
        assert_eq!(
            values("in juli ontmoeten zij elkaar", Lang::Nl, "2017-11", Tense::Future),
            ["2018-07"]
        );
        assert_eq!(
            values("op 9 en 10 november", Lang::Nl, "2017-11", Tense::Future),
            ["2017-11-09/2017-11-10"]
        );
        assert_eq!(
            values("op 16 juli 2018 in Helsinki", Lang::Nl, "2017-11", Tense::Past),
            ["2018-07-16"]
        );
        assert_eq!(
            values("vorige maand en volgende week", Lang::Nl, "2017-11-06", Tense::Past),
            ["2017-10", "2017-11-13/2017-11-19"]
        );
        assert_eq!(values("dinsdag", Lang::Nl, "2017-11-06", Tense::Past), ["2017-10-31"]);
        assert_eq!(values("dinsdag", Lang::Nl, "2017-11-06", Tense::Future), ["2017-11-07"]);
        assert_eq!(
            values("Vandaag vertrekt hij, gisteren niet", Lang::Nl, "2017-11-05", Tense::Present),
            ["2017-11-05", "2017-11-04"]
        );
        assert_eq!(
            values("in mei werd hij beëdigd", Lang::Nl, "2019-06-20", Tense::Past),
            ["2019-05"]
        );
    }

    #[test]
    fn english() {
        assert_eq!(
            values("on Nov. 9 and 10", Lang::En, "2017-11", Tense::Future),
            ["2017-11-09/2017-11-10"]
        );
        assert_eq!(values("on July 16, 2018", Lang::En, "2017-11", Tense::Past), ["2018-07-16"]);
        assert_eq!(values("in July", Lang::En, "2017-11", Tense::Past), ["2017-07"]);
        assert_eq!(
            values("Theresa May may meet him in 2019", Lang::En, "2017-11", Tense::Past),
            ["2019"]
        );
        assert_eq!(values("last month", Lang::En, "2018-01-10", Tense::Past), ["2017-12"]);
        assert_eq!(values("on Tuesday", Lang::En, "2017-11-06", Tense::Past), ["2017-10-31"]);
        assert_eq!(values("yesterday", Lang::En, "2017-11", Tense::Past), ["?"]);
    }
}
