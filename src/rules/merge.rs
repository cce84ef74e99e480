//! Merging: raw relations become [`Relation`]s, repeats merged into one.
//!
//! Relations that agree in type, main arguments, modality and tense merge; their
//! times must agree too, except that a statement without a time joins one with a
//! time. "Trump ontmoette Poetin" twice gives one relation with two evidences;
//! "Trump zou Poetin ontmoeten" (possible) stays apart.

use crate::fxhash::{FxHashMap, FxHashSet};
use crate::model::{
    Argument, Evidence, Link, Modality, Relation, RelationType, Span, Tense, TimeValue,
};
use crate::resolve::REntity;

use super::emit::{Raw, RuleRef};
use super::label::label;
use super::{Compiled, Input};

/// What relations must agree in to merge: type, main arguments, modality, tense.
type Key = (RelationType, Vec<u32>, Modality, Tense);

/// Where a relation is stated: sentence, span, rule.
type Stated = (usize, Span, RuleRef);

impl Compiled {
    /// The id of the rule a relation came from.
    fn rule_name(&self, r: RuleRef) -> String {
        match r {
            RuleRef::File(i) => {
                self.rules.get(i as usize).map_or_else(String::new, |r| r.id.clone())
            }
            RuleRef::Position(lang, description) => format!(
                "{}/position/{}",
                lang.code(),
                if description { "description" } else { "apposition" }
            ),
            RuleRef::Participation(lang) => {
                format!("{}/participation/meeting-at-event", lang.code())
            }
        }
    }

    /// Turns raw relations into [`Relation`]s, merging repeats.
    pub(super) fn finish(&self, mut raws: Vec<Raw>, inp: &Input<'_>) -> Vec<Relation> {
        drop_beneficiary_doubles(&mut raws);
        let (mut out, mut evidence) = self.merge(raws, inp);
        fold_undated_present(&mut out, &mut evidence);
        // every statement of a relation stated more than once
        for (rel, evs) in out.iter_mut().zip(evidence) {
            if evs.len() > 1 {
                rel.evidences = evs
                    .into_iter()
                    .map(|(sentence, span, rule)| Evidence {
                        sentence,
                        span,
                        rule: self.rule_name(rule),
                    })
                    .collect();
            }
        }
        out
    }

    /// The merge loop: one [`Relation`] per distinct relation, and where each is
    /// stated. Keys are on entity indices; ids and texts are built once per distinct
    /// relation.
    fn merge(&self, raws: Vec<Raw>, inp: &Input<'_>) -> (Vec<Relation>, Vec<Vec<Stated>>) {
        let ents = &inp.res.entities;
        let id = |e: u32| ents[e as usize].id.clone();
        let mut out: Vec<Relation> = Vec::new();
        let mut index: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
        let mut seen: FxHashSet<(usize, Span)> = FxHashSet::default();
        let mut evidence: Vec<Vec<Stated>> = Vec::new();
        for r in raws {
            let key = merge_key(&r, ents);
            let value = r.time.as_ref().map(|t| t.value.as_str());
            let found = index.get(&key).and_then(|ix| same_time(ix, &out, value));
            if let Some(i) = found {
                if seen.insert((i, r.span)) {
                    evidence[i].push((r.sentence, r.span, r.rule));
                }
                merge_into(&mut out[i], r, inp.text, &id);
                continue;
            }
            index.entry(key).or_default().push(out.len());
            seen.insert((out.len(), r.span));
            evidence.push(vec![(r.sentence, r.span, r.rule)]);
            out.push(self.new_relation(r, inp.text, &id));
        }
        (out, evidence)
    }

    /// The first statement of a relation.
    fn new_relation(&self, r: Raw, text: &str, id: &impl Fn(u32) -> String) -> Relation {
        let mut args: Vec<Argument> =
            r.args.iter().map(|&(role, e)| Argument { role, entity: id(e) }).collect();
        if r.kind.is_symmetric() {
            args.sort_by(|a, b| a.entity.cmp(&b.entity));
        }
        Relation {
            kind: r.kind,
            label: label(r.kind, r.modality, r.tense, r.title.as_deref()),
            args,
            modality: r.modality,
            tense: r.tense,
            time: r.time.map(|t| with_text(t, text)),
            place: r.place.map(id),
            event: r.event.map(id),
            title: r.title,
            sentence: r.sentence,
            evidence: r.span,
            rule: self.rule_name(r.rule),
            evidences: Vec::new(),
            links: r
                .links
                .iter()
                .map(|&(e, via, span)| Link { entity: id(e), via, span })
                .collect(),
        }
    }
}

