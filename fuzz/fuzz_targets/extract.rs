//! The whole pipeline with the bundled data on any text: mentions and evidence inside
//! the text on char boundaries, arguments entities of the document.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn extractor() -> &'static gazet::Extractor {
    static EX: OnceLock<gazet::Extractor> = OnceLock::new();
    EX.get_or_init(gazet::Extractor::new)
}

fuzz_target!(|data: &[u8]| {
    let (lang, rest) = match data.split_first() {
        Some((b, rest)) => ([None, Some(gazet::Lang::Nl), Some(gazet::Lang::En)][*b as usize % 3], rest),
        None => (None, data),
    };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let doc = extractor().extract_with(text, lang, None);
    for m in doc.entities.iter().flat_map(|e| &e.mentions) {
        assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
    }
    for r in &doc.relations {
        assert!(text.get(r.evidence.start..r.evidence.end).is_some());
        for a in &r.args {
            assert!(doc.entity(&a.entity).is_some(), "argument {} is no entity", a.entity);
        }
    }
});
