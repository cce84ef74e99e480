"""Tidy tables of gazet documents: entities, mentions and relations.

One schema for pandas (:func:`to_frames`, ``Document.to_pandas``), Spark
(:mod:`gazet.spark`) and Dask (:mod:`gazet.dask`). Offsets count characters.

``entities``: doc_id, entity_id, name, type, qid, rule, mentions (their count)

``mentions``: doc_id, entity_id, start, end, start_byte, end_byte, text, sentence, kind

``relations`` (one row per relation): doc_id, relation (its index in the document),
type, label, modality, tense, arg1_role, arg1_id, arg1_name, arg2_role, arg2_id,
arg2_name, arg3_role, arg3_id, arg3_name, more_args (``role=id`` pairs after the
third, joined by ``;``, else empty), time_text, time_value, place, event, title,
sentence, evidence_start, evidence_end, evidence_text, rule

>>> import gazet
>>> doc = gazet.Extractor().extract("Poetin en Trump ontmoetten elkaar in Hamburg.")
>>> frames = gazet.to_frames([doc], ids=["a1"])
>>> frames.relations[["type", "arg1_name", "arg2_name"]].values.tolist()
[['meeting', 'Vladimir Putin', 'Donald Trump']]
"""

from typing import Any, Iterable, List, NamedTuple, Optional, Sequence, Tuple

ENTITY_COLUMNS = ["doc_id", "entity_id", "name", "type", "qid", "rule", "mentions"]
MENTION_COLUMNS = [
    "doc_id", "entity_id", "start", "end", "start_byte", "end_byte", "text", "sentence", "kind",
]
ARG_SLOTS = 3
RELATION_COLUMNS = (
    ["doc_id", "relation", "type", "label", "modality", "tense"]
    + [f"arg{i}_{x}" for i in range(1, ARG_SLOTS + 1) for x in ("role", "id", "name")]
    + ["more_args", "time_text", "time_value", "place", "event", "title", "sentence"]
    + ["evidence_start", "evidence_end", "evidence_text", "rule"]
)


class Frames(NamedTuple):
    """The three tables of a set of documents."""

    entities: Any
    mentions: Any
    relations: Any


Rows = Tuple[List[tuple], List[tuple], List[tuple]]


def rows(doc: Any, doc_id: Any) -> Rows:
    """The rows of one document for the three tables, as tuples in column order."""
    ents, ments, rels = [], [], []
    for e in doc.entities:
        ents.append((doc_id, e.id, e.name, e.type, e.qid, e.rule, len(e.mentions)))
        for m in e.mentions:
            ments.append(
                (doc_id, e.id, m.start, m.end, m.start_byte, m.end_byte, m.text, m.sentence, m.kind)
            )
    for i, r in enumerate(doc.relations):
        args: list = []
        for a in r.args[:ARG_SLOTS]:
            args += [a.role, a.entity, a.name]
        args += [None] * (3 * ARG_SLOTS - len(args))
        more = ";".join(f"{a.role}={a.entity}" for a in r.args[ARG_SLOTS:])
        t = r.time
        rels.append(
            (doc_id, i, r.type, r.label, r.modality, r.tense, *args, more,
             t.text if t else None, t.value if t else None, r.place, r.event, r.title,
             r.sentence, r.evidence.start, r.evidence.end, r.evidence.text, r.rule)
        )
    return ents, ments, rels


def to_frames(docs: Iterable[Any], ids: Optional[Sequence[Any]] = None) -> Frames:
    """pandas DataFrames of ``docs``; ``ids`` name the documents (default: 0, 1, …)."""
    import pandas as pd

    ents: list = []
    ments: list = []
    rels: list = []
    for n, doc in enumerate(docs):
        e, m, r = rows(doc, ids[n] if ids is not None else n)
        ents += e
        ments += m
        rels += r
    return Frames(
        pd.DataFrame(ents, columns=ENTITY_COLUMNS),
        pd.DataFrame(ments, columns=MENTION_COLUMNS),
        pd.DataFrame(rels, columns=RELATION_COLUMNS),
    )