/// "Blok reist naar Colombia" in a headline, and "Op maandag 2 april reist minister
/// Blok naar Colombia" below it: a present-tense statement with no time of its own is
/// the same relation as the one the text dates (planned, or past); it joins that one
/// instead of standing as a second, undated reading.
fn fold_undated_present(out: &mut Vec<Relation>, evidence: &mut Vec<Vec<Stated>>) {
    let undated = |r: &Relation| {
        r.modality == Modality::Asserted && r.tense == Tense::Present && r.time.is_none()
    };
    let key = |r: &Relation| {
        let ids: Vec<String> = r.args.iter().take(2).map(|a| a.entity.clone()).collect();
        (r.kind, ids)
    };
    // the first dated reading of each relation
    // keyed by entity ids, which for local entities are the document's own words
    let mut dated: crate::fxhash::InputMap<(RelationType, Vec<String>), usize> = Default::default();
    for (i, r) in out.iter().enumerate() {
        if r.time.is_some() && matches!(r.modality, Modality::Planned | Modality::Asserted) {
            dated.entry(key(r)).or_insert(i);
        }
    }
    let mut gone = vec![false; out.len()];
    for i in 0..out.len() {
        if let Some(&t) = dated.get(&key(&out[i])).filter(|_| undated(&out[i])) {
            let evs = std::mem::take(&mut evidence[i]);
            evidence[t].extend(evs);
            evidence[t].sort_by_key(|e| (e.1.start, e.1.end));
            gone[i] = true;
        }
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
    let mut k = 0;
    evidence.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
}

/// "De Russen kunnen ons helpen met Noord-Korea": with a named topic, the helped
/// party is the beneficiary, not a second topic; the two-argument reading goes.
fn drop_beneficiary_doubles(raws: &mut Vec<Raw>) {
    let with_beneficiary: FxHashSet<(usize, u32, u32)> = raws
        .iter()
        .filter(|r| r.kind == RelationType::HelpWith && r.args.len() == 3)
        .map(|r| (r.sentence, r.args[0].1, r.args[2].1))
        .collect();
    if !with_beneficiary.is_empty() {
        raws.retain(|r| {
            !(r.kind == RelationType::HelpWith
                && r.args.len() == 2
                && with_beneficiary.contains(&(r.sentence, r.args[0].1, r.args[1].1)))
        });
    }
}

/// The merge key of a raw relation. The key is the two main arguments (in id order
/// for a symmetric type); an optional third (a beneficiary) is kept from whichever
/// statement names it.
fn merge_key(r: &Raw, ents: &[REntity]) -> Key {
    let mut key_args: Vec<u32> = r.args.iter().take(2).map(|a| a.1).collect();
    if r.kind.is_symmetric() {
        key_args.sort_by(|a, b| ents[*a as usize].id.cmp(&ents[*b as usize].id));
    }
    (r.kind, key_args, r.modality, r.tense)
}

/// Among the relations `ix` with the same key, the one a statement with time `value`
/// joins: any for no time, else one with the same time or, failing that, none.
fn same_time(ix: &[usize], out: &[Relation], value: Option<&str>) -> Option<usize> {
    let same = |i: &&usize| out[**i].time.as_ref().map(|t| t.value.as_str()) == value;
    match value {
        None => ix.first(),
        Some(_) => ix.iter().find(same).or_else(|| ix.iter().find(|i| out[**i].time.is_none())),
    }
    .copied()
}

/// Adds a repeated statement `r` to relation `rel`: what `rel` lacks (time, place,
/// event, a third argument) is taken from `r`.
fn merge_into(rel: &mut Relation, r: Raw, text: &str, id: &impl Fn(u32) -> String) {
    if rel.time.is_none() {
        rel.time = r.time.map(|t| with_text(t, text));
    }
    if rel.place.is_none() {
        rel.place = r.place.map(id);
    }
    if rel.event.is_none() {
        rel.event = r.event.map(id);
    }
    // one link per argument and way it was found (the first statement's text): a
    // relation stated a thousand times through "hij" does not list a thousand links
    for &(e, via, span) in &r.links {
        let eid = id(e);
        if !rel.links.iter().any(|l| l.entity == eid && l.via == via) {
            rel.links.push(Link { entity: eid, via, span });
        }
    }
    if rel.args.len() < r.args.len() {
        rel.args.extend(
            r.args[rel.args.len()..].iter().map(|&(role, e)| Argument { role, entity: id(e) }),
        );
    }
}

/// A time value with its text, as written in the document.
fn with_text(mut t: TimeValue, text: &str) -> TimeValue {
    t.text = text.get(t.start..t.end).unwrap_or("").to_string();
    t
}
