//! The validation suite: named cases in `tests/validation/{nl,en}.txt` (format in
//! `tests/validation/FORMAT.md`), each a passage written for this project with the
//! entities and relations a careful reader finds in it.
//!
//! The test prints precision, recall and F1 per category and overall, and fails on a
//! regression: a case that fails and is not listed in `tests/validation/<lang>.xfail`.
//! Cases listed there that now pass are reported, so the list only shrinks. After an
//! improvement, `GAZET_BLESS=1 cargo test --test validation` rewrites the xfail files.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use gazet::{Date, Document, Extractor, Lang};

#[derive(Debug, Default)]
struct Case {
    id: String,
    cats: Vec<String>,
    date: Option<Date>,
    text: String,
    rels: BTreeSet<Rel>,
    ents: Vec<(String, String)>,
    /// Entities that must not be found (`noent`): false friends; type `*` for any.
    noents: Vec<(String, String)>,
    line: usize,
}

/// (type, arg1, arg2, modality, tense, time value or "")
type Rel = (String, String, String, String, String, String);

fn parse(path: &Path) -> Vec<Case> {
    let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: Vec<Case> = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let n = n + 1;
        let t = line.trim_end();
        if t.starts_with('#')
            || (t.trim().is_empty()
                && out.last().is_none_or(|c| {
                    !c.rels.is_empty() || !c.ents.is_empty() || !c.noents.is_empty()
                }))
        {
            continue;
        }
        if let Some(rest) = t.strip_prefix("@case ") {
            let mut it = rest.split_whitespace();
            let id =
                it.next().unwrap_or_else(|| panic!("{}:{n}: @case needs an id", path.display()));
            out.push(Case {
                id: id.to_string(),
                cats: it.map(str::to_string).collect(),
                line: n,
                ..Case::default()
            });
            continue;
        }
        let Some(case) = out.last_mut() else {
            panic!("{}:{n}: text before the first @case", path.display())
        };
        if let Some(d) = t.strip_prefix("@date ") {
            case.date = Some(
                d.trim().parse().unwrap_or_else(|_| panic!("{}:{n}: bad date", path.display())),
            );
        } else if let Some(r) = t.strip_prefix("rel ") {
            let f: Vec<&str> = r.split('|').map(str::trim).collect();
            assert!(
                f.len() == 5 || f.len() == 6,
                "{}:{n}: rel needs 5 or 6 fields",
                path.display()
            );
            let (mut a, mut b) = (f[1].to_string(), f[2].to_string());
            if matches!(f[0], "meeting" | "conflict") && a > b {
                std::mem::swap(&mut a, &mut b);
            }
            case.rels.insert((
                f[0].to_string(),
                a,
                b,
                f[3].to_string(),
                f[4].to_string(),
                f.get(5).unwrap_or(&"").to_string(),
            ));
        } else if let Some(e) = t.strip_prefix("ent ") {
            let f: Vec<&str> = e.split('|').map(str::trim).collect();
            assert!(f.len() == 2, "{}:{n}: ent needs 2 fields", path.display());
            case.ents.push((f[0].to_string(), f[1].to_string()));
        } else if let Some(e) = t.strip_prefix("noent ") {
            let f: Vec<&str> = e.split('|').map(str::trim).collect();
            assert!(f.len() == 2, "{}:{n}: noent needs 2 fields", path.display());
            case.noents.push((f[0].to_string(), f[1].to_string()));
        } else if case.rels.is_empty() && case.ents.is_empty() && case.noents.is_empty() {
            if !case.text.is_empty() {
                case.text.push('\n');
            }
            case.text.push_str(t);
        }
    }
    for c in &out {
        assert!(
            !c.text.trim().is_empty(),
            "{}:{}: case {} has no text",
            path.display(),
            c.line,
            c.id
        );
    }
    out
}

