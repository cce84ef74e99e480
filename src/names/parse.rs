//! Reading name-finder files: `*.names` rule files and given-name lists.
//!
//! A rule file has one rule per line; `#` starts a comment line, blank lines are
//! ignored. A `lang` line sets the language of the rules below it:
//!
//! ```text
//! lang en
//! facility = head-last LOCATION : Palace | Tower | Airport
//! ministry = head-first ORGANIZATION : Ministry of | University of
//! spokesman = role PERSON : spokesman | spokeswoman
//! stop : The | This | According
//! ```
//!
//! `<name> = <decision> <TYPE> [: words]`, with the words (or multi-word phrases)
//! separated by `|`; the word lists `stop`, `connect`, `particle` and `generic`
//! have no name and no type. The
//! decisions are described in the [module docs](super).

use std::sync::Arc;

use crate::error::{Error, Location};
use crate::fxhash::FxHashMap as HashMap;
use crate::fxhash::FxHashSet as HashSet;
use crate::model::{EntityType, Lang};
use crate::tokenize::fold_lower;

/// What a rule looks at to decide that a capitalised run is a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Decision {
    /// The run starts with a known given name ("Marieke Ekhart").
    Given,
    /// A role noun stands right before the run ("woordvoerder Peter Stano").
    Role,
    /// A credit or byline word stands before a run of two words or more, perhaps
    /// with a colon or slash between ("Foto: Marieke Ekhart", "AP Photo/Hadi
    /// Mizban", "by Isti Miskolczy").
    Credit,
    /// A comma and a role noun follow the run ("Dennis Horak, the ambassador").
    Apposition,
    /// A speech verb stands right before or after the run ("said Hadi Mizban").
    Speech,
    /// The run ends in a head word ("Trump Tower", "Turkish-German University").
    HeadLast,
    /// The run starts with a head phrase ("Ministerie van Defensie").
    HeadFirst,
    /// One word ending in a head ("Catshuis", "Bestkazerne").
    Suffix,
    /// A preposition of place stands right before the run ("in Hengelo").
    After,
    /// The run is followed by an acronym in brackets ("Joint Investigation Team (JIT)").
    Acronym,
}

impl Decision {
    fn parse(s: &str) -> Option<Decision> {
        Some(match s {
            "given" => Decision::Given,
            "role" => Decision::Role,
            "credit" => Decision::Credit,
            "apposition" => Decision::Apposition,
            "speech" => Decision::Speech,
            "head-last" => Decision::HeadLast,
            "head-first" => Decision::HeadFirst,
            "suffix" => Decision::Suffix,
            "after" => Decision::After,
            "acronym" => Decision::Acronym,
            _ => return None,
        })
    }
}

/// One rule: its id (`en/names/facility`), decision, the type it gives and its
/// words (each a phrase of normalised tokens).
#[derive(Clone, Debug)]
pub(crate) struct NameRule {
    pub id: String,
    pub lang: Lang,
    pub decision: Decision,
    pub kind: EntityType,
    pub words: Vec<Vec<String>>,
}

/// Everything the name finder reads, per language, before it is indexed.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parsed {
    pub rules: Vec<NameRule>,
    /// Words that never start a name, per language.
    pub stop: HashMap<Lang, HashSet<String>>,
    /// Lower-case words allowed inside organization, place and event names.
    pub connect: HashMap<Lang, HashSet<String>>,
    /// Lower-case words allowed inside a person's name ("van der", "bin").
    pub particle: HashMap<Lang, HashSet<String>>,
    /// Capitalised modifiers that make no name with a head alone ("Foreign
    /// Ministry") and are no part of a person's name ("National").
    pub generic: HashMap<Lang, HashSet<String>>,
    /// Known given names, normalised.
    pub given: HashSet<String>,
}

impl Parsed {
    /// Parses one rule file and adds its rules.
    pub(crate) fn add_rules(&mut self, file: &str, src: &str) -> Result<(), Error> {
        let src = crate::error::without_bom(src);
        let file: Arc<str> = Arc::from(file);
        let mut lang: Option<Lang> = None;
        let mut offset = 0;
        for (no, raw) in src.split_inclusive('\n').enumerate() {
            let at = Where { file: &file, no: no + 1, raw, start: offset };
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            if let Some(l) = t.strip_prefix("lang ") {
                lang =
                    Some(parse_lang(l.trim()).ok_or_else(|| at.err("expected lang nl or en", 5))?);
                continue;
            }
            let lang = lang.ok_or_else(|| at.err("a rule before any `lang` line", 0))?;
            self.add_line(&at, line, lang)?;
        }
        Ok(())
    }

