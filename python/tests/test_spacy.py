"""The spaCy component in blank Dutch and English pipelines. Texts are our own."""

import pytest

spacy = pytest.importorskip("spacy")

import gazet.spacy  # noqa: E402  (registers the factory even without the entry point)


def test_dutch_pipeline_sets_ents_ids_and_relations():
    nlp = spacy.blank("nl")
    nlp.add_pipe("gazet")
    doc = nlp("De Russische president Poetin ontmoette dinsdag Rutte in Den Haag.")
    ents = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert ("Russische", "NORP", "country:RU") in ents
    assert ("Poetin", "PERSON", "person:vladimir-putin") in ents
    assert ("Den Haag", "GPE", "city:geonames:2747373") in ents
    assert [r.type for r in doc._.relations].count("meeting") == 1
    assert doc._.gazet.lang == "nl"


def test_english_pipeline_and_nlp_pipe():
    nlp = spacy.blank("en")
    nlp.add_pipe("gazet", config={"threads": 2})
    texts = ["Biden met Xi Jinping in Bali.", "NATO leaders gathered in Vilnius."] * 50
    docs = list(nlp.pipe(texts, batch_size=16))
    assert len(docs) == 100
    assert [(e.text, e.label_, e.kb_id_) for e in docs[0].ents] == [
        ("Biden", "PERSON", "person:joe-biden"),
        ("Xi Jinping", "PERSON", "person:xi-jinping"),
        ("Bali", "LOC", "place:bali"),
    ]
    assert docs[0]._.relations and docs[0]._.relations[0].type == "meeting"
    assert [e.label_ for e in docs[1].ents][0] == "ORG"
    single = nlp(texts[0])
    assert [(e.start, e.end, e.label_) for e in single.ents] == [
        (e.start, e.end, e.label_) for e in docs[0].ents]


def test_mentions_inside_tokens_and_overlaps_make_valid_ents():
    nlp = spacy.blank("nl")
    gz = nlp.add_pipe("gazet")
    # a tokenizer that keeps "VN-top" whole: the mention "VN" grows to the token
    words = ["De", "VN-top", "in", "New", "York", "begon", ";", "Noord-Koreaanse",
             "diplomaten", "bleven", "weg", "."]
    spaces = [True, True, True, True, True, False, True, True, True, True, False, False]
    doc = gz(spacy.tokens.Doc(nlp.vocab, words=words, spaces=spaces))
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("VN-top", "ORG", "org:un"),
        ("New York", "GPE", "city:geonames:5128581"),
        ("Noord-Koreaanse", "NORP", "country:KP"),
    ]
    starts = [e.start for e in doc.ents]
    assert starts == sorted(starts)
    for a, b in zip(doc.ents, doc.ents[1:]):
        assert a.end <= b.start
    assert all(e.kb_id_ for e in doc.ents)


def test_keeps_earlier_ents_unless_told_to_overwrite():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PRODUCT", "pattern": "Paris"}])
    nlp.add_pipe("gazet", config={"overwrite_ents": False})
    doc = nlp("Macron spoke in Paris.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Macron", "PERSON"), ("Paris", "PRODUCT")]


def test_labels_can_be_mapped():
    nlp = spacy.blank("en")
    nlp.add_pipe("gazet", config={"labels": {"PERSON": "PER", "COUNTRY": "LOC"}})
    doc = nlp("Putin visited China.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Putin", "PER"), ("China", "LOC")]
