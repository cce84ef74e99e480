//! `gazet extract`: reads records, extracts on `-j` threads, writes in input order.
//!
//! A pipeline of three parts. A reader thread streams the records of every source
//! (JSONL line by line) in batches onto a bounded queue; `-j` worker threads take
//! batches, parse each record, extract it and render its JSON; the calling thread
//! writes the batches back in input order, record by record, flushed. Memory stays
//! bounded by the queues whatever the size of the input, and the output of a killed
//! run holds every record before some point, so `--resume` can skip those (the reader
//! skips them unread but for the last, whose id must match). A progress bar (bytes,
//! MB/s, ETA, documents) goes to standard error when it is a terminal, and a one-line
//! summary at the end.
//!
//! ```text
//! gazet extract articles/ dump.jsonl -j 2 --format jsonl -o out.jsonl
//! 1,204 documents, 9,310 entities, 1,877 relations, 3 errors in 4.1 s (12.6 MB/s)
//! ```

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use gazet::{Date, Document, Extractor, Lang};
use indicatif::{ProgressBar, ProgressStyle};

use crate::input::{self, Fields, InputError, Raw, Reader, Record, Source};
use crate::output::{Render, Writer};

/// Records per batch at most: enough to keep a thread busy, few enough to write often.
const BATCH: usize = 64;
/// Input bytes per batch at most (a batch of long articles is cut sooner).
const BATCH_BYTES: usize = 1 << 20;

/// What one run was told.
pub struct Options {
    pub sources: Vec<Source>,
    pub jsonl: bool,
    pub fields: Fields,
    pub lang: Option<Lang>,
    pub date: Option<Date>,
    pub threads: usize,
    /// Input records already in the output (`--resume`): skipped, and the id the last
    /// of them must have.
    pub resume: Option<(usize, String)>,
}

/// Totals of a run.
#[derive(Default, Debug)]
pub struct Summary {
    pub documents: usize,
    pub entities: usize,
    pub relations: usize,
    pub errors: usize,
    pub bytes: usize,
    /// Records skipped because the output already held them.
    pub resumed: usize,
}

/// A record done by a worker: the document (with its JSON record when the output
/// format is JSON, rendered on the worker) or the error that takes its place.
enum Done {
    /// Rendered: the JSON record and the document's counts (entities, relations, text
    /// bytes). The document itself is dropped on the worker that made it: freeing
    /// memory on the thread that allocated it is cheaper.
    Json {
        json: std::io::Result<String>,
        counts: [usize; 3],
    },
    /// For the other formats, the writer needs the document and its text.
    Doc {
        id: String,
        text: String,
        doc: Document,
    },
    Failed {
        id: String,
        error: InputError,
    },
}

/// A numbered batch: raw records going to the workers, done records coming back; the
/// input bytes it stands for ride along for the progress bar.
type Batch<T> = (usize, Vec<T>, u64);

/// Runs the extraction over every source, writing each record as it is done.
pub fn run<W: Write>(
    ex: &Extractor,
    opts: &Options,
    out: &mut Writer<W>,
) -> std::io::Result<Summary> {
    let threads = opts.threads.max(1);
    let (raw_tx, raw_rx) = sync_channel::<Batch<Raw>>(threads * 2);
    let (done_tx, done_rx) = sync_channel::<Batch<Done>>(threads * 2);
    let raw_rx = Arc::new(Mutex::new(raw_rx));
    let names: Vec<String> = opts.sources.iter().map(input::name).collect();
    let render = out.render();
    let bar = progress(&opts.sources);
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| feed(opts, &names, raw_tx));
        for _ in 0..threads {
            let (raw_rx, done_tx) = (Arc::clone(&raw_rx), done_tx.clone());
            let names = &names;
            scope.spawn(move || work(ex, opts, names, render, &raw_rx, &done_tx));
        }
        // the workers hold the only handles now: when they stop, the reader does
        drop((raw_rx, done_tx));
        let mut sum = Summary::default();
        let written = write_in_order(done_rx, out, bar.as_ref(), &mut sum);
        let resumed = reader.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        written?;
        sum.resumed = resumed?;
        Ok(sum)
    })
}

/// The reader: skips the records a resumed run already has, then sends the rest in
/// batches. Returns how many it skipped.
fn feed(opts: &Options, names: &[String], tx: SyncSender<Batch<Raw>>) -> std::io::Result<usize> {
    let mut records = Reader::new(&opts.sources, opts.jsonl);
    let skip = opts.resume.as_ref().map_or(0, |r| r.0);
    for n in 1..=skip {
        let Some(raw) = records.next() else {
            return Err(invalid(
                "cannot resume: the output holds more records than the inputs give".into(),
            ));
        };
        if n == skip {
            let name = &names[raw.source];
            check_resume(&input::parse(raw, name, &opts.fields), opts)?;
        }
    }
    let (mut batch, mut bytes, mut number) = (Vec::new(), 0, 0);
    for raw in records {
        bytes += raw.len();
        batch.push(raw);
        if batch.len() == BATCH || bytes >= BATCH_BYTES {
            if tx.send((number, std::mem::take(&mut batch), bytes as u64)).is_err() {
                return Ok(skip); // the writer stopped: its error is the one to report
            }
            (bytes, number) = (0, number + 1);
        }
    }
    if !batch.is_empty() {
        let _ = tx.send((number, batch, bytes as u64));
    }
    Ok(skip)
}

