//! Throughput of gazet on a file of documents, for comparison with other matchers.
//!
//! ```text
//! cargo run --release -p gazet-bench --example throughput -- [--gazetteer FILE.tsv] [--mode full|entities|match]
//!     [--threads N] [--limit-bytes N] [--lang nl|en] TEXT_FILE
//! ```
//!
//! TEXT_FILE holds one document per line (empty lines are skipped); each document is
//! one `extract_with(doc, Some(lang), None)` call, or, with `--threads N` for N > 1,
//! all documents go through one `extract_many` call (which runs one thread per core:
//! the library chooses the count, the output reports it). `--limit-bytes N` reads only
//! the whole lines within the first N bytes.
//!
//! `--gazetteer` takes the benchmark format of `../shared/bench` (`TYPE<TAB>name` with
//! PER, LOC, CITY, ORG, EVENT), converted in memory to gazet's format (one entity
//! `bench:<line>` per line, the name matched case-insensitively and without generated
//! genitives, like a lower-case phrase matcher) and loaded instead of the default data.
//!
//! Modes: `full` is the whole pipeline (default rules and name finder), `entities`
//! the entity layer (no relation rules), `match` the gazetteer matching only (no rules,
//! no name finder): the fair comparison with FlashText or spaCy's EntityRuler.
//!
//! Prints one JSON line: system, mode, gazetteer, entries, build time and peak memory
//! growth during the build, documents, bytes, seconds, MB/s, entities, mentions and
//! the process's peak resident memory. MB means 10^6 bytes throughout.

use std::process::ExitCode;
use std::time::Instant;

use gazet::{Document, Extractor, Lang};

#[path = "bench_data.rs"]
mod bench_data;
use bench_data::convert_bench_gazetteer;

fn usage() -> &'static str {
    "usage: throughput [--gazetteer FILE.tsv] [--mode full|entities|match] [--threads N] \
     [--limit-bytes N] [--lang nl|en] TEXT_FILE"
}

/// What to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Full,
    Entities,
    Match,
}

impl Mode {
    fn parse(s: &str) -> Option<Mode> {
        match s {
            "full" => Some(Mode::Full),
            "entities" => Some(Mode::Entities),
            "match" => Some(Mode::Match),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Mode::Full => "full",
            Mode::Entities => "entities",
            Mode::Match => "match",
        }
    }
}

/// The parsed command line.
#[derive(Debug)]
struct Opts {
    gazetteer: Option<String>,
    mode: Mode,
    threads: usize,
    limit_bytes: Option<usize>,
    lang: Lang,
    text: String,
}

fn main() -> ExitCode {
    let opts = match parse_args(std::env::args().skip(1)) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{}", usage());
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("throughput: {msg}");
            eprintln!("{}", usage());
            return ExitCode::from(2);
        }
    };
    match run(&opts) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("throughput: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Parses the arguments; `Ok(None)` asks for the usage text.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Opts>, String> {
    let mut o = Opts {
        gazetteer: None,
        mode: Mode::Full,
        threads: 1,
        limit_bytes: None,
        lang: Lang::Nl,
        text: String::new(),
    };
    let mut text = None;
    while let Some(a) = args.next() {
        let mut value = |what: &str| args.next().ok_or_else(|| format!("{a} takes {what}"));
        match a.as_str() {
            "--gazetteer" => o.gazetteer = Some(value("a file")?),
            "--mode" => {
                o.mode = Mode::parse(&value("full, entities or match")?)
                    .ok_or("--mode takes full, entities or match")?;
            }
            "--threads" => o.threads = positive(&value("a number")?, "--threads")?,
            "--limit-bytes" => {
                o.limit_bytes = Some(positive(&value("a number")?, "--limit-bytes")?)
            }
            "--lang" => {
                o.lang = value("nl or en")?.parse().map_err(|()| "--lang takes nl or en")?
            }
            "-h" | "--help" => return Ok(None),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ if text.is_some() => return Err("only one TEXT_FILE".to_string()),
            _ => text = Some(a),
        }
    }
    o.text = text.ok_or("TEXT_FILE is missing")?;
    Ok(Some(o))
}

/// A number of at least 1.
fn positive(s: &str, opt: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{opt} takes a positive number, not \"{s}\"")),
    }
}

