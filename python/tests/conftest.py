"""Fixtures shared by the Spark and Dask tests: the generated news and its tables
from a single process, made once per session."""

import pytest


@pytest.fixture(scope="session")
def news():
    """3,000 invented documents (see news_corpus.py)."""
    from news_corpus import make_news

    return make_news()


@pytest.fixture(scope="session")
def expected(news):
    """The tables of ``news`` from one process: the reference the cluster runs must equal."""
    from news_corpus import single_process

    return single_process(news)
