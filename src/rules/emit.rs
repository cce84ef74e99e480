//! Emitting relations from a match: the [`Raw`] relations of one rule match.
//!
//! A match binds phrases to roles; `emit` turns it into relations, one per pair of
//! arguments ("Trump en Poetin ontmoetten Xi": Trump–Xi and Poetin–Xi), with modality,
//! tense and time from the cues, and the place and event named in the clause.
//! A meeting at an event also gives each participant a `participation` relation.

use crate::model::{
    Date, EntityType, Lang, LinkKind, Modality, RelationType, Role, Span, Tense, TimeValue,
};
use crate::time::TimeExpr;
use crate::tokenize::Tokens;

use super::chunk::{Chunk, NONE};
use super::cues::{modality_tense_time, CUE_AFTER, CUE_BEFORE, SCOPE};
use super::matching::{Item, Match, SentCtx};
use super::parse::{bits, Implicit, Rule};
use super::Compiled;

/// A relation before it becomes a [`Relation`](crate::model::Relation).
#[derive(Clone)]
pub(super) struct Raw {
    pub(super) kind: RelationType,
    pub(super) args: Vec<(Role, u32)>,
    pub(super) modality: Modality,
    pub(super) tense: Tense,
    pub(super) time: Option<TimeValue>,
    pub(super) place: Option<u32>,
    pub(super) event: Option<u32>,
    pub(super) title: Option<String>,
    pub(super) sentence: usize,
    pub(super) span: Span,
    pub(super) rule: RuleRef,
    /// Arguments the text did not name: entity, how it was found, what stood for it.
    pub(super) links: Vec<RawLink>,
}

/// An argument found by coreference or from the document's focus.
pub(super) type RawLink = (u32, LinkKind, Option<Span>);

/// What a raw relation says, without the rule that said it.
type RawKey<'a> = (
    RelationType,
    &'a [(Role, u32)],
    (Modality, Tense),
    &'a Option<TimeValue>,
    (Option<u32>, Option<u32>),
    &'a Option<String>,
    (usize, Span),
    &'a [RawLink],
);

impl Raw {
    fn key(&self) -> RawKey<'_> {
        (
            self.kind,
            &self.args,
            (self.modality, self.tense),
            &self.time,
            (self.place, self.event),
            &self.title,
            (self.sentence, self.span),
            &self.links,
        )
    }
}

/// The raw relations already made in a document, by the hash of their key: a second
/// rule saying the same thing of the same words adds nothing, and is not kept (two
/// thousand rules sharing a trigger keep memory bounded by the text).
#[derive(Default)]
pub(super) struct Said(crate::fxhash::FxHashMap<u64, Vec<u32>>);

impl Said {
    /// Removes from `raws[from..]` what `raws` already says, and records the rest.
    pub(super) fn keep_new(&mut self, raws: &mut Vec<Raw>, from: usize) {
        use std::hash::{Hash, Hasher};
        let mut k = from;
        while k < raws.len() {
            let mut h = crate::fxhash::FxHasher::default();
            raws[k].key().hash(&mut h);
            let h = h.finish();
            let slot = self.0.entry(h).or_default();
            if slot.iter().any(|&i| raws[i as usize].key() == raws[k].key()) {
                raws.remove(k);
            } else {
                slot.push(k as u32);
                k += 1;
            }
        }
    }
}

/// The entities bound to one role of a match.
type ArgGroup = (Role, Vec<u32>);

/// Which rule made a relation; turned into its id only for the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RuleRef {
    /// A rule of a rule file (index).
    File(u32),
    /// A position from an entity phrase (or a description).
    Position(Lang, bool),
    /// Participation derived from a meeting at an event.
    Participation(Lang),
}

impl Compiled {
    /// Adds to `raws` the relations of match `m` of rule `ri` (triggered at token
    /// `tok` of sentence `si`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn emit(
        &self,
        sc: &mut SentCtx<'_>,
        (ri, rule): (u32, &Rule),
        m: &Match,
        tok: u32,
        si: usize,
        times: &[TimeExpr],
        date: Option<Date>,
        raws: &mut Vec<Raw>,
    ) {
        // "de agenda van het parlement": someone else's agenda, not the meeting's
        if matches!(rule.implicit, Some((_, Implicit::Meeting)))
            && rule.kind == RelationType::TalksAbout
            && sc.masks.get(tok as usize + 1).is_some_and(|m| m & bits::OF != 0)
        {
            return;
        }
        let (scope_a, scope_b) = sc.scope(m.first_tok, m.last_tok, tok);
        let (modality, tense, time) = reading(sc, rule, m, tok, times, date);
        let (place, event) = place_and_event(sc, rule.kind, m, (scope_a, scope_b));
        let Some((groups, links)) = arg_groups(sc, rule, m) else { return };
        let proto = Raw {
            kind: rule.kind,
            args: Vec::new(),
            modality,
            tense,
            time,
            place,
            event,
            title: None,
            sentence: si,
            span: tok_span(sc.toks, m.first_tok, m.last_tok),
            rule: RuleRef::File(ri),
            links: Vec::new(),
        };
        push_pairs(sc, rule, m, &proto, &groups, &links, raws);
        // a meeting at an event: each participant takes part in it
        if rule.kind == RelationType::Meeting {
            if let Some(ev) = event {
                participations(&proto, rule.lang, ev, &groups, raws);
            }
        }
    }
}

