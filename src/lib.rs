//! gazet reads news text, Dutch and English first, and returns **who and what** is
//! mentioned (people, countries, places, organizations, events) and **how they
//! relate** (who meets whom, who could help with what, who visits where, who holds
//! which post), with modality, tense, time and place. It is rule-based and
//! explainable: every entity mention points to its byte span and gazetteer entry,
//! every relation to its evidence span and the id of the rule that made it.
//!
//! # Overview
//!
//! ```text
//! text ─▶ tokenize ─▶ gazetteer match ─▶ resolve ─▶ rules ─▶ Document (serde)
//! ```
//!
//! * [`Extractor`] runs the pipeline. [`Extractor::new`] gives the shared default
//!   (embedded Dutch and English data and rules); [`Extractor::builder`] adds or
//!   replaces gazetteer and rule files. It is `Send + Sync` and cheap to clone.
//! * [`Document`] is the result: [`Entity`]s with their [`Mention`]s, and
//!   [`Relation`]s with [`Argument`]s, [`Modality`], [`Tense`], [`TimeValue`],
//!   place, event and evidence. With the `serde` feature it is the JSON contract
//!   other tools read (see [`model`]).
//! * [`Gazetteer`] and [`RuleSet`] are the data, with their file formats in
//!   [`gazetteer`] and [`rules`]; bad data is an [`Error`] with a [`Location`].
//!
//! # Example: entities
//!
//! ```
//! use gazet::{Extractor, EntityType};
//!
//! let ex = Extractor::new();
//! let doc = ex.extract("De Russen kunnen ons helpen met Noord-Korea, zei Trump.");
//! let russia = doc.entity("country:RU").unwrap();
//! assert_eq!((russia.name.as_str(), russia.kind), ("Russia", EntityType::Country));
//! assert_eq!(russia.mentions[0].text, "Russen");
//! ```
//!
//! # Example: relations
//!
//! ```
//! use gazet::{Extractor, Modality, RelationType};
//!
//! let ex = Extractor::new();
//! let doc = ex.extract(" date 2017-11 De Russen kunnen ons helpen met Noord-Korea.");
//! let r = &doc.relations[0];
//! assert_eq!(r.kind, RelationType::HelpWith);
//! assert_eq!(r.modality, Modality::Possible);
//! assert_eq!(r.label, "could help with");
//! assert_eq!(doc.name_of(&r.args[0].entity), "Russia");
//! assert_eq!(doc.name_of(&r.args[1].entity), "North Korea");
//! assert_eq!(r.rule, "nl/help/helpen-met");
//! ```
//!
//! # Example: your own data
//!
//! ```
//! use gazet::Extractor;
//!
//! let people = "entity\tperson:eva-jansen\tPERSON\tEva Jansen\nalias\t*\tshort\tJansen\n";
//! let rules = "lang nl\nrule my/meeting/lunch = meeting: <participant:PERSON> ~4 ^luncht ~2 met <participant:PERSON>\n";
//! let ex = Extractor::builder()
//!     .gazetteer_str("people.tsv", people)
//!     .rules_str("my.rules", rules)
//!     .build()?;
//! let doc = ex.extract("Eva Jansen luncht vandaag met Mark Rutte in Den Haag.");
//! assert!(doc.relations.iter().any(|r| r.rule == "my/meeting/lunch"));
//! # Ok::<(), gazet::Error>(())
//! ```
//!
//! # Semantics
//!
//! * **Offsets** are byte offsets into the text passed in: `text[m.start..m.end]` is
//!   the mention. A leading ` date YYYY-MM[-DD]` line sets the document date and is
//!   not read as text.
//! * **Entities**: one per real-world thing per document. Gazetteer matches are
//!   token-aligned and leftmost-longest; the resolver merges
//!   surname-only, given-name-only, genitive, demonym and abbreviation mentions and
//!   gives names after titles a document-local id (`local:person:…`).
//! * **Relations** come only from rules: two names in one sentence with no trigger
//!   give nothing. Modality and tense come from cue words near the match, the time
//!   from a time expression in the clause (see [`time`]), placed against the
//!   document date.
//!
//! # Performance
//!
//! Build the extractor once and share it (clones share one `Arc`); for many texts use
//! [`Extractor::extract_many`], which reads them on every core. Each token is looked up
//! once in a lexicon of every word the data knows; the gazetteer is one Aho-Corasick
//! automaton over those word ids, so its cost follows the text, not the number of
//! entries (a million entries match as fast as ten thousand). Rule triggers are one
//! more automaton pass over the sentences that hold a mention; rules run only where
//! their triggers occur. The tokenizer has an ASCII fast path and does not allocate per
//! token. Throughput is measured by `cargo bench` and compared with FlashText and
//! spaCy by `benches/compare/` (see `benches/README.md`).
//!
//! # Untrusted input
//!
//! [`Extractor::extract`] never fails and never panics, whatever the string: empty,
//! huge, binary noise, control characters, RTL or emoji. The test suite feeds it
//! random and adversarial strings and checks every returned offset.
//!
//! # Data files
//!
//! Gazetteers (`gazetteers/*.tsv`, format in `gazetteers/FORMAT.md` and the
//! [`gazetteer`] module) and rule files (`gazetteers/rules/*.rules`, syntax in the
//! [`rules`] module) are plain text. A malformed line is an [`Error`] naming file,
//! line and column; nothing is skipped silently.
//!
//! # Crate features
//!
//! * `serde` (default): `Serialize`/`Deserialize` for the document model.
//! * `embedded-data` (default): the bundled gazetteers and rule files. Without it
//!   [`Extractor::new`] has no data; give your own through the builder.
//!
//! No feature changes results for the same data.
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![deny(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod chars;
mod couples;
mod discourse;
mod error;
mod extractor;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod fxhash;
pub mod gazetteer;
mod lang;
mod lexicon;
pub mod model;
mod names;
mod resolve;
pub mod rules;
pub mod time;
pub mod tokenize;

pub use error::{Error, ErrorKind, Location};
pub use extractor::{Extractor, ExtractorBuilder};
pub use gazetteer::{Entry, Gazetteer, Gender};
pub use model::{
    Argument, Date, Document, Entity, EntityType, Evidence, Lang, LangSpan, Link, LinkKind,
    Mention, MentionKind, Modality, Relation, RelationType, Role, Span, Tense, TimeValue,
};
pub use rules::RuleSet;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
