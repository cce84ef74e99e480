//! Couples and siblings named with one surname: "Joe and Jill Biden", "Emmanuel en
//! Brigitte Macron".
//!
//! News names two people who share a surname by writing it once, after the second
//! given name. The gazetteer matcher sees "Jill Biden" and nothing in "Joe". This step
//! gives the lone given name the surname of the full name after "and"/"en"/"&" and
//! looks the result up among the gazetteer's people: only a person the gazetteer
//! knows by that full name is taken, so "Nadia and Jill Biden" stays as it was.
//!
//! ```
//! let ex = gazet::Extractor::new();
//! let doc = ex.extract("Joe and Jill Biden arrived in Paris on Monday.");
//! let joe = doc.entity_named("Joe Biden").unwrap();
//! assert_eq!(joe.mentions[0].text, "Joe");
//! assert!(doc.entity_named("Jill Biden").is_some());
//! ```

use crate::fxhash::FxHashMap;
use crate::gazetteer::{AliasKind, Gazetteer};
use crate::model::EntityType;
use crate::resolve::{MKind, RMention, Resolved};
use crate::tokenize::{tokenize, TokenKind, Tokens};

/// The gazetteer's people by their full names of two or more words, as normalised
/// token words joined by spaces ("joe biden"); a name two people share maps to none.
#[derive(Debug, Default)]
pub(crate) struct PersonNames(FxHashMap<String, Option<u32>>);

impl PersonNames {
    pub(crate) fn build(g: &Gazetteer) -> PersonNames {
        let mut map: FxHashMap<String, Option<u32>> = FxHashMap::default();
        for (i, e) in g.entries().iter().enumerate() {
            if e.kind != EntityType::Person {
                continue;
            }
            let names = e.aliases.iter().filter(|a| a.kind == AliasKind::Name).map(|a| &a.form);
            for name in std::iter::once(&e.name).chain(names) {
                let Some(key) = key_of(name) else { continue };
                map.entry(key)
                    .and_modify(|v| {
                        if *v != Some(i as u32) {
                            *v = None;
                        }
                    })
                    .or_insert(Some(i as u32));
            }
        }
        PersonNames(map)
    }

    fn get(&self, given: &str, surname: &str) -> Option<u32> {
        let mut key = String::with_capacity(given.len() + surname.len() + 1);
        key.push_str(given);
        key.push(' ');
        key.push_str(surname);
        self.0.get(&key).copied().flatten()
    }
}

/// "Joe Biden" → "joe biden": the normalised words of a name of two words or more.
fn key_of(name: &str) -> Option<String> {
    let toks = tokenize(name);
    let words: Vec<&str> =
        toks.iter().filter(|t| t.kind == TokenKind::Word).map(|t| toks.norm_of(t)).collect();
    (words.len() >= 2).then(|| words.join(" "))
}

/// Adds a mention for every lone given name that shares the surname of the person
/// named after it ("Joe" in "Joe and Jill Biden"); `covered` marks the tokens of the
/// mentions so far, `name_like` says whether an uncovered token may be a given name.
pub(crate) fn add_partners(
    toks: &Tokens,
    g: &Gazetteer,
    names: &PersonNames,
    res: &mut Resolved,
    covered: &mut [bool],
    name_like: impl Fn(usize) -> bool,
) {
    let tt = toks.tokens();
    let mut found: Vec<(usize, u32)> = Vec::new();
    for m in &res.mentions {
        let (first, last) = (m.first as usize, (m.first + m.len) as usize - 1);
        if m.len < 2 || first < 2 || res.entities[m.ent as usize].kind != EntityType::Person {
            continue;
        }
        let (w, and) = (first - 2, first - 1);
        let joined = matches!(toks.norm_of(&tt[and]), "and" | "en" | "&")
            && !tt[and].newline_before()
            && !tt[first].newline_before();
        if !joined || covered[w] || covered[and] || !name_like(w) {
            continue;
        }
        if let Some(e) = names.get(toks.norm_of(&tt[w]), toks.norm_of(&tt[last])) {
            found.push((w, e));
        }
    }
    for (w, e) in found {
        let ent = res.entity_for(g, e);
        covered[w] = true;
        res.mentions.push(RMention {
            first: w as u32,
            len: 1,
            ent,
            kind: MKind::Alias(AliasKind::Partial),
        });
    }
}
