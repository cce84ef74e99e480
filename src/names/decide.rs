//! Deciding what a capitalised run is, rule by rule.
//!
//! The order is fixed: head phrases first ("Ministerie van …"), then head words
//! at the end ("… Airport"), then the acronym in brackets, then the evidence for a
//! person (see [`super::person`]), then (Dutch) a compound ending in a head; on the
//! runs left, a place preposition before. The first rule that fires decides; a run
//! no rule decides is no name.

use super::bits;
use super::person::{known_after, person};
use super::runs::{Ctx, Run};
use super::{Found, Rule};
use crate::tokenize::TokenKind;

/// What a run is, if any rule says so.
pub(crate) fn decide(c: &Ctx<'_>, r: Run) -> Option<Found> {
    // "Asia-Pacific Economic Cooperation Forum (APEC)": the long form of a name
    // the gazetteer knows by its acronym is no new entity
    let acr = r.last + 2;
    let known =
        c.norm(r.last + 1) == "(" && c.norm(acr + 1) == ")" && c.covered.get(acr) == Some(&true);
    if known && initials_fit(c, r, c.norm(acr)) {
        return None;
    }
    head_first(c, r)
        .or_else(|| head_last(c, r))
        .or_else(|| acronym(c, r))
        .or_else(|| person(c, r))
        .or_else(|| suffix(c, r))
}

pub(super) fn found(r: (usize, usize), rule: &Rule) -> Found {
    Found {
        first: r.0,
        len: r.1 + 1 - r.0,
        kind: rule.kind,
        rule: rule.index,
        acronym: None,
        of: None,
        weak: false,
    }
}

/// "Ministerie van Buitenlandse Zaken", "University of Tehran": the run starts
/// with a head phrase and goes on after it.
fn head_first(c: &Ctx<'_>, r: Run) -> Option<Found> {
    if !c.has(r.first, bits::HEAD_FIRST) {
        return None;
    }
    for (phrase, rule) in &c.f.head_first {
        let n = phrase.len();
        let fits = r.first + n <= r.last
            && phrase.iter().enumerate().all(|(k, w)| c.norm(r.first + k) == w);
        // "Ministry of Foreign Affairs" alone is a description, not a name
        let specific = (r.first + n..=r.last).any(|i| c.is_name(i) && !c.has(i, bits::GENERIC));
        if fits && specific {
            return Some(found((extend_left(c, r.first), r.last), rule));
        }
    }
    None
}

/// "Trump Tower", "Kuwait News Agency", "World Energy Congress": the last head
/// word of the run ends the name, when some word before it is more than a generic
/// modifier ("Foreign Ministry" alone is a description, not a name).
///
/// A known name right before the run is taken in ("Trump Tower", "Kuwait News
/// Agency", "ASEAN Summit").
fn head_last(c: &Ctx<'_>, r: Run) -> Option<Found> {
    let known = r.first.checked_sub(1).and_then(|p| c.absorb.get(p)).filter(|&&a| {
        let t = c.toks.get(r.first);
        a != u32::MAX && t.is_some_and(|t| t.space_before() && !t.newline_before())
    });
    let start = extend_left(c, known.map_or(r.first, |&a| hyphen_chain(c, a as usize)));
    // "Traffic on the Kestrel Valley Road": a sentence's first word before a
    // connector is no part of the name
    let start = if r.initial && known.is_none() && !c.is_name(start + 1) {
        (start + 1..=r.last).find(|&i| c.is_name(i)).unwrap_or(start)
    } else {
        start
    };
    // "van der Laan" is a surname: a head word after a particle is no head
    let (h, rule) = (start + 1..=r.last).rev().find_map(|i| {
        let particle = c.has(i - 1, bits::PARTICLE);
        c.f.head_last.get(c.norm(i)).filter(|_| !particle).map(|rule| (i, rule))
    })?;
    // "American Airlines and Southwest Airlines": two names, the last one kept
    let start = (start..h)
        .rev()
        .find(|&i| matches!(c.norm(i), "and" | "en" | "&") && i > start && c.has(i - 1, bits::HEAD))
        .map_or(start, |i| i + 1);
    // "Ministry of …" goes on after its head: a head-first name or none
    if h < r.last && !c.is_name(h + 1) {
        return None;
    }
    let specific =
        known.is_some() || (r.first..h).any(|i| is_word(c, i) && !c.has(i, bits::GENERIC));
    specific.then(|| found((start, h), rule))
}

