//! Every malformed data file is named: gazetteer, title and rule files with the mistakes
//! people make by hand either work (a byte-order mark, CRLF line ends) or fail with an
//! [`Error`] that names the file, the line and the column. Files are our own.

use gazet::{Error, Extractor};

/// Builds with one gazetteer of our own beside the bundled data.
fn gazetteer(src: &str) -> Result<Extractor, Error> {
    Extractor::builder().gazetteer_str("mine.tsv", src).build()
}

/// Builds with one rule file of our own beside the bundled rules.
fn rules(src: &str) -> Result<Extractor, Error> {
    Extractor::builder().rules_str("mine.rules", src).build()
}

/// The error's place and message, for the assertions.
fn place(r: Result<Extractor, Error>) -> (String, usize, usize, String) {
    let Err(e) = r else { panic!("expected an error") };
    let l = e.location().expect("the error names its place").clone();
    (l.file.to_string(), l.line, l.column, e.to_string())
}

const ANNA: &str = "entity\tperson:anna-berends\tPERSON\tAnna Berends\nalias\tnl\tshort\tBerends\n";

fn finds_anna(ex: &Extractor) -> bool {
    ex.extract("Anna Berends sprak. Berends zweeg.").entity("person:anna-berends").is_some()
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_work() {
    let bom = format!("\u{feff}{ANNA}");
    assert!(finds_anna(&gazetteer(&bom).expect("a BOM is accepted")));
    let crlf = ANNA.replace('\n', "\r\n");
    assert!(finds_anna(&gazetteer(&crlf).expect("CRLF is accepted")));
    let rule = "\u{feff}lang nl\r\nrule mijn/meeting/x = meeting: <participant:PERSON> ~3 ^spraken ~3 <participant:PERSON>\r\n";
    rules(rule).expect("a BOM and CRLF in a rule file are accepted");
}

#[test]
fn invalid_utf8_names_the_line_and_column() {
    let dir = std::env::temp_dir().join(format!("gazet-data-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("latin1.tsv");
    let mut bytes = ANNA.as_bytes().to_vec();
    bytes.extend_from_slice(b"alias\tnl\tname\tAnna Ber\xe9nds\n");
    std::fs::write(&path, bytes).expect("write");
    let Err(e) = Extractor::builder().gazetteer_file(&path).build() else {
        panic!("invalid UTF-8 must be an error")
    };
    let l = e.location().expect("a place").clone();
    assert_eq!((l.line, l.column), (3, 23), "{e}");
    assert!(e.to_string().contains("UTF-8"), "{e}");
}

#[test]
fn gazetteer_mistakes_name_their_place() {
    let cases: &[(&str, usize, usize, &str)] = &[
        ("entity\tperson:x\tPERSON\n", 1, 17, "canonical name"),
        ("entity\tperson:x\tPERSN\tX Y\n", 1, 17, "PERSN"),
        ("alias\tnl\tshort\tBerends\n", 1, 1, "before any entity"),
        ("entity\tperson:x\tPERSON\tX Y\nalias\tnl\tsohrt\tY\n", 2, 10, "sohrt"),
        ("entity\tperson:x\tPERSON\tX Y\nalias\tnl\tshort\tY\tcz\n", 2, 18, "cz"),
        ("entity\tperson:x\tPERSON\tX Y\nentity\tperson:x\tPERSON\tX Z\n", 2, 8, "duplicate"),
        (
            "entity\tperson:x\tPERSON\tX Y\npost\tpresident\tcountry:XX\t2020-01-01\n",
            2,
            16,
            "country:XX",
        ),
        (
            "entity\tperson:x\tPERSON\tX Y\npost\tpresidnet\tcountry:NL\t2020-01-01\n",
            2,
            6,
            "presidnet",
        ),
        ("entity person:x PERSON X Y\n", 1, 1, "tab-separated"),
        (
            "entity\tperson:x\tPERSON\tX Y\npost\tpresident\tcountry:NL\t2020-13-45\n",
            2,
            27,
            "2020-13-45",
        ),
        ("entity\tperson:x\tPERSON\tX Y\tzzz=1\n", 1, 28, "zzz"),
        (
            "entity\tperson:x\tPERSON\tX Y\npost\tpresident\tcountry:NL\t2020-02-01\t2019-01-01\n",
            2,
            38,
            "before it starts",
        ),
    ];
    for &(src, line, col, word) in cases {
        let (file, l, c, msg) = place(gazetteer(src));
        assert_eq!((file.as_str(), l, c), ("mine.tsv", line, col), "{src:?}: {msg}");
        assert!(msg.contains(word), "{src:?}: {msg}");
    }
}

#[test]
fn rule_mistakes_name_their_place() {
    let head = "lang nl\n";
    let cases: &[(&str, usize, usize, &str)] = &[
        ("rule x = meeting: <participant:PERSON ~3 ^spraken\n", 2, 19, "unclosed slot"),
        ("rule x = meeting: <participant:PERSN> ~3 ^spraken\n", 2, 32, "PERSN"),
        ("rule x = meeting: <partisipant:PERSON> ~3 ^spraken\n", 2, 20, "partisipant"),
        ("rule x = meetng: <participant:PERSON> ~3 ^spraken\n", 2, 10, "meetng"),
        ("rule x = meeting: <participant:PERSON> ~300 ^spraken\n", 2, 40, "~300"),
        ("rule x = meeting: <participant:PERSON> ~3 ^@onbekend\n", 2, 43, "onbekend"),
        ("regel x = meeting: <participant:PERSON> ~3 ^spraken\n", 2, 1, "regel"),
        (
            "rule x = meeting: <participant:PERSON> ~3 ^spraken | tense=gisteren\n",
            2,
            54,
            "gisteren",
        ),
        ("rule x = meeting: <participant:PERSON> ~3 ^spraken ( ~3\n", 2, 52, "unknown element"),
        ("rule x = meeting: <participant:PERSON> ~3 ^spraken >\n", 2, 52, "unknown element"),
        ("rule x = meeting: <participant:PERSON> ~3 spraken ^zei ^riep\n", 2, 56, "one trigger"),
    ];
    for &(src, line, col, word) in cases {
        let (file, l, c, msg) = place(rules(&format!("{head}{src}")));
        assert_eq!((file.as_str(), l, c), ("mine.rules", line, col), "{src:?}: {msg}");
        assert!(msg.contains(word), "{src:?}: {msg}");
    }
}

#[test]
fn a_rule_file_without_a_language_line_says_so() {
    let (file, l, c, msg) = place(rules("rule x = meeting: <participant:PERSON> ~3 ^spraken\n"));
    assert_eq!((file.as_str(), l, c), ("mine.rules", 1, 1), "{msg}");
    assert!(msg.contains("lang"), "{msg}");
}

#[test]
fn a_post_for_an_organization_left_out_says_which_bundled_file_has_it() {
    let src = "entity\tperson:x\tPERSON\tX Y\npost\tpresident\tcountry:NL\t2020-01-01\n";
    let r = Extractor::builder().default_gazetteers(false).gazetteer_str("mine.tsv", src).build();
    let (_, l, _, msg) = place(r);
    assert_eq!(l, 2, "{msg}");
    assert!(msg.contains("gazetteers/countries.tsv"), "{msg}");
}

#[test]
fn title_and_name_finder_files_name_their_place() {
    let t = Extractor::builder()
        .titles_str("titles.tsv", "nl\tkanselier\tchancellor\nnl premier prime minister\n")
        .build();
    let (file, l, _, msg) = place(t);
    assert_eq!((file.as_str(), l), ("titles.tsv", 2), "{msg}");
    assert!(msg.contains("tab-separated"), "{msg}");
    // an organization on one line of a shared title would change every "president"
    let org = Extractor::builder()
        .titles_str("titles.tsv", "nl\tkanselier\tchancellor\nnl\tcommissievoorzitter\tpresident\torg:european-commission\n")
        .build();
    let (file, l, c, msg) = place(org);
    assert_eq!((file.as_str(), l, c), ("titles.tsv", 2, 34), "{msg}");
    assert!(msg.contains("a title of its own"), "{msg}");
    let n = Extractor::builder().names_str("mine.names", "lang nl\nonbekend : X | Y\n").build();
    let (file, l, _, msg) = place(n);
    assert_eq!((file.as_str(), l), ("mine.names", 2), "{msg}");
}
