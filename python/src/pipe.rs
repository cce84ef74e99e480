//! `Extractor.pipe`: many texts on Rust threads, in batches, with the GIL released.
//!
//! The iterator pulls `batch_size` items from the Python iterable (holding the GIL),
//! extracts the batch on `threads` threads (without it: other Python threads run
//! meanwhile), then hands the documents out in input order.
//!
//! ```text
//! for doc in ex.pipe(texts, threads=2, batch_size=256):
//!     ...
//! ```

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyIterator;

use crate::doc::Document;
use crate::{item, Item};

/// The documents of an iterable of texts, in order (`Extractor.pipe`).
#[pyclass(module = "gazet")]
pub struct Pipe {
    ex: Arc<gazet::Extractor>,
    source: Py<PyIterator>,
    threads: usize,
    batch_size: usize,
    defaults: (Option<gazet::Lang>, Option<gazet::Date>),
    ready: VecDeque<Document>,
}

impl Pipe {
    pub fn new(
        ex: Arc<gazet::Extractor>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        batch_size: usize,
        defaults: (Option<gazet::Lang>, Option<gazet::Date>),
    ) -> PyResult<Pipe> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(Pipe {
            ex,
            source: texts.try_iter()?.unbind(),
            threads: threads.unwrap_or(cores).max(1),
            batch_size: batch_size.max(1),
            defaults,
            ready: VecDeque::new(),
        })
    }

    /// The next `batch_size` items of the source (fewer at its end).
    fn pull(&self, py: Python<'_>) -> PyResult<Vec<Item>> {
        let mut it = self.source.bind(py).clone();
        let mut batch = Vec::with_capacity(self.batch_size);
        while batch.len() < self.batch_size {
            match it.next() {
                Some(obj) => batch.push(item(&obj?, self.defaults)?),
                None => break,
            }
        }
        Ok(batch)
    }
}

#[pymethods]
impl Pipe {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>) -> PyResult<Option<Document>> {
        if slf.ready.is_empty() {
            let py = slf.py();
            let batch = slf.pull(py)?;
            let (ex, threads) = (Arc::clone(&slf.ex), slf.threads);
            let docs = py.detach(move || extract_all(&ex, batch, threads));
            slf.ready.extend(docs);
        }
        Ok(slf.ready.pop_front())
    }
}

/// The documents of `items`, in order, on `threads` threads taking a few at a time.
fn extract_all(ex: &gazet::Extractor, items: Vec<Item>, threads: usize) -> Vec<Document> {
    const TAKE: usize = 4;
    let threads = threads.min(items.len().div_ceil(TAKE)).max(1);
    let slots: Vec<std::sync::Mutex<Option<Item>>> =
        items.into_iter().map(|i| std::sync::Mutex::new(Some(i))).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let start = next.fetch_add(TAKE, Ordering::Relaxed);
            if start >= slots.len() {
                return done;
            }
            for (i, slot) in slots.iter().enumerate().skip(start).take(TAKE) {
                let taken = slot.lock().map(|mut s| s.take()).unwrap_or(None);
                if let Some((text, lang, date)) = taken {
                    done.push((i, Document::new(ex, text, lang, date)));
                }
            }
        }
    };
    let mut parts: Vec<(usize, Document)> = if threads == 1 {
        work()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    };
    parts.sort_unstable_by_key(|p| p.0);
    parts.into_iter().map(|p| p.1).collect()
}