/// How a match reads: modality, tense and time from the cues and the time expression
/// near it, with the document layer's adjustments (a venue outside negation, what
/// joins the meeting in focus keeps its reading, a statement's own clause).
fn reading(
    sc: &SentCtx<'_>,
    rule: &Rule,
    m: &Match,
    tok: u32,
    times: &[TimeExpr],
    date: Option<Date>,
) -> (Modality, Tense, Option<TimeValue>) {
    let (scope_a, scope_b) = sc.scope(m.first_tok, m.last_tok, tok);
    // cues count near the match: from a few tokens before it to a few after,
    // within its clause
    // a rule that takes its actor from the clause's subject reads cues from there
    let from = match &rule.implicit {
        Some((_, Implicit::Subject)) => clause_subject(sc, m, &[]).map_or(m.first_tok, |c| c.first),
        _ => m.first_tok,
    };
    let mut cue_a = scope_a.max((from as usize).saturating_sub(CUE_BEFORE));
    let mut cue_b = scope_b.min(m.last_tok as usize + CUE_AFTER);
    // "After the summit with Lula, Scholz met Macron": a phrase that leaves its actor
    // to the focus opens the sentence; its tense is the main clause's, whose verb
    // stands next to the subject after it
    if let Some((_, Implicit::Focus)) = &rule.implicit {
        let subject = sc.chunks_in(m.last_tok as usize, scope_b).first();
        if let Some(ch) = subject {
            cue_b = scope_b.min(ch.last as usize + CUE_AFTER).max(cue_b);
        }
    }
    // "Russia will not negotiate, he told TASS": what is said is not how it is said;
    // a statement's cues start after the comma that closes the reported clause
    if rule.kind == RelationType::Statement {
        if let Some(comma) =
            (cue_a..m.first_tok as usize).rev().find(|&i| sc.toks.norm_at(i) == ",")
        {
            cue_a = comma + 1;
        }
    }
    let cues = sc.cues(cue_a, cue_b, tok);
    // time: the expression nearest to the trigger, in the clause if possible
    let time = times
        .iter()
        .filter(|t| (t.first as usize) >= scope_a && (t.last as usize) <= scope_b)
        // not inside an aside ("— who took office in August —"), unless it dates
        // the event before it ("de APEC-top, die op 9 en 10 november plaatsgrijpt,")
        .filter(|t| sc.trigger_item(t.first).is_some() || sc.in_event_aside(t.first))
        .min_by_key(|t| (i64::from(t.first) - i64::from(tok)).abs())
        .copied();
    let (mut modality, tense, time) = modality_tense_time(&cues, rule, time, date, sc.toks);
    // "Xi is not expected at the G20 summit in New Delhi": where a named event
    // takes place is a fact about the event, outside what the clause negates,
    // hedges or reports
    if rule.kind == RelationType::LocatedIn
        && sc.masks.get(tok as usize).is_some_and(|m| m & bits::PREP != 0)
        && matches!(modality, Modality::Negated | Modality::Possible | Modality::Reported)
        && clause_has_actor(sc, m.first_tok as usize, m.last_tok as usize)
    {
        modality = if tense == Tense::Future { Modality::Planned } else { Modality::Asserted };
    }
    // what adds to the meeting in focus without cues of its own keeps its reading
    let (modality, tense) = match (&rule.implicit, modality, tense, &time) {
        (Some((_, Implicit::Meeting)), Modality::Asserted, Tense::Present, None) => {
            sc.sal.meeting_reading(sc.si).unwrap_or((modality, tense))
        }
        _ => (modality, tense),
    };
    (modality, tense, time)
}

