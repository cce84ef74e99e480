//! Language detection (Dutch or English) and the document date line.

use once_cell::sync::Lazy;

use crate::fxhash::FxHashMap;
use crate::model::{Date, Lang};
use crate::tokenize::{Sentence, TokenKind, Tokens};

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

/// Dutch and English evidence in tokens `a..b`: function words, and the trigger words
/// of one language's rules (`triggers` gives a word's language mask). A word of both
/// languages counts for neither ("met": Dutch "with", English "met"), and neither does
/// a capitalised word right after another, inside a name ("Nguyen Van Minh").
fn votes(toks: &Tokens, a: usize, b: usize, triggers: &dyn Fn(&str) -> u8) -> (u32, u32) {
    let (mut nl, mut en) = (0u32, 0u32);
    let all = toks.tokens();
    for (i, t) in all.iter().enumerate().take(b).skip(a) {
        if t.kind != TokenKind::Word {
            continue;
        }
        let in_name = i > 0 && t.is_capitalized() && {
            let p = &all[i - 1];
            p.kind == TokenKind::Word && p.is_capitalized() && p.end + 1 == t.start
        };
        if in_name {
            continue;
        }
        let w = toks.norm_of(t);
        let b = FUNCTION_WORDS.get(w).copied().unwrap_or(0) | (triggers(w) & 3);
        if b != 3 {
            nl += u32::from(b & 1);
            en += u32::from(b >> 1);
        }
    }
    (nl, en)
}

/// Guesses the language from function and trigger words, with spelling patterns of
/// lower-case words (names do not count) when those are too few; English on a tie
/// or no evidence.
///
/// Also says whether the text may mix the two: whether the other language has a
/// share of the evidence that sentences of their own could explain (a monolingual
/// text skips the per-sentence look).
pub(crate) fn detect(toks: &Tokens, triggers: &dyn Fn(&str) -> u8) -> (Lang, bool) {
    let n = toks.len().min(5000);
    let (mut nl, mut en) = votes(toks, 0, n, triggers);
    let mixed = nl.min(en) >= SWITCH_VOTES && nl.min(en) * 10 >= nl + en;
    if nl + en < 4 {
        let (mut snl, mut sen) = (0u32, 0u32);
        for t in toks.iter().take(2000) {
            if t.kind == TokenKind::Word && !t.is_capitalized() {
                let (a, b) = spelling_score(toks.norm_of(t).as_bytes());
                snl += a;
                sen += b;
            }
        }
        nl = nl * 4 + snl;
        en = en * 4 + sen;
    }
    let lang = if nl > en { Lang::Nl } else { Lang::En };
    (lang, mixed)
}

/// The language of each sentence: the document's, unless the sentence clearly reads
/// as the other one (at least [`SWITCH_VOTES`] words of it and twice as many as of
/// the document's language) — an English quote in a Dutch liveblog.
pub(crate) fn sentence_langs(
    toks: &Tokens,
    sents: &[Sentence],
    doc: Lang,
    triggers: &dyn Fn(&str) -> u8,
) -> Vec<Lang> {
    sents
        .iter()
        .map(|s| {
            let (nl, en) = votes(toks, s.first as usize, s.last as usize, triggers);
            let (own, other, other_lang) = match doc {
                Lang::Nl => (nl, en, Lang::En),
                Lang::En => (en, nl, Lang::Nl),
            };
            if other >= SWITCH_VOTES && other > 2 * own {
                other_lang
            } else {
                doc
            }
        })
        .collect()
}

/// Words of the other language a sentence needs before it is read in that language.
const SWITCH_VOTES: u32 = 3;

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
        let none = |_: &str| 0u8;
        let lang = |t: &str| detect(&tokenize(t), &none).0;
        assert_eq!(lang("De president heeft gezegd dat hij niet komt."), Lang::Nl);
        assert_eq!(lang("The president said that he will not come."), Lang::En);
        assert_eq!(lang(""), Lang::En);
        // names do not vote by their spelling
        assert_eq!(lang("Rutte ontmoet Biden in Washington"), Lang::Nl);
        // a word inside a name does not vote ("Van", "De"), nor a word of both
        // languages ("met": Dutch "with", English "met")
        let en = |w: &str| u8::from(w == "met") * 2;
        let with_triggers = |t: &str| detect(&tokenize(t), &en).0;
        assert_eq!(
            with_triggers("Juan Santos met his counterpart, Nguyen Van Minh, in Hanoi."),
            Lang::En
        );
        assert_eq!(with_triggers("Joe Biden met Jan De Vries in Washington."), Lang::En);
        assert_eq!(with_triggers("De minister sprak met Jan De Vries in Den Haag."), Lang::Nl);
        // a monolingual text is not looked at sentence by sentence
        assert!(!detect(&tokenize("De president heeft gezegd dat hij niet komt."), &none).1);
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
