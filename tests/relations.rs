//! Relation extraction on texts written for this project: one test per mechanism of
//! the rule layer (the validation suites in `tests/validation/` measure coverage).

use gazet::{Document, ErrorKind, Extractor, Modality, RelationType, Role, Tense};

/// (type, first arg name, second arg name, modality, tense) of every relation.
fn rels(doc: &Document) -> Vec<(RelationType, String, String, Modality, Tense)> {
    doc.relations
        .iter()
        .map(|r| {
            let a = doc.name_of(&r.args[0].entity).to_string();
            let b = doc.name_of(&r.args[1].entity).to_string();
            (r.kind, a, b, r.modality, r.tense)
        })
        .collect()
}

fn has(doc: &Document, kind: RelationType, a: &str, b: &str, m: Modality, t: Tense) -> bool {
    rels(doc).iter().any(|r| {
        r.0 == kind
            && ((r.1 == a && r.2 == b) || (kind.is_symmetric() && r.1 == b && r.2 == a))
            && r.3 == m
            && r.4 == t
    })
}

#[test]
fn quoted_we_is_the_speakers_country() {
    let ex = Extractor::new();
    let doc = ex.extract(
        " date 2018-03 Macron: \"De Duitsers kunnen ons helpen met Libië\"\n\nDe Franse president sprak dinsdag in Parijs.",
    );
    let r =
        doc.relations.iter().find(|r| r.kind == RelationType::HelpWith).expect("a help relation");
    assert_eq!(doc.name_of(&r.args[0].entity), "Germany");
    assert_eq!(doc.name_of(&r.args[1].entity), "Libya");
    let beneficiary = r.args.iter().find(|a| a.role == Role::Beneficiary).expect("a beneficiary");
    assert_eq!(doc.name_of(&beneficiary.entity), "France");
    assert_eq!(r.label, "could help with");
}

#[test]
fn the_two_leaders_are_the_last_meetings_parties() {
    let ex = Extractor::new();
    let doc = ex.extract(
        " date 2019-06 Angela Merkel ontmoette dinsdag Emmanuel Macron in Aken. De twee leiders spraken over Libië.",
    );
    assert!(has(
        &doc,
        RelationType::TalksAbout,
        "Angela Merkel",
        "Libya",
        Modality::Asserted,
        Tense::Past
    ));
    assert!(has(
        &doc,
        RelationType::TalksAbout,
        "Emmanuel Macron",
        "Libya",
        Modality::Asserted,
        Tense::Past
    ));
}

#[test]
fn counterpart_and_possessive_posts() {
    let ex = Extractor::new();
    let doc = ex.extract(
        " date 2017-11 De Amerikaanse president Donald Trump en zijn Russische ambtgenoot Vladimir Poetin spraken elkaar. Ook zijn minister van Buitenlandse Zaken Rex Tillerson was erbij.",
    );
    assert!(has(
        &doc,
        RelationType::Position,
        "Vladimir Putin",
        "Russia",
        Modality::Asserted,
        Tense::Present
    ));
    assert!(has(
        &doc,
        RelationType::Position,
        "Rex Tillerson",
        "United States",
        Modality::Asserted,
        Tense::Present
    ));
}

#[test]
fn no_relation_from_co_occurrence() {
    let ex = Extractor::new();
    for text in [
        "Trump en Poetin waren dinsdag allebei in het nieuws.",
        "Trump sprak vol lof over Poetin.",
        "Germany, France and Italy won medals on Sunday.",
    ] {
        let doc = ex.extract(text);
        assert!(
            doc.relations.iter().all(|r| r.kind != RelationType::Meeting),
            "{text}: {:?}",
            rels(&doc)
        );
    }
    let doc = ex.extract("Trump sprak vol lof over Poetin.");
    assert!(doc.relations.iter().any(|r| r.kind == RelationType::TalksAbout));
}

#[test]
fn modality_tense_and_cancellations() {
    let ex = Extractor::new();
    let d = |t: &str| ex.extract_with(t, None, "2019-03-20".parse().ok());
    assert!(has(
        &d("Trump zal Kim Jong-un volgende week ontmoeten."),
        RelationType::Meeting,
        "Donald Trump",
        "Kim Jong-un",
        Modality::Planned,
        Tense::Future
    ));
    assert!(has(
        &d("Trump weigerde Kim Jong-un te ontmoeten."),
        RelationType::Meeting,
        "Donald Trump",
        "Kim Jong-un",
        Modality::Negated,
        Tense::Past
    ));
    assert!(has(
        &d("Trump cancelled his meeting with Kim Jong-un."),
        RelationType::Meeting,
        "Donald Trump",
        "Kim Jong-un",
        Modality::Negated,
        Tense::Future
    ));
    assert!(has(
        &d("Trump may meet Kim Jong-un in May."),
        RelationType::Meeting,
        "Donald Trump",
        "Kim Jong-un",
        Modality::Possible,
        Tense::Future
    ));
    assert!(has(
        &d("Theresa May met Kim Jong-un on Monday."),
        RelationType::Meeting,
        "Theresa May",
        "Kim Jong-un",
        Modality::Asserted,
        Tense::Past
    ));
    assert!(has(
        &d("Trump en Kim Jong-un ontmoetten elkaar naar verluidt in Hanoi."),
        RelationType::Meeting,
        "Donald Trump",
        "Kim Jong-un",
        Modality::Reported,
        Tense::Past
    ));
}

