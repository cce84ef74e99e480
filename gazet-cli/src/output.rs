//! Output formats of `gazet extract`, written record by record.
//!
//! Every input record gives exactly one output record: the document, or an error
//! record in its place (`{"id": …, "error": {"kind": …, "message": …, "line": …}}`).
//!
//! * `jsonl`: one JSON object a line: `id` first, then the fields of the JSON contract
//!   (`lang`, `date`, `entities`, `relations`, …) as `extract --json` prints them.
//! * `json`: the same objects in one JSON array (`--pretty` indents).
//! * `table`: for people: per document its entities and relations.
//! * `conll`, `spacy`, `brat`: for other tools (see [`crate::formats`]); `brat` writes
//!   `ID.txt` and `ID.ann` into the `-o` folder.
//! * `html`: a page per document and `index.html` in the `-o` folder (see
//!   [`crate::html`]).
//!
//! `--offsets chars` gives character offsets in `json` and `jsonl` (Python and spaCy
//! slice by character); the default is the library's byte offsets.
//!
//! ```text
//! {"id":"a.txt","lang":"nl","date":null,"entities":[…],"relations":[…]}
//! {"id":"dump.jsonl:4","error":{"kind":"bad_json","message":"…","line":4}}
//! ```

use std::io::{self, Write};
use std::path::PathBuf;

use gazet::Document;
use serde_json::{json, Map, Value};

use crate::formats;
use crate::input::InputError;

/// The formats `--format` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    /// CoNLL-2002 BIO, one token a line.
    Conll,
    /// brat standoff files in the `-o` folder.
    Brat,
    /// spaCy's `displacy` JSON, one document a line.
    Spacy,
    /// A page per document and an index page, in the `-o` folder.
    Html,
}

/// How offsets are counted in JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Offsets {
    /// UTF-8 bytes, as the library gives them.
    Bytes,
    /// Characters (Unicode scalar values), as Python slices.
    Chars,
}

/// Writes records in one format; [`Writer::finish`] closes what needs closing.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    pretty: bool,
    offsets: Offsets,
    /// The folder of the brat files and the HTML pages.
    dir: Option<PathBuf>,
    /// The HTML pages written: (id, file, entities, relations), for the index.
    pages: Vec<(String, String, usize, usize)>,
    count: usize,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: Format, pretty: bool, offsets: Offsets) -> Writer<W> {
        Writer { out, format, pretty, offsets, dir: None, pages: Vec::new(), count: 0 }
    }

    /// Writes brat files or HTML pages into `dir` (created if missing).
    pub fn files_dir(&mut self, dir: PathBuf) -> io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        self.dir = Some(dir);
        Ok(())
    }

    /// How this writer renders JSON records, for threads that render beside it.
    pub fn render(&self) -> Render {
        Render { format: self.format, pretty: self.pretty, offsets: self.offsets }
    }

    /// Writes one document (read from `text`) and flushes.
    pub fn document(&mut self, id: &str, text: &str, doc: &Document) -> io::Result<()> {
        if let Some(json) = self.render().json(id, text, doc) {
            return self.rendered(&json?);
        }
        match self.format {
            Format::Table => self.table(id, doc)?,
            Format::Conll => self.out.write_all(formats::conll(text, doc).as_bytes())?,
            Format::Brat => self.brat(id, text, doc)?,
            Format::Html => self.html(id, text, doc)?,
            Format::Json | Format::Jsonl | Format::Spacy => unreachable!("rendered above"),
        }
        self.count += 1;
        self.out.flush()
    }

    /// Writes one record that [`Render::json`] made, and flushes.
    pub fn rendered(&mut self, json: &str) -> io::Result<()> {
        match self.format {
            Format::Json => {
                let sep = if self.count == 0 { "[\n" } else { ",\n" };
                write!(self.out, "{sep}{json}")?;
            }
            _ => writeln!(self.out, "{json}")?,
        }
        self.count += 1;
        self.out.flush()
    }

    /// `ID.html` in the folder, listed on standard output and in the index.
    fn html(&mut self, id: &str, text: &str, doc: &Document) -> io::Result<()> {
        let dir = self.dir.clone().unwrap_or_default();
        let file = format!("{}.html", file_name(id));
        std::fs::write(dir.join(&file), crate::html::page(id, text, doc))?;
        self.pages.push((id.to_string(), file.clone(), doc.entities.len(), doc.relations.len()));
        writeln!(self.out, "{}", dir.join(file).display())
    }

    /// `ID.txt` and `ID.ann` in the brat folder; the id made a file name.
    fn brat(&mut self, id: &str, text: &str, doc: &Document) -> io::Result<()> {
        let dir = self.dir.clone().unwrap_or_default();
        let name = file_name(id);
        std::fs::write(dir.join(format!("{name}.txt")), text)?;
        std::fs::write(dir.join(format!("{name}.ann")), formats::brat(text, doc))?;
        writeln!(self.out, "{}", dir.join(format!("{name}.ann")).display())
    }

    /// Writes one error record and flushes.
    pub fn error(&mut self, id: &str, e: &InputError) -> io::Result<()> {
        match self.format {
            Format::Table | Format::Conll | Format::Brat | Format::Html => {
                let line = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
                let msg = format!("{id}: error: {}{line}: {}", e.kind, e.message);
                if self.format == Format::Table {
                    writeln!(self.out, "== {msg}\n")?;
                } else {
                    // CoNLL and brat have no place for it: standard error
                    eprintln!("{msg}");
                }
            }
            _ => {
                let v = json!({"id": id, "error": {"kind": e.kind, "message": e.message, "line": e.line}});
                self.json(&v)?;
            }
        }
        self.count += 1;
        self.out.flush()
    }

    /// Closes the JSON array (an empty one when there were no records) or writes the
    /// index of the HTML pages.
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            let end = if self.count == 0 { "[]\n" } else { "\n]\n" };
            self.out.write_all(end.as_bytes())?;
        }
        if let (Format::Html, Some(dir)) = (self.format, &self.dir) {
            let index = dir.join("index.html");
            std::fs::write(&index, crate::html::index(&self.pages))?;
            writeln!(self.out, "{}", index.display())?;
        }
        self.out.flush()
    }

    fn json(&mut self, v: &Value) -> io::Result<()> {
        let text = self.render().text(v)?;
        match self.format {
            Format::Json => {
                let sep = if self.count == 0 { "[\n" } else { ",\n" };
                write!(self.out, "{sep}{text}")
            }
            _ => writeln!(self.out, "{text}"),
        }
    }

    fn table(&mut self, id: &str, doc: &Document) -> io::Result<()> {
        writeln!(self.out, "== {id}  [{}]", doc.lang)?;
        for w in &doc.warnings {
            writeln!(self.out, "warning: {w}")?;
        }
        for e in &doc.entities {
            let n = e.mentions.len();
            writeln!(self.out, "{:<13} {}  ({}, {n}×)", e.kind.to_string(), e.name, e.id)?;
        }
        for r in &doc.relations {
            writeln!(self.out, "  {}", relation_line(doc, r))?;
        }
        writeln!(self.out)
    }
}

