//! Parsing rule files into [`RuleSet`](super::RuleSet) parts.
//!
//! The syntax is described in the module docs of [`rules`](super). A file is read
//! line by line ([`parse_into`]); each directive has its parser: `lang`, the word
//! lists (`class`, `cue` and the function-word sets of [`LangWords`]) and `rule`
//! ([`parse_rule`]), whose pattern elements (words, gaps, slots) and attributes
//! (`modality=`, `tense=`, `with=`) have theirs. Errors carry file, line and column.
//! A file's word lists and classes are shared with the files of its language parsed
//! after it (a lexicon file before its rule file).

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{Error, Location};
use crate::fxhash::{FxHashMap, FxHashSet};
use crate::model::{EntityType, Lang, Modality, RelationType, Role, Tense};
use crate::tokenize::fold_lower;

/// A set of word forms: exact forms, `prefix*` and `*suffix` wildcards.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordSet {
    pub exact: FxHashSet<String>,
    pub prefix: Vec<String>,
    pub suffix: Vec<String>,
}

impl WordSet {
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.exact.contains(w)
            || self.prefix.iter().any(|p| w.len() > p.len() && w.starts_with(p.as_str()))
            || self.suffix.iter().any(|s| w.len() > s.len() && w.ends_with(s.as_str()))
    }
    fn add(&mut self, form: &str) {
        let f = fold_lower(form);
        if let Some(p) = f.strip_suffix('*') {
            self.prefix.push(p.to_string());
        } else if let Some(s) = f.strip_prefix('*') {
            self.suffix.push(s.to_string());
        } else {
            self.exact.insert(f);
        }
    }
    fn extend(&mut self, o: &WordSet) {
        self.exact.extend(o.exact.iter().cloned());
        self.prefix.extend(o.prefix.iter().cloned());
        self.suffix.extend(o.suffix.iter().cloned());
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefix.is_empty() && self.suffix.is_empty()
    }
}

/// A bit set of entity types a slot accepts.
pub(crate) type TypeMask = u8;

pub(crate) fn type_bit(t: EntityType) -> TypeMask {
    match t {
        EntityType::Person => 1,
        EntityType::Country => 2,
        EntityType::Location => 4,
        EntityType::Organization => 8,
        EntityType::Event => 16,
    }
}

/// One element of a rule pattern.
#[derive(Clone, Debug)]
pub(crate) enum Elem {
    /// One token from a set of words.
    Words(WordSet),
    /// An entity phrase of one of the types, bound to a role; `multi`: a
    /// coordination ("X, Y en Z").
    Slot { role: Role, types: TypeMask, multi: bool },
    /// Up to n tokens or phrases, within the clause.
    Gap(u8),
    /// Not followed (forward) or preceded (backward) by this: `!with`, `!<PARTY>`;
    /// consumes nothing ("X en Y ontmoetten elkaar" but not "X and Y met Z").
    Not(Box<Elem>),
    /// Every entity phrase of the types in the clause where the match stands, bound
    /// to the role without consuming anything (`<topic:ANY*>`: "Ook de deal met Iran
    /// en het conflict in Oekraïne komen aan bod").
    Clause { role: Role, types: TypeMask },
}

