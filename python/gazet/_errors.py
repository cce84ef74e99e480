"""The exception gazet raises for bad data files."""

from typing import Optional


class DataError(ValueError):
    """A gazetteer or rule file gazet cannot read.

    ``file``, ``line`` and ``column`` (1-based) name the place, when the error has one:

    >>> try:
    ...     Extractor(gazetteers=["mine.tsv"])
    ... except DataError as e:
    ...     print(e.file, e.line, e.column, e)          # doctest: +SKIP
    mine.tsv 14 9 mine.tsv:14:9: unknown entity type "PERSN"
    """

    def __init__(
        self,
        message: str,
        file: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        place = f"{file}:{line}:{column}: " if file is not None else ""
        super().__init__(place + message)
