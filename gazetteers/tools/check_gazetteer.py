#!/usr/bin/env python3
"""Check gazetteer files against gazetteers/FORMAT.md.

Usage (from the repository root):
  python3 gazetteers/tools/check_gazetteer.py [FILE.tsv ...]       # default: gazetteers/*.tsv
  python3 gazetteers/tools/check_gazetteer.py --corpus ../shared/corpora gazetteers/countries.tsv

Errors (exit 1): unknown record kinds, wrong field counts, bad or duplicate ids, invalid
types/langs/kinds/flags/keys, empty forms, the same form twice within one
entity+kind+language, alias/post lines before any entity, bad post titles or dates,
country= naming no entity; for countries.tsv also a missing UN member or observer state.
Warnings: a form that an earlier form of the same entity+kind already matches once case
and accents are folded (or that a `*` form already covers), a form under several kinds of
one entity, and (with --corpus) aliases whose text occurs in lower case in real text.
"""
import argparse
import re
import sys
import unicodedata
from pathlib import Path

TYPES = {"PERSON", "COUNTRY", "LOCATION", "ORGANIZATION", "EVENT"}
LANGS = {"*", "en", "nl", "de", "fr"}
KINDS = {"name", "short", "abbr", "partial", "adj", "people"}
DEFAULT_CASE = {"name": "cap", "short": "cap", "abbr": "cs", "partial": "cap", "adj": "cap", "people": "cap"}
FLAGS = {"cs", "cap", "ci", "noinfl", "ctx"}
TITLES = {
    "president", "vice president", "prime minister", "chancellor", "foreign minister",
    "secretary of state", "defence minister", "finance minister", "interior minister",
    "minister", "king", "queen", "emperor", "pope", "supreme leader", "leader",
    "general secretary", "secretary-general", "chairman", "crown prince", "emir",
    "spokesperson", "governor", "mayor",
}
ID_RE = re.compile(
    r"^(person:[a-z0-9]+(-[a-z0-9]+)*"
    r"|country:[A-Z]{2}"
    r"|org:[a-z0-9]+(-[a-z0-9]+)*"
    r"|event:[a-z0-9]+(-[a-z0-9]+)*"
    r"|city:geonames:[0-9]+"
    r"|region:[a-z0-9]+(-[a-z0-9]+)*"
    r"|place:[a-z0-9]+(-[a-z0-9]+)*)$"
)
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
KEY_RES = {"qid": re.compile(r"^Q[1-9]\d*$"), "pop": re.compile(r"^\d+$"), "country": re.compile(r"^country:[A-Z]{2}$"),
           "gathering": re.compile(r"^(yes|no)$"), "gender": re.compile(r"^[fm]$")}

# UN member states (193) and the two observer states, by ISO 3166-1 alpha-2.
UN_MEMBERS = set("""
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ KP DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ
FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI
KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR
NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST
SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG
UA AE GB TZ US UY UZ VU VE VN YE ZM ZW
""".split())
UN_OBSERVERS = {"VA", "PS"}


def fold(s):
    s = unicodedata.normalize("NFKD", s.replace("\u2019", "'").lower())
    return "".join(c for c in s if not unicodedata.combining(c))


