//! Capitalised runs: the candidates the name finder decides on.
//!
//! A run is a maximal stretch of uncovered capitalised words inside one sentence,
//! with hyphens ("Koh-i-Sabaz") and the lower-case particles and connectors of the
//! rule file ("van der", "of the") inside it when a capitalised word follows them.
//! "de woordvoerder van het Joint Investigation Team zei" has one run, "Joint
//! Investigation Team"; "Office of the President of Ukraine" is one run as well.

use super::{bits, Finder};
use crate::tokenize::{Sentence, TokenKind, Tokens};

/// A run: tokens `first..=last` of sentence `sent`; `initial` when it starts
/// the sentence, where every word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    pub first: usize,
    pub last: usize,
    pub initial: bool,
    /// Glued by a hyphen to a word before or after it that is not in the run:
    /// part of a compound ("Midden-Europa", "Harry Potter-boekenserie").
    pub fragment: bool,
}

/// What the run builder reads.
pub(crate) struct Ctx<'a> {
    pub toks: &'a Tokens,
    pub covered: &'a [bool],
    /// Per token: the first token of a known name a head word may take in, or
    /// `u32::MAX`.
    pub absorb: &'a [u32],
    /// Per token: part of a title ("president", "minister").
    pub title: &'a [bool],
    /// Per token: a one-word place name the gazetteer knows.
    pub place: &'a [bool],
    /// Per token: its word classes (see [`bits`]) once looked up, else `u16::MAX`.
    pub bits: Vec<std::cell::Cell<u16>>,
    pub f: &'a Finder,
}

impl Ctx<'_> {
    /// Whether token `i` is in any of the word classes `mask` (see [`bits`]); a
    /// token's classes are looked up the first time they are asked for.
    pub(crate) fn has(&self, i: usize, mask: u16) -> bool {
        let (Some(cell), Some(t)) = (self.bits.get(i), self.toks.get(i)) else { return false };
        let mut b = cell.get();
        if b == u16::MAX {
            b = self.f.class_of(self.toks, i);
        }
        if mask & (bits::COMPOUND | bits::GENERIC_END) != 0 && b & bits::ENDINGS_DONE == 0 {
            b |= self.f.endings_of(self.toks, t) | bits::ENDINGS_DONE;
        }
        cell.set(b);
        b & mask != 0
    }

    /// An uncovered capitalised word.
    pub(crate) fn is_name(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        t.kind == TokenKind::Word && t.is_capitalized() && !self.covered[i]
    }

    /// The normalised form of token `i` ("" past the end).
    pub(crate) fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| self.toks.norm_of(t))
    }

    /// Token `i` is glued to the token before it (no space).
    pub(crate) fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before())
    }

    /// A lower-case particle or connector word.
    fn is_joiner(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        // "&" in "Evergreen Aviation & Space Museum" joins when the connect list has it
        let word_or_amp = t.kind == TokenKind::Word || self.norm(i) == "&";
        word_or_amp
            && !t.is_capitalized()
            && !self.covered[i]
            && (self.has(i, bits::PARTICLE) || self.has(i, bits::CONNECT))
    }

    /// Whether the word at `i` may start a run: not a stop word, a role word, a
    /// month or weekday, nor all capitals of three letters or fewer.
    fn may_start(&self, i: usize) -> bool {
        if !self.is_name(i) {
            return false;
        }
        let short_caps =
            self.toks.get(i).is_some_and(|t| t.is_all_caps()) && self.norm(i).len() <= 3;
        !self.has(i, bits::STOP | bits::ROLE | bits::CALENDAR) && !short_caps
    }

    /// The end of the run that starts at `i` (inclusive).
    fn run_end(&self, i: usize, end: usize) -> usize {
        // a name never goes on past a line break
        let end = (i + 1..end)
            .find(|&k| self.toks.get(k).is_some_and(|t| t.newline_before()))
            .unwrap_or(end);
        let mut j = i;
        loop {
            if j + 1 < end && self.is_name(j + 1) && !self.breaks(j + 1) {
                j += 1;
            } else if j + 2 < end
                && self.norm(j + 1) == "-"
                && self.glued(j + 1)
                && self.glued(j + 2)
                && !self.covered[j + 2]
                && self.toks.get(j + 2).is_some_and(|t| {
                    // "Bagnères-de-Bigorre", "Koh-i-Sabaz": a lower-case part only
                    // inside the name
                    t.kind == TokenKind::Word && (t.is_capitalized() || self.norm(j + 3) == "-")
                })
            {
                j += 2;
            } else if let Some(k) = self.joined_name(j + 1, end) {
                j = k;
            } else if j + 2 < end && self.elided(j) {
                j += 2;
            } else {
                return j;
            }
        }
    }

    /// "O'Toole", "D'hooghe": a one-letter capital, a glued apostrophe and a glued
    /// word.
    fn elided(&self, j: usize) -> bool {
        let one_capital = self.norm(j).chars().count() == 1 && self.is_name(j);
        let word = self.toks.get(j + 2).is_some_and(|t| t.kind == TokenKind::Word);
        one_capital
            && self.norm(j + 1) == "'"
            && self.glued(j + 1)
            && self.glued(j + 2)
            && word
            && !self.covered[j + 2]
    }

    /// A hyphen glued to both sides follows token `i`.
    fn hyphen_next(&self, i: usize) -> bool {
        self.norm(i + 1) == "-" && self.glued(i + 1) && self.glued(i + 2)
    }

    /// A capitalised word that ends a run before it: a month or a weekday
    /// ("Trump Monday").
    fn breaks(&self, i: usize) -> bool {
        self.has(i, bits::CALENDAR)
    }

    /// Up to two joiners from `i`, then a capitalised word: its index.
    fn joined_name(&self, i: usize, end: usize) -> Option<usize> {
        let mut k = i;
        while k < end && k < i + 2 && self.is_joiner(k) {
            k += 1;
        }
        (k > i && k < end && self.is_name(k) && !self.breaks(k)).then_some(k)
    }
}

