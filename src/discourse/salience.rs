//! [`Salience`]: the meeting, the gathering and the people a document is about at a
//! given sentence.
//!
//! The model is updated as the rule layer moves through the sentences, and asked for
//! implicit arguments: after "Scholz en Meloni ontmoetten elkaar in Rome." the meeting
//! in focus is Scholz–Meloni for the next [`MEETING_WINDOW`] sentences; after "De
//! NAVO-top in Vilnius begon dinsdag." the gathering in focus is the NATO summit for
//! [`GATHERING_WINDOW`] sentences from its last mention.

use crate::model::{Modality, Tense};

/// Sentences after a meeting in which it stays in focus.
pub(crate) const MEETING_WINDOW: usize = 2;
/// Sentences after the last mention of a gathering in which it stays in focus.
pub(crate) const GATHERING_WINDOW: usize = 8;
/// The most participants a meeting in focus gathers before a new one starts (a summit's
/// many bilateral meetings are not one meeting).
pub(crate) const MAX_PARTICIPANTS: usize = 6;
/// Sentences back in which the people in focus are looked for.
pub(crate) const FOCUS_WINDOW: usize = 2;

/// What a document is about at a sentence (see the module docs).
#[derive(Debug, Default)]
pub(crate) struct Salience {
    /// The participants of the last meeting, and its sentence.
    meeting: Option<(Vec<u32>, usize)>,
    /// How the meeting in focus was first stated: later sentences that add to it
    /// without cues of their own keep its reading (a preview stays planned).
    reading: Option<(Modality, Tense)>,
    /// The last named gathering, and the last sentence that referred to it.
    gathering: Option<(u32, usize)>,
    /// The persons of each sentence that names any, in text order.
    people: Vec<(usize, Vec<u32>)>,
    /// The country each person serves, where the document or the gazetteer says so.
    countries: crate::fxhash::FxHashMap<u32, String>,
    /// The datelines of the document: first token and places, in text order.
    datelines: Vec<(u32, Vec<u32>)>,
}

impl Salience {
    /// Records a meeting of `parts` stated in sentence `si`. A meeting that shares a
    /// participant with the one in focus is the same event: its participants join it
    /// ("Biden wordt vergezeld door Blinken" after "Filip ontvangt Biden").
    pub(crate) fn meeting_seen(&mut self, parts: &[u32], si: usize, reading: (Modality, Tense)) {
        let in_focus = self.meeting(si).is_some();
        match &mut self.meeting {
            Some((p, s))
                if (*s == si || (in_focus && parts.iter().any(|x| p.contains(x))))
                    && p.len() + parts.len() <= MAX_PARTICIPANTS + 1 =>
            {
                *s = si;
                for x in parts {
                    if !p.contains(x) {
                        p.push(*x);
                    }
                }
            }
            _ => {
                self.meeting = Some((parts.to_vec(), si));
                self.reading = Some(reading);
            }
        }
    }

    /// The modality and tense the meeting in focus was first stated with.
    pub(crate) fn meeting_reading(&self, si: usize) -> Option<(Modality, Tense)> {
        self.meeting(si).and(self.reading)
    }

    /// Records a reference to gathering `ent` in sentence `si`.
    pub(crate) fn gathering_seen(&mut self, ent: u32, si: usize) {
        self.gathering = Some((ent, si));
    }

    /// Records the persons named in sentence `si`, in text order.
    pub(crate) fn people_seen(&mut self, si: usize, persons: Vec<u32>) {
        if !persons.is_empty() {
            self.people.push((si, persons));
        }
    }

    /// Records that `person` serves `country` (a post named in the text or held on
    /// the document date).
    pub(crate) fn country_seen(&mut self, person: u32, country: &str) {
        self.countries.entry(person).or_insert_with(|| country.to_string());
    }

    /// Whether two persons are known to serve the same country: one delegation, whose
    /// members do not "meet" each other when the other side receives them.
    pub(crate) fn same_side(&self, a: u32, b: u32) -> bool {
        matches!((self.country_of(a), self.country_of(b)), (Some(x), Some(y)) if x == y)
    }

    /// The id of the country a person serves, if known.
    pub(crate) fn country_of(&self, person: u32) -> Option<&str> {
        self.countries.get(&person).map(String::as_str)
    }

    /// The participants of the meeting in focus at sentence `si`.
    pub(crate) fn meeting(&self, si: usize) -> Option<&[u32]> {
        self.meeting
            .as_ref()
            .filter(|(_, s)| *s <= si && si - s <= MEETING_WINDOW)
            .map(|(p, _)| p.as_slice())
    }

    /// The gathering in focus at sentence `si`.
    pub(crate) fn gathering(&self, si: usize) -> Option<u32> {
        self.gathering.filter(|(_, s)| *s <= si && si - s <= GATHERING_WINDOW).map(|(g, _)| g)
    }

    /// Records the document's datelines (see [`super::datelines`]).
    pub(crate) fn datelines_seen(&mut self, datelines: Vec<(u32, Vec<u32>)>) {
        self.datelines = datelines;
    }

    /// The places of the last dateline before token `tok`.
    pub(crate) fn dateline(&self, tok: u32) -> Option<&[u32]> {
        let n = self.datelines.partition_point(|(t, _)| *t <= tok);
        n.checked_sub(1).map(|i| self.datelines[i].1.as_slice())
    }

    /// The person in focus at sentence `si`, other than those in `exclude`: the first
    /// person of the sentence, else of the nearest sentence before it.
    pub(crate) fn focus(&self, si: usize, exclude: &[u32]) -> Option<u32> {
        self.people
            .iter()
            .rev()
            .take_while(|(s, _)| *s <= si && si - s <= FOCUS_WINDOW)
            .find_map(|(_, ps)| ps.iter().copied().find(|p| !exclude.contains(p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: (Modality, Tense) = (Modality::Asserted, Tense::Past);

    #[test]
    fn windows() {
        let mut s = Salience::default();
        s.meeting_seen(&[1, 2], 3, A);
        assert_eq!(s.meeting(3), Some(&[1, 2][..]));
        assert_eq!(s.meeting(5), Some(&[1, 2][..]));
        assert_eq!(s.meeting(6), None);
        s.gathering_seen(7, 1);
        assert_eq!(s.gathering(9), Some(7));
        assert_eq!(s.gathering(10), None);
    }

    #[test]
    fn meetings_that_share_a_participant_merge() {
        let mut s = Salience::default();
        s.meeting_seen(&[1, 2], 0, A);
        s.meeting_seen(&[2, 3], 1, A);
        assert_eq!(s.meeting(1), Some(&[1, 2, 3][..]));
        s.meeting_seen(&[4, 5], 2, A);
        assert_eq!(s.meeting(2), Some(&[4, 5][..]));
        s.country_seen(1, "country:BE");
        s.country_seen(2, "country:BE");
        assert!(s.same_side(1, 2));
        assert!(!s.same_side(1, 3));
    }

    #[test]
    fn focus_skips_the_excluded() {
        let mut s = Salience::default();
        s.people_seen(0, vec![10, 11]);
        s.people_seen(1, vec![12]);
        assert_eq!(s.focus(1, &[]), Some(12));
        assert_eq!(s.focus(1, &[12]), Some(10));
        assert_eq!(s.focus(4, &[]), None);
    }
}
