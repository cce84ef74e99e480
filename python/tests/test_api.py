"""The Python API: extraction, offsets, errors, pipe, DataFrames. Texts are our own."""

import datetime
import json
import pathlib
import subprocess
import sys
import threading

import pytest

import gazet

NL = (
    " date 2017-11-10\n"
    "Trump en Poetin kunnen elkaar mogelijk ontmoeten op de APEC-top in Vietnam. "
    "De twee presidenten spraken elkaar in juli voor het eerst in Hamburg. "
    "Volgens het Kremlin kan Rusland helpen met Noord-Korea.\n"
)
EN = "Angela Merkel met Emmanuel Macron in Paris on Tuesday. They discussed Ukraine."


@pytest.fixture(scope="module")
def ex():
    return gazet.Extractor()


def test_extract_finds_entities_and_relations(ex):
    doc = ex.extract(NL)
    assert doc.lang == "nl" and doc.date == "2017-11-10"
    ids = {e.id for e in doc.entities}
    assert {"person:donald-trump", "person:vladimir-putin", "event:apec", "country:KP"} <= ids
    meetings = [r for r in doc.relations if r.type == "meeting"]
    assert {(r.modality, r.tense) for r in meetings} >= {("possible", "future"), ("asserted", "past")}
    past = next(r for r in meetings if r.tense == "past")
    assert past.time.value == "2017-07" and past.ids("participant") == [
        "person:donald-trump", "person:vladimir-putin"]
    assert any(r.type == "help_with" and r.ids("helper") == ["country:RU"] for r in doc.relations)


def test_offsets_are_characters_and_bytes_stay_available(ex):
    text = "« Zürich » — Poetin sprak daar met Erdoğan over Syrië."
    doc = ex.extract(text, lang="nl")
    raw = text.encode()
    mentions = [m for e in doc.entities for m in e.mentions]
    assert mentions
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert raw[m.start_byte:m.end_byte].decode() == m.text
    for r in doc.relations:
        assert text[r.evidence.start:r.evidence.end] == r.evidence.text


def test_to_json_is_the_contract(ex):
    doc = ex.extract(EN)
    d = json.loads(doc.to_json())
    assert list(d) == ["lang", "date", "entities", "relations"]
    assert d == doc.to_dict()
    m = d["entities"][0]["mentions"][0]
    assert EN.encode()[m["start"]:m["end"]].decode() == m["text"]
    chars = doc.to_dict(offsets="chars")
    assert chars["relations"][0]["evidence"]["start"] == doc.relations[0].evidence.start
    with pytest.raises(ValueError):
        doc.to_json(offsets="lines")


def test_matches_the_command_line(ex, tmp_path):
    """The Python document and `gazet extract` agree on the seed of a test article."""
    target = pathlib.Path(__file__).resolve().parents[2] / "target"
    built = [target / kind / "gazet" for kind in ("release", "debug") if (target / kind / "gazet").exists()]
    if not built:
        pytest.skip("the gazet command is not built (cargo build -p gazet-cli)")
    cli = max(built, key=lambda p: p.stat().st_mtime)
    f = tmp_path / "a.txt"
    f.write_text(NL, encoding="utf-8")
    out = subprocess.run([str(cli), "extract", str(f)], capture_output=True, text=True, check=True)
    record = json.loads(out.stdout)
    del record["id"]
    for r in record["relations"]:
        del r["evidence"]["text"]
        for e in r.get("evidences", []):
            del e["span"]["text"]
    assert record == ex.extract(NL).to_dict()


def test_lang_and_date_arguments(ex):
    doc = ex.extract("De Russische president sprak met Macron.", lang="nl",
                     date=datetime.date(2017, 11, 10))
    assert doc.date == "2017-11-10"
    assert doc.entity("person:vladimir-putin") is not None
    assert ex.extract("Macron.", date="2019-06").date == "2019-06"
    with pytest.raises(ValueError, match="lang"):
        ex.extract("x", lang="de")
    with pytest.raises(ValueError, match="date"):
        ex.extract("x", date="2019-13-45")


def test_warnings_say_what_was_not_what_it_seemed(ex):
    assert ex.extract(NL).warnings == []
    bad = ex.extract(" date 2017-13-45\nPoetin sprak.")
    assert bad.date is None and "not a date line" in bad.warnings[0]
    assert "warnings" in bad.to_dict() and "warnings" not in ex.extract(NL).to_dict()


