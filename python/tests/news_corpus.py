"""Invented news for the Spark and Dask tests: documents generated from templates of our
own (real politicians, fictional situations), and helpers to compare tables.
"""

import datetime
import numbers
import random
from collections import Counter

import pandas as pd

import gazet

PEOPLE = {
    "nl": ["Rutte", "Macron", "Merkel", "Trump", "Xi Jinping", "Poetin", "Zelensky", "Biden",
           "Scholz", "Erdogan"],
    "en": ["Rutte", "Macron", "Merkel", "Trump", "Xi Jinping", "Putin", "Zelensky", "Biden",
           "Scholz", "Erdogan"],
}
CITIES = {
    "nl": ["Den Haag", "Parijs", "Berlijn", "Washington", "Peking", "Moskou", "Brussel", "Ankara"],
    "en": ["The Hague", "Paris", "Berlin", "Washington", "Beijing", "Moscow", "Brussels", "Ankara"],
}
COUNTRIES = {
    "nl": ["Frankrijk", "Duitsland", "China", "Rusland", "Oekraïne", "Japan", "Canada", "Turkije"],
    "en": ["France", "Germany", "China", "Russia", "Ukraine", "Japan", "Canada", "Turkey"],
}
TEMPLATES = {
    "nl": [
        "{a} sprak {when} met {b} over de handel.",
        "{a} ontmoette {b} in {city}.",
        "{a} bezocht {country} voor overleg over energie.",
        "Volgens {a} is het gesprek met {b} in {city} goed verlopen.",
        "De Amerikaanse president ontmoette {b} in {city}.",
        "{a} en {b} spraken elkaar {when} over de oorlog in Oekraïne.",
    ],
    "en": [
        "{a} met with {b} in {city} {when}.",
        "{a} visited {country} to discuss trade.",
        "{a} spoke with {b} about energy prices.",
        "The American president met {b} in {city}.",
        "{a} and {b} talked about the war in Ukraine {when}.",
    ],
}
WHEN = {"nl": ["gisteren", "dinsdag", "in juli", "vorige week"],
        "en": ["on Tuesday", "yesterday", "in July", "last week"]}
DATES = [None, "2018-06-01", "2022-03-15", datetime.date(2019, 11, 10), "2016-05"]


def sentence(rng, lang):
    """One invented news sentence."""
    a, b = rng.sample(PEOPLE[lang], 2)
    return rng.choice(TEMPLATES[lang]).format(
        a=a, b=b, city=rng.choice(CITIES[lang]), country=rng.choice(COUNTRIES[lang]),
        when=rng.choice(WHEN[lang]))


def make_news(n=3000, seed=11):
    """``n`` documents as dicts (id, text, lang, date); every 97th text is missing or blank."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        lang = rng.choice(["nl", "en"])
        text = " ".join(sentence(rng, lang) for _ in range(rng.randint(1, 3)))
        if i % 97 == 5:
            text = [None, "", "   \n"][i % 3]
        docs.append({"id": f"n{i}", "text": text, "lang": lang, "date": rng.choice(DATES)})
    return docs


def single_process(docs, with_meta=False):
    """The reference: gazet.to_frames over Extractor().pipe of the non-null texts."""
    docs = [d for d in docs if d["text"] is not None]
    items = [(d["text"], d["lang"], d["date"]) if with_meta else d["text"] for d in docs]
    return gazet.to_frames(gazet.Extractor().pipe(items), ids=[d["id"] for d in docs])


def norm(v):
    """A cell as a plain Python value: None for missing, int for integers."""
    if v is None or (pd.api.types.is_scalar(v) and pd.isna(v)):
        return None
    return int(v) if isinstance(v, numbers.Integral) else v


def pandas_rows(df):
    return Counter(tuple(norm(v) for v in row) for row in df.itertuples(index=False, name=None))


def spark_rows(sdf):
    return Counter(tuple(norm(v) for v in row) for row in sdf.collect())


def as_date(v):
    """A date value as a datetime.date ("YYYY-MM" is the 1st of the month)."""
    if v is None or isinstance(v, datetime.date):
        return v
    return datetime.date.fromisoformat((v + "-01")[:10])