impl Elem {
    /// The role a slot binds (`None` for words, gaps and the like).
    pub(crate) fn role(&self) -> Option<Role> {
        match self {
            Elem::Slot { role, .. } | Elem::Clause { role, .. } => Some(*role),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct PElem {
    pub elem: Elem,
    pub optional: bool,
}

/// One relation rule.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub id: String,
    pub lang: Lang,
    pub kind: RelationType,
    pub elems: Vec<PElem>,
    pub trigger: usize,
    pub modality: Option<Modality>,
    pub tense: Option<Tense>,
    /// The types of each required slot: a sentence must offer one of each.
    pub needs: Vec<TypeMask>,
    /// An argument the text leaves implicit, taken from the document when the
    /// entity is named anywhere in it (`with=medium_or_addressee:org:twitter` for
    /// "tweeted").
    pub implicit: Option<(Role, Implicit)>,
    /// Where the rule's id is written.
    pub location: Location,
    /// The rule as written after `=`, its spaces collapsed.
    pub pattern: String,
}

/// An argument a rule leaves implicit (`with=ROLE:…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Implicit {
    /// A named entity, taken only when the document names it (`with=…:org:twitter`).
    Entity(String),
    /// The participants of the meeting in focus (`@meeting`): "Oekraïne staat op de
    /// agenda" after a meeting.
    Meeting,
    /// The named gathering in focus (`@gathering`): "X will not attend" after "the
    /// BRICS summit".
    Gathering,
    /// The person in focus (`@focus`): "het gesprek met X" after a sentence about Y.
    Focus,
    /// The first person named earlier in the clause (`@subject`), however far: "Biden
    /// gaat in Brussel, tussen twee toppen door, op audiëntie bij koning Filip".
    Subject,
    /// The places of the story's dateline (`@dateline`): "arrived here" after
    /// "PALM BEACH, Florida (CNN) —".
    Dateline,
}

/// The cue kinds a rule file defines.
pub(crate) const CUES: [&str; 12] = [
    "possible", "planned", "negated", "reported", "past", "future", "former", "present", "hedge",
    "cancel", "negdet", "notyet",
];

/// Per-language word lists: cues, clause boundaries, pronouns, determiners,
/// coordination.
#[derive(Clone, Debug, Default)]
pub(crate) struct LangWords {
    pub cues: [WordSet; 12],
    pub clause: WordSet,
    pub pronoun: WordSet,
    pub speaker: WordSet,
    pub det: WordSet,
    pub coord: WordSet,
    pub relative: WordSet,
    pub of: WordSet,
    pub prep: WordSet,
    pub possessive: WordSet,
    pub plural: WordSet,
    pub plural_verb: WordSet,
    /// Nouns that refer back to the named gathering in focus ("de top", "the summit").
    pub gathering: WordSet,
    /// Nouns after which a demonym adjective stands for its state ("de Russische
    /// sancties", "Chinese aid", "de Turkse regering").
    pub adjnoun: WordSet,
    /// Kinds of place between a country and a place name ("de Noord-Koreaanse
    /// hoofdstad Pyongyang", "the Syrian city of Aleppo").
    pub placenoun: WordSet,
    /// Pronouns for a woman and for a man (`female = zij she her`, `male = hij he his`).
    pub female: WordSet,
    pub male: WordSet,
    /// Every exact word of the sets above with the bits of the sets it is in.
    combined: FxHashMap<String, u32>,
    /// Wildcard entries of the sets above, with their bits.
    wild: Vec<(WordSet, u32)>,
}

/// Bits of [`LangWords::mask`]: which function-word sets a token is in.
pub(crate) mod bits {
    pub const DET: u32 = 1;
    pub const POSSESSIVE: u32 = 1 << 1;
    pub const COORD: u32 = 1 << 2;
    pub const PREP: u32 = 1 << 3;
    pub const CLAUSE: u32 = 1 << 4;
    pub const PRONOUN: u32 = 1 << 5;
    pub const PLURAL: u32 = 1 << 6;
    pub const PLURAL_VERB: u32 = 1 << 7;
    pub const OF: u32 = 1 << 8;
    pub const RELATIVE: u32 = 1 << 9;
    pub const SPEAKER: u32 = 1 << 10;
    /// Cue `i` of [`super::CUES`] is bit `CUE0 << i`.
    pub const CUE0: u32 = 1 << 11;
    /// The cue `former` ("oud-", "former"): [`super::CUES`]`[6]`.
    pub const FORMER: u32 = CUE0 << 6;
    /// The cue `negdet` ("geen", "no"): [`super::CUES`]`[10]`.
    pub const NEGDET: u32 = CUE0 << 10;
    /// The cue `notyet` ("nog niet", "not yet"): [`super::CUES`]`[11]`.
    pub const NOTYET: u32 = CUE0 << 11;
    /// A word that can start a time expression (month, weekday, "vorige", "today").
    pub const TIME: u32 = 1 << 24;
    /// The first word of a pair phrase ("twee leiders", "both leaders").
    pub const PAIR: u32 = 1 << 25;
    /// A noun that refers back to the gathering in focus ("top", "summit").
    pub const GATHERING: u32 = 1 << 26;
    /// A noun after which a demonym stands for its state ("sancties", "aid").
    pub const ADJNOUN: u32 = 1 << 27;
    /// A kind of place between its country and its name ("hoofdstad", "city").
    pub const PLACENOUN: u32 = 1 << 28;
    /// A pronoun for a woman ("zij", "she", "haar").
    pub const FEMALE: u32 = 1 << 29;
    /// A pronoun for a man ("hij", "he", "his").
    pub const MALE: u32 = 1 << 30;
    /// A day of the week ("Monday", "dinsdagavond"): a preposition before it belongs to
    /// the time expression ("on Monday"), never to a rule ("spoke on X").
    pub const WEEKDAY: u32 = 1 << 31;
}

impl LangWords {
    fn sets(&self) -> Vec<(&WordSet, u32)> {
        let mut v = vec![
            (&self.det, bits::DET),
            (&self.possessive, bits::POSSESSIVE),
            (&self.coord, bits::COORD),
            (&self.prep, bits::PREP),
            (&self.clause, bits::CLAUSE),
            (&self.pronoun, bits::PRONOUN),
            (&self.plural, bits::PLURAL),
            (&self.plural_verb, bits::PLURAL_VERB),
            (&self.of, bits::OF),
            (&self.relative, bits::RELATIVE),
            (&self.speaker, bits::SPEAKER),
            (&self.gathering, bits::GATHERING),
            (&self.adjnoun, bits::ADJNOUN),
            (&self.placenoun, bits::PLACENOUN),
            (&self.female, bits::FEMALE),
            (&self.male, bits::MALE),
        ];
        for (i, c) in self.cues.iter().enumerate() {
            v.push((c, bits::CUE0 << i));
        }
        v
    }

