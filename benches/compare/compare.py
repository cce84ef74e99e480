#!/usr/bin/env python3
"""Compare gazet with FlashText and spaCy on the same text and the same gazetteers.

Usage, from the repository root (Python 3.11, standard library only; needs cargo and
network access to PyPI on the first run):

    python3 benches/compare/compare.py [--quick] [--big [--spacy-big]] [--repeat N]
                                       [--text FILE]

What it does, in one go:
  1. creates the venv target/compare-venv with benches/compare/requirements.txt (again
     whenever that file changes);
  2. builds the bench data in target/bench-data with $GAZET_SHARED/bench/make_data.py if
     a file is missing (GAZET_SHARED defaults to ../shared, relative to the repository);
  3. builds gazet's side, `cargo build --release -p gazet-bench --example throughput`;
  4. runs, one after the other and each in its own process on one core:
     gazet match / entities / full with the default data, gaz-real (396 entries) and
     gaz-10k; FlashText and spaCy's EntityRuler with gaz-real and gaz-10k; with --big
     also gazet (match) and FlashText with gaz-100k and gaz-1m, and with --spacy-big
     spaCy with those too (about 100 s and 6 GB at 1M entries);
  5. prints a Markdown table (build time, memory, MB/s, matches and the ratio of gazet's
     matching-only throughput to each row's, for the same gazetteer) and the machine,
     and writes everything to target/compare/results.json (and the table to
     target/compare/results.md).

The text is bench-nl-5mb.txt (one document per line); --quick reads its first 1 MB for
a smoke run. --repeat N runs every measurement N times and keeps the fastest run. MB
means 10^6 bytes. The machine is not reserved: the load average before and after is
reported, so that a busy machine shows.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = (REPO / os.environ.get("GAZET_SHARED", "../shared")).resolve()
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
DATA = REPO / "target" / "bench-data"
VENV = REPO / "target" / "compare-venv"
OUT = REPO / "target" / "compare"
REQUIREMENTS = HERE / "requirements.txt"
DATA_FILES = ["bench-nl-5mb.txt", "bench-nl-50mb.txt", "gaz-10k.tsv", "gaz-100k.tsv", "gaz-1m.tsv"]
QUICK_BYTES = 1_000_000


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    """Runs a command, failing loudly with its output if it fails."""
    log("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run(cmd, check=True, **kw)


# --- setup -------------------------------------------------------------------------


def venv_python():
    return VENV / "bin" / "python"


def ensure_venv():
    """Creates the venv and installs the pinned requirements when they changed."""
    marker = VENV / "installed-requirements.txt"
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    if not venv_python().exists():
        run([sys.executable, "-m", "venv", str(VENV)])
    if marker.exists() and marker.read_text(encoding="utf-8") == wanted:
        return
    run([str(venv_python()), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)])
    marker.write_text(wanted, encoding="utf-8")


def ensure_data():
    """Builds the bench corpus and synthetic gazetteers if any file is missing."""
    if all((DATA / f).exists() for f in DATA_FILES):
        return
    make_data = SHARED / "bench" / "make_data.py"
    if not make_data.exists():
        sys.exit(f"compare: {make_data} not found; set GAZET_SHARED to the shared folder")
    run([sys.executable, str(make_data), str(DATA)])


def build_gazet():
    run(["cargo", "build", "--release", "-p", "gazet-bench", "--example", "throughput"], cwd=REPO)
    return TARGET / "release" / "examples" / "throughput"


def gazetteer_path(name):
    """The bench gazetteer file for a short name ("real", "10k", ...)."""
    if name == "real":
        return SHARED / "bench" / "gaz-real.tsv"
    return DATA / f"gaz-{name}.tsv"


# --- the runs ----------------------------------------------------------------------


def plan(args):
    """The (system, mode, gazetteer) triples to run, in order; gazetteer None is gazet's
    default data."""
    runs = [("gazet", m, g) for g in (None, "real", "10k") for m in ("match", "entities", "full")]
    runs += [(s, "match", g) for s in ("flashtext", "spacy") for g in ("real", "10k")]
    if args.big:
        runs += [(s, "match", g) for s in ("gazet", "flashtext") for g in ("100k", "1m")]
    if args.big and args.spacy_big:
        runs += [("spacy", "match", g) for g in ("100k", "1m")]
    return runs


def command(system, mode, gaz, gazet_bin, text, limit):
    """The command line measuring one system."""
    opts = ["--limit-bytes", str(limit)] if limit else []
    if system == "gazet":
        opts += ["--gazetteer", str(gazetteer_path(gaz))] if gaz else []
        return [str(gazet_bin), "--mode", mode, "--lang", "nl", *opts, str(text)]
    py = [str(venv_python()), str(HERE / "run_py.py")]
    return [*py, system, str(gazetteer_path(gaz)), str(text), *opts]


def measure(cmd, repeat):
    """Runs `cmd` `repeat` times; the parsed JSON line of the fastest run, or an error
    record."""
    best = None
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    for _ in range(repeat):
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if p.returncode != 0:
            return {"error": p.stderr.strip()[-2000:] or f"exit {p.returncode}"}
        r = json.loads(p.stdout.strip().splitlines()[-1])
        if best is None or r["mb_per_s"] > best["mb_per_s"]:
            best = r
    return best


def run_all(args, gazet_bin, text, limit):
    results = []
    for system, mode, gaz in plan(args):
        log(f"-- {system} {mode} {gaz or 'default'}")
        r = measure(command(system, mode, gaz, gazet_bin, text, limit), args.repeat)
        r.update(system=system, mode=mode, gazetteer_name=gaz or "default")
        if "error" in r:
            log(f"   FAILED: {r['error']}")
        else:
            log(f"   {r['mb_per_s']:.2f} MB/s, build {r['build_s']:.2f} s")
        results.append(r)
    return results


# --- report ------------------------------------------------------------------------


def add_ratios(results):
    """Sets `ratio`: gazet's matching-only MB/s over the row's, for the same gazetteer."""
    gazet = {r["gazetteer_name"]: r["mb_per_s"] for r in results
             if r["system"] == "gazet" and r["mode"] == "match" and "error" not in r}
    for r in results:
        base = gazet.get(r["gazetteer_name"])
        if base and "error" not in r and r["mb_per_s"] > 0:
            r["ratio"] = round(base / r["mb_per_s"], 2)


def table(results):
    head = ["system", "mode", "gazetteer", "entries", "build s", "build mem MB",
            "peak RSS MB", "MB/s", "matches", "gazet match ÷ this"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        if "error" in r:
            cells = [r["system"], r["mode"], r["gazetteer_name"], "failed"] + [""] * 6
        else:
            cells = [r["system"], r["mode"], r["gazetteer_name"], f"{r['entries']:,}",
                     f"{r['build_s']:.2f}", f"{r['build_peak_mb_delta']:.0f}",
                     f"{r['peak_rss_mb']:.0f}", f"{r['mb_per_s']:.2f}", f"{r['mentions']:,}",
                     f"{r['ratio']:.2f}×" if "ratio" in r else "–"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine(results):
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True, cwd=REPO)
    versions = {r["system"]: r["version"] for r in results if "version" in r}
    return {"cores": os.cpu_count(), "cpu": cpu_model(), "rustc": rustc.stdout.strip(),
            "python": platform.python_version(), "os": platform.platform(),
            "spacy": versions.get("spacy"), "flashtext": versions.get("flashtext")}


def report(args, text, limit, results, load):
    add_ratios(results)
    m = machine(results)
    first = next((r for r in results if "error" not in r), {})
    summary = (f"Text: {text.name}{' (first 1 MB)' if limit else ''}, {first.get('docs', 0):,} "
               f"documents, {first.get('bytes', 0):,} bytes; one process per row, one core.\n"
               f"Machine: {m['cores']} cores, {m['cpu']}; {m['rustc']}; Python {m['python']}, "
               f"spaCy {m['spacy']}, FlashText {m['flashtext']}; load average "
               f"{load[0]:.2f} before, {load[1]:.2f} after; best of {args.repeat}.")
    md = table(results) + "\n\n" + summary + "\n"
    print(md)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.md").write_text(md, encoding="utf-8")
    doc = {"machine": m, "text": str(text), "limit_bytes": limit, "repeat": args.repeat,
           "load_before": load[0], "load_after": load[1],
           "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "results": results}
    (OUT / "results.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {OUT / 'results.json'} and {OUT / 'results.md'}")


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="only the first 1 MB of the text")
    ap.add_argument("--big", action="store_true", help="also the 100k and 1M gazetteers")
    ap.add_argument("--spacy-big", action="store_true", help="with --big: spaCy on them too")
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement; keep the fastest")
    ap.add_argument("--text", type=Path, help="text file, one document per line "
                    "(default target/bench-data/bench-nl-5mb.txt)")
    args = ap.parse_args()
    if args.spacy_big and not args.big:
        ap.error("--spacy-big needs --big")
    if args.repeat < 1:
        ap.error("--repeat takes a positive number")
    return args


def main():
    args = parse_args()
    ensure_venv()
    ensure_data()
    gazet_bin = build_gazet()
    text = (args.text or DATA / "bench-nl-5mb.txt").resolve()
    limit = QUICK_BYTES if args.quick else None
    load_before = os.getloadavg()[0]
    results = run_all(args, gazet_bin, text, limit)
    report(args, text, limit, results, (load_before, os.getloadavg()[0]))
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