class Checker:
    def __init__(self):
        self.errors, self.warnings = [], []
        self.ids = {}
        self.entities = []  # (id, type, name, aliases[(lang, kind, form, flags)])
        self.country_refs = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def warn(self, where, msg):
        self.warnings.append(f"{where}: {msg}")

    def check_file(self, path):
        cur = None
        seen = {}  # (kind, lang, folded) -> form, for the current entity
        for n, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            where = f"{path}:{n}"
            line = raw.rstrip("\r")
            if raw.endswith("\r"):
                self.err(where, "CR line ending")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            f = line.split("\t")
            if any(x != x.strip() for x in f):
                self.err(where, "field with leading/trailing blanks (spaces instead of tabs?)")
            rec = f[0]
            if rec == "entity":
                if len(f) < 4:
                    self.err(where, f"entity needs >= 4 fields, has {len(f)}")
                    cur = None
                    continue
                _, eid, etype, name, *extras = f
                if not ID_RE.match(eid):
                    self.err(where, f"bad id {eid!r}")
                if eid in self.ids:
                    self.err(where, f"duplicate id {eid} (first at {self.ids[eid]})")
                self.ids[eid] = where
                if etype not in TYPES:
                    self.err(where, f"bad type {etype!r}")
                # a dependent territory (with a country= parent) is a LOCATION
                territory = etype == "LOCATION" and any(x.startswith("country=") for x in f[4:])
                if eid.startswith("country:") and etype != "COUNTRY" and not territory:
                    self.err(where, "country: id with a type other than COUNTRY (or a LOCATION with country=)")
                if not name:
                    self.err(where, "empty canonical name")
                keys = set()
                for x in extras:
                    k, _, v = x.partition("=")
                    if k not in KEY_RES or not KEY_RES[k].match(v):
                        self.err(where, f"bad extra {x!r}")
                    if k in keys:
                        self.err(where, f"duplicate extra key {k}")
                    keys.add(k)
                    if k == "country":
                        self.country_refs.append((where, v))
                cur = (eid, etype, name, [])
                self.entities.append(cur)
                seen = {}
            elif rec == "alias":
                if cur is None:
                    self.err(where, "alias before any entity")
                    continue
                if len(f) not in (4, 5):
                    self.err(where, f"alias needs 4 or 5 fields, has {len(f)}")
                    continue
                _, lang, kind, forms = f[:4]
                flags = f[4].split(",") if len(f) == 5 else []
                if lang not in LANGS:
                    self.err(where, f"bad lang {lang!r}")
                if kind not in KINDS:
                    self.err(where, f"bad kind {kind!r}")
                bad = [x for x in flags if x not in FLAGS]
                if bad or (len(f) == 5 and not flags) or len(set(flags)) != len(flags):
                    self.err(where, f"bad flags {f[4]!r}")
                if len({"cs", "cap", "ci"} & set(flags)) > 1:
                    self.err(where, "conflicting case flags")
                for form in forms.split("|"):
                    if not form.strip():
                        self.err(where, "empty form")
                        continue
                    if form != form.strip() or "  " in form:
                        self.err(where, f"stray blanks in form {form!r}")
                    k = fold(form)
                    for l in (LANGS - {"*"} if lang == "*" else {lang, "*"}):
                        prev = seen.get((kind, l, k))
                        if prev is None:
                            continue
                        if prev[1] == form and l == lang:
                            self.err(where, f"{form!r} twice for {cur[0]} {kind} {lang} (first {prev[0]})")
                        else:
                            self.warn(where, f"{form!r} ({lang}) is redundant for {cur[0]} {kind}: "
                                             f"{prev[1]!r} ({l}, {prev[0]}) already matches it (case and accents fold)")
                        break
                    seen[(kind, lang, k)] = (where, form)
                    cur[3].append((lang, kind, form, flags))
            elif rec == "post":
                if cur is None:
                    self.err(where, "post before any entity")
                    continue
                if len(f) not in (4, 5):
                    self.err(where, f"post needs 4 or 5 fields, has {len(f)}")
                    continue
                if f[1] not in TITLES:
                    self.err(where, f"bad title {f[1]!r}")
                if not ID_RE.match(f[2]) or not f[2].startswith(("country:", "org:")):
                    self.err(where, f"bad org/country {f[2]!r}")
                for d in f[3:]:
                    if d and not DATE_RE.match(d):
                        self.err(where, f"bad date {d!r}")
                if not f[3]:
                    self.err(where, "empty from date")
            else:
                self.err(where, f"unknown record kind {rec!r}")

    def cross_checks(self):
        for where, ref in self.country_refs:
            if ref not in self.ids:
                self.err(where, f"country={ref} names no entity")
        for eid, _t, _n, aliases in self.entities:
            by_form = {}
            for lang, kind, form, _fl in aliases:
                by_form.setdefault((lang, fold(form)), set()).add(kind)
            for (lang, k), kinds in by_form.items():
                if len(kinds) > 1 and not kinds <= {"name", "short"}:
                    self.warn(eid, f"{k!r} ({lang}) under several kinds: {sorted(kinds)}")

    def check_coverage(self):
        have = {eid.split(":")[1] for eid in self.ids if eid.startswith("country:")}
        for code in sorted((UN_MEMBERS | UN_OBSERVERS) - have):
            self.err("coverage", f"missing country:{code}")
        if len(UN_MEMBERS) != 193:
            self.err("checker", f"UN member list has {len(UN_MEMBERS)} codes, not 193")

    def corpus_check(self, corpus_dir, min_hits):
        """Aliases whose text occurs in lower case in real text: common words. Lower-case
        uses never match `cap`/`cs` aliases, but sentence-initial ones match `cap`, so a
        human should look at each form listed (add `cs`, or drop the form)."""
        tok = re.compile(r"\w+|[^\w\s]")
        index = {}  # lang -> folded first token -> [(tokens, position)]
        for lang in ("en", "nl"):
            p = Path(corpus_dir) / f"{lang}-ud.txt"
            if not p.exists():
                continue
            idx = index[lang] = {}
            for s in p.read_text(encoding="utf-8").splitlines():
                ts = tok.findall(s)
                for i, t in enumerate(ts):
                    idx.setdefault(fold(t), []).append((ts, i))
        for eid, _t, name, aliases in self.entities:
            for lang, kind, form, flags in aliases + [("*", "name", name, [])]:
                case = next((x for x in flags if x in ("cs", "cap", "ci")), DEFAULT_CASE[kind])
                if case == "cs":
                    continue
                want = [fold(t) for t in tok.findall(form)]
                for clang, idx in index.items():
                    if lang not in ("*", clang):
                        continue
                    lower = sum(
                        1
                        for ts, i in idx.get(want[0], [])
                        if [fold(t) for t in ts[i:i + len(want)]] == want and ts[i][:1].islower()
                    )
                    if lower >= min_hits:
                        self.warn(eid, f"{form!r} ({lang} {kind}, {case}) occurs {lower}x in lower case in {clang}-ud")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--corpus", help="directory with en-ud.txt / nl-ud.txt")
    ap.add_argument("--min-hits", type=int, default=1)
    a = ap.parse_args()
    root = Path(__file__).resolve().parent.parent
    # titles.tsv has its own format (src/gazetteer/titles.rs)
    files = [Path(x) for x in a.files] or sorted(p for p in root.glob("*.tsv") if p.name != "titles.tsv")
    c = Checker()
    for p in files:
        c.check_file(p)
    c.cross_checks()
    if any(p.name == "countries.tsv" for p in files):
        c.check_coverage()
    if a.corpus:
        c.corpus_check(a.corpus, a.min_hits)
    for w in c.warnings:
        print("warning:", w)
    for e in c.errors:
        print("error:", e)
    n_alias = sum(len(e[3]) for e in c.entities)
    print(f"{len(c.entities)} entities, {n_alias} alias forms, {len(c.errors)} errors, {len(c.warnings)} warnings")
    sys.exit(1 if c.errors else 0)


if __name__ == "__main__":
    main()
