//! Input records: what `gazet extract` reads, one record per document.
//!
//! A text file is one record (its id is its path); a `.jsonl` file is one record per
//! non-empty line, its text, id, date and language taken from the fields the user
//! names; `-` reads standard input as text, or as JSONL with `--jsonl`. A directory is
//! walked recursively, in sorted order, for `*.txt` and `*.jsonl`.
//!
//! Nothing is lost: a line that is not JSON, lacks its text field, is not UTF-8 or holds
//! an empty text becomes a [`Record`] whose `body` is an [`InputError`], so that it is
//! written out as an error record in its place.
//!
//! ```text
//! articles/a.txt            → Record { id: "articles/a.txt", body: Ok(text) }
//! dump.jsonl line 3: {"id": "x", "text": "…"} → Record { id: "x", … }
//! dump.jsonl line 4: {oops  → Record { id: "dump.jsonl:4", body: Err(bad_json, line 4) }
//! ```

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use gazet::{Date, Lang};

/// Which JSONL fields hold what.
#[derive(Clone, Debug)]
pub struct Fields {
    pub text: String,
    pub id: String,
    pub date: Option<String>,
    pub lang: Option<String>,
}

/// One document to read, or the reason it cannot be read.
#[derive(Clone, Debug)]
pub struct Record {
    pub id: String,
    pub body: Result<Text, InputError>,
}

/// A document's text with what its record says about it.
#[derive(Clone, Debug)]
pub struct Text {
    pub text: String,
    pub date: Option<Date>,
    pub lang: Option<Lang>,
}

/// Why a record cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// `bad_json`, `missing_text`, `not_utf8`, `empty_text`, `bad_field`, `unreadable`.
    pub kind: &'static str,
    pub message: String,
    /// 1-based line in its file, for JSONL records.
    pub line: Option<usize>,
}

/// An input path: a file, a directory, or `-` for standard input.
#[derive(Clone, Debug)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

/// Expands the command-line paths: directories into their `*.txt` and `*.jsonl` files
/// (sorted, recursively). A path that does not exist is an error naming it.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Source>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            walk(p, &mut out).map_err(|e| format!("{}: {e}", p.display()))?;
        } else if p.is_file() {
            out.push(Source::File(p.clone()));
        } else {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    Ok(out)
}

/// The `*.txt` and `*.jsonl` files under `dir`, sorted. Symbolic links to folders are
/// not followed (a link to a parent would never end); links to files are read.
fn walk(dir: &Path, out: &mut Vec<Source>) -> std::io::Result<()> {
    let mut entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)?
        .map(|e| e.and_then(|e| Ok((e.path(), e.file_type()?.is_dir()))))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for (p, is_dir) in entries {
        if is_dir {
            walk(&p, out)?;
        } else if p.is_file()
            && matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl"))
        {
            out.push(Source::File(p));
        }
    }
    Ok(())
}

/// The name of a source in ids and messages: its path, or `-`.
pub fn name(src: &Source) -> String {
    match src {
        Source::File(p) => p.display().to_string(),
        Source::Stdin => "-".to_string(),
    }
}

/// A record as read, not yet parsed: a line of a JSONL file or a whole text file.
#[derive(Debug)]
pub struct Raw {
    /// The index of its source.
    pub source: usize,
    /// Its 1-based line, for JSONL records.
    pub line: Option<usize>,
    /// Its bytes (a JSONL line without its line end), or why they could not be read.
    pub bytes: Result<Vec<u8>, String>,
}

impl Raw {
    /// How many input bytes it stands for, for the progress bar.
    pub fn len(&self) -> usize {
        self.bytes.as_ref().map_or(0, |b| b.len() + usize::from(self.line.is_some()))
    }
}

/// Streams the records of every source in order, reading JSONL files line by line so
/// that a dump of any size is read in bounded memory. `jsonl` forces JSONL for
/// standard input and files without the `.jsonl` extension; blank lines are skipped.
pub struct Reader<'a> {
    sources: &'a [Source],
    jsonl: bool,
    next: usize,
    /// The JSONL source being read: its index, reader and last line number.
    open: Option<(usize, Box<dyn BufRead + 'a>, usize)>,
}