/// "George Washington Bus Station", "Jack London Square", "Massachusetts
/// Institute of Technology": capitalised words and known names (not demonyms)
/// right before a head-word name belong to it; so do words glued by a hyphen
/// ("Grieks-Romeins Museum"). Not past a sentence's first word if it is a stop
/// word.
fn extend_left(c: &Ctx<'_>, mut a: usize) -> usize {
    loop {
        let Some(p) = a.checked_sub(1) else { return a };
        let t = c.toks.get(a);
        if t.is_some_and(|t| t.newline_before()) {
            return a;
        }
        let glued = t.is_some_and(|t| !t.space_before());
        if glued && c.norm(p) == "-" && p >= 1 {
            let w =
                c.toks.get(p - 1).is_some_and(|t| t.kind == TokenKind::Word && t.is_capitalized());
            if !w {
                return a;
            }
            a = c.absorb.get(p - 1).filter(|&&x| x != u32::MAX).map_or(p - 1, |&x| x as usize);
            continue;
        }
        let known = c.absorb.get(p).copied().filter(|&x| x != u32::MAX);
        let free = c.is_name(p) && !c.has(p, bits::STOP) && !c.has(p, bits::ROLE);
        if glued || !(free || known.is_some()) {
            return a;
        }
        a = known.map_or(p, |x| x as usize);
    }
}

/// "ASEAN-China Summit": a known name glued by hyphens to words before it starts
/// with them.
fn hyphen_chain(c: &Ctx<'_>, mut a: usize) -> usize {
    while a >= 2 && c.norm(a - 1) == "-" && c.glued(a - 1) && c.glued(a) {
        let w = c.toks.get(a - 2).is_some_and(|t| t.kind == TokenKind::Word && t.is_capitalized());
        if !w {
            break;
        }
        a = c.absorb.get(a - 2).filter(|&&x| x != u32::MAX).map_or(a - 2, |&x| x as usize);
    }
    a
}

/// "Joint Investigation Team (JIT)": a run of two words or more followed by an
/// acronym in brackets whose first letter is the run's.
fn acronym(c: &Ctx<'_>, r: Run) -> Option<Found> {
    let rule = c.f.acronym.as_ref()?;
    let (open, acr, close) = (r.last + 1, r.last + 2, r.last + 3);
    let t = c.toks.get(acr)?;
    let ok = c.norm(open) == "("
        && c.norm(close) == ")"
        && t.kind == TokenKind::Word
        && t.is_all_caps()
        && r.last > r.first
        && initials_fit(c, r, c.norm(acr));
    ok.then(|| Found { acronym: Some(acr), ..found((r.first, r.last), rule) })
}

/// The acronym's first letter is the run's, and its second the initial of a later
/// word of the run ("Joint Investigation Team (JIT)"; not "Cora Claassen (CDA)").
fn initials_fit(c: &Ctx<'_>, r: Run, acr: &str) -> bool {
    let mut letters = acr.chars();
    let (Some(x), Some(y)) = (letters.next(), letters.next()) else { return false };
    let initial = |i: usize| c.norm(i).chars().next();
    initial(r.first) == Some(x)
        && (r.first + 1..=r.last).any(|i| c.is_name(i) && initial(i) == Some(y))
}

