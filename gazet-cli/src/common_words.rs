//! Common lower-case words of Dutch and English (`data/common-words.txt`), for the
//! warning of `gazet check` about aliases that would match ordinary prose.
//!
//! ```text
//! alias  en  short  may  ci      →  warning: alias "may" matches in lower case and is
//!                                   a common en word
//! ```

use std::collections::HashSet;
use std::sync::LazyLock;

const LIST: &str = include_str!("../data/common-words.txt");

/// `(language, word)` pairs of the list.
static WORDS: LazyLock<HashSet<(&'static str, &'static str)>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for line in LIST.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some((lang, words)) = line.split_once(':') {
            set.extend(words.split_whitespace().map(|w| (lang.trim(), w)));
        }
    }
    set
});

/// The languages (of `nl`, `en`) in which `word`, lower-cased, is a common word;
/// `lang` restricts the answer to one language (`None`: both).
pub fn common_in(word: &str, lang: Option<&str>) -> Vec<&'static str> {
    let w = word.to_lowercase();
    ["nl", "en"]
        .into_iter()
        .filter(|l| lang.is_none_or(|x| x == *l))
        .filter(|l| WORDS.contains(&(*l, w.as_str())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::common_in;

    #[test]
    fn words_are_found_per_language_in_any_case() {
        assert_eq!(common_in("May", None), vec!["en"]);
        assert_eq!(common_in("de", Some("nl")), vec!["nl"]);
        assert_eq!(common_in("de", Some("en")), Vec::<&str>::new());
        assert_eq!(common_in("bank", None), vec!["nl", "en"]);
        assert!(common_in("Rutte", None).is_empty());
    }
}
