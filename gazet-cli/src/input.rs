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

use std::io::Read;
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

/// Reads one source into records, JSONL lines parsed on `threads` threads. `jsonl`
/// forces JSONL for standard input and files without the `.jsonl` extension. An
/// unreadable file is one error record.
pub fn read(src: &Source, jsonl: bool, fields: &Fields, threads: usize) -> Vec<Record> {
    let (name, bytes) = match src {
        Source::Stdin => {
            let mut buf = Vec::new();
            let r = std::io::stdin().read_to_end(&mut buf);
            ("-".to_string(), r.map(|_| buf))
        }
        Source::File(p) => (p.display().to_string(), std::fs::read(p)),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            let err = InputError { kind: "unreadable", message: e.to_string(), line: None };
            return vec![Record { id: name, body: Err(err) }];
        }
    };
    let is_jsonl =
        jsonl || matches!(src, Source::File(p) if p.extension().is_some_and(|e| e == "jsonl"));
    if is_jsonl {
        jsonl_records(&name, &bytes, fields, threads)
    } else {
        vec![Record { id: name, body: text_body(&bytes, None) }]
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

/// One record per non-empty line of a JSONL file, in order; the lines are parsed on
/// `threads` threads, each a contiguous share of them.
fn jsonl_records(name: &str, bytes: &[u8], fields: &Fields, threads: usize) -> Vec<Record> {
    let lines: Vec<(usize, &[u8])> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, raw)| (i + 1, raw.strip_suffix(b"\r").unwrap_or(raw)))
        .filter(|(_, raw)| !raw.iter().all(u8::is_ascii_whitespace))
        .collect();
    let parse = |part: &[(usize, &[u8])]| -> Vec<Record> {
        part.iter()
            .map(|&(line, raw)| {
                let fallback = || format!("{name}:{line}");
                match jsonl_record(raw, line, fields) {
                    Ok((id, text)) => Record { id: id.unwrap_or_else(fallback), body: Ok(text) },
                    Err((id, e)) => Record { id: id.unwrap_or_else(fallback), body: Err(e) },
                }
            })
            .collect()
    };
    let threads = threads.clamp(1, lines.len().div_ceil(1024).max(1));
    if threads == 1 {
        return parse(&lines);
    }
    let share = lines.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> =
            lines.chunks(share).map(|part| scope.spawn(move || parse(part))).collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
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

    fn fields() -> Fields {
        Fields { text: "text".into(), id: "id".into(), date: Some("date".into()), lang: None }
    }

    #[test]
    fn every_line_gives_one_record() {
        let src = b"{\"id\": \"a\", \"text\": \"Poetin sprak.\", \"date\": \"2017-11\"}\n\n{oops\n{\"id\": 7}\n{\"text\": \"  \"}\n\xff\n";
        let recs = jsonl_records("d.jsonl", src, &fields(), 2);
        let kinds: Vec<_> =
            recs.iter().map(|r| r.body.as_ref().map(|_| "ok").unwrap_or_else(|e| e.kind)).collect();
        assert_eq!(kinds, ["ok", "bad_json", "missing_text", "empty_text", "not_utf8"]);
        let ids: Vec<_> = recs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "d.jsonl:3", "7", "d.jsonl:5", "d.jsonl:6"]);
        assert_eq!(recs[1].body.as_ref().unwrap_err().line, Some(3));
        assert_eq!(recs[0].body.as_ref().unwrap().date, "2017-11".parse().ok());
    }

    #[test]
    fn lines_parsed_on_threads_keep_their_order() {
        let src: String = (0..3000)
            .map(|i| {
                if i % 7 == 0 {
                    "{bad\n".to_string()
                } else {
                    format!("{{\"id\": \"r{i}\", \"text\": \"Poetin {i}.\"}}\n")
                }
            })
            .collect();
        let one = jsonl_records("d.jsonl", src.as_bytes(), &fields(), 1);
        let two = jsonl_records("d.jsonl", src.as_bytes(), &fields(), 2);
        assert_eq!(one.len(), 3000);
        let ids = |r: &[Record]| r.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&one), ids(&two));
        assert_eq!(two[7].id, "d.jsonl:8");
    }

    #[test]
    fn bad_date_is_a_field_error() {
        let recs = jsonl_records("d.jsonl", b"{\"text\": \"x\", \"date\": \"soon\"}", &fields(), 1);
        assert_eq!(recs[0].body.as_ref().unwrap_err().kind, "bad_field");
    }
}
