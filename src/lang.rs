//! Language detection (Dutch or English) and the document date line.

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

/// Guesses the language from function words; English on a tie or no evidence.
pub(crate) fn detect(toks: &Tokens) -> Lang {
    let (mut nl, mut en) = (0u32, 0u32);
    for t in toks.iter().take(5000) {
        if t.kind != TokenKind::Word {
            continue;
        }
        let f = toks.norm_of(t);
        if f.len() > 7 {
            continue;
        }
        if NL.contains(&f) {
            nl += 1;
        }
        if EN.contains(&f) {
            en += 1;
        }
    }
    if nl + en < 4 {
        // little evidence from function words: spelling patterns decide ties
        let (mut snl, mut sen) = (0u32, 0u32);
        for t in toks.iter().take(2000) {
            if t.kind != TokenKind::Word {
                continue;
            }
            let f = toks.norm_of(t);
            for p in ["ij", "oe", "aa", "uu", "sch", "cht", "ee"] {
                snl += f.matches(p).count() as u32;
            }
            for p in ["th", "wh", "sh", "ing", "ea", "ay", "ck"] {
                sen += f.matches(p).count() as u32;
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
    let lead = text.len() - trimmed.len();
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
    let _ = lead;
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
