//! Throughput of the pipeline stages on long news text, build times, gazetteer sizes.
//!
//! Stages are measured as growing prefixes of the pipeline, so a stage's cost is the
//! difference between two neighbouring rows: `tokenize`; `entities only, no name
//! finder` (tokenizer, sentences, gazetteer automaton, resolver); `entities only`
//! (+ name finder); `entities and relations` (+ rule layer and document layer).
//!
//! Every text is our own (see benches/README.md): the sample articles under
//! `examples/`, repeated to about 1 MB. Where `../shared/corpora/` is present its
//! treebank sentences are measured too (read at run time, never copied), and so are
//! paragraph-sized Dutch documents when `target/bench-data/bench-nl-5mb.txt` exists
//! (`python3 ../shared/bench/make_data.py target/bench-data`: the treebank shuffled
//! into 9,073 paragraphs, one document each, as in issue 8).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gazet::Extractor;

#[path = "bench_data.rs"]
mod bench_data;
use bench_data::convert_bench_gazetteer;

const NL: &str = include_str!("../examples/sample_nl.txt");
const EN: &str = include_str!("../examples/sample_en.txt");

/// About 1 MB of our own news text, Dutch and English paragraphs alternating, with
/// the date lines removed.
fn long_text() -> String {
    let strip = |s: &str| s.trim_start().splitn(3, ' ').nth(2).unwrap_or(s).to_string();
    let unit = format!("{}\n\n{}\n\n", strip(NL), strip(EN));
    unit.repeat(1_000_000 / unit.len() + 1)
}

fn bench(c: &mut Criterion) {
    let text = long_text();
    let full = Extractor::new();
    let entities_only = Extractor::builder().default_rules(false).build().expect("builds");
    let gazetteer_only =
        Extractor::builder().default_rules(false).default_names(false).build().expect("builds");
    let (mem, pats) = full.automaton_stats();
    eprintln!("gazetteer automaton: {pats} patterns, {:.1} MiB", mem as f64 / (1 << 20) as f64);

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            let toks = gazet::tokenize::tokenize(black_box(&text));
            assert!(toks.len() > 100_000);
            toks.len()
        })
    });
    g.bench_function("unicode-segmentation words (baseline)", |b| {
        use unicode_segmentation::UnicodeSegmentation;
        b.iter(|| {
            let n = black_box(&text).unicode_words().count();
            assert!(n > 100_000);
            n
        })
    });
    g.bench_function("entities only", |b| {
        b.iter(|| {
            let doc = entities_only.extract(black_box(&text));
            assert!(doc.entities.len() > 10);
            doc.entities.len()
        })
    });
    g.bench_function("entities only, no name finder", |b| {
        b.iter(|| {
            let doc = gazetteer_only.extract(black_box(&text));
            assert!(doc.entities.len() > 10);
            doc.entities.len()
        })
    });
    g.bench_function("entities and relations", |b| {
        b.iter(|| {
            let doc = full.extract(black_box(&text));
            assert!(doc.relations.len() > 10);
            doc.relations.len()
        })
    });
    g.finish();

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpora");
    for name in ["nl-ud.txt", "en-ud.txt"] {
        let Ok(corpus) = std::fs::read_to_string(format!("{dir}/{name}")) else {
            eprintln!("{name} not present: skipped");
            continue;
        };
        let mut g = c.benchmark_group(format!("treebank {name}"));
        g.throughput(Throughput::Bytes(corpus.len() as u64));
        g.sample_size(20);
        g.bench_function("entities and relations", |b| {
            b.iter(|| {
                let doc = full.extract(black_box(&corpus));
                assert!(!doc.entities.is_empty());
                doc.entities.len()
            })
        });
        g.finish();
    }
}

/// Paragraph-sized documents, one `extract` call each: the per-document cost of the
/// document layer shows here.
fn paragraphs(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench-data/bench-nl-5mb.txt");
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("{path} not present: skipped (see the module docs)");
        return;
    };
    let docs: Vec<&str> = data.lines().filter(|l| !l.is_empty()).collect();
    let full = Extractor::new();
    let mut g = c.benchmark_group("paragraphs nl 5MB");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.sample_size(10);
    g.bench_function("entities and relations, extract_many on all cores", |b| {
        b.iter(|| {
            let out = full.extract_many(black_box(&docs), Some(gazet::Lang::Nl));
            assert_eq!(out.len(), docs.len());
            out.iter().map(|d| d.relations.len()).sum::<usize>()
        })
    });
    g.bench_function("entities and relations", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| {
                    full.extract_with(black_box(d), Some(gazet::Lang::Nl), None).relations.len()
                })
                .sum();
            n
        })
    });
    g.finish();
}

/// Building an extractor: the default data, and (with the bench data present) the
/// synthetic 100k and 1M-entry gazetteers alone.
fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("default data (what Extractor::new does once)", |b| {
        b.iter(|| Extractor::builder().build().expect("builds").automaton_stats().1)
    });
    for size in ["100k", "1m"] {
        let Some(data) = bench_gazetteer(size) else { continue };
        g.bench_function(format!("gazetteer {size} entries, no rules, no name finder"), |b| {
            b.iter(|| gazetteer_extractor(black_box(&data)).automaton_stats().1)
        });
    }
    g.finish();
}

/// The gazetteer automaton and resolver on the 5 MB of paragraphs, by gazetteer size.
fn gazetteer_sizes(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench-data/bench-nl-5mb.txt");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("{path} not present: skipped (see the module docs)");
        return;
    };
    let docs: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    let mut g = c.benchmark_group("paragraphs nl 5MB, gazetteer only");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    let default =
        Extractor::builder().default_rules(false).default_names(false).build().expect("builds");
    let mut sizes = vec![("default data".to_string(), default)];
    for size in ["10k", "100k", "1m"] {
        if let Some(data) = bench_gazetteer(size) {
            sizes.push((format!("{size} entries"), gazetteer_extractor(&data)));
        }
    }
    for (name, ex) in &sizes {
        g.bench_function(name.as_str(), |b| {
            b.iter(|| {
                let n: usize = docs
                    .iter()
                    .map(|d| {
                        ex.extract_with(black_box(d), Some(gazet::Lang::Nl), None).entities.len()
                    })
                    .sum();
                assert!(n > 1000);
                n
            })
        });
    }
    g.finish();
}

/// A synthetic gazetteer of `../shared/bench/make_data.py` in gazet's format
/// (see `bench_data.rs`), or `None` when the bench data was not made.
fn bench_gazetteer(size: &str) -> Option<String> {
    let path = format!("{}/../target/bench-data/gaz-{size}.tsv", env!("CARGO_MANIFEST_DIR"));
    let Ok(src) = std::fs::read_to_string(&path) else {
        eprintln!("{path} not present: skipped (see the module docs)");
        return None;
    };
    Some(convert_bench_gazetteer(&src).expect("the bench gazetteer converts"))
}

fn gazetteer_extractor(data: &str) -> Extractor {
    Extractor::builder()
        .default_gazetteers(false)
        .default_rules(false)
        .default_names(false)
        .gazetteer_str("bench.tsv", data)
        .build()
        .expect("the bench gazetteer builds")
}

criterion_group!(benches, bench, paragraphs, build, gazetteer_sizes);
criterion_main!(benches);
