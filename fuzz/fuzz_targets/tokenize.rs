//! The tokenizer and the sentence splitter on any text: tokens in order, inside the
//! text, on char boundaries; sentences cover the tokens in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let toks = gazet::tokenize::tokenize(text);
    let mut last = 0;
    for t in toks.tokens() {
        let (a, b) = (t.start as usize, t.end as usize);
        assert!(last <= a && a < b && b <= text.len(), "token {a}..{b} out of order or bounds");
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        last = b;
    }
    let mut next = 0;
    for s in gazet::tokenize::sentences(&toks) {
        assert_eq!(s.first as usize, next, "sentences leave a gap");
        assert!(s.first < s.last && s.last as usize <= toks.len());
        next = s.last as usize;
    }
    assert_eq!(next, toks.len(), "sentences do not reach the last token");
});
