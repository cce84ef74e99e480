//! Matching a rule against one sentence.
//!
//! A sentence is seen as a sequence of [`Item`]s: tokens, and entity phrases as
//! single units, with asides (parentheses, ", die … ," relative clauses) left out.
//! A rule is matched outward from its trigger: the elements after the trigger
//! forward, those before it backward, backtracking over gaps and optional elements.
//!
//! ```text
//! pattern:  <participant:ACTOR>  ^@ontmoeten  <participant:ACTOR+>
//! items:    [Macron]             ontmoette    [Poetin]  en  [Xi]
//! binds:    participant=Macron                participant=Poetin,Xi
//! ```

use crate::model::{EntityType, Role};
use crate::resolve::Resolved;
use crate::tokenize::{TokenKind, Tokens};

use super::chunk::Chunk;
use super::parse::{self, bits, type_bit, Elem, LangWords, Rule};

/// One item of a sentence for matching: a token or an entity phrase.
#[derive(Clone, Copy, Debug)]
pub(super) enum Item {
    Tok(u32),
    Chunk(u32),
}

/// The sentence a rule is matched in, with the document's per-token tables.
pub(super) struct SentCtx<'a> {
    pub(super) toks: &'a Tokens,
    pub(super) words: &'a LangWords,
    pub(super) items: &'a [Item],
    pub(super) chunks: &'a [Chunk],
    pub(super) res: &'a Resolved,
    pub(super) quote_len: &'a [u32],
    pub(super) in_quote: &'a [bool],
    pub(super) masks: &'a [u32],
    pub(super) sent: (usize, usize),
    /// The sentence's index, and what the document is about there.
    pub(super) si: usize,
    pub(super) sal: &'a crate::discourse::Salience,
}

/// A successful match: bound phrases per role, token extent.
pub(super) struct Match {
    pub(super) binds: Vec<(Role, Vec<u32>)>,
    pub(super) first_tok: u32,
    pub(super) last_tok: u32,
}