/// Builds the extractor, reads the documents, extracts them and returns the JSON line.
fn run(o: &Opts) -> Result<String, String> {
    let rss_before = proc_status_kb("VmRSS");
    let t0 = Instant::now();
    let ex = build(o)?;
    let build_s = t0.elapsed().as_secs_f64();
    let build_peak_kb = proc_status_kb("VmHWM").saturating_sub(rss_before);
    let build_rss_kb = proc_status_kb("VmRSS").saturating_sub(rss_before);

    let docs = read_docs(&o.text, o.limit_bytes)?;
    let bytes: usize = docs.iter().map(String::len).sum();
    let t1 = Instant::now();
    let (threads, entities, mentions) = extract_all(&ex, &docs, o);
    let seconds = t1.elapsed().as_secs_f64();

    let gazetteer = o.gazetteer.as_deref().map_or("default".to_string(), file_name);
    let gazetteer = serde_json::to_string(&gazetteer).map_err(|e| e.to_string())?;
    // written by hand to keep the field order of the report
    Ok(format!(
        concat!(
            r#"{{"system":"gazet","mode":"{}","gazetteer":{},"entries":{},"build_s":{:.3},"#,
            r#""build_peak_mb_delta":{:.1},"build_rss_mb_delta":{:.1},"threads":{},"docs":{},"#,
            r#""bytes":{},"seconds":{:.3},"mb_per_s":{:.3},"entities":{},"mentions":{},"#,
            r#""peak_rss_mb":{:.1}}}"#
        ),
        o.mode.as_str(),
        gazetteer,
        ex.gazetteer().len(),
        build_s,
        kb_to_mb(build_peak_kb),
        kb_to_mb(build_rss_kb),
        threads,
        docs.len(),
        bytes,
        seconds,
        bytes as f64 / 1e6 / seconds.max(1e-9),
        entities,
        mentions,
        kb_to_mb(proc_status_kb("VmHWM")),
    ))
}

/// The extractor for the mode, with the default data or the converted bench gazetteer.
fn build(o: &Opts) -> Result<Extractor, String> {
    let mut b = Extractor::builder();
    if let Some(path) = &o.gazetteer {
        let bench = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let data = convert_bench_gazetteer(&bench).map_err(|e| format!("{path}: {e}"))?;
        b.default_gazetteers(false).gazetteer_str(path, &data);
    }
    if o.mode != Mode::Full {
        b.default_rules(false);
    }
    if o.mode == Mode::Match {
        b.default_names(false);
    }
    b.build().map_err(|e| e.to_string())
}

/// The non-empty lines of the file, as documents; with a limit, only the whole lines
/// (newline included) that fit in the first `limit` bytes.
fn read_docs(path: &str, limit: Option<usize>) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let limit = limit.unwrap_or(usize::MAX);
    let mut used = 0usize;
    let mut docs = Vec::new();
    for line in text.split('\n') {
        used = used.saturating_add(line.len() + 1);
        if used > limit {
            break;
        }
        let line = line.trim_end_matches('\r');
        if !line.trim().is_empty() {
            docs.push(line.to_string());
        }
    }
    if docs.is_empty() {
        return Err(format!("{path}: no documents"));
    }
    Ok(docs)
}

/// Extracts every document; returns the thread count used and the totals of
/// entities and mentions.
fn extract_all(ex: &Extractor, docs: &[String], o: &Opts) -> (usize, usize, usize) {
    let mut entities = 0;
    let mut mentions = 0;
    let mut count = |d: &Document| {
        entities += d.entities.len();
        mentions += d.entities.iter().map(|e| e.mentions.len()).sum::<usize>();
    };
    if o.threads > 1 {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores != o.threads {
            eprintln!(
                "throughput: extract_many runs {cores} threads (one per core), not {}",
                o.threads
            );
        }
        ex.extract_many(docs, Some(o.lang)).iter().for_each(&mut count);
        return (cores.min(docs.len()), entities, mentions);
    }
    for d in docs {
        count(&ex.extract_with(d, Some(o.lang), None));
    }
    (1, entities, mentions)
}

/// A field of `/proc/self/status` in kB (0 where there is no such file).
fn proc_status_kb(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn kb_to_mb(kb: u64) -> f64 {
    kb as f64 * 1024.0 / 1e6
}

/// The last component of a path, for the report.
fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or(path.to_string(), |n| n.to_string_lossy().into_owned())
}
