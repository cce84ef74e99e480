"""What :mod:`gazet.spark` and :mod:`gazet.dask` share.

* :func:`read_sources` reads gazetteer and rule files on the driver into ``(name, text)``
  pairs, so that workers need no shared file system;
* :func:`extractor` builds one :class:`gazet.Extractor` per worker process from them,
  lazily, and keeps it for the following tasks;
* :func:`batch_rows` extracts a pandas batch of documents (columns text, id, date, lang)
  on one thread: Spark and Dask already run one task per core;
* :func:`combined_frame` puts the rows of the three tables into one pandas DataFrame,
  the ``table`` column ("entity", "mention", "relation") telling them apart.
"""

import hashlib
import math
import os
import threading
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

from .frames import ENTITY_COLUMNS, MENTION_COLUMNS, RELATION_COLUMNS, Rows, rows

TABLES = ("entity", "mention", "relation")
TABLE_COLUMNS = {"entity": ENTITY_COLUMNS, "mention": MENTION_COLUMNS, "relation": RELATION_COLUMNS}
COMBINED_COLUMNS = ["table"] + list(
    dict.fromkeys(ENTITY_COLUMNS + MENTION_COLUMNS + RELATION_COLUMNS)
)
INT_COLUMNS = frozenset(
    ["start", "end", "start_byte", "end_byte", "sentence", "mentions", "relation",
     "evidence_start", "evidence_end"]
)

Pair = Tuple[str, str]


class Sources(NamedTuple):
    """The data of an extractor, as shipped to the workers; ``key`` is its digest."""

    gazetteers: Tuple[Pair, ...]
    rules: Tuple[Pair, ...]
    default_data: bool
    key: str


def read_sources(gazetteers: Any = None, rules: Any = None, default_data: bool = True) -> Sources:
    """Reads the files (a path or a list of paths each, or None) into a :class:`Sources`."""
    g, r = _read(gazetteers), _read(rules)
    h = hashlib.sha256(repr((g, r, bool(default_data))).encode("utf-8"))
    return Sources(g, r, bool(default_data), h.hexdigest())


def _read(paths: Any) -> Tuple[Pair, ...]:
    """``(path, text)`` pairs of the files; the path names the file in error messages."""
    if paths is None:
        return ()
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            out.append((os.fsdecode(p), f.read()))
    return tuple(out)


_EXTRACTORS: Dict[str, Any] = {}
_LOCK = threading.Lock()
_KEEP = 4  # extractors kept per process; older ones are dropped beyond that


def extractor(sources: Sources) -> Any:
    """This process's extractor for ``sources``, built on first use (thread-safe).

    On the driver it checks the files early: a malformed one raises
    :class:`gazet.DataError` before any job starts.
    """
    ex = _EXTRACTORS.get(sources.key)
    if ex is not None:
        return ex
    with _LOCK:
        if sources.key not in _EXTRACTORS:
            from ._gazet import Extractor

            if len(_EXTRACTORS) >= _KEEP:
                _EXTRACTORS.clear()
            _EXTRACTORS[sources.key] = Extractor.from_sources(
                list(sources.gazetteers), list(sources.rules), sources.default_data
            )
        return _EXTRACTORS[sources.key]


def batch_rows(
    pdf: Any,
    sources: Sources,
    text: str = "text",
    id: Optional[str] = None,
    date: Optional[str] = None,
    lang: Optional[str] = None,
    id_prefix: str = "",
) -> Rows:
    """The rows of the three tables for the documents of the pandas DataFrame ``pdf``.

    ``text``, ``id``, ``date`` and ``lang`` name its columns (all but ``text`` optional).
    A document's id is its ``id`` value as a string (None where null), else
    ``id_prefix`` + its position in ``pdf``. Null, empty and blank texts give no rows.
    A malformed lang or date raises ValueError.
    """
    texts = pdf[text].tolist()
    ids, dates, langs = (_values(pdf, c, len(texts)) for c in (id, date, lang))
    keep = [i for i, t in enumerate(texts) if not _null(t) and str(t).strip()]
    items = ((str(texts[i]), _lang(langs[i]), _date(dates[i])) for i in keep)
    docs = extractor(sources).pipe(items, threads=1)
    ents: List[tuple] = []
    ments: List[tuple] = []
    rels: List[tuple] = []
    for i, doc in zip(keep, docs):
        doc_id = f"{id_prefix}{i}" if id is None else (None if _null(ids[i]) else str(ids[i]))
        e, m, r = rows(doc, doc_id)
        ents += e
        ments += m
        rels += r
    return ents, ments, rels


def _values(pdf: Any, column: Optional[str], n: int) -> Sequence[Any]:
    """The values of ``column`` of ``pdf``, or ``n`` Nones when there is no column."""
    return [None] * n if column is None else pdf[column].tolist()


def _null(v: Any) -> bool:
    """Whether ``v`` is a missing value: None, NaN, NaT or pandas.NA."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return True
    try:
        import pandas as pd

        return v is pd.NA or v is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def _lang(v: Any) -> Optional[str]:
    """A lang value for ``pipe``: None when missing or blank."""
    if _null(v):
        return None
    s = str(v).strip().lower()
    return s or None


def _date(v: Any) -> Any:
    """A date value for ``pipe``: None when missing or blank; a date-time string loses its time."""
    if _null(v):
        return None
    if not isinstance(v, str):
        return v  # datetime.date, datetime.datetime, pandas.Timestamp: isoformat()
    s = v.strip()
    if len(s) > 10 and s[10] in "T ":
        s = s[:10]
    return s or None


def combined_frame(table_rows: Rows) -> Any:
    """One pandas DataFrame of the three tables' rows: ``table`` and the union of their
    columns (None where a table has no such column); ints as Int64, strings as string."""
    import pandas as pd

    data: Dict[str, list] = {c: [] for c in COMBINED_COLUMNS}
    for table, rs in zip(TABLES, table_rows):
        cols = TABLE_COLUMNS[table]
        data["table"] += [table] * len(rs)
        for j, c in enumerate(cols):
            data[c] += [r[j] for r in rs]
        for c in COMBINED_COLUMNS[1:]:
            if c not in cols:
                data[c] += [None] * len(rs)
    return pd.DataFrame({c: pd.array(v, dtype=dtype(c)) for c, v in data.items()})


def dtype(column: str) -> str:
    """The pandas dtype of a column of the combined table."""
    return "Int64" if column in INT_COLUMNS else "string"
