//! Entity recognition and resolution on texts written for this project.
//!
//! Each case names the text, the entities (type, canonical name, surface forms) that
//! must be found, and names that must not be.

use gazet::{Document, EntityType, Extractor, Lang};
use EntityType::*;

struct Case {
    name: &'static str,
    text: &'static str,
    /// (type, canonical name, surface forms that must all be mentions of it)
    want: &'static [(EntityType, &'static str, &'static [&'static str])],
    /// canonical names that must not be found
    not: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "dutch transliteration and genitive",
        text: "Poetin reageerde koel op Trumps voorstel. Volgens Poetins woordvoerder is er geen haast.",
        want: &[(Person, "Vladimir Putin", &["Poetin", "Poetins"]), (Person, "Donald Trump", &["Trumps"])],
        not: &[],
    },
    Case {
        name: "english possessive, straight and curly",
        text: "Trump's aides and Putin’s spokesman traded barbs on Monday.",
        want: &[(Person, "Donald Trump", &["Trump"]), (Person, "Vladimir Putin", &["Putin"])],
        not: &[],
    },
    Case {
        name: "demonyms are mentions of the country",
        text: "De Russen zijn boos. Russische diplomaten en het Russisch ministerie zwegen, Rusland ook.",
        want: &[(Country, "Russia", &["Russen", "Russische", "Russisch", "Rusland"])],
        not: &[],
    },
    Case {
        name: "hyphenated compounds match by part",
        text: "Op de G20-top en de APEC-top sprak men over het Noord-Koreaanse programma en de Trump-regering.",
        want: &[
            (Event, "G20", &["G20-top"]),
            (Event, "APEC", &["APEC-top"]),
            (Country, "North Korea", &["Noord-Koreaanse"]),
            (Person, "Donald Trump", &["Trump"]),
        ],
        not: &["South Korea"],
    },
    Case {
        name: "abbreviations and adjectives for the United States",
        text: "De VS en Amerikaanse bondgenoten reageerden. In the U.S., officials said the US would respond.",
        want: &[(Country, "United States", &["VS", "Amerikaanse", "U.S.", "US"])],
        not: &[],
    },
    Case {
        name: "the pronoun us is no country",
        text: "Let us hope they call us soon, she said.",
        want: &[],
        not: &["United States"],
    },
    Case {
        name: "common words in lower case are not entities",
        text: "We may roast a turkey in May, and chad is a paper scrap; jordan almonds are sweet.",
        want: &[],
        not: &["Turkey", "Chad", "Jordan", "Theresa May"],
    },
    Case {
        name: "capitalised country names that are common words",
        text: "Turkey and Chad signed a treaty with Jordan.",
        want: &[(Country, "Turkey", &["Turkey"]), (Country, "Chad", &["Chad"]), (Country, "Jordan", &["Jordan"])],
        not: &[],
    },
    Case {
        name: "surname after full name, given name of a Chinese leader",
        text: "Xi Jinping landde in Moskou. Jinping werd er ontvangen door Vladimir Poetin.",
        want: &[(Person, "Xi Jinping", &["Xi Jinping", "Jinping"]), (Person, "Vladimir Putin", &["Vladimir Poetin"])],
        not: &[],
    },
    Case {
        name: "partial alias without the full name is nothing",
        text: "Kim won the tennis final in straight sets.",
        want: &[],
        not: &["Kim Jong-un"],
    },
    Case {
        name: "diacritics are folded",
        text: "Erdogan en Erdoğan zijn dezelfde man; hij bezocht Syrië en Syrie.",
        want: &[(Person, "Recep Tayyip Erdoğan", &["Erdogan", "Erdoğan"]), (Country, "Syria", &["Syrië", "Syrie"])],
        not: &[],
    },
    Case {
        name: "unknown name after a title becomes a person",
        text: "De Filipijnse minister van Defensie Gilberto Santos sprak dinsdag met premier Jan Verhoeven. Santos was tevreden.",
        want: &[
            (Person, "Gilberto Santos", &["Gilberto Santos", "Santos"]),
            (Person, "Jan Verhoeven", &["Jan Verhoeven"]),
            (Country, "Philippines", &["Filipijnse"]),
        ],
        not: &[],
    },
    Case {
        name: "organizations, seats of government and media",
        text: "Het Witte Huis en het Kremlin reageerden op Fox News en in De Standaard; de NAVO en de VN zwegen.",
        want: &[
            (Organization, "White House", &["Witte Huis"]),
            (Organization, "Kremlin", &["Kremlin"]),
            (Organization, "Fox News", &["Fox News"]),
            (Organization, "NATO", &["NAVO"]),
            (Organization, "United Nations", &["VN"]),
        ],
        not: &[],
    },
    Case {
        name: "places and regions",
        text: "Na Hamburg reist de delegatie door Azië en het Midden-Oosten.",
        want: &[(Location, "Hamburg", &["Hamburg"]), (Location, "Asia", &["Azië"]), (Location, "Middle East", &["Midden-Oosten"])],
        not: &[],
    },
    Case {
        name: "the Dutch word van is not a Turkish city",
        text: "Van de twintig landen stemden er drie tegen.",
        want: &[],
        not: &["Van"],
    },
    Case {
        name: "longest match wins over the first name Frans",
        text: "Frans Timmermans sprak Frans met de Franse president.",
        want: &[(Person, "Frans Timmermans", &["Frans Timmermans"]), (Country, "France", &["Franse"])],
        not: &[],
    },
    Case {
        name: "headline in capitals",
        text: "TRUMP EN POETIN PRATEN IN HELSINKI\n\nDe twee leiders spraken twee uur.",
        want: &[(Person, "Donald Trump", &["TRUMP"]), (Person, "Vladimir Putin", &["POETIN"])],
        not: &[],
    },
    Case {
        name: "a couple named with one surname",
        text: "Joe and Jill Biden landed in Rome on Friday. In Brussel werden Emmanuel en Brigitte Macron ontvangen.",
        want: &[
            (Person, "Joe Biden", &["Joe"]),
            (Person, "Jill Biden", &["Jill Biden"]),
            (Person, "Emmanuel Macron", &["Emmanuel"]),
            (Person, "Brigitte Macron", &["Brigitte Macron"]),
        ],
        not: &[],
    },
    Case {
        name: "a given name and a full name the gazetteer does not join",
        text: "Marta and Jill Biden toured the school. Sources and Jill Biden's aides declined to comment.",
        want: &[(Person, "Jill Biden", &["Jill Biden"])],
        not: &["Marta Biden", "Sources Biden", "Joe Biden"],
    },
];

