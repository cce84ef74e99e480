//! Tokens, normalised forms and sentences.
//!
//! The tokenizer is the first stage of the pipeline. It turns a `&str` into a flat list
//! of [`Token`]s, each with byte offsets into the caller's text, a [`TokenKind`], a few
//! capitalisation flags and a *normalised form* used for matching: Unicode lower case
//! with Latin diacritics folded ("Erdoğan" → `erdogan`, "Syrië" → `syrie`), typographic
//! quotes and dashes mapped to their ASCII forms.
//!
//! All normalised forms live in one string, [`Tokens::norm`], laid out as
//! `" tok1 tok2 tok3 "`: every token is preceded and followed by exactly one space and
//! contains none itself. A pattern written the same way (`" noord - korea "`, as the
//! rule triggers are) can therefore only match on token boundaries, and no token
//! needs an allocation of its own.
//!
//! # Token rules
//!
//! * A word is a run of letters and digits (any script), with combining marks and
//!   joiners kept inside the grapheme they extend. Digit groups joined by `.` or `,`
//!   stay one number ("1.000", "3,5").
//! * Hyphens, apostrophes and periods split words: "G20-top" is `g20 - top`,
//!   "Trump's" is `trump ' s`, "U.S." is `u . s .`. Compounds stay addressable by part,
//!   possessives expose the name.
//! * Every other character that is not white space is a token of its own, one
//!   grapheme cluster long (so an emoji with its modifiers is one [`TokenKind::Symbol`]).
//!
//! ASCII text takes a fast path that yields exactly the tokens the general path would:
//! unicode-segmentation's grapheme rules are consulted only at non-ASCII characters.
//!
//! ```
//! use gazet::tokenize::{tokenize, TokenKind};
//!
//! let toks = tokenize("Erdoğan en Trump's G20-top.");
//! let forms: Vec<&str> = toks.iter().map(|t| toks.norm_of(t)).collect();
//! assert_eq!(forms, ["erdogan", "en", "trump", "'", "s", "g20", "-", "top", "."]);
//! assert_eq!(toks.tokens()[0].kind, TokenKind::Word);
//! ```

mod fold_table;
mod sentence;

pub(crate) use sentence::split_sentences;
pub use sentence::Sentence;

use unicode_segmentation::GraphemeCursor;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with digits ("Poetin", "G20", "14u53").
    Word,
    /// Digits only, possibly grouped ("2017", "1.000").
    Number,
    /// Punctuation: `. , ; : ! ? ( ) -` and the like.
    Punct,
    /// A quotation mark or apostrophe of any style.
    Quote,
    /// Anything else: symbols, emoji, currency signs.
    Symbol,
}

/// The first character is upper case.
pub(crate) const CAP: u8 = 1;
/// Every cased character is upper case and there are at least two ("NAVO", "VS").
pub(crate) const UPPER: u8 = 2;
/// White space precedes the token.
pub(crate) const SPACE_BEFORE: u8 = 4;
/// A line break precedes the token.
pub(crate) const NEWLINE_BEFORE: u8 = 8;
/// An empty line precedes the token.
pub(crate) const BLANKLINE_BEFORE: u8 = 16;

/// One token: a span of the input and its normalised form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte in the input.
    pub start: u32,
    /// Byte offset one past the last byte in the input.
    pub end: u32,
    /// What the token is made of.
    pub kind: TokenKind,
    pub(crate) norm_start: u32,
    pub(crate) norm_end: u32,
    pub(crate) flags: u8,
}

impl Token {
    /// Whether the first character is upper case.
    pub fn is_capitalized(&self) -> bool {
        self.flags & CAP != 0
    }
    /// Whether all cased characters are upper case (at least two of them).
    pub fn is_all_caps(&self) -> bool {
        self.flags & UPPER != 0
    }
    /// Whether white space precedes the token.
    pub fn space_before(&self) -> bool {
        self.flags & SPACE_BEFORE != 0
    }
    pub(crate) fn newline_before(&self) -> bool {
        self.flags & NEWLINE_BEFORE != 0
    }
    pub(crate) fn blankline_before(&self) -> bool {
        self.flags & BLANKLINE_BEFORE != 0
    }
}

/// The tokens of one text, with their normalised forms.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    tokens: Vec<Token>,
    norm: String,
    /// Per token: its [`Lexicon`](crate::lexicon::Lexicon) id, once assigned.
    ids: Vec<u32>,
}

