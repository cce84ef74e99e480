//! [`Extractor`] and [`ExtractorBuilder`].

use std::path::PathBuf;
use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::error::{Error, ErrorKind};
use crate::gazetteer::matcher::Matcher;
use crate::gazetteer::titles::Titles;
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::model::{Date, Document, Entity, Lang, LangSpan, Mention};
use crate::names::NameFinder;
use crate::rules::RuleSet;
use crate::tokenize::{split_sentences, tokenize_into, Tokens};
use crate::{lang, resolve};

/// The data files compiled into the crate (feature `embedded-data`), by file name.
#[cfg(feature = "embedded-data")]
pub(crate) const EMBEDDED_GAZETTEERS: &[(&str, &str)] = &[
    ("gazetteers/countries.tsv", include_str!("../gazetteers/countries.tsv")),
    ("gazetteers/regions.tsv", include_str!("../gazetteers/regions.tsv")),
    ("gazetteers/places.tsv", include_str!("../gazetteers/places.tsv")),
    ("gazetteers/organizations.tsv", include_str!("../gazetteers/organizations.tsv")),
    ("gazetteers/media.tsv", include_str!("../gazetteers/media.tsv")),
    ("gazetteers/venues.tsv", include_str!("../gazetteers/venues.tsv")),
    ("gazetteers/events.tsv", include_str!("../gazetteers/events.tsv")),
    (
        "gazetteers/people-europe-americas.tsv",
        include_str!("../gazetteers/people-europe-americas.tsv"),
    ),
    ("gazetteers/people-world.tsv", include_str!("../gazetteers/people-world.tsv")),
    ("gazetteers/office-holders.tsv", include_str!("../gazetteers/office-holders.tsv")),
    ("gazetteers/people-public.tsv", include_str!("../gazetteers/people-public.tsv")),
];
#[cfg(not(feature = "embedded-data"))]
pub(crate) const EMBEDDED_GAZETTEERS: &[(&str, &str)] = &[];

#[cfg(feature = "embedded-data")]
pub(crate) const EMBEDDED_TITLES: &[(&str, &str)] =
    &[("gazetteers/titles.tsv", include_str!("../gazetteers/titles.tsv"))];
#[cfg(not(feature = "embedded-data"))]
pub(crate) const EMBEDDED_TITLES: &[(&str, &str)] = &[];

#[cfg(feature = "embedded-data")]
pub(crate) const EMBEDDED_RULES: &[(&str, &str)] = &[
    ("gazetteers/rules/nl.lexicon", include_str!("../gazetteers/rules/nl.lexicon")),
    ("gazetteers/rules/en.lexicon", include_str!("../gazetteers/rules/en.lexicon")),
    ("gazetteers/rules/nl.rules", include_str!("../gazetteers/rules/nl.rules")),
    ("gazetteers/rules/en.rules", include_str!("../gazetteers/rules/en.rules")),
];
#[cfg(not(feature = "embedded-data"))]
pub(crate) const EMBEDDED_RULES: &[(&str, &str)] = &[];

#[cfg(feature = "embedded-data")]
pub(crate) const EMBEDDED_NAMES: &[(&str, &str)] = &[
    ("gazetteers/names/nl.names", include_str!("../gazetteers/names/nl.names")),
    ("gazetteers/names/en.names", include_str!("../gazetteers/names/en.names")),
];
#[cfg(not(feature = "embedded-data"))]
pub(crate) const EMBEDDED_NAMES: &[(&str, &str)] = &[];

#[cfg(feature = "embedded-data")]
pub(crate) const EMBEDDED_GIVEN_NAMES: &str = include_str!("../gazetteers/names/given-names.txt");
#[cfg(not(feature = "embedded-data"))]
pub(crate) const EMBEDDED_GIVEN_NAMES: &str = "";

#[derive(Clone, Debug)]
enum Source {
    Text(String, String),
    File(PathBuf),
}

