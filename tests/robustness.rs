//! No input makes gazet panic, and every offset it returns is valid.
//!
//! Random bytes (decoded lossily), adversarial strings and, where present, the
//! treebank sentences in `../shared/corpora/` (read at run time, never copied into
//! the repository) go through the whole pipeline; the invariants of the output are
//! checked on each.

use std::collections::HashSet;
use std::path::Path;

use gazet::{Document, Extractor};

fn check(text: &str, doc: &Document) {
    let ids: HashSet<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    for e in &doc.entities {
        assert!(!e.mentions.is_empty());
        for m in &e.mentions {
            assert!(m.start < m.end && m.end <= text.len(), "span {}..{}", m.start, m.end);
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }
    for r in &doc.relations {
        assert!(r.args.len() >= 2);
        for a in &r.args {
            assert!(ids.contains(a.entity.as_str()), "relation argument {} is no entity", a.entity);
        }
        for id in r.place.iter().chain(r.event.iter()) {
            assert!(ids.contains(id.as_str()), "place/event {id} is no entity");
        }
        let ev = r.evidence;
        assert!(ev.start <= ev.end && ev.end <= text.len());
        assert!(text.is_char_boundary(ev.start) && text.is_char_boundary(ev.end));
        if let Some(t) = &r.time {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }
}

/// xorshift64*: a small deterministic generator, so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn random_bytes() {
    let ex = Extractor::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let pieces = [
        "Trump",
        "Poetin",
        " ",
        "-",
        "'",
        "’",
        "\"",
        "“",
        ".",
        "\n",
        "é",
        "\u{301}",
        "👍🏽",
        "👨‍👩‍👧",
        "\u{200D}",
        "\u{200B}",
        "שלום",
        "مرحبا",
        "\u{202E}",
        "\u{0}",
        "\u{7}",
        "G20",
        "top",
        "ontmoet",
        "met",
        "in",
        "juli",
        "9",
        "en",
        "VS",
        "U.S.",
        "(",
        ")",
        ",",
        "de",
        "Russische",
        "president",
        "hij",
        "zal",
        "helpen",
        "Noord-Korea",
        "\r\n",
        "\t",
        "ß",
        "İ",
    ];
    for _ in 0..400 {
        let n = (rng.next() % 60) as usize;
        let mut s = String::new();
        for _ in 0..n {
            if rng.next() % 5 == 0 {
                let bytes: Vec<u8> = (0..(rng.next() % 6)).map(|_| rng.next() as u8).collect();
                s.push_str(&String::from_utf8_lossy(&bytes));
            } else {
                s.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
            }
        }
        let doc = ex.extract(&s);
        check(&s, &doc);
    }
}

#[test]
fn adversarial_strings() {
    let ex = Extractor::new();
    let long_word = "a".repeat(1 << 20);
    let many_dots = ".".repeat(100_000);
    let nested = "(".repeat(5000) + &")".repeat(5000);
    let quotes = "\"".repeat(9999);
    let cases: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\n\n\n".into(),
        " date 2017-11".into(),
        " date 2017-11 ".into(),
        " date 9999-99".into(),
        "date".into(),
        "!!!???...,,,;;;".into(),
        "🇳🇱🇧🇪 👩🏽‍💻 ✈️".into(),
        "ראש הממשלה נתניהו נפגש עם פוטין".into(),
        "\u{202E}nitueP ontmoet pmurT\u{202C}".into(),
        "T\u{200D}r\u{200B}u\u{FEFF}mp".into(),
        "\u{0}\u{1}\u{2}\u{1B}[31mPoetin\u{7f}".into(),
        "Trump Trump Trump ".repeat(10_000),
        long_word,
        many_dots,
        nested,
        quotes,
        "hij hij hij zij zij ontmoette elkaar elkaar".into(),
        "met met met met , , , en en en".into(),
        "op 31 februari en 99 juli in het jaar 0000".into(),
        "De Russische president De Russische president De".into(),
    ];
    for s in &cases {
        let doc = ex.extract(s);
        check(s, &doc);
    }
}

#[test]
fn ten_megabytes_in_one_line() {
    let ex = Extractor::new();
    let unit = "Trump ontmoette Poetin in juli tijdens de G20-top in Hamburg en sprak met de Chinese president Xi Jinping, ";
    let text = unit.repeat(10 * 1024 * 1024 / unit.len());
    let doc = ex.extract(&text);
    check(&text, &doc);
    assert!(doc.entity_named("Donald Trump").is_some());
}

#[test]
fn treebank_corpora() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let ex = Extractor::new();
    let mut read = 0;
    for name in ["nl-ud.txt", "en-ud.txt"] {
        let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
            eprintln!("skipping {name}: not present");
            continue;
        };
        read += 1;
        // the whole file as one document, and each line on its own
        let doc = ex.extract(&text);
        check(&text, &doc);
        for line in text.lines().take(2000) {
            check(line, &ex.extract(line));
        }
    }
    eprintln!("treebank corpora read: {read}");
}

#[test]
fn extractor_is_send_sync_and_cheap_to_share() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Extractor>();
    assert_send_sync::<gazet::Document>();
    assert_send_sync::<gazet::Error>();
    let ex = Extractor::new();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let ex = ex.clone();
            std::thread::spawn(move || {
                ex.extract(&format!("Poetin ontmoet Trump {i} keer.")).entities.len()
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap() >= 2);
    }
}

/// Input that is not what it claims gives a warning in the document, never a silent
/// change: a `date` line that is no date is read as text, and an empty text says its
/// language was assumed. A plain text has no warnings, and its JSON no such field.
#[test]
fn input_that_is_not_what_it_claims_is_said() {
    let ex = Extractor::new();
    let bad = ex.extract(" date 2023-13-45\nPremier Rutte sprak dinsdag met Macron.");
    assert_eq!(bad.date, None);
    assert_eq!(bad.warnings.len(), 1, "{:?}", bad.warnings);
    assert!(bad.warnings[0].contains("date 2023-13-45"), "{:?}", bad.warnings);
    for empty in ["", "   \n\t", "…!?"] {
        let doc = ex.extract(empty);
        assert!(
            doc.warnings.iter().any(|w| w.contains("no words")),
            "{empty:?}: {:?}",
            doc.warnings
        );
        assert!(ex.extract_with(empty, Some(gazet::Lang::Nl), None).warnings.is_empty());
    }
    let good = ex.extract(" date 2023-11-02\nPremier Rutte sprak dinsdag met Macron.");
    assert!(good.warnings.is_empty());
    let json = serde_json::to_string(&good).expect("json");
    assert!(!json.contains("warnings"), "{json}");
}