/// "in Hengelo", "naar Raiwind", "from Mahipar": a place preposition before a run
/// of up to three words that has no connector inside and no sign of a person.
///
/// Not inside a name ("Ladies in White": a capitalised word before the
/// preposition that is no name found, `name_end`), not before a known name it
/// modifies ("in Sub-Saharaans Afrika"), not a single letter nor a word with
/// digits. Decided after every other rule, on the runs they left.
pub(crate) fn place_after(c: &Ctx<'_>, r: Run, name_end: &dyn Fn(usize) -> bool) -> Option<Found> {
    let end = r.first.checked_sub(1).filter(|_| !r.fragment && c.has(r.first - 1, bits::AFTER))?;
    // the longest phrase ending right before the run: "out of", "village of", "in"
    let (p, rule) = c
        .f
        .after
        .iter()
        .filter(|(ph, _)| {
            ph.len() <= end + 1 && ph.iter().rev().enumerate().all(|(k, w)| c.norm(end - k) == w)
        })
        .max_by_key(|(ph, _)| ph.len())
        .map(|(ph, rule)| (end + 1 - ph.len(), rule))?;
    let prev = c.toks.get(p)?;
    // "Oost-Congo", "West-Afrika": a compass word glued to a place is no new place
    if c.has(r.first, bits::GENERIC) && c.norm(r.first + 1) == "-" {
        return None;
    }
    let inside_name = p.checked_sub(1).is_some_and(|q| {
        let cap = c.toks.get(q).is_some_and(|t| t.kind == TokenKind::Word && t.is_capitalized());
        cap && !c.covered[q] && !name_end(q)
    });
    let words = (r.first..=r.last).filter(|&i| c.is_name(i)).count();
    let plain = (r.first..=r.last).all(|i| {
        let n = c.norm(i);
        (c.is_name(i) && !n.bytes().any(|b| b.is_ascii_digit())) || matches!(n, "-" | "de" | "i")
    });
    let person_like = c.has(r.first, bits::GIVEN) || c.has(r.last + 1, bits::SPEECH);
    // "In Ellerdijk is …": a capitalised preposition opens the sentence
    let opens = p == 0 || c.toks.get(p).is_some_and(|t| t.newline_before()) || sentence_start(c, p);
    let ok =
        (!prev.is_capitalized() || opens) && !inside_name && words <= 3 && plain && !person_like;
    let ok = ok && c.norm(r.first).chars().count() >= 2 && !known_after(c, r.last);
    // "Upper Dunsby", "Wolderwijd Oost": a generic word may be part of a place name,
    // but not all of it ("in Foreign Affairs")
    let names = || (r.first..=r.last).filter(|&i| c.is_name(i));
    let all_generic = names().all(|i| c.has(i, bits::GENERIC));
    let bad = names().any(|i| c.has(i, bits::HEAD) || c.has(i, bits::STOP));
    let ok = ok && !all_generic && !bad;
    ok.then(|| Found { weak: true, ..found((r.first, r.last), rule) })
}

/// Dutch compounds that end in a head: "Catshuis", "Bestkazerne". One word, not
/// the first of a sentence, with at least three letters before the head.
fn suffix(c: &Ctx<'_>, r: Run) -> Option<Found> {
    if r.first != r.last || r.initial {
        return None;
    }
    if !c.has(r.first, bits::COMPOUND) {
        return None;
    }
    let n = c.norm(r.first);
    c.f.suffix
        .iter()
        .find(|(s, _)| n.len() >= s.len() + 3 && n.ends_with(s.as_str()))
        .map(|(_, rule)| found((r.first, r.last), rule))
}

/// Token `p` follows a sentence end.
fn sentence_start(c: &Ctx<'_>, p: usize) -> bool {
    p.checked_sub(1).is_some_and(|q| matches!(c.norm(q), "." | "!" | "?" | "\"" | ":"))
}

fn is_word(c: &Ctx<'_>, i: usize) -> bool {
    c.toks.get(i).is_some_and(|t| t.kind == TokenKind::Word)
}