fn predicted(doc: &Document, with_time: &BTreeSet<(String, String, String)>) -> BTreeSet<Rel> {
    doc.relations
        .iter()
        .filter(|r| r.args.len() >= 2)
        .map(|r| {
            let mut a = doc.name_of(&r.args[0].entity).to_string();
            let mut b = doc.name_of(&r.args[1].entity).to_string();
            if r.kind.is_symmetric() && a > b {
                std::mem::swap(&mut a, &mut b);
            }
            let key = (r.kind.as_str().to_string(), a.clone(), b.clone());
            // the time value is compared only where the case states one
            let time = if with_time.contains(&key) {
                r.time.as_ref().map(|t| t.value.clone()).unwrap_or_default()
            } else {
                String::new()
            };
            (key.0, a, b, r.modality.as_str().to_string(), r.tense.as_str().to_string(), time)
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    cases: usize,
    passed: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p =
            if self.tp + self.fp == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fp) as f64 };
        let r = if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

fn run(lang: Lang) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validation");
    let cases = parse(&dir.join(format!("{}.txt", lang.code())));
    let xfail_path = dir.join(format!("{}.xfail", lang.code()));
    let xfail: BTreeSet<String> = std::fs::read_to_string(&xfail_path)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let ex = Extractor::new();
    let mut by_cat: BTreeMap<String, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    let mut strict = Counts::default();
    let mut failed: Vec<String> = Vec::new();
    let mut report = String::new();
    for c in &cases {
        let doc = ex.extract_with(&c.text, Some(lang), c.date);
        let with_time: BTreeSet<(String, String, String)> = c
            .rels
            .iter()
            .filter(|r| !r.5.is_empty())
            .map(|r| (r.0.clone(), r.1.clone(), r.2.clone()))
            .collect();
        let pred = predicted(&doc, &with_time);
        let key = |r: &Rel| (r.0.clone(), r.1.clone(), r.2.clone());
        let gold_keys: BTreeSet<_> = c.rels.iter().map(key).collect();
        let pred_keys: BTreeSet<_> = pred.iter().map(key).collect();
        let tp = gold_keys.intersection(&pred_keys).count();
        let fp = pred_keys.len() - tp;
        let fn_ = gold_keys.len() - tp;
        let stp = c.rels.intersection(&pred).count();
        let ents_ok = c
            .ents
            .iter()
            .all(|(t, n)| doc.entities.iter().any(|e| e.kind.as_str() == t && e.name == *n));
        let has = |(t, n): &(String, String)| {
            doc.entities.iter().any(|e| (t == "*" || e.kind.as_str() == t) && e.name == *n)
        };
        let ents_ok = ents_ok && !c.noents.iter().any(has);
        let pass = c.rels == pred && ents_ok;
        for cat in c.cats.iter().map(String::as_str).chain(["ALL"]) {
            let e = by_cat.entry(cat.to_string()).or_default();
            e.tp += tp;
            e.fp += fp;
            e.fn_ += fn_;
            e.cases += 1;
            e.passed += usize::from(pass);
        }
        total.tp += tp;
        total.fp += fp;
        total.fn_ += fn_;
        strict.tp += stp;
        strict.fp += pred.len() - stp;
        strict.fn_ += c.rels.len() - stp;
        if !pass {
            failed.push(c.id.clone());
            if !xfail.contains(&c.id) {
                let _ = writeln!(
                    report,
                    "REGRESSION {} (line {}): {}",
                    c.id,
                    c.line,
                    c.text.replace('\n', " ")
                );
                for r in c.rels.difference(&pred) {
                    let _ = writeln!(report, "    missing  {r:?}");
                }
                for r in pred.difference(&c.rels) {
                    let _ = writeln!(report, "    extra    {r:?}");
                }
                for (t, n) in &c.ents {
                    if !doc.entities.iter().any(|e| e.kind.as_str() == t && e.name == *n) {
                        let _ = writeln!(report, "    no entity {t} {n}");
                    }
                }
                for x in c.noents.iter().filter(|x| has(x)) {
                    let _ = writeln!(report, "    false entity {} {}", x.0, x.1);
                }
            }
        }
    }
    println!(
        "\nvalidation [{}]: {} cases, {} pass",
        lang.code(),
        cases.len(),
        cases.len() - failed.len()
    );
    println!(
        "  {:<14} {:>5} {:>5}  {:>6} {:>6} {:>6}",
        "category", "cases", "pass", "P", "R", "F1"
    );
    for (cat, c) in &by_cat {
        let (p, r, f) = c.prf();
        println!("  {:<14} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}", cat, c.cases, c.passed, p, r, f);
    }
    let (p, r, f) = total.prf();
    println!("  relations (type+args):                 P {p:.3}  R {r:.3}  F1 {f:.3}");
    let (p, r, f) = strict.prf();
    println!("  relations (+modality, tense, time):    P {p:.3}  R {r:.3}  F1 {f:.3}");
    let fixed: Vec<&String> = xfail.iter().filter(|x| !failed.contains(x)).collect();
    if !fixed.is_empty() {
        println!("  now passing (remove from {}): {:?}", xfail_path.display(), fixed);
    }
    if std::env::var_os("GAZET_BLESS").is_some() {
        let mut s = String::from(
            "# Cases known to fail (see tests/validation.rs); regenerate with GAZET_BLESS=1.\n",
        );
        for f in &failed {
            s.push_str(f);
            s.push('\n');
        }
        std::fs::write(&xfail_path, s).unwrap_or_else(|e| panic!("{}: {e}", xfail_path.display()));
        return;
    }
    assert!(report.is_empty(), "validation regressions:\n{report}");
}

#[test]
fn validation_nl() {
    run(Lang::Nl);
}

#[test]
fn validation_en() {
    run(Lang::En);
}