/// One relation per pair of arguments, each with the links of its own arguments;
/// pairs the document layer rules out are left out.
fn push_pairs(
    sc: &SentCtx<'_>,
    rule: &Rule,
    m: &Match,
    proto: &Raw,
    groups: &[(Role, Vec<u32>)],
    links: &[RawLink],
    raws: &mut Vec<Raw>,
) {
    let delegations = matches!(rule.implicit, Some((_, Implicit::Meeting)));
    let named = bound_entities(sc, m);
    for args in pair_args(rule.kind, groups) {
        if rule.kind == RelationType::TalksAbout && !fit_topic(sc, m, delegations, &args) {
            continue;
        }
        // a delegation joining a meeting meets the other side, not its own: those
        // the sentence names together ("X, vergezeld door Y") are one side
        if delegations
            && rule.kind == RelationType::Meeting
            && (sc.sal.same_side(args[0].1, args[1].1)
                || (named.contains(&args[0].1) && named.contains(&args[1].1)))
        {
            continue;
        }
        let own: Vec<RawLink> =
            links.iter().filter(|l| args.iter().any(|a| a.1 == l.0)).copied().collect();
        raws.push(Raw { args, links: own, ..proto.clone() });
    }
}

/// Whether the clause around tokens `a..b` names a person, country or organization:
/// someone whose attendance, not the event itself, a negation can be about.
fn clause_has_actor(sc: &SentCtx<'_>, a: usize, b: usize) -> bool {
    let (sa, sb) = sc.scope(a as u32, b as u32, a as u32);
    sc.chunks_in(sa, sb).iter().any(|c| {
        (c.last as usize) <= sb
            && matches!(
                sc.res.entities[c.head as usize].kind,
                EntityType::Person | EntityType::Country | EntityType::Organization
            )
    })
}

/// Place and event from the clause `scope` (not arguments): the first event
/// mentioned, and the first place after "in"/"te" ("in Hamburg", "op de APEC-top").
fn place_and_event(
    sc: &SentCtx<'_>,
    kind: RelationType,
    m: &Match,
    (scope_a, scope_b): (usize, usize),
) -> (Option<u32>, Option<u32>) {
    let args_ents = bound_entities(sc, m);
    let mut place = None;
    let mut event = None;
    if !matches!(kind, RelationType::Visit | RelationType::LocatedIn | RelationType::Position) {
        for k in sc.items_in(scope_a, scope_b) {
            let Item::Chunk(c) = sc.items[k] else { continue };
            let ch = &sc.chunks[c as usize];
            if (ch.first as usize) < scope_a
                || (ch.last as usize) > scope_b
                || args_ents.contains(&ch.head)
            {
                continue;
            }
            let kind = sc.res.entities[ch.head as usize].kind;
            let prev = if k > 0 { sc.item_word(k - 1) } else { "" };
            if kind == EntityType::Event && event.is_none() {
                event = Some(ch.head);
            } else if matches!(kind, EntityType::Location | EntityType::Country)
                && matches!(prev, "in" | "te")
                && place.is_none()
                // "in a US air strike": an indefinite article makes it a modifier
                && !matches!(sc.toks.norm_at(ch.first as usize), "a" | "an" | "een")
            {
                place = Some(ch.head);
            }
        }
    }
    (place, event)
}

/// The entities bound to each role of a match, plus the rule's implicit argument,
/// and the links of those the text did not name; `None` when the document offers no
/// entity for the implicit argument.
fn arg_groups(sc: &SentCtx<'_>, rule: &Rule, m: &Match) -> Option<(Vec<ArgGroup>, Vec<RawLink>)> {
    let mut groups: Vec<ArgGroup> = Vec::new();
    let mut links: Vec<RawLink> = Vec::new();
    for (role, cs) in &m.binds {
        let mut ents: Vec<u32> = Vec::new();
        for &c in cs {
            let ch = &sc.chunks[c as usize];
            // "Trump offered American assistance": a demonym before an aid noun is the
            // state that gives it, never the one helped
            if ch.demonym
                && rule.kind == RelationType::HelpWith
                && matches!(role, Role::Topic | Role::Beneficiary)
            {
                return None;
            }
            ents.extend(heads(ch));
            if let Some(via) = chunk_link(ch) {
                let span = Some(tok_span(sc.toks, ch.first, ch.last));
                links.extend(heads(ch).map(|e| (e, via, span)));
            }
            // "naar het Jordaanse Amman": a visit to a city is one to its country too
            if rule.kind == RelationType::Visit && *role == Role::Place {
                if let Some(country) = city_country(sc, ch).filter(|c| !ents.contains(c)) {
                    ents.push(country);
                }
            }
        }
        groups.push((*role, ents));
    }
    if let Some((role, what)) = &rule.implicit {
        let bound: Vec<u32> = groups.iter().flat_map(|g| g.1.iter().copied()).collect();
        let ents = implicit_arg(sc, what, &bound, m)?;
        let via = match what {
            Implicit::Entity(_) => None,
            Implicit::Meeting => Some(LinkKind::Meeting),
            Implicit::Gathering => Some(LinkKind::Gathering),
            Implicit::Dateline => Some(LinkKind::Dateline),
            Implicit::Focus | Implicit::Subject => Some(LinkKind::Focus),
        };
        if let Some(via) = via {
            links.extend(ents.iter().map(|&e| (e, via, None)));
        }
        groups.push((*role, ents));
    }
    Some((groups, links))
}

