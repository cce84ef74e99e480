//! Cue words: modality, tense and time of a match.
//!
//! The cue words (`cue possible|planned|negated|… = …` in a rule file) found near a
//! match, within its clause, are collected into [`Cues`]; [`modality_tense_time`]
//! turns them, the rule's `modality=`/`tense=` overrides and the nearest time
//! expression into the relation's modality, tense and time. In
//!
//! ```text
//! Trump en Poetin zouden elkaar volgende week ontmoeten.
//! ```
//!
//! "zouden" is a `possible` cue (possible, so future) and "volgende week" the time.

use crate::model::{Date, Modality, Tense, TimeValue};
use crate::time::{self, TimeExpr};
use crate::tokenize::{TokenKind, Tokens};

use super::emit::tok_span;
use super::matching::SentCtx;
use super::parse::{bits, Rule};

/// Tokens before a match, and after it, in which cue words count.
pub(super) const CUE_BEFORE: usize = 5;
pub(super) const CUE_AFTER: usize = 3;

/// The cue words found near a match.
#[derive(Default, Debug)]
pub(super) struct Cues {
    possible: bool,
    planned: bool,
    hedge: bool,
    possible_dist: usize,
    planned_dist: usize,
    negated: bool,
    reported: bool,
    past: bool,
    future: bool,
    /// A cancellation ("cancelled", "zegt af"): negated, and about the future.
    cancel: bool,
}

/// How far a clause reaches beyond its match, in tokens. News clauses are far shorter;
/// the bound keeps a match's cost constant in text without sentence ends.
pub(super) const SCOPE: usize = 60;

impl SentCtx<'_> {
    /// The clause around a match: token range between the nearest clause boundaries.
    pub(super) fn scope(&self, first_tok: u32, last_tok: u32, _trigger: u32) -> (usize, usize) {
        let (sa, sb) = self.sent;
        let tt = self.toks;
        let is_b = |i: usize| {
            let f = tt.norm_at(i);
            matches!(f, ";" | ":") || self.masks.get(i).is_some_and(|m| m & bits::CLAUSE != 0)
        };
        // a clause reaches at most SCOPE tokens beyond the match: in a "sentence" of a
        // million tokens (a list, a line with no punctuation) every match stays cheap
        let (lo, hi) = ((first_tok as usize).saturating_sub(SCOPE), last_tok as usize + SCOPE);
        let mut a = first_tok as usize;
        while a > sa.max(lo) && !is_b(a - 1) {
            a -= 1;
        }
        let mut b = last_tok as usize;
        while b < sb.min(hi) && !is_b(b) {
            b += 1;
        }
        (a, b)
    }

    /// The cues among tokens `a..b`, for the match of the trigger at token `trigger`.
    pub(super) fn cues(&self, a: usize, b: usize, trigger: u32) -> Cues {
        let mut c = Cues::default();
        let tq = self.in_quote.get(trigger as usize).copied().unwrap_or(false);
        for i in a..b {
            // a long quotation is another speaker's clause
            if self.in_quote[i] != tq && self.quote_len[i] > 4 {
                continue;
            }
            let Some(t) = self.toks.get(i).filter(|t| t.kind == TokenKind::Word) else {
                continue;
            };
            // a capital inside a sentence marks a name or a month ("in May"), not a cue
            if t.is_capitalized() && i > self.sent.0 {
                let prev = self.toks.get(i - 1).map_or(TokenKind::Punct, |p| p.kind);
                if prev != TokenKind::Quote && !matches!(self.toks.norm_at(i - 1), ":" | "(") {
                    continue;
                }
            }
            let m = self.masks[i];
            // an aside (", die onlangs werd opgezegd,", "(…)", "— … —") has its own verb
            if m != 0 && self.in_aside(i as u32) {
                continue;
            }
            let cue = |k: u32| m & (bits::CUE0 << k) != 0;
            let dist = (i as i64 - i64::from(trigger)).unsigned_abs() as usize;
            if cue(0) {
                c.possible_dist = if c.possible { c.possible_dist.min(dist) } else { dist };
                c.possible = true;
            }
            if cue(1) {
                c.planned_dist = if c.planned { c.planned_dist.min(dist) } else { dist };
                c.planned = true;
            }
            c.hedge |= cue(8);
            c.negated |= cue(2);
            c.reported |= cue(3);
            c.past |= cue(4);
            c.future |= cue(5);
            c.cancel |= cue(9);
            // "geen ontmoeting", "no plans to meet" negate the relation; "nog geen
            // plannen voor een ontmoeting" (not yet) only hedges it
            if cue(10) {
                let not_yet = i > 0 && self.masks.get(i - 1).is_some_and(|m| m & bits::NOTYET != 0);
                if not_yet {
                    c.hedge = true;
                } else {
                    c.negated = true;
                }
            }
        }
        // the trigger's own form: a past-tense verb
        c
    }
}

