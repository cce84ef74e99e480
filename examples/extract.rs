//! Extract entities and relations from a news text.
//!
//! ```text
//! cargo run --release --example extract -- [--json] [--lang nl|en] [--date YYYY-MM[-DD]]
//!                                          [--gazetteer FILE]... [--rules FILE]... [FILE|-]
//! ```
//!
//! FILE is a UTF-8 text file, `-` reads standard input, and with no FILE the bundled
//! sample article (`examples/sample_nl.txt`, written for this project) is used. The
//! default output is a readable table of entities and a list of relations; `--json`
//! prints the JSON document of the output contract instead.

use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::process::ExitCode;

use gazet::{Date, Document, Extractor, Lang};

const SAMPLE: &str = include_str!("sample_nl.txt");

fn usage() -> &'static str {
    "usage: extract [--json] [--lang nl|en] [--date YYYY-MM[-DD]] [--gazetteer FILE]... [--rules FILE]... [FILE|-]"
}

fn main() -> ExitCode {
    let mut json = false;
    let mut lang: Option<Lang> = None;
    let mut date: Option<Date> = None;
    let mut file: Option<String> = None;
    let mut builder = Extractor::builder();
    let mut custom = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--lang" => match args.next().and_then(|l| l.parse().ok()) {
                Some(l) => lang = Some(l),
                None => return fail("--lang takes nl or en"),
            },
            "--date" => match args.next().and_then(|d| d.parse().ok()) {
                Some(d) => date = Some(d),
                None => return fail("--date takes YYYY, YYYY-MM or YYYY-MM-DD"),
            },
            "--gazetteer" => match args.next() {
                Some(f) => {
                    builder.gazetteer_file(f);
                    custom = true;
                }
                None => return fail("--gazetteer takes a file"),
            },
            "--rules" => match args.next() {
                Some(f) => {
                    builder.rules_file(f);
                    custom = true;
                }
                None => return fail("--rules takes a file"),
            },
            "-h" | "--help" => {
                println!("{}", usage());
                return ExitCode::SUCCESS;
            }
            s if s.starts_with("--") => return fail(&format!("unknown option {s}")),
            _ => {
                if file.is_some() {
                    return fail("only one FILE");
                }
                file = Some(a);
            }
        }
    }
    let (name, bytes) = match file.as_deref() {
        None => ("<sample>", SAMPLE.as_bytes().to_vec()),
        Some("-") => {
            let mut buf = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut buf) {
                return fail(&format!("cannot read standard input: {e}"));
            }
            ("-", buf)
        }
        Some(path) => match std::fs::read(path) {
            Ok(b) => (path, b),
            Err(e) => return fail(&format!("{path}: {e}")),
        },
    };
    // the offsets of the output are byte offsets into the input: a text that is not
    // UTF-8 is refused, not silently changed
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return fail(&not_utf8(name, e.as_bytes(), e.utf8_error().valid_up_to())),
    };
    let extractor = if custom {
        match builder.build() {
            Ok(x) => x,
            Err(e) => return fail(&e.to_string()),
        }
    } else {
        Extractor::new()
    };
    let doc = extractor.extract_with(&text, lang, date);
    let out = if json {
        match serde_json::to_string_pretty(&doc) {
            Ok(s) => s + "\n",
            Err(e) => return fail(&format!("cannot serialize: {e}")),
        }
    } else {
        table(&doc, &text)
    };
    // a closed pipe (`| head`) is not an error worth a panic
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

/// Where the first byte that is not UTF-8 is: file, line, column and byte offset.
fn not_utf8(name: &str, bytes: &[u8], at: usize) -> String {
    let before = String::from_utf8_lossy(&bytes[..at]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!(
        "{name}:{line}:{column}: not UTF-8 (byte {at}: 0x{:02x}); convert the file to UTF-8 first",
        bytes[at]
    )
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("extract: {msg}");
    eprintln!("{}", usage());
    ExitCode::from(2)
}

fn table(doc: &Document, text: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "language: {}   date: {}",
        doc.lang,
        doc.date.map_or("-".to_string(), |d| d.to_string())
    );
    for w in &doc.warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "ENTITIES ({})", doc.entities.len());
    let w_name = doc.entities.iter().map(|e| e.name.chars().count()).max().unwrap_or(4).max(4);
    let w_id = doc.entities.iter().map(|e| e.id.len()).max().unwrap_or(2).max(2);
    let _ =
        writeln!(o, "  {:<w_name$}  {:<12}  {:<w_id$}  {:>2}  forms", "name", "type", "id", "n");
    for e in &doc.entities {
        let mut forms: Vec<&str> = Vec::new();
        for m in &e.mentions {
            if !forms.contains(&m.text.as_str()) {
                forms.push(&m.text);
            }
        }
        let _ = writeln!(
            o,
            "  {:<w_name$}  {:<12}  {:<w_id$}  {:>2}  {}",
            e.name,
            e.kind.as_str(),
            e.id,
            e.mentions.len(),
            forms.join(", ")
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "RELATIONS ({})", doc.relations.len());
    for r in &doc.relations {
        let names: Vec<&str> = r.args.iter().map(|a| doc.name_of(&a.entity)).collect();
        let head = match names.as_slice() {
            [a, b, rest @ ..] => {
                let mut s = format!("{a} —{}→ {b}", r.label);
                for x in rest {
                    s.push_str(&format!(" (+ {x})"));
                }
                s
            }
            [a] => format!("{a} —{}", r.label),
            [] => r.label.clone(),
        };
        let mut attrs = vec![r.modality.as_str().to_string(), r.tense.as_str().to_string()];
        if let Some(t) = &r.time {
            attrs.push(format!(
                "time {} = {}",
                t.text,
                if t.value.is_empty() { "?" } else { &t.value }
            ));
        }
        if let Some(p) = &r.place {
            attrs.push(format!("in {}", doc.name_of(p)));
        }
        if let Some(ev) = &r.event {
            attrs.push(format!("at {}", doc.name_of(ev)));
        }
        if let Some(t) = &r.title {
            attrs.push(format!("as {t}"));
        }
        attrs.push(format!("rule {}", r.rule));
        let ev = text.get(r.evidence.start..r.evidence.end).unwrap_or("");
        let ev: String = ev.split_whitespace().collect::<Vec<_>>().join(" ");
        let ev = if ev.chars().count() > 90 {
            format!("{}…", ev.chars().take(89).collect::<String>())
        } else {
            ev
        };
        let more = if r.evidences.len() > 1 {
            format!(" (+{} more)", r.evidences.len() - 1)
        } else {
            String::new()
        };
        let _ = writeln!(o, "  {head}   [{} · \"{ev}\"{more}]", attrs.join(" · "));
    }
    o
}
