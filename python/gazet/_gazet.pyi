"""Type stubs of gazet's native module (PyO3)."""

import datetime
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from .frames import Frames

DateLike = Union[str, datetime.date, None]
Item = Union[str, Tuple[str, Optional[str], DateLike]]

__version__: str

class Extractor:
    """Finds entities and relations in Dutch and English news text."""

    def __init__(
        self,
        gazetteers: Optional[List[str]] = None,
        rules: Optional[List[str]] = None,
        default_data: bool = True,
    ) -> None: ...
    @staticmethod
    def from_sources(
        gazetteers: List[Tuple[str, str]],
        rules: List[Tuple[str, str]],
        default_data: bool = True,
    ) -> Extractor: ...
    def extract(self, text: str, lang: Optional[str] = None, date: DateLike = None) -> Document: ...
    def pipe(
        self,
        texts: Iterable[Item],
        threads: Optional[int] = None,
        batch_size: int = 256,
        lang: Optional[str] = None,
        date: DateLike = None,
    ) -> Pipe: ...
    def rules(self) -> List[Dict[str, Any]]: ...
    def explain(self, text: str, lang: Optional[str] = None) -> str: ...

class Pipe(Iterator[Document]):
    def __iter__(self) -> Pipe: ...
    def __next__(self) -> Document: ...

class Document:
    @property
    def text(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def date(self) -> Optional[str]: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def entities(self) -> List[Entity]: ...
    @property
    def relations(self) -> List[Relation]: ...
    def entity(self, id: str) -> Optional[Entity]: ...
    def to_json(self, offsets: str = "bytes") -> str: ...
    def to_dict(self, offsets: str = "bytes") -> Dict[str, Any]: ...
    def to_pandas(self) -> Frames: ...

class Entity:
    id: str
    name: str
    type: str
    qid: Optional[str]
    rule: Optional[str]
    mentions: List[Mention]

class Mention:
    start: int
    end: int
    start_byte: int
    end_byte: int
    text: str
    sentence: int
    kind: str

class Argument:
    role: str
    entity: str
    name: Optional[str]

class Span:
    start: int
    end: int
    start_byte: int
    end_byte: int
    text: str

class Time:
    text: str
    value: str
    start: int
    end: int
    start_byte: int
    end_byte: int

class Link:
    entity: str
    via: str
    span: Optional[Span]

class Evidence:
    sentence: int
    span: Span
    rule: str

class Relation:
    type: str
    label: str
    args: List[Argument]
    modality: str
    tense: str
    time: Optional[Time]
    place: Optional[str]
    event: Optional[str]
    title: Optional[str]
    sentence: int
    evidence: Span
    rule: str
    links: List[Link]
    evidences: List[Evidence]
    def ids(self, role: str) -> List[str]: ...