    /// Builds the combined lookup; call once all files are parsed.
    pub(crate) fn finish(&mut self, lang: Lang) {
        let mut combined: FxHashMap<String, u32> = FxHashMap::default();
        for w in crate::time::start_words(lang) {
            *combined.entry(w).or_insert(0) |= bits::TIME;
        }
        for w in crate::time::weekday_words(lang) {
            *combined.entry(w).or_insert(0) |= bits::WEEKDAY;
        }
        for w in super::chunk::PAIR_FIRST {
            *combined.entry((*w).to_string()).or_insert(0) |= bits::PAIR;
        }
        let mut wild = Vec::new();
        for (set, bit) in self.sets() {
            for w in &set.exact {
                *combined.entry(w.clone()).or_insert(0) |= bit;
            }
            if !set.prefix.is_empty() || !set.suffix.is_empty() {
                let ws = WordSet {
                    exact: FxHashSet::default(),
                    prefix: set.prefix.clone(),
                    suffix: set.suffix.clone(),
                };
                wild.push((ws, bit));
            }
        }
        self.combined = combined;
        self.wild = wild;
    }

    /// The sets a normalised word is in, as [`bits`].
    pub(crate) fn mask(&self, w: &str) -> u32 {
        let mut m = self.combined.get(w).copied().unwrap_or(0);
        for (ws, bit) in &self.wild {
            if ws.contains(w) {
                m |= bit;
            }
        }
        m
    }

    fn extend(&mut self, o: &LangWords) {
        for (a, b) in self.cues.iter_mut().zip(o.cues.iter()) {
            a.extend(b);
        }
        self.clause.extend(&o.clause);
        self.pronoun.extend(&o.pronoun);
        self.speaker.extend(&o.speaker);
        self.det.extend(&o.det);
        self.coord.extend(&o.coord);
        self.relative.extend(&o.relative);
        self.of.extend(&o.of);
        self.prep.extend(&o.prep);
        self.possessive.extend(&o.possessive);
        self.plural.extend(&o.plural);
        self.plural_verb.extend(&o.plural_verb);
        self.gathering.extend(&o.gathering);
        self.adjnoun.extend(&o.adjnoun);
        self.placenoun.extend(&o.placenoun);
        self.female.extend(&o.female);
        self.male.extend(&o.male);
    }

    /// Adds `ws` to the function-word set of directive `kw` (`of` for any other); a
    /// possessive is also a determiner.
    fn add_set(&mut self, kw: &str, ws: &WordSet) {
        match kw {
            "clause" => self.clause.extend(ws),
            "pronoun" => self.pronoun.extend(ws),
            "speaker" => self.speaker.extend(ws),
            "det" => self.det.extend(ws),
            "coord" => self.coord.extend(ws),
            "relative" => self.relative.extend(ws),
            "prep" => self.prep.extend(ws),
            "plural" => self.plural.extend(ws),
            "plural-verb" => self.plural_verb.extend(ws),
            "gathering" => self.gathering.extend(ws),
            "adjnoun" => self.adjnoun.extend(ws),
            "placenoun" => self.placenoun.extend(ws),
            "female" => self.female.extend(ws),
            "male" => self.male.extend(ws),
            "possessive" => {
                self.possessive.extend(ws);
                self.det.extend(ws);
            }
            _ => self.of.extend(ws),
        }
    }
}

/// Everything parsed from rule files.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parsed {
    pub rules: Vec<Rule>,
    pub words: HashMap<Lang, LangWords>,
    /// Word classes per language, shared by the files parsed after the one that
    /// defines them (a lexicon file before its rule file).
    pub classes: HashMap<Lang, HashMap<String, WordSet>>,
}

