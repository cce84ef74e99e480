//! Hostile inputs: time and peak memory for an input and for one twice its size.
//!
//! ```text
//! cargo run --release -p gazet-bench --example hostile -- [--size BYTES] [--rules 0,2000,20000]
//!     [--cases line,triggers,list,quotes,copies,names] [--distinct] [--repeat 3]
//! ```
//!
//! Each case is generated at `--size` bytes and at twice that, and run in a process of
//! its own (this program again, with `--one`), so that its peak memory (`VmHWM`) is
//! its own. With `--rules N`, N extra rules that share the trigger "ontmoet"
//! (`<participant:PERSON> ~8 ^ontmoet ~8 <participant:PERSON+> ~3 met? ~3
//! <participant:PERSON>`, each its own id; with `--distinct` each also has an optional
//! word of its own, so that every one is tried) are loaded beside the default ones. The
//! table gives, per case and rule count, the seconds and the peak memory the extraction
//! adds to the built extractor and the text (MB, and as a multiple of the input) at both
//! sizes, the time ratio of the doubled input (linear: about 2), and, at the doubled
//! size, the bytes the returned `Document` itself holds (counted by a global allocator
//! wrapper) and the peak as a multiple of them. Cases, all one document:
//!
//! * `line`: names, trigger words and fillers in one line with no punctuation;
//! * `triggers`: one sentence in which every token is a trigger or a name;
//! * `list`: a coordination list of names ("A, B, C en D") with one trigger before it;
//! * `quotes`: quotation marks opened and nested, never closed, around names and verbs;
//! * `copies`: one news paragraph repeated;
//! * `names`: "minister Qabcde Qfghij sprak." with a new made-up name each time (the
//!   keys of the maps of document-local names: seeded hashing keeps them linear).

use std::alloc::{GlobalAlloc, Layout, System};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting the bytes in use, so that the size of the finished
/// `Document` (what extraction returns, as opposed to what it needed on the way) can be
/// told apart from the peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only a counter is
// updated beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        LIVE.fetch_add(new, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const NAMES: &[&str] = &[
    "Poetin",
    "Trump",
    "Rutte",
    "Macron",
    "Merkel",
    "Xi Jinping",
    "Biden",
    "Scholz",
    "Erdogan",
    "Zelensky",
    "Modi",
    "Lula",
];
const FILLERS: &[&str] = &["de", "het", "minister", "sprak", "over", "handel", "in", "Berlijn"];
const PARAGRAPH: &str = "Premier Rutte heeft dinsdag in Den Haag de Franse president Macron \
ontmoet. De twee leiders spraken over Oekraïne en de Russische president Poetin. \"Wij zullen \
Oekraïne blijven steunen\", zei Rutte na afloop tegen de NOS. Volgende maand reist hij naar \
Washington voor een bezoek aan president Biden.\n\n";

/// A small deterministic generator (xorshift), so that every run sees the same text.
struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        xs[(self.0 % xs.len() as u64) as usize]
    }
}

/// The text of `case`, about `size` bytes.
fn text(case: &str, size: usize) -> Option<String> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut s = String::with_capacity(size + 64);
    let trig = ["ontmoet", "ontmoette", "sprak", "bezocht", "helpen"];
    while s.len() < size {
        match case {
            "line" => {
                let w = match rng.0 % 4 {
                    0 => rng.pick(&trig),
                    1 => rng.pick(FILLERS),
                    _ => rng.pick(NAMES),
                };
                s.push_str(w);
                s.push(' ');
            }
            "triggers" => {
                let w = if rng.0 % 2 == 0 { rng.pick(&trig) } else { rng.pick(NAMES) };
                s.push_str(w);
                s.push_str(if rng.0 % 3 == 0 { " en " } else { " " });
            }
            "list" => {
                if s.is_empty() {
                    s.push_str("Rutte ontmoette ");
                }
                s.push_str(rng.pick(NAMES));
                s.push_str(", ");
            }
            "quotes" => {
                s.push_str(rng.pick(&["«", "\"", "'", "„", "“", "("]));
                s.push_str(rng.pick(NAMES));
                s.push(' ');
                s.push_str(rng.pick(&trig));
                s.push(' ');
            }
            "copies" => s.push_str(PARAGRAPH),
            "names" => {
                // a new name after every title: keys of the maps of document-local names
                let n = s.len() as u64 * 2654435761 + rng.0 % 7;
                let name = |mut x: u64| {
                    let mut w = String::from("Q");
                    for _ in 0..5 {
                        w.push((b'a' + (x % 26) as u8) as char);
                        x /= 26;
                    }
                    w
                };
                s.push_str(&format!("minister {} {} sprak. ", name(n), name(n >> 20)));
            }
            _ => return None,
        }
    }
    if case == "list" {
        s.push_str("en Biden in Berlijn.");
    }
    Some(s)
}