/// "Russia —could help with→ North Korea   [possible · future · in Hanoi · rule …]".
fn relation_line(doc: &Document, r: &gazet::Relation) -> String {
    let (head, attrs) = relation_parts(doc, r);
    format!("{head}   [{}]", attrs.join(" · "))
}

/// A relation for people: its head ("Russia —could help with→ North Korea") and its
/// attributes (modality, tense, time, place, event, rule).
pub fn relation_parts(doc: &Document, r: &gazet::Relation) -> (String, Vec<String>) {
    let names: Vec<&str> = r.args.iter().map(|a| doc.name_of(&a.entity)).collect();
    let head = match names.as_slice() {
        [a, b, rest @ ..] => {
            let more: String = rest.iter().map(|x| format!(" (+ {x})")).collect();
            format!("{a} —{}→ {b}{more}", r.label)
        }
        [a] => format!("{a} —{}", r.label),
        [] => r.label.clone(),
    };
    let mut attrs = vec![r.modality.as_str().to_string(), r.tense.as_str().to_string()];
    if let Some(t) = &r.time {
        attrs.push(format!("time {}", t.text));
    }
    if let Some(p) = &r.place {
        attrs.push(format!("in {}", doc.name_of(p)));
    }
    if let Some(ev) = &r.event {
        attrs.push(format!("at {}", doc.name_of(ev)));
    }
    attrs.push(format!("rule {}", r.rule));
    (head, attrs)
}

/// A record id made a file name: letters, digits, `-`, `_` and `.` kept, the rest `_`.
/// The JSON rendering of records (`json`, `jsonl`, `spacy`): plain data, so that the
/// extraction threads render their documents and the writer only writes.
#[derive(Clone, Copy, Debug)]
pub struct Render {
    format: Format,
    pretty: bool,
    offsets: Offsets,
}

