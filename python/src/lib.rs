//! The native module of the Python package `gazet` (`gazet._gazet`), built with PyO3.
//!
//! A thin layer: [`Extractor`] wraps the library's extractor (shared, thread-safe),
//! `doc` turns a document into Python objects with character offsets beside the
//! byte offsets, and `pipe` extracts many texts on Rust threads with the GIL
//! released. The Python side (`gazet/__init__.py`) adds the exception type, the
//! DataFrames, the spaCy component and the Spark and Dask helpers.
//!
//! ```text
//! >>> import gazet
//! >>> doc = gazet.Extractor().extract("Poetin sprak in juli met Trump.", lang="nl")
//! >>> doc.relations[0]
//! Relation(meeting: Vladimir Putin —spoke with→ Donald Trump [asserted, past])
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

mod doc;
mod pipe;

use doc::Document;

/// Finds entities and relations in Dutch and English news text.
#[pyclass(module = "gazet", frozen)]
pub struct Extractor {
    inner: Arc<gazet::Extractor>,
}

#[pymethods]
impl Extractor {
    /// Builds an extractor: the bundled data (unless `default_data=False`) and the
    /// gazetteer and rule files given, by path. A malformed file raises
    /// `gazet.DataError` with its `file`, `line` and `column`.
    #[new]
    #[pyo3(signature = (gazetteers=None, rules=None, default_data=true))]
    fn new(
        py: Python<'_>,
        gazetteers: Option<Vec<PathBuf>>,
        rules: Option<Vec<PathBuf>>,
        default_data: bool,
    ) -> PyResult<Extractor> {
        let (gazetteers, rules) = (gazetteers.unwrap_or_default(), rules.unwrap_or_default());
        if let Some(p) = gazetteers.iter().chain(&rules).find(|p| std::fs::File::open(p).is_err()) {
            let e = std::fs::File::open(p).err().map(|e| e.to_string()).unwrap_or_default();
            let path = p.display().to_string();
            return Err(raise(py, (format!("cannot read: {e}"), Some(path), None, None)));
        }
        let mut b = gazet::Extractor::builder();
        if !default_data {
            b.default_gazetteers(false).default_rules(false).default_names(false);
        }
        for g in gazetteers {
            b.gazetteer_file(g);
        }
        for r in rules {
            b.rules_file(r);
        }
        build(py, &b)
    }

    /// Like the constructor, with the data given as `(name, text)` pairs instead of
    /// paths: what a Spark or Dask worker receives from the driver.
    #[staticmethod]
    #[pyo3(signature = (gazetteers, rules, default_data=true))]
    fn from_sources(
        py: Python<'_>,
        gazetteers: Vec<(String, String)>,
        rules: Vec<(String, String)>,
        default_data: bool,
    ) -> PyResult<Extractor> {
        let mut b = gazet::Extractor::builder();
        if !default_data {
            b.default_gazetteers(false).default_rules(false).default_names(false);
        }
        for (name, text) in &gazetteers {
            b.gazetteer_str(name, text);
        }
        for (name, text) in &rules {
            b.rules_str(name, text);
        }
        build(py, &b)
    }

