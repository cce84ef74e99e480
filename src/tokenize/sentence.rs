//! Sentence boundaries over a token list.
//!
//! A sentence ends at `.`, `!`, `?` or `…` followed by a token that can start a
//! sentence (capitalised word, number, quote, bracket), after the closing quotes and
//! brackets that follow it; at an empty line; and at a line break after a line with no
//! final punctuation when the next line starts like a sentence (headlines, bylines,
//! datelines, "14u53"). A period does not end a sentence after a known abbreviation
//! ("red.", "o.a.", "dhr.", "Mr.", "Dr.", "St.") or after a single letter ("J. Biden",
//! "U.S. officials").

use super::{TokenKind, Tokens};

/// Sentences are cut after this many tokens (news sentences are far shorter).
pub(crate) const MAX_SENTENCE: usize = 250;

/// A sentence: a range of token indices and the byte span it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the first token.
    pub first: u32,
    /// Index one past the last token.
    pub last: u32,
    /// Byte offset of the sentence start.
    pub start: u32,
    /// Byte offset one past the sentence end.
    pub end: u32,
}

/// Abbreviations (normalised, without their period) after which a period does not end
/// a sentence. Multi-part ones ("o.a.", "d.w.z.") end in a single letter and are
/// covered by the single-letter rule.
const ABBREVIATIONS: &[&str] = &[
    "red", "dhr", "mevr", "mw", "mr", "mrs", "ms", "dr", "drs", "ir", "prof", "st", "jr", "sr",
    "gen", "lt", "col", "capt", "sen", "rep", "gov", "gouv", "nr", "blz", "ca", "bijv", "bv",
    "resp", "mgr", "min", "pres", "ds", "zg", "zgn", "incl", "excl", "jan", "feb", "aug", "sept",
    "okt", "oct", "nov", "dec", "ave", "corp", "inc", "ltd", "co", "fig", "vol", "approx", "dept",
    "univ", "adm", "sgt", "cmdr", "maj", "brig",
];

fn is_abbreviation(form: &str) -> bool {
    form.len() == 1 && form.chars().all(|c| c.is_alphabetic()) || ABBREVIATIONS.contains(&form)
}

fn is_closer(tokens: &Tokens, i: usize) -> bool {
    match tokens.get(i) {
        Some(t) => {
            let f = tokens.norm_of(t);
            t.kind == TokenKind::Quote && !t.space_before() || f == ")" || f == "]"
        }
        None => false,
    }
}

fn can_start(tokens: &Tokens, i: usize) -> bool {
    match tokens.get(i) {
        None => true,
        Some(t) => match t.kind {
            TokenKind::Word => t.is_capitalized(),
            TokenKind::Number | TokenKind::Quote | TokenKind::Symbol => true,
            TokenKind::Punct => matches!(tokens.norm_of(t), "(" | "[" | "-" | "¿" | "¡"),
        },
    }
}