/// `n` rules sharing the trigger "ontmoet": all with one pattern, or (`distinct`)
/// each with an optional word of its own, so that no two are alike and every one is
/// tried at every trigger.
fn rules(n: usize, distinct: bool) -> String {
    let mut r = String::from("lang nl\n");
    for i in 0..n {
        let own = if distinct { format!("woord{i}? ") } else { String::new() };
        r.push_str(&format!(
            "rule hostile/r{i} = meeting: <participant:PERSON> ~8 ^ontmoet ~8 \
             <participant:PERSON+> ~3 {own}met? ~3 <participant:PERSON>\n"
        ));
    }
    r
}

/// A memory figure of `/proc/self/status` (`VmHWM`: the peak, `VmRSS`: now) in MB.
fn status_mb(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kb * 1024.0 / 1e6
}

/// One measurement in this process: `seconds peak_mb result_mb`, the peak counted from
/// the memory in use once the extractor is built and the text made, the result the
/// bytes the returned `Document` holds.
fn one(case: &str, size: usize, n_rules: usize, distinct: bool) -> Result<String, String> {
    let t = text(case, size).ok_or_else(|| format!("unknown case {case}"))?;
    let mut b = gazet::Extractor::builder();
    if n_rules > 0 {
        b.rules_str("hostile.rules", &rules(n_rules, distinct));
    }
    let ex = b.build().map_err(|e| e.to_string())?;
    let base = status_mb("VmRSS:");
    let live = LIVE.load(Ordering::Relaxed);
    let start = Instant::now();
    let doc = ex.extract_with(&t, Some(gazet::Lang::Nl), None);
    let secs = start.elapsed().as_secs_f64();
    let peak = status_mb("VmHWM:") - base;
    let result = LIVE.load(Ordering::Relaxed).saturating_sub(live) as f64 / 1e6;
    drop(doc);
    Ok(format!("{secs:.3} {peak:.1} {result:.1}"))
}

/// Runs one case in a child process: (seconds, peak MB, result MB).
fn measure(case: &str, size: usize, rules: (usize, bool)) -> Result<(f64, f64, f64), String> {
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let args = ["--one", case, &size.to_string(), &rules.0.to_string(), &rules.1.to_string()];
    let out = Command::new(me).args(args).output().map_err(|e| e.to_string())?;
    let line = String::from_utf8_lossy(&out.stdout);
    let f: Vec<&str> = line.split_whitespace().collect();
    match (f.first(), f.get(1), f.get(2)) {
        (Some(s), Some(m), Some(r)) => Ok((
            s.parse().unwrap_or(f64::NAN),
            m.parse().unwrap_or(f64::NAN),
            r.parse().unwrap_or(f64::NAN),
        )),
        _ => Err(format!("{case}: {}", String::from_utf8_lossy(&out.stderr))),
    }
}

/// The fastest of `n` runs (wall-clock on a shared machine varies; the least disturbed
/// run is the best estimate), with its peak memory.
fn best(
    case: &str,
    size: usize,
    rules: (usize, bool),
    n: usize,
) -> Result<(f64, f64, f64), String> {
    let mut out = measure(case, size, rules)?;
    for _ in 1..n.max(1) {
        let m = measure(case, size, rules)?;
        if m.0 < out.0 {
            out = m;
        }
    }
    Ok(out)
}

fn list(arg: Option<String>, default: &str) -> Vec<String> {
    arg.unwrap_or_else(|| default.to_string()).split(',').map(str::to_string).collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--one") && args.len() == 5 {
        let (size, n) = (args[2].parse().unwrap_or(0), args[3].parse().unwrap_or(0));
        return match one(&args[1], size, n, args[4] == "true") {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    let opt =
        |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let size: usize = opt("--size").and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let cases = list(opt("--cases"), "line,triggers,list,quotes,copies,names");
    let rule_counts = list(opt("--rules"), "0,2000,20000");
    let distinct = args.iter().any(|a| a == "--distinct");
    let repeat: usize = opt("--repeat").and_then(|s| s.parse().ok()).unwrap_or(3);
    println!(
        "| case | extra rules | size | s | peak MB (× input) | 2× size | s | peak MB (× input) \
         | time ratio | result MB (× input) | peak ÷ result |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for case in &cases {
        for n in &rule_counts {
            let n: usize = n.parse().unwrap_or(0);
            let r = (n, distinct);
            let (a, b) = match (best(case, size, r, repeat), best(case, 2 * size, r, repeat)) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(e), _) | (_, Err(e)) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            };
            let x = |mb: f64, s: usize| mb / (s as f64 / 1e6);
            println!(
                "| {case} | {n} | {:.1} MB | {:.2} | {:.0} ({:.1}×) | {:.1} MB | {:.2} | {:.0} ({:.1}×) \
                 | {:.2} | {:.0} ({:.1}×) | {:.1} |",
                size as f64 / 1e6, a.0, a.1, x(a.1, size), 2.0 * size as f64 / 1e6, b.0, b.1,
                x(b.1, 2 * size), b.0 / a.0.max(1e-6), b.2, x(b.2, 2 * size), b.1 / b.2.max(1e-6)
            );
        }
    }
    ExitCode::SUCCESS
}
