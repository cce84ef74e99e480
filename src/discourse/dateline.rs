//! Datelines: the place a wire story is filed from ("PALM BEACH, Florida (CNN) — …",
//! "BRUSSEL – …"), which "here" and "hier" in the story stand for.
//!
//! A dateline opens a line: a place named in capitals, optionally followed by a comma
//! and the region or country it lies in, optionally by the agency in parentheses,
//! then a dash. Rules take it with `with=place:@dateline` ("Trump arrived here"); a
//! document without a dateline gives them nothing.
//!
//! ```
//! use gazet::{Extractor, RelationType};
//!
//! let ex = Extractor::new();
//! let doc = ex.extract("OTTAWA, Ontario (CP) — Narendra Modi arrived here on Wednesday.");
//! let places: Vec<&str> = doc
//!     .relations
//!     .iter()
//!     .filter(|r| r.kind == RelationType::Visit)
//!     .map(|r| doc.name_of(&r.args[1].entity))
//!     .collect();
//! assert_eq!(places, ["Ottawa", "Ontario"]);
//! ```

use crate::model::EntityType;
use crate::resolve::{RMention, Resolved};
use crate::tokenize::{TokenKind, Tokens};

/// The most tokens of an agency between parentheses ("(AFN/AFP)").
const AGENCY_MAX: usize = 8;

/// Every dateline of the document, in text order: the token where it starts and the
/// places it names (the place, then its region or country).
pub(crate) fn datelines(toks: &Tokens, res: &Resolved) -> Vec<(u32, Vec<u32>)> {
    let mut out = Vec::new();
    for (i, m) in res.mentions.iter().enumerate() {
        let first = m.first as usize;
        let line_start = first == 0 || toks.tokens()[first].newline_before();
        if !line_start || !is_place(res, m) || !in_capitals(toks, m) {
            continue;
        }
        let mut places = vec![m.ent];
        let mut k = (m.first + m.len) as usize;
        // ", Florida"
        if word(toks, k) == Some(",") {
            if let Some(r) = res.mentions.get(i + 1).filter(|r| r.first as usize == k + 1) {
                if is_place(res, r) {
                    places.push(r.ent);
                    k = (r.first + r.len) as usize;
                }
            }
        }
        // "(CNN)"
        if word(toks, k) == Some("(") {
            let close =
                (k + 1..(k + 2 + AGENCY_MAX).min(toks.len())).find(|&j| word(toks, j) == Some(")"));
            let Some(close) = close else { continue };
            k = close + 1;
        }
        if matches!(word(toks, k), Some("—" | "–" | "-")) {
            out.push((m.first, places));
        }
    }
    out
}

fn is_place(res: &Resolved, m: &RMention) -> bool {
    matches!(res.entities[m.ent as usize].kind, EntityType::Location | EntityType::Country)
}

/// Whether every word of the mention is written in capitals ("PALM BEACH").
fn in_capitals(toks: &Tokens, m: &RMention) -> bool {
    let words = || {
        toks.tokens()[m.first as usize..(m.first + m.len) as usize]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
    };
    words().next().is_some() && words().all(|t| t.is_all_caps())
}

/// The normalised text of token `k`, if there is one.
fn word(toks: &Tokens, k: usize) -> Option<&str> {
    toks.tokens().get(k).map(|t| toks.norm_of(t))
}
