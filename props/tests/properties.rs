//! Invariants of every document gazet makes, on generated text: news-like sentences
//! built from names, trigger words, titles, time words, quotes and punctuation the
//! pipeline reacts to, mixed with arbitrary Unicode. Shrunk counterexamples are kept by
//! proptest in `proptest-regressions/` and replayed first.
//!
//! * every mention's text is `text[start..end]`, on char boundaries, inside its
//!   sentence; an entity's mentions are sorted;
//! * every relation argument, place and event is an entity of the document; evidence
//!   spans (and times and links) lie in the text on char boundaries;
//! * the JSON round-trips exactly;
//! * the output is the same across runs, between one text and a batch, and across
//!   thread counts.

use std::sync::OnceLock;

use gazet::{Document, Extractor, Lang};
use proptest::prelude::*;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(Extractor::new)
}

/// Words the pipeline reacts to, in both languages, and some that break things.
const WORDS: &[&str] = &[
    "Poetin",
    "Putin",
    "Trump",
    "Rutte",
    "Macron",
    "Xi",
    "Jinping",
    "Merkel",
    "Zelensky",
    "Rusland",
    "Russia",
    "Oekraïne",
    "Ukraine",
    "Noord-Korea",
    "China",
    "VS",
    "NAVO",
    "NATO",
    "APEC",
    "G20",
    "Hamburg",
    "Vietnam",
    "Den",
    "Haag",
    "Kremlin",
    "Witte",
    "Huis",
    "de",
    "het",
    "een",
    "en",
    "and",
    "the",
    "met",
    "with",
    "in",
    "op",
    "at",
    "van",
    "of",
    "ontmoet",
    "ontmoetten",
    "elkaar",
    "met",
    "meet",
    "met",
    "sprak",
    "spoke",
    "bezocht",
    "visited",
    "helpen",
    "help",
    "kan",
    "could",
    "zal",
    "will",
    "niet",
    "not",
    "president",
    "premier",
    "minister",
    "Russische",
    "Russian",
    "Amerikaanse",
    "top",
    "summit",
    "zei",
    "said",
    "hij",
    "zij",
    "he",
    "she",
    "wij",
    "we",
    "they",
    "juli",
    "July",
    "dinsdag",
    "Tuesday",
    "2017",
    "vorige",
    "week",
    "volgens",
    "according",
    "to",
    ",",
    ".",
    ";",
    ":",
    "?",
    "!",
    "\"",
    "«",
    "»",
    "(",
    ")",
    "-",
    "—",
    "'s",
    "\n",
    "\n\n",
    " date 2017-11-10\n",
    // datelines and couples ("here" is the dateline's place; "Joe and Jill Biden")
    "\nPALM BEACH, Florida (CNN) —",
    "\nBRUSSEL –",
    "arrived here",
    "hier aangekomen",
    "Joe and",
    "Jill Biden",
    "Emmanuel en",
    "Brigitte Macron",
    "é",
    "ß",
    "İstanbul",
    "Zürich",
    "東京",
    "😀",
    "\u{200b}",
    "\u{301}",
    "\t",
];

