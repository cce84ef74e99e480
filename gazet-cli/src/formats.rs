//! Formats other tools read: CoNLL-2002 BIO, brat standoff, spaCy's `displacy` JSON.
//!
//! Entity types map to the labels each tool's users expect:
//!
//! | gazet | CoNLL-2002 | spaCy / brat |
//! | --- | --- | --- |
//! | PERSON | PER | PERSON |
//! | COUNTRY | LOC | GPE |
//! | LOCATION | LOC | LOC |
//! | ORGANIZATION | ORG | ORG |
//! | EVENT | MISC | EVENT |
//!
//! ```text
//! conll:  Poetin B-PER / sprak O / in O / Hamburg B-LOC / . O   (one token a line)
//! brat:   T1  PERSON 0 6  Poetin        R1  meeting Arg1:T1 Arg2:T3
//! spacy:  {"text": "…", "ents": [{"start": 0, "end": 6, "label": "PERSON"}], "title": "a.txt"}
//! ```
//!
//! CoNLL writes `-DOCSTART- O` and a blank line before each document and a blank line
//! after each sentence; a token's whitespace (rare: inside emoji sequences) becomes `_`.
//! brat and spaCy offsets are character offsets, as both tools count.

use std::fmt::Write as _;

use gazet::tokenize::{sentences, tokenize};
use gazet::{Document, EntityType};
use serde_json::json;

use crate::offsets::CharMap;

/// The CoNLL-2002 label of an entity type.
fn conll_label(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "PER",
        EntityType::Country | EntityType::Location => "LOC",
        EntityType::Organization => "ORG",
        _ => "MISC",
    }
}

/// The spaCy and brat label of an entity type.
fn span_label(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "PERSON",
        EntityType::Country => "GPE",
        EntityType::Location => "LOC",
        EntityType::Organization => "ORG",
        _ => "EVENT",
    }
}

/// Every mention of the document: (byte start, byte end, entity index), in text order.
fn mentions(doc: &Document) -> Vec<(usize, usize, usize)> {
    let mut all: Vec<(usize, usize, usize)> = doc
        .entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.start, m.end, i)))
        .collect();
    all.sort_unstable();
    all
}

/// The document in CoNLL-2002 BIO: `token TAG` lines, sentences separated by blank lines.
pub fn conll(text: &str, doc: &Document) -> String {
    let toks = tokenize(text);
    let spans = mentions(doc);
    let mut out = String::from("-DOCSTART- O\n\n");
    let mut k = 0usize;
    for s in sentences(&toks) {
        for t in &toks.tokens()[s.first as usize..s.last as usize] {
            let (a, b) = (t.start as usize, t.end as usize);
            while k < spans.len() && spans[k].1 <= a {
                k += 1;
            }
            let tag = match spans.get(k) {
                Some(&(ms, me, e)) if ms <= a && b <= me => {
                    let bio = if ms == a { "B" } else { "I" };
                    format!("{bio}-{}", conll_label(doc.entities[e].kind))
                }
                _ => "O".to_string(),
            };
            let form: String =
                text[a..b].chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect();
            let _ = writeln!(out, "{form} {tag}");
        }
        out.push('\n');
    }
    out
}

/// The document as spaCy's `displacy.render(…, manual=True)` takes it.
pub fn spacy(id: &str, text: &str, doc: &Document) -> serde_json::Value {
    let spans = mentions(doc);
    let map = CharMap::new(text, spans.iter().flat_map(|s| [s.0, s.1]).collect());
    let ents: Vec<serde_json::Value> = spans
        .iter()
        .map(|&(a, b, e)| {
            json!({"start": map.chars(a), "end": map.chars(b), "label": span_label(doc.entities[e].kind)})
        })
        .collect();
    json!({"text": text, "ents": ents, "title": id})
}

/// The brat standoff annotations (`.ann`) of the document: a text-bound annotation
/// per mention, a relation per two-argument relation between the mentions of its
/// arguments nearest its evidence.
pub fn brat(text: &str, doc: &Document) -> String {
    let spans = mentions(doc);
    let map = CharMap::new(text, spans.iter().flat_map(|s| [s.0, s.1]).collect());
    let mut out = String::new();
    for (n, &(a, b, e)) in spans.iter().enumerate() {
        let shown: String =
            text[a..b].chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
        let label = span_label(doc.entities[e].kind);
        let _ = writeln!(out, "T{}\t{label} {} {}\t{shown}", n + 1, map.chars(a), map.chars(b));
    }
    let mut r = 0usize;
    for rel in &doc.relations {
        let [x, y, ..] = rel.args.as_slice() else { continue };
        let (Some(tx), Some(ty)) =
            (mention_near(doc, &spans, &x.entity, rel), mention_near(doc, &spans, &y.entity, rel))
        else {
            continue;
        };
        r += 1;
        let kind = serde_json::to_value(rel.kind).ok().and_then(|v| v.as_str().map(str::to_string));
        let kind = kind.unwrap_or_else(|| rel.kind.to_string());
        let _ = writeln!(out, "R{r}\t{kind} Arg1:T{tx} Arg2:T{ty}");
    }
    out
}

/// The `T` number of the mention of entity `id` inside the relation's evidence, else
/// its first mention.
fn mention_near(
    doc: &Document,
    spans: &[(usize, usize, usize)],
    id: &str,
    rel: &gazet::Relation,
) -> Option<usize> {
    let e = doc.entities.iter().position(|x| x.id == id)?;
    let inside = |s: &(usize, usize, usize)| {
        s.2 == e && rel.evidence.start <= s.0 && s.1 <= rel.evidence.end
    };
    let at = spans.iter().position(inside).or_else(|| spans.iter().position(|s| s.2 == e))?;
    Some(at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_tags_mentions_bio() {
        let text = "Vladimir Poetin sprak in Hamburg.";
        let doc = gazet::Extractor::new().extract(text);
        let c = conll(text, &doc);
        assert!(c.starts_with("-DOCSTART- O\n\n"));
        assert!(
            c.contains("Vladimir B-PER\nPoetin I-PER\nsprak O\nin O\nHamburg B-LOC\n. O\n\n"),
            "{c}"
        );
    }

    #[test]
    fn spacy_and_brat_count_characters() {
        let text = "In Zürich sprak Poetin met Trump.";
        let doc = gazet::Extractor::new().extract(text);
        let v = spacy("z", text, &doc);
        let poetin = v["ents"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|e| e["label"] == "PERSON")
            .expect("a person");
        let (s, e) = (
            poetin["start"].as_u64().unwrap_or(0) as usize,
            poetin["end"].as_u64().unwrap_or(0) as usize,
        );
        let got: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(got, "Poetin");
        let ann = brat(text, &doc);
        assert!(ann.contains("PERSON 16 22\tPoetin"), "{ann}");
    }
}
