#!/usr/bin/env python3
"""One Python matcher on one gazetteer and one text, measured in its own process.

Usage (with the venv's python, which compare.py sets up):
    run_py.py flashtext|spacy GAZETTEER.tsv TEXT_FILE [--limit-bytes N]

GAZETTEER.tsv is the bench format of ../shared/bench (``TYPE<TAB>name``); TEXT_FILE holds
one document per line (empty lines skipped). Matching is case-insensitive in both
systems: FlashText ``KeywordProcessor(case_sensitive=False)`` with ``extract_keywords``
per document, spaCy ``blank("nl")`` + ``entity_ruler`` with ``phrase_matcher_attr="LOWER"``
over ``nlp.pipe`` (tokenizing and matching). Prints one JSON line with the same fields
as gazet's ``benches/throughput.rs``; MB means 10^6 bytes.
"""

import argparse
import json
import os
import time
from importlib.metadata import version


def proc_status_kb(key):
    """A field of /proc/self/status in kB (VmRSS, VmHWM), 0 where unavailable."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def kb_to_mb(kb):
    return kb * 1024 / 1e6


def read_gazetteer(path):
    """The (TYPE, name) pairs of a bench gazetteer."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.strip() and not line.startswith("#"):
                ty, name = line.split("\t", 1)
                entries.append((ty, name.strip()))
    return entries


def read_docs(path, limit=None):
    """The non-empty lines; with a limit only the whole lines (newline included) that
    fit in the first `limit` bytes, exactly as benches/throughput.rs reads them."""
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    limit = limit or float("inf")
    used, docs = 0, []
    for raw in lines:
        used += len(raw) + 1
        if used > limit:
            break
        line = raw.rstrip(b"\r").decode("utf-8")
        if line.strip():
            docs.append(line)
    return docs


def build_flashtext(entries):
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for _, name in entries:
        kp.add_keyword(name)
    return lambda docs: sum(len(kp.extract_keywords(d)) for d in docs)


def build_spacy(entries):
    import spacy

    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([{"label": ty, "pattern": name} for ty, name in entries])
    return lambda docs: sum(len(d.ents) for d in nlp.pipe(docs, batch_size=256))


BUILDERS = {"flashtext": build_flashtext, "spacy": build_spacy}


def warm_imports(system):
    """Imports the library before the baseline is taken, so that the build's memory
    growth is the matcher's, not the interpreter's loading of the package."""
    if system == "spacy":
        import spacy  # noqa: F401

        spacy.blank("nl")
    else:
        import flashtext  # noqa: F401


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("system", choices=sorted(BUILDERS))
    ap.add_argument("gazetteer")
    ap.add_argument("text")
    ap.add_argument("--limit-bytes", type=int, default=None)
    a = ap.parse_args()

    warm_imports(a.system)
    rss_before = proc_status_kb("VmRSS")
    t0 = time.perf_counter()
    entries = read_gazetteer(a.gazetteer)
    run = BUILDERS[a.system](entries)
    build_s = time.perf_counter() - t0
    build_peak = proc_status_kb("VmHWM") - rss_before
    build_rss = proc_status_kb("VmRSS") - rss_before

    docs = read_docs(a.text, a.limit_bytes)
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    t1 = time.perf_counter()
    matches = run(docs)
    seconds = time.perf_counter() - t1

    print(json.dumps({
        "system": a.system, "mode": "match", "gazetteer": os.path.basename(a.gazetteer),
        "entries": len(entries), "build_s": round(build_s, 3),
        "build_peak_mb_delta": round(kb_to_mb(max(build_peak, 0)), 1),
        "build_rss_mb_delta": round(kb_to_mb(max(build_rss, 0)), 1),
        "threads": 1, "docs": len(docs), "bytes": nbytes, "seconds": round(seconds, 3),
        "mb_per_s": round(nbytes / 1e6 / max(seconds, 1e-9), 3),
        "entities": matches, "mentions": matches,
        "peak_rss_mb": round(kb_to_mb(proc_status_kb("VmHWM")), 1),
        "version": version(a.system),
    }))


if __name__ == "__main__":
    main()