/// Where an error on the current line points: that line at a column.
type At<'a> = &'a dyn Fn(usize) -> Location;

/// Parses rule file `file` (its text `src`) into `out`: its word lists and classes
/// under the file's language, its rules after those already there. When the file has
/// an error, nothing of it is added.
pub(crate) fn parse_into(out: &mut Parsed, file: &str, src: &str) -> Result<(), Error> {
    let src = crate::error::without_bom(src);
    let file: Arc<str> = Arc::from(file);
    let mut fp = FileParse::default();
    let mut offset = 0usize;
    for (line_no, raw) in src.split_inclusive('\n').enumerate() {
        let ls = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let body = line.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let at = |col: usize| Location::in_line(&file, line_no + 1, raw, ls, col);
        fp.directive(out, body, line.len() - body.len(), &at)?;
    }
    fp.merge_into(out);
    Ok(())
}

/// What one rule file has defined so far; added to [`Parsed`] once the whole file
/// has parsed.
#[derive(Default)]
struct FileParse {
    /// The language of the `lang` line.
    lang: Option<Lang>,
    /// The word classes of the file.
    classes: HashMap<String, WordSet>,
    /// The function-word sets and cues of the file.
    words: LangWords,
    rules: Vec<Rule>,
}

impl FileParse {
    /// One directive line: `body`, after `indent` columns of indentation. `out`: what
    /// the files before this one defined.
    fn directive(
        &mut self,
        out: &Parsed,
        body: &str,
        indent: usize,
        at: At<'_>,
    ) -> Result<(), Error> {
        let (kw, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
        let rest_col = indent
            + kw.len()
            + (rest.len() - rest.trim_start().len())
            + usize::from(!rest.is_empty());
        let rest = rest.trim_start();
        match kw {
            "lang" => self.lang = Some(parse_lang(rest, rest_col, at)?),
            "class" | "cue" | "clause" | "pronoun" | "speaker" | "det" | "coord" | "relative"
            | "of" | "prep" | "possessive" | "plural" | "plural-verb" | "gathering" | "adjnoun"
            | "placenoun" | "female" | "male" => self.word_list(kw, rest, rest_col, at)?,
            "rule" => self.rule(out, rest, rest_col, indent, at)?,
            other => {
                return Err(Error::rule(format!("unknown directive \"{other}\": expected lang, class, cue, clause, pronoun, plural, plural-verb, speaker, det, possessive, coord, relative, of, prep, gathering, adjnoun, placenoun, female, male or rule"), at(indent)));
            }
        }
        Ok(())
    }

    /// A word-list directive `kw`: `class NAME = …`, `cue KIND = …`, or a
    /// function-word set (`det = …`, `det …`). `rest`: what follows `kw`, from column
    /// `rest_col`.
    fn word_list(
        &mut self,
        kw: &str,
        rest: &str,
        rest_col: usize,
        at: At<'_>,
    ) -> Result<(), Error> {
        let (name, ws) = parse_word_list(kw, rest, rest_col, at)?;
        match kw {
            "class" => {
                if name.is_empty()
                    || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    return Err(Error::rule(
                        format!("invalid class name \"{name}\""),
                        at(rest_col),
                    ));
                }
                self.classes.entry(name.to_string()).or_default().extend(&ws);
            }
            "cue" => {
                let i = CUES.iter().position(|c| *c == name).ok_or_else(|| {
                    Error::rule(
                        format!("unknown cue \"{name}\": expected one of {}", CUES.join(", ")),
                        at(rest_col),
                    )
                })?;
                self.words.cues[i].extend(&ws);
            }
            _ => self.words.add_set(kw, &ws),
        }
        Ok(())
    }

    /// `rule ID = …`: a rule of the file's language, whose patterns may use the word
    /// classes of this file and of the files before it (`out`) in that language.
    fn rule(
        &mut self,
        out: &Parsed,
        rest: &str,
        rest_col: usize,
        indent: usize,
        at: At<'_>,
    ) -> Result<(), Error> {
        let l = self.lang.ok_or_else(|| {
            Error::rule("a `lang nl|en` line must come before the first rule", at(indent))
        })?;
        if let Some(shared) = out.classes.get(&l) {
            for (name, ws) in shared {
                self.classes.entry(name.clone()).or_insert_with(|| ws.clone());
            }
        }
        let rule = parse_rule(rest, rest_col, at, &self.classes, l)?;
        if out.rules.iter().chain(self.rules.iter()).any(|r| r.id == rule.id) {
            return Err(Error::rule(format!("duplicate rule id \"{}\"", rule.id), at(rest_col)));
        }
        self.rules.push(rule);
        Ok(())
    }