/// For each token inside double quotes, the length in tokens of its quotation.
pub(super) fn quote_lengths(toks: &Tokens, in_quote: &[bool]) -> Vec<u32> {
    let n = toks.len();
    let mut out = vec![0u32; n];
    let mut i = 0;
    while i < n {
        if in_quote[i] {
            let s = i;
            while i < n && in_quote[i] {
                i += 1;
            }
            for x in &mut out[s..i] {
                *x = (i - s) as u32;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The items of tokens `a..b`: phrases as units, asides (parentheses, ", die … ,"
/// relative clauses) left out.
pub(super) fn build_items(
    toks: &Tokens,
    masks: &[u32],
    chunks: &[Chunk],
    a: usize,
    b: usize,
) -> Vec<Item> {
    let mut items = Vec::with_capacity(b - a);
    let mut ci = 0usize;
    let mut i = a;
    while i < b {
        while ci < chunks.len() && (chunks[ci].first as usize) < i {
            ci += 1;
        }
        if ci < chunks.len() && chunks[ci].first as usize == i {
            items.push(Item::Chunk(ci as u32));
            i = chunks[ci].last as usize;
            ci += 1;
            continue;
        }
        let f = toks.norm_at(i);
        if f == "(" {
            if let Some(close) = (i + 1..b).find(|&k| toks.norm_at(k) == ")") {
                i = close + 1;
                continue;
            }
        }
        // "Petro — who took office in August — travelled to Caracas": a dashed aside
        // (dashes are normalised to "-"; a spaced one is no hyphen)
        let spaced_dash = |k: usize| {
            toks.norm_at(k) == "-"
                && toks.get(k).is_some_and(|t| t.space_before())
                && toks.get(k + 1).is_some_and(|t| t.space_before())
        };
        if spaced_dash(i) {
            if let Some(close) = (i + 1..b).find(|&k| spaced_dash(k)) {
                i = close + 1;
                continue;
            }
        }
        if f == "," && masks.get(i + 1).is_some_and(|m| m & bits::RELATIVE != 0) {
            if let Some(close) = (i + 2..b).find(|&k| toks.norm_at(k) == ",") {
                // keep the closing comma out too: the clause resumes after it
                i = close + 1;
                continue;
            }
        }
        items.push(Item::Tok(i as u32));
        i += 1;
    }
    items
}

/// Tries `rest` with a slot's phrases bound to `role`; undoes the binding if it fails.
fn with_binding(
    binds: &mut Vec<(Role, Vec<u32>)>,
    role: Role,
    got: Vec<u32>,
    rest: impl FnOnce(&mut Vec<(Role, Vec<u32>)>) -> Option<usize>,
) -> Option<usize> {
    let n = binds.len();
    binds.push((role, got));
    let r = rest(binds);
    if r.is_none() {
        binds.truncate(n);
    }
    r
}

/// The most members a list slot takes ("A, B, C en D"): far more than news lists
/// have, and a bound on the work of every match in a list of a hundred thousand names.
const MAX_LIST: usize = 40;

/// Roles that name who acts: never the object of a preposition the rule does not
/// spell out ("in Vietnam", "op de top").
fn is_agent(r: Role) -> bool {
    matches!(r, Role::Participant | Role::Helper | Role::Visitor | Role::Speaker | Role::Party)
}

impl SentCtx<'_> {
    pub(super) fn item_word(&self, k: usize) -> &str {
        match self.items.get(k) {
            Some(Item::Tok(t)) => self.toks.norm_at(*t as usize),
            _ => "",
        }
    }

    /// Whether item k is a token in one of the word sets of `bit`.
    fn item_has(&self, k: usize, bit: u32) -> bool {
        match self.items.get(k) {
            Some(Item::Tok(t)) => self.masks.get(*t as usize).is_some_and(|m| m & bit != 0),
            _ => false,
        }
    }

    /// Whether a normalised word is in one of the word sets of `bit`.
    fn word_has(&self, w: &str, bit: u32) -> bool {
        self.words.mask(w) & bit != 0
    }

    fn is_boundary(&self, k: usize) -> bool {
        match self.items.get(k) {
            Some(Item::Tok(t)) => {
                let t = *t as usize;
                let f = self.toks.norm_at(t);
                // the quotation marks around a quoted clause (not around a word)
                let long_quote = self.toks.get(t).is_some_and(|x| x.kind == TokenKind::Quote)
                    && self.quote_len.get(t).is_some_and(|&n| n > 4);
                long_quote || matches!(f, ";" | ":") || self.masks[t] & bits::CLAUSE != 0
            }
            _ => false,
        }
    }

    /// Whether item k is skipped without counting: quotation marks around a word
    /// or two ("wellicht"); those around a quoted clause are boundaries.
    fn is_free(&self, k: usize) -> bool {
        match self.items.get(k) {
            Some(Item::Tok(t)) => {
                let t = *t as usize;
                self.toks.get(t).is_some_and(|x| x.kind == TokenKind::Quote)
                    && self.quote_len.get(t).is_some_and(|&n| n <= 4)
            }
            _ => false,
        }
    }

    /// Whether item k is what a negated element names: one of its words, or a phrase
    /// of its types.
    fn item_is(&self, k: usize, e: &Elem) -> bool {
        match (e, self.items.get(k)) {
            (Elem::Words(ws), Some(Item::Tok(_))) => ws.contains(self.item_word(k)),
            (Elem::Slot { types, .. }, Some(Item::Chunk(c))) => {
                let head = self.chunks[*c as usize].head;
                type_bit(self.res.entities[head as usize].kind) & types != 0
            }
            _ => false,
        }
    }

    /// Whether item k is a phrase inside a list ("X, Y en Z") that continues to its
    /// left and to its right: a single slot takes the whole list, never one member.
    fn list_sides(&self, k: usize) -> (bool, bool) {
        let is_chunk = |i: usize| matches!(self.items.get(i), Some(Item::Chunk(_)));
        let is_sep = |i: usize| matches!(self.item_word(i), "," | "en" | "and" | "&");
        let is_and = |i: usize| matches!(self.item_word(i), "en" | "and" | "&");
        let (mut lo, mut hi, mut ands) = (k, k, 0);
        while lo >= 2 && k - lo < 2 * MAX_LIST && is_sep(lo - 1) && is_chunk(lo - 2) {
            ands += usize::from(is_and(lo - 1));
            lo -= 2;
        }
        while hi - k < 2 * MAX_LIST && is_sep(hi + 1) && is_chunk(hi + 2) {
            ands += usize::from(is_and(hi + 1));
            hi += 2;
        }
        if ands == 0 {
            return (false, false);
        }
        (lo < k, hi > k)
    }

    /// Whether item k passes through a gap without counting: a time word, a place
    /// phrase or the preposition before one ("woensdag", "in Brussel", "bij het
    /// Koninklijk Paleis in Amsterdam") — news puts them between a verb and its
    /// object.
    fn is_light(&self, k: usize) -> bool {
        let place = |k: usize| match self.items.get(k) {
            Some(Item::Chunk(c)) => {
                let head = self.chunks[*c as usize].head;
                self.res.entities[head as usize].kind == EntityType::Location
            }
            _ => false,
        };
        self.item_has(k, bits::TIME) || place(k) || (self.item_has(k, bits::PREP) && place(k + 1))
    }

    fn item_tokens(&self, k: usize) -> (u32, u32) {
        match self.items[k] {
            Item::Tok(t) => (t, t + 1),
            Item::Chunk(c) => (self.chunks[c as usize].first, self.chunks[c as usize].last),
        }
    }

    /// "his" in "after his trip": the preposition governs the noun, not the pronoun.
    fn is_possessive_pronoun(&self, c: u32) -> bool {
        let ch = &self.chunks[c as usize];
        ch.pronoun && ch.possessive
    }

    /// Whether the phrase at item `k` follows a word that is both a preposition and a
    /// clause opener ("before", "after", "sinds") and is not cut off by a comma: then
    /// it is the subject of the clause ("… weeks before Lula hosts Scholz"), not the
    /// object of a preposition ("Before Lula, Scholz had hosted Macron" stays blocked).
    fn opens_clause_subject(&self, k: usize) -> bool {
        k > 0 && self.item_has(k - 1, bits::CLAUSE) && !self.comma_after(k)
    }

    /// Whether the phrase at item `k` is fronted between a clause opener and a comma
    /// ("Since Trump, no president has met Kim"): it sets the scene and is nobody's
    /// subject.
    fn fronted(&self, k: usize) -> bool {
        k > 0 && self.item_has(k - 1, bits::CLAUSE) && self.comma_after(k)
    }

    fn comma_after(&self, k: usize) -> bool {
        matches!(self.items.get(k + 1), Some(Item::Tok(_))) && self.item_word(k + 1) == ","
    }

    /// Whether the word at item `k` is the preposition of a day ("on Monday", "op
    /// dinsdag"): part of a time expression, it is no word of a rule ("spoke on").
    fn opens_day(&self, k: usize) -> bool {
        self.item_has(k, bits::PREP) && self.item_has(k + 1, bits::WEEKDAY)
    }

    fn slot_ok(&self, k: usize, types: u8, role: Role) -> Option<u32> {
        match self.items.get(k) {
            Some(Item::Chunk(c)) => {
                let ch = &self.chunks[*c as usize];
                // a pronoun names who acts, not what is talked about or where
                if ch.pronoun && !(is_agent(role) || role == Role::Beneficiary) {
                    return None;
                }
                // "the French delegation" acts; it is nowhere one goes
                if ch.demonym && role == Role::Place {
                    return None;
                }
                let t = self.res.entities[ch.head as usize].kind;
                (type_bit(t) & types != 0).then_some(*c)
            }
            _ => None,
        }
    }

    pub(super) fn match_rule(&self, rule: &Rule, pos: usize) -> Option<Match> {
        let mut binds = Vec::new();
        let right_end =
            self.match_dir(&rule.elems[rule.trigger + 1..], pos + 1, false, &mut binds)?;
        let mut lbinds = Vec::new();
        let left_start =
            self.match_dir_rev(&rule.elems[..rule.trigger], pos as isize - 1, &mut lbinds)?;
        lbinds.extend(binds);
        let first_item = left_start.min(pos);
        let last_item = right_end.max(pos + 1);
        let mut first_tok = self.item_tokens(first_item).0;
        let mut last_tok = self.item_tokens(last_item - 1).1;
        // phrases bound from the clause (`<topic:ANY*>`) widen the evidence
        for &c in lbinds.iter().flat_map(|(_, cs)| cs) {
            first_tok = first_tok.min(self.chunks[c as usize].first);
            last_tok = last_tok.max(self.chunks[c as usize].last);
        }
        Some(Match { binds: lbinds, first_tok, last_tok })
    }

    /// The index of the first item that ends after token `tok` (items are in token
    /// order): the token's own item, the phrase that holds it, or the item after the
    /// aside it is in.
    fn item_pos(&self, tok: u32) -> usize {
        self.items.partition_point(|it| match *it {
            Item::Tok(t) => t < tok,
            Item::Chunk(c) => self.chunks[c as usize].last <= tok,
        })
    }

    /// The item of trigger token `tok`, found by binary search (items are in token
    /// order); `None` when the token is inside a phrase or an aside.
    pub(super) fn trigger_item(&self, tok: u32) -> Option<usize> {
        let pos = self.item_pos(tok);
        matches!(self.items.get(pos), Some(Item::Tok(t)) if *t == tok).then_some(pos)
    }

    /// Whether token `tok` of the sentence was left out of its items as part of an
    /// aside (a parenthesis, a relative clause, a dashed aside).
    pub(super) fn in_aside(&self, tok: u32) -> bool {
        let pos = self.item_pos(tok);
        match self.items.get(pos) {
            Some(Item::Tok(t)) => *t != tok,
            Some(Item::Chunk(c)) => self.chunks[*c as usize].first > tok,
            None => true,
        }
    }

    /// Whether token `tok` is in an aside that follows a named event ("de APEC-top,
    /// die op 9 en 10 november plaatsgrijpt,"): what it says dates the event.
    pub(super) fn in_event_aside(&self, tok: u32) -> bool {
        let pos = self.item_pos(tok);
        self.in_aside(tok)
            && pos > 0
            && matches!(self.items[pos - 1], Item::Chunk(c)
                if self.res.entities[self.chunks[c as usize].head as usize].kind == EntityType::Event)
    }

    /// Matches `elems` forward from item `k`; returns the item index after the match.
    fn match_dir(
        &self,
        elems: &[parse::PElem],
        k: usize,
        after_gap: bool,
        binds: &mut Vec<(Role, Vec<u32>)>,
    ) -> Option<usize> {
        let Some((e, rest)) = elems.split_first() else {
            return Some(k);
        };
        // an optional phrase: with it if it is there, else without
        if e.optional && matches!(e.elem, Elem::Slot { .. }) {
            let mut with = vec![parse::PElem { elem: e.elem.clone(), optional: false }];
            with.extend_from_slice(rest);
            if let Some(r) = self.match_dir(&with, k, after_gap, binds) {
                return Some(r);
            }
            return self.match_dir(rest, k, after_gap, binds);
        }
        match &e.elem {
            Elem::Words(ws) => {
                let mut k2 = k;
                while self.is_free(k2) {
                    k2 += 1;
                }
                if matches!(self.items.get(k2), Some(Item::Tok(_)))
                    && ws.contains(self.item_word(k2))
                    && !self.opens_day(k2)
                {
                    if let Some(r) = self.match_dir(rest, k2 + 1, false, binds) {
                        return Some(r);
                    }
                }
                if e.optional {
                    return self.match_dir(rest, k, after_gap, binds);
                }
                None
            }
            Elem::Slot { role, types, multi } => {
                let mut k2 = k;
                while self.is_free(k2) {
                    k2 += 1;
                }
                let c = self.slot_ok(k2, *types, *role)?;
                // an agent reached through a gap is no object of a preposition
                if after_gap
                    && is_agent(*role)
                    && k2 > 0
                    && self.item_has(k2 - 1, bits::PREP)
                    && !self.is_possessive_pronoun(c)
                {
                    return None;
                }
                let (left, right) = self.list_sides(k2);
                if left {
                    return None;
                }
                let mut got = vec![c];
                let mut end = k2 + 1;
                if *multi || right {
                    end = self.coord_forward(&mut got, end, *types, *role);
                }
                with_binding(binds, *role, got, |b| self.match_dir(rest, end, false, b))
            }
            Elem::Gap(n) => self.gap_forward(rest, k, *n, after_gap, binds),
            Elem::Not(e) => {
                let mut k2 = k;
                while self.is_free(k2) {
                    k2 += 1;
                }
                if self.item_is(k2, e) {
                    return None;
                }
                self.match_dir(rest, k, after_gap, binds)
            }
            Elem::Clause { role, types } => {
                let got = self.clause_phrases(k.saturating_sub(1), *types, *role);
                if got.is_empty() {
                    return None;
                }
                with_binding(binds, *role, got, |b| self.match_dir(rest, k, after_gap, b))
            }
        }
    }

    /// The phrases of `types` fit for `role` in the clause of item `k` (names, not
    /// pronouns), in text order.
    fn clause_phrases(&self, k: usize, types: u8, role: Role) -> Vec<u32> {
        if k >= self.items.len() {
            return Vec::new();
        }
        let (t0, t1) = self.item_tokens(k);
        let (a, b) = self.scope(t0, t1, t0);
        self.items_in(a, b)
            .filter_map(|i| match self.items[i] {
                Item::Chunk(c) => Some((i, c)),
                Item::Tok(_) => None,
            })
            .filter(|&(i, c)| {
                let ch = &self.chunks[c as usize];
                // "in Berlijn": where the clause happens, not what it is about
                let place = i > 0
                    && matches!(self.item_word(i - 1), "in" | "te" | "at")
                    && self.res.entities[ch.head as usize].kind == EntityType::Location;
                (ch.first as usize) >= a && (ch.last as usize) <= b && !ch.pronoun && !place
            })
            .filter_map(|(i, _)| self.slot_ok(i, types, role))
            .take(MAX_LIST)
            .collect()
    }

    /// The indices of the items that overlap tokens `a..b`: items are in text order,
    /// so a clause's items are found without looking at the rest of the sentence.
    pub(super) fn items_in(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let first = self.items.partition_point(|it| self.end_of(it) <= a);
        let last = first + self.items[first..].partition_point(|it| self.start_of(it) < b);
        first..last
    }

    /// The phrases that start within tokens `a..b` (phrases are in text order).
    pub(super) fn chunks_in(&self, a: usize, b: usize) -> &[Chunk] {
        let first = self.chunks.partition_point(|c| (c.first as usize) < a);
        let len = self.chunks[first..].partition_point(|c| (c.first as usize) < b);
        &self.chunks[first..first + len]
    }

    /// The first token of an item.
    fn start_of(&self, it: &Item) -> usize {
        match *it {
            Item::Tok(t) => t as usize,
            Item::Chunk(c) => self.chunks[c as usize].first as usize,
        }
    }

    /// The token after an item.
    fn end_of(&self, it: &Item) -> usize {
        match *it {
            Item::Tok(t) => t as usize + 1,
            Item::Chunk(c) => self.chunks[c as usize].last as usize,
        }
    }

    /// Extends a coordination slot forward: the phrases after `end` joined by
    /// "en", "and" or a comma ("China, Japan en Zuid-Korea") are added to `got`.
    /// Returns the item index after the last phrase.
    fn coord_forward(&self, got: &mut Vec<u32>, mut end: usize, types: u8, role: Role) -> usize {
        let (first_end, first_len) = (end, got.len());
        let mut only_commas = true;
        while got.len() < MAX_LIST {
            let sep = self.item_word(end);
            if !self.word_has(sep, bits::COORD) {
                break;
            }
            only_commas &= sep == ",";
            // ", en" / ", and": only closing a list of three or more, or an apposition
            let mut nk = end + 1;
            if sep == "," && self.item_has(nk, bits::COORD) && self.item_word(nk) != "," {
                if got.len() < 2 && !self.has_apposition(end - 1) {
                    break;
                }
                nk += 1;
            }
            // "eerst Poetin en vervolgens Biden", "X and then Y": a sequence adverb
            if self.slot_ok(nk, types, role).is_none()
                && matches!(self.item_word(nk), "vervolgens" | "daarna" | "dan" | "then" | "later")
            {
                nk += 1;
            }
            // "met Poetin en met Zelenski": the preposition may repeat
            if self.slot_ok(nk, types, role).is_none() && self.item_has(nk, bits::PREP) {
                nk += 1;
            }
            match self.slot_ok(nk, types, role) {
                Some(c2) => {
                    got.push(c2);
                    end = nk + 1;
                }
                None => break,
            }
        }
        // "after the summit with Lula, Scholz met Macron": names joined by commas alone
        // that run into a word are no list; the comma ends the phrase
        if only_commas && got.len() > first_len && self.runs_into_word(end) {
            got.truncate(first_len);
            return first_end;
        }
        end
    }

    /// Whether the phrase at item `k` took in an apposition after a comma ("the
    /// leader of Venezuela, Nicolás Maduro"): a comma lies inside it.
    fn has_apposition(&self, k: usize) -> bool {
        match self.items.get(k) {
            Some(Item::Chunk(c)) => {
                let ch = &self.chunks[*c as usize];
                // a phrase is short; a hostile one is looked at only so far
                let end = ch.last.min(ch.first.saturating_add(64));
                (ch.first..end).any(|t| self.toks.norm_at(t as usize) == ",")
            }
            _ => false,
        }
    }

    /// Whether item `k` is a word that neither joins nor ends a list (a verb, "to").
    fn runs_into_word(&self, k: usize) -> bool {
        match self.items.get(k) {
            Some(Item::Tok(t)) => {
                self.toks.get(*t as usize).is_some_and(|x| x.kind == TokenKind::Word)
                    && !self.item_has(k, bits::COORD)
            }
            _ => false,
        }
    }

    /// A gap of up to `n` items forward from item `k`, within the clause, then `rest`.
    fn gap_forward(
        &self,
        rest: &[parse::PElem],
        k: usize,
        n: u8,
        after_gap: bool,
        binds: &mut Vec<(Role, Vec<u32>)>,
    ) -> Option<usize> {
        let mut k2 = k;
        let mut used = 0u8;
        loop {
            if let Some(r) = self.match_dir(rest, k2, used > 0 || after_gap, binds) {
                return Some(r);
            }
            if k2 >= self.items.len() || self.is_boundary(k2) {
                return None;
            }
            if !self.is_free(k2) && !self.is_light(k2) {
                if used == n {
                    return None;
                }
                used += 1;
            }
            k2 += 1;
        }
    }

    /// Matches `elems` backward, ending at item `k` (inclusive); returns the first
    /// item index of the match.
    fn match_dir_rev(
        &self,
        elems: &[parse::PElem],
        k: isize,
        binds: &mut Vec<(Role, Vec<u32>)>,
    ) -> Option<usize> {
        let Some((e, rest)) = elems.split_last() else {
            return Some((k + 1).max(0) as usize);
        };
        if e.optional && matches!(e.elem, Elem::Slot { .. }) {
            let mut with = rest.to_vec();
            with.push(parse::PElem { elem: e.elem.clone(), optional: false });
            if let Some(r) = self.match_dir_rev(&with, k, binds) {
                return Some(r);
            }
            return self.match_dir_rev(rest, k, binds);
        }
        let free = |x: isize| x >= 0 && self.is_free(x as usize);
        if let Elem::Not(e) = &e.elem {
            let mut k2 = k;
            while k2 >= 0 && self.is_free(k2 as usize) {
                k2 -= 1;
            }
            if k2 >= 0 && self.item_is(k2 as usize, e) {
                return None;
            }
            return self.match_dir_rev(rest, k, binds);
        }
        if let Elem::Clause { role, types } = &e.elem {
            let got = self.clause_phrases((k + 1).max(0) as usize, *types, *role);
            if got.is_empty() {
                return None;
            }
            return with_binding(binds, *role, got, |b| self.match_dir_rev(rest, k, b));
        }
        match &e.elem {
            Elem::Words(ws) => {
                let mut k2 = k;
                while free(k2) {
                    k2 -= 1;
                }
                if k2 >= 0
                    && matches!(self.items.get(k2 as usize), Some(Item::Tok(_)))
                    && ws.contains(self.item_word(k2 as usize))
                    && !self.opens_day(k2 as usize)
                {
                    if let Some(r) = self.match_dir_rev(rest, k2 - 1, binds) {
                        return Some(r);
                    }
                }
                if e.optional {
                    return self.match_dir_rev(rest, k, binds);
                }
                None
            }
            Elem::Slot { role, types, multi } => {
                let mut k2 = k;
                while free(k2) {
                    k2 -= 1;
                }
                if k2 < 0 {
                    return None;
                }
                let c = self.slot_ok(k2 as usize, *types, *role)?;
                if is_agent(*role) && self.fronted(k2 as usize) {
                    return None;
                }
                // a member of "X, Y en Z" is not an argument of its own: the list is
                // (from its last member), and a middle member is none
                let (left, right) = self.list_sides(k2 as usize);
                if right {
                    return None;
                }
                if is_agent(*role)
                    && k2 > 0
                    && self.item_has(k2 as usize - 1, bits::PREP)
                    && !self.is_possessive_pronoun(c)
                    && !self.opens_clause_subject(k2 as usize)
                {
                    let explicit = matches!(rest.last().map(|e| &e.elem), Some(Elem::Words(ws)) if ws.contains(self.item_word(k2 as usize - 1)));
                    if !explicit {
                        return None;
                    }
                }
                let mut got = vec![c];
                let mut start = k2;
                if *multi || left {
                    start = self.coord_backward(&mut got, start, *types, *role);
                }
                with_binding(binds, *role, got, |b| self.match_dir_rev(rest, start - 1, b))
            }
            Elem::Gap(n) => self.gap_backward(rest, k, *n, binds),
            Elem::Clause { .. } | Elem::Not(_) => None,
        }
    }

    /// Extends a coordination slot backward: the phrases before item `start` joined
    /// by "en", "and" or a comma are put in front of `got`. Returns the item index of
    /// the first phrase.
    fn coord_backward(&self, got: &mut Vec<u32>, mut start: isize, types: u8, role: Role) -> isize {
        while got.len() < MAX_LIST {
            let sep_k = start - 1;
            if sep_k < 1 {
                break;
            }
            let sep = self.item_word(sep_k as usize);
            if !self.word_has(sep, bits::COORD) {
                break;
            }
            let mut pk = sep_k - 1;
            if sep != "," && pk >= 1 && self.item_word(pk as usize) == "," {
                // ", and" closes a list of three or more: a comma must come before
                // the phrase in front of it too, or the comma closes that phrase's
                // apposition ("The leader of Venezuela, Nicolás Maduro, and …")
                let closes_apposition = self.has_apposition(pk as usize - 1);
                if !closes_apposition && (pk < 2 || self.item_word(pk as usize - 2) != ",") {
                    break;
                }
                pk -= 1;
            }
            if pk < 0 {
                break;
            }
            match self.slot_ok(pk as usize, types, role) {
                Some(c2) => {
                    got.insert(0, c2);
                    start = pk;
                }
                None => break,
            }
        }
        start
    }

    /// A gap of up to `n` items backward from item `k`, within the clause, then `rest`.
    fn gap_backward(
        &self,
        rest: &[parse::PElem],
        k: isize,
        n: u8,
        binds: &mut Vec<(Role, Vec<u32>)>,
    ) -> Option<usize> {
        let free = |x: isize| x >= 0 && self.is_free(x as usize);
        // "Zelensky in Den Haag, Poetin dreigt": a comma right before a phrase closes
        // the clause of whatever stands before it — an actor there is not this one's
        let agent_before = matches!(rest.last().map(|e| &e.elem), Some(Elem::Slot { role, .. }) if is_agent(*role));
        if agent_before
            && k >= 0
            && self.item_word(k as usize) == ","
            && matches!(self.items.get(k as usize + 1), Some(Item::Chunk(_)))
            && !self.list_sides(k as usize + 1).0
        {
            return None;
        }
        let mut k2 = k;
        let mut used = 0u8;
        loop {
            if let Some(r) = self.match_dir_rev(rest, k2, binds) {
                return Some(r);
            }
            if k2 < 0 || self.is_boundary(k2 as usize) {
                return None;
            }
            if !free(k2) && !self.is_light(k2 as usize) {
                if used == n {
                    return None;
                }
                used += 1;
            }
            k2 -= 1;
        }
    }
}
