//! `gazet`: entities and relations from folders and JSONL dumps of news articles.
//!
//! A thin front over the `gazet` library (its own crate, so the library keeps its small
//! dependency set). `gazet extract` reads text files, directories (`*.txt`, `*.jsonl`,
//! recursively), JSONL files and standard input, and writes one record per input
//! record, in input order:
//!
//! ```text
//! gazet extract articles/ --format table
//! gazet extract dump.jsonl --text-field body --id-field url -j 2 -o out.jsonl
//! cat article.txt | gazet extract - --lang nl --date 2017-11-10 --format json --pretty
//! ```
//!
//! Exit status: 0 when every record was read, 1 when some were error records, 2 for a
//! usage or data error (a bad option, a missing path, a gazetteer that does not load).

mod check;
mod common_words;
mod extract;
mod formats;
mod graph;
mod html;
mod input;
mod offsets;
mod output;
mod patterns;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use gazet::{Date, Extractor, Lang};

use output::{Format, Offsets, Writer};

#[derive(Parser)]
#[command(name = "gazet", version, about = "Entities and relations from Dutch and English news")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities and relations from text files, directories or JSONL.
    Extract(ExtractArgs),
    /// Merge the relations of `gazet extract` JSONL output into a network.
    Graph(GraphArgs),
    /// Lint gazetteer (.tsv), rule (.rules, .lexicon) and name-finder (.names) files.
    Check(CheckArgs),
    /// spaCy pattern files.
    #[command(subcommand)]
    Patterns(PatternsCommand),
    /// List the relation rules in use, with the place each is written.
    Rules(RulesArgs),
    /// Show, per sentence, the entity phrases and which rules fired or nearly fired.
    Explain(ExplainArgs),
}

#[derive(Args)]
struct ExplainArgs {
    /// A text, a text file, or `-` for standard input.
    input: String,
    /// The language (nl, en); detected otherwise.
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// Rule files to add to the bundled rules (repeatable).
    #[arg(long)]
    rules: Vec<PathBuf>,
}

#[derive(Args)]
struct RulesArgs {
    /// Rule files to add to the bundled rules (repeatable).
    #[arg(long)]
    rules: Vec<PathBuf>,
    /// Only rules of this language (nl, en).
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// Only rules of this relation type (meeting, visit, …).
    #[arg(long = "type")]
    kind: Option<String>,
}

#[derive(Subcommand)]
enum PatternsCommand {
    /// Turn a spaCy EntityRuler/SpanRuler pattern file (JSONL) into gazetteer entries.
    Import(ImportArgs),
}

#[derive(Args)]
struct ImportArgs {
    /// The pattern file (JSONL).
    file: PathBuf,
    /// Write the gazetteer here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    /// The files to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Check gazetteers without the bundled data (for the bundled files themselves).
    #[arg(long)]
    alone: bool,
}

