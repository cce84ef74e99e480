//! Output formats of `gazet extract`, written record by record.
//!
//! Every input record gives exactly one output record: the document, or an error
//! record in its place (`{"id": …, "error": {"kind": …, "message": …, "line": …}}`).
//!
//! * `jsonl`: one JSON object a line: `id` first, then the fields of the JSON contract
//!   (`lang`, `date`, `entities`, `relations`, …) as `extract --json` prints them.
//! * `json`: the same objects in one JSON array (`--pretty` indents).
//! * `table`: for people: per document its entities and relation labels.
//!
//! ```text
//! {"id":"a.txt","lang":"nl","date":null,"entities":[…],"relations":[…]}
//! {"id":"dump.jsonl:4","error":{"kind":"bad_json","message":"…","line":4}}
//! ```

use std::io::{self, Write};

use gazet::Document;
use serde_json::{json, Map, Value};

use crate::input::InputError;

/// The formats `--format` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
}

/// Writes records in one format; [`Writer::finish`] closes what needs closing.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    pretty: bool,
    count: usize,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: Format, pretty: bool) -> Writer<W> {
        Writer { out, format, pretty, count: 0 }
    }

    /// Writes one document and flushes.
    pub fn document(&mut self, id: &str, doc: &Document) -> io::Result<()> {
        match self.format {
            Format::Table => self.table(id, doc)?,
            _ => {
                let v = document_value(id, doc)?;
                self.json(&v)?;
            }
        }
        self.count += 1;
        self.out.flush()
    }

    /// Writes one error record and flushes.
    pub fn error(&mut self, id: &str, e: &InputError) -> io::Result<()> {
        match self.format {
            Format::Table => {
                let line = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
                writeln!(self.out, "== {id}\nerror: {}{line}: {}\n", e.kind, e.message)?;
            }
            _ => {
                let v = json!({"id": id, "error": {"kind": e.kind, "message": e.message, "line": e.line}});
                self.json(&v)?;
            }
        }
        self.count += 1;
        self.out.flush()
    }

    /// Closes the JSON array (an empty one when there were no records).
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            let end = if self.count == 0 { "[]\n" } else { "\n]\n" };
            self.out.write_all(end.as_bytes())?;
        }
        self.out.flush()
    }

    fn json(&mut self, v: &Value) -> io::Result<()> {
        let text =
            if self.pretty { serde_json::to_string_pretty(v) } else { serde_json::to_string(v) }
                .map_err(io::Error::other)?;
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
    format!("{head}   [{}]", attrs.join(" · "))
}

/// The JSON object of a document record: `id`, then the document's own fields.
fn document_value(id: &str, doc: &Document) -> io::Result<Value> {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(id.to_string()));
    match serde_json::to_value(doc).map_err(io::Error::other)? {
        Value::Object(fields) => m.extend(fields),
        other => {
            m.insert("document".into(), other);
        }
    }
    Ok(Value::Object(m))
}
