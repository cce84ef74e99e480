"""gazet: entities and relations from Dutch and English news text.

Who and what a news article mentions (people, countries, places, organizations,
events such as APEC or the G20) and how they relate: who meets whom, who could help
with what, who visits where, who holds which post, who attends which summit, who said
what, who is in conflict with whom. Rule-based and explainable: every result points
to its span and to the gazetteer entry or rule that made it. The work is done in Rust.

>>> import gazet
>>> ex = gazet.Extractor()
>>> doc = ex.extract("Poetin en Trump ontmoetten elkaar in juli in Hamburg.")
>>> [r.label for r in doc.relations]
['met']

Offsets in the Python API count characters (``doc.text[m.start:m.end] == m.text``);
the byte offsets of the JSON contract are beside them (``m.start_byte``).
"""

from ._errors import DataError
from ._gazet import (
    Argument,
    Document,
    Entity,
    Evidence,
    Extractor,
    Link,
    Mention,
    Pipe,
    Relation,
    Span,
    Time,
    __version__,
)
from .frames import Frames, to_frames

__all__ = [
    "Argument",
    "DataError",
    "Document",
    "Entity",
    "Evidence",
    "Extractor",
    "Frames",
    "Link",
    "Mention",
    "Pipe",
    "Relation",
    "Span",
    "Time",
    "__version__",
    "to_frames",
]