/// How a phrase stands for its entity when it does not name it.
fn chunk_link(ch: &Chunk) -> Option<LinkKind> {
    if ch.pronoun {
        Some(if ch.head2 == NONE { LinkKind::Pronoun } else { LinkKind::Pair })
    } else if ch.anaphor {
        Some(LinkKind::Anaphor)
    } else if ch.description {
        Some(LinkKind::Description)
    } else {
        None
    }
}

/// The country of a city phrase that names it ("het Jordaanse Amman").
fn city_country(sc: &SentCtx<'_>, ch: &Chunk) -> Option<u32> {
    (ch.org != NONE
        && ch.org != ch.head
        && sc.res.entities[ch.org as usize].kind == EntityType::Country
        && sc.res.entities[ch.head as usize].kind == EntityType::Location)
        .then_some(ch.org)
}

/// The entities an implicit argument stands for, or `None` when the document offers
/// none: a named entity only when the document names it; the meeting, gathering or
/// person in focus (see [`crate::discourse`]).
fn implicit_arg(sc: &SentCtx<'_>, what: &Implicit, bound: &[u32], m: &Match) -> Option<Vec<u32>> {
    let ents: Vec<u32> = match what {
        Implicit::Entity(id) => {
            let e = sc.res.entities.iter().position(|e| &e.id == id)? as u32;
            if !sc.res.mentions.iter().any(|m| m.ent == e) {
                return None;
            }
            vec![e]
        }
        Implicit::Meeting => {
            sc.sal.meeting(sc.si)?.iter().copied().filter(|p| !bound.contains(p)).collect()
        }
        Implicit::Gathering => vec![sc.sal.gathering(sc.si)?],
        Implicit::Dateline => sc.sal.dateline(m.first_tok)?.to_vec(),
        Implicit::Focus => {
            // only a phrase that opens its clause ("Het gesprek met …", "Na zijn
            // ontmoeting met …") leaves its actor to the focus; "X had an audience with
            // Y" names its own, even where X is a name we do not know
            let (a, _) = sc.scope(m.first_tok, m.last_tok, m.first_tok);
            if (m.first_tok as usize).saturating_sub(a) > FOCUS_OPENING {
                return None;
            }
            vec![sc.sal.focus(sc.si, bound)?]
        }
        Implicit::Subject => vec![clause_subject(sc, m, bound)?.head],
    };
    (!ents.is_empty()).then_some(ents)
}

/// The person that opens the clause of a match, before it: its subject ("De
/// Amerikaanse president Joe Biden gaat …"). A clause that opens otherwise (a name we
/// do not know, a place) has none.
fn clause_subject<'c>(sc: &'c SentCtx<'_>, m: &Match, bound: &[u32]) -> Option<&'c Chunk> {
    let (a, _) = sc.scope(m.first_tok, m.last_tok, m.first_tok);
    let first = sc.chunks_in(a, m.first_tok as usize).iter().find(|c| c.last <= m.first_tok)?;
    (first.first as usize <= a + 1
        && first.head2 == NONE
        && !bound.contains(&first.head)
        && sc.res.entities[first.head as usize].kind == EntityType::Person)
        .then_some(first)
}

/// Whether a talks topic is one: not the party's own country ("a participant's own
/// country is not a topic"), and, for the meeting in focus, not one of its
/// participants.
fn fit_topic(sc: &SentCtx<'_>, m: &Match, in_focus: bool, args: &[(Role, u32)]) -> bool {
    let (party, topic) = (args[0].1, args[1].1);
    let own = sc.sal.country_of(party).is_some_and(|c| sc.res.entities[topic as usize].id == c);
    let participant = in_focus && sc.sal.meeting(sc.si).is_some_and(|p| p.contains(&topic));
    // "on the G7's agenda": the summit they are at is no topic of theirs
    let venue = in_focus && sc.sal.gathering(sc.si) == Some(topic);
    // "spreekt over twee weken met Widodo": who one talks with is no topic (looked
    // for near the match: a sentence of a million tokens is not scanned per match)
    let near = (m.first_tok as usize).saturating_sub(SCOPE)..m.last_tok as usize + SCOPE;
    let partner = !in_focus
        && sc.chunks_in(near.start, near.end).iter().any(|c| {
            c.head == topic
                && c.first > 0
                && matches!(sc.toks.norm_at(c.first as usize - 1), "met" | "with")
        });
    !own && !participant && !venue && !partner
}