    /// Adds what the file defined to `out`: its words and classes (if it has a
    /// language), its rules.
    fn merge_into(self, out: &mut Parsed) {
        if let Some(l) = self.lang {
            out.words.entry(l).or_default().extend(&self.words);
            let shared = out.classes.entry(l).or_default();
            for (name, ws) in self.classes {
                shared.entry(name).or_default().extend(&ws);
            }
        }
        out.rules.extend(self.rules);
    }
}

/// `lang nl|en`: the language, from `rest` at column `rest_col`.
fn parse_lang(rest: &str, rest_col: usize, at: At<'_>) -> Result<Lang, Error> {
    rest.trim().parse().map_err(|_| {
        Error::rule(
            format!("unknown language \"{}\": expected nl or en", rest.trim()),
            at(rest_col),
        )
    })
}

/// The name (for `class` and `cue`; else empty) and the words of word-list directive
/// `kw`; `rest`: what follows `kw`, from column `rest_col`.
fn parse_word_list<'s>(
    kw: &str,
    rest: &'s str,
    rest_col: usize,
    at: At<'_>,
) -> Result<(&'s str, WordSet), Error> {
    let (name, list, list_col) = if matches!(kw, "class" | "cue") {
        let (n, l) = rest.split_once('=').ok_or_else(|| {
            Error::rule(format!("expected `{kw} NAME = word word …`"), at(rest_col))
        })?;
        (n.trim(), l, rest_col + n.len() + 1)
    } else {
        let l = rest.strip_prefix('=').unwrap_or(rest);
        ("", l, rest_col + (rest.len() - l.len()))
    };
    let mut ws = WordSet::default();
    for w in list.split_whitespace() {
        ws.add(w);
    }
    if ws.is_empty() {
        return Err(Error::rule("empty word list", at(list_col)));
    }
    Ok((name, ws))
}

/// `ID = TYPE: PATTERN [| key=value …]`
fn parse_rule(
    s: &str,
    col0: usize,
    at: At<'_>,
    classes: &HashMap<String, WordSet>,
    lang: Lang,
) -> Result<Rule, Error> {
    let (id, rest) = s
        .split_once('=')
        .ok_or_else(|| Error::rule("expected `rule ID = TYPE: PATTERN`", at(col0)))?;
    let id = id.trim();
    if id.is_empty() || id.contains(char::is_whitespace) {
        return Err(Error::rule(format!("invalid rule id \"{id}\""), at(col0)));
    }
    let rest_col = col0 + s.len() - rest.len();
    let (ty, pat) = rest
        .split_once(':')
        .ok_or_else(|| Error::rule("expected `TYPE: PATTERN` after the rule id", at(rest_col)))?;
    let ty_t = ty.trim();
    let kind: RelationType = ty_t.parse().map_err(|_| Error::rule(format!("unknown relation type \"{ty_t}\": expected meeting, help_with, visit, position, participation, located_in, statement, conflict or talks_about"), at(rest_col + (ty.len() - ty.trim_start().len()))))?;
    let pat_col = rest_col + ty.len() + 1;
    let (pat, attrs) = match pat.split_once(" | ") {
        Some((p, a)) => (p, Some(a)),
        None => (pat, None),
    };
    let (elems, trigger) = parse_pattern(pat, pat_col, at, classes)?;
    let Attrs { modality, tense, implicit } = match attrs {
        Some(a) => parse_attrs(a, pat_col + pat.len() + 3, at)?,
        None => Attrs::default(),
    };
    let needs = elems
        .iter()
        .filter(|e| !e.optional)
        .filter_map(|e| match e.elem {
            Elem::Slot { types, .. } | Elem::Clause { types, .. } => Some(types),
            _ => None,
        })
        .collect();
    let location = at(col0);
    Ok(Rule {
        id: id.to_string(),
        lang,
        kind,
        elems,
        trigger,
        modality,
        tense,
        needs,
        implicit,
        location,
        pattern: rest.split_whitespace().collect::<Vec<_>>().join(" "),
    })
}