impl Tokens {
    /// All tokens in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }
    /// Iterates over the tokens.
    pub fn iter(&self) -> std::slice::Iter<'_, Token> {
        self.tokens.iter()
    }
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }
    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
    /// The normalised form of a token.
    pub fn norm_of(&self, t: &Token) -> &str {
        self.norm.get(t.norm_start as usize..t.norm_end as usize).unwrap_or("")
    }
    /// The normalised form of the token at `i` (empty past the end).
    pub(crate) fn norm_at(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| self.norm_of(t))
    }
    /// The whole normalised text: `" tok1 tok2 … "`.
    pub fn norm(&self) -> &str {
        &self.norm
    }
    /// The index of the token whose normalised form starts at `pos` in [`Tokens::norm`].
    pub(crate) fn token_at_norm(&self, pos: u32) -> Option<usize> {
        self.tokens.binary_search_by_key(&pos, |t| t.norm_start).ok()
    }
    pub(crate) fn get(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }
    /// The lexicon id of token `i` ([`UNKNOWN`](crate::lexicon::UNKNOWN) when none
    /// was assigned).
    #[inline]
    pub(crate) fn id(&self, i: usize) -> u32 {
        self.ids.get(i).copied().unwrap_or(crate::lexicon::UNKNOWN)
    }
    /// The lexicon ids of the tokens (empty until assigned).
    pub(crate) fn ids(&self) -> &[u32] {
        &self.ids
    }
    /// Frees the lexicon ids of a text of more than a million tokens (whose id table
    /// is worth giving back once read; a reused buffer of news-sized texts keeps its
    /// allocation).
    pub(crate) fn release_ids_if_large(&mut self) {
        if self.ids.len() > 1 << 20 {
            self.ids = Vec::new();
        }
    }
    /// Sets every token's lexicon id to `id(normal form as bytes)`.
    pub(crate) fn assign_ids(&mut self, id: impl Fn(&[u8]) -> u32) {
        self.ids.clear();
        let norm = self.norm.as_bytes();
        self.ids.extend(
            self.tokens.iter().map(|t| {
                id(norm.get(t.norm_start as usize..t.norm_end as usize).unwrap_or_default())
            }),
        );
    }
}

/// The sentences of a token list, as the pipeline splits them: every token belongs to
/// exactly one sentence (see [`Sentence`]).
///
/// ```
/// use gazet::tokenize::{sentences, tokenize};
///
/// let toks = tokenize("Poetin sprak. Trump luisterde.");
/// let s = sentences(&toks);
/// assert_eq!(s.len(), 2);
/// assert_eq!((s[1].first, s[1].last), (3, 6));
/// ```
pub fn sentences(tokens: &Tokens) -> Vec<Sentence> {
    split_sentences(tokens)
}

/// Tokenizes `text`. Never panics; empty input gives no tokens.
pub fn tokenize(text: &str) -> Tokens {
    let mut out = Tokens::default();
    tokenize_into(text, 0, &mut out);
    out
}

/// Tokenizes `text[from..]` into `out` (cleared first). Offsets stay relative to `text`.
pub(crate) fn tokenize_into(text: &str, from: usize, out: &mut Tokens) {
    out.tokens.clear();
    out.norm.clear();
    out.ids.clear();
    let text = clamp_to_u32(text);
    out.tokens.reserve(text.len() / 5);
    // the normal forms take the text's length plus a space after each token not
    // followed by one (punctuation): a quarter more covers news text without growing
    out.norm.reserve(text.len() + text.len() / 4 + 2);
    out.norm.push(' ');
    let bytes = text.as_bytes();
    let mut i = from.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    let mut pending: u8 = 0; // flags for the next token from the white space before it
    let mut newlines = 0u32;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            match b {
                b'\n' => {
                    newlines += 1;
                    pending |= SPACE_BEFORE | NEWLINE_BEFORE;
                    if newlines >= 2 {
                        pending |= BLANKLINE_BEFORE;
                    }
                    i += 1;
                }
                b' ' | b'\t' | b'\r' | 0x0B | 0x0C => {
                    pending |= SPACE_BEFORE;
                    i += 1;
                }
                0..=0x1F | 0x7F => {
                    // other control characters separate tokens like spaces
                    pending |= SPACE_BEFORE;
                    i += 1;
                }
                b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => {
                    i = word(text, i, pending, out);
                    pending = 0;
                    newlines = 0;
                }
                b'"' | b'\'' | b'`' => {
                    push_punct(out, i, i + 1, TokenKind::Quote, b as char, pending);
                    pending = 0;
                    newlines = 0;
                    i += 1;
                }
                _ => {
                    let kind = if b.is_ascii_punctuation()
                        && !matches!(b, b'$' | b'+' | b'<' | b'=' | b'>' | b'^' | b'|' | b'~')
                    {
                        TokenKind::Punct
                    } else {
                        TokenKind::Symbol
                    };
                    push_punct(out, i, i + 1, kind, b as char, pending);
                    pending = 0;
                    newlines = 0;
                    i += 1;
                }
            }
            continue;
        }
        // non-ASCII
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let clen = c.len_utf8();
        if c.is_alphanumeric() && !is_letter_apostrophe(c) {
            i = word(text, i, pending, out);
            pending = 0;
            newlines = 0;
        } else if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
            newlines += 1;
            pending |= SPACE_BEFORE | NEWLINE_BEFORE;
            if newlines >= 2 || c == '\u{2029}' {
                pending |= BLANKLINE_BEFORE;
            }
            i += clen;
        } else if c.is_whitespace() || c.is_control() || is_invisible(c) {
            pending |= SPACE_BEFORE;
            i += clen;
        } else if let Some(q) = quote_norm(c) {
            push_punct(out, i, i + clen, TokenKind::Quote, q, pending);
            pending = 0;
            newlines = 0;
            i += clen;
        } else if is_dash(c) {
            push_punct(out, i, i + clen, TokenKind::Punct, '-', pending);
            pending = 0;
            newlines = 0;
            i += clen;
        } else {
            // a symbol, emoji or other punctuation: one grapheme cluster
            let end = next_grapheme_end(text, i).max(i + clen);
            let kind = if c == '…' || c == '¡' || c == '¿' || c == '·' {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            let tok_norm = if c == '…' { "..." } else { &text[i..end] };
            push_token(out, i, end, kind, tok_norm, pending);
            pending = 0;
            newlines = 0;
            i = end;
        }
    }
}

