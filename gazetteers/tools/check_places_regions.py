#!/usr/bin/env python3
"""Check gazetteer files against gazetteers/FORMAT.md (a small, dependency-free check).

    python3 gazetteers/tools/check_places_regions.py                # places.tsv and regions.tsv
    python3 gazetteers/tools/check_places_regions.py FILE.tsv ...

Errors (exit status 1): unknown record kind, wrong field count, alias/post before any entity,
bad or duplicate id (also across the files checked), unknown type/lang/kind/flag/extra key,
empty form, a form repeated within one entity and language, a canonical name repeated as an
alias without a flag, tabs missing (space-separated fields). The last line reads
"N passed, N failed" (one per file).
"""
import re
import sys
import unicodedata
from pathlib import Path

TYPES = {"PERSON", "COUNTRY", "LOCATION", "ORGANIZATION", "EVENT"}
LANGS = {"*", "en", "nl", "de", "fr"}
KINDS = {"name", "short", "abbr", "partial", "adj", "people"}
FLAGS = {"cs", "cap", "ci", "noinfl"}
ID_RE = re.compile(
    r"^(person|org|event|region|place):[a-z0-9]+(-[a-z0-9]+)*$|^country:[A-Z]{2}$|^city:geonames:[1-9][0-9]*$"
)
EXTRA_RE = {
    "qid": re.compile(r"^Q[1-9][0-9]*$"),
    "pop": re.compile(r"^[0-9]+$"),
    "country": re.compile(r"^country:[A-Z]{2}$"),
}
DATE_RE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower().replace("\u2019", "'"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).split())


def check(path, seen_ids):
    errors = []
    entity = None  # (id, canonical)
    forms = {}     # (lang, fold(form)) -> kind, for the current entity
    counts = {"entity": 0, "alias": 0, "post": 0}

    def err(lineno, msg):
        errors.append(f"{path}:{lineno}: {msg}")

    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        f = line.split("\t")
        kind = f[0]
        if kind not in counts:
            err(lineno, f"unknown record kind {kind.split(' ')[0]!r}" + (" (fields must be tab-separated)" if " " in kind else ""))
            continue
        counts[kind] += 1
        if any(x != x.strip() or x == "" for x in f):
            err(lineno, "empty field or stray whitespace around a field")
        if kind == "entity":
            if len(f) < 4:
                err(lineno, "entity needs: entity, id, TYPE, name [, key=value ...]")
                continue
            eid, etype, name = f[1], f[2], f[3]
            if not ID_RE.match(eid):
                err(lineno, f"bad id {eid!r}")
            if eid in seen_ids:
                err(lineno, f"duplicate id {eid} (first in {seen_ids[eid]})")
            seen_ids.setdefault(eid, f"{path}:{lineno}")
            if etype not in TYPES:
                err(lineno, f"bad type {etype!r}")
            if not name.strip():
                err(lineno, "empty canonical name")
            keys = set()
            for extra in f[4:]:
                key, _, value = extra.partition("=")
                if key not in EXTRA_RE or not EXTRA_RE[key].match(value):
                    err(lineno, f"bad extra {extra!r}")
                if key in keys:
                    err(lineno, f"extra {key} given twice")
                keys.add(key)
            entity, forms = (eid, name), {}
        elif kind == "alias":
            if entity is None:
                err(lineno, "alias before any entity")
                continue
            if len(f) not in (4, 5):
                err(lineno, "alias needs: alias, lang, kind, forms [, flags]")
                continue
            lang, akind, raw = f[1], f[2], f[3]
            if lang not in LANGS:
                err(lineno, f"bad lang {lang!r}")
            if akind not in KINDS:
                err(lineno, f"bad alias kind {akind!r}")
            flags = f[4].split(",") if len(f) == 5 else []
            for flag in flags:
                if flag not in FLAGS:
                    err(lineno, f"bad flag {flag!r}")
            if len([x for x in flags if x in ("cs", "cap", "ci")]) > 1:
                err(lineno, "more than one case flag")
            for form in raw.split("|"):
                if not form.strip():
                    err(lineno, "empty form")
                    continue
                key = fold(form)
                if key == fold(entity[1]) and not flags:
                    err(lineno, f"{form!r} repeats the canonical name without a flag")
                clash = [k for (lg, k2), k in forms.items()
                         if k2 == key and (lg == lang or "*" in (lg, lang))]
                if clash:
                    err(lineno, f"{form!r} given twice for {entity[0]}")
                forms[(lang, key)] = akind
        elif kind == "post":
            if entity is None:
                err(lineno, "post before any entity")
                continue
            if len(f) not in (4, 5, 6) or len(f) > 4 and not all(DATE_RE.match(d) for d in f[4:] if d):
                err(lineno, "post needs: post, title, org-or-country id, from [, to] with ISO dates")
    return errors, counts


def main():
    root = Path(__file__).resolve().parents[1]
    files = sys.argv[1:] or [str(root / "places.tsv"), str(root / "regions.tsv")]
    seen_ids = {}
    passed = failed = 0
    for path in files:
        errors, counts = check(path, seen_ids)
        for e in errors[:50]:
            print(e)
        if len(errors) > 50:
            print(f"... and {len(errors) - 50} more errors in {path}")
        status = "ok" if not errors else f"{len(errors)} errors"
        print(f"{path}: {counts['entity']} entities, {counts['alias']} alias lines, {counts['post']} posts: {status}")
        passed += not errors
        failed += bool(errors)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