#[derive(Args)]
struct GraphArgs {
    /// JSONL files written by `gazet extract`, or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    format: graph::GraphFormat,
    /// Only these relation types (repeatable: meeting, visit, position, …).
    #[arg(long = "type")]
    types: Vec<String>,
    /// Only these modalities (repeatable: asserted, possible, planned, …).
    #[arg(long)]
    modality: Vec<String>,
    /// Only documents dated on or after this date (YYYY[-MM[-DD]]).
    #[arg(long, value_parser = parse_date)]
    since: Option<Date>,
    /// Only documents dated on or before this date.
    #[arg(long, value_parser = parse_date)]
    until: Option<Date>,
    /// Evidence texts kept per edge.
    #[arg(long, default_value_t = 3)]
    evidences: usize,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct ExtractArgs {
    /// Text files, directories (`*.txt`, `*.jsonl`, recursively), JSONL files, or `-`
    /// for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Indent JSON.
    #[arg(long)]
    pretty: bool,
    /// Offsets in JSON output: UTF-8 bytes (the library's) or characters (Python's).
    #[arg(long, value_enum, default_value = "bytes")]
    offsets: Offsets,
    /// Write to this file instead of standard output (brat: the folder of its files).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Continue an interrupted run: keep the complete records the `-o` file (jsonl)
    /// holds, skip as many input records, append the rest.
    #[arg(long, requires = "output")]
    resume: bool,
    /// Threads (default: one per core).
    #[arg(short = 'j', long)]
    threads: Option<usize>,
    /// Read every input, standard input included, as JSONL.
    #[arg(long)]
    jsonl: bool,
    /// JSONL field with the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// JSONL field with the record id (default: FILE:LINE).
    #[arg(long, default_value = "id")]
    id_field: String,
    /// JSONL field with the document date (YYYY[-MM[-DD]]).
    #[arg(long)]
    date_field: Option<String>,
    /// JSONL field with the language (nl, en).
    #[arg(long)]
    lang_field: Option<String>,
    /// The language of every text (nl, en); detected otherwise.
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// The date of every document (YYYY[-MM[-DD]]).
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
    /// Gazetteer files to add to the bundled data (repeatable).
    #[arg(long)]
    gazetteer: Vec<PathBuf>,
    /// Rule files to add to the bundled rules (repeatable).
    #[arg(long)]
    rules: Vec<PathBuf>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse().map_err(|_| format!("\"{s}\": expected nl or en"))
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse().map_err(|_| format!("\"{s}\": expected YYYY, YYYY-MM or YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract_command(&args),
        Command::Graph(args) => graph_command(&args),
        Command::Check(args) => Ok(check_command(&args)),
        Command::Patterns(PatternsCommand::Import(args)) => import_command(&args),
        Command::Rules(args) => rules_command(&args),
        Command::Explain(args) => explain_command(&args),
    };
    result.unwrap_or_else(|msg| {
        eprintln!("gazet: {msg}");
        ExitCode::from(2)
    })
}

/// Runs `gazet explain`: the input is a file when one of that name exists.
fn explain_command(a: &ExplainArgs) -> Result<ExitCode, String> {
    let text = if a.input == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map_err(|e| e.to_string())?;
        s
    } else if std::path::Path::new(&a.input).is_file() {
        std::fs::read_to_string(&a.input).map_err(|e| format!("{}: {e}", a.input))?
    } else {
        a.input.clone()
    };
    let mut b = Extractor::builder();
    for r in &a.rules {
        b.rules_file(r);
    }
    let ex = b.build().map_err(|e| e.to_string())?;
    print!("{}", ex.explain(&text, a.lang));
    Ok(ExitCode::SUCCESS)
}

/// Runs `gazet rules`: `id  type  file:line:column`, one rule a line.
fn rules_command(a: &RulesArgs) -> Result<ExitCode, String> {
    let mut b = Extractor::builder();
    for r in &a.rules {
        b.rules_file(r);
    }
    let ex = b.build().map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    for r in ex.rules() {
        let kind = r.kind.to_string();
        if a.lang.is_some_and(|l| l != r.lang) || a.kind.as_ref().is_some_and(|k| *k != kind) {
            continue;
        }
        let l = &r.location;
        let line = format!("{}\t{kind}\t{}:{}:{}\n", r.id, l.file, l.line, l.column);
        match out.write_all(line.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
            Err(e) => return Err(e.to_string()),
            Ok(()) => {}
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `gazet patterns import`: what cannot be imported is listed on standard error
/// and makes exit status 1.
fn import_command(a: &ImportArgs) -> Result<ExitCode, String> {
    let src = std::fs::read_to_string(&a.file).map_err(|e| format!("{}: {e}", a.file.display()))?;
    let imp = patterns::import(&a.file.display().to_string(), &src);
    match &a.output {
        Some(p) => std::fs::write(p, &imp.tsv).map_err(|e| format!("{}: {e}", p.display()))?,
        None => print!("{}", imp.tsv),
    }
    for p in &imp.problems {
        eprintln!("not imported: {p}");
    }
    eprintln!("{} entries, {} patterns not imported", imp.entries, imp.problems.len());
    Ok(if imp.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Runs `gazet check`: errors and warnings on standard output; exit 2 on an error.
fn check_command(a: &CheckArgs) -> ExitCode {
    let r = check::check(&a.files, a.alone);
    for line in r.errors.iter().map(|e| format!("error: {e}")).chain(r.warnings.iter().cloned()) {
        println!("{line}");
    }
    eprintln!("{} errors, {} warnings", r.errors.len(), r.warnings.len());
    if r.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// Runs `gazet graph`; lines that are no `gazet extract` records make exit status 1.
fn graph_command(a: &GraphArgs) -> Result<ExitCode, String> {
    let f = graph::Filter {
        types: a.types.clone(),
        modalities: a.modality.clone(),
        since: a.since.map(|d| d.to_string()),
        until: a.until.map(|d| d.to_string()),
        evidences: a.evidences,
    };
    let g = graph::build(&a.inputs, &f)?;
    let text = g.render(a.format);
    match &a.output {
        Some(p) => std::fs::write(p, text).map_err(|e| format!("{}: {e}", p.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.to_string()),
                _ => {}
            }
        }
    }
    eprintln!(
        "{} documents, {} entities, {} edges, {} lines skipped",
        g.documents,
        g.nodes.len(),
        g.edges.len(),
        g.bad_lines
    );
    Ok(if g.bad_lines > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Runs `gazet extract`; `Err` is a usage or data error (exit status 2).
fn extract_command(a: &ExtractArgs) -> Result<ExitCode, String> {
    let sources = input::expand(&a.paths)?;
    let ex = build_extractor(a)?;
    let threads =
        a.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut opts = extract::Options {
        sources,
        jsonl: a.jsonl,
        fields: input::Fields {
            text: a.text_field.clone(),
            id: a.id_field.clone(),
            date: a.date_field.clone(),
            lang: a.lang_field.clone(),
        },
        lang: a.lang,
        date: a.date,
        threads,
        resume: None,
    };
    if a.resume {
        if a.format != Format::Jsonl {
            return Err("--resume needs --format jsonl (one record a line)".into());
        }
        let path = a.output.as_ref().ok_or("--resume needs -o FILE")?;
        opts.resume = resume_point(path)?;
    }
    let mut w = writer(a)?;
    let t = Instant::now();
    let sum = match extract::run(&ex, &opts, &mut w).and_then(|s| w.finish().map(|()| s)) {
        Ok(s) => s,
        // the reader went away (`gazet extract … | head`): stop quietly, as `cat` does
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => return Err(e.to_string()),
        Err(e) => return Err(format!("writing the output: {e}")),
    };
    eprintln!("{}", sum.line(extract::since(t)));
    Ok(if sum.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The output: a file, standard output, or for brat a folder (its file list on stdout).
fn writer(a: &ExtractArgs) -> Result<Writer<std::io::BufWriter<Box<dyn Write>>>, String> {
    let folder = matches!(a.format, Format::Brat | Format::Html);
    let to_file = a.output.as_ref().filter(|_| !folder);
    let open = |p: &PathBuf| {
        let mut o = std::fs::OpenOptions::new();
        if a.resume {
            o.append(true).create(true);
        } else {
            o.write(true).create(true).truncate(true);
        }
        o.open(p).map_err(|e| format!("{}: {e}", p.display()))
    };
    let sink: Box<dyn Write> = match to_file {
        Some(p) => Box::new(open(p)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = Writer::new(std::io::BufWriter::new(sink), a.format, a.pretty, a.offsets);
    if folder {
        let dir =
            a.output.clone().ok_or("--format brat and html write files: give a folder with -o")?;
        w.files_dir(dir.clone()).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    Ok(w)
}

/// How far an interrupted run got: the number of complete records in `path` and the
/// id of the last. A partly written last line is cut off. No file: a fresh start.
fn resume_point(path: &std::path::Path) -> Result<Option<(usize, String)>, String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut last = None;
    let mut count = 0;
    for (i, line) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_slice(line)
            .map_err(|e| format!("{}:{}: cannot resume: {e}", path.display(), i + 1))?;
        let id = v["id"].as_str().ok_or_else(|| {
            format!("{}:{}: cannot resume: a record without an id", path.display(), i + 1)
        })?;
        last = Some(id.to_string());
        count += 1;
    }
    if complete < bytes.len() {
        let f = std::fs::OpenOptions::new().write(true).open(path);
        f.and_then(|f| f.set_len(complete as u64))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(last.map(|id| (count, id)))
}

/// The bundled data plus the user's gazetteers and rules; an error names the place.
fn build_extractor(a: &ExtractArgs) -> Result<Extractor, String> {
    if a.gazetteer.is_empty() && a.rules.is_empty() {
        return Ok(Extractor::new());
    }
    let mut b = Extractor::builder();
    for g in &a.gazetteer {
        b.gazetteer_file(g);
    }
    for r in &a.rules {
        b.rules_file(r);
    }
    b.build().map_err(|e| e.to_string())
}