/// The text, cut at the last character boundary before `u32::MAX` bytes: offsets are
/// `u32` to keep tokens small, and such inputs are far outside the news domain.
fn clamp_to_u32(text: &str) -> &str {
    let mut end = text.len().min(u32::MAX as usize - 1);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Characters that render as nothing: zero-width space and joiners, word joiner, BOM,
/// soft hyphen, bidi controls.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// The modifier letter apostrophe (U+02BC), a letter to Unicode, written for the
/// apostrophe in "Dudaʼs" and in transliterated names: an apostrophe here.
fn is_letter_apostrophe(c: char) -> bool {
    c == '\u{2BC}'
}

fn quote_norm(c: char) -> Option<char> {
    match c {
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '＂' => Some('"'),
        '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′' | '´' | '\u{2BC}' => Some('\''),
        _ => None,
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}')
}

fn next_grapheme_end(text: &str, at: usize) -> usize {
    let mut cur = GraphemeCursor::new(at, text.len(), true);
    match cur.next_boundary(text, 0) {
        Ok(Some(e)) => e,
        _ => text.len(),
    }
}

/// Whether a grapheme boundary lies at `at` (a char boundary of `text`).
fn is_grapheme_boundary(text: &str, at: usize) -> bool {
    let mut cur = GraphemeCursor::new(at, text.len(), true);
    cur.is_boundary(text, 0).unwrap_or(true)
}

fn push_punct(out: &mut Tokens, start: usize, end: usize, kind: TokenKind, norm: char, flags: u8) {
    let ns = out.norm.len() as u32;
    out.norm.push(norm);
    let ne = out.norm.len() as u32;
    out.norm.push(' ');
    out.tokens.push(Token {
        start: start as u32,
        end: end as u32,
        kind,
        norm_start: ns,
        norm_end: ne,
        flags,
    });
}

fn push_token(out: &mut Tokens, start: usize, end: usize, kind: TokenKind, norm: &str, flags: u8) {
    let ns = out.norm.len() as u32;
    // a symbol's normal form must not contain the separator
    for c in norm.chars() {
        out.norm.push(if c.is_whitespace() { '_' } else { c });
    }
    let ne = out.norm.len() as u32;
    out.norm.push(' ');
    out.tokens.push(Token {
        start: start as u32,
        end: end as u32,
        kind,
        norm_start: ns,
        norm_end: ne,
        flags,
    });
}

/// Scans one word starting at `start` (a letter or digit), appends its normalised form,
/// pushes the token and returns the byte offset after it.
fn word(text: &str, start: usize, flags: u8, out: &mut Tokens) -> usize {
    let bytes = text.as_bytes();
    let ns = out.norm.len() as u32;
    let mut i = start;
    let mut all_digits = true;
    let mut first = true;
    let mut cap = false;
    let mut lower_seen = false;
    let mut upper_count = 0u32;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                if b.is_ascii_uppercase() {
                    upper_count += 1;
                    if first {
                        cap = true;
                    }
                } else if b.is_ascii_lowercase() {
                    lower_seen = true;
                }
                if !b.is_ascii_digit() {
                    all_digits = false;
                }
                out.norm.push(b.to_ascii_lowercase() as char);
                first = false;
                i += 1;
                continue;
            }
            // digit groups: 1.000 / 3,5
            if all_digits
                && (b == b'.' || b == b',')
                && i > start
                && bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit())
            {
                out.norm.push(b as char);
                i += 1;
                continue;
            }
            break;
        }
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let clen = c.len_utf8();
        if c.is_alphanumeric() && !is_letter_apostrophe(c) {
            all_digits = false;
            if c.is_uppercase() {
                upper_count += 1;
                if first {
                    cap = true;
                }
            } else if c.is_lowercase() {
                lower_seen = true;
            }
            push_folded(&mut out.norm, c);
            first = false;
            i += clen;
        } else if !is_grapheme_boundary(text, i) {
            // combining mark, joiner or variation selector inside the word: part of
            // the word's span, dropped from its normal form
            i += clen;
        } else {
            break;
        }
    }
    let ne = out.norm.len() as u32;
    out.norm.push(' ');
    let mut f = flags;
    if cap {
        f |= CAP;
    }
    if upper_count >= 2 && !lower_seen {
        f |= UPPER;
    }
    out.tokens.push(Token {
        start: start as u32,
        end: i as u32,
        kind: if all_digits { TokenKind::Number } else { TokenKind::Word },
        norm_start: ns,
        norm_end: ne,
        flags: f,
    });
    i
}