#[test]
fn times_places_and_events_attach() {
    let ex = Extractor::new();
    let doc = ex.extract(
        " date 2017-11 Trump zal Poetin op de APEC-top in Vietnam op 9 en 10 november ontmoeten.",
    );
    let m = doc.relations.iter().find(|r| r.kind == RelationType::Meeting).expect("a meeting");
    assert_eq!(m.time.as_ref().map(|t| t.value.as_str()), Some("2017-11-09/2017-11-10"));
    assert_eq!(m.event.as_deref(), Some("event:apec"));
    assert_eq!(m.place.as_deref(), Some("country:VN"));
    assert!(has(
        &doc,
        RelationType::Participation,
        "Donald Trump",
        "APEC",
        Modality::Planned,
        Tense::Future
    ));
    assert!(has(
        &doc,
        RelationType::LocatedIn,
        "APEC",
        "Vietnam",
        Modality::Planned,
        Tense::Future
    ));
}

#[test]
fn coordination_expands() {
    let ex = Extractor::new();
    let doc = ex.extract("Rutte bezoekt volgende maand China, Japan en Zuid-Korea.");
    let visits: Vec<_> =
        rels(&doc).into_iter().filter(|r| r.0 == RelationType::Visit).map(|r| r.2).collect();
    assert_eq!(visits, ["China", "Japan", "South Korea"]);
}

#[test]
fn repeated_relations_merge_with_all_evidence() {
    let ex = Extractor::new();
    let doc = ex.extract("Rutte ontmoette Macron in Parijs. Later ontmoette Rutte Macron opnieuw.");
    let ms: Vec<_> = doc.relations.iter().filter(|r| r.kind == RelationType::Meeting).collect();
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].evidences.len(), 2);
}

#[test]
fn rule_files_are_validated_and_extend_the_defaults() {
    let err = Extractor::builder()
        .rules_str("mine.rules", "lang nl\nrule x = meeting: <participant:PERSN> ^ontbijt\n")
        .build()
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Rule(_)));
    assert_eq!(err.to_string(), "mine.rules:2:32: unknown type \"PERSN\": expected PERSON, COUNTRY, LOCATION, ORGANIZATION, EVENT, ACTOR, PARTY, PLACE or ANY");
    let ex = Extractor::builder()
        .rules_str("mine.rules", "lang nl\nrule mine/meeting/brunch = meeting: <participant:PERSON> ~3 ^brunchte ~2 met <participant:PERSON>\n")
        .build()
        .unwrap();
    let doc = ex.extract("Rutte brunchte zondag met Macron.");
    assert_eq!(doc.relations.iter().filter(|r| r.rule == "mine/meeting/brunch").count(), 1);
}

#[test]
fn without_rule_files_there_are_no_relations() {
    let ex = Extractor::builder().default_rules(false).build().unwrap();
    let doc = ex.extract("De Amerikaanse president Donald Trump ontmoette Poetin.");
    assert!(doc.relations.is_empty());
    assert!(doc.entity_named("Donald Trump").is_some());
}

#[test]
fn implicit_medium_only_when_named() {
    let ex = Extractor::new();
    let named = ex.extract(
        "Trump is vaak op Twitter te vinden. Gisteren twitterde Trump dat hij tevreden was.",
    );
    assert!(named.relations.iter().any(
        |r| r.kind == RelationType::Statement && named.name_of(&r.args[1].entity) == "Twitter"
    ));
    let unnamed = ex.extract("Gisteren twitterde Trump dat hij tevreden was.");
    assert!(unnamed.relations.iter().all(|r| r.kind != RelationType::Statement));
}

#[test]
fn short_dutch_texts_are_read_as_dutch() {
    let ex = Extractor::new();
    for text in ["Rutte ontmoet Biden in Washington", "Merkel ontvangt Macron"] {
        let doc = ex.extract(text);
        assert_eq!(doc.lang, gazet::Lang::Nl, "{text}");
        assert!(doc.relations.iter().any(|r| r.kind == RelationType::Meeting), "{text}");
    }
    assert_eq!(ex.extract("Biden meets Rutte in Washington").lang, gazet::Lang::En);
}

