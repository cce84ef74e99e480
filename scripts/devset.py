#!/usr/bin/env python3
"""Run the gazet extractor on the development set and score it (standard library only).

Usage:
  python3 scripts/devset.py [--bin PATH] [--texts DIR] [--out FILE] [--gold FILE]
                            [--diff] [--evidence] [--doc ID ...] [--no-run]

Steps:
 1. checks the texts against the manifest hashes (verify_texts.py beside the gold file);
 2. runs `extract --json FILE` on every TEXTS/*.txt (default devset/texts/) and writes
    one line per document to OUT (default devset/out/pred.jsonl) in the scorer format
      {"doc", "entities": [{"type", "name"}],
       "relations": [{"type", "args": [name1, name2], "modality", "time"}]}
    relation args are entity ids mapped to the entity's `name`; `time` is the relation's
    `tense`; the extra keys `rule` and `evidence` are kept for the diff (the scorer
    ignores them);
 3. runs `python3 score.py GOLD OUT` and prints its output;
 4. with --diff, prints per document the false positives and false negatives
    (entities and relations) and the modality/time errors on matched relations, using
    the scorer's own matching rule (name folding and gold aliases).

Multi-argument relations: the first two args are scored; a meeting or conflict whose
args all share one role (an n-ary meeting) is expanded into all pairs, as DESIGN.md
describes ("A meeting among three participants is three pairwise relations").

The texts are third-party material: they live in git-ignored folders and never enter
the repository (see devset/README.md).
"""
import argparse
import glob
import importlib.util
import itertools
import json
import os
import subprocess
import sys
import unicodedata
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "devset"))
DEFAULT_BIN = os.path.join(ROOT, "target", "release", "examples", "extract")
DEFAULT_TEXTS = os.path.join(ROOT, "devset", "texts")
DEFAULT_OUT = os.path.join(ROOT, "devset", "out", "pred.jsonl")
DEFAULT_GOLD = os.path.join(SHARED, "gold.jsonl")
SYMMETRIC_FALLBACK = {"meeting", "conflict"}


# ---------------------------------------------------------------------------
# Matching rule: imported from score.py so that the diff can never disagree with the
# scorer; the copy below (the scorer's published rule) is only used if the import fails.