/// Appends the lower-cased, diacritic-folded form of `c`.
fn push_folded(s: &mut String, c: char) {
    for l in c.to_lowercase() {
        match fold_char(l) {
            Some(f) => s.push_str(f),
            None => s.push(l),
        }
    }
}

fn fold_char(c: char) -> Option<&'static str> {
    if (c as u32) < 0xC0 {
        return None;
    }
    fold_table::FOLD.binary_search_by_key(&c, |&(k, _)| k).ok().map(|i| fold_table::FOLD[i].1)
}

/// Lower-cases and folds diacritics of a whole string, as the tokenizer does per token.
pub(crate) fn fold_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            push_folded(&mut out, c);
        }
    }
    out
}

/// Folds diacritics but keeps case ("Erdoğan" → "Erdogan"); for case-sensitive aliases.
pub(crate) fn fold_keep_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if c.is_uppercase() {
            let mut low = String::new();
            push_folded(&mut low, c);
            out.extend(low.chars().flat_map(|l| l.to_uppercase()));
        } else if let Some(q) = quote_norm(c) {
            out.push(q);
        } else if is_dash(c) {
            out.push('-');
        } else {
            match fold_char(c) {
                Some(f) => out.push_str(f),
                None => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        let t = tokenize(text);
        t.iter().map(|x| t.norm_of(x).to_string()).collect()
    }

    #[test]
    fn splits_hyphens_apostrophes_periods() {
        assert_eq!(forms("Noord-Koreaanse"), ["noord", "-", "koreaanse"]);
        assert_eq!(forms("Putin’s"), ["putin", "'", "s"]);
        assert_eq!(forms("Dudaʼs"), ["duda", "'", "s"]);
        assert_eq!(forms("U.S."), ["u", ".", "s", "."]);
        assert_eq!(forms("om 14u53 kwam 1.000"), ["om", "14u53", "kwam", "1.000"]);
    }

    #[test]
    fn folds_diacritics_and_case() {
        assert_eq!(
            forms("Erdoğan Syrië ÇAVUŞOĞLU Đà Nẵng"),
            ["erdogan", "syrie", "cavusoglu", "da", "nang"]
        );
        assert_eq!(forms("Straße"), ["strasse"]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "«Kyiv» — 👍🏽 Zürich";
        let t = tokenize(text);
        for tok in t.iter() {
            assert!(text.is_char_boundary(tok.start as usize));
            assert!(text.is_char_boundary(tok.end as usize));
        }
        let words: Vec<&str> = t.iter().map(|x| &text[x.start as usize..x.end as usize]).collect();
        assert_eq!(words, ["«", "Kyiv", "»", "—", "👍🏽", "Zürich"]);
    }

    #[test]
    fn combining_marks_stay_in_the_word() {
        let text = "Mu\u{0308}nchen";
        let t = tokenize(text);
        assert_eq!(t.len(), 1);
        assert_eq!(t.norm_of(&t.tokens()[0]), "munchen");
        assert_eq!(t.tokens()[0].end as usize, text.len());
    }

    #[test]
    fn flags() {
        let t = tokenize("NAVO Trump x\n\nY");
        assert!(t.tokens()[0].is_all_caps());
        assert!(t.tokens()[1].is_capitalized() && !t.tokens()[1].is_all_caps());
        assert!(t.tokens()[3].blankline_before());
    }

    #[test]
    fn norm_layout() {
        let t = tokenize("Ab, cd");
        assert_eq!(t.norm(), " ab , cd ");
    }
}
