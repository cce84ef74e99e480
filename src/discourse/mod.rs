//! The document layer: what one sentence leaves implicit, taken from the sentences
//! before it.
//!
//! News spreads a relation over a paragraph. A meeting is reported in one sentence and
//! its topics in the next ("Ook Libië kwam aan bod"); a summit is named once and later
//! called "de top" or "the summit", where leaders meet or which they do not attend;
//! "het gesprek met zijn Turkse ambtgenoot" leaves out who talked. The sentence rules
//! see one sentence; this layer keeps, while the rules run sentence by sentence, a
//! small model of what the document is about — its [`Salience`]:
//!
//! - the **meeting in focus**: the participants of the last meeting, for a short
//!   window of sentences (rule attribute `with=ROLE:@meeting`);
//! - the **gathering in focus**: the last named summit, forum or conference
//!   (gazetteer `gathering=yes`), which "de top", "the summit" refer back to and which
//!   `with=event:@gathering` names;
//! - the **people in focus**: the persons of the last sentences, subjects first, for an
//!   actor a phrase leaves out (`with=participant:@focus`);
//! - the **dateline**: the place a wire story is filed from ("PALM BEACH, Florida
//!   (CNN) — …"), which "arrived here" means (`with=place:@dateline`).
//!
//! Every relation made this way names the rule that used the implicit argument, and
//! its evidence span is the sentence that triggered it.
//!
//! # Example
//!
//! ```
//! use gazet::{Extractor, RelationType};
//!
//! let ex = Extractor::new();
//! let doc = ex.extract(
//!     " date 2023-03-15 Olaf Scholz en Giorgia Meloni ontmoetten elkaar dinsdag in Rome. \
//!      Ook Libië kwam aan bod.",
//! );
//! let topics: Vec<&str> = doc
//!     .relations
//!     .iter()
//!     .filter(|r| r.kind == RelationType::TalksAbout)
//!     .map(|r| doc.name_of(&r.args[1].entity))
//!     .collect();
//! assert_eq!(topics, ["Libya", "Libya"]);
//! ```

mod dateline;
mod salience;

pub(crate) use dateline::datelines;
pub(crate) use salience::Salience;
