//! Byte offsets to character offsets, for the tools that slice by character.
//!
//! The library's offsets are byte offsets into the UTF-8 text (`text[m.start..m.end]`
//! in Rust). Python and spaCy slice strings by code point, so `--offsets chars` and the
//! spaCy and brat formats rewrite every `start` and `end` of a record into character
//! offsets: all of them are collected, sorted, and mapped in one pass over the text.
//!
//! ```text
//! text "Zürich en Poetin": byte 10 ("Poetin") → char 9
//! ```

use serde_json::Value;

/// Maps byte offsets (char boundaries of `text`) to character offsets.
pub struct CharMap {
    /// Sorted `(byte, char)` pairs for every offset asked for.
    pairs: Vec<(usize, usize)>,
}

impl CharMap {
    /// The map for `offsets` (any order, duplicates allowed) in `text`.
    pub fn new(text: &str, mut offsets: Vec<usize>) -> CharMap {
        offsets.sort_unstable();
        offsets.dedup();
        let mut pairs = Vec::with_capacity(offsets.len());
        let mut chars = 0usize;
        let mut at = 0usize;
        for off in offsets {
            let off = off.min(text.len());
            chars += text.get(at..off).map_or(0, |s| s.chars().count());
            at = off.max(at);
            pairs.push((off, chars));
        }
        CharMap { pairs }
    }

    /// The character offset of byte offset `b` (one that was asked for).
    pub fn chars(&self, b: usize) -> usize {
        match self.pairs.binary_search_by_key(&b, |p| p.0) {
            Ok(i) => self.pairs[i].1,
            Err(i) => i.checked_sub(1).map_or(0, |k| self.pairs[k].1),
        }
    }
}

/// Rewrites every integer `start` and `end` in `v` (recursively) into character
/// offsets of `text`.
pub fn to_chars(v: &mut Value, text: &str) {
    let mut found = Vec::new();
    collect(v, &mut found);
    let map = CharMap::new(text, found);
    rewrite(v, &map);
}

fn collect(v: &Value, out: &mut Vec<usize>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x.as_u64()) {
                    ("start" | "end", Some(n)) => out.push(n as usize),
                    _ => collect(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

fn rewrite(v: &mut Value, map: &CharMap) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match (k.as_str(), x.as_u64()) {
                    ("start" | "end", Some(n)) => *x = Value::from(map.chars(n as usize)),
                    _ => rewrite(x, map),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| rewrite(x, map)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_bytes_to_chars() {
        let text = "Zürich en Poetin — ok";
        let poetin = text.find("Poetin").expect("in text");
        let mut v = serde_json::json!({"mentions": [{"start": poetin, "end": poetin + 6, "text": "Poetin"}],
                                        "evidence": {"start": 0, "end": text.len()}});
        to_chars(&mut v, text);
        assert_eq!(v["mentions"][0]["start"], 10);
        assert_eq!(v["mentions"][0]["end"], 16);
        assert_eq!(v["evidence"]["end"], text.chars().count());
        let chars: String = text.chars().skip(10).take(6).collect();
        assert_eq!(chars, "Poetin");
    }
}
