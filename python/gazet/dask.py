"""gazet on Dask: the entities, mentions and relations of a dask DataFrame or Bag of texts.

>>> import dask
>>> import dask.bag as db
>>> import gazet.dask
>>> texts = db.from_sequence(["Rutte ontmoette Macron in Parijs.",
...                           "Merkel visited Beijing to meet Xi Jinping."], npartitions=2)
>>> frames = gazet.dask.extract(texts)
>>> entities, mentions, relations = dask.compute(*frames)  # one extraction
>>> sorted(entities.doc_id.unique())
['0-0', '1-0']

:func:`extract` returns a :class:`gazet.frames.Frames` of three dask DataFrames with the
columns of :mod:`gazet.frames` (offsets count characters): ints (start, end, start_byte,
end_byte, sentence, mentions, relation, evidence_start, evidence_end) as int64, the
rest as pandas ``string`` (missing values ``<NA>``). ``doc_id`` is the ``id_col``
value as a string, or, without ``id_col``, ``"<partition>-<row>"`` (the row's position
in its partition). Null, empty and blank texts give no rows.

One ``map_partitions`` makes a combined table (a ``table`` column, "entity", "mention"
or "relation", and the union of the columns); the three frames select from it. They
share that task, so ``dask.compute(*frames)`` (or ``dask.persist(*frames)``) extracts
once; computing the frames one by one extracts once for each. Each worker process builds
its extractor once, on first use, from the gazetteer and rule files read on the client
(the workers need not see the files), and each task extracts on one thread: Dask already
runs one task per core. On a ``distributed`` cluster, install the gazet wheel on the
workers (see :mod:`gazet.spark` for building it).
"""

from collections.abc import Mapping
from typing import Any, Optional

from . import _cluster
from .frames import Frames


def extract(
    collection: Any,
    text_col: str = "text",
    id_col: Optional[str] = None,
    date_col: Optional[str] = None,
    lang_col: Optional[str] = None,
    gazetteers: Any = None,
    rules: Any = None,
    default_data: bool = True,
) -> Frames:
    """The entities, mentions and relations of the texts of ``collection``, lazily.

    ``collection`` is a dask DataFrame with the named columns, or a dask Bag of strings
    (the texts) or of dicts (with those keys). ``date_col`` holds dates, timestamps or
    "YYYY[-MM[-DD]]" strings, ``lang_col`` "nl", "en" or nulls. ``gazetteers`` and
    ``rules`` are paths (or lists of paths) read here; a malformed file raises
    :class:`gazet.DataError` at once, a malformed date or lang raises ValueError when
    computed.
    """
    sources = _cluster.read_sources(gazetteers, rules, default_data)
    _cluster.extractor(sources)  # checks the files on the client
    ddf = _as_frame(collection, [c for c in (text_col, id_col, date_col, lang_col) if c])
    combined = ddf.map_partitions(
        _extract_partition,
        sources=sources,
        columns=(text_col, id_col, date_col, lang_col),
        meta=_cluster.combined_frame(([], [], [])),
    )
    return Frames(*(table(combined, t) for t in _cluster.TABLES))


def table(combined: Any, name: str) -> Any:
    """One table ("entity", "mention" or "relation") of the combined frame; ints as int64."""
    cols = _cluster.TABLE_COLUMNS[name]
    ints = {c: "int64" for c in cols if c in _cluster.INT_COLUMNS}
    return combined[combined["table"] == name][cols].astype(ints)


def _as_frame(collection: Any, cols: list) -> Any:
    """A dask DataFrame of ``collection``: as is, or a Bag's items as rows of ``cols``."""
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    if isinstance(collection, dd.DataFrame):
        return collection
    if isinstance(collection, db.Bag):
        meta = pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
        return collection.map(_record, cols=tuple(cols)).to_dataframe(meta=meta)
    raise TypeError(f"expected a dask DataFrame or Bag, not {type(collection).__name__}")


def _record(item: Any, cols: tuple) -> tuple:
    """A bag item as a row: a dict has the columns as keys; anything else (a string, None)
    is the text, the first column."""
    if isinstance(item, Mapping):
        return tuple(item.get(c) for c in cols)
    return (item,) + (None,) * (len(cols) - 1)


def _extract_partition(pdf: Any, sources: Any, columns: tuple, partition_info: Any = None) -> Any:
    """map_partitions: one partition of inputs to its combined rows (on a worker)."""
    prefix = f"{partition_info['number'] if partition_info else 0}-"
    rows = _cluster.batch_rows(pdf, sources, *columns, id_prefix=prefix)
    return _cluster.combined_frame(rows)
