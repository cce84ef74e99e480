//! `gazet extract`: reads records, extracts on `-j` threads, writes in input order.
//!
//! Records are read source by source and processed in chunks: the threads of a chunk
//! claim documents from a shared counter, and the chunk is written in input order
//! before the next is read, so memory stays bounded by the chunk and the output of a
//! killed run holds every record before it. A progress bar (documents, MB/s, ETA) goes
//! to standard error when it is a terminal, and a one-line summary at the end.
//!
//! ```text
//! gazet extract articles/ dump.jsonl -j 2 --format jsonl -o out.jsonl
//! 1,204 documents, 9,310 entities, 1,877 relations, 3 errors in 4.1 s (12.6 MB/s)
//! ```

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use gazet::{Date, Document, Extractor, Lang};
use indicatif::{ProgressBar, ProgressStyle};

use crate::input::{self, Fields, Record, Source};
use crate::output::{Render, Writer};

/// Documents per chunk: enough to keep every thread busy, few enough to write often.
const CHUNK: usize = 256;

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

/// Runs the extraction over every source, writing each record as it is done.
pub fn run<W: Write>(
    ex: &Extractor,
    opts: &Options,
    out: &mut Writer<W>,
) -> std::io::Result<Summary> {
    let bar = progress(&opts.sources);
    let mut sum = Summary::default();
    let mut skip = opts.resume.as_ref().map_or(0, |r| r.0);
    for src in &opts.sources {
        let mut records = input::read(src, opts.jsonl, &opts.fields, opts.threads);
        let mut done_bytes = 0u64;
        if skip > 0 {
            let n = skip.min(records.len());
            skip -= n;
            sum.resumed += n;
            if skip == 0 {
                check_resume(&records[n - 1], opts)?;
            }
            records.drain(..n);
        }
        for chunk in records.chunks(CHUNK) {
            let docs = extract_chunk(ex, chunk, opts, out.render());
            for (rec, doc) in chunk.iter().zip(docs) {
                match (&rec.body, doc) {
                    (Ok(t), Some(Done { doc: d, json })) => {
                        sum.documents += 1;
                        sum.entities += d.entities.len();
                        sum.relations += d.relations.len();
                        sum.bytes += t.text.len();
                        match json {
                            Some(json) => out.rendered(&json?)?,
                            None => out.document(&rec.id, &t.text, &d)?,
                        }
                    }
                    (Err(e), _) => {
                        sum.errors += 1;
                        out.error(&rec.id, e)?;
                    }
                    (Ok(_), None) => unreachable!("every readable record is extracted"),
                }
            }
            if let Some(b) = &bar {
                let text: u64 = chunk
                    .iter()
                    .filter_map(|r| r.body.as_ref().ok())
                    .map(|t| t.text.len() as u64)
                    .sum();
                done_bytes += text;
                b.inc(text);
                b.set_message(format!("{} documents", sum.documents + sum.errors));
            }
        }
        // the rest of the file: JSONL syntax, skipped records
        if let Some(b) = &bar {
            b.inc(size(src).saturating_sub(done_bytes));
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if skip > 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "cannot resume: the output holds more records than the inputs give",
        ));
    }
    Ok(sum)
}

/// The last skipped record must be the last one the output holds: else the inputs
/// are not those of the interrupted run.
fn check_resume(last: &Record, opts: &Options) -> std::io::Result<()> {
    match &opts.resume {
        Some((_, id)) if *id != last.id => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "cannot resume: the output ends with record \"{id}\", the inputs have \"{}\" there",
                last.id
            ),
        )),
        _ => Ok(()),
    }
}

/// A document extracted, and its JSON record when the output format is JSON
/// (rendered on the extraction threads: the writer only writes).
struct Done {
    doc: Document,
    json: Option<std::io::Result<String>>,
}

/// The documents of a chunk (`None` for error records), in order, on `opts.threads`.
fn extract_chunk(
    ex: &Extractor,
    chunk: &[Record],
    opts: &Options,
    render: Render,
) -> Vec<Option<Done>> {
    let one = |r: &Record| {
        let t = r.body.as_ref().ok()?;
        let doc = ex.extract_with(&t.text, t.lang.or(opts.lang), t.date.or(opts.date));
        let json = render.json(&r.id, &t.text, &doc);
        Some(Done { doc, json })
    };
    let threads = opts.threads.clamp(1, chunk.len().max(1));
    if threads == 1 {
        return chunk.iter().map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<Option<Done>> = Vec::new();
    done.resize_with(chunk.len(), || None);
    let parts: Vec<Vec<(usize, Option<Done>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(r) = chunk.get(i) else { return mine };
                        mine.push((i, one(r)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    for (i, d) in parts.into_iter().flatten() {
        done[i] = d;
    }
    done
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