/// A generated text: words and fragments joined by spaces or nothing.
fn text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        8 => proptest::sample::select(WORDS).prop_map(str::to_string),
        1 => "\\PC{0,6}",
        1 => "[a-zA-Z]{1,8}",
    ];
    proptest::collection::vec((word, proptest::bool::weighted(0.85)), 0..60).prop_map(|ws| {
        let mut s = String::new();
        for (w, space) in ws {
            s.push_str(&w);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

fn check_span(text: &str, start: usize, end: usize, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(start <= end && end <= text.len(), "{what} {start}..{end} out of the text");
    prop_assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} not on char boundaries"
    );
    Ok(())
}

/// The byte spans of the sentences as the pipeline numbers them: a leading date line
/// (the generator's ` date 2017-11-10`) is the document's date, not a sentence.
fn sentence_bounds(text: &str) -> Vec<(usize, usize)> {
    const DATE: &str = "date 2017-11-10";
    let lead = text.len() - text.trim_start_matches([' ', '\t']).len();
    let skip = if text[lead..].starts_with(DATE) { lead + DATE.len() } else { 0 };
    let toks = gazet::tokenize::tokenize(&text[skip..]);
    let ts = toks.tokens();
    gazet::tokenize::sentences(&toks)
        .iter()
        .map(|s| {
            (
                skip + ts[s.first as usize].start as usize,
                skip + ts[s.last as usize - 1].end as usize,
            )
        })
        .collect()
}

fn check_mentions(text: &str, doc: &Document) -> Result<(), TestCaseError> {
    let bounds = sentence_bounds(text);
    for e in &doc.entities {
        for m in &e.mentions {
            check_span(text, m.start, m.end, "mention")?;
            prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
            if let Some(&(a, b)) = bounds.get(m.sentence) {
                prop_assert!(
                    a <= m.start && m.end <= b,
                    "mention {:?} outside sentence {}",
                    m,
                    m.sentence
                );
            }
        }
        let starts: Vec<usize> = e.mentions.iter().map(|m| m.start).collect();
        prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]), "mentions of {} unsorted", e.id);
    }
    Ok(())
}

fn check_relations(text: &str, doc: &Document) -> Result<(), TestCaseError> {
    let known = |id: &str| doc.entities.iter().any(|e| e.id == id);
    for r in &doc.relations {
        for a in &r.args {
            prop_assert!(known(&a.entity), "argument {} is no entity of the document", a.entity);
        }
        for id in r.place.iter().chain(&r.event) {
            prop_assert!(known(id), "place or event {id} is no entity of the document");
        }
        check_span(text, r.evidence.start, r.evidence.end, "evidence")?;
        for e in &r.evidences {
            check_span(text, e.span.start, e.span.end, "evidences")?;
        }
        if let Some(t) = &r.time {
            check_span(text, t.start, t.end, "time")?;
        }
        for l in &r.links {
            prop_assert!(known(&l.entity), "link {} is no entity of the document", l.entity);
            if let Some(s) = l.span {
                check_span(text, s.start, s.end, "link")?;
            }
        }
    }
    Ok(())
}

proptest! {
    // 256 cases per property, or as many as `PROPTEST_CASES` says (proptest's default
    // configuration reads it): `PROPTEST_CASES=20000` for the long run.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn spans_and_arguments_hold(t in text()) {
        let doc = extractor().extract(&t);
        check_mentions(&t, &doc)?;
        check_relations(&t, &doc)?;
    }

    #[test]
    fn json_round_trips_exactly(t in text()) {
        let doc = extractor().extract(&t);
        let json = serde_json::to_string(&doc).expect("serializes");
        let back: Document = serde_json::from_str(&json).expect("deserializes");
        prop_assert_eq!(&back, &doc);
        prop_assert_eq!(serde_json::to_string(&back).expect("serializes"), json);
    }

    #[test]
    fn same_output_across_runs_batches_and_threads(ts in proptest::collection::vec(text(), 1..12)) {
        let ex = extractor();
        let one: Vec<Document> = ts.iter().map(|t| ex.extract_with(t, Some(Lang::Nl), None)).collect();
        let again: Vec<Document> = ts.iter().map(|t| ex.extract_with(t, Some(Lang::Nl), None)).collect();
        prop_assert_eq!(&one, &again);
        prop_assert_eq!(&ex.extract_many(&ts, Some(Lang::Nl)), &one);
        let threaded: Vec<Document> = std::thread::scope(|s| {
            let hs: Vec<_> = ts
                .iter()
                .map(|t| s.spawn(move || ex.extract_with(t, Some(Lang::Nl), None)))
                .collect();
            hs.into_iter().map(|h| h.join().expect("no panic")).collect()
        });
        prop_assert_eq!(&threaded, &one);
    }

    #[test]
    fn any_unicode_never_panics_and_stays_in_bounds(t in "\\PC{0,300}") {
        let doc = extractor().extract(&t);
        check_mentions(&t, &doc)?;
        check_relations(&t, &doc)?;
    }
}