impl<'a> Reader<'a> {
    pub fn new(sources: &'a [Source], jsonl: bool) -> Reader<'a> {
        Reader { sources, jsonl, next: 0, open: None }
    }

    /// The next line of the open JSONL source, or `None` at its end.
    fn line(&mut self) -> Option<Raw> {
        let (source, input, line) = self.open.as_mut()?;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            *line += 1;
            match input.read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    let raw = Raw { source: *source, line: Some(*line), bytes: Err(e.to_string()) };
                    self.open = None;
                    return Some(raw);
                }
            }
            let end = buf.strip_suffix(b"\n").unwrap_or(&buf);
            let end = end.strip_suffix(b"\r").unwrap_or(end).len();
            if !buf[..end].iter().all(u8::is_ascii_whitespace) {
                buf.truncate(end);
                return Some(Raw { source: *source, line: Some(*line), bytes: Ok(buf) });
            }
        }
    }
}

impl Iterator for Reader<'_> {
    type Item = Raw;

    fn next(&mut self) -> Option<Raw> {
        loop {
            if let Some(raw) = self.line() {
                return Some(raw);
            }
            self.open = None;
            let i = self.next;
            let src = self.sources.get(i)?;
            self.next += 1;
            let is_jsonl = self.jsonl
                || matches!(src, Source::File(p) if p.extension().is_some_and(|e| e == "jsonl"));
            let input: std::io::Result<Box<dyn BufRead>> = match src {
                Source::Stdin => Ok(Box::new(std::io::stdin().lock())),
                Source::File(p) => std::fs::File::open(p)
                    .map(|f| Box::new(std::io::BufReader::with_capacity(1 << 16, f)) as _),
            };
            match input {
                Ok(input) if is_jsonl => self.open = Some((i, input, 0)),
                Ok(mut input) => {
                    let mut buf = Vec::new();
                    let bytes = input.read_to_end(&mut buf).map(|_| buf).map_err(|e| e.to_string());
                    return Some(Raw { source: i, line: None, bytes });
                }
                Err(e) => return Some(Raw { source: i, line: None, bytes: Err(e.to_string()) }),
            }
        }
    }
}

/// Parses a raw record of the source named `name` into a record: its id and text, or
/// the error that takes its place.
pub fn parse(raw: Raw, name: &str, fields: &Fields) -> Record {
    let fallback = || match raw.line {
        Some(l) => format!("{name}:{l}"),
        None => name.to_string(),
    };
    let bytes = match &raw.bytes {
        Ok(b) => b,
        Err(message) => {
            let err = InputError { kind: "unreadable", message: message.clone(), line: raw.line };
            return Record { id: fallback(), body: Err(err) };
        }
    };
    let Some(line) = raw.line else {
        return Record { id: fallback(), body: text_body(bytes, None) };
    };
    match jsonl_record(bytes, line, fields) {
        Ok((id, text)) => Record { id: id.unwrap_or_else(fallback), body: Ok(text) },
        Err((id, e)) => Record { id: id.unwrap_or_else(fallback), body: Err(e) },
    }
}

/// A plain text: UTF-8 and not empty.
fn text_body(bytes: &[u8], line: Option<usize>) -> Result<Text, InputError> {
    let text = std::str::from_utf8(bytes).map_err(|e| InputError {
        kind: "not_utf8",
        message: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        line,
    })?;
    if text.trim().is_empty() {
        return Err(InputError { kind: "empty_text", message: "the text is empty".into(), line });
    }
    Ok(Text { text: text.to_string(), date: None, lang: None })
}

type Parsed = Result<(Option<String>, Text), (Option<String>, InputError)>;