impl Source {
    fn load(&self) -> Result<(String, String), Error> {
        match self {
            Source::Text(n, s) => Ok((n.clone(), s.clone())),
            Source::File(p) => {
                let name = p.display().to_string();
                let bytes = std::fs::read(p)
                    .map_err(|e| Error::new(ErrorKind::Io(format!("{name}: {e}")), None))?;
                Ok((name.clone(), crate::error::utf8(&name, bytes)?))
            }
        }
    }
}

/// Every post's title must be a canonical title of the title list (when one is
/// loaded): "presidnet" would never resolve "de Russische president".
fn post_titles_known(g: &Gazetteer, titles: &Titles) -> Result<(), Error> {
    if titles.canonical.is_empty() {
        return Ok(());
    }
    let known: std::collections::HashSet<&str> =
        titles.canonical.iter().map(String::as_str).collect();
    for p in g.entries().iter().flat_map(|e| &e.posts) {
        if !known.contains(p.title.as_str()) {
            let msg = format!(
                "unknown post title \"{}\": not a title of the title list (titles.tsv)",
                p.title
            );
            return Err(Error::gazetteer(msg, p.title_location()));
        }
    }
    Ok(())
}

/// The warnings of a document: a leading `date` line that did not parse (it is read
/// as text), and a text with no word to tell its language by (when the caller gave
/// none).
fn read_warnings(
    text: &str,
    toks: &Tokens,
    dated: bool,
    lang_given: bool,
    lang: Lang,
) -> Vec<String> {
    let mut out = Vec::new();
    let first = text.trim_start_matches([' ', '\t', '\u{feff}']).lines().next().unwrap_or("");
    let looks_dated = first.strip_prefix("date").is_some_and(|r| r.starts_with([' ', '\t']));
    if looks_dated && !dated {
        out.push(format!(
            "the first line \"{}\" is not a date line (date YYYY, YYYY-MM or YYYY-MM-DD): read as text",
            first.chars().take(40).collect::<String>()
        ));
    }
    if !lang_given && !toks.iter().any(|t| t.kind == crate::tokenize::TokenKind::Word) {
        out.push(format!("no words to tell the language by: \"{lang}\" assumed"));
    }
    out
}

