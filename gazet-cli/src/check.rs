//! `gazet check`: lints gazetteer and rule files before they are used.
//!
//! Errors are what the library refuses (a malformed line, a duplicate id, an unknown
//! reference), each with its file, line and column, and stop the check of that file.
//! Warnings are what loads but is likely a mistake:
//!
//! * an alias shared by several entries (of the files checked together with the
//!   bundled data): the resolver must then choose;
//! * two people holding the same post of the same organization on the same day (two
//!   foreign ministers of one country);
//! * an alias that matches in lower case (`ci`, or written in lower case) and is a
//!   common Dutch or English word (`data/common-words.txt`): "may", "de", "bank" would
//!   turn ordinary prose into mentions;
//! * a rule slot whose role its relation type does not have (`visit` has `visitor` and
//!   `place`): that argument never reaches a relation;
//! * a rule with the same language and pattern as a bundled one (or another checked
//!   one): it adds nothing but a second id for the same relations.
//!
//! Files: `*.tsv` are gazetteers, or title lists when their records start with a
//! language; `*.rules` and `*.lexicon` are rule files, `*.names` name-finder files. All
//! are checked together with the bundled data, so that references to bundled ids
//! resolve; `--alone` checks them without it (the bundled files themselves, or a
//! replacement of them).
//!
//! ```text
//! $ gazet check mine.tsv
//! mine.tsv:12:8: warning: alias "Georgia" is shared by country:GE, place:georgia-us
//! mine.tsv: 1 error, 2 warnings
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gazet::gazetteer::CaseRule;
use gazet::{Entry, Extractor, Gazetteer};

use crate::common_words::common_in;

/// What the check found.
#[derive(Debug, Default)]
pub struct Report {
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
}

/// Checks every file; gazetteers together with the bundled data unless `alone`
/// (for checking the bundled files themselves, or a replacement of them).
pub fn check(files: &[PathBuf], alone: bool) -> Report {
    let mut r = Report::default();
    let (mut gazetteers, mut titles, mut rules, mut names) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for f in files {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        match ext {
            "tsv" if is_titles(f) => titles.push(f.clone()),
            "tsv" => gazetteers.push(f.clone()),
            "rules" | "lexicon" => rules.push(f.clone()),
            "names" => names.push(f.clone()),
            _ => r.errors.push(format!(
                "{}: unknown kind of file: expected .tsv, .rules, .lexicon or .names",
                f.display()
            )),
        }
    }
    if !gazetteers.is_empty() {
        check_gazetteers(&gazetteers, alone, &mut r);
    }
    // titles, rules and name-finder files load with the bundled data (or alone), all
    // of a kind together: a rule file may need the lexicon given beside it
    // a lexicon defines the classes its rule file uses: lexicons first
    rules.sort_by_key(|f| f.extension().is_none_or(|e| e != "lexicon"));
    let mut b = Extractor::builder();
    b.default_rules(!alone || rules.is_empty()).default_names(!alone || names.is_empty());
    for f in &rules {
        b.rules_file(f);
    }
    for f in &names {
        b.names_file(f);
    }
    for f in &titles {
        match std::fs::read_to_string(f) {
            Ok(src) => {
                b.titles_str(&f.display().to_string(), &src);
            }
            Err(e) => r.errors.push(format!("{}: {e}", f.display())),
        }
    }
    if !(rules.is_empty() && names.is_empty() && titles.is_empty()) {
        match b.build() {
            Ok(ex) => {
                off_inventory_roles(&ex, &rules, &mut r);
                duplicate_rules(&ex, &rules, &mut r);
            }
            Err(e) => r.errors.push(e.to_string()),
        }
    }
    r
}

/// Slots of the checked rule files whose role the relation type does not have: the
/// relation never carries that argument.
fn off_inventory_roles(ex: &Extractor, files: &[PathBuf], r: &mut Report) {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    for rule in ex.rules().iter().filter(|x| names.iter().any(|n| **n == *x.location.file)) {
        let allowed = rule.kind.roles();
        for role in rule.roles.iter().filter(|x| !allowed.contains(x)) {
            let l = &rule.location;
            let roles: Vec<&str> = allowed.iter().map(|x| x.as_str()).collect();
            r.warnings.push(format!(
                "{}:{}:{}: warning: rule {}: {} is not a role of {} ({})",
                l.file,
                l.line,
                l.column,
                rule.id,
                role.as_str(),
                rule.kind,
                roles.join(", ")
            ));
        }
    }
}