/// Splits the token list into sentences. Every token belongs to exactly one sentence.
pub(crate) fn split_sentences(tokens: &Tokens) -> Vec<Sentence> {
    let toks = tokens.tokens();
    let mut out = Vec::with_capacity(toks.len() / 15 + 1);
    let n = toks.len();
    let mut first = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<Sentence>, a: usize, b: usize| {
        if a < b {
            out.push(Sentence {
                first: a as u32,
                last: b as u32,
                start: toks[a].start,
                end: toks[b - 1].end,
            });
        }
    };
    while i < n {
        let t = &toks[i];
        // an over-long run without a boundary (a list, a table, noise) is cut, at the
        // last comma or semicolon if there is one, so that no later stage works on an
        // unbounded sentence
        if i - first >= MAX_SENTENCE {
            let cut = (first + MAX_SENTENCE / 2..i)
                .rev()
                .find(|&k| matches!(tokens.norm_at(k), "," | ";"))
                .map_or(i, |k| k + 1);
            push(&mut out, first, cut);
            first = cut;
        }
        // boundaries before token i: blank line, or a line break after an unpunctuated line
        if i > first {
            let prev = &toks[i - 1];
            let prev_open = || {
                prev.kind == TokenKind::Punct
                    && matches!(tokens.norm_of(prev), "," | ":" | "(" | "-")
                    || prev.kind == TokenKind::Word && !prev.is_capitalized() && !t.is_capitalized()
            };
            // (line breaks are rare: the tests that read forms only run at one)
            if t.blankline_before() || (t.newline_before() && !prev_open() && can_start(tokens, i))
            {
                push(&mut out, first, i);
                first = i;
            }
        }
        // only punctuation ends a sentence: a word's form is not compared
        let form = if t.kind == TokenKind::Punct { tokens.norm_of(t) } else { "" };
        let is_end = matches!(form, "." | "!" | "?" | "...");
        if is_end {
            // take repeated marks and closing quotes/brackets into this sentence
            let mut j = i + 1;
            while j < n
                && matches!(tokens.norm_at(j), "." | "!" | "?" | "...")
                && !toks[j].space_before()
            {
                j += 1;
            }
            while j < n && is_closer(tokens, j) {
                j += 1;
            }
            let abbrev = form == "."
                && i > 0
                && !t.space_before()
                && toks[i - 1].kind == TokenKind::Word
                && is_abbreviation(tokens.norm_at(i - 1));
            // "U.S. officials": the single-letter rule also covers the last letter
            let next_ok = j >= n || (toks[j].space_before() && can_start(tokens, j));
            if !abbrev && next_ok {
                push(&mut out, first, j);
                first = j;
                i = j;
                continue;
            }
            // an abbreviation before a capitalised word at a line start still ends it
            if abbrev && j < n && toks[j].newline_before() {
                push(&mut out, first, j);
                first = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push(&mut out, first, n);
    out
}

#[cfg(test)]
mod tests {
    use super::super::tokenize;
    use super::*;

    fn sents(text: &str) -> Vec<String> {
        let t = tokenize(text);
        split_sentences(&t)
            .iter()
            .map(|s| text[s.start as usize..s.end as usize].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            sents("Zij (de Russen, red.) helpen. Dhr. Jansen en J. Biden spraken o.a. over U.S. Steel. Klaar!"),
            ["Zij (de Russen, red.) helpen.", "Dhr. Jansen en J. Biden spraken o.a. over U.S. Steel.", "Klaar!"]
        );
    }

    #[test]
    fn quotes_close_the_sentence() {
        assert_eq!(
            sents("\"Ik kom.\" Hij kwam. \"Echt?\", vroeg zij."),
            ["\"Ik kom.\"", "Hij kwam.", "\"Echt?\", vroeg zij."]
        );
    }

    #[test]
    fn headlines_and_lines() {
        assert_eq!(
            sents("Trump reist naar Azië\n\n14u53\nDe president vertrekt vandaag. Hij\nblijft twaalf dagen."),
            ["Trump reist naar Azië", "14u53", "De president vertrekt vandaag.", "Hij\nblijft twaalf dagen."]
        );
    }

    #[test]
    fn long_runs_are_cut() {
        let text = "a, ".repeat(1000);
        let t = tokenize(&text);
        let s = split_sentences(&t);
        assert!(s.len() >= 8);
        assert!(s.iter().all(|s| (s.last - s.first) as usize <= MAX_SENTENCE));
        assert!(s.iter().take(s.len() - 1).all(|s| t.norm_at(s.last as usize - 1) == ","));
    }

    #[test]
    fn every_token_in_one_sentence() {
        let t = tokenize("a. b. C. ... ?? \"x\" Y");
        let s = split_sentences(&t);
        assert_eq!(s.first().map(|s| s.first), Some(0));
        assert_eq!(s.last().map(|s| s.last as usize), Some(t.len()));
        for w in s.windows(2) {
            assert_eq!(w[0].last, w[1].first);
        }
    }
}