/// Configures and builds an [`Extractor`].
///
/// The builder only records what it is given; [`build`](ExtractorBuilder::build)
/// reads and validates every data and rule file, compiles the automata and the rule
/// index, and reports the first problem with its file, line and column.
///
/// ```
/// use gazet::Extractor;
///
/// let extra = "entity\tperson:jan-jansen\tPERSON\tJan Jansen\nalias\t*\tshort\tJansen\n";
/// let ex = Extractor::builder().gazetteer_str("extra.tsv", extra).build()?;
/// let doc = ex.extract("Jansen sprak dinsdag in Brussel.");
/// assert!(doc.entity("person:jan-jansen").is_some());
/// # Ok::<(), gazet::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    default_gazetteers: bool,
    default_rules: bool,
    default_names: bool,
    gazetteers: Vec<Source>,
    titles: Vec<Source>,
    rules: Vec<Source>,
    names: Vec<Source>,
    given_names: Vec<Source>,
    lang: Option<Lang>,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    /// A builder with the embedded default data and rules.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            default_gazetteers: true,
            default_rules: true,
            default_names: true,
            gazetteers: Vec::new(),
            titles: Vec::new(),
            rules: Vec::new(),
            names: Vec::new(),
            given_names: Vec::new(),
            lang: None,
        }
    }

    /// Whether the embedded gazetteers (entities and titles) are loaded. Default: yes
    /// (with the `embedded-data` feature).
    pub fn default_gazetteers(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.default_gazetteers = yes;
        self
    }

    /// Whether the embedded rule files are loaded. Default: yes (with the
    /// `embedded-data` feature). With no rule files at all the relation layer is
    /// off: documents have entities and no relations.
    pub fn default_rules(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.default_rules = yes;
        self
    }

    /// Whether the embedded name-finder rules and given names are loaded. Default:
    /// yes (with the `embedded-data` feature). With no name rules at all, only the
    /// gazetteer (and the names after titles) make entities.
    pub fn default_names(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.default_names = yes;
        self
    }

    /// Adds a name-finder rule file's text (format of `gazetteers/names/*.names`);
    /// `name` names it in errors and rule ids.
    pub fn names_str(&mut self, name: &str, rules: &str) -> &mut ExtractorBuilder {
        self.names.push(Source::Text(name.to_string(), rules.to_string()));
        self
    }

    /// Adds a name-finder rule file, read by [`build`](ExtractorBuilder::build).
    pub fn names_file(&mut self, path: impl Into<PathBuf>) -> &mut ExtractorBuilder {
        self.names.push(Source::File(path.into()));
        self
    }

    /// Adds given names (one per line, `#` comments) for the name finder's `given`
    /// rules.
    pub fn given_names_str(&mut self, name: &str, list: &str) -> &mut ExtractorBuilder {
        self.given_names.push(Source::Text(name.to_string(), list.to_string()));
        self
    }

    /// Adds gazetteer data from a string; `name` names it in errors.
    pub fn gazetteer_str(&mut self, name: &str, data: &str) -> &mut ExtractorBuilder {
        self.gazetteers.push(Source::Text(name.to_string(), data.to_string()));
        self
    }

    /// Adds a gazetteer data file, read by [`build`](ExtractorBuilder::build).
    pub fn gazetteer_file(&mut self, path: impl Into<PathBuf>) -> &mut ExtractorBuilder {
        self.gazetteers.push(Source::File(path.into()));
        self
    }

    /// Adds title data (format of `gazetteers/titles.tsv`) from a string.
    pub fn titles_str(&mut self, name: &str, data: &str) -> &mut ExtractorBuilder {
        self.titles.push(Source::Text(name.to_string(), data.to_string()));
        self
    }

    /// Adds a rule file's text; `name` names it in errors and rule ids.
    pub fn rules_str(&mut self, name: &str, rules: &str) -> &mut ExtractorBuilder {
        self.rules.push(Source::Text(name.to_string(), rules.to_string()));
        self
    }

    /// Adds a rule file, read by [`build`](ExtractorBuilder::build).
    pub fn rules_file(&mut self, path: impl Into<PathBuf>) -> &mut ExtractorBuilder {
        self.rules.push(Source::File(path.into()));
        self
    }

    /// Reads every text as this language instead of detecting it. Default: detect
    /// (Dutch or English) per text.
    pub fn lang(&mut self, lang: Option<Lang>) -> &mut ExtractorBuilder {
        self.lang = lang;
        self
    }

    /// Loads and validates all data, compiles the matchers and the rule index.
    ///
    /// # Errors
    ///
    /// A malformed data or rule file, a duplicate id, a reference to an unknown id or
    /// an unreadable file; the error names the place (see [`Error`]).
    pub fn build(&self) -> Result<Extractor, Error> {
        // the rule index and the name finder do not depend on the gazetteer: on a
        // second core they are built while the gazetteer is (errors are still reported
        // in the order gazetteer, rules, names)
        let (gazetteer, rest) = std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new()
                .spawn_scoped(scope, || (self.build_rules(), self.build_names()));
            let gazetteer = self.build_gazetteer();
            let rest = match spawned {
                Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                // no threads here (some sandboxes): one after the other
                Err(_) => (self.build_rules(), self.build_names()),
            };
            (gazetteer, rest)
        });
        let (g, titles, matcher, mut lexicon) = gazetteer?;
        let (rules, mut names) = (rest.0?, rest.1?);
        // the lexicon starts with the gazetteer's words; the name finder adds its own
        names.index_lexicon(&mut lexicon);
        let people = crate::couples::PersonNames::build(&g);
        let inner =
            Inner { gazetteer: g, titles, matcher, lexicon, rules, names, people, lang: self.lang };
        Ok(Extractor { inner: Arc::new(inner) })
    }

    /// Loads and validates the gazetteers and titles and compiles their automaton.
    fn build_gazetteer(&self) -> Result<(Gazetteer, Titles, Matcher, Lexicon), Error> {
        let mut g = Gazetteer::new();
        let mut titles = Titles::default();
        if self.default_gazetteers {
            for (name, src) in EMBEDDED_GAZETTEERS {
                g.add_source(name, src)?;
            }
            for (name, src) in EMBEDDED_TITLES {
                titles.add_source(name, src)?;
            }
        }
        for s in &self.gazetteers {
            let (name, src) = s.load()?;
            g.add_source(&name, &src)?;
        }
        for s in &self.titles {
            let (name, src) = s.load()?;
            titles.add_source(&name, &src)?;
        }
        g.validate().map_err(|e| self.unknown_id_hint(e))?;
        post_titles_known(&g, &titles)?;
        for (t, org) in titles.canonical.iter().zip(&titles.implied) {
            if let Some(org) = org {
                if g.get(org).is_none() {
                    return Err(Error::new(
                        ErrorKind::UnknownId(format!("{org} (implied by the title \"{t}\")")),
                        None,
                    ));
                }
            }
        }
        let (matcher, lexicon) = Matcher::build(&g, &titles)?;
        Ok((g, titles, matcher, lexicon))
    }

    /// An unknown id that the bundled gazetteers hold, while they are not loaded: the
    /// message says which bundled file has it.
    fn unknown_id_hint(&self, e: Error) -> Error {
        let ErrorKind::UnknownId(id) = e.kind() else { return e };
        if self.default_gazetteers {
            return e;
        }
        let line = format!("entity\t{id}\t");
        let Some((file, _)) = EMBEDDED_GAZETTEERS.iter().find(|(_, src)| src.contains(&line))
        else {
            return e;
        };
        let msg = format!(
            "{id} (it is in the bundled {file}, which default_gazetteers(false) leaves out)"
        );
        Error::new(ErrorKind::UnknownId(msg), e.location().cloned())
    }

    /// Reads and compiles the relation rules.
    fn build_rules(&self) -> Result<crate::rules::Compiled, Error> {
        let mut rules = RuleSet::new();
        if self.default_rules {
            for (name, src) in EMBEDDED_RULES {
                rules.add_source(name, src)?;
            }
        }
        for s in &self.rules {
            let (name, src) = s.load()?;
            rules.add_source(&name, &src)?;
        }
        rules.compile()
    }

    /// Reads and indexes the name-finder rules and given names.
    fn build_names(&self) -> Result<NameFinder, Error> {
        let mut p = crate::names::parse::Parsed::default();
        if self.default_names {
            for (name, src) in EMBEDDED_NAMES {
                p.add_rules(name, src)?;
            }
            p.add_given(EMBEDDED_GIVEN_NAMES);
        }
        for s in &self.names {
            let (name, src) = s.load()?;
            p.add_rules(&name, &src)?;
        }
        for s in &self.given_names {
            p.add_given(&s.load()?.1);
        }
        NameFinder::compile(p)
    }
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub gazetteer: Gazetteer,
    pub titles: Titles,
    pub matcher: Matcher,
    /// Every word the matcher and the name finder look up, with its id.
    pub lexicon: Lexicon,
    pub rules: crate::rules::Compiled,
    pub names: NameFinder,
    /// The gazetteer's people by full name, for couples ("Joe and Jill Biden").
    pub people: crate::couples::PersonNames,
    pub lang: Option<Lang>,
}