/// Rules of the checked files whose language and pattern an earlier rule (bundled, or
/// of a checked file) has already.
fn duplicate_rules(ex: &Extractor, files: &[PathBuf], r: &mut Report) {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut first: BTreeMap<(String, &str), &gazet::rules::RuleInfo> = BTreeMap::new();
    let all = ex.rules();
    for rule in &all {
        let key = (rule.lang.to_string(), rule.pattern.as_str());
        let Some(earlier) = first.get(&key) else {
            first.insert(key, rule);
            continue;
        };
        if names.iter().any(|n| **n == *rule.location.file) {
            let (l, e) = (&rule.location, &earlier.location);
            r.warnings.push(format!(
                "{}:{}:{}: warning: rule {} has the pattern of rule {} ({}:{}:{})",
                l.file, l.line, l.column, rule.id, earlier.id, e.file, e.line, e.column
            ));
        }
    }
}

/// A titles file (`lang<TAB>forms<TAB>title`) rather than a gazetteer: its first
/// record starts with a language code.
fn is_titles(f: &Path) -> bool {
    let Ok(src) = std::fs::read_to_string(f) else { return false };
    let first = src.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'));
    first.and_then(|l| l.split('\t').next()).is_some_and(|k| matches!(k, "en" | "nl" | "de" | "fr"))
}

/// Parses the gazetteers (each with its own errors), loads them with the bundled data
/// (references), then looks for shared aliases and overlapping posts in them.
fn check_gazetteers(files: &[PathBuf], alone: bool, r: &mut Report) {
    let mut mine = Gazetteer::new();
    for f in files {
        match std::fs::read_to_string(f) {
            Ok(src) => {
                if let Err(e) = mine.add_source(&f.display().to_string(), &src) {
                    r.errors.push(e.to_string());
                }
            }
            Err(e) => r.errors.push(format!("{}: {e}", f.display())),
        }
    }
    let mut b = Extractor::builder();
    b.default_gazetteers(!alone);
    for f in files {
        b.gazetteer_file(f);
    }
    match b.build() {
        Ok(ex) => {
            shared_aliases(&mine, ex.gazetteer(), r);
            common_word_aliases(&mine, r);
            overlapping_posts(&mine, ex.gazetteer(), r);
        }
        Err(e) if r.errors.is_empty() => r.errors.push(e.to_string()),
        Err(_) => {}
    }
}

fn place(e: &Entry) -> String {
    e.location().map_or_else(|| e.id.clone(), |l| format!("{}:{}:{}", l.file, l.line, l.column))
}

/// Aliases of the checked entries that other entries (checked or bundled) have too.
fn shared_aliases(mine: &Gazetteer, all: &Gazetteer, r: &mut Report) {
    let mut by_form: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for e in all.entries() {
        for a in &e.aliases {
            let ids = by_form.entry(a.form.to_lowercase()).or_default();
            if !ids.contains(&e.id.as_str()) {
                ids.push(&e.id);
            }
        }
    }
    for e in mine.entries() {
        let mut seen = Vec::new();
        for a in &e.aliases {
            let form = a.form.to_lowercase();
            let Some(ids) = by_form.get(&form).filter(|ids| ids.len() > 1) else { continue };
            if seen.contains(&form) {
                continue;
            }
            seen.push(form);
            let ids = ids.join(", ");
            r.warnings.push(format!(
                "{}: warning: alias \"{}\" is shared by {ids}",
                place(e),
                a.form
            ));
        }
    }
}

/// Aliases that match in lower case and are common words of their language.
fn common_word_aliases(mine: &Gazetteer, r: &mut Report) {
    for e in mine.entries() {
        for a in &e.aliases {
            let lower_too = a.case == CaseRule::Insensitive || a.form.to_lowercase() == a.form;
            if !lower_too || a.form.contains(char::is_whitespace) {
                continue;
            }
            let langs = common_in(&a.form, a.lang);
            if let Some(lang) = langs.first() {
                r.warnings.push(format!(
                    "{}: warning: alias \"{}\" of {} matches in lower case and is a common {lang} word",
                    place(e),
                    a.form,
                    e.id
                ));
            }
        }
    }
}

/// Two people in the same post of the same organization on a common day.
fn overlapping_posts(mine: &Gazetteer, all: &Gazetteer, r: &mut Report) {
    for e in mine.entries() {
        for p in &e.posts {
            for o in all.entries().iter().filter(|o| o.id != e.id) {
                for q in o.posts.iter().filter(|q| q.title == p.title && q.org == p.org) {
                    // a handover day (one ends the day the next starts) is no overlap
                    let starts_before_end = q.to.is_none_or(|end| p.from < end);
                    let ends_after_start = p.to.is_none_or(|end| q.from < end);
                    if starts_before_end && ends_after_start {
                        r.warnings.push(format!(
                            "{}: warning: {} of {} overlaps with {} (from {})",
                            place(e),
                            p.title,
                            p.org,
                            o.id,
                            q.from
                        ));
                    }
                }
            }
        }
    }
}