/// How many tokens may stand before a phrase whose actor is the person in focus: a
/// preposition, a determiner and a possessive ("Na zijn ontmoeting met").
const FOCUS_OPENING: usize = 3;

/// The argument lists of the relations of a match: the roles in inventory order,
/// one relation per pair of entities.
fn pair_args(kind: RelationType, groups: &[(Role, Vec<u32>)]) -> Vec<Vec<(Role, u32)>> {
    let order = kind.roles();
    if kind.is_symmetric() {
        symmetric_args(order[0], groups)
    } else {
        ordered_args(order, groups)
    }
}

/// A symmetric relation: each pair within one coordination ("X, Y en Z"), or across
/// the groups bound to `role` ("X ontmoette Y en Z").
fn symmetric_args(role: Role, groups: &[(Role, Vec<u32>)]) -> Vec<Vec<(Role, u32)>> {
    let gs: Vec<&Vec<u32>> = groups.iter().filter(|g| g.0 == role).map(|g| &g.1).collect();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    if gs.len() == 1 {
        let g = gs[0];
        for i in 0..g.len() {
            for j in i + 1..g.len() {
                pairs.push((g[i], g[j]));
            }
        }
    } else {
        for i in 0..gs.len() {
            for j in i + 1..gs.len() {
                for &x in gs[i] {
                    for &y in gs[j] {
                        pairs.push((x, y));
                    }
                }
            }
        }
    }
    pairs.into_iter().filter(|(x, y)| x != y).map(|(x, y)| vec![(role, x), (role, y)]).collect()
}

/// A directed relation: each first-role entity with each second-role one, and the
/// first third-role entity (a beneficiary) if it differs from both.
fn ordered_args(order: &[Role], groups: &[(Role, Vec<u32>)]) -> Vec<Vec<(Role, u32)>> {
    let first: Vec<u32> =
        groups.iter().filter(|g| g.0 == order[0]).flat_map(|g| g.1.clone()).collect();
    let second: Vec<u32> =
        groups.iter().filter(|g| g.0 == order[1]).flat_map(|g| g.1.clone()).collect();
    let third: Vec<u32> =
        groups.iter().filter(|g| order.get(2) == Some(&g.0)).flat_map(|g| g.1.clone()).collect();
    let mut out = Vec::new();
    for &x in &first {
        for &y in &second {
            if x == y {
                continue;
            }
            let mut args = vec![(order[0], x), (order[1], y)];
            if let (Some(&r3), Some(&z)) = (order.get(2), third.first()) {
                if z != x && z != y {
                    args.push((r3, z));
                }
            }
            out.push(args);
        }
    }
    out
}

/// A meeting at event `ev`: each participant takes part in it.
fn participations(
    proto: &Raw,
    lang: Lang,
    ev: u32,
    groups: &[(Role, Vec<u32>)],
    raws: &mut Vec<Raw>,
) {
    let parts: Vec<u32> = groups.iter().flat_map(|g| g.1.clone()).collect();
    for p in parts {
        raws.push(Raw {
            kind: RelationType::Participation,
            args: vec![(Role::Participant, p), (Role::Event, ev)],
            event: None,
            rule: RuleRef::Participation(lang),
            ..proto.clone()
        });
    }
}

/// The entities the phrases bound by a match stand for, in every role.
fn bound_entities(sc: &SentCtx<'_>, m: &Match) -> Vec<u32> {
    m.binds
        .iter()
        .flat_map(|(_, v)| v.iter().flat_map(|&c| heads(&sc.chunks[c as usize])))
        .collect()
}

/// The entities a phrase stands for: its head, and a second one for pairs.
pub(super) fn heads(c: &Chunk) -> impl Iterator<Item = u32> {
    std::iter::once(c.head).chain((c.head2 != NONE).then_some(c.head2))
}

/// The byte span of tokens `first..last`.
pub(super) fn tok_span(toks: &Tokens, first: u32, last: u32) -> Span {
    let tt = toks.tokens();
    match (tt.get(first as usize), last.checked_sub(1).and_then(|l| tt.get(l as usize))) {
        (Some(a), Some(b)) => Span { start: a.start as usize, end: b.end as usize },
        _ => Span::default(),
    }
}