/// The modality, tense and time of a match: the rule's overrides, else what the cues
/// and the time expression `time` (normalised against the document `date`) say.
pub(super) fn modality_tense_time(
    cues: &Cues,
    rule: &Rule,
    time: Option<TimeExpr>,
    date: Option<Date>,
    toks: &Tokens,
) -> (Modality, Tense, Option<TimeValue>) {
    let mut modality = rule.modality.unwrap_or_else(|| cue_modality(cues));
    let mut tense = rule.tense.unwrap_or_else(|| cue_tense(modality, cues));
    let mut time_value = None;
    if let Some(t) = time {
        if rule.tense.is_none() {
            // "vorige maand" and "next week" decide; "dit jaar" and "today" do not
            if let Some(it) = t.when.implied_tense().filter(|it| *it != Tense::Present) {
                if !cues.past || it == Tense::Past {
                    tense = it;
                }
            }
        }
        let resolved = t.when.resolve(date, tense);
        if let (Some((a, b, _)), Some(d), true) = (&resolved, date, rule.tense.is_none()) {
            if t.when.is_absolute() || t.when.implied_tense().is_none() {
                if b.day_number() < d.first_day().day_number() {
                    tense = Tense::Past;
                } else if a.day_number() > d.last_day().day_number() {
                    tense = Tense::Future;
                }
            }
        }
        let span = tok_span(toks, t.first, t.last);
        time_value = Some(TimeValue {
            text: String::new(),
            value: resolved.map(|r| r.2).unwrap_or_default(),
            start: span.start,
            end: span.end,
        });
    }
    // "ontmoeten elkaar woensdag", "meets Putin on Wednesday": a weekday with a
    // present-tense verb is the coming one; so is "vanmiddag", "tonight" (later today)
    let later_today = |t: &TimeExpr| {
        matches!(toks.norm_at(t.first as usize), "vanmiddag" | "vanavond" | "tonight")
    };
    if tense == Tense::Present
        && !cues.past
        && rule.tense.is_none()
        && time.is_some_and(|t| matches!(t.when, time::When::Weekday(_)) || later_today(&t))
    {
        tense = Tense::Future;
    }
    if modality == Modality::Asserted && tense == Tense::Future && rule.modality.is_none() {
        modality = Modality::Planned;
    }
    (modality, tense, time_value)
}

/// The modality the cues say: negated before reported before possible before
/// planned; otherwise asserted.
fn cue_modality(cues: &Cues) -> Modality {
    if cues.negated {
        Modality::Negated
    } else if cues.reported {
        Modality::Reported
    } else if cues.hedge {
        Modality::Possible
    } else if cues.possible && cues.planned {
        // "will meet … would be": the modal nearer to the trigger decides
        if cues.possible_dist < cues.planned_dist {
            Modality::Possible
        } else {
            Modality::Planned
        }
    } else if cues.possible {
        Modality::Possible
    } else if cues.planned {
        Modality::Planned
    } else {
        Modality::Asserted
    }
}

/// The tense the cues say, given the modality.
fn cue_tense(modality: Modality, cues: &Cues) -> Tense {
    match modality {
        Modality::Possible | Modality::Planned => Tense::Future,
        Modality::Negated if cues.planned || cues.future || cues.cancel => Tense::Future,
        _ if cues.past => Tense::Past,
        _ if cues.future => Tense::Future,
        _ => Tense::Present,
    }
}
