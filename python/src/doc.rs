//! A document as Python sees it: plain, read-only objects with character offsets
//! (`text[m.start:m.end] == m.text`) and the byte offsets beside them
//! (`start_byte`, `end_byte`), made from the library's [`gazet::Document`].
//!
//! ```text
//! Document(lang='nl', date='2017-11-10', 5 entities, 3 relations)
//!   .entities[0]  Entity('person:donald-trump', 'Donald Trump', PERSON, 2 mentions)
//!   .relations[0] Relation(meeting: Donald Trump —met→ Vladimir Putin [asserted, past])
//! ```

use pyo3::prelude::*;
use pyo3::types::PyList;

/// Registers the classes of this module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Document>()?;
    m.add_class::<Entity>()?;
    m.add_class::<Mention>()?;
    m.add_class::<Relation>()?;
    m.add_class::<Argument>()?;
    m.add_class::<Span>()?;
    m.add_class::<Time>()?;
    m.add_class::<Link>()?;
    m.add_class::<Evidence>()?;
    Ok(())
}

/// The entities and relations of one text.
#[pyclass(module = "gazet", frozen)]
pub struct Document {
    text: String,
    doc: gazet::Document,
    /// The same document with character offsets.
    chars: gazet::Document,
}

impl Document {
    /// Extracts `text` (no Python involved: callable with the GIL released).
    pub fn new(
        ex: &gazet::Extractor,
        text: String,
        lang: Option<gazet::Lang>,
        date: Option<gazet::Date>,
    ) -> Document {
        let doc = ex.extract_with(&text, lang, date);
        Document::from_parts(text, doc)
    }

    pub fn from_parts(text: String, doc: gazet::Document) -> Document {
        let chars = doc.with_char_offsets(&text);
        Document { text, doc, chars }
    }

    fn name_of(&self, id: &str) -> Option<String> {
        self.doc.entity(id).map(|e| e.name.clone())
    }

    fn span(&self, bytes: gazet::Span, chars: gazet::Span) -> Span {
        Span {
            start: chars.start,
            end: chars.end,
            start_byte: bytes.start,
            end_byte: bytes.end,
            text: self.text.get(bytes.start..bytes.end).unwrap_or_default().to_string(),
        }
    }
}

/// The name serde gives a unit variant ("asserted", "pronoun").
fn name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[pymethods]
impl Document {
    /// The text the document was read from.
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }

    /// "nl" or "en".
    #[getter]
    fn lang(&self) -> String {
        self.doc.lang.to_string()
    }

    /// The document date ("2017-11", "2017-11-10"), or None.
    #[getter]
    fn date(&self) -> Option<String> {
        self.doc.date.map(|d| d.to_string())
    }

    /// What was not what it seemed in the text (a `date` line that is no date, a text
    /// without words): empty for an ordinary text.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.doc.warnings.clone()
    }

    /// One entity per real-world thing, in order of first mention.
    #[getter]
    fn entities(&self) -> Vec<Entity> {
        self.doc.entities.iter().zip(&self.chars.entities).map(|(e, c)| entity(e, c)).collect()
    }

    /// The relations, in order of first evidence.
    #[getter]
    fn relations(&self) -> Vec<Relation> {
        let pairs = self.doc.relations.iter().zip(&self.chars.relations);
        pairs.map(|(r, c)| self.relation(r, c)).collect()
    }

    /// The entity with this id, or None.
    fn entity(&self, id: &str) -> Option<Entity> {
        let i = self.doc.entities.iter().position(|e| e.id == id)?;
        Some(entity(&self.doc.entities[i], &self.chars.entities[i]))
    }

    /// The JSON of gazet's output contract, as `gazet extract --format jsonl` writes
    /// it (without the `id`): byte offsets, or with `offsets="chars"` character ones.
    #[pyo3(signature = (offsets="bytes"))]
    fn to_json(&self, offsets: &str) -> PyResult<String> {
        let doc = match offsets {
            "bytes" => &self.doc,
            "chars" => &self.chars,
            o => {
                let msg = format!("offsets {o:?}: expected \"bytes\" or \"chars\"");
                return Err(pyo3::exceptions::PyValueError::new_err(msg));
            }
        };
        serde_json::to_string(doc)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// The JSON contract as Python dicts and lists (see `to_json`).
    #[pyo3(signature = (offsets="bytes"))]
    fn to_dict(&self, py: Python<'_>, offsets: &str) -> PyResult<Py<PyAny>> {
        let json = self.to_json(offsets)?;
        Ok(py.import("json")?.call_method1("loads", (json,))?.unbind())
    }

    /// Tidy pandas DataFrames of this document: `entities`, `mentions`, `relations`.
    fn to_pandas(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let docs = PyList::new(py, [slf])?;
        Ok(py.import("gazet.frames")?.call_method1("to_frames", (docs,))?.unbind())
    }

    fn __repr__(&self) -> String {
        let date = self.date().map(|d| format!(", date='{d}'")).unwrap_or_default();
        format!(
            "Document(lang='{}'{date}, {} entities, {} relations)",
            self.doc.lang,
            self.doc.entities.len(),
            self.doc.relations.len()
        )
    }
}