impl Render {
    /// The record of one document, or `None` when the format is not JSON.
    pub fn json(&self, id: &str, text: &str, doc: &Document) -> Option<io::Result<String>> {
        let v = match self.format {
            Format::Spacy => Ok(formats::spacy(id, text, doc)),
            Format::Json | Format::Jsonl if !self.pretty && self.offsets == Offsets::Bytes => {
                return Some(document_json(id, text, doc));
            }
            Format::Json | Format::Jsonl => document_value(id, text, doc).map(|mut v| {
                if self.offsets == Offsets::Chars {
                    crate::offsets::to_chars(&mut v, text);
                }
                v
            }),
            _ => return None,
        };
        Some(v.and_then(|v| self.text(&v)))
    }

    fn text(&self, v: &Value) -> io::Result<String> {
        if self.pretty { serde_json::to_string_pretty(v) } else { serde_json::to_string(v) }
            .map_err(io::Error::other)
    }
}

fn file_name(id: &str) -> String {
    id.chars().map(|c| if c.is_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect()
}

/// The compact JSON of a document record, as [`document_value`] makes it but without
/// building a tree: the document serialized directly with `id` put first, and only its
/// relations (where the evidence texts go) taken through a tree.
fn document_json(id: &str, text: &str, doc: &Document) -> io::Result<String> {
    let body = serde_json::to_string(doc).map_err(io::Error::other)?;
    let quoted = serde_json::to_string(id).map_err(io::Error::other)?;
    let Some(fields) = body.strip_prefix('{').filter(|f| f.len() > 1) else {
        return Ok(format!("{{\"id\":{quoted}}}"));
    };
    if doc.relations.is_empty() {
        return Ok(format!("{{\"id\":{quoted},{fields}"));
    }
    // a top-level key: inside a string a quote would be escaped
    let plain = serde_json::to_string(&doc.relations).map_err(io::Error::other)?;
    let key = format!(",\"relations\":{plain}");
    let Some(at) = fields.find(&key) else {
        return serde_json::to_string(&document_value(id, text, doc)?).map_err(io::Error::other);
    };
    let mut rels = serde_json::to_value(&doc.relations).map_err(io::Error::other)?;
    add_texts(&mut rels, text);
    let rels = serde_json::to_string(&rels).map_err(io::Error::other)?;
    let rest = &fields[at + key.len()..];
    Ok(format!("{{\"id\":{quoted},{},\"relations\":{rels}{rest}", &fields[..at]))
}

/// The JSON object of a document record: `id`, then the document's own fields; each
/// relation's evidence (and each of its `evidences`) carries its `text`.
fn document_value(id: &str, text: &str, doc: &Document) -> io::Result<Value> {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(id.to_string()));
    match serde_json::to_value(doc).map_err(io::Error::other)? {
        Value::Object(fields) => m.extend(fields),
        other => {
            m.insert("document".into(), other);
        }
    }
    if let Some(rels) = m.get_mut("relations") {
        add_texts(rels, text);
    }
    Ok(Value::Object(m))
}

/// Adds its `text` to each relation's evidence (and to each of its `evidences`).
fn add_texts(rels: &mut Value, text: &str) {
    let Value::Array(rels) = rels else { return };
    for r in rels.iter_mut() {
        add_text(&mut r["evidence"], text);
        if let Some(Value::Array(evs)) = r.get_mut("evidences") {
            evs.iter_mut().for_each(|e| add_text(&mut e["span"], text));
        }
    }
}

/// Adds `"text"` to a `{"start", "end"}` span of `text` (byte offsets).
fn add_text(span: &mut Value, text: &str) {
    let (Some(a), Some(b)) = (span["start"].as_u64(), span["end"].as_u64()) else { return };
    if let (Some(t), Value::Object(o)) = (text.get(a as usize..b as usize), span) {
        o.insert("text".into(), Value::String(t.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::{document_json, document_value};

    /// The direct rendering equals the tree's, with and without relations, with
    /// evidences and with quotes and escapes in the id and the text.
    #[test]
    fn direct_json_equals_the_tree() {
        let ex = gazet::Extractor::new();
        let texts = [
            "Rutte sprak dinsdag met Macron over Mali. Rutte sprak later opnieuw met Macron.",
            "The weather was fine in \"Utrecht\" \\ today.",
            "Trump en Poetin ontmoetten elkaar in juli in Hamburg. « Wij praten », zei Poetin.",
            "",
        ];
        for (i, t) in texts.iter().enumerate() {
            let doc = ex.extract(t);
            let id = format!("id \"{i}\" \\ é");
            let tree = serde_json::to_string(&document_value(&id, t, &doc).unwrap()).unwrap();
            assert_eq!(document_json(&id, t, &doc).unwrap(), tree, "{t}");
        }
    }
}
