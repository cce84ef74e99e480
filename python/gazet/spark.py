"""gazet on Spark: the entities, mentions and relations of a DataFrame of texts.

>>> from pyspark.sql import SparkSession
>>> import gazet.spark
>>> spark = SparkSession.builder.getOrCreate()
>>> news = spark.createDataFrame(
...     [("a1", "Rutte ontmoette Macron in Parijs.", "2019-05-02")], ["id", "body", "day"])
>>> frames = gazet.spark.extract(news, "body", id_col="id", date_col="day")
>>> frames.relations.select("type", "arg1_name", "arg2_name").collect()  # doctest: +SKIP
[Row(type='meeting', arg1_name='Emmanuel Macron', arg2_name='Mark Rutte')]

:func:`extract` returns a :class:`gazet.frames.Frames` of three DataFrames with flat
schemas, the columns of :mod:`gazet.frames` (offsets count characters):

* ``entities``: doc_id, entity_id, name, type, qid, rule: string; mentions: long
* ``mentions``: doc_id, entity_id: string; start, end, start_byte, end_byte: long;
  text: string; sentence: long; kind: string
* ``relations``: doc_id: string; relation: long; type, label, modality, tense,
  arg1_role, arg1_id, arg1_name, arg2_role … arg3_name, more_args, time_text,
  time_value, place, event, title: string; sentence, evidence_start, evidence_end:
  long; evidence_text, rule: string

``doc_id`` is the ``id_col`` value as a string, or, without ``id_col``, a
``monotonically_increasing_id()`` as a string. Null, empty and blank texts give no rows.

Extraction runs once: one ``mapInPandas`` pass makes a combined table (a ``table``
column, "entity", "mention" or "relation", and the union of the columns), which is
persisted; the three DataFrames are filters of it (``persist=False`` leaves it
unpersisted, for those who manage the cache themselves; ``spark.catalog.clearCache()``
frees it otherwise). Each Python worker builds its extractor once, on first use, from the
gazetteer and rule files read on the driver (so the workers need not see the files), and
extracts on one thread: Spark already runs one task per core.

Shipping gazet to a cluster
---------------------------
gazet is a native extension (a compiled wheel), so ``spark-submit --py-files`` does not
work: Python cannot import extension modules from the zip files it ships. Instead:

1. build the wheel for the cluster's platform and Python:
   ``maturin build --release -m python/Cargo.toml`` (the wheel lands in the
   workspace's ``target/wheels/``) or
   ``pip wheel ./python -w dist``;
2. either install it on every node (``pip install gazet-*.whl``), or pack an environment
   that has it and ship that with the job::

       python -m venv env && env/bin/pip install dist/gazet-*.whl pandas pyarrow venv-pack
       env/bin/venv-pack -o env.tar.gz          # or conda-pack for a conda environment
       PYSPARK_PYTHON=./env/bin/python spark-submit \\
           --archives env.tar.gz#env job.py     # on YARN: spark.yarn.appMasterEnv.PYSPARK_PYTHON

   The executors unpack the archive as ``./env`` and run their Python workers from it.
"""

from functools import partial
from typing import Any, Iterator, Optional

from . import _cluster
from .frames import Frames

_NEW_ID = "__gazet_id"


def extract(
    df: Any,
    text_col: Any,
    id_col: Any = None,
    date_col: Any = None,
    lang_col: Any = None,
    gazetteers: Any = None,
    rules: Any = None,
    default_data: bool = True,
    persist: bool = True,
) -> Frames:
    """The entities, mentions and relations of the texts of ``df``, as Spark DataFrames.

    ``text_col``, ``id_col``, ``date_col`` (a date, timestamp or "YYYY[-MM[-DD]]" string
    column) and ``lang_col`` ("nl", "en" or null) are column names or Columns;
    ``gazetteers`` and ``rules`` are paths (or lists of paths) read here, on the driver.
    A malformed file raises :class:`gazet.DataError` at once; a malformed date or lang
    fails the job with ValueError. With ``persist=False`` the three frames select from
    one unpersisted combined table (each action extracts again): for callers who
    manage the cache themselves.
    """
    sources = _cluster.read_sources(gazetteers, rules, default_data)
    _cluster.extractor(sources)  # checks the files on the driver
    inputs = _inputs(df, text_col, id_col, date_col, lang_col)
    fn = partial(
        _extract_batches,
        sources=sources,
        date="date" if date_col is not None else None,
        lang="lang" if lang_col is not None else None,
    )
    combined = inputs.mapInPandas(fn, schema=combined_schema())
    if persist:
        combined = combined.persist()
    return Frames(*(table(combined, t) for t in _cluster.TABLES))


def table(combined: Any, name: str) -> Any:
    """One table ("entity", "mention" or "relation") of a combined DataFrame."""
    from pyspark.sql import functions as F

    return combined.where(F.col("table") == name).select(*_cluster.TABLE_COLUMNS[name])


def combined_schema() -> Any:
    """The Spark schema of the combined table: ints as LongType, the rest StringType."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    return StructType(
        [
            StructField(c, LongType() if c in _cluster.INT_COLUMNS else StringType(), True)
            for c in _cluster.COMBINED_COLUMNS
        ]
    )


def _inputs(df: Any, text_col: Any, id_col: Any, date_col: Any, lang_col: Any) -> Any:
    """``df`` reduced to the columns text, id (a string), date and lang (present ones)."""
    from pyspark.sql import functions as F

    if id_col is None:
        df = df.withColumn(_NEW_ID, F.monotonically_increasing_id())
        id_col = _NEW_ID
    cols = [_col(text_col).cast("string").alias("text"), _col(id_col).cast("string").alias("id")]
    if date_col is not None:
        cols.append(_date_col(df, _col(date_col)).alias("date"))
    if lang_col is not None:
        cols.append(_col(lang_col).cast("string").alias("lang"))
    return df.select(*cols)


def _col(c: Any) -> Any:
    """A Column of a name or a Column."""
    from pyspark.sql import functions as F

    return F.col(c) if isinstance(c, str) else c


def _date_col(df: Any, c: Any) -> Any:
    """The date column as "yyyy-MM-dd" strings if it holds dates or timestamps, else as is."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DateType, TimestampType

    kind = df.select(c).schema.fields[0].dataType
    if isinstance(kind, (DateType, TimestampType)):
        return F.date_format(c, "yyyy-MM-dd")
    return c.cast("string")


def _extract_batches(
    batches: Iterator[Any], sources: Any, date: Optional[str], lang: Optional[str]
) -> Iterator[Any]:
    """mapInPandas: each pandas batch of inputs to its combined rows (on a worker)."""
    for pdf in batches:
        yield _cluster.combined_frame(_cluster.batch_rows(pdf, sources, "text", "id", date, lang))
