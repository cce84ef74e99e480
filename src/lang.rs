//! Language detection (Dutch or English) and the document date line.

use once_cell::sync::Lazy;

use crate::fxhash::FxHashMap;
use crate::model::{Date, Lang};
use crate::tokenize::{TokenKind, Tokens};

const NL: &[&str] = &[
    "de", "het", "een", "en", "van", "is", "dat", "die", "niet", "met", "op", "zijn", "voor",
    "naar", "ook", "heeft", "wordt", "zal", "bij", "over", "maar", "nog", "om", "er", "ze", "hij",
    "zij", "werd", "dit", "deze", "als", "uit", "tegen", "hebben", "worden", "wel", "geen", "kan",
    "al", "na", "door", "tussen", "zou", "aan",
];
const EN: &[&str] = &[
    "the", "a", "of", "and", "to", "is", "that", "with", "for", "on", "was", "will", "has", "by",
    "at", "from", "he", "she", "his", "her", "not", "be", "said", "are", "have", "it", "this",
    "which", "an", "were", "would", "they", "after", "their", "who", "been", "but", "its", "as",
    "or", "had", "could", "between",
];

/// Function words of each language: bit 1 Dutch, bit 2 English.
static FUNCTION_WORDS: Lazy<FxHashMap<&'static str, u8>> = Lazy::new(|| {
    let mut m: FxHashMap<&'static str, u8> = FxHashMap::default();
    for w in NL {
        *m.entry(w).or_insert(0) |= 1;
    }
    for w in EN {
        *m.entry(w).or_insert(0) |= 2;
    }
    m
});

/// Spelling patterns typical of each language, counted when function words are
/// too few to decide (headlines, short snippets).
fn spelling_score(w: &[u8]) -> (u32, u32) {
    let (mut nl, mut en) = (0, 0);
    for p in w.windows(2) {
        match (p[0], p[1]) {
            (b'i', b'j') | (b'o', b'e') | (b'a', b'a') | (b'u', b'u') | (b'e', b'e') => nl += 1,
            (b't', b'h')
            | (b'w', b'h')
            | (b's', b'h')
            | (b'e', b'a')
            | (b'a', b'y')
            | (b'c', b'k') => en += 1,
            _ => {}
        }
    }
    for p in w.windows(3) {
        match p {
            b"sch" | b"cht" => nl += 1,
            b"ing" => en += 1,
            _ => {}
        }
    }
    (nl, en)
}

/// Guesses the language from function words; English on a tie or no evidence.
pub(crate) fn detect(toks: &Tokens) -> Lang {
    let (mut nl, mut en) = (0u32, 0u32);
    for t in toks.iter().take(5000) {
        if t.kind != TokenKind::Word {
            continue;
        }
        if let Some(&b) = FUNCTION_WORDS.get(toks.norm_of(t)) {
            nl += u32::from(b & 1);
            en += u32::from(b >> 1);
        }
    }
    if nl + en < 4 {
        let (mut snl, mut sen) = (0u32, 0u32);
        for t in toks.iter().take(2000) {
            if t.kind == TokenKind::Word {
                let (a, b) = spelling_score(toks.norm_of(t).as_bytes());
                snl += a;
                sen += b;
            }
        }
        nl = nl * 4 + snl;
        en = en * 4 + sen;
    }
    if nl > en {
        Lang::Nl
    } else {
        Lang::En
    }
}

/// A leading ` date YYYY-MM[-DD]` line: the date and the byte offset where the text
/// proper starts.
pub(crate) fn date_line(text: &str) -> Option<(Date, usize)> {
    let trimmed = text.trim_start_matches([' ', '\t', '\u{feff}']);
    let rest = trimmed.strip_prefix("date")?;
    let after_kw = rest.trim_start_matches([' ', '\t']);
    if after_kw.len() == rest.len() {
        return None;
    }
    let len = after_kw.bytes().take_while(|b| b.is_ascii_digit() || *b == b'-').count();
    let date: Date = after_kw[..len].parse().ok()?;
    let next = after_kw[len..].chars().next();
    if next.is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    let consumed = text.len() - after_kw.len() + len;
    Some((date, consumed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn detects() {
        assert_eq!(detect(&tokenize("De president heeft gezegd dat hij niet komt.")), Lang::Nl);
        assert_eq!(detect(&tokenize("The president said that he will not come.")), Lang::En);
        assert_eq!(detect(&tokenize("")), Lang::En);
    }

    #[test]
    fn date_lines() {
        let (d, at) = date_line(" date 2017-11 Trump: tekst").unwrap();
        assert_eq!(d.to_string(), "2017-11");
        assert_eq!(&" date 2017-11 Trump: tekst"[at..], " Trump: tekst");
        assert!(date_line("dated 2017").is_none());
        assert!(date_line(" date 2017-13 x").is_none());
        assert_eq!(date_line("date 2019-06-02\nx").unwrap().0.to_string(), "2019-06-02");
    }
}