fn check(doc: &Document, text: &str, case: &Case) {
    for (ty, name, forms) in case.want {
        let e = doc.entity_named(name).unwrap_or_else(|| {
            panic!(
                "[{}] {name} not found in {:?}",
                case.name,
                doc.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        });
        assert_eq!(e.kind, *ty, "[{}] type of {name}", case.name);
        for f in *forms {
            assert!(
                e.mentions.iter().any(|m| m.text == *f),
                "[{}] {name}: no mention {f:?} in {:?}",
                case.name,
                e.mentions
            );
        }
    }
    for name in case.not {
        assert!(doc.entity_named(name).is_none(), "[{}] {name} must not be found", case.name);
    }
    for e in &doc.entities {
        for m in &e.mentions {
            assert_eq!(&text[m.start..m.end], m.text, "[{}] offsets", case.name);
        }
    }
}

#[test]
fn entity_cases() {
    let ex = Extractor::new();
    for case in CASES {
        let doc = ex.extract(case.text);
        check(&doc, case.text, case);
    }
}

#[test]
fn one_entity_per_thing_in_mention_order() {
    let ex = Extractor::new();
    let text = "Donald Trump arriveerde. Trump zei dat Trumps team klaar is.";
    let doc = ex.extract(text);
    let trumps: Vec<_> = doc.entities.iter().filter(|e| e.name == "Donald Trump").collect();
    assert_eq!(trumps.len(), 1);
    assert_eq!(trumps[0].mentions.len(), 3);
    assert!(trumps[0].mentions.windows(2).all(|w| w[0].start < w[1].start));
}

#[test]
fn language_detection_and_override() {
    let ex = Extractor::new();
    assert_eq!(ex.extract("De president heeft gezegd dat hij komt.").lang, Lang::Nl);
    assert_eq!(ex.extract("The president said that he will come.").lang, Lang::En);
    assert_eq!(
        ex.extract_with("The president said that he will come.", Some(Lang::Nl), None).lang,
        Lang::Nl
    );
}

#[test]
fn date_line_and_caller_date() {
    let ex = Extractor::new();
    let doc = ex.extract(" date 2017-11 Trump: \"Ik zal Poetin wellicht ontmoeten\"");
    assert_eq!(doc.date.map(|d| d.to_string()).as_deref(), Some("2017-11"));
    // the date line is not text: no entity starts inside it
    assert!(doc.entities.iter().all(|e| e.mentions.iter().all(|m| m.start >= 13)));
    let d = "2019-06-02".parse().ok();
    assert_eq!(ex.extract_with("Trump spreekt.", None, d).date, d);
}

#[test]
fn mentions_carry_sentence_indices() {
    let ex = Extractor::new();
    let doc = ex.extract("Merkel reist af. Dhr. Rutte blijft thuis. Macron ook.");
    let s = |n: &str| doc.entity_named(n).map(|e| e.mentions[0].sentence);
    assert_eq!(s("Angela Merkel"), Some(0));
    assert_eq!(s("Mark Rutte"), Some(1));
    assert_eq!(s("Emmanuel Macron"), Some(2));
}

#[test]
fn descriptions_resolve_through_dated_posts() {
    let ex = Extractor::new();
    let text = "De Amerikaanse president reist naar Japan.";
    let y2019 = ex.extract_with(text, None, "2019-03".parse().ok());
    assert!(y2019.entity_named("Donald Trump").is_some());
    let y2022 = ex.extract_with(text, None, "2022-03".parse().ok());
    assert!(y2022.entity_named("Joe Biden").is_some());
    let undated = ex.extract(text);
    assert!(undated.entities.iter().all(|e| e.kind != Person), "no date, no guess");
}

#[test]
fn json_follows_the_contract() {
    let ex = Extractor::new();
    let doc = ex.extract(" date 2017-11 Poetin ontmoette Trump in juli in Hamburg.");
    let v: serde_json::Value = serde_json::to_value(&doc).unwrap();
    assert_eq!(v["lang"], "nl");
    assert_eq!(v["date"], "2017-11");
    let e = &v["entities"][0];
    for k in ["id", "name", "type", "mentions"] {
        assert!(!e[k].is_null(), "entity field {k}");
    }
    for k in ["start", "end", "text", "sentence"] {
        assert!(!e["mentions"][0][k].is_null(), "mention field {k}");
    }
    let r = &v["relations"][0];
    for k in [
        "type", "label", "args", "modality", "tense", "time", "place", "event", "sentence",
        "evidence", "rule",
    ] {
        assert!(r.get(k).is_some(), "relation field {k}");
    }
    assert_eq!(r["args"][0]["role"], "participant");
    // and back
    let back: gazet::Document = serde_json::from_value(v).unwrap();
    assert_eq!(back, doc);
}

#[test]
fn name_finder_rules_are_data_and_can_be_turned_off() {
    let text = "De vergadering werd geleid door havenmeester Joris Kwakkel in Oudewater.";
    // the embedded finder does not know "havenmeester" as a role, nor "Joris" …
    let plain = Extractor::new().extract_with(text, Some(Lang::Nl), None);
    assert!(plain.entity_named("Joris Kwakkel").is_none());
    // … a rule file of the user's own does
    let rules = "lang nl\nhaven = role PERSON : havenmeester\n";
    let ex = Extractor::builder().names_str("mijn.names", rules).build().expect("builds");
    let doc = ex.extract_with(text, Some(Lang::Nl), None);
    let joris = doc.entity_named("Joris Kwakkel").expect("found by the user's rule");
    assert_eq!(joris.id, "local:person:joris-kwakkel");
    assert_eq!(joris.rule.as_deref(), Some("nl/names/haven"));
    assert_eq!(joris.mentions[0].kind, gazet::MentionKind::Found);
    // a given-name list of the user's own works for the `given` rule
    let ex = Extractor::builder().given_names_str("namen.txt", "Joris\n").build().expect("builds");
    let doc = ex.extract_with("Het besluit kwam van Joris Kwakkel.", Some(Lang::Nl), None);
    assert_eq!(
        doc.entity_named("Joris Kwakkel").and_then(|e| e.rule.as_deref()),
        Some("nl/names/given")
    );
    // without the finder the place after "in" is not found either
    let off = Extractor::builder().default_names(false).build().expect("builds");
    let doc = off.extract_with(text, Some(Lang::Nl), None);
    assert!(doc.entities.iter().all(|e| !e.id.starts_with("local:place:")));
}

#[test]
fn a_bad_name_rule_names_its_place() {
    let err = Extractor::builder()
        .names_str("mijn.names", "lang nl\nx = role PERSN : havenmeester\n")
        .build()
        .expect_err("a bad type is an error");
    assert_eq!(err.location().map(|l| (l.line, l.column)), Some((2, 4)));
    assert!(err.to_string().starts_with("mijn.names:2:4: expected a type"), "{err}");
}

#[test]
fn extract_many_gives_what_extract_gives_in_order() {
    let ex = Extractor::new();
    let nl = include_str!("../examples/sample_nl.txt");
    let en = include_str!("../examples/sample_en.txt");
    let mut texts: Vec<String> = Vec::new();
    for i in 0..25 {
        texts.push(format!("Premier Jan Jansen{i} sprak dinsdag in Den Haag met Poetin."));
        texts.push(if i % 2 == 0 { nl.to_string() } else { en.to_string() });
    }
    texts.push(String::new());
    let many = ex.extract_many(&texts, None);
    assert_eq!(many.len(), texts.len());
    for (t, d) in texts.iter().zip(&many) {
        assert_eq!(d, &ex.extract(t));
    }
    assert!(ex.extract_many::<&str>(&[], None).is_empty());
}

/// Found by the property tests (`props/`): a name after a title, a family member's
/// given name before a known surname, or a gazetteer name never runs on over a line
/// break into the next sentence.
#[test]
fn names_stop_at_line_breaks() {
    let ex = Extractor::new();
    let texts = [
        "Poetin PoetinPoetin\nPoetin",
        "De woordvoerder van minister Jansen\nPoetin sprak.",
        // a gazetteer name whose words stand on two lines the splitter separates
        "Den\nHaag",
        "Ivanka\nTrump reageerde.",
    ];
    for text in texts {
        let doc = ex.extract_with(text, Some(Lang::Nl), None);
        for e in &doc.entities {
            for m in &e.mentions {
                assert!(!m.text.contains('\n'), "{text:?}: mention {:?} of {}", m.text, e.id);
            }
        }
    }
}
