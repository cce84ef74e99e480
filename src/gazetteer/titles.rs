//! Titles of posts as written in running text ("premier", "buitenlandminister",
//! "Secretary of State") and the canonical titles they stand for.
//!
//! File format (`gazetteers/titles.tsv`): tab-separated `lang`, `forms` (separated by
//! `|`, matched case-insensitively on whole tokens) and the canonical English title.

use std::sync::Arc;

use crate::error::{Error, Location};

/// One title form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TitleForm {
    pub form: String,
    pub lang: &'static str,
    /// Index into [`Titles::canonical`].
    pub title: u16,
}

/// The title lexicon.
#[derive(Clone, Debug, Default)]
pub(crate) struct Titles {
    pub forms: Vec<TitleForm>,
    pub canonical: Vec<String>,
    /// Per canonical title: the organization it implies, if any ("pope": the
    /// Holy See), for descriptions without a country ("de paus").
    pub implied: Vec<Option<String>>,
}

impl Titles {
    pub(crate) fn add_source(&mut self, file: &str, source: &str) -> Result<(), Error> {
        let source = crate::error::without_bom(source);
        let file: Arc<str> = Arc::from(file);
        let mut offset = 0usize;
        for (line_no, raw) in source.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let at = |i: usize| {
                let col: usize = f.iter().take(i).map(|x| x.len() + 1).sum();
                Location::in_line(&file, line_no + 1, raw, start, col)
            };
            if f.len() != 3 && f.len() != 4 {
                return Err(Error::gazetteer(
                    format!(
                        "a title line has 3 tab-separated fields (lang, forms, title) and an optional implied organization id, found {}",
                        f.len()
                    ),
                    at(0),
                ));
            }
            let lang = match f[0] {
                "nl" => "nl",
                "en" => "en",
                "de" => "de",
                "fr" => "fr",
                other => {
                    return Err(Error::gazetteer(
                        format!("unknown language \"{other}\": expected en, nl, de or fr"),
                        at(0),
                    ))
                }
            };
            let title = f[2].trim().to_lowercase();
            if title.is_empty() {
                return Err(Error::gazetteer("empty title", at(2)));
            }
            let org = f.get(3).map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
            let ti = match self.canonical.iter().position(|t| *t == title) {
                Some(i) => i,
                None => {
                    self.canonical.push(title);
                    self.implied.push(org.clone());
                    self.canonical.len() - 1
                }
            };
            // the organization belongs to the canonical title, so to every line of it:
            // one line's organization would silently change what all the others mean
            if self.implied[ti] != org {
                return Err(Error::gazetteer(
                    format!(
                        "the title \"{}\" is given {} elsewhere; an implied organization holds for every form of a title, so give this line a title of its own (as \"pope\" for \"paus\")",
                        self.canonical[ti],
                        self.implied[ti].as_deref().map_or("no organization".to_string(), |o| format!("the organization {o}")),
                    ),
                    at(if f.len() == 4 { 3 } else { 2 }),
                ));
            }
            for form in f[1].split('|') {
                let form = form.trim();
                if form.is_empty() {
                    return Err(Error::gazetteer("empty title form", at(1)));
                }
                self.forms.push(TitleForm { form: form.to_string(), lang, title: ti as u16 });
            }
        }
        Ok(())
    }

    pub(crate) fn name(&self, i: u16) -> &str {
        self.canonical.get(i as usize).map_or("", String::as_str)
    }
}

/// Whether a title as written matches a post's canonical title: the same, or a
/// looser word for it ("leader" for a president, "foreign minister" for the US
/// secretary of state).
pub(crate) fn title_matches(written: &str, post: &str) -> bool {
    written == post
        // "minister Blok": a minister of some department ("foreign minister"), not the
        // prime minister
        || (written == "minister" && post.ends_with(" minister") && post != "prime minister")
        || matches!(
            (written, post),
            ("foreign minister", "secretary of state")
                | (
                    "leader",
                    "president"
                        | "prime minister"
                        | "supreme leader"
                        | "general secretary"
                        | "chancellor"
                        | "secretary-general"
                )
                | ("president", "general secretary")
        )
}
