"""gazet.dask: Dask's local schedulers give the tables of a single-process run, from a
dask DataFrame, a Bag of strings and a Bag of dicts.

The news sentences are our own, generated from templates.
"""


import pytest

pd = pytest.importorskip("pandas")
dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")

import gazet  # noqa: E402
import gazet.dask  # noqa: E402
from gazet import _cluster  # noqa: E402
from gazet import frames as gf  # noqa: E402

from news_corpus import (  # noqa: E402  (generated documents, shared with the other cluster test)
    as_date, pandas_rows, single_process,
)


def news_pandas(docs):
    """A pandas DataFrame of the documents: id, text, lang, date (strings)."""
    return pd.DataFrame(
        {"id": [d["id"] for d in docs], "text": [d["text"] for d in docs],
         "lang": [d["lang"] for d in docs],
         "date": [None if d["date"] is None else str(d["date"]) for d in docs]})


def news_frame(docs, npartitions=4):
    """A dask DataFrame of the documents, in ``npartitions`` partitions."""
    return dd.from_pandas(news_pandas(docs), npartitions=npartitions, sort=False)


def assert_same(frames, want, scheduler="threads"):
    """The computed frames have the rows of the pandas frames ``want``."""
    got = dask.compute(*frames, scheduler=scheduler)
    for g, w in zip(got, want):
        assert len(g) == len(w)
        assert pandas_rows(g) == pandas_rows(w)
    return got


def test_dataframe_equals_a_single_process_run(news, expected):
    frames = gazet.dask.extract(news_frame(news), "text", id_col="id")
    ents, ments, rels = assert_same(frames, expected)
    assert len(expected.entities) > 5000 and len(expected.relations) > 1000
    assert rels.type.value_counts().to_dict() == expected.relations.type.value_counts().to_dict()
    assert ents.type.value_counts().to_dict() == expected.entities.type.value_counts().to_dict()
    assert set(zip(ents.doc_id, ents.entity_id)) == set(
        zip(expected.entities.doc_id, expected.entities.entity_id))


def test_columns_and_dtypes_match_the_meta(news):
    frames = gazet.dask.extract(news_frame(news[:80], 2), "text", id_col="id")
    for f, cols in zip(frames, (gf.ENTITY_COLUMNS, gf.MENTION_COLUMNS, gf.RELATION_COLUMNS)):
        assert list(f.columns) == cols
        got = f.compute()
        assert got.dtypes.to_dict() == f.dtypes.to_dict()
        ints = [c for c in cols if c in _cluster.INT_COLUMNS]
        assert all(got[c].dtype == "int64" for c in ints)


def test_compute_together_extracts_once(news, monkeypatch):
    calls = []
    real = _cluster.batch_rows

    def counted(pdf, *args, **kwargs):
        calls.append(len(pdf))
        return real(pdf, *args, **kwargs)

    monkeypatch.setattr(_cluster, "batch_rows", counted)
    frames = gazet.dask.extract(news_frame(news[:200], 4), "text", id_col="id")
    dask.compute(*frames, scheduler="threads")
    assert sorted(calls) == sorted([50] * 4)


def test_bag_of_strings_gets_partition_row_ids(news):
    texts = [d["text"] for d in news]
    bag = db.from_sequence(texts, npartitions=5)
    sizes = [len(p) for p in dask.compute(*bag.to_delayed())]
    ids = [f"{p}-{r}" for p, n in enumerate(sizes) for r in range(n)]
    want = single_process([dict(d, id=i) for d, i in zip(news, ids)])
    # the processes scheduler: each worker process builds its own extractor
    assert_same(gazet.dask.extract(bag), want, scheduler="processes")


def test_bag_of_dicts_with_id_date_and_lang(news):
    docs = news[:800]
    records = [{"key": d["id"], "body": d["text"], "language": d["lang"], "day": d["date"]}
               for d in docs]
    frames = gazet.dask.extract(db.from_sequence(records, npartitions=3), "body", id_col="key",
                                date_col="day", lang_col="language")
    assert_same(frames, single_process(docs, with_meta=True))


def test_dataframe_date_and_lang_columns(news):
    docs = [dict(d, date=as_date(d["date"])) for d in news[:800]]
    pdf = news_pandas(docs)
    pdf["date"] = pd.to_datetime(pdf["date"])  # datetime64 with NaT
    ddf = dd.from_pandas(pdf, npartitions=4, sort=False)
    frames = gazet.dask.extract(ddf, "text", id_col="id", date_col="date", lang_col="lang")
    assert_same(frames, single_process(docs, with_meta=True))


def test_the_date_resolves_a_description():
    text = "De Amerikaanse president ontmoette Macron in Parijs."
    pdf = pd.DataFrame({"n": [1, 2, 3], "t": [text] * 3, "d": ["2018-06-01", "2022-03-15", None]})
    ents = gazet.dask.extract(dd.from_pandas(pdf, npartitions=2), "t", id_col="n", date_col="d")[0]
    people = set(zip(*dask.compute(ents.doc_id, ents.entity_id)))
    assert ("1", "person:donald-trump") in people and ("2", "person:joe-biden") in people
    assert not {e for d, e in people if d == "3"} & {"person:donald-trump", "person:joe-biden"}


def test_null_empty_and_blank_texts_give_no_rows():
    texts = [None, "", "  \t ", "Rutte ontmoette Macron in Parijs.", None]
    for coll in (db.from_sequence(texts, npartitions=2),
                 dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=2)):
        for f in dask.compute(*gazet.dask.extract(coll)):  # partitions of 3 and 2 texts
            assert set(f.doc_id) == {"1-0"}


def test_a_gazetteer_file_reaches_the_workers(tmp_path):
    path = tmp_path / "anna.tsv"
    path.write_text(
        "entity\tperson:anna-berends\tPERSON\tAnna Berends\nalias\t*\tname\tAnna Berends\n",
        encoding="utf-8")
    texts = [f"Anna Berends sprak {day} met Rutte in Den Haag."
             for day in ["gisteren", "dinsdag", "woensdag", "vrijdag"]]
    bag = db.from_sequence(texts, npartitions=2)
    ents, _, rels = dask.compute(*gazet.dask.extract(bag, gazetteers=[path]), scheduler="processes")
    assert (ents.entity_id == "person:anna-berends").sum() == 4
    met = rels[rels.type == "meeting"]
    assert len(met) == 4 and set(met.arg1_id) | set(met.arg2_id) >= {"person:anna-berends"}
    alone = gazet.dask.extract(bag, gazetteers=str(path), default_data=False).entities
    assert set(alone.entity_id.compute()) == {"person:anna-berends"}


def test_a_malformed_gazetteer_fails_at_once(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("entity\tperson:x\n", encoding="utf-8")
    with pytest.raises(gazet.DataError):
        gazet.dask.extract(db.from_sequence(["Rutte."]), gazetteers=[path])


def test_other_collections_are_refused():
    with pytest.raises(TypeError):
        gazet.dask.extract(["Rutte ontmoette Macron."])
