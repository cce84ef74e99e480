#!/usr/bin/env python3
"""Sample the name finder's entities on the treebank text, for judging precision.

Runs the extractor over `../shared/corpora/{nl,en}-ud.txt` (one sentence per line;
read at run time, never copied into the project), one batch of lines per call, and
collects every entity the name finder made (`rule` set). Prints a random sample as a
judging sheet: id, language, type, rule, name and the sentence around it.

    python3 scripts/finder_sample.py --per-lang 100 --seed 7 > /tmp/sheet.tsv

A judge marks each row `ok` (a name of that type, with the right extent) or `no`;
`--score FILE` reads the judged sheet (last column) and prints precision per
language, type and rule.
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
BATCH = 40  # lines per document: short enough that documents stay apart


def found_in(lang, bin_path):
    """Every finder entity of the corpus: (lang, type, rule, name, sentence)."""
    lines = open(os.path.join(CORPORA, f"{lang}-ud.txt"), encoding="utf-8").read().splitlines()
    out = []
    for i in range(0, len(lines), BATCH):
        text = "\n".join(lines[i:i + BATCH])
        p = subprocess.run([bin_path, "--json", "--lang", lang, "-"], input=text,
                           capture_output=True, text=True, check=True)
        doc = json.loads(p.stdout)
        data = text.encode("utf-8")
        for e in doc["entities"]:
            if not e.get("rule"):
                continue
            m = e["mentions"][0]
            # the line the first mention is on
            a = data.rfind(b"\n", 0, m["start"]) + 1
            b = data.find(b"\n", m["end"])
            sent = data[a:b if b >= 0 else len(data)].decode("utf-8", "replace")
            out.append((lang, e["type"], e["rule"], e["name"], sent))
    return out


def sample(args):
    rows = []
    for lang in ("nl", "en"):
        found = found_in(lang, args.bin)
        print(f"# {lang}: {len(found)} finder entities", file=sys.stderr)
        rng = random.Random(args.seed)
        rows += rng.sample(found, min(args.per_lang, len(found)))
    for i, (lang, typ, rule, name, sent) in enumerate(rows, 1):
        print("\t".join([str(i), lang, typ, rule, name, sent.replace("\t", " ")]))


def score(path):
    per = collections.defaultdict(lambda: [0, 0])
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 7 or f[0].startswith("#"):
            continue
        ok = f[-1].strip().lower() == "ok"
        for key in ("all", f"lang {f[1]}", f"type {f[2]}", f"rule {f[3]}"):
            per[key][0] += ok
            per[key][1] += 1
    for key, (ok, n) in sorted(per.items()):
        print(f"{key:<28} {ok:>4}/{n:<4} precision {ok / n:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/examples/extract"))
    ap.add_argument("--per-lang", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--score", metavar="FILE", help="score a judged sheet instead")
    args = ap.parse_args()
    if args.score:
        score(args.score)
    else:
        sample(args)


if __name__ == "__main__":
    main()