/// Reads news text and returns its entities and relations.
///
/// Build it once and share it: it holds the compiled automata and rule index behind
/// an [`Arc`], so clones are cheap and it is `Send + Sync`.
///
/// # Example
///
/// ```
/// use gazet::{Extractor, EntityType};
///
/// let ex = Extractor::new();
/// let doc = ex.extract("Poetin en Trump spraken in Hamburg over Noord-Korea.");
/// let putin = doc.entity("person:vladimir-putin").unwrap();
/// assert_eq!(putin.name, "Vladimir Putin");
/// assert_eq!(putin.kind, EntityType::Person);
/// assert_eq!(putin.mentions[0].text, "Poetin");
/// assert!(doc.entity_named("North Korea").is_some());
/// ```
#[derive(Clone, Debug)]
pub struct Extractor {
    inner: Arc<Inner>,
}

static DEFAULT: Lazy<Result<Extractor, Error>> = Lazy::new(|| ExtractorBuilder::new().build());

impl Extractor {
    /// The extractor with the embedded default gazetteers and rules, built once per
    /// process and shared (this call is a cheap clone).
    ///
    /// # Panics
    ///
    /// Only if the embedded data does not build, which is a bug in this crate (the
    /// test suite builds it); use [`Extractor::builder`] for data of your own.
    #[allow(clippy::expect_used)]
    pub fn new() -> Extractor {
        DEFAULT
            .as_ref()
            .map(Clone::clone)
            .map_err(Clone::clone)
            .expect("the embedded gazet data builds")
    }

