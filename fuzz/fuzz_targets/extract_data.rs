//! Random gazetteers and rules together with random text: the input is split at NUL
//! bytes into a gazetteer, a rule file and a text; the bundled data is off, so that a
//! build is cheap. Whatever builds must extract without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    let mut parts = src.splitn(3, '\0');
    let (gaz, rules, text) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut b = gazet::Extractor::builder();
    b.default_gazetteers(false).default_names(false).default_rules(false);
    b.gazetteer_str("fuzz.tsv", gaz).rules_str("fuzz.rules", rules);
    if let Ok(ex) = b.build() {
        let doc = ex.extract(text);
        for m in doc.entities.iter().flat_map(|e| &e.mentions) {
            assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
        }
    }
});