fn entity(e: &gazet::Entity, c: &gazet::Entity) -> Entity {
    let mentions = e
        .mentions
        .iter()
        .zip(&c.mentions)
        .map(|(m, n)| Mention {
            start: n.start,
            end: n.end,
            start_byte: m.start,
            end_byte: m.end,
            text: m.text.clone(),
            sentence: m.sentence,
            kind: name(&m.kind),
        })
        .collect();
    Entity {
        id: e.id.clone(),
        name: e.name.clone(),
        type_: e.kind.as_str().to_string(),
        qid: e.qid.clone(),
        rule: e.rule.clone(),
        mentions,
    }
}

impl Document {
    fn relation(&self, r: &gazet::Relation, c: &gazet::Relation) -> Relation {
        let arg = |a: &gazet::Argument| Argument {
            role: a.role.as_str().to_string(),
            entity: a.entity.clone(),
            name: self.name_of(&a.entity),
        };
        let time = r.time.as_ref().zip(c.time.as_ref()).map(|(t, u)| Time {
            text: t.text.clone(),
            value: t.value.clone(),
            start: u.start,
            end: u.end,
            start_byte: t.start,
            end_byte: t.end,
        });
        let links = r.links.iter().zip(&c.links).map(|(l, m)| Link {
            entity: l.entity.clone(),
            via: name(&l.via),
            span: l.span.zip(m.span).map(|(b, c)| self.span(b, c)),
        });
        let evidences = r.evidences.iter().zip(&c.evidences).map(|(e, f)| Evidence {
            sentence: e.sentence,
            span: self.span(e.span, f.span),
            rule: e.rule.clone(),
        });
        Relation {
            type_: r.kind.as_str().to_string(),
            label: r.label.clone(),
            args: r.args.iter().map(arg).collect(),
            modality: r.modality.as_str().to_string(),
            tense: r.tense.as_str().to_string(),
            time,
            place: r.place.clone(),
            event: r.event.clone(),
            title: r.title.clone(),
            sentence: r.sentence,
            evidence: self.span(r.evidence, c.evidence),
            rule: r.rule.clone(),
            links: links.collect(),
            evidences: evidences.collect(),
        }
    }
}

/// A real-world thing the text mentions.
#[pyclass(module = "gazet", frozen, get_all, skip_from_py_object)]
#[derive(Clone)]
pub struct Entity {
    /// Stable id ("person:donald-trump", "country:RU", "local:person:anna-berends").
    id: String,
    /// Canonical English name.
    name: String,
    /// PERSON, COUNTRY, LOCATION, ORGANIZATION or EVENT.
    #[pyo3(name = "type")]
    type_: String,
    /// Wikidata id, when the gazetteer has one.
    qid: Option<String>,
    /// The name-finder rule that found it, for entities no gazetteer knows.
    rule: Option<String>,
    mentions: Vec<Mention>,
}

#[pymethods]
impl Entity {
    fn __repr__(&self) -> String {
        let n = self.mentions.len();
        format!(
            "Entity({}, {}, {}, {n} mention{})",
            q(&self.id),
            q(&self.name),
            self.type_,
            plural(n)
        )
    }
}

/// A stretch of text naming an entity.
#[pyclass(module = "gazet", frozen, get_all, skip_from_py_object)]
#[derive(Clone)]
pub struct Mention {
    /// Character offsets: `doc.text[start:end] == text`.
    start: usize,
    end: usize,
    /// UTF-8 byte offsets, as the JSON contract and the Rust library give them.
    start_byte: usize,
    end_byte: usize,
    text: String,
    /// Index of its sentence.
    sentence: usize,
    /// name, short, abbr, partial, adj, people, found…
    kind: String,
}