    /// A builder for an extractor with data or rules of your own.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// Extracts entities and relations from `text`.
    ///
    /// The language is detected unless the builder fixed it; a leading
    /// ` date YYYY-MM[-DD]` line sets the document date. Never panics and never fails:
    /// any string, however odd, gives a [`Document`].
    pub fn extract(&self, text: &str) -> Document {
        self.extract_with(text, None, None)
    }

    /// Like [`extract`](Extractor::extract), with the language and the document date
    /// given by the caller (`None`: detect the language, read the date line).
    pub fn extract_with(&self, text: &str, lang: Option<Lang>, date: Option<Date>) -> Document {
        self.extract_into(text, lang, date, &mut Tokens::default(), None)
    }

    /// What the rule layer saw and did in `text`, for people writing rules: for each
    /// sentence with a mention, its entity phrases and, per trigger word, the rule it
    /// triggered and whether that rule was tried (and why not) and matched. A report to
    /// read, one line per item; its wording is not a stable format.
    ///
    /// ```
    /// let ex = gazet::Extractor::new();
    /// let why = ex.explain("Poetin en Trump ontmoetten elkaar in Hamburg.", Some(gazet::Lang::Nl));
    /// assert!(why.contains("phrases: Vladimir Putin (PERSON)"));
    /// assert!(why.contains("tried, matched"));
    /// ```
    pub fn explain(&self, text: &str, lang: Option<Lang>) -> String {
        let mut trace = Vec::new();
        let doc = self.extract_into(text, lang, None, &mut Tokens::default(), Some(&mut trace));
        trace.push(format!("{} entities, {} relations", doc.entities.len(), doc.relations.len()));
        trace.join("\n") + "\n"
    }