/// The elements of pattern `pat` (from column `pat_col`), and the index of its
/// trigger: the element marked `^`, or else the first required word. A pattern needs
/// a trigger and a slot.
fn parse_pattern(
    pat: &str,
    pat_col: usize,
    at: At<'_>,
    classes: &HashMap<String, WordSet>,
) -> Result<(Vec<PElem>, usize), Error> {
    let mut elems = Vec::new();
    let mut trigger = None;
    let mut col = pat_col;
    for piece in pat.split(' ') {
        let here = col;
        col += piece.len() + 1;
        if piece.is_empty() {
            continue;
        }
        let (pe, is_trigger) = parse_piece(piece, here, at, classes)?;
        if is_trigger {
            if trigger.is_some() {
                return Err(Error::rule("a rule has one trigger (^)", at(here)));
            }
            if !matches!(pe.elem, Elem::Words(_)) || pe.optional {
                return Err(Error::rule(
                    "the trigger (^) must be a required word or @class",
                    at(here),
                ));
            }
            trigger = Some(elems.len());
        }
        elems.push(pe);
    }
    let trigger = match trigger {
        Some(t) => t,
        None => elems
            .iter()
            .position(|e| matches!(e.elem, Elem::Words(_)) && !e.optional)
            .ok_or_else(|| {
                Error::rule(
                    "a rule needs a trigger: a required word or @class (mark it with ^)",
                    at(pat_col),
                )
            })?,
    };
    if !elems.iter().any(|e| matches!(e.elem, Elem::Slot { .. } | Elem::Clause { .. })) {
        return Err(Error::rule("a rule needs at least one <role:TYPES> slot", at(pat_col)));
    }
    Ok((elems, trigger))
}

/// One pattern element at column `here`, and whether it is the trigger: a leading `^`
/// marks the trigger, a final `?` an optional element; then a gap (`~N`), a slot
/// (`<role:TYPES>`) or words (`word|prefix*|*suffix|@class`).
fn parse_piece(
    piece: &str,
    here: usize,
    at: At<'_>,
    classes: &HashMap<String, WordSet>,
) -> Result<(PElem, bool), Error> {
    let mut p = piece;
    let mut is_trigger = false;
    if let Some(x) = p.strip_prefix('^') {
        is_trigger = true;
        p = x;
    }
    let mut optional = false;
    if p.len() > 1 {
        if let Some(x) = p.strip_suffix('?') {
            optional = true;
            p = x;
        }
    }
    let negated = p.len() > 1 && p.starts_with('!');
    if negated {
        p = &p[1..];
    }
    let elem = if let Some(n) = p.strip_prefix('~') {
        parse_gap(p, n, here, at)?
    } else if p.starts_with('<') {
        parse_slot(p, here, at)?
    } else {
        parse_words(p, here, at, classes)?
    };
    let elem = match elem {
        Elem::Words(_) | Elem::Slot { .. } if negated => Elem::Not(Box::new(elem)),
        _ if negated => {
            return Err(Error::rule(
                format!("\"!\" goes before a word or a slot, not \"{p}\""),
                at(here),
            ))
        }
        e => e,
    };
    if is_trigger && matches!(elem, Elem::Not(_)) {
        return Err(Error::rule("a negated element cannot be the trigger", at(here)));
    }
    Ok((PElem { elem, optional }, is_trigger))
}

/// A gap `p` = `~N`, `n` its number: up to N tokens or phrases (N at most 30).
fn parse_gap(p: &str, n: &str, here: usize, at: At<'_>) -> Result<Elem, Error> {
    let n: u8 = n.parse().ok().filter(|n| *n <= 30).ok_or_else(|| {
        Error::rule(format!("invalid gap \"{p}\": expected ~N with N from 0 to 30"), at(here))
    })?;
    Ok(Elem::Gap(n))
}

/// A slot `p` = `<role:TYPES>` (`+` after the types: a coordination; `*`: every
/// phrase of the clause).
fn parse_slot(p: &str, here: usize, at: At<'_>) -> Result<Elem, Error> {
    let inner = p.strip_prefix('<').and_then(|x| x.strip_suffix('>')).ok_or_else(|| {
        Error::rule(format!("unclosed slot \"{p}\": expected <role:TYPES>"), at(here))
    })?;
    let (role_s, types_s) = inner
        .split_once(':')
        .ok_or_else(|| Error::rule(format!("expected <role:TYPES> in \"{p}\""), at(here)))?;
    let role = parse_role(role_s)
        .ok_or_else(|| Error::rule(format!("unknown role \"{role_s}\""), at(here + 1)))?;
    let (types_s, multi, clause) = if let Some(t) = types_s.strip_suffix('+') {
        (t, true, false)
    } else if let Some(t) = types_s.strip_suffix('*') {
        (t, false, true)
    } else {
        (types_s, false, false)
    };
    let types = parse_types(types_s, here + 2 + role_s.len(), at)?;
    Ok(if clause { Elem::Clause { role, types } } else { Elem::Slot { role, types, multi } })
}