    /// The entities and relations of `text`. `lang` is "nl" or "en" (default:
    /// detected); `date` the document date, "YYYY", "YYYY-MM", "YYYY-MM-DD" or a
    /// `datetime.date` (default: a leading ` date YYYY-MM-DD` line, else none).
    #[pyo3(signature = (text, lang=None, date=None))]
    fn extract(
        &self,
        py: Python<'_>,
        text: String,
        lang: Option<&str>,
        date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Document> {
        let (lang, date) = (parse_lang(lang)?, parse_date(date)?);
        let ex = Arc::clone(&self.inner);
        Ok(py.detach(move || Document::new(&ex, text, lang, date)))
    }

    /// Extracts every text of `texts` (a list or any iterable of strings, or of
    /// `(text, lang, date)` tuples) on `threads` Rust threads (default: one per
    /// core) with the GIL released, `batch_size` texts at a time; yields the
    /// documents in input order.
    #[pyo3(signature = (texts, threads=None, batch_size=256, lang=None, date=None))]
    fn pipe(
        &self,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        batch_size: usize,
        lang: Option<&str>,
        date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<pipe::Pipe> {
        let defaults = (parse_lang(lang)?, parse_date(date)?);
        pipe::Pipe::new(Arc::clone(&self.inner), texts, threads, batch_size, defaults)
    }

    /// The rules in use: a list of dicts with `id`, `lang`, `type`, `file`, `line`,
    /// `column`, `roles` and `pattern`.
    fn rules(&self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
        let dict = |r: gazet::rules::RuleInfo| -> PyResult<Py<PyAny>> {
            let d = pyo3::types::PyDict::new(py);
            d.set_item("id", r.id)?;
            d.set_item("lang", r.lang.to_string())?;
            d.set_item("type", r.kind.as_str())?;
            d.set_item("file", &*r.location.file)?;
            d.set_item("line", r.location.line)?;
            d.set_item("column", r.location.column)?;
            d.set_item("roles", r.roles.iter().map(|x| x.as_str()).collect::<Vec<_>>())?;
            d.set_item("pattern", r.pattern)?;
            Ok(d.into_any().unbind())
        };
        self.inner.rules().into_iter().map(dict).collect()
    }

    /// What the rule layer saw and did in `text`, per sentence: a report to read.
    #[pyo3(signature = (text, lang=None))]
    fn explain(&self, text: &str, lang: Option<&str>) -> PyResult<String> {
        Ok(self.inner.explain(text, parse_lang(lang)?))
    }

    fn __repr__(&self) -> String {
        format!("Extractor({} rules)", self.inner.rules().len())
    }
}

/// Builds with the GIL released (it takes tens of milliseconds, on two threads).
fn build(py: Python<'_>, b: &gazet::ExtractorBuilder) -> PyResult<Extractor> {
    match py.detach(|| b.build()) {
        Ok(ex) => Ok(Extractor { inner: Arc::new(ex) }),
        Err(e) => Err(data_error(py, &e)),
    }
}

/// `gazet.DataError(message, file, line, column)`, defined on the Python side.
fn data_error(py: Python<'_>, e: &gazet::Error) -> PyErr {
    let loc = e.location();
    let args = (
        e.kind().to_string(),
        loc.map(|l| l.file.to_string()),
        loc.map(|l| l.line),
        loc.map(|l| l.column),
    );
    raise(py, args)
}

/// Makes `gazet.DataError(message, file, line, column)`.
fn raise(py: Python<'_>, args: (String, Option<String>, Option<usize>, Option<usize>)) -> PyErr {
    let made = py
        .import("gazet._errors")
        .and_then(|m| m.getattr("DataError"))
        .and_then(|cls| cls.call1(args));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(other) => other,
    }
}

pub(crate) fn parse_lang(lang: Option<&str>) -> PyResult<Option<gazet::Lang>> {
    lang.map(|l| {
        l.parse::<gazet::Lang>()
            .map_err(|_| PyValueError::new_err(format!("lang {l:?}: expected \"nl\" or \"en\"")))
    })
    .transpose()
}

/// A date from a string ("2017-11-10", "2017-11", "2017") or a `datetime.date`.
pub(crate) fn parse_date(date: Option<&Bound<'_, PyAny>>) -> PyResult<Option<gazet::Date>> {
    let Some(d) = date.filter(|d| !d.is_none()) else { return Ok(None) };
    let s: String = if d.is_instance_of::<PyString>() {
        d.extract()?
    } else if d.hasattr("isoformat")? {
        let iso: String = d.call_method0("isoformat")?.extract()?;
        iso.chars().take(10).collect()
    } else {
        return Err(PyValueError::new_err("date: expected a string or a datetime.date"));
    };
    s.parse::<gazet::Date>().map(Some).map_err(|_| {
        PyValueError::new_err(format!("date {s:?}: expected YYYY, YYYY-MM or YYYY-MM-DD"))
    })
}

/// A `(text, lang, date)` tuple's parts, or a plain string.
pub(crate) type Item = (String, Option<gazet::Lang>, Option<gazet::Date>);

pub(crate) fn item(
    obj: &Bound<'_, PyAny>,
    defaults: (Option<gazet::Lang>, Option<gazet::Date>),
) -> PyResult<Item> {
    if let Ok(t) = obj.cast::<PyTuple>() {
        let text: String = t.get_item(0)?.extract()?;
        let lang = match t.get_item(1) {
            Ok(l) if !l.is_none() => parse_lang(Some(&l.extract::<String>()?))?,
            _ => defaults.0,
        };
        let date = match t.get_item(2) {
            Ok(d) if !d.is_none() => parse_date(Some(&d))?,
            _ => defaults.1,
        };
        return Ok((text, lang, date));
    }
    Ok((obj.extract()?, defaults.0, defaults.1))
}

#[pymodule]
fn _gazet(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    doc::register(m)?;
    m.add_class::<pipe::Pipe>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