#[pymethods]
impl Mention {
    fn __repr__(&self) -> String {
        format!("Mention({}, {}:{})", q(&self.text), self.start, self.end)
    }
}

/// A relation between entities, with its modality, tense, time, place and evidence.
#[pyclass(module = "gazet", frozen, get_all, skip_from_py_object)]
#[derive(Clone)]
pub struct Relation {
    /// meeting, help_with, visit, position, participation, located_in, statement,
    /// conflict or talks_about.
    #[pyo3(name = "type")]
    type_: String,
    /// A readable verb phrase ("could meet", "met").
    label: String,
    args: Vec<Argument>,
    /// asserted, possible, planned, negated or reported.
    modality: String,
    /// past, present or future.
    tense: String,
    time: Option<Time>,
    /// Entity id of the place, or None.
    place: Option<String>,
    /// Entity id of the event (a summit), or None.
    event: Option<String>,
    /// For positions: the title ("president").
    title: Option<String>,
    sentence: usize,
    evidence: Span,
    /// Id of the rule that made it.
    rule: String,
    /// Arguments found by coreference or from the document's focus.
    links: Vec<Link>,
    /// Every statement of the relation, when it is stated more than once.
    evidences: Vec<Evidence>,
}

#[pymethods]
impl Relation {
    /// The entity ids of the arguments with this role.
    fn ids(&self, role: &str) -> Vec<String> {
        self.args.iter().filter(|a| a.role == role).map(|a| a.entity.clone()).collect()
    }

    fn __repr__(&self) -> String {
        let names: Vec<&str> =
            self.args.iter().map(|a| a.name.as_deref().unwrap_or(&a.entity)).collect();
        let (first, rest) = names.split_first().map_or(("", &[][..]), |(f, r)| (*f, r));
        format!(
            "Relation({}: {first} —{}→ {} [{}, {}])",
            self.type_,
            self.label,
            rest.join(", "),
            self.modality,
            self.tense
        )
    }
}

/// One argument of a relation.
#[pyclass(module = "gazet", frozen, get_all, skip_from_py_object)]
#[derive(Clone)]
pub struct Argument {
    /// participant, helper, beneficiary, topic, visitor, place, holder…
    role: String,
    /// Entity id.
    entity: String,
    /// The entity's canonical name.
    name: Option<String>,
}

#[pymethods]
impl Argument {
    fn __repr__(&self) -> String {
        format!("Argument({}, {})", q(&self.role), q(&self.entity))
    }
}

/// A span of the text: character offsets, byte offsets and the text itself.
#[pyclass(module = "gazet", frozen, get_all, skip_from_py_object)]
#[derive(Clone)]
pub struct Span {
    start: usize,
    end: usize,
    start_byte: usize,
    end_byte: usize,
    text: String,
}

#[pymethods]
impl Span {
    fn __repr__(&self) -> String {
        format!("Span({}:{}, {})", self.start, self.end, q(&self.text))
    }
}

/// A time expression and its normalized value ("juli" → "2017-07").
#[pyclass(module = "gazet", frozen, get_all, skip_from_py_object)]
#[derive(Clone)]
pub struct Time {
    text: String,
    value: String,
    start: usize,
    end: usize,
    start_byte: usize,
    end_byte: usize,
}

#[pymethods]
impl Time {
    fn __repr__(&self) -> String {
        format!("Time({}, {})", q(&self.text), q(&self.value))
    }
}

/// An argument found by coreference or from the document's focus.
#[pyclass(module = "gazet", frozen, get_all, skip_from_py_object)]
#[derive(Clone)]
pub struct Link {
    entity: String,
    /// pronoun, pair, anaphor, description, focus, meeting, gathering or dateline.
    via: String,
    /// The text that stood for it, if any.
    span: Option<Span>,
}

#[pymethods]
impl Link {
    fn __repr__(&self) -> String {
        format!("Link({}, via={})", q(&self.entity), q(&self.via))
    }
}

/// One statement of a relation.
#[pyclass(module = "gazet", frozen, get_all, skip_from_py_object)]
#[derive(Clone)]
pub struct Evidence {
    sentence: usize,
    span: Span,
    rule: String,
}

#[pymethods]
impl Evidence {
    fn __repr__(&self) -> String {
        format!("Evidence({}, rule={})", q(&self.span.text), q(&self.rule))
    }
}

/// A string as Python's `repr` writes it (single quotes).
fn q(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