/// The entity types of a slot, `TYPE|TYPE…` at column `col`: entity types, or `ACTOR`,
/// `PARTY`, `PLACE`, `ANY`.
fn parse_types(types_s: &str, col: usize, at: At<'_>) -> Result<TypeMask, Error> {
    let mut types = 0;
    for t in types_s.split('|') {
        types |= match t {
            "ACTOR" => 1 | 2 | 8,
            "PARTY" => 1 | 2,
            "PLACE" => 2 | 4,
            "ANY" => 31,
            other => match other.parse::<EntityType>() {
                Ok(et) => type_bit(et),
                Err(()) => return Err(Error::rule(format!("unknown type \"{other}\": expected PERSON, COUNTRY, LOCATION, ORGANIZATION, EVENT, ACTOR, PARTY, PLACE or ANY"), at(col))),
            },
        };
    }
    Ok(types)
}

/// A word element `p` = `word|prefix*|*suffix|@class…`: one token from these.
fn parse_words(
    p: &str,
    here: usize,
    at: At<'_>,
    classes: &HashMap<String, WordSet>,
) -> Result<Elem, Error> {
    let mut ws = WordSet::default();
    for w in p.split('|') {
        if w.is_empty() {
            return Err(Error::rule(format!("empty word in \"{p}\""), at(here)));
        }
        if w.contains(['<', '>', '(', ')', '[', ']', '{', '}', '=']) {
            let msg = format!("unknown element \"{p}\": a word has no < > ( ) [ ] {{ }} =; a slot is <role:TYPES>");
            return Err(Error::rule(msg, at(here)));
        }
        if let Some(name) = w.strip_prefix('@') {
            let cls = classes.get(name).ok_or_else(|| Error::rule(format!("unknown class \"@{name}\": define it with `class {name} = …` before the rule"), at(here)))?;
            ws.extend(cls);
        } else {
            ws.add(w);
        }
    }
    Ok(Elem::Words(ws))
}

/// The attributes after a rule's pattern.
#[derive(Default)]
struct Attrs {
    modality: Option<Modality>,
    tense: Option<Tense>,
    implicit: Option<(Role, Implicit)>,
}

/// The attributes `a` = `key=value …` after a pattern (`modality=`, `tense=`,
/// `with=`); errors point at column `acol`, where they start.
fn parse_attrs(a: &str, acol: usize, at: At<'_>) -> Result<Attrs, Error> {
    let mut attrs = Attrs::default();
    for kv in a.split_whitespace() {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| Error::rule(format!("expected key=value, found \"{kv}\""), at(acol)))?;
        match k {
            "modality" => attrs.modality = Some(parse_modality(v, acol, at)?),
            "with" => attrs.implicit = Some(parse_with(v, acol, at)?),
            "tense" => attrs.tense = Some(parse_tense(v, acol, at)?),
            _ => {
                return Err(Error::rule(
                    format!("unknown attribute \"{k}\": expected modality, tense or with"),
                    at(acol),
                ))
            }
        }
    }
    Ok(attrs)
}

/// `modality=…`: the modality the rule's relations always have.
fn parse_modality(v: &str, acol: usize, at: At<'_>) -> Result<Modality, Error> {
    Ok(match v {
        "asserted" => Modality::Asserted,
        "possible" => Modality::Possible,
        "planned" => Modality::Planned,
        "negated" => Modality::Negated,
        "reported" => Modality::Reported,
        _ => return Err(Error::rule(format!("unknown modality \"{v}\""), at(acol))),
    })
}

/// `tense=…`: the tense the rule's relations always have.
fn parse_tense(v: &str, acol: usize, at: At<'_>) -> Result<Tense, Error> {
    Ok(match v {
        "past" => Tense::Past,
        "present" => Tense::Present,
        "future" => Tense::Future,
        _ => return Err(Error::rule(format!("unknown tense \"{v}\""), at(acol))),
    })
}