/// A worker: parses, extracts and renders batch after batch until the queue ends.
fn work(
    ex: &Extractor,
    opts: &Options,
    names: &[String],
    render: Render,
    rx: &Mutex<Receiver<Batch<Raw>>>,
    tx: &SyncSender<Batch<Done>>,
) {
    loop {
        let next = rx.lock().map(|r| r.recv());
        let Ok(Ok((number, raws, bytes))) = next else { return };
        let done = raws.into_iter().map(|raw| one(ex, opts, names, render, raw)).collect();
        if tx.send((number, done, bytes)).is_err() {
            return;
        }
    }
}

/// One record: parsed, extracted and (for JSON output) rendered.
fn one(ex: &Extractor, opts: &Options, names: &[String], render: Render, raw: Raw) -> Done {
    let name = &names[raw.source];
    let Record { id, body } = input::parse(raw, name, &opts.fields);
    match body {
        Ok(t) => {
            let doc = ex.extract_with(&t.text, t.lang.or(opts.lang), t.date.or(opts.date));
            match render.json(&id, &t.text, &doc) {
                Some(json) => {
                    let counts = [doc.entities.len(), doc.relations.len(), t.text.len()];
                    Done::Json { json, counts }
                }
                None => Done::Doc { id, text: t.text, doc },
            }
        }
        Err(error) => Done::Failed { id, error },
    }
}

/// Writes the batches in their input order as they come back from the workers.
fn write_in_order<W: Write>(
    rx: Receiver<Batch<Done>>,
    out: &mut Writer<W>,
    bar: Option<&ProgressBar>,
    sum: &mut Summary,
) -> std::io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (number, done, bytes) in rx {
        waiting.insert(number, (done, bytes));
        while let Some((done, bytes)) = waiting.remove(&next) {
            for d in done {
                write_one(d, out, sum)?;
            }
            next += 1;
            if let Some(b) = bar {
                b.inc(bytes);
                b.set_message(format!("{} documents", sum.documents + sum.errors));
            }
        }
    }
    Ok(())
}

fn write_one<W: Write>(d: Done, out: &mut Writer<W>, sum: &mut Summary) -> std::io::Result<()> {
    match d {
        Done::Json { json, counts: [entities, relations, bytes] } => {
            sum.count(entities, relations, bytes);
            out.rendered(&json?)
        }
        Done::Doc { id, text, doc } => {
            sum.count(doc.entities.len(), doc.relations.len(), text.len());
            out.document(&id, &text, &doc)
        }
        Done::Failed { id, error } => {
            sum.errors += 1;
            out.error(&id, &error)
        }
    }
}

fn invalid(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message)
}

/// The last skipped record must be the last one the output holds: else the inputs
/// are not those of the interrupted run.
fn check_resume(last: &Record, opts: &Options) -> std::io::Result<()> {
    match &opts.resume {
        Some((_, id)) if *id != last.id => Err(invalid(format!(
            "cannot resume: the output ends with record \"{id}\", the inputs have \"{}\" there",
            last.id
        ))),
        _ => Ok(()),
    }
}

/// A progress bar on standard error when it is a terminal: measured in input bytes
/// (the files' sizes; JSONL syntax is counted when its file is done), with the
/// documents so far, the rate and the time left.
fn progress(sources: &[Source]) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let total: u64 = sources.iter().map(size).sum();
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template(
        "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} · {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// The size of a source in bytes (0 for standard input).
fn size(s: &Source) -> u64 {
    match s {
        Source::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
        Source::Stdin => 0,
    }
}

impl Summary {
    fn count(&mut self, entities: usize, relations: usize, bytes: usize) {
        self.documents += 1;
        self.entities += entities;
        self.relations += relations;
        self.bytes += bytes;
    }

    /// The line printed at the end of a run.
    pub fn line(&self, seconds: f64) -> String {
        let rate = self.bytes as f64 / seconds.max(1e-9) / 1e6;
        let resumed = match self.resumed {
            0 => String::new(),
            n => format!(" ({n} records were already done)"),
        };
        format!(
            "{} documents, {} entities, {} relations, {} errors in {seconds:.1} s ({rate:.1} MB/s){resumed}",
            self.documents, self.entities, self.relations, self.errors
        )
    }
}

/// Seconds since `t`.
pub fn since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}
