"""gazet.spark: a real Spark job (local[2]) gives the tables of a single-process run.

The news sentences are our own, generated from templates.
"""

import contextlib
import io
import os
import shutil
import sys
from collections import Counter

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

import gazet  # noqa: E402
import gazet.spark  # noqa: E402
from gazet import frames as gf  # noqa: E402

pytestmark = [  # pyspark 4 and pandas 3 warn of each other
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]

from news_corpus import (  # noqa: E402  (generated documents, shared with the other cluster test)
    as_date, pandas_rows, single_process, spark_rows,
)


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no java: Spark needs a JVM")
    from pyspark.sql import SparkSession

    old = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers import gazet from this venv
    session = (
        SparkSession.builder.master("local[2]")
        .appName("gazet-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "400")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if old is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = old


def news_frame(spark, docs, date_type=False):
    """A Spark DataFrame of the documents: id, text, lang and day (strings, or dates)."""
    def day(v):
        return v if v is None or date_type else str(v)

    rows = [(d["id"], d["text"], d["lang"], day(d["date"])) for d in docs]
    kind = "date" if date_type else "string"
    return spark.createDataFrame(rows, f"id string, text string, lang string, day {kind}")


def test_tables_equal_a_single_process_run(spark, news, expected):
    frames = gazet.spark.extract(news_frame(spark, news), "text", id_col="id")
    assert len(expected.entities) > 5000 and len(expected.relations) > 1000
    for got, want in zip(frames, expected):
        assert got.count() == len(want)
        assert spark_rows(got) == pandas_rows(want)
    types = {r["type"]: r["count"] for r in frames.relations.groupBy("type").count().collect()}
    assert types == expected.relations["type"].value_counts().to_dict()
    pairs = {tuple(r) for r in frames.entities.select("doc_id", "entity_id").collect()}
    assert pairs == set(zip(expected.entities.doc_id, expected.entities.entity_id))


INTS = {"start", "end", "start_byte", "end_byte", "sentence", "mentions", "relation",
        "evidence_start", "evidence_end"}


def test_schemas_are_flat_with_long_ints(spark, news):
    frames = gazet.spark.extract(news_frame(spark, news[:50]), "text", id_col="id")
    for sdf, cols in zip(frames, (gf.ENTITY_COLUMNS, gf.MENTION_COLUMNS, gf.RELATION_COLUMNS)):
        assert sdf.columns == cols
        kinds = dict(sdf.dtypes)
        assert kinds["doc_id"] == "string"
        assert {kinds[c] for c in cols if c in INTS} == {"bigint"}
        assert {kinds[c] for c in cols if c not in INTS} == {"string"}


def test_the_three_tables_read_one_persisted_extraction(spark, news):
    frames = gazet.spark.extract(news_frame(spark, news[:50]), "text", id_col="id")
    for sdf in frames:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            sdf.explain()
        assert "InMemoryTableScan" in out.getvalue() and "MapInPandas" in out.getvalue()


def test_generated_ids_are_strings_one_per_document(spark, news, expected):
    df = news_frame(spark, news).drop("id")
    frames = gazet.spark.extract(df, "text")
    ents = frames.entities.toPandas()
    assert len(ents) == len(expected.entities)
    assert all(isinstance(i, str) and i.isdigit() for i in ents.doc_id)
    per_doc = Counter(frozenset(g) for _, g in ents.groupby("doc_id").entity_id)
    want = Counter(frozenset(g) for _, g in expected.entities.groupby("doc_id").entity_id)
    assert per_doc == want
    assert frames.mentions.count() == len(expected.mentions)
    assert frames.relations.count() == len(expected.relations)


@pytest.mark.parametrize("date_type", [False, True])
def test_date_and_lang_columns(spark, news, date_type):
    docs = news[:600]
    if date_type:
        docs = [dict(d, date=as_date(d["date"])) for d in docs]
    want = single_process(docs, with_meta=True)
    df = news_frame(spark, docs, date_type=date_type)
    frames = gazet.spark.extract(df, "text", id_col="id", date_col="day", lang_col="lang")
    for got, exp in zip(frames, want):
        assert spark_rows(got) == pandas_rows(exp)


def test_the_date_resolves_a_description(spark):
    text = "De Amerikaanse president ontmoette Macron in Parijs."
    df = spark.createDataFrame(
        [(1, text, "2018-06-01"), (2, text, "2022-03-15"), (3, text, None)],
        "id long, t string, d string")
    frames = gazet.spark.extract(df, "t", id_col="id", date_col="d")
    people = {(r.doc_id, r.entity_id) for r in frames.entities.collect()}
    assert ("1", "person:donald-trump") in people and ("2", "person:joe-biden") in people
    assert not {e for d, e in people if d == "3"} & {"person:donald-trump", "person:joe-biden"}


def test_null_empty_and_blank_texts_give_no_rows(spark):
    rows = [("e1", None), ("e2", ""), ("e3", "  \t "), ("e4", "Rutte ontmoette Macron in Parijs.")]
    df = spark.createDataFrame(rows, "id string, t string")
    frames = gazet.spark.extract(df, "t", id_col="id")
    for sdf in frames:
        assert {r.doc_id for r in sdf.select("doc_id").collect()} == {"e4"}


def test_a_gazetteer_file_reaches_the_workers(spark, tmp_path):
    path = tmp_path / "anna.tsv"
    path.write_text(
        "entity\tperson:anna-berends\tPERSON\tAnna Berends\nalias\t*\tname\tAnna Berends\n",
        encoding="utf-8")
    rows = [(f"a{i}", f"Anna Berends sprak {day} met Rutte in Den Haag.")
            for i, day in enumerate(["gisteren", "dinsdag", "woensdag", "vrijdag"])]
    df = spark.createDataFrame(rows, "id string, t string").repartition(2)
    frames = gazet.spark.extract(df, "t", id_col="id", gazetteers=[str(path)])
    anna = frames.entities.where("entity_id = 'person:anna-berends'").count()
    assert anna == 4
    met = frames.relations.where("type = 'meeting'").select("arg1_id", "arg2_id").collect()
    assert len(met) == 4 and all("person:anna-berends" in tuple(r) for r in met)
    alone = gazet.spark.extract(df, "t", id_col="id", gazetteers=path, default_data=False)
    assert {r.entity_id for r in alone.entities.collect()} == {"person:anna-berends"}


def test_a_malformed_gazetteer_fails_on_the_driver(spark, tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("entity\tperson:x\n", encoding="utf-8")
    df = spark.createDataFrame([("a", "Rutte.")], "id string, t string")
    with pytest.raises(gazet.DataError):
        gazet.spark.extract(df, "t", gazetteers=[path])