    /// Extracts every text of `texts`, in order, on all the cores the machine
    /// offers: one thread per core, each with its own reused buffers, all sharing
    /// this extractor. The result is the same as calling
    /// [`extract_with`](Extractor::extract_with) on each text in turn.
    ///
    /// ```
    /// let ex = gazet::Extractor::new();
    /// let texts = ["Rutte sprak met Macron.", "Putin met Xi in Beijing."];
    /// let docs = ex.extract_many(&texts, None);
    /// assert_eq!(docs.len(), 2);
    /// assert!(docs[1].entity_named("Xi Jinping").is_some());
    /// ```
    pub fn extract_many<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        lang: Option<Lang>,
    ) -> Vec<Document> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(texts.len());
        if threads <= 1 {
            let mut toks = Tokens::default();
            return texts
                .iter()
                .map(|t| self.extract_into(t.as_ref(), lang, None, &mut toks, None))
                .collect();
        }
        // the threads take the next few texts as they finish (texts differ in length,
        // so fixed halves would leave one thread idle); each result keeps its index
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done: Vec<Option<Document>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|_| scope.spawn(|| self.batch_worker(texts, lang, &next)))
                .collect();
            let mut all: Vec<Option<Document>> = Vec::new();
            all.resize_with(texts.len(), || None);
            for h in handles {
                // a panic in a worker is a bug in this crate: it is passed on
                let part = h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                for (i, d) in part {
                    all[i] = Some(d);
                }
            }
            all
        });
        // every index was claimed by exactly one thread: all are filled
        done.into_iter().flatten().collect()
    }

    /// One thread of [`Extractor::extract_many`]: claims `BATCH` texts at a time from
    /// `next` until none are left, reusing one token buffer.
    fn batch_worker<S: AsRef<str>>(
        &self,
        texts: &[S],
        lang: Option<Lang>,
        next: &std::sync::atomic::AtomicUsize,
    ) -> Vec<(usize, Document)> {
        const BATCH: usize = 16;
        let mut toks = Tokens::default();
        let mut out = Vec::new();
        loop {
            let start = next.fetch_add(BATCH, std::sync::atomic::Ordering::Relaxed);
            let Some(chunk) = texts.get(start..(start + BATCH).min(texts.len())) else {
                return out;
            };
            if chunk.is_empty() {
                return out;
            }
            for (k, t) in chunk.iter().enumerate() {
                out.push((start + k, self.extract_into(t.as_ref(), lang, None, &mut toks, None)));
            }
        }
    }

    /// The pipeline on one text, with a token buffer the caller may reuse.
    fn extract_into(
        &self,
        text: &str,
        lang: Option<Lang>,
        date: Option<Date>,
        toks: &mut Tokens,
        trace: Option<&mut Vec<String>>,
    ) -> Document {
        let (line_date, from) = match lang::date_line(text) {
            Some((d, at)) => (Some(d), at),
            None => (None, 0),
        };
        tokenize_into(text, from, toks);
        self.inner.lexicon.assign(toks);
        let inner = &*self.inner;
        let votes = |w: &str| inner.rules.lang_votes(w);
        let given = lang.or(inner.lang);
        let (lang, mixed) = match given {
            Some(l) => (l, false),
            None => lang::detect(toks, &votes),
        };
        let date = date.or(line_date);
        let sents = split_sentences(toks);
        // a language the caller fixed holds for every sentence; a detected one may
        // give way to the other in a passage that clearly reads as it
        let sent_langs = if mixed && !inner.rules.is_empty() {
            lang::sentence_langs(toks, &sents, lang, &votes)
        } else {
            vec![lang; sents.len()]
        };
        let data = resolve::Data {
            g: &inner.gazetteer,
            m: &inner.matcher,
            titles: &inner.titles,
            names: &inner.names,
            people: &inner.people,
        };
        let mut res = resolve::resolve(text, toks, &sents, &data, lang, date);
        // the rule layer reads no lexicon ids: a very long document gives them back
        toks.release_ids_if_large();
        let relations = inner.rules.apply(&mut crate::rules::Input {
            text,
            toks,
            sents: &sents,
            lang,
            date,
            gazetteer: &inner.gazetteer,
            titles: &inner.titles,
            res: &mut res,
            sent_langs: &sent_langs,
            trace,
        });
        let lang_spans = lang_spans(toks, &sents, &sent_langs, lang);
        let entities = build_entities(text, toks, &sents, res, inner, &relations);
        let warnings = read_warnings(text, toks, line_date.is_some(), given.is_some(), lang);
        Document { lang, date, entities, relations, lang_spans, warnings }
    }

    /// The loaded gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gazetteer
    }

    /// The relation rules in use, in load order, each with the file, line and column
    /// of its id.
    ///
    /// ```
    /// let ex = gazet::Extractor::new();
    /// let rules = ex.rules();
    /// let r = rules.iter().find(|r| r.id.starts_with("nl/meeting/")).unwrap();
    /// assert!(r.location.file.ends_with("nl.rules"));
    /// ```
    pub fn rules(&self) -> Vec<crate::rules::RuleInfo> {
        self.inner.rules.infos()
    }

    /// Heap memory of the gazetteer automaton in bytes, and its pattern count.
    pub fn automaton_stats(&self) -> (usize, usize) {
        let bytes = self.inner.matcher.memory_usage() + self.inner.lexicon.memory_usage();
        (bytes, self.inner.matcher.pattern_count())
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

/// The passages read in a language other than the document's: runs of sentences,
/// as byte spans.
fn lang_spans(
    toks: &Tokens,
    sents: &[crate::tokenize::Sentence],
    sent_langs: &[Lang],
    doc: Lang,
) -> Vec<LangSpan> {
    let tt = toks.tokens();
    let mut out: Vec<LangSpan> = Vec::new();
    for (i, (s, &l)) in sents.iter().zip(sent_langs).enumerate() {
        let last = s.last.checked_sub(1).and_then(|x| tt.get(x as usize));
        let (Some(a), Some(b), true) = (tt.get(s.first as usize), last, l != doc) else {
            continue;
        };
        match out.last_mut() {
            // the next sentence of the same run
            Some(prev) if prev.lang == l && prev.sentences.1 + 1 == i => {
                prev.end = b.end as usize;
                prev.sentences.1 = i;
            }
            _ => out.push(LangSpan {
                start: a.start as usize,
                end: b.end as usize,
                lang: l,
                sentences: (i, i),
            }),
        }
    }
    out
}

pub(crate) fn sentence_of(sents: &[crate::tokenize::Sentence], tok: u32) -> usize {
    match sents.binary_search_by(|s| {
        if s.last <= tok {
            std::cmp::Ordering::Less
        } else if s.first > tok {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => i,
        Err(i) => i.min(sents.len().saturating_sub(1)),
    }
}

fn build_entities(
    text: &str,
    toks: &Tokens,
    sents: &[crate::tokenize::Sentence],
    res: resolve::Resolved,
    inner: &Inner,
    relations: &[crate::model::Relation],
) -> Vec<Entity> {
    let g = &inner.gazetteer;
    let tt = toks.tokens();
    let mut per: Vec<Vec<Mention>> = vec![Vec::new(); res.entities.len()];
    for m in &res.mentions {
        let (Some(a), Some(b)) = (tt.get(m.first as usize), tt.get((m.first + m.len - 1) as usize))
        else {
            continue;
        };
        let (s, e) = (a.start as usize, b.end as usize);
        per[m.ent as usize].push(Mention {
            start: s,
            end: e,
            text: text.get(s..e).unwrap_or("").to_string(),
            sentence: sentence_of(sents, m.first),
            kind: m.kind.public(),
        });
    }
    let mut out: Vec<(usize, Entity)> = Vec::new();
    // the resolver's entities are consumed: their ids and names move, not copy
    // an entity the text does not name but a relation needs ("zijn minister van
    // Buitenlandse Zaken X": the leader's country) is kept, without mentions, after
    // the named ones: every relation argument is an entity of the document
    let needed: std::collections::HashSet<&str> = relations
        .iter()
        .flat_map(|r| {
            r.args
                .iter()
                .map(|a| a.entity.as_str())
                .chain(r.place.as_deref())
                .chain(r.event.as_deref())
        })
        .collect();
    let referenced = |id: &str| needed.contains(id);
    for (e, ms) in res.entities.into_iter().zip(per) {
        if ms.is_empty() && !referenced(&e.id) {
            continue;
        }
        let qid = match e.key {
            resolve::EntKey::Gaz(ix) => g.entries().get(ix as usize).and_then(|x| x.qid.clone()),
            resolve::EntKey::Local(_) => None,
        };
        let first = ms.first().map_or(usize::MAX, |m| m.start);
        let rule = e.rule.map(|r| inner.names.rule_id(r).to_string());
        out.push((first, Entity { id: e.id, name: e.name, kind: e.kind, qid, rule, mentions: ms }));
    }
    out.sort_by_key(|x| x.0);
    out.into_iter().map(|x| x.1).collect()
}