    /// One non-comment line: a `stop`/`connect` list or a rule.
    fn add_line(&mut self, at: &Where<'_>, line: &str, lang: Lang) -> Result<(), Error> {
        let (head, words) = match line.split_once(':') {
            Some((h, w)) => (h, Some((w, h.len() + 1))),
            None => (line, None),
        };
        let words_of = |w: Option<(&str, usize)>| -> Result<Vec<Vec<String>>, Error> {
            let Some((w, col)) = w else { return Ok(Vec::new()) };
            let out: Vec<Vec<String>> = w
                .split('|')
                .map(|p| fold_lower(p.trim()).split_whitespace().map(str::to_string).collect())
                .filter(|p: &Vec<String>| !p.is_empty())
                .collect();
            if out.is_empty() {
                return Err(at.err("expected words separated by |", col));
            }
            Ok(out)
        };
        let key = head.trim();
        let list = match key {
            "stop" => Some(&mut self.stop),
            "connect" => Some(&mut self.connect),
            "particle" => Some(&mut self.particle),
            "generic" => Some(&mut self.generic),
            _ => None,
        };
        if let Some(set) = list {
            let set = set.entry(lang).or_default();
            set.extend(words_of(words)?.into_iter().map(|p| p.join(" ")));
            return Ok(());
        }
        let Some((name, rest)) = head.split_once('=') else {
            return Err(at.err("expected `<name> = <decision> <TYPE> : words`", 0));
        };
        let mut f = rest.split_whitespace();
        let col = name.len() + 1;
        let decision = f
            .next()
            .and_then(Decision::parse)
            .ok_or_else(|| at.err("unknown decision: expected given, role, credit, apposition, speech, head-last, head-first, suffix, after or acronym", col))?;
        let kind = f.next().and_then(|t| t.parse::<EntityType>().ok()).ok_or_else(|| {
            at.err("expected a type: PERSON, ORGANIZATION, LOCATION or EVENT", col)
        })?;
        let words = words_of(words)?;
        let needs_words = !matches!(decision, Decision::Given | Decision::Acronym);
        if needs_words && words.is_empty() {
            return Err(at.err("this decision needs words after `:`", line.len()));
        }
        let id = format!("{}/names/{}", lang.code(), name.trim());
        self.rules.push(NameRule { id, lang, decision, kind, words });
        Ok(())
    }

    /// Adds a given-name list: one name per line, `#` comments.
    pub(crate) fn add_given(&mut self, src: &str) {
        self.given.reserve(src.lines().count());
        for l in src.lines() {
            let t = l.trim();
            if !t.is_empty() && !t.starts_with('#') {
                self.given.insert(fold_lower(t));
            }
        }
    }
}

fn parse_lang(s: &str) -> Option<Lang> {
    match s {
        "nl" => Some(Lang::Nl),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// A line of a rule file, for error locations.
struct Where<'a> {
    file: &'a Arc<str>,
    no: usize,
    raw: &'a str,
    start: usize,
}

impl Where<'_> {
    fn err(&self, msg: &str, col: usize) -> Error {
        Error::rule(msg, Location::in_line(self.file, self.no, self.raw, self.start, col))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules_and_lists() {
        let mut p = Parsed::default();
        let src = "# x\nlang en\nfacility = head-last LOCATION : Palace | Trump Tower\nstop : The | A\ngiven = given PERSON\n";
        p.add_rules("t.names", src).unwrap();
        assert_eq!(p.rules.len(), 2);
        assert_eq!(p.rules[0].id, "en/names/facility");
        assert_eq!(p.rules[0].words[1], vec!["trump".to_string(), "tower".to_string()]);
        assert!(p.stop[&Lang::En].contains("the"));
    }

    #[test]
    fn errors_name_the_place() {
        let cases = [
            (
                "facility = head-last LOCATION : Palace\n",
                "t.names:1:1: a rule before any `lang` line",
            ),
            ("lang en\nx = guess PERSON : a\n", "t.names:2:4: unknown decision"),
            ("lang en\nx = role PERSN : a\n", "t.names:2:4: expected a type"),
            ("lang en\nx = role PERSON\n", "t.names:2:16: this decision needs words"),
            ("lang xx\n", "t.names:1:6: expected lang nl or en"),
        ];
        for (src, want) in cases {
            let e = Parsed::default().add_rules("t.names", src).unwrap_err().to_string();
            assert!(e.starts_with(want), "{e}");
        }
    }
}