/// One JSONL line: its id (when the id field is there) and text, or the error.
fn jsonl_record(raw: &[u8], line: usize, fields: &Fields) -> Parsed {
    let err = |kind, message: String| (None, InputError { kind, message, line: Some(line) });
    let s = std::str::from_utf8(raw)
        .map_err(|e| err("not_utf8", format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let v: serde_json::Value =
        serde_json::from_str(s).map_err(|e| err("bad_json", e.to_string()))?;
    let id = v.get(&fields.id).and_then(|x| match x {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    let with_id =
        |kind, message: String| (id.clone(), InputError { kind, message, line: Some(line) });
    let text = match v.get(&fields.text) {
        Some(serde_json::Value::String(t)) => t,
        Some(_) => {
            return Err(with_id("missing_text", format!("\"{}\" is not a string", fields.text)))
        }
        None => return Err(with_id("missing_text", format!("no \"{}\" field", fields.text))),
    };
    if text.trim().is_empty() {
        return Err(with_id("empty_text", "the text is empty".into()));
    }
    let date = match field_str(&v, fields.date.as_deref()) {
        Some(d) => Some(d.parse::<Date>().map_err(|_| {
            with_id("bad_field", format!("date \"{d}\": expected YYYY, YYYY-MM or YYYY-MM-DD"))
        })?),
        None => None,
    };
    let lang = match field_str(&v, fields.lang.as_deref()) {
        Some(l) => Some(
            l.parse::<Lang>()
                .map_err(|_| with_id("bad_field", format!("lang \"{l}\": expected nl or en")))?,
        ),
        None => None,
    };
    Ok((id, Text { text: text.clone(), date, lang }))
}

/// A string field, when the field is named and present.
fn field_str<'v>(v: &'v serde_json::Value, name: Option<&str>) -> Option<&'v str> {
    v.get(name?).and_then(|x| x.as_str()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of a JSONL file holding `src`.
    fn jsonl_records(name: &str, src: &[u8], fields: &Fields) -> Vec<Record> {
        let dir = std::env::temp_dir().join(format!("gazet-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(format!("{}-{name}", src.len()));
        std::fs::write(&path, src).expect("write");
        let sources = [Source::File(path.clone())];
        let recs = Reader::new(&sources, true).map(|r| parse(r, name, fields)).collect();
        let _ = std::fs::remove_file(&path);
        recs
    }

    fn fields() -> Fields {
        Fields { text: "text".into(), id: "id".into(), date: Some("date".into()), lang: None }
    }

    #[test]
    fn every_line_gives_one_record() {
        let src = b"{\"id\": \"a\", \"text\": \"Poetin sprak.\", \"date\": \"2017-11\"}\n\n{oops\n{\"id\": 7}\n{\"text\": \"  \"}\n\xff\n";
        let recs = jsonl_records("d.jsonl", src, &fields());
        let kinds: Vec<_> =
            recs.iter().map(|r| r.body.as_ref().map(|_| "ok").unwrap_or_else(|e| e.kind)).collect();
        assert_eq!(kinds, ["ok", "bad_json", "missing_text", "empty_text", "not_utf8"]);
        let ids: Vec<_> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "d.jsonl:3", "7", "d.jsonl:5", "d.jsonl:6"]);
        assert_eq!(recs[1].body.as_ref().unwrap_err().line, Some(3));
        assert_eq!(recs[0].body.as_ref().unwrap().date, "2017-11".parse().ok());
    }

    #[test]
    fn lines_are_streamed_with_their_numbers_and_crlf_ends() {
        let recs = jsonl_records(
            "d.jsonl",
            b"\r\n{\"text\": \"Rutte.\"}\r\n\n{\"text\": \"Poetin.\"}",
            &fields(),
        );
        let ids: Vec<_> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["d.jsonl:2", "d.jsonl:4"]);
        assert_eq!(recs[1].body.as_ref().map(|t| t.text.as_str()), Ok("Poetin."));
    }

    #[test]
    fn bad_date_is_a_field_error() {
        let recs = jsonl_records("d.jsonl", b"{\"text\": \"x\", \"date\": \"soon\"}", &fields());
        assert_eq!(recs[0].body.as_ref().unwrap_err().kind, "bad_field");
    }
}
