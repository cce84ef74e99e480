"""gazet as a spaCy pipeline component: ``nlp.add_pipe("gazet")``.

The component runs gazet on ``doc.text`` and sets

* ``doc.ents``: one span per gazet mention, mapped from character offsets onto the
  spaCy tokens (a mention inside a token grows to the whole token), overlaps resolved
  as :func:`spacy.util.filter_spans` does (the longest span wins, then the first);
  ``ent.kb_id_`` is the gazet entity id (``person:vladimir-putin``);
* ``doc._.relations``: the gazet relations (``gazet.Relation``; their offsets are
  character offsets of ``doc.text``, like spaCy's);
* ``doc._.gazet``: the whole ``gazet.Document``.

Labels follow spaCy's English models (OntoNotes): PERSON → ``PERSON``, COUNTRY →
``GPE``, a LOCATION that is a city or a territory (ids ``city:…``, ``country:…``) →
``GPE`` and any other LOCATION (regions, seas, venues, places the name finder found) →
``LOC``, ORGANIZATION → ``ORG``, EVENT → ``EVENT``; a demonym naming a country
("Russische", "Dutch", "de Russen") is ``NORP``. Pass ``labels`` (keys: the gazet
types, ``GPE_LOCATION`` and ``NORP``) to change the mapping.

>>> import spacy
>>> nlp = spacy.blank("nl")
>>> _ = nlp.add_pipe("gazet")
>>> doc = nlp("Poetin en Trump ontmoetten elkaar in Hamburg.")
>>> [(e.text, e.label_, e.kb_id_) for e in doc.ents][:1]
[('Poetin', 'PERSON', 'person:vladimir-putin')]

Config: ``gazetteers`` and ``rules`` (lists of paths), ``default_data`` (bool),
``labels`` (a dict from gazet type, or ``NORP``, to label), ``overwrite_ents`` (bool:
replace entities an earlier component set, or keep them and add only what does not
overlap them), ``threads`` (for ``nlp.pipe``), ``lang`` ("nl", "en", or None: the
pipeline's language when it is one of them, else detected per text).
"""

from typing import Any, Dict, Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import Extractor

LABELS: Dict[str, str] = {
    "PERSON": "PERSON",
    "COUNTRY": "GPE",
    "LOCATION": "LOC",
    "ORGANIZATION": "ORG",
    "EVENT": "EVENT",
    "NORP": "NORP",
    "GPE_LOCATION": "GPE",
}
DEMONYM_KINDS = ("adj", "people")

for _name in ("relations", "gazet"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class GazetComponent:
    """Sets ``doc.ents``, ``doc._.relations`` and ``doc._.gazet`` (see the module)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "gazet",
        gazetteers: Optional[List[str]] = None,
        rules: Optional[List[str]] = None,
        default_data: bool = True,
        labels: Optional[Dict[str, str]] = None,
        overwrite_ents: bool = True,
        threads: Optional[int] = None,
        lang: Optional[str] = None,
    ) -> None:
        self.name = name
        self.extractor = Extractor(
            gazetteers=list(gazetteers or []), rules=list(rules or []), default_data=default_data
        )
        self.labels = {**LABELS, **(labels or {})}
        self.overwrite_ents = overwrite_ents
        self.threads = threads
        self.lang = lang or (nlp.lang if nlp.lang in ("nl", "en") else None)

    def __call__(self, doc: Doc) -> Doc:
        return self.apply(doc, self.extractor.extract(doc.text, lang=self.lang))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Extracts on Rust threads, ``batch_size`` documents at a time."""
        batch: List[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        yield from self._batch(batch)

    def _batch(self, docs: List[Doc]) -> Iterator[Doc]:
        texts = [d.text for d in docs]
        found = self.extractor.pipe(texts, threads=self.threads, batch_size=len(texts) or 1,
                                    lang=self.lang)
        for doc, g in zip(docs, found):
            yield self.apply(doc, g)

    def apply(self, doc: Doc, g: Any) -> Doc:
        """Sets the entities and relations of gazet document ``g`` on ``doc``."""
        spans = []
        for e in g.entities:
            for m in e.mentions:
                kind = label_key(e.type, e.id, m.kind)
                span = doc.char_span(m.start, m.end, label=self.labels.get(kind, kind),
                                     kb_id=e.id, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        if self.overwrite_ents:
            doc.ents = filter_spans(spans)
        else:
            kept = list(doc.ents)
            taken = {i for s in kept for i in range(s.start, s.end)}
            new = [s for s in filter_spans(spans) if not taken.intersection(range(s.start, s.end))]
            doc.ents = sorted(kept + new, key=lambda s: s.start)
        doc._.relations = g.relations
        doc._.gazet = g
        return doc


def label_key(etype: str, eid: str, mention_kind: str) -> str:
    """The key of ``LABELS`` for a mention of an entity."""
    if etype == "COUNTRY" and mention_kind in DEMONYM_KINDS:
        return "NORP"
    if etype == "LOCATION" and eid.startswith(("city:", "country:")):
        return "GPE_LOCATION"
    return etype


@Language.factory(
    "gazet",
    default_config={
        "gazetteers": [],
        "rules": [],
        "default_data": True,
        "labels": {},
        "overwrite_ents": True,
        "threads": None,
        "lang": None,
    },
)
def make_gazet(
    nlp: Language,
    name: str,
    gazetteers: List[str],
    rules: List[str],
    default_data: bool,
    labels: Dict[str, str],
    overwrite_ents: bool,
    threads: Optional[int],
    lang: Optional[str],
) -> GazetComponent:
    """The ``gazet`` factory of spaCy's registry."""
    return GazetComponent(nlp, name, gazetteers, rules, default_data, labels, overwrite_ents,
                          threads, lang)


__all__ = ["GazetComponent", "LABELS", "Span", "make_gazet"]
