//! The evidence that a run is a person's name: a known given name first, a role
//! word before it, a byline or photo credit, an apposition after or before it, a
//! speech verb next to it.
//!
//! "woordvoerder Peter Stano", "Foto: Anna Berends", "Dennis Horak, Canada's
//! ambassador", "de Belgische ambassadeur bij de NAVO, François de Kerckhove,",
//! "zei Marieke Ekhart": each is a person whatever the given-name list knows.

use super::bits;
use super::decide::found;
use super::runs::{Ctx, Run};
use super::{Found, Rule};
use crate::tokenize::TokenKind;

/// Stop words that may stand between the comma and the role of an apposition
/// ("X, the company's director", "X, zijn adviseur").
const DETERMINERS: &[&str] =
    &["the", "a", "an", "his", "her", "its", "their", "de", "het", "een", "zijn", "haar", "hun"];

/// Most name tokens a person's name has ("Fatma Betül Sayan Kaya").
const MAX_PERSON: usize = 4;

/// A person: the run, cut to its first name segment (no connectors), has a known
/// given name first, a role word before it, a role in an apposition after it, or
/// a speech verb next to it.
pub(super) fn person(c: &Ctx<'_>, r: Run) -> Option<Found> {
    if r.fragment {
        return None;
    }
    if let Some(x) = initial_apposition(c, r) {
        return Some(x);
    }
    let (a, b) = person_span(c, r)?;
    let words = (a..=b).filter(|&i| c.is_name(i)).count();
    let first_given = c.has(a, bits::GIVEN) && !c.has(a, bits::STOP);
    // "Maria Angela Holguín": given names, then a surname that is also a town
    if first_given && words >= 2 && place_surname(c, b) {
        return c.f.given_rule.as_ref().map(|x| found((a, b + 1), x));
    }
    let given = first_given && words >= 2;
    if words == 0 || words > MAX_PERSON || (!given && r.initial && a == r.first) {
        return None;
    }
    // the evidence first (cheap lookups), then what speaks against a person
    let (rule, weak) =
        if given { (c.f.given_rule.as_ref()?, false) } else { evidence(c, a, b, words)? };
    if has_non_person_word(c, a, b, first_given) || known_after(c, b) {
        return None;
    }
    Some(Found { weak, ..found((a, b), rule) })
}

/// The rule that vouches for tokens `a..=b` (`words` name words) as a person
/// without a known given name: a role before, a credit, an apposition, a speech
/// verb; and whether the evidence is weak (one word after a role).
fn evidence<'f>(c: &Ctx<'f>, a: usize, b: usize, words: usize) -> Option<(&'f Rule, bool)> {
    let before = a.checked_sub(1).map_or("", |i| c.norm(i));
    // "Deputy Speaker", "Chief Constable": a capitalised role word before one
    // capitalised word makes a title, not a name
    let role_cap = a.checked_sub(1).and_then(|i| c.toks.get(i)).is_some_and(|t| t.is_capitalized());
    let role = c.f.role.get(before).filter(|_| words >= 2 || !role_cap);
    if let Some(rule) = role.or_else(|| role_of(c, a).filter(|_| words >= 2)) {
        return Some((rule, words == 1));
    }
    if words < 2 {
        return None;
    }
    let after = c.norm(b + 1);
    let rule = credit(c, a)
        .or_else(|| apposition(c, b))
        .or_else(|| apposition_before(c, a, b))
        .or_else(|| c.f.speech.get(before).or_else(|| c.f.speech.get(after)))?;
    Some((rule, false))
}

/// "the Ambassador of Ukraine Vasyl Zvarych": a role word, "of" (and an article)
/// and a known name right before the run.
fn role_of<'f>(c: &Ctx<'f>, a: usize) -> Option<&'f Rule> {
    let known = c.absorb.get(a.checked_sub(1)?).copied().filter(|&x| x != u32::MAX)? as usize;
    let mut p = known.checked_sub(1)?;
    if matches!(c.norm(p), "the" | "de" | "het") {
        p = p.checked_sub(1)?;
    }
    if !matches!(c.norm(p), "of" | "van") {
        return None;
    }
    c.f.role.get(c.norm(p.checked_sub(1)?))
}

/// "Geertje Smit, directeur van …" at the start of a sentence: an apposition with
/// a role vouches for a first word the given-name list does not know.
fn initial_apposition(c: &Ctx<'_>, r: Run) -> Option<Found> {
    let words = (r.first..=r.last).filter(|&i| c.is_name(i)).count();
    let plain = (r.first..=r.last).all(|i| c.is_name(i) || c.has(i, bits::PARTICLE));
    if !r.initial
        || !plain
        || !(2..=3).contains(&words)
        || has_non_person_word(c, r.first, r.last, false)
    {
        return None;
    }
    apposition(c, r.last).map(|x| found((r.first, r.last), x))
}

/// The token after `b` is a one-word place name on the same line, and no
/// capitalised word follows it.
fn place_surname(c: &Ctx<'_>, b: usize) -> bool {
    let next_cap =
        c.toks.get(b + 2).is_some_and(|t| t.kind == TokenKind::Word && t.is_capitalized());
    c.place.get(b + 1).copied().unwrap_or(false)
        && c.toks.get(b + 1).is_some_and(|t| !t.newline_before())
        && !next_cap
}

