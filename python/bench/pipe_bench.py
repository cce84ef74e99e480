#!/usr/bin/env python3
"""gazet from Python against gazet in Rust and spaCy's EntityRuler, in one run.

Usage, from the repository root, with the venv where ``pip install ./python`` put gazet
(and spaCy, for the EntityRuler row):

    python3 ../shared/bench/make_data.py target/bench-data     # once: text and gazetteers
    target/py-venv/bin/python python/bench/pipe_bench.py [--text FILE] [--gazetteer FILE]
        [--limit-bytes N] [--repeat N]

Text: one document per line (default ``target/bench-data/bench-nl-5mb.txt``, the Dutch
treebank as paragraphs). Rows:

* ``full``: the whole pipeline with the bundled data — Rust (``benches/throughput.rs``,
  one ``extract_with`` a document on one thread, ``extract_many`` on two) against
  ``Extractor.pipe(texts, threads=N)``; the ratio is Python ÷ Rust.
* ``match``: the bench gazetteer alone (``--gazetteer``, default ``gaz-10k.tsv``, in the
  bench format ``TYPE<TAB>name``), matched case-insensitively, no rules, no name
  finder — gazet in Rust, gazet from Python, and spaCy's ``EntityRuler`` (``blank("nl")``,
  ``phrase_matcher_attr="LOWER"``, the same entries, ``nlp.pipe``).

Each figure is the best of ``--repeat`` runs; MB means 10^6 bytes of UTF-8 text.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

import gazet

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benches" / "compare"))
import run_py  # noqa: E402  (read_docs, read_gazetteer, build_spacy: the compare harness's)

TYPES = {"PER": "PERSON", "LOC": "LOCATION", "CITY": "LOCATION", "ORG": "ORGANIZATION",
         "EVENT": "EVENT"}


def gazet_source(entries):
    """The bench entries in gazet's format, as benches/bench_data.rs converts them."""
    lines = []
    for i, (ty, name) in enumerate(entries, 1):
        lines.append(f"entity\tbench:{i}\t{TYPES[ty]}\t{name}")
        lines.append(f"alias\t*\tname\t{name}\tci,noinfl")
    return "\n".join(lines) + "\n"


def best(run, repeat):
    """The shortest of `repeat` timings of run(), and its result."""
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - t)
    return min(times), out


def rust(mode, threads, gazetteer, text, limit):
    """One run of the Rust throughput program (built by cargo if needed)."""
    exe = ROOT / "target" / "release" / "examples" / "throughput"
    if not exe.exists():
        subprocess.run(["cargo", "build", "--release", "-p", "gazet-bench", "--example",
                        "throughput"], cwd=ROOT, check=True)
    cmd = [str(exe), "--mode", mode, "--threads", str(threads), "--lang", "nl"]
    if gazetteer:
        cmd += ["--gazetteer", str(gazetteer)]
    if limit:
        cmd += ["--limit-bytes", str(limit)]
    out = subprocess.run(cmd + [str(text)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["seconds"]


def measure(args):
    docs = run_py.read_docs(str(args.text), args.limit_bytes)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    entries = run_py.read_gazetteer(str(args.gazetteer))
    rows = []

    def add(system, mode, threads, seconds, rust_seconds=None):
        ratio = rust_seconds / seconds if rust_seconds else None
        rows.append((system, mode, threads, mb / seconds, ratio))

    full = gazet.Extractor()
    match = gazet.Extractor.from_sources([("bench.tsv", gazet_source(entries))], [],
                                         default_data=False)
    for mode, ex, gaz in (("full", full, None), ("match", match, args.gazetteer)):
        for threads in (1, 2):
            r = min(rust(mode, threads, gaz, args.text, args.limit_bytes)
                    for _ in range(args.repeat))
            add("gazet, Rust", mode, threads, r)
            p, _ = best(lambda: sum(1 for _ in ex.pipe(docs, threads=threads, lang="nl")),
                        args.repeat)
            add("gazet, Python pipe", mode, threads, p, r)
    if args.spacy:
        spacy_run = run_py.build_spacy(entries)
        s, _ = best(lambda: spacy_run(docs), 1)
        add("spaCy EntityRuler", "match", 1, s)
    return docs, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    data = ROOT / "target" / "bench-data"
    ap.add_argument("--text", type=pathlib.Path, default=data / "bench-nl-5mb.txt")
    ap.add_argument("--gazetteer", type=pathlib.Path, default=data / "gaz-10k.tsv")
    ap.add_argument("--limit-bytes", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-spacy", dest="spacy", action="store_false")
    args = ap.parse_args()
    docs, rows = measure(args)
    print(f"{len(docs)} documents from {args.text.name}; gazetteer {args.gazetteer.name}; "
          f"{os.cpu_count()} cores; gazet {gazet.__version__}")
    print("| system | mode | threads | MB/s | Python ÷ Rust |")
    print("| --- | --- | --- | --- | --- |")
    for system, mode, threads, rate, ratio in rows:
        r = f"{ratio:.2f}" if ratio else ""
        print(f"| {system} | {mode} | {threads} | {rate:.1f} | {r} |")


if __name__ == "__main__":
    main()