def _load_scorer(path):
    try:
        spec = importlib.util.spec_from_file_location("gazet_devset_score", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for name in ("norm", "alias_map", "ent_key", "rel_key", "SYMMETRIC"):
            getattr(mod, name)
        return mod
    except Exception:  # noqa: BLE001 - any failure means: use the copy
        return None


class _ScorerCopy:
    """Copy of the matching functions of score.py (fallback only)."""
    SYMMETRIC = SYMMETRIC_FALLBACK
    SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                             "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                             "–": "-", "—": "-", "‐": "-", "‑": "-", "’": "'", "‘": "'", "`": "'"})

    @classmethod
    def norm(cls, name):
        s = unicodedata.normalize("NFKD", str(name).translate(cls.SPECIAL))
        s = "".join(c for c in s if not unicodedata.combining(c))
        return "".join(c for c in s.casefold() if c.isalnum())

    @classmethod
    def alias_map(cls, gold_doc):
        amap = {}
        for e in gold_doc.get("entities", []):
            canon = cls.norm(e["name"])
            amap[canon] = canon
        for e in gold_doc.get("entities", []):
            canon = cls.norm(e["name"])
            for a in e.get("aliases", []) or []:
                amap.setdefault(cls.norm(a), canon)
        return amap

    @classmethod
    def ent_key(cls, e, amap):
        n = cls.norm(e.get("name", ""))
        return (str(e.get("type", "")).upper(), amap.get(n, n))

    @classmethod
    def rel_key(cls, r, amap):
        args = r.get("args") or []
        if len(args) != 2:
            return None
        a, b = (amap.get(cls.norm(x), cls.norm(x)) for x in args)
        t = str(r.get("type", "")).lower()
        return (t, tuple(sorted((a, b)))) if t in cls.SYMMETRIC else (t, (a, b))


# ---------------------------------------------------------------------------
# Running the extractor

def parse_json_output(out):
    """The JSON document printed by `extract --json`; tolerates log lines around it."""
    out = out.strip()
    try:
        return json.loads(out)
    except json.JSONDecodeError:
        start = out.find("{")
        if start < 0:
            raise
        obj, _ = json.JSONDecoder().raw_decode(out[start:])
        return obj


def to_scorer_format(doc_id, result, warn):
    """Convert one extractor document (DESIGN.md contract) to a scorer line."""
    entities, seen_e, names = [], set(), {}
    for e in result.get("entities", []) or []:
        name, etype = e.get("name"), e.get("type")
        if e.get("id") is not None:
            names[e["id"]] = name
        if name is None or etype is None:
            warn(f"{doc_id}: entity without name/type: {e.get('id')}")
            continue
        if (etype, name) not in seen_e:
            seen_e.add((etype, name))
            entities.append({"type": etype, "name": name})

    relations = []
    for r in result.get("relations", []) or []:
        raw = [(a.get("role"), a.get("entity")) if isinstance(a, dict) else (None, a)
               for a in r.get("args", []) or []]
        if len(raw) < 2:
            warn(f"{doc_id}: relation {r.get('type')} ({r.get('rule')}) has fewer than two args")
            continue
        rtype = r.get("type")
        if rtype in SYMMETRIC_FALLBACK and len(raw) > 2 and len({role for role, _ in raw}) == 1:
            used = [ent for _, ent in raw]          # n-ary meeting/conflict: all pairs
        else:
            used = [raw[0][1], raw[1][1]]           # first two args are scored
        for ent in used:
            if ent not in names:
                warn(f"{doc_id}: relation {rtype} ({r.get('rule')}) refers to unknown entity id {ent!r}")
        resolved = [names.get(ent, str(ent)) for ent in used]
        pairs = list(itertools.combinations(resolved, 2)) if len(resolved) > 2 else [tuple(resolved)]
        for a, b in pairs:
            rel = {"type": rtype, "args": [a, b], "modality": r.get("modality")}
            if r.get("tense") is not None:
                rel["time"] = r.get("tense")
            if r.get("rule") is not None:
                rel["rule"] = r.get("rule")
            if isinstance(r.get("evidence"), dict):
                rel["evidence"] = {k: r["evidence"].get(k) for k in ("start", "end")}
            relations.append(rel)
    return {"doc": doc_id, "entities": entities, "relations": relations}


def run_extractor(binary, texts, out_path, timeout):
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    failures = 0
    warnings = []
    with open(out_path, "w", encoding="utf-8") as out:
        for path in texts:
            doc_id = os.path.splitext(os.path.basename(path))[0]
            line = {"doc": doc_id, "entities": [], "relations": []}
            try:
                proc = subprocess.run([binary, "--json", path], capture_output=True,
                                      timeout=timeout)
                stdout = proc.stdout.decode("utf-8", errors="replace")
                if proc.returncode != 0:
                    raise RuntimeError(f"exit status {proc.returncode}: "
                                       + proc.stderr.decode("utf-8", errors="replace").strip()[-500:])
                line = to_scorer_format(doc_id, parse_json_output(stdout), warnings.append)
            except subprocess.TimeoutExpired:
                failures += 1
                print(f"error: {doc_id}: extractor timed out after {timeout}s", file=sys.stderr)
            except (RuntimeError, ValueError, OSError, AttributeError, TypeError) as e:
                failures += 1
                print(f"error: {doc_id}: {e}", file=sys.stderr)
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    return failures


# ---------------------------------------------------------------------------
# Diff

def load_jsonl(path):
    docs = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                docs[obj["doc"]] = obj
    return docs


def snippet(text_bytes, ev, width=200):
    try:
        s = text_bytes[int(ev["start"]):int(ev["end"])].decode("utf-8", errors="replace")
    except (KeyError, TypeError, ValueError):
        return None
    s = " ".join(s.split())
    return s if len(s) <= width else s[:width - 1] + "…"


def diff(gold_path, pred_path, sc, texts_dir, only_docs, evidence):
    gold, pred = load_jsonl(gold_path), load_jsonl(pred_path)
    totals = Counter()
    by_type = Counter()
    for d in sorted(gold):
        if only_docs and not any(d == o or d.startswith(o) for o in only_docs):
            continue
        g, p = gold[d], pred.get(d, {})
        amap = sc.alias_map(g)

        # display names: gold canonical names first, then predicted spellings
        show = {}
        for e in g.get("entities", []):
            show.setdefault(sc.norm(e["name"]), e["name"])
        for e in p.get("entities", []) or []:
            k = sc.ent_key(e, amap)[1]
            show.setdefault(k, e.get("name", ""))
        for r in p.get("relations", []) or []:
            for x in (r.get("args") or [])[:2]:
                n = sc.norm(x)
                show.setdefault(amap.get(n, n), x)

        gE = {sc.ent_key(e, amap) for e in g.get("entities", [])}
        pE = {sc.ent_key(e, amap) for e in p.get("entities", []) or []}
        g_types = {}
        for t, n in gE:
            g_types.setdefault(n, set()).add(t)
        p_types = {}
        for t, n in pE:
            p_types.setdefault(n, set()).add(t)

        gR = {}
        for r in g.get("relations", []):
            k = sc.rel_key(r, amap)
            mods = {r.get("modality")} | {a.get("modality") for a in r.get("alt", []) or []}
            times = {r.get("time")} | {a.get("time") for a in r.get("alt", []) or []}
            if k in gR:
                mods |= gR[k][0]
                times |= gR[k][1]
            gR[k] = (mods, times, r)
        pR = {}
        for r in p.get("relations", []) or []:
            k = sc.rel_key(r, amap)
            if k is not None and k not in pR:
                pR[k] = r

        fpE, fnE = sorted(pE - gE), sorted(gE - pE)
        fpR, fnR = sorted(pR.keys() - gR.keys()), sorted(gR.keys() - pR.keys())
        matched = sorted(gR.keys() & pR.keys())
        wrong = []
        for k in matched:
            mods, times, _ = gR[k]
            pm, pt = pR[k].get("modality"), pR[k].get("time")
            bad_m = pm not in mods
            bad_t = "time" in pR[k] and pt not in times
            if bad_m or bad_t:
                wrong.append((k, bad_m, bad_t))

        tpE, tpR = len(gE & pE), len(matched)
        totals.update({"tpE": tpE, "fpE": len(fpE), "fnE": len(fnE),
                       "tpR": tpR, "fpR": len(fpR), "fnR": len(fnR), "modtime": len(wrong)})
        for t, _ in fpE:
            by_type[("entity", t, "FP")] += 1
        for t, _ in fnE:
            by_type[("entity", t, "FN")] += 1
        for t, _ in fpR:
            by_type[("relation", t, "FP")] += 1
        for t, _ in fnR:
            by_type[("relation", t, "FN")] += 1

        missing = "" if d in pred else "   (NO PREDICTION)"
        print(f"\n=== {d} ({g.get('lang', '?')})  entities tp={tpE} fp={len(fpE)} fn={len(fnE)}"
              f"   relations tp={tpR} fp={len(fpR)} fn={len(fnR)} mod/time-errors={len(wrong)}{missing}")
        if not (fpE or fnE or fpR or fnR or wrong):
            print("  (no differences)")
            continue

        text_bytes = None
        if evidence:
            try:
                folder = next((f for f in texts_dir.split(os.pathsep)
                               if os.path.isfile(os.path.join(f, d + ".txt"))), texts_dir)
                with open(os.path.join(folder, d + ".txt"), "rb") as fh:
                    text_bytes = fh.read()
            except OSError:
                pass

        def arg_str(k):
            t, (a, b) = k
            sep = " <-> " if t in sc.SYMMETRIC else " -> "
            return f"{show.get(a, a)}{sep}{show.get(b, b)}"

        if fpE or fnE:
            print("  entities")
            for t, n in fpE:
                note = f"   [gold type: {'/'.join(sorted(g_types[n]))}]" if n in g_types else ""
                print(f"    FP  {t:<13} {show.get(n, n)}{note}")
            for t, n in fnE:
                note = f"   [predicted as {'/'.join(sorted(p_types[n]))}]" if n in p_types else ""
                print(f"    FN  {t:<13} {show.get(n, n)}{note}")

        if fpR or fnR or wrong:
            print("  relations")
        gold_names = {n for _, n in gE}
        pred_names = {n for _, n in pE}
        for k in fpR:
            r = pR[k]
            t, (a, b) = k
            notes = []
            if t not in sc.SYMMETRIC and (t, (b, a)) in gR:
                notes.append("gold has the args reversed")
            other = sorted(gt for (gt, gargs) in gR if gt != t and sorted(gargs) == sorted((a, b)))
            if other:
                notes.append("gold type: " + "/".join(other))
            for x in (a, b):
                if x not in gold_names:
                    notes.append(f"{show.get(x, x)!s} is not a gold entity")
            mt = f"{r.get('modality')}/{r.get('time', '-')}"
            rule = f"  rule={r['rule']}" if r.get("rule") else ""
            note = f"   [{'; '.join(notes)}]" if notes else ""
            print(f"    FP  {t:<13} {arg_str(k)}  ({mt}){rule}{note}")
            if text_bytes is not None and isinstance(r.get("evidence"), dict):
                s = snippet(text_bytes, r["evidence"])
                if s:
                    print(f"          evidence: {s}")
        for k in fnR:
            _, _, gr = gR[k]
            t, (a, b) = k
            notes = []
            if t not in sc.SYMMETRIC and (t, (b, a)) in pR:
                notes.append("predicted with the args reversed")
            other = sorted(pt for (pt, pargs) in pR if pt != t and sorted(pargs) == sorted((a, b)))
            if other:
                notes.append("predicted as " + "/".join(other))
            for x in (a, b):
                if x not in pred_names:
                    notes.append(f"entity {show.get(x, x)} not predicted")
            alts = "".join(f"|{x.get('modality')}/{x.get('time')}" for x in gr.get("alt", []) or [])
            note = f"   [{'; '.join(notes)}]" if notes else ""
            print(f"    FN  {t:<13} {arg_str(k)}  ({gr.get('modality')}/{gr.get('time')}{alts}){note}")
        for k, bad_m, bad_t in wrong:
            mods, times, _ = gR[k]
            r = pR[k]
            parts = []
            if bad_m:
                parts.append(f"modality {r.get('modality')} (gold {'|'.join(sorted(map(str, mods)))})")
            if bad_t:
                parts.append(f"time {r.get('time')} (gold {'|'.join(sorted(map(str, times)))})")
            rule = f"  rule={r['rule']}" if r.get("rule") else ""
            print(f"    ~~  {k[0]:<13} {arg_str(k)}  {', '.join(parts)}{rule}")

    print("\n=== diff totals")
    print(f"entities:  tp={totals['tpE']} fp={totals['fpE']} fn={totals['fnE']}")
    print(f"relations: tp={totals['tpR']} fp={totals['fpR']} fn={totals['fnR']} "
          f"mod/time-errors={totals['modtime']}")
    for kind in ("entity", "relation"):
        types = sorted({t for (k, t, _) in by_type if k == kind})
        if types:
            print(f"{kind + ' errors':<16}{'FP':>5}{'FN':>5}")
            for t in types:
                print(f"  {t:<14}{by_type[(kind, t, 'FP')]:>5}{by_type[(kind, t, 'FN')]:>5}")


# ---------------------------------------------------------------------------

EXTRA = os.path.join(ROOT, "devset", "extra")


def combine_sets(args):
    """Points texts and gold at devset/extra (or at both sets, with a merged gold file)."""
    extra_gold = os.path.join(EXTRA, "gold.jsonl")
    extra_texts = os.path.join(EXTRA, "texts")
    args.manifests = [(os.path.join(EXTRA, "manifest.jsonl"), extra_texts)]
    if args.set == "extra":
        args.gold, args.texts = extra_gold, extra_texts
        if args.out == DEFAULT_OUT:
            args.out = os.path.join(ROOT, "devset", "out", "pred-extra.jsonl")
        return args
    merged = os.path.join(ROOT, "devset", "out", "gold-all.jsonl")
    os.makedirs(os.path.dirname(merged), exist_ok=True)
    with open(merged, "w", encoding="utf-8") as out:
        for g in (DEFAULT_GOLD, extra_gold):
            out.write(open(g, encoding="utf-8").read().rstrip("\n") + "\n")
    args.gold = merged
    args.texts = os.pathsep.join([DEFAULT_TEXTS, extra_texts])
    if args.out == DEFAULT_OUT:
        args.out = os.path.join(ROOT, "devset", "out", "pred-all.jsonl")
    return args


def verify_manifests(manifests):
    """Checks texts against our own manifests (sha256 exact or whitespace-normalised)."""
    import hashlib
    bad = []
    for manifest, folder in manifests:
        for line in open(manifest, encoding="utf-8"):
            if not line.strip():
                continue
            m = json.loads(line)
            path = os.path.join(folder, m["doc"] + ".txt")
            if not os.path.isfile(path):
                bad.append(f"MISSING {m['doc']}")
                continue
            text = open(path, encoding="utf-8", newline="").read()
            h = hashlib.sha256(text.encode("utf-8")).hexdigest()
            hw = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
            if h != m["sha256"] and hw != m.get("sha256_ws_normalized"):
                bad.append(f"BAD     {m['doc']}")
    return bad


def main(argv):
    ap = argparse.ArgumentParser(
        description="Run the gazet extractor on the dev set, score it, optionally diff it.")
    ap.add_argument("--bin", default=DEFAULT_BIN,
                    help="extractor binary (default: target/release/examples/extract)")
    ap.add_argument("--texts", default=DEFAULT_TEXTS, help="folder with <doc>.txt (default: devset/texts)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="prediction file to write (default: devset/out/pred.jsonl)")
    ap.add_argument("--gold", default=DEFAULT_GOLD,
                    help="gold file; score.py and verify_texts.py are taken from beside it "
                         "(default: ../shared/devset/gold.jsonl)")
    ap.add_argument("--diff", action="store_true", help="print per-document FP/FN entities and relations")
    ap.add_argument("--evidence", action="store_true",
                    help="with --diff: show the evidence span of false-positive relations")
    ap.add_argument("--doc", action="append", default=[],
                    help="with --diff: only these documents (id or prefix, e.g. dev-nl0); repeatable")
    ap.add_argument("--no-run", action="store_true",
                    help="do not run the extractor; score (and diff) the existing --out file")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per document (default 60)")
    ap.add_argument("--set", choices=["dev", "extra", "all"], default=None,
                    help="dev: the shared dev set (default); extra: our own collected articles "
                         "(devset/extra/); all: both together (texts, gold and scores combined)")
    args = ap.parse_args(argv[1:])
    if args.set in ("extra", "all"):
        args = combine_sets(args)

    gold_dir = os.path.dirname(os.path.abspath(args.gold))
    scorer = os.path.join(gold_dir, "score.py")
    if not os.path.isfile(scorer):
        scorer = os.path.join(SHARED, "score.py")
    if not os.path.isfile(args.gold) or not os.path.isfile(scorer):
        sys.exit(f"error: gold file or scorer not found: {args.gold}, {scorer}")

    status = 0
    if not args.no_run:
        if not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
            sys.exit(f"error: extractor binary not found: {args.bin}\n"
                     f"hint: build it with `cargo build --release --example extract` "
                     f"(or pass --bin PATH)")
        texts = sorted(t for d in args.texts.split(os.pathsep)
                       for t in glob.glob(os.path.join(d, "*.txt")))
        if not texts:
            sys.exit(f"error: no texts in {args.texts}\n"
                     f"hint: fetch them as described in devset/README.md")
        verify = os.path.join(gold_dir, "verify_texts.py")
        bad = verify_manifests(getattr(args, "manifests", []))
        if bad:
            print("warning: some texts do not match their manifest; their scores are not valid:\n  "
                  + "\n  ".join(bad), file=sys.stderr)
        if os.path.isfile(verify) and os.pathsep not in args.texts:
            v = subprocess.run([sys.executable, verify, args.texts], capture_output=True, text=True)
            if v.returncode != 0:
                bad = [l for l in v.stdout.splitlines() if l.startswith(("BAD", "MISSING"))]
                print("warning: some texts do not match the manifest; their scores are not valid:\n  "
                      + "\n  ".join(bad), file=sys.stderr)
        failures = run_extractor(args.bin, texts, args.out, args.timeout)
        print(f"extracted {len(texts) - failures}/{len(texts)} documents -> {os.path.relpath(args.out)}")
        if failures:
            print(f"warning: {failures} document(s) failed; they are scored as empty", file=sys.stderr)
            status = 1
    elif not os.path.isfile(args.out):
        sys.exit(f"error: --no-run given but {args.out} does not exist")

    sys.stdout.flush()
    proc = subprocess.run([sys.executable, scorer, args.gold, args.out])
    if proc.returncode != 0:
        status = 1

    if args.diff:
        sc = _load_scorer(scorer) or _ScorerCopy
        diff(args.gold, args.out, sc, args.texts, args.doc, args.evidence)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