#[test]
fn a_passage_in_the_other_language_is_read_in_it() {
    let ex = Extractor::new();
    let text = "Premier Mark Rutte is vandaag in Kyiv aangekomen. De premier sprak daar met \
                president Zelensky over de oorlog en over de steun van Nederland aan het leger. \
                Zelensky said: \"The Netherlands will help Ukraine with the jets, and we are \
                grateful for it.\" Het bezoek duurde een dag.";
    let doc = ex.extract(text);
    assert_eq!(doc.lang, gazet::Lang::Nl);
    assert_eq!(doc.lang_spans.len(), 1);
    let span = &doc.lang_spans[0];
    assert_eq!(span.lang, gazet::Lang::En);
    assert!(text[span.start..span.end].contains("will help Ukraine"));
    assert!(doc
        .relations
        .iter()
        .any(|r| r.kind == RelationType::HelpWith && r.rule.starts_with("en/")));
    // a text in one language has no passages, and its JSON no field for them
    assert!(ex.extract("Rutte ontmoet Biden in Washington.").lang_spans.is_empty());
}

#[test]
fn a_fixed_language_holds_for_every_sentence() {
    let ex = Extractor::builder().lang(Some(gazet::Lang::Nl)).build().unwrap();
    let doc = ex
        .extract("Rutte sprak met Zelensky. \"The Netherlands will help Ukraine with the jets.\"");
    assert!(doc.lang_spans.is_empty());
    assert!(doc.relations.iter().all(|r| !r.rule.starts_with("en/")));
}

const BLINKEN: &str = " date 2022-06 Antony Blinken landde maandag in Ankara. Het gesprek met \
    zijn Turkse ambtgenoot Mevlüt Çavuşoğlu duurde ruim twee uur. De twee ministers spraken ook \
    over Syrië.";

#[test]
fn arguments_found_by_coreference_or_focus_are_linked() {
    let ex = Extractor::new();
    let doc = ex.extract(BLINKEN);
    let meeting = doc.relations.iter().find(|r| r.kind == RelationType::Meeting).unwrap();
    let focus = meeting.links.iter().find(|l| l.via == gazet::LinkKind::Focus).unwrap();
    assert_eq!(focus.entity, "person:antony-blinken");
    assert!(focus.span.is_none());
    let talks: Vec<_> =
        doc.relations.iter().filter(|r| r.kind == RelationType::TalksAbout).collect();
    assert_eq!(talks.len(), 2);
    for t in talks {
        let link = &t.links[0];
        assert_eq!(link.via, gazet::LinkKind::Pair);
        let span = link.span.unwrap();
        assert_eq!(&BLINKEN[span.start..span.end], "De twee ministers");
    }
    // a relation whose arguments are all named has no links
    let named = ex.extract("Blinken ontmoette Çavuşoğlu in Ankara.");
    assert!(named.relations.iter().all(|r| r.links.is_empty()));
}

#[test]
fn a_pronoun_skips_persons_of_the_other_gender() {
    let data = "entity\tperson:bert-voorbeeld\tPERSON\tBert Voorbeeld\tgender=m\n\
                entity\tperson:anna-voorbeeld\tPERSON\tAnna Voorbeeld\tgender=f\n";
    let ex = Extractor::builder().gazetteer_str("test.tsv", data).build().unwrap();
    let doc = ex.extract(
        "Bert Voorbeeld en Anna Voorbeeld spraken dinsdag in Brussel. Zij reisde daarna naar Parijs.",
    );
    let visit = doc.relations.iter().find(|r| r.kind == RelationType::Visit).unwrap();
    assert_eq!(visit.args[0].entity, "person:anna-voorbeeld");
    let bad = Extractor::builder()
        .gazetteer_str("bad.tsv", "entity\tperson:x-y\tPERSON\tX Y\tgender=v\n")
        .build();
    assert_eq!(bad.unwrap_err().to_string(), "bad.tsv:1:30: invalid gender \"v\": expected f or m");
}

#[test]
fn an_undated_headline_joins_the_dated_statement_of_the_same_relation() {
    let ex = Extractor::new();
    let doc = ex.extract(
        " date 2018-03-20 Minister Blok reist naar Colombia\n\nOp maandag 2 april reist minister \
         Blok naar Colombia voor overleg over Venezuela.",
    );
    let visits: Vec<_> = doc.relations.iter().filter(|r| r.kind == RelationType::Visit).collect();
    assert_eq!(visits.len(), 1, "{visits:?}");
    assert_eq!((visits[0].modality, visits[0].tense), (Modality::Planned, Tense::Future));
    assert_eq!(visits[0].time.as_ref().unwrap().value, "2018-04-02");
    assert_eq!(visits[0].evidences.len(), 2);
    // a reading that is only possible stays apart from a present one without a date
    let apart =
        ex.extract(" date 2023-03 Rutte bezoekt mogelijk volgende week Kyiv. Rutte bezoekt Kyiv.");
    assert_eq!(apart.relations.iter().filter(|r| r.kind == RelationType::Visit).count(), 2);
}
