//! Entry points for the fuzz targets (`fuzz/`, feature `fuzzing`) into parts of the
//! pipeline that are not public on their own. Not part of the API: hidden from the
//! documentation and compiled only with the feature.
//!
//! ```text
//! cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run time
//! ```

use crate::model::{Date, Lang, Tense};
use crate::tokenize::{sentences, tokenize};

/// Tags and places the time expressions of `text` in every sentence, in both
/// languages, for the given document date and every tense: nothing may panic, and
/// every expression must lie within its sentence.
pub fn time(text: &str, date: Option<Date>) {
    let toks = tokenize(text);
    for s in sentences(&toks) {
        let (a, b) = (s.first as usize, s.last as usize);
        for lang in [Lang::Nl, Lang::En] {
            for e in crate::time::tag(&toks, a, b, lang, &[]) {
                assert!(a <= e.first as usize && e.last as usize <= b, "expression outside");
                for tense in [Tense::Past, Tense::Present, Tense::Future] {
                    if let Some((a, b, _)) = e.when.resolve(date, tense) {
                        assert!(a <= b, "an interval that ends before it starts");
                    }
                }
            }
        }
    }
}

/// Parses `src` as a name-finder rule file.
pub fn names(src: &str) -> Result<(), crate::Error> {
    let mut p = crate::names::parse::Parsed::default();
    p.add_rules("fuzz.names", src)
}

/// Parses `src` as a title list.
pub fn titles(src: &str) -> Result<(), crate::Error> {
    let mut t = crate::gazetteer::titles::Titles::default();
    t.add_source("fuzz.tsv", src)
}