/// `with=ROLE:WHAT`: an argument the text leaves implicit ([`Implicit`]), an entity
/// id or `@meeting`, `@gathering`, `@focus`, `@subject`, `@dateline`.
fn parse_with(v: &str, acol: usize, at: At<'_>) -> Result<(Role, Implicit), Error> {
    let (role_s, id) = v.split_once(':').ok_or_else(|| {
        Error::rule(format!("expected with=role:entity-id, found \"{v}\""), at(acol))
    })?;
    let role = parse_role(role_s)
        .ok_or_else(|| Error::rule(format!("unknown role \"{role_s}\""), at(acol)))?;
    let what = match id {
        "@meeting" => Implicit::Meeting,
        "@gathering" => Implicit::Gathering,
        "@focus" => Implicit::Focus,
        "@subject" => Implicit::Subject,
        "@dateline" => Implicit::Dateline,
        _ if id.starts_with('@') => {
            return Err(Error::rule(
                format!("unknown implicit argument \"{id}\": expected @meeting, @gathering, @focus, @subject, @dateline or an entity id"),
                at(acol),
            ))
        }
        _ => Implicit::Entity(id.to_string()),
    };
    Ok((role, what))
}

fn parse_role(s: &str) -> Option<Role> {
    Some(match s {
        "participant" => Role::Participant,
        "helper" => Role::Helper,
        "topic" => Role::Topic,
        "beneficiary" => Role::Beneficiary,
        "visitor" => Role::Visitor,
        "place" => Role::Place,
        "holder" => Role::Holder,
        "country_or_org" => Role::CountryOrOrg,
        "event" => Role::Event,
        "speaker" => Role::Speaker,
        "medium_or_addressee" | "medium" | "addressee" => Role::MediumOrAddressee,
        "party" => Role::Party,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_cue_bits_are_their_cues() {
        let bit = |name: &str| bits::CUE0 << CUES.iter().position(|c| *c == name).unwrap();
        assert_eq!(bits::FORMER, bit("former"));
        assert_eq!(bits::NEGDET, bit("negdet"));
        assert_eq!(bits::NOTYET, bit("notyet"));
    }

    fn parse(src: &str) -> Result<Parsed, Error> {
        let mut p = Parsed::default();
        parse_into(&mut p, "t.rules", src)?;
        Ok(p)
    }

    #[test]
    fn parses_a_rule() {
        let p = parse("lang nl\nclass meet = ontmoet* *ontmoeting\nrule nl/m = meeting: <participant:ACTOR+> ~6 ^@meet met? <participant:PERSON> | modality=possible\n").unwrap();
        let r = &p.rules[0];
        assert_eq!(r.kind, RelationType::Meeting);
        assert_eq!(r.trigger, 2);
        assert_eq!(r.elems.len(), 5);
        assert!(r.elems[3].optional);
        assert_eq!(r.modality, Some(Modality::Possible));
        if let Elem::Words(ws) = &r.elems[2].elem {
            assert!(
                ws.contains("ontmoette") && ws.contains("topontmoeting") && !ws.contains("ontmoet")
            );
        }
    }

    #[test]
    fn errors_have_places() {
        let cases = [
            ("rule x = meeting: <participant:ACTOR> ^met\n", "t.rules:1:1: a `lang nl|en` line must come before the first rule"),
            ("lang nl\nrule x = meating: <participant:ACTOR> ^met\n", "t.rules:2:10: unknown relation type \"meating\""),
            ("lang nl\nrule x = meeting: <participant:ACTR> ^met\n", "t.rules:2:32: unknown type \"ACTR\""),
            ("lang nl\nrule x = meeting: <participant:ACTOR> ^@nope\n", "t.rules:2:39: unknown class \"@nope\""),
            ("lang nl\nrule x = meeting: <participant:ACTOR> ~99 met\n", "t.rules:2:39: invalid gap \"~99\""),
            ("lang nl\nrule x = meeting: met elkaar\n", "t.rules:2:18: a rule needs at least one <role:TYPES> slot"),
            ("lang nl\nfoo bar\n", "t.rules:2:1: unknown directive \"foo\""),
            ("lang nl\nrule x = meeting: <participant:ACTOR> ^met\nrule x = meeting: <participant:ACTOR> ^met\n", "t.rules:3:6: duplicate rule id \"x\""),
        ];
        for (src, want) in cases {
            let e = parse(src).unwrap_err().to_string();
            assert!(e.starts_with(want), "{e}\n  wanted {want}");
        }
    }
}
