//! `gazet patterns import`: spaCy EntityRuler / SpanRuler pattern files as gazetteer
//! entries, so that spaCy users bring their lists along.
//!
//! A pattern file is JSONL, one `{"label": …, "pattern": …, "id": …}` a line. Phrase
//! patterns (`"pattern": "Europese Commissie"`) and token patterns whose every token is
//! `{"LOWER": …}` or `{"ORTH": …}` become aliases; patterns with the same `id` become one
//! entry (else one entry per label and name). `LOWER` matches in any case (`ci`),
//! `ORTH` and phrases as written (`cs`), and no Dutch genitive is generated (`noinfl`),
//! as spaCy would not match one. Labels map to types: PERSON/PER → PERSON,
//! ORG → ORGANIZATION, GPE/LOC/FAC → LOCATION, EVENT → EVENT. Anything else (another
//! label, `POS`, `OP`, `REGEX`, …) is reported with its line, never dropped silently.
//!
//! ```text
//! {"label": "ORG", "pattern": "Europese Commissie", "id": "ec"}
//! {"label": "ORG", "pattern": [{"LOWER": "ec"}], "id": "ec"}
//! →
//! entity  org:ec  ORGANIZATION  Europese Commissie
//! alias   *  name  Europese Commissie  cs,noinfl
//! alias   *  name  ec  ci,noinfl
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

/// The result of an import: the gazetteer text and what could not be imported.
#[derive(Debug, Default)]
pub struct Import {
    pub tsv: String,
    pub entries: usize,
    pub problems: Vec<String>,
}

/// One entry being collected: its type, canonical name and aliases (form, flags).
struct Pending {
    ty: &'static str,
    name: String,
    aliases: Vec<(String, &'static str)>,
}

/// Converts the pattern file `src` (named `file` in messages).
pub fn import(file: &str, src: &str) -> Import {
    let mut out = Import::default();
    let mut order: Vec<String> = Vec::new();
    let mut pending: BTreeMap<String, Pending> = BTreeMap::new();
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{file}:{}", i + 1);
        match pattern(line) {
            Ok((ty, key, form, flags)) => {
                let key = format!("{}:{}", prefix(ty), slug(key.as_deref().unwrap_or(&form)));
                let p = pending.entry(key.clone()).or_insert_with(|| {
                    order.push(key.clone());
                    Pending { ty, name: form.clone(), aliases: Vec::new() }
                });
                if p.ty != ty {
                    out.problems.push(format!("{at}: id used with two labels: kept the first"));
                } else if !p.aliases.iter().any(|a| a.0 == form) {
                    p.aliases.push((form, flags));
                }
            }
            Err(msg) => out.problems.push(format!("{at}: {msg}")),
        }
    }
    let _ = writeln!(out.tsv, "# Imported by `gazet patterns import` from {file}.");
    for key in order {
        let Some(p) = pending.get(&key) else { continue };
        let _ = writeln!(out.tsv, "entity\t{key}\t{}\t{}", p.ty, p.name);
        for (form, flags) in &p.aliases {
            let _ = writeln!(out.tsv, "alias\t*\tname\t{form}\t{flags}");
        }
        out.entries += 1;
    }
    out
}

type Pattern = (&'static str, Option<String>, String, &'static str);

/// One pattern line: (type, id, alias form, flags).
fn pattern(line: &str) -> Result<Pattern, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let label = v["label"].as_str().ok_or("no \"label\"")?;
    let ty = match label {
        "PERSON" | "PER" => "PERSON",
        "ORG" => "ORGANIZATION",
        "GPE" | "LOC" | "FAC" => "LOCATION",
        "EVENT" => "EVENT",
        other => {
            return Err(format!(
                "label \"{other}\" has no gazet type (PERSON, ORG, GPE, LOC, FAC, EVENT)"
            ))
        }
    };
    let id = match &v["id"] {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let (form, flags) = match &v["pattern"] {
        Value::String(s) => (s.trim().to_string(), "cs,noinfl"),
        Value::Array(tokens) => token_pattern(tokens)?,
        _ => return Err("no \"pattern\"".into()),
    };
    if form.is_empty() || form.contains(['\t', '\n', '|']) {
        return Err(format!(
            "pattern \"{form}\" cannot be an alias (empty, or a tab, line break or |)"
        ));
    }
    Ok((ty, id, form, flags))
}

/// A token pattern of `LOWER` or `ORTH` tokens only (one kind for the whole pattern).
fn token_pattern(tokens: &[Value]) -> Result<(String, &'static str), String> {
    let mut words = Vec::new();
    let mut kinds = Vec::new();
    for t in tokens {
        let obj = t.as_object().ok_or("a token is not an object")?;
        let (k, v) = match obj.iter().next() {
            Some(kv) if obj.len() == 1 => kv,
            _ => return Err(format!("token {t}: only one LOWER or ORTH per token is supported")),
        };
        let word =
            v.as_str().ok_or_else(|| format!("token {t}: only a string value is supported"))?;
        match k.as_str() {
            "LOWER" | "ORTH" | "TEXT" => kinds.push(k.as_str() == "LOWER"),
            other => {
                return Err(format!(
                    "token attribute {other} is not supported (only LOWER and ORTH)"
                ))
            }
        }
        words.push(word.to_string());
    }
    if words.is_empty() {
        return Err("an empty token pattern".into());
    }
    let flags = if kinds.iter().all(|&lower| lower) { "ci,noinfl" } else { "cs,noinfl" };
    if kinds.iter().any(|&l| l) && kinds.iter().any(|&l| !l) {
        return Err("a pattern mixing LOWER and ORTH tokens is not supported".into());
    }
    Ok((words.join(" "), flags))
}

fn prefix(ty: &str) -> &'static str {
    match ty {
        "PERSON" => "person",
        "ORGANIZATION" => "org",
        "EVENT" => "event",
        _ => "place",
    }
}

/// A readable id key: ASCII letters and digits, lower case, runs of others as `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        // a name of no ASCII letters: its code points, so the id stays valid and stable
        out = s.chars().map(|c| format!("u{:x}", c as u32)).collect::<Vec<_>>().join("-");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_and_token_patterns_become_entries() {
        let src = concat!(
            r#"{"label": "ORG", "pattern": "Europese Commissie", "id": "ec"}"#,
            "\n",
            r#"{"label": "ORG", "pattern": [{"LOWER": "ec"}], "id": "ec"}"#,
            "\n",
            r#"{"label": "GPE", "pattern": [{"ORTH": "San"}, {"ORTH": "Francisco"}]}"#,
            "\n",
            r#"{"label": "NORP", "pattern": "Nederlanders"}"#,
            "\n",
            r#"{"label": "PERSON", "pattern": [{"LOWER": "jan", "OP": "?"}]}"#,
            "\n",
            "not json\n",
        );
        let imp = import("p.jsonl", src);
        assert_eq!(imp.entries, 2);
        assert!(imp.tsv.contains("entity\torg:ec\tORGANIZATION\tEuropese Commissie\n"));
        assert!(imp.tsv.contains("alias\t*\tname\tec\tci,noinfl\n"));
        assert!(imp.tsv.contains("entity\tplace:san-francisco\tLOCATION\tSan Francisco\n"));
        let lines: Vec<&str> =
            imp.problems.iter().map(|p| p.split(':').nth(1).unwrap_or("")).collect();
        assert_eq!(lines, ["4", "5", "6"], "{:?}", imp.problems);
        assert!(gazet::Gazetteer::parse("p.tsv", &imp.tsv).is_ok(), "{}", imp.tsv);
    }
}
