//! `--format html`: a page to look at, one per document, and an index for a batch.
//!
//! Each page is self-contained (inline style and script, no network): the text with
//! every mention highlighted by type, its canonical name and id on hover; the relations
//! listed with modality, tense, time, place, event and rule; a click on a relation
//! marks its evidence in the text (so does opening the page at `#rel-N`, or at
//! `?rel=N` without scrolling to the list). Everything taken from the text or the data
//! is HTML-escaped.
//!
//! The text is cut at every mention and evidence boundary into segments
//! (`<span data-b="BYTE">`), so that marking an evidence is adding a class to the
//! segments inside its byte range:
//!
//! ```text
//! <mark class="PERSON" title="Vladimir Putin (person:vladimir-putin)"><span data-b="0">Poetin</span></mark>
//! <li id="rel-0" data-start="0" data-end="48">Russia —could help with→ North Korea …</li>
//! ```

use std::fmt::Write as _;

use gazet::Document;

const STYLE: &str = "body{font:16px/1.6 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1em;border-radius:6px}
mark{border-radius:3px;padding:0 2px}mark.PERSON{background:#cfe3ff}mark.COUNTRY{background:#d7f5d0}
mark.LOCATION{background:#e6f5c9}mark.ORGANIZATION{background:#ffe3b8}mark.EVENT{background:#f3d1f5}
.ev{background:#ffc9c9;box-shadow:0 2px 0 #d33}li.rel{cursor:pointer;margin:.3em 0}li.rel.on{font-weight:bold}
.meta{color:#666;font-size:90%}table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left}";

const SCRIPT: &str = "function mark(li){document.querySelectorAll('.ev').forEach(function(e){e.classList.remove('ev')});
document.querySelectorAll('li.rel.on').forEach(function(e){e.classList.remove('on')});
var a=+li.dataset.start,b=+li.dataset.end;li.classList.add('on');
document.querySelectorAll('.text span[data-b]').forEach(function(s){var x=+s.dataset.b;if(x>=a&&x<b){s.classList.add('ev')}})}
document.querySelectorAll('li.rel').forEach(function(li){li.addEventListener('click',function(){mark(li)})});
var q=location.search.match(/[?&]rel=(\\d+)/);var want=q?'rel-'+q[1]:location.hash.slice(1);
if(want){var li=document.getElementById(want);if(li){mark(li)}}";

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page of one document.
pub fn page(id: &str, text: &str, doc: &Document) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n<p class=\"meta\">language {} · {} entities · {} relations</p>\n",
        esc(id),
        esc(id),
        doc.lang,
        doc.entities.len(),
        doc.relations.len()
    );
    out.push_str("<div class=\"text\">");
    out.push_str(&marked_text(text, doc));
    out.push_str("</div>\n<h2>Relations</h2>\n<ol>\n");
    for (i, r) in doc.relations.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li class=\"rel\" id=\"rel-{i}\" data-start=\"{}\" data-end=\"{}\">{}</li>",
            r.evidence.start,
            r.evidence.end,
            esc(&relation_text(doc, r))
        );
    }
    out.push_str("</ol>\n<h2>Entities</h2>\n<table><tr><th>name</th><th>type</th><th>id</th><th>mentions</th></tr>\n");
    for e in &doc.entities {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.name),
            e.kind,
            esc(&e.id),
            e.mentions.len()
        );
    }
    let _ = write!(out, "</table>\n<script>{SCRIPT}</script>\n</body></html>\n");
    out
}