/// The runs of one sentence.
pub(crate) fn runs_of(c: &Ctx<'_>, s: &Sentence, out: &mut Vec<Run>) {
    let (first, end) = (s.first as usize, s.last as usize);
    // the sentence's first word: every word is capitalised there
    let lead = (first..end).find(|&i| c.toks.get(i).is_some_and(|t| t.kind == TokenKind::Word));
    let mut i = first;
    while i < end {
        if !c.may_start(i) {
            i += 1;
            continue;
        }
        let last = c.run_end(i, end);
        let fragment = c.hyphen_next(last) || (i >= 1 && c.glued(i) && c.norm(i - 1) == "-");
        out.push(Run { first: i, last, initial: Some(i) == lead, fragment });
        i = last + 1;
    }
}

/// A headline in title case: most of its words are capitalised, small words
/// ("In", "Of", "Met") included, past the first word. The finder leaves such
/// sentences alone ("Trump Meets Putin In Helsinki"); a caption full of names
/// ("Leaders of Venezuela and Guyana | Photo: …") keeps its small words lower case
/// and is read. So is a title line: mostly capitals and no full stop.
pub(crate) fn is_headline(c: &Ctx<'_>, s: &Sentence) -> bool {
    // known names ("The Hague") and titles say nothing: only the other words count
    let (mut words, mut caps, mut small_caps) = (0usize, 0usize, false);
    for i in s.first as usize..s.last as usize {
        let Some(t) = c.toks.get(i).filter(|t| t.kind == TokenKind::Word && !c.covered[i]) else {
            continue;
        };
        // "Photo: EFE/…": a caption with a credit is no headline
        let next = c.norm(i + 1);
        if (next == ":" || next == "/") && c.has(i, bits::CREDIT) {
            return false;
        }
        words += 1;
        if t.is_capitalized() {
            caps += 1;
            small_caps |= words > 1 && c.has(i, bits::STOP);
        }
    }
    // a title line: mostly capitals and no full stop at its end
    let last = s.last.checked_sub(1).map_or("", |i| c.norm(i as usize));
    let title_line = caps * 10 >= words * 7 && !matches!(last, "." | "!" | "?" | "\"");
    words >= 4 && ((caps * 5 >= words * 3 && small_caps) || title_line)
}