/// "Abdel Fattah al-Sisi" where the gazetteer knows "al-Sisi": given names
/// before a known name are no person of their own.
pub(super) fn known_after(c: &Ctx<'_>, b: usize) -> bool {
    let mut j = b + 1;
    while c.has(j, bits::PARTICLE) || c.norm(j) == "-" {
        j += 1;
    }
    let next = c.toks.get(j).filter(|t| t.is_capitalized() && !t.newline_before());
    c.covered.get(j).copied().unwrap_or(false) && next.is_some()
}

/// The part of a run that can be a person's name: after the last role word in it
/// ("Chief Scientific Adviser Patrick Vallance"), up to the first connector that
/// is not a name particle. A sentence-initial run that is no given name loses its
/// first word, which is capitalised by position only.
fn person_span(c: &Ctx<'_>, r: Run) -> Option<(usize, usize)> {
    let role = (r.first..r.last).rev().find(|&i| c.has(i, bits::ROLE));
    let a = if let Some(k) = role {
        k + 1
    } else if r.initial && !c.has(r.first, bits::GIVEN) && r.last > r.first {
        r.first + 1
    } else {
        r.first
    };
    let mut b = a;
    for i in a..=r.last {
        // glued parts: "Jean-Marie", "O'Toole", "D'hooghe"
        let glued = i > a && c.glued(i) && matches!(c.norm(i - 1), "-" | "'");
        let part = c.is_name(i) || glued || matches!(c.norm(i), "-" | "'");
        if !part && !c.has(i, bits::PARTICLE) {
            break;
        }
        if part {
            b = i;
        }
    }
    c.is_name(a).then_some((a, b))
}

/// A word that says organization, place or event ("News", "Airport"), a generic
/// modifier ("National") or, unless a known given name comes first ("Lieke
/// Nijhuis"), a Dutch compound with a place head ("Bestkazerne"): no part of a
/// person's name.
fn has_non_person_word(c: &Ctx<'_>, a: usize, b: usize, given: bool) -> bool {
    // lower-case particles ("de", "van") are name parts, whatever the stop list says
    (a..=b).filter(|&i| c.is_name(i)).any(|i| {
        let compound = !given && c.has(i, bits::COMPOUND);
        c.has(i, bits::HEAD | bits::GENERIC | bits::STOP | bits::GENERIC_END) || compound
    })
}

/// "Foto: X", "AP Photo/X", "by X": a credit word before the name, perhaps with a
/// colon or a slash between.
///
/// Without the colon or slash the credit word must open its line ("Door Anna
/// Berends") or follow another ("Reporting by X"): "gebouwd door Hendriks Bouw" is
/// no byline.
fn credit<'f>(c: &Ctx<'f>, a: usize) -> Option<&'f Rule> {
    let mut p = a.checked_sub(1)?;
    let marked = matches!(c.norm(p), ":" | "/");
    if marked {
        p = p.checked_sub(1)?;
        // "Photo: EFE/X": an agency the gazetteer knows between credit and name
        while c.covered[p] && p >= 2 && matches!(c.norm(p - 1), ":" | "/") {
            p -= 2;
        }
    }
    let line_start = p == 0 || c.toks.get(p).is_some_and(|t| t.newline_before());
    // "Reporting by X; editing by Y", "Photo by X"
    let after_credit = p.checked_sub(1).is_some_and(|q| c.has(q, bits::CREDIT));
    c.f.credit.get(c.norm(p)).filter(|_| marked || line_start || after_credit)
}

/// "de Belgische ambassadeur bij de NAVO, François de Kerckhove,", "the president
/// of Guyana, Irfaan Ali,", "his wife, Peng Liyuan,": a title or role a few words
/// before a comma, then the name, which the next comma or the sentence's end
/// closes.
fn apposition_before<'f>(c: &Ctx<'f>, a: usize, b: usize) -> Option<&'f Rule> {
    let comma = a.checked_sub(1).filter(|&p| c.norm(p) == ",")?;
    let closed = matches!(c.norm(b + 1), "," | "." | ";" | ")" | "")
        || c.toks.get(b + 1).is_some_and(|t| t.newline_before());
    if !closed {
        return None;
    }
    let rule = c.f.apposition.values().next()?;
    for p in (comma.saturating_sub(5)..comma).rev() {
        if c.title.get(p).copied().unwrap_or(false) {
            return Some(rule);
        }
        if let Some(r) = c.f.apposition.get(c.norm(p)) {
            return Some(r);
        }
        if matches!(c.norm(p), "," | "." | ";" | ":" | "(" | ")") {
            return None;
        }
    }
    None
}

/// "X, de woordvoerder van …", "X, Canada's ambassador": a comma after the name,
/// then a role word within a few words.
fn apposition<'f>(c: &Ctx<'f>, b: usize) -> Option<&'f Rule> {
    if c.norm(b + 1) != "," {
        return None;
    }
    for i in b + 2..b + 9 {
        let n = c.norm(i);
        if let Some(rule) = c.f.apposition.get(n) {
            return Some(rule);
        }
        // a clause ("In Hadham, where the mayor …") is no apposition
        let clause = c.has(i, bits::STOP) && !DETERMINERS.contains(&n);
        if clause || matches!(n, "," | "." | "(" | ")" | ":" | ";" | "") {
            return None;
        }
    }
    None
}