/// The text with mentions in `<mark>` and cut into segments at every boundary.
fn marked_text(text: &str, doc: &Document) -> String {
    let mut mentions: Vec<(usize, usize, &gazet::Entity)> = doc
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (m.start, m.end, e)))
        .filter(|m| m.0 < m.1 && m.1 <= text.len())
        .collect();
    mentions.sort_by_key(|m| m.0);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(mentions.iter().flat_map(|m| [m.0, m.1]));
    cuts.extend(doc.relations.iter().flat_map(|r| [r.evidence.start, r.evidence.end]));
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    let mut k = 0usize;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while k < mentions.len() && mentions[k].1 <= a {
            k += 1;
        }
        let m = mentions.get(k).filter(|m| m.0 <= a);
        if let Some(&(s, _, e)) = m.filter(|m| m.0 == a) {
            let _ = write!(
                out,
                "<mark class=\"{}\" title=\"{}\">",
                e.kind,
                esc(&format!("{} ({})", e.name, e.id))
            );
            debug_assert_eq!(s, a);
        }
        let _ = write!(out, "<span data-b=\"{a}\">{}</span>", esc(&text[a..b]));
        if m.is_some_and(|m| m.1 == b) {
            out.push_str("</mark>");
        }
    }
    out
}

/// "Russia —could help with→ North Korea · possible · future · rule nl/help/…".
fn relation_text(doc: &Document, r: &gazet::Relation) -> String {
    let (head, attrs) = crate::output::relation_parts(doc, r);
    std::iter::once(head).chain(attrs).collect::<Vec<_>>().join(" · ")
}

/// The index page of a batch: (id, file name, entities, relations) per document.
pub fn index(docs: &[(String, String, usize, usize)]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>gazet</title><style>{STYLE}</style></head><body>\n<h1>{} documents</h1>\n<table><tr><th>document</th><th>entities</th><th>relations</th></tr>\n",
        docs.len()
    );
    for (id, file, e, r) in docs {
        let _ = writeln!(
            out,
            "<tr><td><a href=\"{}\">{}</a></td><td>{e}</td><td>{r}</td></tr>",
            esc(file),
            esc(id)
        );
    }
    out.push_str("</table>\n</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_marks() {
        assert_eq!(
            esc("<b>\"O'Neil\" & co</b>"),
            "&lt;b&gt;&quot;O&#39;Neil&quot; &amp; co&lt;/b&gt;"
        );
        let text = "<Poetin> sprak met Trump & Xi.";
        let doc = gazet::Extractor::new().extract(text);
        let p = page("a<b>.txt", text, &doc);
        assert!(p.contains("<title>a&lt;b&gt;.txt</title>"));
        assert!(p.contains("&lt;"), "the text is escaped");
        assert!(!p.contains("<Poetin>"));
        assert!(
            p.contains("<mark class=\"PERSON\" title=\"Vladimir Putin (person:vladimir-putin)\">"),
            "{p}"
        );
    }

    /// Untrusted text, names and rule ids never become markup: the page's own script
    /// is its only one.
    #[test]
    fn script_tags_and_quotes_anywhere_stay_text() {
        let gaz = "entity\tperson:evil-eve\tPERSON\tEve <script>alert('name')</script>\nalias\t*\tname\tEvil Eve\n";
        let rules = "lang nl\nrule x\"><script>alert(1)</script> = meeting: <participant:PERSON> ~3 ^ontmoette ~3 <participant:PERSON>\n";
        let ex = gazet::Extractor::builder()
            .default_rules(false)
            .gazetteer_str("evil.tsv", gaz)
            .rules_str("evil.rules", rules)
            .build()
            .expect("builds");
        let text = "<script>alert(\"text\")</script> Evil Eve ontmoette Poetin. \"'><img src=x onerror=alert(1)>";
        let doc = ex.extract_with(text, Some(gazet::Lang::Nl), None);
        assert!(doc.relations.iter().any(|r| r.rule.contains("<script>")), "the rule fired");
        let id = "doc\"><script>alert('id')</script>";
        for p in [page(id, text, &doc), index(&[(id.to_string(), "x.html".into(), 1, 1)])] {
            assert!(p.matches("<script>").count() <= 1, "{p}");
            assert!(!p.contains("<script>alert"), "{p}");
            assert!(!p.contains("<img"), "{p}");
            assert!(!p.contains("\"><script") && !p.contains("'><img"), "{p}");
        }
    }
}