def test_reprs_are_readable(ex):
    doc = ex.extract(NL)
    assert repr(doc) == "Document(lang='nl', date='2017-11-10', %d entities, %d relations)" % (
        len(doc.entities), len(doc.relations))
    assert repr(doc.entities[0]).startswith("Entity('person:donald-trump', 'Donald Trump', PERSON")
    assert "—could meet→" in repr(doc.relations[0])
    assert repr(doc.entities[0].mentions[0]).startswith("Mention('Trump', ")


def test_bad_data_raises_data_error_with_its_place(tmp_path):
    bad = tmp_path / "mine.tsv"
    bad.write_text("entity\tperson:x\tPERSN\tX Y\n", encoding="utf-8")
    with pytest.raises(gazet.DataError) as e:
        gazet.Extractor(gazetteers=[str(bad)])
    assert (e.value.file, e.value.line) == (str(bad), 1) and e.value.column > 1
    assert "PERSN" in str(e.value) and str(bad) in str(e.value)
    rules = tmp_path / "mine.rules"
    rules.write_text("lang nl\nrule x = meeting: <participant:PERSN> ~3 ^ontmoet\n")
    with pytest.raises(gazet.DataError) as e:
        gazet.Extractor(rules=[str(rules)])
    assert e.value.line == 2
    with pytest.raises(gazet.DataError) as e:
        gazet.Extractor(gazetteers=[str(tmp_path / "missing.tsv")])
    assert e.value.file == str(tmp_path / "missing.tsv") and e.value.line is None


def test_own_data_and_no_default_data(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("entity\tperson:anna-berends\tPERSON\tAnna Berends\n", encoding="utf-8")
    ex = gazet.Extractor(gazetteers=[str(mine)], default_data=False)
    doc = ex.extract("Anna Berends sprak gisteren met Poetin.", lang="nl")
    assert [e.id for e in doc.entities] == ["person:anna-berends"]
    same = gazet.Extractor.from_sources([("mine.tsv", mine.read_text())], [], default_data=False)
    assert same.extract("Anna Berends.").entities[0].id == "person:anna-berends"
    assert len(ex.rules()) == 0 and len(gazet.Extractor().rules()) > 100


def test_pipe_keeps_order_on_threads_for_lists_and_iterators(ex):
    texts = [f"Rutte sprak met Macron over Mali ({i})." if i % 3 else EN for i in range(500)]
    one = [d.to_json() for d in ex.pipe(texts, threads=1)]
    two = [d.to_json() for d in ex.pipe(iter(texts), threads=2, batch_size=7)]
    assert one == two == [ex.extract(t).to_json() for t in texts]
    tuples = list(ex.pipe([("Poetin sprak.", "nl", "2017-11"), ("Putin spoke.", None, None)]))
    assert [d.lang for d in tuples] == ["nl", "en"] and tuples[0].date == "2017-11"
    assert list(ex.pipe([])) == []
    with pytest.raises(TypeError):
        list(ex.pipe([1, 2]))


def test_pipe_releases_the_gil(ex):
    """A Python thread keeps running while pipe extracts."""
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(1)

    t = threading.Thread(target=count)
    t.start()
    for _ in ex.pipe([NL * 20] * 200, threads=1, batch_size=200):
        pass
    stop.set()
    t.join()
    assert len(ticks) > 100


def test_frames_are_tidy(ex):
    pd = pytest.importorskip("pandas")
    docs = list(ex.pipe([NL, EN]))
    f = gazet.to_frames(docs, ids=["nl-1", "en-1"])
    assert isinstance(f.entities, pd.DataFrame)
    assert set(f.entities.doc_id) == {"nl-1", "en-1"}
    assert len(f.mentions) == sum(len(e.mentions) for d in docs for e in d.entities)
    assert len(f.relations) == sum(len(d.relations) for d in docs)
    row = f.relations.iloc[0]
    assert (row.arg1_name, row.arg2_name) == ("Donald Trump", "Vladimir Putin")
    assert NL[row.evidence_start:row.evidence_end] == row.evidence_text
    own = docs[0].to_pandas()
    assert len(own.relations) == len(docs[0].relations)


def test_import_line_of_the_readme():
    seed = pathlib.Path(__file__).resolve().parents[2] / "examples" / "sample_nl.txt"
    code = f"import gazet; print(gazet.Extractor().extract(open({str(seed)!r}).read()).relations)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("[Relation(")
